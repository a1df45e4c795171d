"""Lost-text recovery: ink that no recognized word covers is read again region by region."""
from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

from ..document import Word
from ..tuning import DEFAULT_OCR, OcrTuning
from .engine import Engine
from .lines import Box, Line, has_alnum, in_a_row, insert_block, overlap



def uncovered_ink(img: np.ndarray, lines: list[Line], t: OcrTuning = DEFAULT_OCR, hmed: int | None = None) -> list[Box]:
    """Regions with ink that no recognized word covers: text Tesseract dropped (boxes x, y, w, h). With the
    page's text height `hmed`, a smaller region of one text line's height counts too when it is a line of its own
    (a signer's short name alone under the signature: 'Mai Sơn'), not ink left inside a line read already ('hoán
    cải' under a signature's stroke, which the column pass reads again in its place)."""
    h, w = img.shape[:2]
    _, ink = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # drop specks
    pad = max(3, h // 400)
    for ln in lines:
        for wd in ln.words:
            x, y, bw, bh = wd.box
            ink[max(0, y - pad): y + bh + pad, max(0, x - pad): x + bw + pad] = 0
    # join leftover glyphs into text-line-sized blobs
    kw, kh = max(15, w // 60), max(3, h // 400)
    blobs = cv2.dilate(ink, np.ones((kh, kw), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    out = []
    min_area = t.recovery_min_area * w * h
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        ink_px = int(np.count_nonzero(ink[y: y + bh, x: x + bw]))
        # text-like: wide enough, not a rule line, and enough ink
        one_line = hmed is not None and bw * bh >= t.recovery_line_area * w * h and \
            t.recovery_line_height[0] * hmed <= bh <= t.recovery_line_height[1] * hmed and \
            not in_a_row(lines, (int(x), int(y), int(bw), int(bh)))
        if (bw * bh >= min_area or one_line) and bh >= h // 150 and ink_px > 0.02 * bw * bh and bh < h // 3 or (
            bw * bh >= min_area and bh >= h // 3 and ink_px > 0.05 * bw * bh
        ):
            out.append((int(x), int(y), int(bw), int(bh)))
    return out


def recover(engine: Engine, img: np.ndarray, lines: list[Line], dpi: int | None,
            regions: list[Box] | None = None, junk: Callable[[Word], bool] | None = None,
            t: OcrTuning = DEFAULT_OCR) -> tuple[list[Line], int]:
    """Read each uncovered region (default: uncovered_ink) again and put what reads as text in its place.
    `junk(word)` says which words do not read as language (seal, signature, emblem debris). Returns the
    lines and how many regions gave words."""
    recovered = 0
    m = t.recovery_margin
    for x, y, bw, bh in (uncovered_ink(img, lines, t) if regions is None else regions):
        box = (x - m, y - m, bw + 2 * m, bh + 2 * m)
        extra = _one_line_read(engine, img, box, dpi, engine.read_region(img, box, 6, dpi, pad=20))
        known = [wd.box for ln in lines for wd in ln.words]
        good = []
        for ln in extra:
            ln.words = [w for w in ln.words if w.confidence >= t.recovered_min_confidence and has_alnum(w.text)]
            # a word read again (the crop caught an accent or a stroke of a line already read)
            ln.words = [wd for wd in ln.words if not any(overlap(wd.box, b) > 0.4 for b in known)]
            if junk is not None:
                ln.words = [wd for wd in ln.words if not junk(wd)]
            if ln.words:
                good.append(ln)
        if good:
            recovered += 1
            lines = insert_block(lines, good)
    return lines, recovered


def _one_line_read(engine: Engine, img: np.ndarray, box: Box, dpi: int | None, read: list[Line]) -> list[Line]:
    """A region's psm-6 reading, or its single-line (psm 7) reading where psm 6 broke one row of text into lines
    side by side: an italic date line alone under a signature block, 'tháng 02 năm 2026', came out as the lines
    'th' | 'á' | 'H' | 'e0' | … | '2' | '202' | '26'; read as one line it is 'tháng 02 nằm 2026'. Taken when the
    line's words are read at least as surely on average."""
    if len(read) < 2:
        return read
    spans = [(min(wd.box[1] for wd in ln.words), max(wd.box[1] + wd.box[3] for wd in ln.words))
             for ln in read if ln.words]
    if len(spans) < 2 or max(a for a, _ in spans) >= min(b for _, b in spans):
        return read  # not one row: lines one under another
    line = [ln for ln in engine.read_region(img, box, 7, dpi, pad=20) if ln.words]
    return line if line and _mean_confidence(line) >= _mean_confidence(read) else read


def _mean_confidence(lines: list[Line]) -> float:
    conf = [wd.confidence for ln in lines for wd in ln.words if has_alnum(wd.text)]
    return sum(conf) / len(conf) if conf else 0.0
