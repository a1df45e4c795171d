"""Learn what other engines' OCR layers write for Vietnamese letters, from real scans that carry such a layer.

    OCRFIX_CORPUS=../shared/corpus python -m tools.layer_pairs [--scans ../shared/realscans] [--cache DIR]

Old archive scanners (HP, Kodak, Fujitsu software with an English model) left an invisible OCR layer in their
PDFs: "ceNG HoA x,l ugr cnu Ncnin vtpr xlrvr". The Tesseract channels (tools/channel.py) never saw that engine.
For each training page of TRAIN_PAGES the PDF's own layer (`pdftotext -layout`) is aligned with ocrfix's fresh
`vie` reading of the same page image, restored — silver truth, a few per cent wrong — line by line, then token by
token (tools.ocr_pairs.align_lines / token_pairs), and counted character by character as tools.channel does. A
pair counts only if the true side is a Vietnamese syllable and its accent-free letters are close to the layer's
(similarity ≥ MIN_SIMILARITY), so misaligned lines add nothing. The pages the engine suite of
benchmarks/restore.py scores (page 1 of its five files) are never used, so its figures stay out-of-sample.
Writes dictionaries/channel_layers.json (counts only), merged into the eng channel at load
(channel.Channel, weight RestoreTuning.layer_weight)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ocrfix.restoration import syllables as S
from ocrfix.restoration.channel import emissions
from tools.ocr_pairs import align_lines, bare, token_pairs

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "dictionaries" / "channel_layers.json"
# file stem -> pages with an English-model (Helvetica) layer; page 1 of the engine suite's files is left out
TRAIN_PAGES = {"ubndld_qd_1716_2025": (1, 2), "ubndld_tb_493_2025": (1, 2, 3), "snvld_ttr_294_2025": (2,)}
MIN_SIMILARITY = 0.5


def layer_text(pdf: Path, page: int) -> str:
    return S.nfc(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout)


def silver_pages(pdf: Path, cache: Path) -> dict[int, str]:
    """page number -> ocrfix's restored `vie` reading of the page image (cached)."""
    path = cache / f"{pdf.stem}.json"
    if not path.exists():
        out = subprocess.run([sys.executable, "-m", "ocrfix", "ocr", str(pdf), "--text-layer", "ignore", "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        cache.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {p["number"]: p["text"] for p in doc["pages"]}


def page_pairs(silver: str, layer: str) -> Counter:
    """(true syllable, what the layer wrote) counts of one page, lower case, bare tokens only."""
    truth = [ln for ln in silver.split("\n") if ln.strip()]
    ocr = [ln for ln in layer.split("\n") if ln.strip()]
    pairs: Counter = Counter()
    for ti, oi in align_lines(truth, ocr):
        for t, o in token_pairs(" ".join(truth[i] for i in ti), " ".join(ocr[j] for j in oi)):
            if t != bare(t) or o != bare(o) or not o or " " in o:
                continue
            tl, ol = t.lower(), o.lower()
            if not S.is_syllable(S.normalize_tone_placement(tl)):
                continue
            if 1 - Levenshtein.normalized_distance(S.fold(tl), S.fold(ol)) < MIN_SIMILARITY:
                continue
            pairs[(tl, ol)] += 1
    return pairs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scans", type=Path, default=ROOT.parent / "shared" / "realscans")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "layer_pairs")
    args = ap.parse_args(argv)
    pairs: Counter = Counter()
    for stem, pages in TRAIN_PAGES.items():
        pdf = args.scans / f"{stem}.pdf"
        silver = silver_pages(pdf, args.cache)
        for p in pages:
            got = page_pairs(silver[p], layer_text(pdf, p))
            print(f"{stem} p{p}: {sum(got.values())} token pairs")
            pairs += got
    emit: dict[str, Counter] = defaultdict(Counter)
    for (t, o), n in pairs.items():
        for c, s in emissions(t, o):
            emit[c][s] += n
    exact = sum(n for (t, o), n in pairs.items() if t == o)
    model = {"profile": "layers", "tokens": sum(pairs.values()), "exact_tokens": exact,
             "pages": {k: list(v) for k, v in TRAIN_PAGES.items()},
             "emit": {c: dict(sorted(v.items(), key=lambda kv: -kv[1])) for c, v in sorted(emit.items())}}
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(json.dumps(model, ensure_ascii=False, indent=0), encoding="utf-8")
    tmp.replace(OUT)
    print(f"{model['tokens']} token pairs ({exact} read right) → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
