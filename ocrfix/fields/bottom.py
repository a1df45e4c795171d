"""The bottom of a document as OCR or a text extractor leaves it: signature fragments glued onto Nơi nhận lines
are put on lines of their own, and the Nơi nhận heading is found; shared by signer and recipients."""
from __future__ import annotations

import re

from .anchors import NAME_WORD_RE, NOI_NHAN_RE, fold, fold_line, is_caps

# the Party's 'T/M', 'K/T' (also 'T.M'); Q. (acting) with its dot, or with the dot read as ',' / ':' or lost before a post ('Q GIÁM ĐỐC', 'Q, CHỦ TỊCH')
_AUTH_RE = re.compile(r"^\s*(?:(T\s*[/.]\s*M|K\s*/\s*T|TM|KT|TL|TUQ)(?:\s*[.,:]\s*|\s+)|(Q)(?:\.\s*|(?:\s*[,:]\s*|\s+)(?=(?:"
                      r"GIÁM|CHỦ|CHÁNH|TRƯỞNG|CỤC|VỤ|VIỆN|TỔNG|HIỆU|BỘ|BÍ|THỦ|THỨ)\b)))(?=[A-ZĐÀ-Ỹ])")
_BULLETS = ("-", "–", "—", "+", "•", "~", "_", "=", "*", "·")
_BARE_AUTH = re.compile(r"^\s*(T\s*[/.]\s*M|K\s*/\s*T|TM|KT|TL|TUQ|Q)\s*[.,:]?\s*$")
_TITLE_HEADS = ("pho ", "thu truong", "thu tuong", "chu tich", "chu nhiem", "bo truong", "truong ", "cuc truong",
                "giam doc", "chanh ", "tong ", "vien truong", "vu truong", "thong doc", "bi thu", "uy vien",
                "kiem toan", "truong ban", "pho truong", "quyen ")
_RANKS = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
          "Thiếu tá", "PGS.TS.", "GS.TS.", "PGS. TS.", "GS. TS.", "TS.", "ThS.")
_TS_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")
_TS_VN_RE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")


def _clean_name(line: str) -> str:
    """Drop OCR debris tokens (no letters: ':', '—', or only a modifier mark 'ˆ' that folds to no letter) from a
    name line, and a colon or semicolon a speck glued to a name word ('Trương: Cảnh Tuyên', random layouts, dev)."""
    toks = [t for t in line.split() if any(c.isalpha() for c in t) and re.search(r"[a-z]", fold(t).lower())]
    return " ".join(t[:-1] if k + 1 < len(toks) and t[-1:] in ":;" and t[:-1].isalpha() else t
                    for k, t in enumerate(toks))


# academic titles and degrees Decree 30 lets a signer print before the name, with or without their dots, one or
# several ('TS Nguyễn Văn An', 'PGS.TS Nguyễn …', 'ThS. BSCKII. Trần …', 'GS.TSKH. Lê …')
_DEGREES_RE = re.compile(r"^(?:(?:GS|PGS|TSKH|TS|ThS|BSCKII|BSCKI|BSCK|BS|DS|KS|LS|NCS)\.?\s*)+(?=\s[A-ZĐÀ-Ỹ]|(?<=\.)[A-ZĐÀ-Ỹ])")


def _strip_rank(s: str) -> tuple[str | None, str]:
    for r in _RANKS:
        if fold(s).startswith(fold(r) + " "):
            return r, s[len(r):].strip()
    m = _DEGREES_RE.match(s.strip())
    if m:
        return m.group(0).strip(), s.strip()[m.end():].strip()
    return None, s


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


def _debris_token(t: str) -> bool:
    """What OCR leaves before a name under a signature: no letter, a short abbreviated rank ('TS.', 'LS.' read
    '1S.'), or a short lower-case remnant (the 'tá' of a 'Thượng tá' split over two lines, a speck 'ø')."""
    core = t.strip(".,:;")
    return not any(c.isalpha() for c in t) or (t.endswith(".") and len(core) <= 3) or \
        (core.islower() and len(core) <= 3)


def _signs_with(s: str) -> bool:
    """An authority before a post or a body's name ('KT. CHỦ TỊCH', 'TM. ỦY BAN …'), not before a code of the
    filing line ('- Lưu: VT; KT, KTI1.')."""
    m = _AUTH_RE.match(s)
    return m is not None and fold(s[m.end():]).replace(" ", "").startswith(_AFTER_AUTHORITY)


def name_of(line: str) -> str | None:
    """The signer's name in a line of the signature block: the line when it is name-shaped, else its
    name-shaped end (three words or more) after OCR debris and abbreviated ranks ('ø tá Phạm Thanh Hùng',
    '1S. TS. Đỗ Ngọc Thịnh'); None for a line with no name."""
    if line.lstrip().startswith(_BULLETS[:4]) and line.rstrip().endswith((";", ",", ":")):
        return None  # a Nơi nhận item ('- Như Điều 2;'), never the signer
    if _is_name(line) and not is_caps(line):
        return _clean_name(line.strip())
    bare = line.strip().lstrip(".,_`'’·")  # a speck glued before the name ('.Vũ Chiến Thắng', 150 dpi)
    if bare != line.strip() and _is_name(bare) and not is_caps(bare):
        return _clean_name(bare)
    toks = line.split()
    for k in range(1, len(toks) - 2):
        rest = " ".join(toks[k:])
        if all(_debris_token(t) for t in toks[:k]) and _is_name(rest) and not is_caps(rest):
            return _clean_name(rest)
    return None


def untangle_bottom(text: str) -> str:
    """Split signature fragments that OCR glued onto "Nơi nhận" lines into their own lines.

    "Nơi nhận: KT. CHỦ TỊCH" → "Nơi nhận:" + "KT. CHỦ TỊCH"; "- Như trên; PHÓ CHỦ TỊCH" → two lines.
    """
    # "Nơi" / "nhận:" broken over two lines (a scraper's or OCR's cut) is one anchor
    m = re.search(r"(?m)^[\s\-*•]*n[o0]i(\s*\n\s*)nh[a-z]n\s*[:;.]", fold(text))
    if m:
        text = text[:m.start(1)] + " " + text[m.end(1):]
    text = re.sub(r"(?m)^(\s*T\s*/\s*M)(?=[A-ZĐÀ-Ỹ])", r"\1 ", text)  # "T/MỦY": the space OCR lost
    text = re.sub(r"(?m)^(\s*)(TM|KT|TL|TUQ)(?=[A-ZĐÀ-Ỹ])(\S*)", _glued_authority, text)
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
                _signs_with(mm.group(2)) or fold_line(mm.group(2)).startswith(_TITLE_HEADS)):
            out.append(mm.group(1))
            sig.append(mm.group(2).strip())
            continue
        out.append(line)
    if sig:
        # put the collected signature lines right after the list, before a following name line
        res: list[str] = []
        inserted = False
        for line in out:
            if not inserted and name_of(line):
                res.extend([""] + sig)
                inserted = True
            res.append(line)
        if not inserted:
            res.extend([""] + sig)
        return "\n".join(res)
    return text


# what follows an authority in a signature block: a post ('KT. TRƯỞNG BAN') or, after TM., the body's name
# ('TM. ỦY BAN NHÂN DÂN'); folded, spaces left out (OCR loses them: 'TLCỤCTRƯỞNG')
_AFTER_AUTHORITY = tuple(h.replace(" ", "") for h in _TITLE_HEADS) + (
    "truong", "uy", "hoidong", "ban", "chinhphu", "bo", "dang", "tinhuy", "thanhuy", "huyenuy", "so", "cuc")


def _glued_authority(m: re.Match) -> str:
    """'KTTRƯỞNG BAN' → 'KT. TRƯỞNG BAN', 'TMỦY' → 'TM. ỦY', 'TLCỤCTRƯỞNG' → 'TL. CỤCTRƯỞNG': the authority's
    dot and space that OCR lost, where a post or a body's name follows (codes stay: 'KTTH', 'TMĐT')."""
    rest = m.group(3)
    if not is_caps(rest) or not fold(rest).startswith(_AFTER_AUTHORITY):
        return m.group(0)
    return f"{m.group(1)}{m.group(2)}. {rest}"


def _noi_nhan_index(lines: list[str]) -> int | None:
    idx = None
    for i, line in enumerate(lines):
        if NOI_NHAN_RE.match(fold(line)):
            idx = i
    return idx
