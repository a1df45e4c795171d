"""Quantities in the text with Vietnamese number rules ("1.600" = 1600, "2,5" = 2.5).

>>> [(c["value"], c["unit"]) for c in parse_counts("ban hành 05 văn bản, trên 1.600 các văn bản, 2,5 tỷ đồng")]
[(5, 'văn bản'), (1600, 'văn bản'), (2.5, 'tỷ đồng')]

Dates, document numbers, article numbers ("Điều 8", "khoản 3"), years and phone numbers are not counted,
and a number counts only with a known unit (or "%").
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from .anchors import fold

__all__ = ["parse_counts", "parse_number_vn", "UNITS"]

# units (folded form → written form is taken from the text); multi-word first
UNITS: list[str] = sorted({
    "tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "đồng", "tỷ", "triệu", "nghìn", "USD", "văn bản", "tin",
    "bài", "bài viết", "câu hỏi", "người", "lượt", "lượt người", "hộ", "hộ gia đình", "xã", "phường", "tỉnh",
    "thành phố", "huyện", "cơ quan", "đơn vị", "doanh nghiệp", "hồ sơ", "thủ tục", "thủ tục hành chính",
    "nhiệm vụ", "ha", "km", "m2", "m3", "m²", "m³", "tấn", "kg", "tháng", "ngày", "ngày làm việc", "giờ",
    "tuần", "cuộc", "cuộc họp", "lần", "buổi", "trường", "xe", "cửa khẩu", "dự án", "mỏ", "cán bộ",
    "công chức", "viên chức", "đại biểu", "ý kiến", "kiến nghị", "chỉ tiêu", "nội dung", "vụ", "tờ khai",
    "cơ sở", "trạm", "phòng", "học sinh", "giáo viên", "bệnh nhân", "căn", "căn hộ", "lô", "thửa", "trang",
    "bản", "bộ", "điểm", "địa phương", "tổ chức", "cá nhân", "nhà", "công trình", "gói thầu", "sản phẩm",
    "dịch vụ", "phiếu", "giấy phép", "tập thể", "lao động", "hội nghị", "lớp", "đoàn", "đợt", "Luật",
    "luật", "phương án", "dòng", "nghìn tấn", "triệu tấn", "tỷ USD", "triệu USD", "kV", "MW", "ngày công", "tuổi", "quy định", "ứng dụng", "nền tảng", "nhóm", "nghị định", "thông tư", "quyết định", "đề án", "chương trình", "kế hoạch", "mã số", "năm",
    "tín chỉ", "học phần", "sinh viên", "giảng viên", "người học",
}, key=lambda u: -len(u))
_FOLDED_UNITS = [(fold(u), u) for u in UNITS]
_QUALIFIERS = ["trên", "dưới", "gần", "hơn", "khoảng", "tối đa", "tối thiểu", "ít nhất", "đạt", "gồm", "tổng số",
               "hơn", "chỉ", "tới", "lên đến", "lên tới", "còn"]
_FOLDED_Q = sorted(((fold(q), q) for q in _QUALIFIERS), key=lambda x: -len(x[0]))
# words just before a number that make it not a count
_NOT_BEFORE = {"dieu", "khoan", "diem", "muc", "chuong", "phan", "phu luc", "so", "ngay", "thang", "nam", "quy",
               "tieu muc", "stt", "tt", "lan thu", "khoa", "phong", "tang", "lo", "duong", "ql", "quoc lo",
               "tinh lo", "dt", "so dien thoai", "dien thoai", "fax", "ma so thue", "mst", "tai khoan", "phu luc so",
               "giai doan", "nhiem ky", "ky", "hoc ky", "to", "thon", "ap", "khu pho", "ban", "cap", "hang", "buoc", "dot", "vong",
               "nhom", "loai", "bang", "hinh", "mau", "tieu chi", "thu", "so hieu"}
_NUM = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_COUNT_RE = re.compile(r"(?<![\w./,:-])" + _NUM + r"(?![\w/]|[.,]\d|-\w)([ \t]*%|[ \t]+[^\W\d_][\w]*(?:[ \t]+[^\W\d_]\w*){0,3})?")
_OF_STOP = {"doi", "cua", "ve", "va", "tren", "voi", "cho", "duoc", "da", "trong", "theo", "tai", "de", "tu", "den",
            "nam", "thang", "ngay", "la", "thi", "nay", "do", "co", "khong", "con", "se", "dang", "moi", "cac",
            "nhung", "bang", "gom", "o", "nhu", "sau", "truoc", "khi", "hoac", "tru"}


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _toneless(s: str) -> str:
    """Lower case without the five tone marks (vowel marks and đ kept): 'Ngày Cóng' → 'ngay cong'."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s.lower())
                                                if c not in _TONE_MARKS))


def parse_number_vn(s: str) -> int | float:
    """'1.600' → 1600, '2,5' → 2.5, '50.022,0' → 50022.0."""
    s = s.strip()
    if "," in s:
        a, b = s.split(",", 1)
        return float(a.replace(".", "") + "." + b)
    return int(s.replace(".", ""))


def _is_label(before: str) -> bool:
    """The folded words before a number make it a label ("số 12", "Điều 3"), not a count; "tổng số 30 doanh
    nghiệp" counts."""
    bwords = before.split()
    prev1 = bwords[-1] if bwords else ""
    prev2 = " ".join(bwords[-2:]) if len(bwords) >= 2 else prev1
    prev3 = " ".join(bwords[-3:]) if len(bwords) >= 3 else prev2
    return (prev1.strip("(:") in _NOT_BEFORE or prev2 in _NOT_BEFORE or prev3 in _NOT_BEFORE) and prev2 != "tong so"


def _unit_after(m: re.Match, text: str, flat: str, accent_poor: bool) -> tuple[str, int] | None:
    """(unit as written, its end) after the number of match `m`, or None when no known unit follows."""
    tail = m.group(2) or ""
    if tail.strip() == "%":
        return "%", m.end(2)
    ft = fold(tail)
    lead = len(ft) - len(ft.lstrip())
    body = ft.lstrip()
    skip = next((len(art) for art in ("cac ", "nhung ") if body.startswith(art)), 0)
    for fu, u in _FOLDED_UNITS:
        seg = body[skip:skip + len(fu)]
        if seg == fu and (len(body) == skip + len(fu) or not body[skip + len(fu)].isalnum()):
            a = m.start(2) + lead + skip
            written = flat[a:a + len(fu)]
            if "\n" in text[m.end(1):a] and not written[:1].islower():
                continue  # a new line opening with a capital is a new sentence ("… năm 2030\nCăn cứ")
            # "phương" folds like "phường", "dòng" like "đồng": accept only the unit itself or an
            # accent-stripped spelling of it
            if written.lower() != u.lower() and not written.isascii() and not accent_poor and not (
                    " " in u and _toneless(written) == _toneless(u)):
                continue
            return flat[a:a + len(fu)], a + len(fu)
    return None


def _not_a_count(num_s: str, value: int | float, unit: str, uend: int, s0: int, end1: int, text: str) -> bool:
    """Numbers with a unit that still are no quantity: years, dates, ranges, a lost superscript."""
    percent = unit == "%"
    # "Quặng (103 tấn)": a table unit 10³ tấn whose superscript was lost, not a quantity
    if num_s in ("103", "106", "109") and text[s0 - 1:s0] == "(" and text[uend:uend + 1] in (")", "/"):
        return True
    fu_unit = fold(unit)
    # years: "năm 2020", "2021 - 2025" are not counts; a bare 4-digit year-like number needs a unit other
    # than time words
    if isinstance(value, int) and 1900 <= value <= 2100 and "." not in num_s and fu_unit in ("nam", "thang", "ngay"):
        return True
    if fu_unit in ("nam",) and value > 200:
        return True
    if text[end1:end1 + 1] == "/" or re.match(r"\s*[-–]\s*\d", text[end1:end1 + 4]) and not percent:
        return True
    return fu_unit in ("thang", "ngay", "nam", "gio") and bool(re.match(r"[ \t]+(\d|nam[ \t]+\d)",
                                                                         fold(text[uend:uend + 12])))


def _counted(text: str, uend: int, percent: bool) -> list[str]:
    """The small words after the unit naming what is counted ("513 tin tổng hợp" → ["tổng", "hợp"])."""
    of_words: list[str] = []
    for w in re.findall(r"[^\W\d_]+|[^\w\s]|\d+", text[uend:uend + 40])[:5]:
        fw = fold(w)
        if not w.isalpha() or not w.islower():
            break
        if fw in ("cac", "nhung") and not of_words and percent:
            continue
        if fw in _OF_STOP:
            break
        of_words.append(w)
        if len(of_words) >= 3:
            break
    return of_words


_OF_UNITS = ("tin", "bai", "luot", "cuoc", "lan", "buoi", "van ban", "y kien", "ho so", "nhiem vu", "phieu")


def parse_counts(text: str) -> list[dict[str, Any]]:
    """Quantities: [{"value", "unit", "text", "qualifier"?, "of"?, "percent"?}] in order of appearance."""
    out: list[dict[str, Any]] = []
    f = fold(text)
    words = re.findall(r"[^\W\d_]+", text[:20000])
    # accent-poor text (OCR without diacritics): units are matched on folded text only
    accent_poor = bool(words) and sum(1 for w in words if not w.isascii()) < 0.3 * len(words)
    # a line break inside a count is not a boundary ("04\nphòng", "04 Nghị\nđịnh": OCR lines wrap anywhere); a
    # blank line is (table cells). Same length, so positions hold in `text` too.
    flat = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    for m in _COUNT_RE.finditer(flat):
        num_s = m.group(1)
        s0 = m.start()
        # skip list markers at line start ("1. ", "12 ") and numbered headings
        line_start = text.rfind("\n", 0, s0) + 1
        if not text[line_start:s0].strip() and (text[m.end(1):m.end(1) + 1] in (".", ")") or m.group(2) is None):
            continue
        before = f[max(0, s0 - 25):s0].rstrip()
        if _is_label(before):
            continue
        digits = num_s.replace(".", "").replace(",", "")
        if len(digits) >= 9 and "." not in num_s:  # phone numbers, tax codes
            continue
        found = _unit_after(m, text, flat, accent_poor)
        if found is None:
            continue
        unit, uend = found
        percent = unit == "%"
        value = parse_number_vn(num_s)
        if _not_a_count(num_s, value, unit, uend, s0, m.end(1), text):
            continue
        d: dict[str, Any] = {"value": value, "unit": unit, "text": ""}
        tstart = s0
        for fq, _wq in _FOLDED_Q:  # a qualifier before: "trên 1.600", "gần 30"
            if before.endswith(" " + fq) or before == fq:
                tstart = s0 - (len(f[:s0]) - len(f[:s0].rstrip())) - len(fq)
                d["qualifier"] = text[tstart:s0].strip()
                break
        of_words = _counted(text, uend, percent)
        tend = uend
        if of_words and (percent or fold(unit) in _OF_UNITS):
            d["of"] = " ".join(of_words)
            idx = text.find(of_words[-1], uend)
            tend = idx + len(of_words[-1]) if idx >= 0 else uend
        if percent:
            d["percent"] = True
        d["text"] = re.sub(r"\s+", " ", text[tstart:tend]).strip()
        out.append(d)
    return out
