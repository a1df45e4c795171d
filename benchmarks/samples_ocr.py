"""Raw OCR of the four sample PDFs against their ground truth, page by page, with the column pass off and on.

    .venv/bin/python benchmarks/samples_ocr.py

The samples (samples/*.pdf, built by `make samples`) are scanned Decree-30 documents: a two-column header and a
Nơi nhận | signature bottom, which Tesseract reads line by line across both columns. CER is over the raw OCR
text (before restoration) against benchmarks/data/samples_truth/NAME.txt, whose pages are separated by form feeds.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocrfix import process, recognize  # noqa: E402
from ocrfix.metrics import cer  # noqa: E402

TRUTH = ROOT / "benchmarks" / "data" / "samples_truth"


def page_cers(pdf: Path) -> list[float]:
    pages = process(pdf, restore=False, fields=False).pages
    truth = (TRUTH / (pdf.stem + ".txt")).read_text(encoding="utf-8").split("\f")
    return [100 * cer(p.raw_text, t) for p, t in zip(pages, truth)]


def main() -> int:
    pdfs = sorted((ROOT / "samples").glob("*.pdf"))
    on = {p.name: page_cers(p) for p in pdfs}
    full = recognize.recognize
    recognize.recognize = lambda *a, **k: full(*a, **{**k, "columns": False})
    off = {p.name: page_cers(p) for p in pdfs}
    recognize.recognize = full
    print("| sample | page CER %, column pass off | on |")
    print("|---|---|---|")
    for name in on:
        print(f"| {name} | {' / '.join(f'{c:.1f}' for c in off[name])} | {' / '.join(f'{c:.1f}' for c in on[name])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
