"""Fixed text of the Decree 30 header put back when OCR garbled it (OCR profiles only): the national motto, and
the "năm" of the place-date line.

Every administrative document prints "Độc lập - Tự do - Hạnh phúc" (underlined) under "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT NAM". Its words are fixed, but OCR struggles with it: the underline under "phúc" makes English-model OCR
drop that word ("Doc lap - Tu do - Hanh", 6 of the 18 dev pages of benchmarks/restore.py more-ocr) or read
"Hạnh phú", and a lone "Hanh" at the end of a line restores to "Hành". A line that is nothing but the motto's words
(within a few letters, "phúc" possibly lost) is written as the motto; its dashes stay as printed.

The place-date line reads "<Place>, ngày 26 tháng 11 năm 2025"; English-model OCR drops the short "năm" between
the two numbers ("ngay 26 thang 11 2025", 2 of the 18 dev pages): a year right after "tháng <month>" gets it."""
from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from . import syllables as S
from .choices import TokenChoice
from .tokens import NOISY, SPACE, WORD, Token

MOTTO = ("Độc lập", "Tự do", "Hạnh phúc")
_FOLDED = "doc lap tu do hanh phuc"
_DASHES = "-–—"
MAX_EDITS = 3  # letters wrong in the folded words, besides a lost "phúc"


def _lines(tokens: list[Token]) -> list[list[int]]:
    """Token indices per line, spaces left out."""
    out: list[list[int]] = [[]]
    for i, t in enumerate(tokens):
        if t.kind == SPACE:
            if "\n" in t.text:
                out.append([])
        else:
            out[-1].append(i)
    return [ln for ln in out if ln]


def _is_motto(tokens: list[Token], line: list[int]) -> bool:
    words = [tokens[i].text for i in line if tokens[i].kind in (WORD, NOISY)]
    if not 5 <= len(words) <= 6:
        return False
    if any(tokens[i].kind not in (WORD, NOISY) and not all(c in _DASHES + "'‘’.,_" for c in tokens[i].text)
           for i in line):
        return False  # anything else on the line: not the motto alone
    folded = " ".join(S.fold(w.lower()) for w in words)
    target = _FOLDED if len(words) == 6 else _FOLDED.rsplit(" ", 1)[0]
    return Levenshtein.distance(folded, target, score_cutoff=MAX_EDITS) <= MAX_EDITS


def header_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    return sorted(motto_choices(tokens, offsets) + date_choices(tokens, offsets), key=lambda c: c.start)


_MONTH = re.compile(r"^(?:0?[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def date_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    """'ngày 26 tháng 11 2025' → 'ngày 26 tháng 11 năm 2025' (the words as OCR read them: 'thang' too)."""
    out = []
    for line in _lines(tokens):
        texts = [tokens[i].text for i in line]
        for k in range(3, len(line)):
            if _YEAR.match(texts[k]) and _MONTH.match(texts[k - 1]) and S.fold(texts[k - 2].lower()) == "thang" \
                    and texts[k - 3].isdigit() and k >= 4 and S.fold(texts[k - 4].lower()) == "ngay":
                i = line[k]
                out.append(TokenChoice(offsets[i], offsets[i + 1], texts[k], "năm " + texts[k], 0.9))
    return out


def motto_choices(tokens: list[Token], offsets: list[int]) -> list[TokenChoice]:
    """One choice per motto line, spanning the line's first to last token."""
    out = []
    lines = _lines(tokens)
    for n, line in enumerate(lines):
        if not _is_motto(tokens, line):
            continue
        dashes = [tokens[i].text for i in line if tokens[i].text in _DASHES]
        sep = dashes if len(dashes) == 2 else ["-", "-"]
        text = f"{MOTTO[0]} {sep[0]} {MOTTO[1]} {sep[1]} {MOTTO[2]}"
        nxt = lines[n + 1] if n + 1 < len(lines) else []
        if sum(tokens[i].kind in (WORD, NOISY) for i in line) == 5 and len(nxt) == 1 and Levenshtein.distance(
                S.fold(tokens[nxt[0]].text.lower()), "phuc") <= 2:
            # "phúc" went to the next line ("Hanh" / "phic"): it is written there
            text = text.rsplit(" ", 1)[0]
            out.append(_choice(tokens, offsets, nxt, MOTTO[2].split()[1]))
        out.append(_choice(tokens, offsets, line, text))
    return sorted(out, key=lambda c: c.start)


def _choice(tokens: list[Token], offsets: list[int], span: list[int], text: str) -> TokenChoice:
    a, b = span[0], span[-1]
    return TokenChoice(offsets[a], offsets[b + 1], "".join(t.text for t in tokens[a:b + 1]), text, 0.9)
