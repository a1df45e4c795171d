"""List markers that OCR misread, put back (OCR profiles only): a line of a list starts with "- " (the Nơi nhận
items, the items of an article) or "a)", "b)", "c)" (Decree 30 points). Tesseract reads the dash as "~" and the
letter c as "€"; no line of the corpus starts with "~ " or "€)", so the fix cannot touch correct text. The last
Nơi nhận item is "Lưu: VT, …" (Decree 30: the văn thư keeps a copy; 45 of the 2025 documents' 45 "Lưu:" items),
which OCR reads "Lưu: VI" (a roman six). Points are lettered in the order of the Vietnamese alphabet (a, b, c, d,
đ, e, g, …), so a "d)" after "d)" is "đ)", and a "đ)" after "c)" is "d)": OCR tells the two apart badly."""
from __future__ import annotations

from . import syllables as S
from .choices import TokenChoice
from .tokens import PUNCT, SPACE, Token

# what OCR wrote at the start of a line → the marker; the token after it
_MARKERS = {"~": ("-", " "), "€": ("c", ")")}


def _line_start(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].kind == SPACE and "\n" in tokens[i - 1].text


def marker_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    """Misread list markers and the văn thư's "VT" of a Lưu item, as choices."""
    out = luu_choices(tokens, offsets) + point_choices(tokens, offsets)
    for i, t in enumerate(tokens):
        fix = _MARKERS.get(t.text) if t.kind == PUNCT else None
        if fix and _line_start(tokens, i) and i + 1 < len(tokens) and tokens[i + 1].text.startswith(fix[1]) \
                and (fix[1] != " " or "\n" not in tokens[i + 1].text):
            out.append(TokenChoice(offsets[i], offsets[i + 1], t.text, fix[0], 0.9))
    return out


def _after_luu(tokens: list[Token], i: int) -> bool:
    """Token i is the first after "Lưu:" (OCR'd or not: "Luu:")."""
    k = i - 1
    while k >= 0 and tokens[k].kind == SPACE and "\n" not in tokens[k].text:
        k -= 1
    return k >= 1 and tokens[k].text == ":" and S.fold(tokens[k - 1].text.lower()) == "luu"


def luu_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    """'Lưu: VI,' → 'Lưu: VT,'."""
    return [TokenChoice(offsets[i], offsets[i + 1], t.text, "VT", 0.9) for i, t in enumerate(tokens)
            if t.text == "VI" and _after_luu(tokens, i)
            and (i + 1 == len(tokens) or tokens[i + 1].text in (",", ".", ";") or "\n" in tokens[i + 1].text)]


POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Decree 30 points: a), b), c), d), đ), e), g), …


def point_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    """A point letter d/đ at a line's start made the one that follows the previous point's letter."""
    out = []
    prev = None
    for i, t in enumerate(tokens):
        if not _line_start(tokens, i):
            continue
        if t.text.isdigit() or S.fold(t.text.lower()) == "dieu":
            prev = None  # a clause ("2. Sửa đổi điểm a, c …") or an article starts lists of its own
            continue
        if not (i + 1 < len(tokens) and tokens[i + 1].text == ")"):
            continue
        letter = "c" if t.text == "€" else t.text
        if len(letter) != 1 or letter not in POINT_LETTERS:
            continue
        k = POINT_LETTERS.index(letter)
        if prev is not None and letter in "dđ" and prev + 1 < len(POINT_LETTERS) and POINT_LETTERS[prev + 1] in "dđ":
            k = prev + 1
            if POINT_LETTERS[k] != letter:
                out.append(TokenChoice(offsets[i], offsets[i + 1], t.text, POINT_LETTERS[k], 0.9))
        prev = k
    return out
