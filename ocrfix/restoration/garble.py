"""English-model OCR's garbled words put back together before restoration (the `eng` profile only).

The tokenizer splits text the way correct text is written, so an English-model reading of one syllable can fall
apart or look like a code: "chi?c" (chức: 'ứ' read "i?") is the words "chi", "c" around a question mark,
"tru’c" (trực: 'ư' read "u’") two words around an apostrophe, "phu@ng" (phường) and "S@" (Sở) words around
an '@'; "T6" (Tổ), "B6" (Bộ), "S6" (Số), "X4" (Xã) are codes, like "A4" or "B2". The channel knows these
outputs ('ứ' → "i?", 'ư' → "u’", 'ờ' → "@", 'ổ' → "6"): the pieces are joined into one garbled word, and a
capital with a digit of a vowel's shape becomes a garbled word that may still stay what it was (the
restorer gives it its own reading as a number-like candidate)."""
from __future__ import annotations

import re

from . import syllables as S
from .tokens import CODE, NOISY, PUNCT, WORD, Token

# characters English-model OCR writes for a horn, a hook or a marked vowel, never punctuation inside a word
INNER_MARKS = "?’‘'@¢"
# ... and these also at a word's end ("S@", "tr¢")
TRAILING_MARKS = "@¢"
# a quote after u/o is the horn of ư/ơ ("tu’" tư, "so’" sơ); a quote or question mark after letters that spell
# no syllable is part of the word ("ct?" cứ, "ct’" cứ)
HORN_QUOTES = "’‘'"
# a capital letter (or a few) with one digit or symbol that the eng channel reads as a vowel: "T6", "X4", "S@"
_UPPER_GARBLE = re.compile(r"^[A-ZĐ]{1,5}[046@¢&][A-ZĐ]{0,3}$")
MAX_JOINED = 12


def _lettered(t: Token) -> bool:
    return t.kind in (WORD, NOISY)


def _trailing(before: str, mark: str) -> bool:
    """Whether `mark` right after the letters `before` (end of a word) belongs to the word."""
    if mark in TRAILING_MARKS:
        return True
    if mark in HORN_QUOTES and before[-1:] in "uo":
        return True
    return mark in HORN_QUOTES + "?" and before.isalpha() and not S.is_syllable(before.lower())


def join_garbled(tokens: list[Token]) -> list[Token]:
    """Tokens with each English-model garbled syllable as one NOISY token: letters joined across the marks of
    INNER_MARKS between them (and TRAILING_MARKS after them), and a capital-and-digit code read as a word."""
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if _lettered(t):
            j = i + 1  # extend over mark + letters, or a trailing mark
            while j < n and tokens[j].kind == PUNCT and tokens[j].text in INNER_MARKS:
                if j + 1 < n and _lettered(tokens[j + 1]):
                    j += 2
                elif _trailing(tokens[j - 1].text, tokens[j].text):
                    j += 1
                else:
                    break
            text = "".join(x.text for x in tokens[i:j])
            if j > i + 1 and len(text) <= MAX_JOINED:
                out.append(Token(text, NOISY))
                i = j
                continue
        if t.kind in (CODE, NOISY, WORD) and _UPPER_GARBLE.match(t.text):
            out.append(Token(t.text, NOISY))
        else:
            out.append(t)
        i += 1
    return out


def code_like(t: Token) -> bool:
    """A garbled word with no small letters ("T6", "S@"): it may be a code as printed ("A4")."""
    return t.kind == NOISY and not any(c.islower() for c in t.text)
