"""The handwritten blanks of the real development set, saved once and scored again per digit model (a benchmark,
not a test).

    .venv/bin/python benchmarks/digit_blanks.py dump /tmp/blanks [--docs a,b,...]
    .venv/bin/python benchmarks/digit_blanks.py score /tmp/blanks [--model other_digits.npz] [-v]

`dump` runs page 1 of each document of benchmarks/handwriting.py's GOLD through the real pipeline (its
`read_one`) and saves every blank `handwriting.read_digits` is asked to read: the page as written around the
blank (three blank heights each side, enough for `_runs_past`), the blank's box in it, its kind (number, day,
month) and what the page's OCR read there (`blanks.json`). `score` reads each saved blank again with
`read_digits` and a digit model (default: the installed one), the Tesseract passes cached in the directory (they
do not depend on the model), and counts right / WRONG / null as the fields would take them (confidence at least
`hw_min_conf`, a plausible value), per kind and handwritten or printed, against GOLD (numbers, days) and the
gold files' month (benchmarks/data/real/gold, month blanks); it also counts the classifier's own readings
(`digits.read`) that are sure (at least `hw_digit_conf`) and right or wrong, and its digit-level score where
it reads as many digits as the gold has. A model is scored in a few seconds instead of a minute of pipeline. All of it is development data (../shared/realscans).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import handwriting as bench  # noqa: E402  (benchmarks/handwriting.py: GOLD, read_one)
from ocrfix import digits, handwriting  # noqa: E402
from ocrfix.tuning import DEFAULT_OCR  # noqa: E402


def dump(out: Path, stems: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    orig_read, orig_zones = handwriting.read_digits, handwriting.find_zones
    cur: dict = {"stem": None, "n": 0, "zones": []}
    saved: list[dict] = []

    def zones(*a, **k):
        zs = orig_zones(*a, **k)
        cur["zones"] = [(z.kind, tuple(z.box)) for z in zs]
        return zs

    def read(img, box, dpi, first=None, t=DEFAULT_OCR):
        x, y, w, h = box
        m = 3 * h
        x0, y0 = max(0, x - m), max(0, y - m)
        name = f"{cur['stem']}_{cur['n']}"
        cur["n"] += 1
        cv2.imwrite(str(out / f"{name}.png"), img[y0: y + h + m, x0: x + w + m])
        kind = next((k for k, b in cur["zones"] if b == tuple(box)), None)
        saved.append({"name": name, "stem": cur["stem"], "kind": kind, "box": [x - x0, y - y0, w, h], "dpi": dpi,
                      "first": first})
        return orig_read(img, box, dpi, first, t)

    handwriting.read_digits, handwriting.find_zones = read, zones
    try:
        for stem in stems:
            cur["stem"], cur["n"] = stem, 0
            bench.read_one(stem)
            print(stem, file=sys.stderr)
    finally:
        handwriting.read_digits, handwriting.find_zones = orig_read, orig_zones
    (out / "blanks.json").write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")


GOLD_DIR = Path(__file__).resolve().parent / "data" / "real" / "gold"


def _month(stem: str) -> tuple[int | None, bool]:
    """The month of the document's date in its gold file (benchmarks/data/real/gold), and whether the date is
    handwritten there (the gold does not say which of its parts are: a month blank exists only where the
    month is not printed, so a month read from a blank counts as handwritten with the date)."""
    path = GOLD_DIR / f"{stem}.json"
    if not path.exists():
        return None, False
    f = json.loads(path.read_text(encoding="utf-8")).get("fields", {})
    return (f.get("date_partial") or {}).get("month"), bool(f.get("date_handwritten"))


def score(src: Path, model: Path | None, verbose: bool) -> None:
    if model:
        with np.load(model) as z:
            m = {k: z[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")}
        digits._model = lambda: m  # type: ignore[assignment]
    cache_path = src / "tesseract.pkl"
    cache = pickle.loads(cache_path.read_bytes()) if cache_path.exists() else {}
    orig_pass = handwriting._digits_pass

    def cached(crop, lang):
        k = hashlib.sha1(crop.tobytes() + str(crop.shape).encode() + lang.encode()).hexdigest()
        if k not in cache:
            cache[k] = orig_pass(crop, lang)
        return cache[k]

    handwriting._digits_pass = cached
    t = DEFAULT_OCR
    totals: dict[str, int] = {}
    glyph_ok = glyph_n = 0
    try:
        for b in json.loads((src / "blanks.json").read_text(encoding="utf-8")):
            seq, seq_hw, day, day_hw, _ = bench.GOLD[b["stem"]]
            kind = b["kind"]
            gold, hw = (seq, seq_hw) if kind == "number" else (day, day_hw) if kind == "day" else _month(b["stem"])
            img = cv2.imread(str(src / f"{b['name']}.png"), cv2.IMREAD_GRAYSCALE)
            x, y, w, h = b["box"]
            crop = img[y: y + h, x: x + w]
            mine = digits.read(crop) if crop.size else None
            got = handwriting.read_digits(img, (x, y, w, h), b["dpi"], b["first"], t)
            taken = got if got and got[1] >= t.hw_min_conf and handwriting._plausible(kind, got[0]) else None
            if gold is None:
                continue
            verdict = "null" if taken is None else "right" if int(taken[0]) == gold else "WRONG"
            key = f"{kind} {'handwritten' if hw else 'printed'} {verdict}"
            totals[key] = totals.get(key, 0) + 1
            if mine is not None and mine.confidence >= t.hw_digit_conf:
                k = "classifier sure " + ("right" if int(mine.digits) == gold else "WRONG")
                totals[k] = totals.get(k, 0) + 1
            if verbose:
                print(b["name"], kind, gold, mine and (mine.digits, [round(p, 2) for p in mine.probabilities]), got,
                      verdict)
            # per glyph as digits.read reads it (its shape rules included), cut by force where it is joined
            r = (digits.read(crop) or digits.read(crop, cut_joined=True)) if crop.size else None
            want = next((s for s in (str(gold), str(gold).zfill(2)) if r and len(s) == len(r.digits)), None)
            if r and want:
                glyph_ok += sum(a == c for a, c in zip(r.digits, want))
                glyph_n += len(want)
    finally:
        handwriting._digits_pass = orig_pass
        cache_path.write_bytes(pickle.dumps(cache))
    for k in sorted(totals):
        print(f"{k}: {totals[k]}")
    print(f"glyphs: {glyph_ok}/{glyph_n} right")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("dir", type=Path)
    d.add_argument("--docs", help="comma-separated file stems (default: all of GOLD)")
    s = sub.add_parser("score")
    s.add_argument("dir", type=Path)
    s.add_argument("--model", type=Path, help="a digits.npz to score instead of the installed one")
    s.add_argument("-v", "--verbose", action="store_true", help="one line per blank")
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        if not bench.REALSCANS.is_dir():
            print(f"no development set at {bench.REALSCANS}", file=sys.stderr)
            return 2
        dump(args.dir, args.docs.split(",") if args.docs else list(bench.GOLD))
    else:
        score(args.dir, args.model, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
