"""Does an OCR token read as language? Vietnamese syllables, numbers, document codes and roman numerals do;
what Tesseract makes of seal rings, signatures, emblems and QR codes mostly does not ('00T', 'A0', 'Nẹ@',
'ÿ'). Pure functions."""
from __future__ import annotations

import re
import unicodedata

from ..restoration.syllables import LETTERS, is_syllable

EDGE_PUNCT = "\"'“”‘’()[]{}<>«».,;:!?…*-–—_/\\|~`^°•·"
_NUMBER = re.compile(r"^\d+(?:[.,:/-]\d+)*%?$")
# document codes: 'UBND', 'TTr-UBND', '01/TTr-UBND', '12/2025/NĐ-CP', 'QLDN1', 'PC04', 'TTg': parts of digits or
# capitalised letter runs, joined by - / . — with at least two letters in all
_CODE_PART = r"(?:\d+|[A-ZĐ][A-ZĐa-zđ]*\d*)"
_CODE = re.compile(rf"^{_CODE_PART}(?:[-/.&]{_CODE_PART})*$")
_ROMAN = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_LIST_MARK = re.compile(r"^[a-zđ]\)$")  # 'a)', 'đ)'
_SLASHED = re.compile(r"^[A-Za-zĐđ]/[a-zđ]$")  # 'V/v', 'b/c', 'đ/c'
_WORDLIKE = re.compile(f"^[{LETTERS}]+$")


def core(token: str) -> str:
    """The token without the punctuation around it (NFC)."""
    return unicodedata.normalize("NFC", token).strip(EDGE_PUNCT)


def is_vietnamese_word(s: str) -> bool:
    """A syllable, or syllables joined by hyphens ('Bà-Rịa'); case as written anywhere but mixed ('tẾ' is not)."""
    parts = s.split("-")
    for p in parts:
        if not p or not _WORDLIKE.match(p):
            return False
        if not (p.islower() or p.isupper() or (p[0].isupper() and p[1:].islower())):
            return False
        if not is_syllable(p.lower()):
            return False
    return True


def token_kind(token: str) -> str:
    """'word' | 'number' | 'code' | 'roman' | 'punct' (nothing alphanumeric) | 'other' (does not read as language)."""
    if _LIST_MARK.match(token.strip()):
        return "word"
    c = core(token)
    if _SLASHED.match(c):
        return "word"
    if not any(ch.isalnum() for ch in c):
        return "punct"
    if is_vietnamese_word(c):
        return "word"
    if _NUMBER.match(c):
        return "number"
    if _ROMAN.match(c):
        return "roman"
    if _CODE.match(c) and sum(ch.isalpha() for ch in c) >= 2 and not c.isdigit():
        return "code"
    return "other"


# the marks a text and its Lưu item end with: the closing './.' and the copy count '(2).', '(5b).'
_CLOSED = re.compile(r"^(.*?(?:\./\.|\(\d{1,2}[a-zđ]?\)\.))(.+)$")


def before_initials(token: str) -> str | None:
    """The printed part of a token that goes on past a closing mark with what reads as no language: the drafter's
    initials (ký nháy), written after the text's './.' and after the Lưu item's copy count, read glued to them
    ('định./.4_~', 'NC(2).xeu', 'chí././@'). Nothing printed follows either mark on its line but the next line's
    first word run on, which starts with a capital ('hiện./.Nơi'): that token stays, and so does one with no
    such mark (None)."""
    m = _CLOSED.match(token)
    if m is None:
        return None
    rest = core(m.group(2))
    if rest[:1].isupper() and token_kind(rest) in ("word", "code", "roman"):
        return None
    return m.group(1)


def is_valid_token(token: str) -> bool:
    """Reads as language (or is punctuation): the count benchmarks/junk.py makes of what is not."""
    return token_kind(token) != "other"


def invalid_tokens(text: str) -> list[str]:
    """The whitespace tokens of a text that have letters or digits and do not read as language."""
    return [t for t in text.split() if token_kind(t) == "other"]
