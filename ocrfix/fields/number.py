"""Document symbols (số, ký hiệu): parsed into their parts, and repaired from the rest of the document.

>>> parse_number("29/2019/QD-UBND")["type_code"]
'QĐ'
>>> parse_number("1140/STTTT-TTBCXB")["issuer_code"]
'STTTT-TTBCXB'
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..doc_codes import official_part
from .anchors import NUMBER_RE, PARTY_NUMBER_RE, SEPARATED_NUMBER_RE
from .schema import TYPE_CODES


def normalize_code(code: str) -> str:
    """One symbol part with Đ restored: normalize_code('QD') == 'QĐ', 'HDND' → 'HĐND'."""
    code = "".join(ch if ch in "ĐđÐ" else (unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch)
                   for ch in code)
    code = code.replace("Ð", "Đ").replace("đ", "Đ")
    return official_part(code)


def parse_number(text: str, doc_is_cong_van: bool = False) -> dict[str, Any] | None:
    """Parse a document symbol.

    >>> parse_number("29/2019/QD-UBND")["type_code"]
    'QĐ'
    >>> parse_number("1140/STTTT-TTBCXB")["issuer_code"]
    'STTTT-TTBCXB'
    """
    text = text.strip()
    m = NUMBER_RE.match(text)
    if m:
        seq_s, year_s, codes_s = m.group(1), m.group(2), m.group(3)
        parts = [normalize_code(p) for p in re.split(r" ?- ?", re.sub(r"\s+", " ", codes_s)) if p]
        seq_s = seq_s.replace(" ", "")
        seq: int | float | str = int(seq_s) if seq_s.isdigit() else seq_s
        type_code = None
        if parts and parts[0] in TYPE_CODES and (len(parts) >= 2 or parts[0] in ("L",)):
            if not (doc_is_cong_van and parts[0] != "CV"):
                type_code = parts[0]
        issuer_parts = parts[1:] if type_code else parts
        full = f"{seq_s}/" + (f"{year_s}/" if year_s else "") + "-".join(parts)
        return {"full": full, "seq": seq, "year": int(year_s) if year_s else None, "type_code": type_code,
                "issuer_code": "-".join(issuer_parts) or None}
    m = PARTY_NUMBER_RE.match(text)
    if m:
        t, iss = normalize_code(m.group(2)), "-".join(normalize_code(p) for p in m.group(3).split("-"))
        return {"full": f"{m.group(1)}-{t}/{iss}", "seq": int(m.group(1)), "year": None, "type_code": t,
                "issuer_code": iss}
    m = SEPARATED_NUMBER_RE.fullmatch(text)
    if m:  # "02-02/26/PT-NC": the sequence keeps its separators; a two-digit year is no year to report
        parts = [normalize_code(p) for p in m.group(3).split("-")]
        return {"full": f"{m.group(1)}/{m.group(2)}/" + "-".join(parts), "seq": m.group(1), "year": None,
                "type_code": None, "issuer_code": "-".join(parts)}
    return None


_CODE_TOKEN = re.compile(r"(?<![\w/-])[A-ZĐ][A-ZĐ0-9]{1,7}(?![\w/])")


def _near(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart (a ≠ b)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


# letter pairs OCR confuses in capitals (either way)
_CONFUSABLE = {frozenset(p) for p in ("CG", "CO", "OQ", "O0", "DO", "D0", "IL", "I1", "L1", "IT", "S5", "B8",
                                       "Z2", "G6", "UV", "EF", "PR", "HN", "MN", "ĐD", "CE", "KX")}


def _confusable(a: str, b: str) -> bool:
    """Same length and the one differing letter is a pair OCR confuses ('GTCS' / 'CTCS')."""
    return len(a) == len(b) and any(x != y and frozenset((x, y)) in _CONFUSABLE for x, y in zip(a, b))


def repair_symbol(num: dict[str, Any], rest: str, is_cv: bool) -> dict[str, Any]:
    """A symbol OCR misread, repaired from the codes the same document prints elsewhere ('Lưu: VT, CS',
    'Website CT', other numbers): '5348/GTCS' → '5348/CT-CS' when exactly one pair of those codes is one letter
    away. Symbols with a known type code, a year, or whose parts all occur in the document are left alone."""
    if num.get("year") is not None or num.get("type_code") or "/" not in num["full"] or "-" in num["full"]:
        return num
    sym = num["full"].split("/")[-1]
    codes = {m.group(0) for m in _CODE_TOKEN.finditer(rest)}
    if len(sym) < 3 or sym in codes or sym in TYPE_CODES:
        return num
    # one letter lost or gained, or one letter read as a look-alike: 'GTCS' is CT-CS (C read as G), not KT-CS
    cands = {f"{a}-{b}" for a in codes for b in codes if a != b and _near(sym, a + b) and
             (len(a + b) != len(sym) or _confusable(sym, a + b))}
    if len(cands) != 1:
        return num
    return parse_number(num["full"][:-len(sym)] + cands.pop(), doc_is_cong_van=is_cv) or num


def initials(name: str | None) -> str:
    """The abbreviation of a body's name as its codes print it: 'CỤC HẢI QUAN' → 'CHQ', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO'
    → 'SGDĐT' ('và' left out)."""
    words = [w for w in re.findall(r"[^\W\d_]+", name or "") if w.lower() != "và"]
    return "".join(normalize_code(w[0].upper()) for w in words)


def mend_codes(num: dict[str, Any], issuer: str | None, filing_codes: list[str], is_cv: bool) -> dict[str, Any]:
    """An OCR'd symbol's codes mended from the issuer's name and the filing line ('Lưu: VT, GDTXNNĐH'), which
    Decree 30 ties to it: a part one look-alike letter from the issuer's initials is them ('TB-CHO' → 'TB-CHQ'
    under 'CỤC HẢI QUAN'); a part that ends with a code of four letters or more of the filing line, after a code
    of its own, lost the hyphen between them ('SGDĐTGDTXNNĐH' → 'SGDĐT-GDTXNNĐH')."""
    full = num.get("full")
    if not full or "/" not in full:
        return num
    head, sym = full.rsplit("/", 1)
    parts = sym.split("-")
    own = initials(issuer)
    fixed = [own if len(own) >= 2 and p not in (own, num.get("type_code")) and _confusable(p, own) else p
             for p in parts]
    if len(fixed) == 1 and fixed[0] not in TYPE_CODES:
        for c in sorted(set(filing_codes), key=len, reverse=True):
            p = fixed[0]
            if len(c) >= 4 and p.endswith(c) and len(p) - len(c) >= 2:
                fixed = [p[:-len(c)], c]
                break
    if fixed == parts:
        return num
    return parse_number(f"{head}/{'-'.join(fixed)}", doc_is_cong_van=is_cv) or num
