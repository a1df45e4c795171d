"""A signer's name line whose surname the signature's ink hid: the page's OCR returned no box for it ('Thị Loan'
for a name with a surname, 'Sơn' for 'Lê Trường Sơn', random layouts, dev). The line is read again alone
(Tesseract psm 7) over the signature column's width, and a leading surname is taken only when that re-read is
sure of it and reads the rest of the line as the page's OCR did. Nothing is guessed: a re-read that does not
agree, or a leading word that is no common surname, leaves the line as it was."""
from __future__ import annotations

import numpy as np

from ..document import Word
from ..vntext import NAME_WORD_RE, RARE_SURNAMES, SURNAMES
from .lines import Line, has_alnum, median_height, overlap

MIN_SURNAME_CONFIDENCE = 80.0  # the re-read's leading words must be this sure
MAX_NAME_WORDS = 4  # a Vietnamese name is rarely longer
COLUMN_REACH = 8.0  # line heights left of the line's first word the signature column may reach
ABOVE_PAD = 0.6  # line heights above the words (a surname's marks: 'Lê', 'Đỗ') and below them
BELOW_PAD = 0.35


def _name_shaped(ln: Line, width: int) -> bool:
    """A line of one to three name syllables whose middle is in the right half of the page (the signature's)."""
    ws = ln.words
    if not 1 <= len(ws) <= 3 or not all(NAME_WORD_RE.fullmatch(w.text) and w.text[1:].islower() for w in ws):
        return False
    return ws[0].box[0] + ws[-1].box[0] + ws[-1].box[2] >= width


def _centre(w: Word) -> float:
    return w.box[1] + w.box[3] / 2


def name_rows(lines: list[Line], width: int) -> list[list[Line]]:
    """The name-shaped lines, those of one row together (OCR can split 'Hải' | 'Hòa' into two lines)."""
    rows: list[list[Line]] = []
    for ln in (ln for ln in lines if _name_shaped(ln, width)):
        h = median_height(ln.words)
        row = next((r for r in rows if abs(_centre(r[0].words[0]) - _centre(ln.words[0])) <= h / 2), None)
        if row is None:
            rows.append([ln])
        else:
            row.append(ln)
    return rows


def lost_its_surname(ws: list[Word]) -> bool:
    """One to three name syllables in a row, the first not a surname (a single word is never a whole name): the
    shape a name line takes when the ink hid its surname ('Thị Loan', 'Sơn')."""
    return 1 <= len(ws) <= 3 and (len(ws) == 1 or ws[0].text not in SURNAMES | RARE_SURNAMES)


def leading_surname(first: list[Word], again: list[Word]) -> list[Word] | None:
    """The words the re-read `again` puts before the page's words `first` when it reads those exactly, and its
    leading words are a common surname (and at most one more name syllable) read surely, with nothing
    name-shaped before them; else None."""
    n = len(first)
    texts = [w.text for w in again]
    k = next((i for i in range(len(again) - n + 1) if texts[i: i + n] == [w.text for w in first]), None)
    if k is None or k == 0 or k + n != len(again):
        return None
    lead = again[:k]
    names = [i for i, w in enumerate(lead) if NAME_WORD_RE.fullmatch(w.text)]
    if not names or names != list(range(names[0], k)) or len(names) > 2 or len(names) + n > MAX_NAME_WORDS:
        return None
    got = lead[names[0]:]
    if got[0].text not in SURNAMES or any(w.confidence < MIN_SURNAME_CONFIDENCE for w in got):
        return None
    if any(w.confidence >= MIN_SURNAME_CONFIDENCE and has_alnum(w.text) for w in lead[:names[0]]):
        return None  # something else read surely before the name: not a name line alone
    return got


def reread_name_lines(lines: list[Line], page: np.ndarray, view: np.ndarray | None, dpi: int | None,
                      lang: str = "vie") -> list[Line]:
    """Each name line that lost its surname read again alone over the signature column, first from `view` (the
    page with the signature's coloured ink whitened, preprocess.handwriting_view; None: none made), then from
    `page`; a sure surname found so is put before its words (in place). Returns the lines."""
    from .engine import get_engine

    height, width = page.shape[:2]
    read = [w for ln in lines for w in ln.words]
    for row in name_rows(lines, width):
        ws = sorted((w for ln in row for w in ln.words), key=lambda w: w.box[0])
        if not lost_its_surname(ws):
            continue
        h = median_height(ws)
        top = min(w.box[1] for w in ws)
        bottom = max(w.box[1] + w.box[3] for w in ws)
        right = max(w.box[0] + w.box[2] for w in ws)
        x0 = max(width // 2 - int(COLUMN_REACH * h), ws[0].box[0] - int(COLUMN_REACH * h), 0)
        y0 = max(0, top - int(ABOVE_PAD * h))
        box = (x0, y0, min(width, right + h) - x0, min(height, bottom + int(BELOW_PAD * h)) - y0)
        got = None
        for img in ([] if view is None else [view]) + [page]:
            again = [w for r in get_engine(lang).read_region(img, box, psm=7, dpi=dpi) for w in r.words]
            got = leading_surname(ws, again)
            if got is not None and any(overlap(w.box, o.box) > 0 and has_alnum(o.text) for w in got for o in read):
                got = None  # the page's OCR read these pixels as another line's words: not lost
            if got is not None:
                break
        if got is not None:
            ln = next(ln for ln in row if ws[0] in ln.words)
            ln.words[:0] = [Word(text=w.text, box=w.box, confidence=w.confidence, line=ws[0].line) for w in got]
            ln.left = min(ln.left, got[0].box[0])
    return lines
