"""Accent-folded anchor finding: match "Số:", "ngày … tháng … năm", "Nơi nhận" on text that OCR or
restoration may have left without (or with wrong) diacritics (`fold`, from ocrfix.vntext, keeps positions).

>>> bool(SO_ANCHOR_RE.search(fold("Số: 12/BC-UBND")))
True
"""
from __future__ import annotations

import re
from datetime import date as _date

from ..vntext import NAME_WORD_RE, NOI_NHAN_RE, fold, fold_line, is_caps, nfc  # noqa: F401  (re-exported)

__all__ = ["nfc", "fold", "fold_line", "is_caps", "NAME_WORD_RE", "NUMBER_RE", "SEPARATED_NUMBER_RE", "SO_ANCHOR_RE", "DATE_WORDS_RE",
           "DATE_SLASH_RE", "NOI_NHAN_RE", "KINH_GUI_RE", "iso_date", "find_date_words", "parse_int_vn"]


# A document symbol: "12/BC-UBND", "29/2019/QĐ-UBND", "1140/STTTT-TTBCXB", "5348/CT-CS", "59/2020/QH14".
_CODE = r"[^\W\d_][^\W_]*(?:&[^\W\d_]+)*"
# a lower-case word after a spaced hyphen is running text, not a code part: "Quyết định số 68/QĐ- ngày 10/02/2017"
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and c.isalpha())
_SEP = rf"(?:-(?! )|[ ]?-[ ]?(?![{_LOWER}]))"
# a part after a dot, as printed: "11554/VPCP-V.I", "4814/CCTKV.05-TTKT3" (not a sentence's full stop: capitals
# or digits only, not running on into a word)
_DOT_PART = r"\.[A-ZĐ0-9]{1,5}(?![^\W_])"
NUMBER_RE = re.compile(
    rf"(?<![\w/])(\d{{1,3}} \d{{3}}(?=[ ]?/)|\d{{1,6}}(?:\.\d{{1,3}})?)[ ]?/[ ]?(?:(\d{{4}})[ ]?/[ ]?)?({_CODE}(?:{_SEP}[^\W_]+(?:&[^\W\d_]+)*|{_DOT_PART})*)"
)
# Party form: "221-KL/TW", "565-BC/BTCTW".
PARTY_NUMBER_RE = re.compile(rf"(?<![\w/])(\d{{1,6}})-({_CODE})/({_CODE}(?:-{_CODE})*)")
# An office's own running number printed with its separators after "Số:" (a Văn phòng's phiếu trình:
# "Số: 02-02/26/PT-NC", the year in two digits): taken only after the header's "Số:", never in running text.
SEPARATED_NUMBER_RE = re.compile(rf"(?<![\w/])(\d{{1,4}}(?:-\d{{1,4}})+)/(\d{{2}})/({_CODE}(?:-{_CODE})*)(?![\w/])")
# "Số:" and what OCR makes of it, on folded text: "so:", "so", "s0", "sb", "s6", "sô" (folded → "so").
SO_ANCHOR_RE = re.compile(r"(?<![a-z0-9])s[o0b6ó]\s?[:;.,]{0,2}\s*(?=\d)")
DATE_WORDS_RE = re.compile(
    r"ng[a-z]y\s*[:.]?\s*(\d{1,2})\s+th[a-z]ng\s*[:.]?\s*(\d{1,2})\s+n[a-z]m\s*[:.]?\s*(\d{4})")
DATE_SLASH_RE = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4})(?![\d/])")
KINH_GUI_RE = re.compile(r"^\s*k[i1l]nh\s*g[u]i\s*[:;.]?", re.M)


def iso_date(day: int | str, month: int | str, year: int | str) -> str | None:
    """'2020-12-01' for (1, 12, 2020); None when it is not a calendar date."""
    try:
        return _date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def find_date_words(folded: str, start: int = 0, end: int | None = None):
    """First "ngày 01 tháng 12 năm 2020" match in folded[start:end] (a re.Match) or None."""
    return DATE_WORDS_RE.search(folded, start, len(folded) if end is None else end)


def parse_int_vn(s: str) -> int:
    """Vietnamese integer with dot thousands: parse_int_vn('1.600') == 1600."""
    return int(s.replace(".", "").replace(" ", ""))
