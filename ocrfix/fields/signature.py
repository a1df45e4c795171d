"""Signature block (signer), "Nơi nhận:" recipients, "Kính gửi:" addressees and signature timestamps.

>>> t = "Nơi nhận:\\n- Như trên;\\n- Lưu: VT.\\n\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\nNguyễn Văn A"
>>> s = parse_signer(t); (s["authority"], s["title"], s["name"])
('KT.', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A')
>>> parse_recipients(t)
['Như trên', 'Lưu: VT']
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from .anchors import KINH_GUI_RE, NAME_WORD_RE, NOI_NHAN_RE, fold, fold_line, is_caps

__all__ = ["parse_signer", "parse_recipients", "parse_addressees", "parse_signed_at", "untangle_bottom"]

_AUTH_RE = re.compile(r"^\s*(?:(T\s*/\s*M|TM|KT|TL|TUQ)(?:\s*[.,:]\s*|\s+)|(Q)\.\s*)(?=[A-ZĐÀ-Ỹ])")
_BULLETS = ("-", "–", "—", "+", "•", "~", "_", "=", "*", "·")
_BARE_AUTH = re.compile(r"^\s*(T\s*/\s*M|TM|KT|TL|TUQ|Q)\s*[.,:]?\s*$")
_TITLE_HEADS = ("pho ", "thu truong", "thu tuong", "chu tich", "chu nhiem", "bo truong", "truong ", "cuc truong",
                "giam doc", "chanh ", "tong ", "vien truong", "vu truong", "thong doc", "bi thu", "uy vien",
                "kiem toan", "truong ban", "pho truong", "quyen ")
_RANKS = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
          "Thiếu tá", "PGS.TS.", "GS.TS.", "PGS. TS.", "GS. TS.", "TS.", "ThS.")
_TS_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")
_TS_VN_RE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")


def _clean_name(line: str) -> str:
    """Drop OCR debris tokens (no letters: ':', '—') from a name line."""
    return " ".join(t for t in line.split() if any(c.isalpha() for c in t))


def _is_name(line: str) -> bool:
    """'Nguyễn Văn A', 'Phạm Thị Minh Hiền' (2–6 capitalised words, an optional rank before)."""
    s = _strip_rank(_clean_name(line.strip()))[1]
    words = s.split()
    if not 2 <= len(words) <= 6:
        return False
    if not all(re.search(r"[aeiouy]", fold(w)) or len(w.rstrip(".")) <= 1 for w in words):
        return False  # 'Xxz Xv' (handwriting read as letters) has no vowels
    return all(NAME_WORD_RE.fullmatch(w) or (len(w) <= 2 and w[:1].isupper()) for w in words) and \
        sum(1 for w in words if NAME_WORD_RE.fullmatch(w)) >= 2


def _strip_rank(s: str) -> tuple[str | None, str]:
    for r in _RANKS:
        if fold(s).startswith(fold(r) + " "):
            return r, s[len(r):].strip()
    return None, s


def _logical_lines(block: list[str]) -> list[str]:
    """Join wrapped caps lines: 'TM. ỦY BAN NHÂN' + 'DÂN' → one line; a new line opens with a head word."""
    out: list[str] = []
    for line in block:
        line = line.strip()
        f = fold_line(line)
        if out and (out[-1].endswith(",") or _BARE_AUTH.match(out[-1]) or not (_AUTH_RE.match(line) or f.startswith(_TITLE_HEADS))):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _head(s: str) -> str:
    """A block line without leading debris ('-_ PHÓ TRƯỞNG BAN' → 'PHÓ TRƯỞNG BAN')."""
    return re.sub(r"^[\W_]+", "", s).strip()


def _is_debris(raw: str) -> bool:
    """Seal and handwriting debris OCR reads around a signature: 'SN', '/N ĐẨY', '` là', 'Xxz'."""
    s = raw.strip()
    letters = [c for c in s if c.isalpha()]
    if len(letters) <= 1 or (len(letters) == 2 and s.isascii()):  # 'SN', 'A' — but 'TẾ', 'BỘ' are words
        return True
    if re.search(r"[^\w\s.,:;()&'’-]", s):  # symbols a title never has
        return True
    return not is_caps(s)


def _opens_block(line: str) -> bool:
    h = _head(line)
    return bool(h) and is_caps(h) and len(h) <= 90 and not line.lstrip().startswith(_BULLETS[:4]) and (
        bool(_AUTH_RE.match(h)) or bool(_BARE_AUTH.match(h)) or fold_line(h).startswith(_TITLE_HEADS))


def _blocks(lines: list[str]) -> list[tuple[int, list[str], str]]:
    """Candidate signature blocks, read downwards from the first authority/title line to the signer's name
    (skipping seal/handwriting debris): (index of the name line, block lines, name)."""
    out = []
    i = 0
    n = len(lines)
    while i < n:
        if not _opens_block(lines[i]) or (i > 0 and _opens_block(lines[i - 1])):
            i += 1
            continue
        block = [_head(lines[i])]
        k = i + 1
        titled = not (_AUTH_RE.match(block[0]) or _BARE_AUTH.match(block[0]))
        name_at = None
        gap = 0
        while k < n and k <= i + 14:
            raw = lines[k].strip()
            h = _head(raw)
            k += 1
            if not raw:
                continue
            if _is_name(raw) and not is_caps(raw):
                name_at = k - 1
                break
            if not titled and h and not _is_debris(h) and is_caps(h) and (gap == 0 or _opens_block(h)):
                cont = block[-1].endswith(",") or bool(_BARE_AUTH.match(block[-1]))
                if cont and gap and _opens_block(h):
                    cont = False  # a title after debris: not the wrapped end of the line above
                    block[-1] = block[-1].rstrip(" ,")
                block.append(h)
                titled = not cont and not (_AUTH_RE.match(h) or _BARE_AUTH.match(h)) and fold_line(h).startswith(_TITLE_HEADS)
                continue
            if titled and gap == 0 and h and _opens_block(h) and not _is_debris(h) and \
                    not (_AUTH_RE.match(h) or _BARE_AUTH.match(h)):
                block.append(h)  # a second title: "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" / "PHÓ THỦ TƯỚNG"
                continue
            if titled and gap == 0 and is_caps(h) and len(h.split()) == 1 and not _is_debris(raw):
                block.append(h)  # "TM. ỦY BAN NHÂN" / "DÂN", "PHÓ CHÁNH VĂN" / "PHÒNG"
                continue
            if len(raw) > 60 and not is_caps(raw):
                break  # running text: not a signature block
            gap += 1
        if name_at is not None:
            out.append((name_at, block, _clean_name(lines[name_at].strip())))
            i = name_at + 1
        else:
            i += 1
    return out


def _score(block: list[str]) -> bool:
    f = fold_line(" ".join(block))
    return bool(_AUTH_RE.match(block[0])) or any(fold_line(b).startswith(_TITLE_HEADS) for b in block) \
        or any(w in f for w in ("truong", "chu tich", "giam doc", "bo truong", "thu tuong"))


def untangle_bottom(text: str) -> str:
    """Split signature fragments that OCR glued onto "Nơi nhận" lines into their own lines.

    "Nơi nhận: KT. CHỦ TỊCH" → "Nơi nhận:" + "KT. CHỦ TỊCH"; "- Như trên; PHÓ CHỦ TỊCH" → two lines.
    """
    # "Nơi" / "nhận:" broken over two lines (a scraper's or OCR's cut) is one anchor
    m = re.search(r"(?m)^[\s\-*•]*n[o0]i(\s*\n\s*)nh[a-z]n\s*[:;.]", fold(text))
    if m:
        text = text[:m.start(1)] + " " + text[m.end(1):]
    text = re.sub(r"(?m)^(\s*T\s*/\s*M)(?=[A-ZĐÀ-Ỹ])", r"\1 ", text)  # "T/MỦY": the space OCR lost
    out: list[str] = []
    sig: list[str] = []
    for line in text.split("\n"):
        f = fold(line)
        m = NOI_NHAN_RE.match(f)
        if m and line[m.end():].strip():
            rest = line[m.end():].strip()
            if _AUTH_RE.match(rest) or is_caps(rest):
                out.append(line[:m.end()].strip())
                sig.append(rest)
                continue
        mm = re.match(r"^(\s*[-–+•].*?[;.])\s+(\S.*)$", line)
        if mm and is_caps(mm.group(2)) and len(mm.group(2).split()) <= 8 and (
                _AUTH_RE.match(mm.group(2)) or fold_line(mm.group(2)).startswith(_TITLE_HEADS)):
            out.append(mm.group(1))
            sig.append(mm.group(2).strip())
            continue
        out.append(line)
    if sig:
        # put the collected signature lines right after the list, before a following name line
        res: list[str] = []
        inserted = False
        for line in out:
            if not inserted and _is_name(line):
                res.extend([""] + sig)
                inserted = True
            res.append(line)
        if not inserted:
            res.extend([""] + sig)
        return "\n".join(res)
    return text


def _noi_nhan_index(lines: list[str]) -> int | None:
    idx = None
    for i, line in enumerate(lines):
        if NOI_NHAN_RE.match(fold(line)):
            idx = i
    return idx


def parse_signer(text: str) -> dict[str, Any] | None:
    """{authority, title, name, lines} of the signature block, or None."""
    lines = untangle_bottom(text.replace("\f", "\n")).split("\n")
    blocks = [b for b in _blocks(lines) if _score(b[1])]
    if not blocks:
        return _bare_signed_name(lines)
    nn = _noi_nhan_index(lines)
    chosen = None
    if nn is not None:
        after = [b for b in blocks if b[0] > nn and b[0] - nn <= 80]
        before = [b for b in blocks if nn - 12 <= b[0] < nn]
        chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        ends = [i for i, ln in enumerate(lines) if ln.rstrip().endswith("./.")]
        after_end = [b for b in blocks if ends and b[0] > ends[0]]
        chosen = after_end[0] if after_end else blocks[-1]
    _, block, name = chosen
    logical = _logical_lines(block)
    authority, title = None, None
    for ln in logical:
        m = _AUTH_RE.match(ln)
        if m:
            a = re.sub(r"\s", "", m.group(1) or m.group(2)).upper().replace("/", "")
            authority = a + "."
    last_auth = max((k for k, ln in enumerate(logical) if _AUTH_RE.match(ln)), default=-1)
    plain = [ln.rstrip(" ,") for ln in logical[last_auth + 1:]]
    if plain:
        title = plain[0]
        # "TL. CỤC TRƯỞNG / TRƯỞNG BAN … / PHÓ TRƯỞNG BAN": a deputy of the unit head printed above, signing with
        # the "KT." left out, holds the second post ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC / PHÓ THỦ TƯỚNG" is two posts)
        if len(plain) > 1:
            head, second = fold_line(plain[0]), fold_line(plain[1])
            if second.startswith("pho ") and head.startswith(second[4:] + " ") and not head.startswith("pho "):
                title = plain[1]
    rank, nm = _strip_rank(name)
    d: dict[str, Any] = {"authority": authority, "title": title, "name": nm, "lines": block + [name]}
    if len(plain) > 1:
        d["titles"] = plain  # the signer holds more than one post
    if rank:
        d["rank"] = rank
    return d


def _bare_signed_name(lines: list[str]) -> dict[str, Any] | None:
    """A signature without a title: a name next to "(Đã ký)" among the last lines (old laws, copies)."""
    tail = [ln.strip() for ln in lines if ln.strip()][-8:]
    for k, ln in enumerate(tail):
        near = [fold_line(x).strip("()[] .") for x in tail[max(0, k - 1):k] + tail[k + 1:k + 2]]
        if _is_name(ln) and not is_caps(ln) and "da ky" in near:
            rank, nm = _strip_rank(_clean_name(ln))
            d: dict[str, Any] = {"authority": None, "title": None, "name": nm, "lines": [ln]}
            if rank:
                d["rank"] = rank
            return d
    return None


def _list_items(lines: list[str], start: int, stop_at_caps: bool = True) -> list[str]:
    items: list[str] = []
    k = start
    blank_run = 0
    while k < len(lines):
        s = lines[k].strip()
        k += 1
        if not s:
            blank_run += 1
            if items and blank_run >= 1:
                # a blank line ends the list unless the next non-blank line is another "- " item
                nxt = next((x.strip() for x in lines[k:k + 3] if x.strip()), "")
                if not nxt.startswith(_BULLETS):
                    break
            continue
        blank_run = 0
        if sum(c.isalnum() for c in s) <= 1 and not s.startswith(_BULLETS):
            continue  # OCR debris between items ("`", "ˆ")
        nxt = next((x.strip() for x in lines[k:k + 2] if x.strip()), "")
        if items and items[-1].endswith((";", ".")) and not s.startswith(_BULLETS) and \
                nxt.startswith(_BULLETS[:4]) and _is_debris_line(s):
            continue  # seal or scan debris between two items ("¬ứI")
        if s.startswith(_BULLETS):
            items.append(s.lstrip("".join(_BULLETS) + " ").strip())
        elif items and stop_at_caps and (_AUTH_RE.match(s) or (is_caps(s) and not items[-1].endswith(","))) \
                and not items[-1].rstrip().endswith(("-", ":")) \
                and not (s.endswith((";", ",")) and not items[-1].endswith(";") and _bullet_follows(lines, k)):
            break  # the signature's title; not a wrapped code ending its item ('… PTDNNN' / 'BTC;' / '- …')
        elif items and not items[-1].endswith((";", ".")):
            items[-1] = items[-1] + " " + s
        elif items and items[-1].endswith((";", ".")) and _bullet_follows(lines, k):
            # an item wrapped after an inner ';' ("…Linh;" / "Trợ lý TTgCP, …") or a comma read as '.'
            items[-1] = items[-1] + " " + s
        elif items:
            break
        else:
            items.append(s)
    out = []
    for it in items:
        toks = [t for t in it.split() if not _debris_token(t)]
        while len(toks) > 1 and not any(unicodedata.category(c) in ("Lu", "Ll", "Lo", "Nd") or c == ")"
                                        for c in toks[-1]):
            toks.pop()  # trailing debris tokens: "…(BTC); ˆ"
        it = " ".join(toks)
        it = re.sub(r"\s+", " ", re.sub(r"[;,.]+$", "", it)).strip()
        if it.strip(" ;,."):
            out.append(it)
    return out


_LIST_PUNCT = set("-–&()/:;,.\"'“”")


def _debris_token(t: str) -> bool:
    """A token no Nơi nhận list has, made by a seal or by specks over a list item: only symbols ('⁄', '\\') or
    small letters then a capital ('rÍ', 'xM'). Codes (KTr2, TTgCP), abbreviations ('để bc', 'b/c') and words
    keep."""
    if not any(c.isalnum() for c in t):
        return not set(t) <= _LIST_PUNCT
    w = t.strip("".join(_LIST_PUNCT))
    return w.isalpha() and w[0].islower() and any(c.isupper() for c in w)


def _bullet_follows(lines: list[str], k: int) -> bool:
    """Whether another "- " item comes within the next two lines, with no blank line before it: the line
    before k is then inside the list, not the first line after it."""
    for x in lines[k:k + 2]:
        x = x.strip()
        if not x:
            return False
        if x.startswith(_BULLETS[:4] + ("~",)):  # '~': a dash as OCR reads it on a blurred scan
            return True
    return False


def _is_debris_line(s: str) -> bool:
    """A short line that is no text: at most 3 letters, or a symbol no list item has ('¬ứI', '©Œ')."""
    letters = sum(c.isalpha() for c in s)
    return len(s) <= 8 and (letters <= 3 or bool(re.search(r"[^\w\s.,:;()/&'’-]", s)))


_DRAFTER_NOTE = re.compile(r"[\w.&/()-]*\d[\w.&/()-]*(?: [\w.&/()-]+){0,2}|[\w.&()-]*[_/][\w.&/()-]*")


def _drafter_note(lines: list[str], items: list[str]) -> list[str]:
    """The drafter's note printed under the filing line ("- Lưu: VT, CT.\n16 QĐ", "TĐ_QĐCB/2025") is part of it:
    a short line with a digit, '_' or '/', and no bullet, right after it."""
    if not items or not re.match(r"luu\b", fold(items[-1])):
        return items
    at = next((k for k in range(len(lines) - 1, -1, -1) if fold(lines[k]).lstrip(" -+•").startswith("luu")
               and items[-1][:6] in lines[k]), None)
    if at is None or at + 1 >= len(lines):
        return items
    note = lines[at + 1].strip()
    if note and len(note) <= 30 and not note.startswith(_BULLETS) and _DRAFTER_NOTE.fullmatch(note):
        items[-1] = lines[at].strip().lstrip("".join(_BULLETS) + " ").rstrip(";") + " " + note
    return items


def parse_recipients(text: str, ocr: bool = True) -> list[str]:
    """Entries of "Nơi nhận:" ('- Như trên;' → 'Như trên'; 'Lưu: VT, …' included); [] if none. Items keep
    their printed spelling; with `ocr` (text that OCR read), separators and codes OCR gets wrong are mended.
    The last "Nơi nhận" with items counts (an annex may repeat the heading as a blank template)."""
    lines = untangle_bottom(text.replace("\f", "\n")).split("\n")
    heads = [i for i, line in enumerate(lines) if NOI_NHAN_RE.match(fold(line))]
    for nn in reversed(heads):
        items = _recipients_at(lines, nn, ocr)
        if items:
            return items
    return []


def _recipients_at(lines: list[str], nn: int, ocr: bool) -> list[str]:
    f = fold(lines[nn])
    m = NOI_NHAN_RE.match(f)
    rest = lines[nn][m.end():].strip() if m else ""
    items = _list_items(lines, nn + 1)
    if rest:
        items.insert(0, re.sub(r"^[-–+•\s]+|[;,.]+$", "", rest).strip())
    if not ocr:
        return _drafter_note(lines, items)
    return [_fix_luu(_normalize_item(it)) for it in items]


def _normalize_item(it: str) -> str:
    """Separators and spaces in one Nơi nhận item as officials type them and OCR often gets them wrong."""
    it = re.sub(r",\s*;", ",", it)  # one separator read twice (a comma and a speck under it)
    # an inner ';' before a small letter is a comma: an entity after a real one opens with a capital
    # ('Trợ lý PTTg; TGĐ Cổng TTĐT' but 'TGĐ Cổng TTĐT; các Vụ')
    it = re.sub(r";\s+(?=\w)", lambda m: ", " if it[m.end():m.end() + 1].islower() else m.group(), it)
    it = re.sub(r"\)(?=[^\W\d_])", ") ", it)  # '(3)Q' → '(3) Q'
    return re.sub(r"(?<=[^\W\d_])\(", " (", it)  # 'VP(BTC)' → 'VP (BTC)'


def _fix_luu(item: str) -> str:
    """The filing line is a comma list that opens with VT (văn thư): OCR's 'Lưu: VI; KHTC' or 'VỊ' → 'Lưu: VT, KHTC'."""
    # OCR's 'Lâu: VT', 'Liru: VT' (ư read as 'ir'): a short L-word before ': VT' is the filing line's 'Lưu' too
    m = re.match(r"(luu\b|l[a-z]{1,3}(?=\s*:\s*v[tiíìỉĩị1l|]\b))\s*:?\s*", fold(item))
    if not m:
        return item
    head, body = item[:m.end()], item[m.end():]
    if m.group(1) != "luu":
        head = "Lưu: "
    body = re.sub(r"^V[IỊÍÌỈĨ1l|](?=[\s,;.]|$)", "VT", body)
    body = re.sub(r"^VT\s+(?=[A-ZĐ])", "VT, ", body)  # the comma after VT that OCR lost: 'Lưu: VT KHTC'
    # a unit code whose small letters are ones that only differ from capitals in size (c, s, v, w, x, z) and that
    # has no vowel (so no drafter's name: 'HDiem', 'Loan'): 'Cs' → 'CS'; 'KTr2' keeps its r
    body = re.sub(r"\b[A-ZĐ][A-ZĐcsvwxz]*[csvwxz][A-ZĐcsvwxz0-9]*\b",
                  lambda t: t.group().upper() if not re.search(r"[aeiouy]", fold(t.group())) else t.group(), body)
    return head + re.sub(r"\s*;\s+", ", ", body)


def _code_key(s: str) -> str:
    return s.upper().replace("1", "I").replace("0", "O")


def match_codes(item: str, codes: list[str]) -> str:
    """The filing line names the drafting unit by the code the number carries ('5615/CT-CS' … 'Lưu: VT, CS'):
    a token of it that differs from such a code only by case or by 1/I, 0/O ('Cs', 'QLDNI') is written as in
    the number, which is printed larger and read better."""
    if not re.match(r"luu\b", fold(item)):
        return item
    codes = [c for c in codes if len(c) >= 2]

    def fix(m: re.Match) -> str:
        tok = m.group()
        return next((c for c in codes if c != tok and _code_key(c) == _code_key(tok)), tok)

    return re.sub(r"[A-Za-zĐđ0-9]{2,}", fix, item)


def parse_addressees(text: str) -> list[str]:
    """Entries of "Kính gửi:" (one line or a "- " list)."""
    lines = text.replace("\f", "\n").split("\n")
    for i, line in enumerate(lines[:80]):
        f = fold(line)
        m = KINH_GUI_RE.match(f)
        if not m and fold_line(line) == "kinh" and i + 1 < len(lines) and fold_line(lines[i + 1]).startswith("gui"):
            line = line.strip() + " " + lines[i + 1].strip()
            lines = lines[:i] + [line] + lines[i + 2:]
            f = fold(line)
            m = KINH_GUI_RE.match(f)
        if not m:
            continue
        rest = line[m.end():].strip()
        if rest:
            out = [rest]
            # wrapped single addressee: "Kính gửi: Thuế" + "tỉnh Gia Lai."
            k = i + 1
            while k < len(lines) and not out[-1].endswith((".", ";")) and lines[k].strip() and \
                    len(lines[k]) < 120 and lines[k].strip()[:1].islower():
                out[-1] += " " + lines[k].strip()
                k += 1
            return [re.sub(r"[;,.]+$", "", o).strip() for o in out]
        return _list_items(lines, i + 1, stop_at_caps=False)
    return []


def parse_signed_at(text: str) -> str | None:
    """ISO timestamp of a digital signature: '2020-12-01T09:39:48+0700' → '2020-12-01T09:39:48+07:00'."""
    for rx, order in ((_TS_RE, "ymd"), (_TS_VN_RE, "dmy")):
        for m in rx.finditer(text):
            g = m.groups()
            if order == "ymd":
                y, mo, d = g[0], g[1], g[2]
            else:
                d, mo, y = g[0], g[1], g[2]
            if order == "dmy" and not g[6]:
                # "01/12/2020 09:39" without a zone counts only on a signature line
                ctx = fold(text[max(0, m.start() - 60):m.start()])
                if not any(w in ctx for w in ("ky", "signed", "thoi gian", "date")):
                    continue
            hh, mm, ss, tz = g[3], g[4], g[5] or "00", g[6]
            s = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{int(hh):02d}:{mm}:{ss}"
            if tz:
                tz = "+00:00" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
                s += tz
            return s
    return None
