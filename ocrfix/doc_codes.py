"""Document symbols (số, ký hiệu) as officials write them: one table for restoration and fields.

>>> fix_code("29/2019/QD-UBND")
'29/2019/QĐ-UBND'
"""
from __future__ import annotations

import re

# Codes written without Đ (OCR or typing) → official spelling. Case-sensitive keys.
CODE_FIXES: dict[str, str] = {
    "QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "CD": "CĐ", "QyD": "QyĐ", "QYD": "QyĐ", "BCD": "BCĐ",
    "HDQT": "HĐQT", "TTG": "TTg", "CTR": "CTr", "TTR": "TTr", "Qd": "QĐ", "qd": "QĐ", "nd": "NĐ",
}
_CODE_PART = re.compile(r"[A-Za-z]+")


def fix_code(code: str) -> str:
    """A whole symbol with its parts spelled officially ('QD-UBND' → 'QĐ-UBND'); text without '/' is no symbol."""
    if "/" not in code:
        return code
    return _CODE_PART.sub(lambda m: CODE_FIXES.get(m.group(), m.group()), code)
