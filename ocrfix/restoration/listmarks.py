"""List markers that OCR misread, put back (OCR profiles only): a line of a list starts with "- " (the Nơi nhận
items, the items of an article) or "a)", "b)", "c)" (Decree 30 points). Tesseract reads the dash as "~" and the
letter c as "€"; no line of the corpus starts with "~ " or "€)", so the fix cannot touch correct text."""
from __future__ import annotations

from .choices import TokenChoice
from .tokens import PUNCT, SPACE, Token

# what OCR wrote at the start of a line → the marker; the token after it
_MARKERS = {"~": ("-", " "), "€": ("c", ")")}


def _line_start(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].kind == SPACE and "\n" in tokens[i - 1].text


def marker_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    out = []
    for i, t in enumerate(tokens):
        fix = _MARKERS.get(t.text) if t.kind == PUNCT else None
        if fix and _line_start(tokens, i) and i + 1 < len(tokens) and tokens[i + 1].text.startswith(fix[1]) \
                and (fix[1] != " " or "\n" not in tokens[i + 1].text):
            out.append(TokenChoice(offsets[i], offsets[i + 1], t.text, fix[0], 0.9))
    return out
