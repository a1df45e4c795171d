"""Learn the OCR channel P(ocr token | true syllable) per profile from aligned OCR pairs.

    python -m tools.channel [--pairs DIR]

Reads the TRAIN token pairs that `python -m tools.ocr_pairs` made (build/ocr_pairs/, or the copies in
benchmarks/data/), aligns each pair character by character and counts what each true character became:
itself, another character, nothing, or several characters (ư → "ir", m → "rn"). Writes
dictionaries/channel_{profile}.json. Deterministic."""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

from ocrfix.restoration import syllables as S
from ocrfix.restoration.channel import emissions

ROOT = Path(__file__).resolve().parents[1]
DICT_DIR = ROOT / "dictionaries"
PAIR_DIRS = (ROOT / "build" / "ocr_pairs", ROOT / "benchmarks" / "data")
PUNCT = "\"'“”‘’()[]{}<>«».,;:!?…*-"


def read_pairs(profile: str, dirs=PAIR_DIRS) -> Counter:
    for d in dirs:
        p = d / f"{profile}_train_tokens.tsv.gz"
        if p.exists():
            break
    else:
        raise SystemExit(f"no {profile}_train_tokens.tsv.gz: run python -m tools.ocr_pairs first")
    pairs = Counter()
    with gzip.open(p, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[2].isdigit():
                continue
            t, o, n = parts[0], parts[1], int(parts[2])
            if t.strip(PUNCT) != t or o.strip(PUNCT) != o and o.strip(PUNCT) != "":  # bare rows only
                continue
            tl, ol = t.lower(), o.lower()
            if " " in ol or not ol or not S.is_syllable(S.normalize_tone_placement(tl)):
                continue
            pairs[(tl, ol)] += n
    return pairs, p


def learn(pairs: Counter) -> dict:
    emit = defaultdict(Counter)  # true char -> what OCR wrote for it
    exact = total = 0
    for (t, o), n in pairs.items():
        total += n
        exact += n * (t == o)
        for c, s in emissions(t, o):
            emit[c][s] += n
    return {
        "tokens": total,
        "exact": exact,
        "emit": {c: dict(sorted(cnt.items(), key=lambda kv: -kv[1])) for c, cnt in sorted(emit.items())},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pairs", type=Path, help="directory with {profile}_train_tokens.tsv.gz")
    ap.add_argument("--out", type=Path, default=DICT_DIR)
    args = ap.parse_args(argv)
    dirs = (args.pairs,) if args.pairs else PAIR_DIRS
    for profile in ("eng", "vie"):
        pairs, src = read_pairs(profile, dirs)
        model = learn(pairs)
        model["profile"] = profile
        model["source"] = str(src.relative_to(ROOT)) if src.is_relative_to(ROOT) else str(src)
        out = args.out / f"channel_{profile}.json"
        out.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{out}: {model['tokens']} token pairs, {model['exact']} exact, {len(model['emit'])} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
