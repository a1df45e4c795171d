"""Handwritten digits: a crop of written ink cut into digits and each read by a small classifier.

Tesseract is trained on print and reads handwritten digits poorly (real development set: 1 of 24 handwritten
document numbers read). This reader cuts the ink of a blank into glyphs (connected components, pieces of one
digit merged, two touching digits split at the thinnest column), brings each glyph to the MNIST form (fitted
into 20 × 20, centred by its centre of mass in 28 × 28) and reads it with three two-layer perceptrons (their probabilities averaged) trained on
handwritten and typed digits (`dictionaries/digits.npz`, built by `python -m tools.digits`; see dictionaries/SOURCES.md).
It returns the digits with each one's probability; the caller decides what is sure enough.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from .resources import model_path

__all__ = ["Reading", "read", "glyphs", "normalize", "classify"]

MAX_ASPECT = 1.0    # a written digit is at most as wide as it is high ("0", "4" of the real set: 0.6–0.95)
SPLIT_ASPECT = 1.5  # a glyph this wide is two digits written joined
SURE_HALF = 0.9     # between the two, the glyph is cut only where both halves read surely
FLAG_BAR = 0.5      # a "4"'s crossbar: a row of its lower part inked over at least this share of its width
MAX_LOOPS = 2       # an "8" closes two loops; a glyph closing more is two digits written joined
LOOP_MIN = 0.005    # a loop holds at least this share of its glyph's box (a speck of paper in the ink is none)


@dataclass(frozen=True)
class Reading:
    digits: str
    probabilities: tuple[float, ...]  # one per digit

    @property
    def confidence(self) -> float:
        """The least sure digit's probability, in percent (the word's confidence)."""
        return 100.0 * min(self.probabilities) if self.probabilities else 0.0


def normalize(glyph: np.ndarray) -> np.ndarray:
    """A binary glyph (ink True) in MNIST form: 28 × 28 float32 in [0, 1], the ink's box fitted into 20 × 20
    keeping its shape, centred by its centre of mass."""
    ys, xs = np.nonzero(glyph)
    if len(ys) == 0:
        return np.zeros((28, 28), np.float32)
    g = glyph[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1].astype(np.float32)
    h, w = g.shape
    f = 20.0 / max(h, w)
    nh, nw = max(1, round(h * f)), max(1, round(w * f))
    g = cv2.resize(g, (nw, nh), interpolation=cv2.INTER_AREA)
    out = np.zeros((28, 28), np.float32)
    y0, x0 = (28 - nh) // 2, (28 - nw) // 2
    out[y0: y0 + nh, x0: x0 + nw] = g
    m = cv2.moments(out)
    if m["m00"] > 0:
        dx, dy = 14 - m["m10"] / m["m00"], 14 - m["m01"] / m["m00"]
        out = cv2.warpAffine(out, np.array([[1, 0, dx], [0, 1, dy]], np.float32), (28, 28))
    return np.clip(out, 0, 1)


@lru_cache(maxsize=1)
def _model() -> dict[str, np.ndarray]:
    with np.load(model_path("digits.npz")) as z:
        return {k: z[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")}


def probabilities(model: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """The members' softmax outputs (n × 10) for n flattened images, averaged."""
    out = np.zeros((len(x), 10), np.float32)
    for w1, b1, w2, b2 in zip(model["w1"], model["b1"], model["w2"], model["b2"]):
        z = np.maximum(x @ w1 + b1, 0) @ w2 + b2
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        out += p / p.sum(axis=1, keepdims=True)
    return out / len(model["w1"])


def classify(images: np.ndarray) -> np.ndarray:
    """Class probabilities (n × 10) of n MNIST-form images (n × 28 × 28)."""
    return probabilities(_model(), images.reshape(len(images), -1).astype(np.float32))


def _ink(crop: np.ndarray) -> np.ndarray:
    """The written ink of a grey crop (True = ink), by Otsu's threshold, never lighter than mid-grey."""
    t, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if t <= 0 or t >= 255:  # a 1-bit crop: Otsu has nothing to split
        t = 128
    ink = (crop < min(t, 160)).astype(np.uint8)
    # a rule printed across the blank (the line under the issuer's name) is no stroke of a digit; it joins the
    # digits it touches into one glyph. A written bar is shorter than the crop is high.
    run = max(crop.shape[0], int(0.8 * crop.shape[1]))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    return (ink > 0) & ~(rules > 0)


def glyphs(crop: np.ndarray, cut_joined: bool = False) -> list[np.ndarray] | None:
    """The digit glyphs of a grey crop, left to right, each a binary image of the crop's height; None where a
    glyph is too wide to be one digit and has no clear place to cut (digits written joined): no guess then.
    With `cut_joined`, every glyph too wide for one digit is cut along the path that crosses the least ink
    (`_path_cut`): a reading the caller must check against another reader, never one to take on its own
    confidence (real set: a joined day "12" so read '142')."""
    ink = _ink(crop)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if n <= 1:
        return []
    tall = stats[1:, cv2.CC_STAT_HEIGHT].max()
    # a speck, a dot, a dash or a rule is not a digit (a written "1" is tall and thin: height decides, not area)
    keep = [i for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= 0.45 * tall and stats[i, cv2.CC_STAT_AREA] >= 12]
    hgt, wid = ink.shape
    # ink cut by the blank's top or bottom edge is the next or previous line where it is not as tall as the
    # writing or lies off the band's middle (the blank is its line and half a line above and below)
    def other_line(i: int) -> bool:
        top, ch = stats[i, cv2.CC_STAT_TOP], stats[i, cv2.CC_STAT_HEIGHT]
        if top > 0 and top + ch < hgt:
            return False
        return bool(ch < 0.8 * tall or not 0.25 * hgt <= top + ch / 2 <= 0.75 * hgt)

    keep = [i for i in keep if not other_line(i)]

    groups: list[list[int]] = []
    for i in sorted(keep, key=lambda i: stats[i, cv2.CC_STAT_LEFT]):
        x, w = stats[i, cv2.CC_STAT_LEFT], stats[i, cv2.CC_STAT_WIDTH]
        if groups:  # pieces of one digit overlap in x (a "5"'s flag, a broken "4")
            g = groups[-1]
            gx0 = min(stats[j, cv2.CC_STAT_LEFT] for j in g)
            gx1 = max(stats[j, cv2.CC_STAT_LEFT] + stats[j, cv2.CC_STAT_WIDTH] for j in g)
            gh = max(stats[j, cv2.CC_STAT_HEIGHT] for j in g)
            overlap = (min(gx1, x + w) - max(gx0, x)) / min(w, gx1 - gx0)
            small = min(gh, stats[i, cv2.CC_STAT_HEIGHT]) < 0.7 * max(gh, stats[i, cv2.CC_STAT_HEIGHT])
            merged = max(gx1, x + w) - min(gx0, x)
            if (overlap > 0.4 and small) or (overlap > 0.8 and merged <= 0.8 * max(gh, stats[i, cv2.CC_STAT_HEIGHT])):
                g.append(i)
                continue
        groups.append([i])
    out: list[np.ndarray] = []
    for g in groups:
        parts = _split(np.isin(labels, g), tall, cut_joined)
        if parts is None:
            return None
        out.extend(parts)
    return out


def _split(mask: np.ndarray, tall: int, cut_joined: bool = False) -> list[np.ndarray] | None:
    """A glyph of two digits written joined, cut at its thinnest column when it is clearly two digits wide;
    None when it is too wide for one digit but not clearly two."""
    ys, xs = np.nonzero(mask)
    x0, x1 = xs.min(), xs.max() + 1
    h = max(ys.max() - ys.min() + 1, 0.6 * tall)
    joined = _loops(mask) > MAX_LOOPS
    if x1 - x0 <= MAX_ASPECT * h and not joined:
        return [mask]
    if joined and not cut_joined:
        return None  # narrow enough for one digit, but no digit closes three loops (real set: 3980's "80")
    if cut_joined:
        left, right = _path_cut(mask)
        if not left.any() or not right.any():
            return None
        a, b = _split(left, tall, True), _split(right, tall, True)
        return None if a is None or b is None else a + b
    cols = mask[:, x0:x1].sum(axis=0)
    lo, hi = int(0.3 * (x1 - x0)), int(0.7 * (x1 - x0))
    cut = x0 + lo + int(np.argmin(cols[lo:hi]))
    left, right = mask.copy(), mask.copy()
    left[:, cut:] = False
    right[:, :cut] = False
    a, b = _split(left, tall, cut_joined), _split(right, tall, cut_joined)
    if a is None or b is None:
        return None
    if x1 - x0 < SPLIT_ASPECT * h and not _both_digits(left, right):
        return None  # too wide for one digit, not clearly two: no reading
    return a + b


def _loops(mask: np.ndarray) -> int:
    """The loops a binary glyph closes: pieces of paper it encloses (4-connected, not reaching its edge) holding
    at least `LOOP_MIN` of its box. Two digits written joined can read surely as one: of MNIST pairs pasted
    touching and no wider than high, about 40 % read as one digit at 90 % or more (real set: 3980's "80" reads
    '8' at 100 %); a third loop tells a few of them (an "80", "08", "86", "98"), and almost no single digit has one (distorted
    MNIST digits: 5 of 16,000; benchmarks/digit_offdev.py)."""
    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return 0
    paper = np.pad(~mask[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1], 1, constant_values=True)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(paper.astype(np.uint8), connectivity=4)
    least = LOOP_MIN * (paper.shape[0] - 2) * (paper.shape[1] - 2)
    return sum(1 for i in range(1, n) if i != labels[0, 0] and stats[i, cv2.CC_STAT_AREA] >= least)


def _path_cut(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A glyph cut in two along the top-to-bottom path through its middle 30-70 % that crosses the least ink,
    moving at most one column a row (two joined digits are rarely parted by one straight column: the base of a
    "2" runs under the "9" after it; real set, "298": the straight cut reads '698', the path '298')."""
    ys, xs = np.nonzero(mask)
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    lo, hi = x0 + int(0.3 * (x1 - x0)), x0 + max(int(0.7 * (x1 - x0)), int(0.3 * (x1 - x0)) + 1)
    cost = mask[y0:y1, lo:hi].astype(np.float64) * 10 + 0.01  # ink is dear; a straight path is a little cheaper
    n, m = cost.shape
    acc, back = cost.copy(), np.zeros((n, m), int)
    for r in range(1, n):
        prev = np.stack([np.r_[np.inf, acc[r - 1, :-1]], acc[r - 1], np.r_[acc[r - 1, 1:], np.inf]])
        k = prev.argmin(axis=0)  # 0: from the left column, 1: straight down, 2: from the right
        back[r] = np.arange(m) + k - 1
        acc[r] += prev[k, np.arange(m)]
    c = int(np.argmin(acc[-1]))
    left, right = mask.copy(), mask.copy()
    for r in range(n - 1, -1, -1):
        left[y0 + r, lo + c:] = False
        right[y0 + r, : lo + c] = False
        c = int(back[r, c])
    return left, right


def _both_digits(left: np.ndarray, right: np.ndarray) -> bool:
    """Whether both halves of a cut glyph read as digits surely (each half at least `SURE_HALF`)."""
    p = classify(np.stack([normalize(left), normalize(right)])).max(axis=1)
    return bool(p.min() >= SURE_HALF)


def _strokes(mask: np.ndarray) -> int:
    """The number of 8-connected pieces of a binary image that hold at least 8 % of its ink (specks left out)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    return int((stats[1:, cv2.CC_STAT_AREA] >= 0.08 * mask.sum()).sum())


def _flagged_one(mask: np.ndarray) -> bool:
    """Whether a glyph has the shape of a flagged "1" and not of a "4". The Vietnamese (and European) "1" is a
    stem with a long up-stroke leaving its top down to the left and ending free (real set: the 1s of 1710 and of
    the day 18, which the classifier reads as 4 at 84 % and 50 %). Its two strokes meet at the top only. A 4's
    two strokes meet low, at the crossbar. So: one stroke that parts in two once its top third is taken away,
    and no row between 40 and 85 % of its height inked over half its width or more (a crossbar). MNIST's 500 4s:
    5 have this shape, and none of them has the 1 as the classifier's second choice (`read`)."""
    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return False
    g = mask[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1]
    h, w = g.shape
    if _strokes(g) != 1:
        return False
    below = g.copy()
    below[: round(h / 3)] = False
    if _strokes(below) < 2:
        return False
    for row in g[int(0.4 * h): int(np.ceil(0.85 * h))]:
        edges = np.diff(np.r_[0, row.astype(np.int8), 0])
        if (np.nonzero(edges == -1)[0] - np.nonzero(edges == 1)[0]).max(initial=0) >= FLAG_BAR * w:
            return False
    return True


def read(crop: np.ndarray, cut_joined: bool = False) -> Reading | None:
    """The digits written in a grey crop, or None when it holds no glyph (`cut_joined`: see `glyphs`). A glyph
    the classifier reads as 4, with 1 its second choice, is read as 1 where it has a flagged 1's shape and no
    crossbar (`_flagged_one`): its probability is then the classifier's for 1 given that it is no 4."""
    gs = glyphs(crop, cut_joined)
    if not gs or len(gs) > 8:
        return None
    p = classify(np.stack([normalize(g) for g in gs]))
    for i, g in enumerate(gs):
        second, first = np.argsort(p[i])[-2:]
        if first == 4 and second == 1 and _flagged_one(g):
            p[i, 4] = 0.0
            p[i] /= p[i].sum()
    return Reading("".join(str(int(k)) for k in p.argmax(axis=1)), tuple(float(v) for v in p.max(axis=1)))
