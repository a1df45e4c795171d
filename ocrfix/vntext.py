"""Vietnamese text helpers shared by the layout and fields stages: accent folding that keeps positions,
capitals, and the two anchors of the Decree-30 form that page layout finds zones by.

`fold` keeps the string length, so a match on the folded text is a span of the original text:

>>> fold("Số: 12/BC-UBND")
'so: 12/bc-ubnd'
>>> fold("Nơi nhận") == fold("Noi nhan") == fold("Nơi nhân")
True
"""
from __future__ import annotations

import re
import unicodedata

def nfc(s: str) -> str:
    """Unicode NFC (the project's normal form): nfc('Quye\u0301t') == 'Quyét'."""
    return unicodedata.normalize("NFC", s)


_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    r = _FOLD_CACHE.get(ch)
    if r is None:
        if ch in "đĐÐð":
            r = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            r = base.lower() if len(base.lower()) == 1 else ch.lower()
            if len(r) != 1:
                r = ch
        _FOLD_CACHE[ch] = r
    return r


def fold(s: str) -> str:
    """Lowercase, strip diacritics, đ→d; same length as the NFC input: fold('ĐỘC LẬP') == 'doc lap'."""
    return "".join(_fold_char(c) for c in s)


def fold_line(s: str) -> str:
    """fold() with runs of whitespace collapsed and ends stripped: fold_line(' Kính  gửi: ') == 'kinh gui:'."""
    return re.sub(r"\s+", " ", fold(s)).strip()


def is_caps(s: str, min_letters: int = 2) -> bool:
    """True for a line in capitals ('BỘ TÀI CHÍNH'), False for 'Bộ Tài chính' or '12/2020'."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= min_letters and all(c.isupper() for c in letters)


# One word of a person's name as printed under a signature: "Phạm", "Đức" (a capital, then small letters).
NAME_WORD_RE = re.compile(r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+")

# "Nơi nhận:" (and OCR's "Noi nhan", "N0i nhén") on folded text: the start of the bottom block
NOI_NHAN_RE = re.compile(r"^[\s\-*•]*n[o0]i\s*nh[a-z]n\s*[:;.]?", re.M)


# Vietnamese surnames (the commonest, which cover nearly all officials): a capitalised word before a signer's
# given names elsewhere in the text is taken as the surname OCR lost only when it is one of these
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm "
    "Phùng Mai Tô Hà Tạ Cao Lương Đinh Thái Quách Châu Lưu Triệu Kiều Thạch Lại Tăng Hứa Mạc Chu Nông Tống "
    "Khúc Doãn Giang Từ La Lục Âu Hầu Lò Nghiêm Quan Ninh Mạnh Khổng Thân Diệp Đồng Văn Tôn".split())
# rarer ones: never re-spelt as a commoner one ('Lã' is no misread 'La')
RARE_SURNAMES = frozenset(
    "Lã Đàm Khương Ông Phí Kim Bạch Cù Dư Giáp Lạc Lỗ Mẫn Mông Nhữ Phó Quang Sầm Thi Thiều Tiêu Trang Ứng Vi Yên "
    "Bế Chế Cấn Đậu Đoàn Hàn Hoa Khuất Lương Mã Nhan Phương Quách Sơn Thạch Thang Thái Tòng Vòng".split())
