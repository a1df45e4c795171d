"""Build samples/: small image-only scanned PDFs of real Vietnamese administrative documents.

    python -m tools.samples      (or: make samples)

Each PDF is a public-domain 2025 document of the corpus's TEST split (tvpl2025; never used for training or
tuning), laid out like Decree 30/2020/NĐ-CP by render.layout_document (Liberation Serif, two-column
header, red seal and blue signature), then "scanned" at one of render.LEVELS. Everything is seeded and the
PDF dates are fixed, so a rerun writes the same bytes. samples/ holds only inputs: the ground-truth text of
each PDF goes to benchmarks/data/samples_truth/<name>.txt (pages separated by a form feed line)."""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import time
from pathlib import Path

from . import corpus, render

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TRUTH = ROOT / "benchmarks" / "data" / "samples_truth"
LEGACY = ROOT.parent / "shared" / "samples" / "kim_bang_2020_legacy_ocr.txt"
PDF_DATE = time.strptime("2025-12-01 09:00:00", "%Y-%m-%d %H:%M:%S")
MAX_BYTES = 300_000

# (file name, doc id prefix in tvpl2025 test split, damage level, seed, JPEG quality in the PDF).
# All are scanned at 150 dpi: a dense A4 page in JPEG at 200 dpi alone takes about 300 KB.
SCAN_DPI = 150
SPECS = [
    ("cong_van_5348_CT-CS_mild.pdf", "tvpl2025/005d8820eb95c1cb", "mild", 11, 50),
    ("thong_tu_130_2025_TT-BQP_medium.pdf", "tvpl2025/9468c93dcae695bb", "medium", 12, 50),
    ("quyet_dinh_100_2025_QD-UBND_mild.pdf", "tvpl2025/33afd0d9738224e1", "mild", 13, 50),
    ("cong_van_5608_CT-CS_medium.pdf", "tvpl2025/77de8d61b741c666", "medium", 14, 50),
]
# the benchmark (benchmarks/ocr.py) must use other documents than these
SAMPLE_DOC_IDS = tuple(s[1] for s in SPECS)


def build_one(name: str, doc_id: str, text: str, level: str, seed: int, quality: int,
              out_dir: Path, truth_dir: Path) -> dict:
    pages, truth = render.render_document(text, dpi=300, seal=True, seed=seed)
    rng = random.Random(seed)
    scans, dpi = render.scan(pages, level, rng, dpi=SCAN_DPI)
    scans = [render.white_point(s) for s in scans]
    path = out_dir / name
    q = quality
    while True:  # keep each file small: lower the JPEG quality until it fits
        render.save_pdf(scans, path, dpi, quality=q, date=PDF_DATE)
        if path.stat().st_size <= MAX_BYTES or q <= 20:
            break
        q -= 5
    (truth_dir / (Path(name).stem + ".txt")).write_text("\n\f\n".join("\n".join(t) for t in truth) + "\n",
                                                         encoding="utf-8")
    return {"file": name, "doc_id": doc_id, "level": level, "dpi": dpi, "pages": len(scans), "seed": seed,
            "jpeg_quality": q, "bytes": path.stat().st_size,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=SAMPLES)
    ap.add_argument("--truth", type=Path, default=TRUTH)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.truth.mkdir(parents=True, exist_ok=True)
    wanted = {s[1]: s for s in SPECS}
    texts = {}
    for doc_id, text in corpus.iter_split("tvpl2025", "test"):
        key = doc_id.split("|")[0]
        if key in wanted:
            texts[key] = (doc_id, text)
    missing = set(wanted) - set(texts)
    if missing:
        raise SystemExit(f"documents not in the tvpl2025 test split: {sorted(missing)}")
    manifest = []
    for name, key, level, seed, quality in SPECS:
        doc_id, text = texts[key]
        info = build_one(name, doc_id, text, level, seed, quality, args.out, args.truth)
        manifest.append(info)
        print(f"{name}: {info['pages']} page(s), {level} ({info['dpi']} dpi), {info['bytes'] // 1024} KB")
    (args.truth / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    if LEGACY.exists():
        shutil.copyfile(LEGACY, args.out / LEGACY.name)
        print(f"{LEGACY.name}: copied from {LEGACY.parent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
