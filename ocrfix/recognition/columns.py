"""The two-column pass: blocks Tesseract read line by line across two columns (the Decree-30 header: issuer |
motto and date; the bottom: Nơi nhận | signature) are read again column by column, left column first."""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..document import Word
from .engine import Engine
from .lines import Line, has_alnum, iou, median_height, overlap, reading_score
from .second_look import SECOND_LOOK_MIN, SURER_BY

LOST_WORD_MIN = 45.0  # a first-pass word no crop read again stays when at least this sure
COLUMN_GAP = 0.06  # of the page width: a space between two words this wide is a column gap
CROP_MIN_CONFIDENCE = 55  # a crop line with a lower mean confidence is debris (rules, seal and signature strokes)


def gap_split(ln: Line, page_width: int) -> float | None:
    """x of a column gap inside a line: a space between two words wider than COLUMN_GAP of the page."""
    ws = sorted(ln.words, key=lambda w: w.box[0])
    best, at = 0, None
    for a, b in zip(ws, ws[1:]):
        gap = b.box[0] - (a.box[0] + a.box[2])
        if gap > best:
            best, at = gap, (a.box[0] + a.box[2] + b.box[0]) / 2
    return at if best > COLUMN_GAP * page_width and 0.25 * page_width < at < 0.75 * page_width else None


def _crosses(ln: Line, x: float) -> bool:
    """Whether the line has words on both sides of x, or a word over it."""
    return any(wd.box[0] < x for wd in ln.words) and any(wd.box[0] + wd.box[2] > x for wd in ln.words)


def has_columns(lines: list[Line], page_width: int) -> bool:
    """Whether the pass has anything to do: two lines with a column gap."""
    return sum(gap_split(ln, page_width) is not None for ln in lines) >= 2


def split_columns(engine: Engine, img: np.ndarray, lines: list[Line], dpi: int | None,
                  junk: Callable[[Word], bool] | None = None) -> list[Line]:
    """Two-column blocks read again column by column, left column first. Kept only when the columns read at
    least as well as the merged lines did. `junk(word)`: crop words that do not read as language (seal,
    signature) are left out."""
    h, w = img.shape[:2]
    splits = [gap_split(ln, w) for ln in lines]
    out: list[Line] = []
    consumed: set[int] = set()  # ids of lines a column pass has read (again)
    i = 0
    while i < len(lines):
        if id(lines[i]) in consumed:
            i += 1
            continue
        if splits[i] is None:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while True:  # extend over split lines at about the same x, bridging up to two one-sided lines
            nxt = None
            for k in range(j + 1, min(j + 4, len(lines))):
                if splits[k] is not None:
                    nxt = k
                    break
                if _crosses(lines[k], splits[i]):
                    break
            if nxt is None or abs(splits[nxt] - splits[i]) >= 0.25 * w:
                break
            j = nxt
        run = lines[i:j + 1]
        if len(run) < 2:
            out.append(lines[i])
            i += 1
            continue
        xs = sorted(x for x in splits[i:j + 1] if x is not None)
        # the block's extent from text-sized words (a seal or signature read as one tall "word" would
        # stretch it over lines that are not part of the block)
        words = [wd for ln in run for wd in ln.words]
        hmed = median_height(words)
        words = [wd for wd in words if wd.box[3] <= 2 * hmed] or words
        top = max(0, min(wd.box[1] for wd in words) - 8)
        bottom = min(h, max(wd.box[1] + wd.box[3] for wd in words) + 8)
        left = max(0, min(wd.box[0] for wd in words) - 8)
        right = min(w, max(wd.box[0] + wd.box[2] for wd in words) + 8)
        # cut where the block has least ink near the typical gap, not through a word
        mid = int(xs[len(xs) // 2])
        lo, hi = max(left + 1, mid - w // 10), min(right - 1, mid + w // 10)
        band = 255 - img[top:bottom, lo:hi].astype(np.int32)
        cut = lo + int(np.argmin(band.sum(axis=0))) if hi > lo else mid
        # lines outside the run that lie inside the block (Tesseract's line order is not always top to bottom)
        # belong to it: the crops read them in their place, and where a crop did not, they stay as they are
        inside = [ln for k, ln in enumerate(lines) if not i <= k <= j and ln.words and id(ln) not in consumed
                  and all(left <= wd.box[0] + wd.box[2] / 2 <= right and top <= wd.box[1] + wd.box[3] / 2 <= bottom
                          for wd in ln.words)]
        inside_ids = {id(ln) for ln in inside}
        others = [wd.box for k, ln in enumerate(lines) if not i <= k <= j and id(ln) not in inside_ids
                  for wd in ln.words]
        cols: list[Line] = []
        for x0, x1 in ((left, cut), (cut, right)):
            for ln in engine.read_region(img, (x0, top, x1 - x0, bottom - top), 6, dpi, pad=20):
                ln.words = [wd for wd in ln.words if wd.text.strip()]
                _prefer_confident(ln, run + inside, cut)
                # printed rules, seal and signature strokes come back as low-confidence debris
                if not ln.words or sum(wd.confidence for wd in ln.words) / len(ln.words) < CROP_MIN_CONFIDENCE:
                    continue
                ln.words = [wd for wd in ln.words if not any(overlap(wd.box, b) > 0.4 for b in others)]
                if junk is not None:
                    ln.words = [wd for wd in ln.words if not junk(wd)]
                if not ln.words:
                    continue
                centre = sorted(wd.box[1] + wd.box[3] / 2 for wd in ln.words)[len(ln.words) // 2]
                if top + 8 <= centre <= bottom - 8:  # not a neighbouring line caught in the margin
                    cols.append(ln)
        if cols and reading_score(cols) >= 0.9 * reading_score(run):
            # the run is read: a later block reaching up over it (its top stretched by a speck) must not read it again
            consumed.update(id(ln) for ln in run)
            read = [wd.box for ln in cols for wd in ln.words]
            for ln in inside:
                if sum(any(overlap(wd.box, b) > 0.4 for b in read) for wd in ln.words) >= len(ln.words) / 2:
                    consumed.add(id(ln))  # read again in its place
                else:  # the crops missed it: it stays, and no crop word repeats part of it
                    for c in cols:
                        c.words = [x for x in c.words if not any(overlap(x.box, wd.box) > 0.4 for wd in ln.words)]
            out.extend(_with_lost_words(cols, run, cut, hmed))
        else:
            out.extend(run)
        i = j + 1
    return [ln for ln in out if id(ln) not in consumed]


def _with_lost_words(cols: list[Line], run: list[Line], cut: float, hmed: int) -> list[Line]:
    """The column lines, plus first-pass words of the run that no crop read again: a short last line such as
    'QHQT;' can be dropped with the debris of its crop. What seal and signature strokes read as stays out: unsure,
    tall, or two letters ('xé', 'kì', 'AI' at 50-85 % in three of 37 bottom blocks)."""
    read = [wd.box for c in cols for wd in c.words]
    left_lines = [c for c in cols if c.words and c.words[0].box[0] < cut]
    right_lines = [c for c in cols if c.words and c.words[0].box[0] >= cut]
    for ln in run:
        for side in (left_lines, right_lines):
            lost = [wd for wd in ln.words
                    if (wd.box[0] + wd.box[2] / 2 < cut) == (side is left_lines)
                    and wd.confidence >= LOST_WORD_MIN and sum(c.isalnum() for c in wd.text) >= 3
                    and wd.box[3] <= 1.6 * hmed
                    and not any(overlap(wd.box, b) > 0.3 or overlap(b, wd.box) > 0.3 for b in read)]
            if lost:
                new = Line(words=lost, top=min(wd.box[1] for wd in lost), left=lost[0].box[0])
                k = next((n for n, c in enumerate(side) if c.top > new.top), len(side))
                side.insert(k, new)
    return [c for c in left_lines + right_lines if c.words]


def _prefer_confident(ln: Line, run: list[Line], cut: float) -> None:
    """Word by word, the column reading of the same box or the first pass's, whichever is surer. The first pass
    read a line that stays on one side of the column cut as well as a crop does (often better: a crop read
    'VT, QLDN1' as 'VTj QLDNI' at 30 % where the page pass had 90 %, 'các' as 'cac'), so there a tie goes to it;
    a line it ran across both columns must be clearly surer (by SURER_BY). Either way it must be confident."""
    firsts = [(wd, _crosses(r, cut)) for r in run for wd in r.words if has_alnum(wd.text)]
    for k, wd in enumerate(ln.words):
        for f, across in firsts:
            need = wd.confidence + SURER_BY if across else wd.confidence - SURER_BY
            if f.confidence >= max(SECOND_LOOK_MIN, need) and iou(wd.box, f.box) >= 0.5:
                ln.words[k] = Word(text=f.text, box=wd.box, confidence=f.confidence)
                break
