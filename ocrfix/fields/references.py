"""Documents cited in the text: type, number, date, issuer.

>>> parse_references("theo Quyết định số 29/2019/QĐ-UBND ngày 30/8/2019 của UBND tỉnh Hà Nam về việc ban hành")
[{'type': 'Quyết định', 'number': '29/2019/QĐ-UBND', 'date': '2019-08-30', 'issuer': 'UBND tỉnh Hà Nam'}]
"""
from __future__ import annotations

import re
from typing import Any

from .anchors import DATE_SLASH_RE, DATE_WORDS_RE, NOI_NHAN_RE, NUMBER_RE, PARTY_NUMBER_RE, fold, iso_date
from .number import parse_number
from .schema import REF_TYPES, TYPE_CODES

__all__ = ["parse_references"]

_FOLDED_TYPES = [(fold(t), t) for t in REF_TYPES]
# lower-case words that end an issuer name ("của UBND tỉnh Hà Nam về việc …")
_STOP = {"ve", "quy", "huong", "ban", "duoc", "de", "tai", "tren", "theo", "da", "voi", "nay", "gui", "thuoc",
         "phe", "trien", "thuc", "sua", "ap", "giao", "co", "la", "het", "trong", "doi", "cho", "ngay",
         "so", "den", "khi", "neu", "kem", "hoac", "gom", "nhu", "ma", "vao", "lien", "dong", "cap", "chi",
         "bai", "ket", "yeu", "quyet", "nham", "dieu", "can", "tu", "sau", "tiep", "nang",
         "xay", "tham", "lay", "chap", "va", "tam", "cac", "mot", "ho", "giai", "tra", "khac", "phan"}
_NAME_OK = {"nhan", "dan", "tinh", "thanh", "pho", "huyen", "xa", "phuong", "quan", "thi", "tran", "chinh",
            "phu", "va", "trung", "uong", "nuoc", "khoa", "dang", "hanh", "cong", "an", "nha"}


def _canon_type(t: str) -> str:
    t = re.sub(r"\s+", " ", t.strip())
    for ft, canon in _FOLDED_TYPES:
        if fold(t) == ft:
            return canon
    return t[:1].upper() + t[1:]


def _issuer_after(text: str, pos: int) -> str | None:
    """Issuer after "của" at `pos`: capitalised words and a few name words, up to a stop word."""
    m = re.match(r"\s*,?\s*(\w{3,4})\s+", text[pos:pos + 12])
    # "của" and what legacy OCR makes of it ("cia", "cta", "ctia")
    if not m or fold(m.group(1)) not in ("cua", "cia", "cta", "ctia", "cda", "ciia"):
        return None
    s = text[pos + m.end():pos + m.end() + 160]
    words: list[str] = []
    for tok in re.finditer(r"[^\s,;.()]+|[,;.()]", s):
        w = tok.group(0)
        if w in (";", ".", "(", ")"):
            break
        if w == ",":
            nxt = s[tok.end():].lstrip()
            if nxt[:1].isupper() and words:
                words.append(",")
                continue
            break
        fw = fold(w)
        if not words:
            if not (w[:1].isupper() or w[:1].isdigit()):
                break
            words.append(w)
        elif fw in _STOP and fw not in _NAME_OK and not (w[:1].isupper() and not w.isupper()):
            break
        elif fw == "va" and not s[tok.end():].lstrip()[:1].isupper():
            break
        else:
            words.append(w)
        if len(words) >= 14:
            break
    while words and (words[-1] == "," or fold(words[-1]) in ("va",)):
        words.pop()
    out = " ".join(words).replace(" ,", ",")
    return out or None


def appendix_self_numbers(text: str) -> set[str]:
    """Folded numbers in appendix headings after "Nơi nhận" ("(Kèm theo Quyết định số 2629/QĐ-TTg …)"): they
    name the document itself, even when its own header is missing."""
    f = fold(text)
    nn = [m.end() for m in NOI_NHAN_RE.finditer(f)]
    if not nn:
        return set()
    out = set()
    for m in re.finditer(r"(?:^|\()\s*(?:ban hanh\s+)?kem\s+theo\b[^)\n]*", f[nn[-1]:], re.M):
        seg = text[nn[-1] + m.start():nn[-1] + m.end()]
        for mm in NUMBER_RE.finditer(seg):
            num = parse_number(mm.group(0))
            if num:
                out.add(fold(num["full"]).replace(" ", ""))
    return out


def _ref_type(pre_so: str, num: dict[str, Any], key: str, last_type: str | None) -> str | None:
    """The cited document's type: the nearest type name before its "số" in the same clause; after ", " or
    "và" the type of the previous reference; else what its symbol's type code (or a /QH suffix) says."""
    rtype = None
    clause = re.split(r"[;:.]\s|\n", pre_so)[-1]
    best = -1
    for ft, canon in _FOLDED_TYPES:
        for mt in re.finditer(r"(?<![a-z])" + re.escape(ft) + r"(?![a-z])", clause):
            if mt.start() > best or (mt.start() == best and len(ft) > len(fold(rtype or ""))):
                best, rtype = mt.start(), canon
    if rtype is not None and clause[best + len(fold(rtype)):].strip(" ,") not in ("", ) and \
            len(clause[best:].split()) > 9:
        rtype = None
    if rtype is None:
        if re.search(r"(,|va)\s*$", clause.strip()) and last_type:
            rtype = last_type
        elif num["type_code"] and num["type_code"] in TYPE_CODES:
            rtype = _canon_type(TYPE_CODES[num["type_code"]].lower())
        elif re.search(r"/qh\d+$", key):
            rtype = "Luật"
    return rtype


def _date_after(f: str, end: int) -> tuple[str | None, int]:
    """(ISO date, end) of "ngày 30/8/2019" or "ngày 20 tháng 11 năm 2020" right after position `end` of the
    folded text, or (None, end); a dangling '-' is allowed ("số 68/QĐ- ngày 10/02/2017")."""
    after = f[end:end + 50]
    lead = len(re.match(r"-?\s*,?\s*(?:ban hanh\s+)?", after)[0])  # type: ignore[index]  # always matches
    md = re.match(r"ng[a-z]y\s*", after[lead:])
    if md:
        m1 = DATE_SLASH_RE.match(f, end + lead + md.end())
        m2 = DATE_WORDS_RE.match(f, end + lead)
        if m1:
            return iso_date(m1.group(1), m1.group(2), m1.group(3)), m1.end()
        if m2:
            return iso_date(m2.group(1), m2.group(2), m2.group(3)), m2.end()
    return None, end


def _merge_mention(old: dict[str, Any], ref: dict[str, Any]) -> None:
    """A later mention of the same number fills gaps; a mention in running text wins over one in a
    capitalised title for the issuer."""
    for k in ("type", "date", "issuer"):
        if ref[k] is not None and (old[k] is None or (k == "issuer" and old[k].isupper() and not ref[k].isupper())):
            old[k] = ref[k]


def parse_references(text: str, own_number: str | None = None) -> list[dict[str, Any]]:
    """Every cited document with a number, in order of first mention; the document's own number excluded."""
    f = fold(text)
    found: dict[str, dict[str, Any]] = {}
    own = fold(own_number).replace(" ", "") if own_number else None
    selves = appendix_self_numbers(text)
    spans = [(m, "std") for m in NUMBER_RE.finditer(text)] + [(m, "party") for m in PARTY_NUMBER_RE.finditer(text)]
    spans.sort(key=lambda x: x[0].start())
    last_type = None
    for m, kind in spans:
        start, end = m.start(), m.end()
        pre = f[max(0, start - 90):start]
        # must be introduced by "số" (or follow a type name directly)
        ms = re.search(r"(?:^|[^a-z0-9])s[o0b6]\s*:?\s*$", pre)
        if not ms:
            continue
        if re.search(r"(?:^|[^a-z])mau\s*(?:so\s*:?\s*)?$", pre[:ms.start() + 1].rstrip() + " ", re.S) or \
                re.search(r"mau\s+$", pre[:ms.start() + 1]):
            continue  # "mẫu số 03/TNDN": a form, not a document
        num = parse_number(m.group(0))
        if not num:
            continue
        if num["year"] is None and kind == "std" and not num["type_code"] and "-" not in num["full"] and \
                not re.search(r"[A-Z]", num["full"].split("/")[-1]):
            continue
        key = fold(num["full"]).replace(" ", "")
        if (own and key == own) or key in selves:
            continue
        rtype = last_type = _ref_type(pre[:ms.start() + 1], num, key, last_type)
        date, dpos = _date_after(f, end)
        ref = {"type": rtype, "number": num["full"], "date": date, "issuer": _issuer_after(text, dpos)}
        if key in found:
            _merge_mention(found[key], ref)
        else:
            found[key] = ref
    return list(found.values())
