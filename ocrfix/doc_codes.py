"""Document symbols (số, ký hiệu) as officials write them: one table for restoration and fields.

>>> fix_code("29/2019/QD-UBND")
'29/2019/QĐ-UBND'
"""
from __future__ import annotations

import re
from functools import lru_cache

# Codes written without Đ (OCR or typing) → official spelling. Case-sensitive keys.
CODE_FIXES: dict[str, str] = {
    "QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "CD": "CĐ", "QyD": "QyĐ", "QYD": "QyĐ", "BCD": "BCĐ",
    "HDQT": "HĐQT", "TTG": "TTg", "CTR": "CTr", "TTR": "TTr", "Qd": "QĐ", "qd": "QĐ", "nd": "NĐ",
}
_CODE_PART = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def learned_parts() -> dict[str, str]:
    """D-spelling → official spelling of the longer symbol parts the corpus writes with Đ (tools/symbols.py):
    'SGDDT' → 'SGDĐT', 'CTDT' → 'CTĐT'."""
    from .resources import model_path

    out = {}
    for line in model_path("symbol_parts.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            part = line.split("\t")[0]
            out[part.replace("Đ", "D")] = part
    return out


def official_part(part: str) -> str:
    """One upper-case symbol part as officials write it ('QD' → 'QĐ', 'BGDDT' → 'BGDĐT'); others unchanged."""
    return CODE_FIXES.get(part) or learned_parts().get(part, part)


def fix_code(code: str) -> str:
    """A whole symbol with its parts spelled officially ('QD-UBND' → 'QĐ-UBND'); text without '/' is no symbol."""
    if "/" not in code:
        return code
    return _CODE_PART.sub(lambda m: official_part(m.group()), code)
