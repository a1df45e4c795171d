"""Header fields: issuer (and parent), number, place and date, type and subject.

Works on plain text lines in reading order, including the interleavings OCR and web copies produce:

>>> h = parse_header("UBND HUYỆN KIM BẢNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nĐộc lập - Tự do - Hạnh phúc\\n"
...                  "Số: 12/BC-UBND Kim Bảng, ngày 01 tháng 12 năm 2020\\nBÁO CÁO\\nKết quả thực hiện\\n")
>>> h["issuer"], h["number"]["full"], h["place"], h["date"], h["type"], h["subject"]
('UBND HUYỆN KIM BẢNG', '12/BC-UBND', 'Kim Bảng', '2020-12-01', 'BÁO CÁO', 'Kết quả thực hiện')
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .anchors import (DATE_WORDS_RE, NUMBER_RE, PARTY_NUMBER_RE, SEPARATED_NUMBER_RE, SO_ANCHOR_RE, find_date_words,
                      fold, fold_line, is_caps, iso_date)
from .issuer import clean_issuer_lines
from .number import parse_number, repair_symbol
from .places import is_place, known_place
from .reaccent import bigram_forms, reaccent_caps
from .schema import TYPE_CODES, TYPE_NAMES
from .stamp import is_stamp_piece, stamp_start

__all__ = ["parse_header", "body_start", "is_authority_line"]

# the motto's two lines (accent-folded), as a header prints them; first_document tells a new document by them
MOTTO_RE = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia|doc\s+lap\s*[-–—.,]?\s*tu\s+do")
_MOTTO_RES = [re.compile(p) for p in (
    r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam",
    r"dang\s+cong\s+san\s+viet\s+nam",
    r"doc\s+lap\s*[-–—.,]?\s*tu\s+do\s*[-–—.,]?\s*hanh\s+phuc",
    r"cong\s+hoa\s+xa\s+hoi", r"xa\s+hoi\s+chu\s+nghia\s+viet\s+nam", r"chu\s+nghia\s+viet\s+nam",
    r"doc\s+lap\s*[-–—.,]?\s*tu\s+do", r"tu\s+do\s*[-–—.,]?\s*hanh\s+phuc", r"doc\s+lap", r"hanh\s+phuc",
    r"\bcong\s+hoa\b",
    r"[-_=*~.]{3,}",
)]
# Words that open the name of a body: a header line starting with one of these after a complete name
# starts a new (subordinate) body: "BỘ TÀI CHÍNH" / "CỤC THUẾ".
_ORG_HEADS = ("bo ", "so ", "cuc ", "vu ", "vien ", "ban ", "phong ", "ubnd", "uy ban", "hoi dong", "hdnd",
              "van phong", "thue ", "truong ", "trung tam", "chi cuc", "tong cuc", "benh vien", "toa an",
              "vien kiem sat", "kho bac", "cong an", "chi nhanh", "tong cong ty", "cong ty", "doan ",
              "dai ", "bao ", "hoc vien", "dang uy", "thanh uy", "tinh uy", "huyen uy", "ngan hang", "thanh tra",
              "bo chi huy", "bo tu lenh", "tap doan", "quy ", "hai quan", "chi cuc", "dai hoc", "lien doan",
              "tong lien doan")
_BODY_START = re.compile(
    r"^(kinh gui|kinh$|can cu|can c\b|can \S?\s*c[a-z]*ng v|thuc hien|tra loi|xet de nghi|theo de nghi|dieu 1\b|trong (cac )?ngay|ngay \d|"
    r"hom nay,? (vao )?(luc|ngay)\b|"  # a biên bản's body: "Hôm nay, vào lúc 14 giờ 30 phút, ngày …"
    # OCR's losses at a line's head: "Ính gửi:" (the K lost), "“Nay 03 tháng 10 năm 2025, tại …" (a body's
    # opening date, its "Ng" read as a quote and "N"; a year and a comma: a sentence, no wrapped title)
    r"inh gui\b|\W?n?[gq]?a[yv] \d{1,2} thang \d{1,2} nam \d{4},)")
# "V/v", and "V/" whose second v the scan lost, before lower-case words ("V/ tham gia ý kiến …")
_VV_RE = re.compile(r"^\s*[vV]\s*/\s*(?:[vV]\b\.?|(?=\s*[a-zđà-ỹ]))\s*:?\s*")
# words of a subject line before the e-portal stamp read onto it that are kept (fewer are stamp debris: 'tất tế')
_STAMP_KEEP = 3
_VE_RE = re.compile(r"^\s*Về\s+(?=[a-zà-ỹđ])")  # "Về hướng dẫn …": a công văn's trích yếu without "V/v"
_AUTH_LINE = re.compile(r"^(chinh phu|thu tuong chinh phu|chu tich (uy ban|ubnd|hoi dong)|bo truong bo|"
                        r"uy ban nhan dan|hoi dong nhan dan|cuc truong|giam doc|thong doc|chanh an|"
                        r"vien truong|tong cuc truong|tong kiem toan|quoc hoi|uy ban thuong vu quoc hoi)\b")


# "Số:   /QĐ-UBND" (folded): the anchor, then no digit before the code's "/"
# (the colon may be lost where the re-read marked unread handwriting "…": "Số … /LĐLĐ-CTCĐ")
_BLANK_NUMBER_RE = re.compile(r"(?<![a-z0-9])s[o0b6]\s?(?:[:;.,]{1,2}[\s._…]*|\s*…[\s._…]*)/(?=[^\W\d_]|\d{4}/)")
# "ngày    tháng 01 năm 2025" (folded): a date line with its day (or month) left for the hand
_PARTIAL_DATE_RE = re.compile(
    r"ng[a-z]y\s*[:.]?[\s._…]*(\d{1,2})?[\s._…]*th[a-z]ng\s*[:.]?[\s._…]*(\d{1,2})?[\s._…]*(?:n[a-z]m\s*[:.]?\s*)?(\d{4})")
# OCR of a place/date line whose handwriting was misread: junk where the day is ("ngày‹A Ÿ tháng 11 năm 2025",
# "ngày Á 6tháng": no day is taken from it), or "ngày" lost ("Lâm Đồng, tháng 3 năm 2026"); used only after a place
_LOOSE_DATE_RE = re.compile(
    r"(?:ng[a-z]y[^\d\n]{0,8}?\d{0,2}\s*)?()th[a-z]ng\s*[:.]?[\s._…]*(\d{1,2})[\s._…]*n[a-z]m\s*[:.]?\s*(\d{4})")


def body_start(lines: list[str], limit: int = 60) -> int:
    """Index of the first body line ("Kính gửi", "Căn cứ", a long paragraph…), at most `limit`."""
    prev = ""
    in_vv = False  # inside a công văn's "V/v …" trích yếu
    for i, line in enumerate(lines[:limit]):
        f = fold_line(line)
        if (_BODY_START.match(f) and not _title_continues(prev, line) and not _date_after_place(prev, f)
                and not (in_vv and _vv_goes_on(prev, line))) or len(line) > 180:
            return i
        if line.strip():
            in_vv = bool(_VV_RE.match(line)) or in_vv and _vv_goes_on(prev, line)
            prev = line
    return min(len(lines), limit)


def _vv_goes_on(prev: str, line: str) -> bool:
    """A line in small letters under a V/v line that ends no sentence goes on with it ('V/v Mẫu tờ khai liên quan
    đến' / 'thực hiện Nghị quyết số …'): a body paragraph opens with a capital."""
    s = line.strip()
    return bool(s) and s[0].islower() and not prev.rstrip().endswith((".", ";", ":"))


def _date_after_place(prev: str, f: str) -> bool:
    """'ngày 25 tháng 11 năm 2025' on its own line under 'Hà Nội,': the header's date, not a body line."""
    return prev.rstrip().endswith(",") and len(prev.split()) <= 6 and bool(DATE_WORDS_RE.match(f))


_TITLE_WORDS = re.compile(r"^(thuc hien|tra loi|xet de nghi|theo de nghi|trong )")


def _title_continues(prev: str, line: str) -> bool:
    """A capitalised line after a capitalised line is a wrapped title, even when it opens with words that open
    a body paragraph ('… NHẬP KHẨU ĐỂ' / 'THỰC HIỆN HIỆP ĐỊNH …', '… SỐ 181/2006/QĐ-BQP' / 'NGÀY 31 THÁNG 10 …');
    'Kính gửi' and 'Căn cứ' always open the body."""
    return bool(prev) and is_caps(prev) and is_caps(line) and bool(_TITLE_WORDS.match(fold_line(line)) or
                                                                     re.match(r"ngay \d", fold_line(line)))




def _blank_motto(s: str) -> str:
    """Replace motto spans ("CỘNG HÒA XÃ HỘI…", "Độc lập - Tự do - Hạnh phúc") with spaces, keep newlines."""
    f = fold(s)
    chars = list(s)
    for rx in _MOTTO_RES:
        for m in rx.finditer(f):
            for k in range(m.start(), m.end()):
                if chars[k] != "\n":
                    chars[k] = " "
            f = "".join(" " if (m.start() <= k < m.end() and c != "\n") else c for k, c in enumerate(f))
    return "".join(chars)


def _header_prefix_ok(before: str) -> bool:
    """What may precede "Số:" or the place/date on a header line: nothing, capitals (the other column),
    the motto, or separators — not running text."""
    rest = _blank_motto(before).strip(" \t-_.,:;|")
    return (not rest or is_caps(rest) or not any(c.isalpha() for c in rest)
            or fold_line(rest) in _TITLED_NUMBER)


# a law's header writes its number as "Luật số: 65/2014/QH13"; the type each such number line names
_TITLED_NUMBER = {"luat": "LUẬT", "bo luat": "BỘ LUẬT", "phap lenh": "PHÁP LỆNH", "lenh": "LỆNH",
                  "nghi quyet": "NGHỊ QUYẾT"}


def _split_issuer(lines: list[str]) -> tuple[str | None, str | None]:
    """(parent_issuer, issuer) from the issuer lines: a line opening a new body after a complete name splits."""
    groups: list[list[str]] = []
    for line in lines:
        f = fold_line(line)
        if groups:
            prev = " ".join(groups[-1])
            complete = len(prev.split()) >= 2 and not prev.endswith(("-", ","))
            if complete and (f + " ").startswith(_ORG_HEADS):  # a lone "CỤC" over "HẢI QUAN" opens a name too
                groups.append([line])
                continue
            groups[-1].append(line)
        else:
            groups.append([line])
    names = [re.sub(r"\s+", " ", " ".join(g)).strip(" -,") for g in groups]
    names = [n for n in names if n]
    if not names:
        return None, None
    return (" ".join(names[:-1]) or None), names[-1]


def _place_before(text: str, pos: int) -> tuple[str | None, int]:
    """Place name just before ", ngày" at `pos` (tokens back to the line start, crossing one short break)."""
    seg = text[:pos].rstrip().rstrip(",").rstrip()
    line_start = seg.rfind("\n") + 1
    cur = seg[line_start:]
    if cur.strip()[:1].isupper() and len(cur.split()) <= 4 and is_place(cur):
        return cur.strip(), line_start + len(cur) - len(cur.lstrip())  # the line is a place: 'Hà nội, ngày …'
    toks = cur.split()
    keep: list[str] = []
    for t in reversed(toks):
        ft = fold(t)
        if any(c.isdigit() for c in t) or "/" in t or ":" in t or ft in ("phuc", "viet") or \
                (is_caps(t) and not t.endswith(".")):
            break
        if not (t[:1].isupper() or ft in ("pho", "xa", "thi", "tran", "huyen", "tinh", "quan")):
            break
        keep.append(t)
        if len(keep) >= 6:
            break
    keep.reverse()
    start = line_start + (len(cur) - len(" ".join(keep))) if keep else pos
    if len(keep) == len(toks) and len(keep) <= 1 and line_start > 0:
        prev_start = seg.rfind("\n", 0, line_start - 1) + 1
        prev = seg[prev_start:line_start - 1].strip()
        if prev and len(prev.split()) <= 2 and prev[:1].isupper() and not any(c.isdigit() for c in prev) \
                and not is_caps(prev):
            keep = prev.split() + keep
            start = prev_start
    place = " ".join(keep).strip(" ,.-") or None
    return place, start


def _letters_only(line: str) -> str:
    """The folded letters of a line, nothing else: 'QUYẾT. ĐỊNH' → 'quyetdinh'."""
    return "".join(c for c in fold(line).lower() if c.isalpha())


def _type_of_line(line: str) -> tuple[str | None, str]:
    """('BÁO CÁO', rest) when a line opens with a type name in capitals, else (None, '')."""
    f = fold_line(line)
    toks = line.split()
    kept = [t for t in toks if sum(c.isalpha() for c in t) >= 2 and is_caps(t)]
    for name in TYPE_NAMES:
        fn = fold(name)
        if f in (fn, fn + ":", fn + "."):  # a speck read as a full stop after the title ("NGHỊ QUYẾT.")
            return name, ""
        if _letters_only(line) == fn.replace(" ", "") and is_caps(line):
            return name, ""  # OCR's marks in the title, its space lost: 'THÔNG, TƯ', 'QUYẾT. ĐỊNH', 'QUYẾTĐỊNH _'
        if kept and len(kept) < len(toks) and all(len(t) <= 2 and not any(c.isdigit() for c in t)
                                                        for t in toks if t not in kept) and \
                fold_line(" ".join(kept)) == fn:
            return name, ""  # specks read as letters around it: '§ t THÔNG G TƯ'
        if f.startswith(fn + " "):
            words = line.split()
            n = len(name.split())
            head = " ".join(words[:n])
            if is_caps(head):
                return name, " ".join(words[n:])
    return None, ""


def is_authority_line(line: str, issuer: str | None) -> bool:
    f = fold_line(line).rstrip(":")
    if issuer and f == fold_line(issuer):
        return True
    return bool(_AUTH_LINE.match(f)) and len(f.split()) <= 12


def _mostly_caps(line: str) -> bool:
    """Capitals but for an OCR slip or two: 'QUY ĐỊNH VỀ HẠN NGẠCH THuẾ QUAN' (≥ 90 % upper, ≥ 4 letters)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters) or is_caps(line)


def _is_separator(line: str) -> bool:
    s = line.strip()
    return bool(s) and not any(c.isalnum() for c in s)


def _opens_caps_title(line: str, f: str) -> bool:
    """A capitalised line right under the type is the subject even when it opens like a body paragraph
    ('THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG …'); a body paragraph is not in capitals."""
    return is_caps(line) and len(line.split()) >= 3 and bool(_TITLE_WORDS.match(f))


# words a title line cannot end on: the next line goes on with it ('… VIỆT NAM VÀ' / 'CHÍNH PHỦ NƯỚC … LÀO' is
# no enacting authority)
_OPEN_END = ("va", "cua", "giua", "voi", "ve", "cho", "tai", "de", "trong", "theo", "cac", "doi", "tren", "thuoc")


def _open_end(line: str) -> bool:
    words = fold_line(line).split()
    return bool(words) and words[-1] in _OPEN_END and is_caps(line)


def _deputies_of(prev: str, line: str) -> bool:
    """'… BẦU CỬ ĐẠI BIỂU' / 'QUỐC HỘI KHÓA XVI …': the body a deputy sits in, wrapped onto the next line, goes
    on with the title (Đại biểu Quốc hội, đại biểu Hội đồng nhân dân), it is no enacting authority."""
    return is_caps(prev) and fold_line(prev).endswith(" dai bieu") and \
        fold_line(line).startswith(("quoc hoi", "hoi dong nhan dan"))


_CAPS_TITLE_LINES = 16


def _subject_after(lines: list[str], j: int, end: int, issuer: str | None, first: str = "") -> str | None:
    """Trích yếu: caps lines after the type (until the enacting authority) or sentence lines to a blank."""
    out: list[str] = [first] if first else []
    caps_mode = is_caps(first) if first else None
    k = j
    # a title in capitals runs on to the authority or the body however many lines its column wraps it onto
    # (a narrow header column: nine lines and more); a sentence-case trích yếu is a few lines
    while k < len(lines) and k < j + (_CAPS_TITLE_LINES if caps_mode else 8):
        line = lines[k].strip()
        k += 1
        if not line:
            if out:
                break
            continue
        if _is_separator(line) or not out and sum(c.isalpha() for c in line) <= 2 and len(line) <= 4 and \
                not is_caps(line):
            if out:
                break
            continue  # and a speck before the subject, read as a word ('Tn,' under the date line)
        st = stamp_start(line)
        if st is not None or (is_stamp_piece(line) and k < len(lines) and stamp_start(lines[k]) is not None):
            # the e-portal's received stamp read into the subject: what precedes it on the line, then stop
            keep = line[:st].strip() if st is not None else ""
            if len(keep.split()) >= _STAMP_KEEP:
                out.append(keep)
            if out:
                break
            continue
        f = fold_line(line)
        title_line = out and _title_continues(out[-1], line) or not out and _opens_caps_title(line, f)
        # a công điện's capital title may open with "V/V" (kept as printed); a lower-case V/v line is a
        # công văn's trích yếu, not this type's subject
        caps_vv = not out and f.startswith("v/v") and is_caps(line)
        if (_BODY_START.match(f) and not title_line) or (f.startswith(("v/v", "so:")) and not caps_vv):
            break
        if caps_mode is None:
            caps_mode = is_caps(line)
        nxt = lines[k].strip() if k < len(lines) else ""
        # (not a line that only looks like one when the enacting authority follows it: '… PHÁT TRIỂN' / 'CHÍNH PHỦ
        # SỐ' / 'THỦ TƯỚNG CHÍNH PHỦ' — Decree 30 prints the authority once, then the body)
        if out and not _open_end(out[-1]) and not _deputies_of(out[-1], line) and (is_authority_line(line, issuer) or (
                nxt and len(line.split()) <= 2 and is_authority_line(line + " " + nxt, issuer))) and \
                not (nxt and is_caps(nxt) and is_authority_line(nxt, issuer) and fold_line(nxt) != fold_line(line)):
            break
        # a title wrapped before its years ("… NĂM HỌC\n2025-2026") goes on over the line of digits
        years = bool(out) and bool(re.fullmatch(r"\d{4}\s*[-–]\s*\d{4}\)?", line))
        if caps_mode and not _mostly_caps(line) and not years:
            break
        if not caps_mode and (len(line) > 200 or (out and out[-1].endswith((".", ":")))):
            if out and out[-1].endswith(".") and re.match(r"1\.\s", line):
                # a sentence, then the first of numbered items ("… trực tuyến." / "1. Chủ trì: …" of a giấy
                # mời): the body's opening paragraph, not a trích yếu
                return None
            break
        out.append(line)
    s = re.sub(r"\s+", " ", " ".join(out)).strip().rstrip(" .;,")
    # the enacting authority glued to the last subject line ("… CHÍNH PHỦ SỐ THỦ TƯỚNG CHÍNH PHỦ")
    if issuer and caps_mode:
        fs, fi = fold_line(s), fold_line(issuer)
        for suffix in (fi, "chu tich " + fi, "thu tuong chinh phu"):
            if fs.endswith(" " + suffix) and len(fs) > len(suffix) + 10 and \
                    fs[:-len(suffix) - 1].split()[-1] not in ("cua", "va", "ve", "cho", "voi", "tai", "giua"):
                s = s[:len(s) - len(suffix) - 1].rstrip(" ,")
                break
    return s or None


@dataclass
class _Head:
    """The header block of a text (lines before the body) with positions, and what has been found in it."""

    lines: list[str]
    end: int
    head: str
    fhead: str
    offsets: list[int]
    res: dict[str, Any] = field(default_factory=dict)
    num_text: str | None = None
    num_pos: int | None = None
    num_end: int | None = None
    blank_number: str | None = None
    date_line: int | None = None
    date_span: tuple[int, int] | None = None

    @classmethod
    def of(cls, text: str) -> "_Head":
        lines = text.replace("\f", "\n").split("\n")
        end = body_start(lines)
        head = "\n".join(lines[:end])
        offsets = [0]
        for line in lines[:end]:
            offsets.append(offsets[-1] + len(line) + 1)
        res = {"issuer": None, "parent_issuer": None, "number": None, "place": None, "date": None,
               "date_partial": None, "type": None, "subject": None}
        return cls(lines, end, head, fold(head), offsets, res)

    def line_of(self, pos: int) -> int:
        for i in range(len(self.offsets) - 1):
            if self.offsets[i] <= pos < self.offsets[i + 1]:
                return i
        return max(0, self.end - 1)

    def line_start_before(self, pos: int) -> str:
        return self.head[self.head.rfind("\n", 0, pos) + 1:pos]


# the "Số:" of a header line misread as one or two letters and a mark, then the symbol: 'Ấ- ', 'S6: '
_SO_DEBRIS_RE = re.compile(r"^\s*[^\W\d_]{1,2}[^\w\s]{1,2}\s*(?=\d)")


def _find_number(h: _Head) -> None:
    """The "Số:" symbol (or the printed part of a blank one, or a line that is only a symbol)."""
    for m in SO_ANCHOR_RE.finditer(h.fhead):
        cand = h.head[m.end():m.end() + 60]
        mm = SEPARATED_NUMBER_RE.match(cand) or NUMBER_RE.match(cand) or PARTY_NUMBER_RE.match(cand)
        # the header's "Số:" opens its line (or follows the issuer in capitals, OCR across columns);
        # "… công văn số 1140/…" in running text does not count
        if mm and not _header_prefix_ok(h.line_start_before(m.start())):
            continue
        if mm:
            h.num_text, h.num_pos, h.num_end = mm.group(0), m.start(), m.end() + mm.end()
            return
    for m in _BLANK_NUMBER_RE.finditer(h.fhead):  # "Số:      /QĐ-UBND": written by hand and not read, or blank
        mm = NUMBER_RE.match("0" + h.head[m.end() - 1:m.end() + 60])
        if mm and _header_prefix_ok(h.line_start_before(m.start())):
            h.blank_number = mm.group(0)[1:]
            h.num_pos, h.num_end = m.start(), m.end() - 1 + len(h.blank_number)
            return
    for i, line in enumerate(h.lines[:h.end]):  # a line that is only a symbol
        s = line.strip()
        mm = NUMBER_RE.fullmatch(s) or PARTY_NUMBER_RE.fullmatch(s)
        if mm:
            h.num_text, h.num_pos, h.num_end = s, h.offsets[i], h.offsets[i] + len(line)
            return
    for i, line in enumerate(h.lines[:h.end]):  # a symbol after what OCR made of "Số:" ('Ấ- 109/2025/TT-BTC')
        d = _SO_DEBRIS_RE.match(line)
        sym = NUMBER_RE.fullmatch(line[d.end():].strip()) if d else None
        if d and sym and sym.group(2) and "-" in sym.group(3):  # a year and a type code: no stray figure
            h.num_text = sym.group(0)
            h.num_pos, h.num_end = h.offsets[i] + d.end(), h.offsets[i] + len(line.rstrip())
            return


# "…, ngày 28 tháng 11 năm" ending its line, the year alone at the end of the next one (a narrow right column's
# date line wrapped, OCR reading it beside the number: "Số: 4240/UBND-VX 2025")
_WRAPPED_YEAR_RE = re.compile(r"ng[a-z]y\s*[:.]?\s*(\d{1,2})\s+th[a-z]ng\s*[:.]?\s*(\d{1,2})\s+n[a-z]m[ \t]*\n"
                              r"[^\n]*?(?<![\d/.-])((?:19|20)\d\d)[ \t]*(?=\n|$)")


def _place_alone(h: _Head) -> tuple[str, int] | None:
    """A header line that is only a known place and the comma of the place/date line ('Lâm Đồng,'): the columns of
    a real scan set it apart from its 'ngày … tháng 3 năm 2026', whose day was handwritten."""
    for i in range(min(h.end, 14)):
        m = re.fullmatch(r"\s*([A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[^\W\d_]+){0,3})\s*,\s*", h.lines[i])
        if m and is_place(m.group(1)):
            return known_place(m.group(1), h.head), i
    return None


def _find_date(h: _Head) -> None:
    """Place and date ("Hà Nội, ngày 25 tháng 11 năm 2025"), or the date's printed part when its day is blank."""
    pos = 0
    while True:
        dm = find_date_words(h.fhead, pos)
        if not dm:
            break
        pos = dm.end()
        place, pstart = _place_before(h.head, dm.start())
        before = h.line_start_before(pstart)
        if h.num_pos is not None and h.head.rfind("\n", 0, pstart) == h.head.rfind("\n", 0, h.num_pos) and \
                h.num_end is not None and h.num_end <= pstart:
            before = h.head[h.num_end:pstart]  # "Số: 12/BC-UBND Kim Bảng, ngày …" on one OCR line
        if not _header_prefix_ok(before) and not _VV_RE.match(before):
            continue
        h.res["date"] = iso_date(dm.group(1), dm.group(2), dm.group(3))
        h.res["place"] = place
        h.date_line, h.date_span = h.line_of(dm.start()), (pstart, dm.end())
        return
    wm = _WRAPPED_YEAR_RE.search(h.fhead)  # the year wrapped onto the next row, read after the number there
    if wm:
        place, pstart = _place_before(h.head, wm.start())
        if _header_prefix_ok(h.line_start_before(pstart)):
            h.res["date"] = iso_date(wm.group(1), wm.group(2), wm.group(3))
            if h.res["date"]:
                h.res["place"] = place
                h.date_line, h.date_span = h.line_of(wm.start()), (pstart, wm.end(1) + 1)
                return
    pm = _PARTIAL_DATE_RE.search(h.fhead)  # "ngày    tháng 01 năm 2025": the day written by hand, not read
    alone = _place_alone(h)
    if not pm:
        lm = _LOOSE_DATE_RE.search(h.fhead)
        if lm and (_place_before(h.head, lm.start())[0] or alone):
            pm = lm  # the place is printed: it is reported though the day or 'ngày' was misread
    if pm:
        place, pstart = _place_before(h.head, pm.start())
        if not place and alone:
            place, pstart = alone[0], pm.start()  # 'Lâm Đồng,' set on a line of its own by the columns
        before = h.line_start_before(pstart)
        if _header_prefix_ok(before) or _VV_RE.match(before) or h.num_end is not None and h.num_end <= pstart:
            day, month, year = (int(g) if g else None for g in pm.groups())
            day = day if day and 1 <= day <= 31 else None  # 'ngày 0 tháng': a handwritten day misread
            if month is None or 1 <= month <= 12:
                h.res["date_partial"] = {"day": day, "month": month, "year": year}
                h.res["place"] = place
                h.date_line, h.date_span = h.line_of(pm.start()), (pstart, pm.end())


def _find_type(h: _Head, num_line: int | None) -> tuple[str | None, int | None, str]:
    """(type name, its line, the rest of that line) of the type title under the number and date lines."""
    anchor_lines = [x for x in (num_line, h.date_line) if x is not None]
    first_after = max(anchor_lines) + 1 if anchor_lines else 0
    for i in range(min(anchor_lines) if anchor_lines else 0, h.end):
        if i < first_after and not (i == num_line or i == h.date_line):
            continue
        t, rest = _type_of_line(h.lines[i])
        if t is None and anchor_lines and i in anchor_lines:
            continue
        if t:
            # a subject opening with a type's words ('QUY ĐỊNH MỨC THU …') under a title read in the issuer's
            # column: the title alone on its line is the type
            alone = _title_above(h, anchor_lines) if rest else None
            return alone if alone else (t, i, rest)
    return _title_above(h, anchor_lines) or (None, None, "")


def _title_above(h: _Head, anchor_lines: list[int]) -> tuple[str, int, str] | None:
    """A title alone on a line above the number and date lines, or between them: OCR read it in the issuer's
    column ('HỘI ĐỒNG THẨM ĐỊNH' / 'BIÊN BẢN', then the motto and the date; 'Số: …' / 'QUYẾT ĐỊNH', then the motto)."""
    for i in range(max(anchor_lines) if anchor_lines else 0):
        t, rest = _type_of_line(h.lines[i])
        if t and not rest:
            return t, i, rest
    return None


def _find_vv(h: _Head, num_line: int | None, type_name: str | None) -> int | None:
    """The line of a công văn's trích yếu: "V/v …", or "Về …" printed for it under the number."""
    lo = num_line if num_line is not None else 0
    for i in range(lo, h.end):
        if _VV_RE.match(h.lines[i]):
            return i
    if type_name is None and num_line is not None:
        nxt = next((i for i in range(num_line + 1, min(h.end, num_line + 3)) if h.lines[i].strip()), None)
        if nxt is not None and nxt != h.date_line and _VE_RE.match(h.lines[nxt]):
            return nxt
    return None


# what OCR leaves on an issuer line that is no part of the name: a symbol's code when "Số:" was lost
# ("/GM-UBND", "219) /CT-CS"), a draft's label or the type title read on the same row ("DỰ THẢO 1", "BIÊN BẢN")
_SYMBOL_TAIL = re.compile(r"(?:\s+[\d().,:;]+)?\s+/\s*[A-ZĐ][\w.&-]*$|^(?:[\d().,:;]+\s+)?\S*/[A-ZĐ][\w.&-]*$")
_LABEL_TAIL = re.compile(r"(?:^|\s+)(?:DỰ THẢO(?:\s+\d+)?|" + "|".join(re.escape(t) for t in TYPE_NAMES) + r")$")


def _not_issuer_words(line: str) -> str:
    """An issuer line without a symbol's code or a label OCR read onto it."""
    line = _SYMBOL_TAIL.sub("", line).strip()
    while True:
        cut = _LABEL_TAIL.sub("", line).strip()
        if cut == line or not cut:
            return line if cut == line else ""
        line = cut


_SMALL_TAIL = re.compile(r"^(\S+(?: \S+)+) ([^\W\d_]{1,3})$")


def _small_word_cut(line: str) -> str:
    """A name in capitals with one short word not in capitals after it on its line: a speck OCR read as a word
    ('QUỐC HỘI tắc', 'QUỐC HỘI Có'); the name without it. An issuer's name is printed in capitals."""
    m = _SMALL_TAIL.match(line)
    return m.group(1) if m and is_caps(m.group(1)) and any(c.islower() for c in m.group(2)) else line


def _issuer_lines(src: str, blanked: str) -> list[str]:
    """The capital lines of the issuer's block, cleaned of OCR debris. Once a name is found, a later paragraph
    (after a blank line) holding the motto is the other header column, not more of the issuer: the page layout
    puts the left column first ('BỘ CÔNG AN' … / 'CỌNG' / 'G HÒA XÃ HỘI …' where the motto was misread)."""
    out: list[str] = []
    for para, bpara in zip(src.split("\n\n"), blanked.split("\n\n")):
        if out and bpara != para:
            break
        lines = [_small_word_cut(re.sub(r"\s+", " ", ln.strip(" -,"))) for ln in bpara.split("\n")]
        lines = [ln for ln in (_not_issuer_words(ln) for ln in lines if ln and is_caps(ln)) if ln]
        out.extend(clean_issuer_lines(lines, bool(out)))
    return out


def _find_issuer(h: _Head, stop: int) -> None:
    """Issuer and parent: the capital lines before the number / date / type / V/v lines, the motto blanked."""
    if h.num_pos is not None and h.line_of(h.num_pos) == stop and stop < h.end:
        issuer_src = "\n".join(h.lines[:stop] + [h.head[h.offsets[stop]:h.num_pos]])
    else:
        issuer_src = "\n".join(h.lines[:stop])
    blanked = _blank_motto(issuer_src)
    issuer_lines = _issuer_lines(issuer_src, blanked)
    # capitals at the top of a text are an issuer only in a header: beside a number, a date, a type or V/v line,
    # or the motto (a news headline or a table's 'STT' is not)
    if stop < h.end or blanked != issuer_src:
        h.res["parent_issuer"], h.res["issuer"] = _split_issuer(issuer_lines)


# lines of a trích yếu after its V/v line: the header's left column is narrow (real set, btc_cv_15557: five more
# lines, the last "tính đến ngày 30/9/2025")
_VV_LINES = 6


def _vv_subject(h: _Head, vv_idx: int) -> str | None:
    """A công văn's trích yếu: the V/v line and its continuation, up to the place/date or Kính gửi."""
    first = _VE_RE.sub("", _VV_RE.sub("", h.lines[vv_idx])).strip()
    out = [first] if first else []
    for k in range(vv_idx + 1, min(h.end, vv_idx + _VV_LINES + 1)):
        ln = h.lines[k].strip()
        fl = fold_line(ln)
        if not ln or _is_separator(ln) or find_date_words(fl) or fl.startswith(("kinh", "so:")) \
                or k == h.date_line or (h.date_span is not None and k == h.line_of(h.date_span[0])):
            break
        if ln.startswith(("-", "+", "•")) or fl.endswith(" dien:") or is_authority_line(ln, h.res["issuer"]):
            break  # a công điện's addressing line ("THỦ TƯỚNG CHÍNH PHỦ điện:") and its list
        st = stamp_start(ln)
        if st is not None:  # the e-portal's received stamp under the trích yếu
            if len(ln[:st].split()) >= _STAMP_KEEP:
                out.append(ln[:st].strip())
            break
        out.append(ln)
    s = " ".join(out)
    if h.date_span is not None and vv_idx == h.date_line:
        # "V/v … Hà Nội, ngày …" on one OCR line: cut the place/date off
        line = h.lines[vv_idx]
        cut = h.date_span[0] - h.offsets[vv_idx] - (len(line) - len(line.lstrip()))
        s = _VV_RE.sub("", line.strip()[:max(0, cut)]).strip()
    return re.sub(r"\s+", " ", s).strip().rstrip(" .;,") or None


def _subject_without_title(h: _Head, num_line: int | None, type_name: str | None = None,
                           any_caps: bool = False) -> str | None:
    """The trích yếu of a document whose title OCR did not read (the type is the number's code): a line in
    capitals opening with 'VỀ' right under the header's number and date lines ('VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ');
    with `any_caps`, any line in capitals there (a law's name under its lost 'LUẬT': 'KHOÁNG SẢN')."""
    anchors = [x for x in (num_line, h.date_line) if x is not None]
    if not anchors:
        return None
    k = max(anchors) + 1
    title = _letters_only(type_name or "")
    left = any_caps  # one line of what OCR left of a lost title may be passed over
    while k < h.end:
        if not h.lines[k].strip() or _is_separator(h.lines[k]) or (
                is_caps(h.lines[k]) and len(_letters_only(h.lines[k])) >= 3 and title != _letters_only(h.lines[k])
                and _letters_only(h.lines[k]) in title):
            k += 1  # and what OCR read of the title itself ('BÁO' of 'THÔNG BÁO', its 'THÔNG' lost)
        elif left and _left_of_title(h, k):
            k, left = k + 1, False
        else:
            break
    if k >= h.end or not (is_caps(h.lines[k]) and (any_caps or fold_line(h.lines[k]).startswith("ve "))):
        return None
    return _subject_after(h.lines, k, h.end, h.res["issuer"])


def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _left_of_title(h: _Head, k: int) -> bool:
    """Whether line k, under the header of a law whose title OCR did not read, is what is left of that title:
    at most two tokens, in small letters or junk ('đến', 'l0”) ủi') or a law's type misspelt ('TUẬT -',
    'BỘIUẬT'), with a line in capitals after it (the law's name)."""
    s = h.lines[k].strip()
    nxt = next((ln for ln in h.lines[k + 1:h.end] if ln.strip()), "")
    if not s or len(s.split()) > 2 or not is_caps(nxt):
        return False
    letters = _letters_only(s)
    return not is_caps(s) or min(_edits(letters, _letters_only(t)) for t in _TITLED_NUMBER.values()) <= 2


def _titled_number_type(h: _Head, num_line: int | None) -> str | None:
    """The type a number line names before its 'số:' ('Luật số: 60/2010/QH12' → LUẬT), a law's header."""
    if h.num_pos is None or num_line is None or not h.num_text:
        return None
    return _TITLED_NUMBER.get(fold_line(h.line_start_before(h.num_pos)).strip(" :.,-"))


# the line under an old Công báo title: 'CỦA <issuer> SỐ <symbol>'
_GAZETTE_RE = re.compile(r"^CỦA\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]+?)\s+SỐ\s*:?\s*\d")


def _type_and_subject(h: _Head, num_line: int | None, type_name: str | None, type_idx: int | None,
                      type_rest: str, vv_idx: int | None) -> None:
    """The type (the title, a V/v line's công văn, or the number's type code) and the subject under it."""
    res = h.res
    if type_name:
        res["type"] = type_name
        # the subject is under the title, and under the number and date lines where the title was read above them
        anchors = [x for x in (num_line, h.date_line) if x is not None]
        after = max(anchors) if type_idx is not None and anchors and type_idx < max(anchors) else (type_idx or 0)
        gazette = _GAZETTE_RE.match(h.lines[type_idx + 1].strip()) if type_idx is not None and \
            type_idx + 1 < h.end and not type_rest.strip() else None
        if gazette and type_idx is not None:
            # an old Công báo title: 'QUYẾT ĐỊNH' / 'CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG' / 'NGÀY 25 THÁNG 6
            # NĂM 2004 VỀ VIỆC …' (real TCVN3 file): number and date are inside the title, which names the issuer
            after = type_idx
            res["issuer"] = res["issuer"] or gazette.group(1)
        rest = type_rest.strip()
        of = re.match(r"(?i)của\s+(.+)$", rest)
        if of and res["issuer"] and fold_line(of.group(1)) == fold_line(res["issuer"]):
            rest = ""  # "NGHỊ ĐỊNH CỦA CHÍNH PHỦ" / "Về đăng ký kinh doanh": the issuer named in the title is no subject
        res["subject"] = _subject_after(h.lines, after + 1, h.end, res["issuer"], rest)
        if res["subject"] is None and vv_idx is not None and vv_idx > (type_idx or 0):
            # a trích yếu printed as "V/v …" under the title (a công điện's, a tờ trình's: real scan 298/TTr-CAT)
            res["subject"] = _vv_subject(h, vv_idx)
    elif vv_idx is not None:
        res["type"] = "CÔNG VĂN"
        res["subject"] = _vv_subject(h, vv_idx)
    elif res["number"] is not None:
        code = res["number"]["type_code"]
        titled = _titled_number_type(h, num_line)
        if titled and (not code or TYPE_CODES.get(code) == titled):
            # the title line was not read ('LUẬT' alone on its line): the number's own line names the type, and
            # the law's name is the line in capitals under the header ('Luật số: 60/2010/QH12' / 'KHOÁNG SẢN')
            res["type"] = titled
            res["subject"] = _subject_without_title(h, num_line, titled, any_caps=True)
        elif code:
            res["type"] = TYPE_CODES.get(code)
            res["subject"] = _subject_without_title(h, num_line, res["type"])
        elif (res["number"]["full"] is None or "/" in res["number"]["full"]) and not res["number"]["year"]:
            # (a công văn's number has no year, Decree 30: '52/2014/QH13' is a law's whose title was lost)
            res["type"] = "CÔNG VĂN"


# a dated sign-off box of a form (a Văn phòng's phiếu trình: "Chuyên viên / Ngày 03 tháng 02 năm 2026" beside
# "Lãnh đạo phòng / Ngày 03 tháng 02 năm 2026"): the date alone in its cell, the cells OCR'd as one row split by "|"
_BOX_DATE_RE = re.compile(r"ng[a-z]y\s+(\d{1,2})\s+th[a-z]ng\s+(\d{1,2})\s+n[a-z]m\s+(\d{4})[\s.]*")


def sign_off_date(text: str) -> str | None:
    """The date of a form whose header prints none, from its dated sign-off boxes: only where two or more boxes
    print a whole date alone in the cell and all of them the same one (one box, or boxes that disagree: no
    date is guessed)."""
    cells = [fold(cell.strip()) for line in text.split("\n") for cell in line.split("|")]
    found = [m for c in cells if (m := _BOX_DATE_RE.fullmatch(c))]
    dates = {iso_date(*m.groups()) for m in found}
    return dates.pop() if len(found) >= 2 and len(dates) == 1 and None not in dates else None


def parse_header(text: str) -> dict[str, Any]:
    """Issuer, parent issuer, number, place, date, type and subject of a document's header (NFC text)."""
    h = _Head.of(text)
    res = h.res
    _find_number(h)
    _find_date(h)
    num_line = h.line_of(h.num_pos) if h.num_pos is not None else None
    type_name, type_idx, type_rest = _find_type(h, num_line)
    vv_idx = _find_vv(h, num_line, type_name)
    _find_issuer(h, min([x for x in (num_line, h.date_line, type_idx, vv_idx) if x is not None], default=h.end))
    is_cv = vv_idx is not None and type_name is None
    if h.num_text:
        res["number"] = parse_number(h.num_text, doc_is_cong_van=is_cv)
    elif h.blank_number:  # the printed part only: no digit is guessed
        res["number"] = parse_number("0" + h.blank_number, doc_is_cong_van=is_cv)
        if res["number"]:
            res["number"].update(full=None, seq=None)
    code_type = TYPE_CODES.get(res["number"]["type_code"] or "") if res["number"] else None
    if type_name and type_rest.strip() and type_idx is not None and code_type and code_type != type_name:
        # 'QUY ĐỊNH ĐIỀU KIỆN …' under '…/NĐ-CP' whose 'NGHỊ ĐỊNH' title OCR lost: the symbol's type code names
        # the type (Decree 30), and the line opening with another type's words is the subject, whole
        type_name, type_rest = code_type, h.lines[type_idx].strip()
    _type_and_subject(h, num_line, type_name, type_idx, type_rest, vv_idx)
    # word pairs of the rest of the document: the whole text but for the header fields themselves
    if res["number"] is not None and h.num_text:
        res["number"] = repair_symbol(res["number"], text.replace(h.num_text, " "), is_cv)
    forms = bigram_forms(text)
    for k, c in bigram_forms("\n".join(res[k] or "" for k in ("issuer", "parent_issuer", "subject"))).items():
        forms[k] = forms.get(k, Counter()) - c
    for k in ("issuer", "parent_issuer", "subject"):
        res[k] = reaccent_caps(res[k], forms)
    return res


# specks OCR reads glued before a title's word: '¡', ',', '.', '_' ('_,PHỤC'), or a quote, backtick or degree
# sign with another speck after it ("'-TRONG"; a quote alone may open a quoted name: 'VỀ ‘…’', and a dash alone
# may be printed: both kept)
_SPECKS_BEFORE_RE = re.compile(r"^(?:[¡,._]+|['`‘’°^~][-¡,._'`‘’°^~]+)(?=[^\W\d_])")


def tidy_ocr_subject(subject: str | None) -> str | None:
    """An OCR'd subject in capitals without the specks read as marks: tokens of only dots, underscores, '¡', lone
    quotes, backticks or degree signs ('.__', '_', "BỘ ' TRƯỞNG", 'NGHIỆP ` VÀ'; random layouts, dev), a comma
    alone before the first word, such specks glued before a word ('¡QUYỀN', 'SỬ DỤNG ,TRÊN', 'THẨM .QUYỀN',
    'KHU _VỰC', "'-TRONG", '_,PHỤC'), and a full stop after a word that is a syllable ('CƠ. CHẾ', 'ĐỐI.
    VỚI': a title has no sentence inside it; an abbreviation keeps its dot: 'TP. HỒ CHÍ MINH')."""
    if not subject or not _mostly_caps(subject):
        return subject
    toks = [_SPECKS_BEFORE_RE.sub("", t) for t in subject.split() if t.strip("._¡…'`‘’°^~")]
    while toks and re.fullmatch(r"[,;:]+", toks[0]):
        toks.pop(0)  # a speck read as a comma before the title's first word (', HIẾN, LẤY, GHÉP MÔ …')
    out = [t[:-1] if k + 1 < len(toks) and re.fullmatch(r"[^\W\d_]{2,}\.", t) and is_caps(t)
           and re.search(r"[aeiouy]", fold(t).lower()) and is_caps(toks[k + 1]) else t for k, t in enumerate(toks)]
    return " ".join(t for t in out if t) or None


_SPECK_LEAD_RE = re.compile(r"^[_„\"'`|~^ˆ*]+(?=[^\W\d_])")  # specks glued before the first word: '_Đề nghị'
_ADDRESSING_RE = re.compile(r"\s*\|?\s*(?:\S*nh\s+)?g[ửu]i\s*:.*$", re.IGNORECASE)


def ocr_subject_ends(subject: str | None) -> str | None:
    """An OCR'd subject without the specks read before its first word and without the addressing line read onto
    its end. A subject never opens with a lone small Latin letter or a symbol ('g Về dự án …', 'w cho ý kiến …', '„ Ban
    hành …', '_Đề nghị …': real scans rendered anew, benchmarks/perturb_real.py) nor holds 'Kính gửi:' ('… Bắc -
    Nam nh gửi:' where OCR lost the 'Kí', '… Đăk Nông | Kính gửi: :' read onto the subject's line)."""
    if not subject:
        return subject
    toks = subject.split()
    while len(toks) > 1 and (not any(c.isalpha() for c in toks[0]) or re.fullmatch(r"[a-z]", toks[0])):
        toks.pop(0)
    out = _ADDRESSING_RE.sub("", _SPECK_LEAD_RE.sub("", " ".join(toks))).strip(" |:;,")
    return out or None


# words after which a title never prints a comma: the function words a title line cannot end on either, and the
# 'VỀ VIỆC' opening a title ('VỀ VIỆC, GIẢI QUYẾT', '… KỸ THUẬT VÀ, BẢO VỆ' are specks read as commas)
# (matched as printed: 'ĐỔI' in 'SỬA ĐỔI, BỔ SUNG' folds like 'ĐỐI')
_NO_COMMA_AFTER = frozenset("VÀ CỦA GIỮA VỚI VỀ CHO TẠI ĐỂ TRONG THEO CÁC ĐỐI TRÊN THUỘC NHỮNG MỘT ĐƯỢC".split())
_COMMA_PAIR_RE = re.compile(r"([^\W\d_]+)\s*,\s*(?=[^\W\d_])")


def ocr_title_commas(subject: str | None) -> str | None:
    """An OCR'd subject in capitals without the commas that specks made after a word a title never puts one
    after: 'VỀ VIỆC, GIẢI' → 'VỀ VIỆC GIẢI', 'VÀ, BẢO VỆ' → 'VÀ BẢO VỆ' ('CHÍNH SÁCH, CHI TRẢ' stays)."""
    if not subject or not _mostly_caps(subject) or "," not in subject:
        return subject

    def fix(m: re.Match) -> str:
        a = m.group(1)
        ve_viec = a == "VIỆC" and subject[:m.start()].strip() == "VỀ"
        return a + " " if a in _NO_COMMA_AFTER or ve_viec else m.group(0)

    return _COMMA_PAIR_RE.sub(fix, subject)


def ocr_caps_case(subject: str | None) -> str | None:
    """An OCR'd subject in capitals with a letter read in small case inside a capitalised word ('SỬA ĐỔI, Bổ SUNG',
    'THuẾ'): the word in capitals, so that the title is a caps line again; words all in small letters ('m2') stay."""
    if not subject or is_caps(subject) or not _mostly_caps(subject):
        return subject
    return " ".join(w.upper() if w[:1].isupper() and any(c.islower() for c in w) else w for w in subject.split(" "))
