"""A round seal's ring taken out of a signature block, and the lines beside it read again.

On a 1-bit scan the red seal is black: the seal, the signature stroke, the title and the signer's name join into
one non-text component, which Tesseract's page pass leaves unread and recovery skips. Here the seal's outer ring
is found (a circle of `seal_diameter_mm`, nearly all of whose angles carry ink), the ring and all ink wholly
inside it (the ring's letters, the emblem) are erased, and the zone is read again. A line read there is kept only
when every token of it is read surely at text size and the line is clear of the erased seal ink: a name whose
first syllable touched the ring ('Phạm' of Phạm Minh Chính) is not read as the rest of it ('Minh Chính')."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..document import Word
from ..tuning import DEFAULT_OCR, OcrTuning
from .engine import Engine
from .language import token_kind
from .lines import Box, Line, overlap, shift


@dataclass
class Ring:
    cx: float
    cy: float
    inner: int  # the ring stroke's inner and outer radius, px
    outer: int
    coverage: float  # share of angles with ink on the ring


def _coverage(pts: np.ndarray, cx: float, cy: float, rmax: int, nang: int) -> np.ndarray:
    """Per radius 0..rmax: the share of `nang` angle bins about (cx, cy) holding an ink point at that radius."""
    d = np.hypot(pts[:, 0] - cx, pts[:, 1] - cy)
    keep = d < rmax + 1
    a = np.arctan2(pts[keep, 1] - cy, pts[keep, 0] - cx)
    ai = ((a + np.pi) / (2 * np.pi) * nang).astype(int) % nang
    occ = np.zeros((rmax + 1, nang), bool)
    occ[d[keep].astype(int), ai] = True
    return occ.mean(axis=1)


def _best(pts: np.ndarray, centres: list[tuple[float, float]], rlo: int, rhi: int, nang: int,
          smooth: int) -> tuple[float, float, float, int, np.ndarray]:
    best: tuple[float, float, float, int, np.ndarray] = (-1.0, 0.0, 0.0, 0, np.zeros(0))
    k = np.ones(smooth) / smooth
    for cx, cy in centres:
        cov = _coverage(pts, cx, cy, rhi + smooth, nang)
        band = np.convolve(cov, k, "same")
        r = int(np.argmax(band[rlo: rhi + 1])) + rlo
        if band[r] > best[0]:
            best = (float(band[r]), cx, cy, r, cov)
    return best


def min_diameter(dpi: int, t: OcrTuning = DEFAULT_OCR) -> int:
    """The smallest seal's diameter in px at `dpi`."""
    return int(t.seal_diameter_mm[0] * dpi / 25.4)


def find_ring(ink: np.ndarray, dpi: int, t: OcrTuning = DEFAULT_OCR) -> Ring | None:
    """The outer ring of a round seal in a binary crop (255 = ink), or None: circle candidates from a Hough
    transform at half size, each refined to the circle whose band of radii has ink at the most angles."""
    s = 0.5
    mm = dpi / 25.4
    rlo, rhi = int(t.seal_diameter_mm[0] / 2 * mm), int(t.seal_diameter_mm[1] / 2 * mm)
    small = cv2.resize(ink, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    if min(small.shape) < rlo * s * 1.5:
        return None
    found = cv2.HoughCircles(cv2.GaussianBlur(small, (5, 5), 1.5), cv2.HOUGH_GRADIENT, dp=1, minDist=rlo * s,
                             param1=100, param2=30, minRadius=int(rlo * s * 0.8), maxRadius=int(rhi * s))
    if found is None:
        return None
    ys, xs = np.nonzero(small > 64)
    pts = np.stack([xs, ys], 1).astype(np.float32)
    centres = [(float(a) + dx, float(b) + dy) for a, b, _ in found[0][:3]
               for dy in range(-8, 9, 2) for dx in range(-8, 9, 2)]
    score, cx, cy, _, _ = _best(pts, centres, int(rlo * s), int(rhi * s), 180, 3)
    if score < t.seal_ring_coverage:
        return None
    ys, xs = np.nonzero(ink)
    pts = np.stack([xs, ys], 1).astype(np.float32)
    centres = [(cx / s + dx, cy / s + dy) for dy in range(-3, 4) for dx in range(-3, 4)]
    score, fx, fy, r, cov = _best(pts, centres, rlo, rhi, 360, 5)
    if score < t.seal_ring_coverage:
        return None
    lo = hi = r
    while lo > 0 and cov[lo - 1] >= 0.6:
        lo -= 1
    while hi + 1 < len(cov) and cov[hi + 1] >= 0.6:
        hi += 1
    return Ring(fx, fy, lo, hi, score)


def erase(ink: np.ndarray, ring: Ring) -> np.ndarray:
    """The binary crop without the ring's stroke and without any ink wholly inside the ring."""
    h, w = ink.shape
    yy, xx = np.mgrid[0:h, 0:w]
    d = np.hypot(xx - ring.cx, yy - ring.cy)
    edge = ring.outer + 2
    out = ink.copy()
    out[(d >= ring.inner - 2) & (d <= edge)] = 0
    n, lab = cv2.connectedComponents(out, connectivity=8)
    far = np.zeros(n)
    np.maximum.at(far, lab.ravel(), d.ravel())
    inside = far <= edge
    inside[0] = False
    out[inside[lab]] = 0
    return out


def _sure(wd: Word, hmed: int, t: OcrTuning) -> bool:
    ratio = wd.box[3] / hmed
    return wd.confidence >= t.junk_sure and token_kind(wd.text) in ("word", "number", "code", "roman") and \
        t.word_height_range[0] <= ratio <= t.word_height_range[1]


def reread(engine: Engine, img: np.ndarray, zone: Box, dpi: int | None, hmed: int, known: list[Box],
           t: OcrTuning = DEFAULT_OCR) -> list[Line]:
    """The lines of a signature zone read again with its seal's ring erased: only whole lines, every token sure
    and text-sized, none within a text height of the erased seal ink, none read already. [] without a ring."""
    return reread_zone(engine, img, zone, dpi, hmed, known, t)[0]


def _name_word(w: str) -> bool:
    return w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower())


def _sure_tail(ln: Line, hmed: int, t: OcrTuning) -> list[Word]:
    """The line's last words that are read surely and shaped as a name's syllables ('Minh Chính' of '.- Minh
    Chính'), as long a run as there is."""
    tail: list[Word] = []
    for wd in reversed(ln.words):
        if not (_sure(wd, hmed, t) and _name_word(wd.text)):
            break
        tail.insert(0, wd)
    return tail


def reread_zone(engine: Engine, img: np.ndarray, zone: Box, dpi: int | None, hmed: int, known: list[Box],
                t: OcrTuning = DEFAULT_OCR) -> tuple[list[Line], list[dict]]:
    """`reread`'s lines, and the partial ones: lines not kept whose end is two or more sure name-shaped syllables
    with debris or erased seal ink before them ('.-(0) Minh(89) Chính(97)': a name whose first syllables the ring
    took), as {"text", "box"} in page pixels. They are no text of the page; the fields stage may complete one
    from the names it knows (ocrfix.fields.known_signers)."""
    if not dpi or not hmed:
        return [], []
    x, y, bw, bh = zone
    m = hmed
    x0, y0 = max(0, x - m), max(0, y - m)
    crop = img[y0: y + bh + m, x0: x + bw + m]
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ring = find_ring(ink, dpi, t)
    if ring is None:
        return [], []
    clean = erase(ink, ring)
    removed = (ink > 0) & (clean == 0)
    lines = shift(engine.read(255 - clean, 6, dpi), x0, y0)
    out: list[Line] = []
    partial: list[dict] = []
    for ln in lines:
        if not ln.words:
            continue
        if any(overlap(wd.box, b) > 0.4 for wd in ln.words for b in known):
            continue
        lx = min(wd.box[0] for wd in ln.words) - x0
        rx = max(wd.box[0] + wd.box[2] for wd in ln.words) - x0
        ty = min(wd.box[1] for wd in ln.words) - y0
        by = max(wd.box[1] + wd.box[3] for wd in ln.words) - y0
        q = (by - ty) // 4  # the middle half of the line's height: its letters' bodies
        # a word may have lost letters to the seal: 'Minh Chính' for 'Phạm Minh Chính'
        inked = bool(removed[ty + q: by - q, max(0, lx - hmed): rx + hmed].any())
        if all(_sure(wd, hmed, t) for wd in ln.words) and not inked:
            out.append(ln)
            continue
        tail = _sure_tail(ln, hmed, t)
        if len(tail) >= 2 and (len(tail) < len(ln.words) or inked):
            bx = min(wd.box[0] for wd in tail)
            bt = min(wd.box[1] for wd in tail)
            br = max(wd.box[0] + wd.box[2] for wd in tail)
            bb = max(wd.box[1] + wd.box[3] for wd in tail)
            partial.append({"text": " ".join(wd.text for wd in tail), "box": [int(bx), int(bt), int(br - bx), int(bb - bt)]})
    return out, partial
