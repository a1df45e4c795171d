"""Issuer lines as OCR leaves them on real scans: debris tokens from stamps and specks ("TT”", "TWT1",
"\\N"), names run together ("BỘCÔNGAN", "ỦY BANNHÂN DÂN"), and the other header column read after the issuer.

>>> clean_issuer_lines(["TT” VĂN PHÒNG CHÍNH PHỦ"])
['VĂN PHÒNG CHÍNH PHỦ']
>>> respace("ỦY BANNHÂN DÂN")
'ỦY BAN NHÂN DÂN'
"""
from __future__ import annotations

import re

from .anchors import fold
from .reaccent import spell_phrases

__all__ = ["clean_issuer_lines", "respace", "is_junk_token", "body_spelling"]

# What an issuer's name never holds: symbols other than these ('&' in "KẾ HOẠCH & ĐẦU TƯ", brackets, dashes)
_NAME_SYMBOLS = set(".,&()-–/'")
_LETTER_DIGIT = re.compile(r"[^\W\d_].*\d|\d.*[^\W\d_]")

# Names of bodies that OCR runs together on real scans (their syllables, folded): 'BỘCÔNGAN', 'BANNHÂN'.
# Seen on the real development scans (benchmarks/data/real): Bộ Công an, UBND Lâm Đồng (2 scans).
_GLUED_NAMES = ("uy ban nhan dan", "hoi dong nhan dan", "bo cong an", "cong an tinh", "van phong chinh phu",
                "chinh phu", "thu tuong", "quoc hoi", "bo tai chinh", "lien doan", "van phong", "hoi dong")
_GLUED_RES = [(re.compile(r"(?<![a-z])" + r"\s*".join(name.split()) + r"(?![a-z])"), name) for name in _GLUED_NAMES]


def is_junk_token(tok: str) -> bool:
    """A token no issuer's name holds: a symbol a name never has ('TT”', '\\N', 'TT#T'), letters run into digits
    ('TWT1'), or a number with an unmatched bracket ('219)'). A plain number stays ('QUÂN KHU 7')."""
    if any(not c.isalnum() and not c.isspace() and c not in _NAME_SYMBOLS for c in tok):
        return True
    if _LETTER_DIGIT.search(tok):
        return True
    return tok.count("(") != tok.count(")")


def respace(line: str) -> str:
    """Put back the spaces OCR lost inside a known body's name ('BỘCÔNGAN' → 'BỘ CÔNG AN'); letters as read."""
    f = fold(line)
    for rx, name in _GLUED_RES:
        for m in reversed(list(rx.finditer(f))):
            if m.group().count(" ") >= name.count(" "):
                continue
            out, k = [], m.start()
            for syl in name.split():
                while line[k].isspace():
                    k += 1
                out.append(line[k:k + len(syl)])
                k += len(syl)
            line = line[:m.start()] + " ".join(out) + line[m.end():]
            f = fold(line)
    return line


def _without_underline(tok: str) -> str:
    """A word without the rule printed under the issuer's name that OCR read glued to it as underscores
    ('BỘ CÔNGAN_' of a scan at 300 dpi: the word is kept, respaced, not dropped as debris)."""
    return tok.strip("_")


def clean_issuer_lines(lines: list[str], named: bool = False) -> list[str]:
    """Issuer lines without debris: junk tokens dropped; a line with debris after a complete name (two words
    or more before it in `lines`, or `named`: found earlier) is seal or stamp debris as a whole ('\\N TĨNH LA'
    under 'CÔNG AN TỈNH LÂM ĐỒNG')."""
    out: list[str] = []
    for line in lines:
        toks = [t for t in (_without_underline(t) for t in line.split()) if t]
        kept = [t for t in toks if not is_junk_token(t)]
        if len(kept) < len(toks) and (named or len(" ".join(out).split()) >= 2):
            continue
        s = respace(" ".join(kept))
        if s:
            out.append(s)
    return out


# the words of bodies' names as Decree 30 headers print them (only their marks are ever mended)
_BODY_PHRASES = [p.split() for p in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG", "ỦY BAN", "CÔNG AN",
                                     "VĂN PHÒNG", "CHÍNH PHỦ", "THỦ TƯỚNG", "QUỐC HỘI", "TÀI CHÍNH", "LIÊN ĐOÀN")]


def body_spelling(name: str | None) -> str | None:
    """An OCR'd issuer in capitals with the words of a body's name spelt as printed ('HỘI ĐÒNG THẨM ĐỊNH' → 'HỘI
    ĐỒNG THẨM ĐỊNH', real scan); only marks change, a mark placed otherwise stays ('UỶ BAN'), other words as read."""
    if not name or name.upper() != name:
        return name
    return " ".join(spell_phrases(name.split(), _BODY_PHRASES))
