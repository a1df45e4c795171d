"""The two-column pass: blocks Tesseract read line by line across two columns (the Decree-30 header: issuer |
motto and date; the bottom: Nơi nhận | signature) are read again column by column, left column first."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..document import Word
from ..tuning import DEFAULT_OCR, OcrTuning
from .engine import Engine
from .lines import Box, Line, has_alnum, iou, median_height, overlap, reading_score

BLOCK_MARGIN = 8  # px around a block's text-sized words in its crops
CROP_PAD = 20  # px of white around each column crop given to Tesseract


def gap_split(ln: Line, page_width: int, t: OcrTuning = DEFAULT_OCR) -> float | None:
    """x of a column gap inside a line: a space between two words wider than `t.column_gap` of the page, with
    its midpoint in the central half."""
    ws = sorted(ln.words, key=lambda w: w.box[0])
    best, at = 0, None
    for a, b in zip(ws, ws[1:]):
        gap = b.box[0] - (a.box[0] + a.box[2])
        if gap > best:
            best, at = gap, (a.box[0] + a.box[2] + b.box[0]) / 2
    if at is None or best <= t.column_gap * page_width:
        return None
    return at if 0.25 * page_width < at < 0.75 * page_width else None


def _crosses(ln: Line, x: float) -> bool:
    """Whether the line has words on both sides of x, or a word over it."""
    return any(wd.box[0] < x for wd in ln.words) and any(wd.box[0] + wd.box[2] > x for wd in ln.words)


def has_columns(lines: list[Line], page_width: int, t: OcrTuning = DEFAULT_OCR) -> bool:
    """Whether the pass has anything to do: two lines with a column gap."""
    return sum(gap_split(ln, page_width, t) is not None for ln in lines) >= 2


@dataclass
class _Block:
    """A run of lines read across a column gap, and the crop that reads it again column by column."""

    run: list[Line]
    box: Box  # left, top, width, height of the block's text-sized words, with a margin
    cut: int  # x of the cut between the columns
    hmed: int  # the run's word height

    @property
    def left(self) -> int:
        return self.box[0]

    @property
    def right(self) -> int:
        return self.box[0] + self.box[2]

    @property
    def top(self) -> int:
        return self.box[1]

    @property
    def bottom(self) -> int:
        return self.box[1] + self.box[3]


def _run_end(lines: list[Line], splits: list[float | None], i: int, page_width: int) -> int:
    """The last line of the run that starts at line i: split lines at about the same x, bridging up to two
    one-sided lines."""
    x = splits[i]
    assert x is not None
    j = i
    while True:
        nxt = None
        for k in range(j + 1, min(j + 4, len(lines))):
            if splits[k] is not None:
                nxt = k
                break
            if _crosses(lines[k], x):
                break
        if nxt is None:
            return j
        xn = splits[nxt]
        if xn is None or abs(xn - x) >= 0.25 * page_width:
            return j
        j = nxt


def _block(img: np.ndarray, run: list[Line], xs: list[float]) -> _Block:
    """The block's extent from text-sized words (a seal or signature read as one tall "word" would stretch it
    over lines that are not part of the block), and where to cut it: where it has least ink near the typical
    gap, not through a word."""
    h, w = img.shape[:2]
    words = [wd for ln in run for wd in ln.words]
    hmed = median_height(words)
    words = [wd for wd in words if wd.box[3] <= 2 * hmed] or words
    m = BLOCK_MARGIN
    top = max(0, min(wd.box[1] for wd in words) - m)
    bottom = min(h, max(wd.box[1] + wd.box[3] for wd in words) + m)
    left = max(0, min(wd.box[0] for wd in words) - m)
    right = min(w, max(wd.box[0] + wd.box[2] for wd in words) + m)
    mid = int(sorted(xs)[len(xs) // 2])
    lo, hi = max(left + 1, mid - w // 10), min(right - 1, mid + w // 10)
    cut = lo + _cut_at(255 - img[top:bottom, lo:hi].astype(np.int32), words, lo) if hi > lo else mid
    return _Block(run, (left, top, right - left, bottom - top), cut, hmed)


def _cut_at(band: np.ndarray, words: list[Word], lo: int) -> int:
    """The column of a band (ink = 255 - grey) to cut a block at: the least ink, off the words read there, in the
    middle of the widest run of such columns. On a clean or 1-bit scan the space between two letters holds no ink
    either, and the first empty column cut 'Minh' in two ('Mi' | 'nh', 'nh' read twice), 46 px left of the
    gap between the Nơi nhận list and the signature block."""
    cost = band.sum(axis=0)
    covered = np.zeros(len(cost), bool)
    for wd in words:
        covered[max(0, wd.box[0] - lo): max(0, wd.box[0] + wd.box[2] - lo)] = True
    cost = cost + covered * (int(cost.max()) + 1)
    best = cost == cost.min()
    start, run, at = 0, 0, int(np.argmin(cost))
    for k, b in enumerate(np.append(best, False)):
        if not b:
            if k - start > run:
                run, at = k - start, (start + k - 1) // 2
            start = k + 1
    return at


def _lines_inside(lines: list[Line], i: int, j: int, b: _Block, consumed: set[int]) -> list[Line]:
    """Lines outside the run i..j that lie inside the block (Tesseract's line order is not always top to
    bottom): the crops read them in their place, and where a crop did not, they stay as they are."""
    return [ln for k, ln in enumerate(lines) if not i <= k <= j and ln.words and id(ln) not in consumed
            and all(b.left <= wd.box[0] + wd.box[2] / 2 <= b.right and b.top <= wd.box[1] + wd.box[3] / 2 <= b.bottom
                    for wd in ln.words)]


def _read_columns(engine: Engine, img: np.ndarray, dpi: int | None, b: _Block, inside: list[Line],
                  others: list[Box], junk: Callable[[Word], bool] | None, t: OcrTuning) -> list[Line]:
    """The block's two columns read as crops, left first, without debris: low-confidence lines (printed rules,
    seal and signature strokes), words other lines hold, junk, and neighbouring lines caught in the margin."""
    cols: list[Line] = []
    for x0, x1 in ((b.left, b.cut), (b.cut, b.right)):
        for ln in engine.read_region(img, (x0, b.top, x1 - x0, b.bottom - b.top), 6, dpi, pad=CROP_PAD):
            ln.words = [wd for wd in ln.words if wd.text.strip()]
            _prefer_confident(ln, b.run + inside, b.cut, t)
            if not ln.words:
                continue
            if sum(wd.confidence for wd in ln.words) / len(ln.words) < t.crop_min_confidence:
                if not _holds_words(ln, t):
                    continue
                # kept for its words: the unsure marks beside them are the rule or stroke ('___ THỨ TRƯỞNG')
                ln.words = [wd for wd in ln.words if has_alnum(wd.text) or wd.confidence >= t.crop_min_confidence]
            ln.words = [wd for wd in ln.words if not any(overlap(wd.box, o) > 0.4 for o in others)]
            if junk is not None:
                ln.words = [wd for wd in ln.words if not junk(wd)]
            if not ln.words:
                continue
            centre = sorted(wd.box[1] + wd.box[3] / 2 for wd in ln.words)[len(ln.words) // 2]
            if b.top + BLOCK_MARGIN <= centre <= b.bottom - BLOCK_MARGIN:
                cols.append(ln)
    return cols


def _holds_words(ln: Line, t: OcrTuning) -> bool:
    """Whether an unsure crop line is a printed line all the same: at least half its words are words read
    surely (real 1-bit scan: "Số:" at 93 % and the number written in by hand, "33//QĐÐ-TTg" at 0 %; the mean
    made the whole "Số:" line debris, and the number was lost with it). Rules and strokes read as no sure word."""
    from .language import token_kind

    sure = [wd for wd in ln.words if wd.confidence >= t.junk_sure and token_kind(wd.text) == "word"
            and sum(c.isalpha() for c in wd.text) >= 2]
    return 2 * len(sure) >= len(ln.words)


def _settle_inside(cols: list[Line], inside: list[Line], consumed: set[int]) -> None:
    """Lines inside the block that the crops read again are consumed; one the crops missed stays, and no crop
    word repeats part of it."""
    read = [wd.box for ln in cols for wd in ln.words]
    for ln in inside:
        if sum(any(overlap(wd.box, o) > 0.4 for o in read) for wd in ln.words) >= len(ln.words) / 2:
            consumed.add(id(ln))
        else:
            for c in cols:
                c.words = [x for x in c.words if not any(overlap(x.box, wd.box) > 0.4 for wd in ln.words)]


def split_columns(engine: Engine, img: np.ndarray, lines: list[Line], dpi: int | None,
                  junk: Callable[[Word], bool] | None = None, t: OcrTuning = DEFAULT_OCR) -> list[Line]:
    """Two-column blocks read again column by column, left column first. Kept only when the columns read at
    least as well as the merged lines did. `junk(word)`: crop words that do not read as language (seal,
    signature) are left out."""
    w = img.shape[1]
    splits = [gap_split(ln, w, t) for ln in lines]
    out: list[Line] = []
    consumed: set[int] = set()  # ids of lines a column pass has read (again)
    i = 0
    while i < len(lines):
        if id(lines[i]) in consumed or splits[i] is None:
            if id(lines[i]) not in consumed:
                out.append(lines[i])
            i += 1
            continue
        j = _run_end(lines, splits, i, w)
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        run = lines[i:j + 1]
        b = _block(img, run, [x for x in splits[i:j + 1] if x is not None])
        inside = _lines_inside(lines, i, j, b, consumed)
        inside_ids = {id(ln) for ln in inside}
        others = [wd.box for k, ln in enumerate(lines) if not i <= k <= j and id(ln) not in inside_ids
                  for wd in ln.words]
        cols = _read_columns(engine, img, dpi, b, inside, others, junk, t)
        if cols and reading_score(cols) >= 0.9 * reading_score(run):
            # the run is read: a later block reaching up over it (its top stretched by a speck) must not read it again
            consumed.update(id(ln) for ln in run)
            _settle_inside(cols, inside, consumed)
            out.extend(_with_lost_words(cols, run, b.cut, b.hmed, t))
        else:
            out.extend(run)
        i = j + 1
    return [ln for ln in out if id(ln) not in consumed]


def _with_lost_words(cols: list[Line], run: list[Line], cut: float, hmed: int, t: OcrTuning) -> list[Line]:
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
                    and wd.confidence >= t.lost_word_min and sum(c.isalnum() for c in wd.text) >= 3
                    and wd.box[3] <= 1.6 * hmed
                    and not any(overlap(wd.box, b) > 0.3 or overlap(b, wd.box) > 0.3 for b in read)]
            if lost:
                new = Line(words=lost, top=min(wd.box[1] for wd in lost), left=lost[0].box[0])
                k = next((n for n, c in enumerate(side) if c.top > new.top), len(side))
                side.insert(k, new)
    return [c for c in left_lines + right_lines if c.words]


def _prefer_confident(ln: Line, run: list[Line], cut: float, t: OcrTuning) -> None:
    """Word by word, the column reading of the same box or the first pass's, whichever is surer. The first pass
    read a line that stays on one side of the column cut as well as a crop does (often better: a crop read
    'VT, QLDN1' as 'VTj QLDNI' at 30 % where the page pass had 90 %, 'các' as 'cac'), so there a tie goes to it;
    a line it ran across both columns must be clearly surer (by `t.surer_by`). Either way it must be confident."""
    firsts = [(wd, _crosses(r, cut)) for r in run for wd in r.words if has_alnum(wd.text)]
    for k, wd in enumerate(ln.words):
        for f, across in firsts:
            need = wd.confidence + t.surer_by if across else wd.confidence - t.surer_by
            if f.confidence >= max(t.second_look_min, need) and iou(wd.box, f.box) >= 0.5:
                ln.words[k] = Word(text=f.text, box=wd.box, confidence=f.confidence)
                break
