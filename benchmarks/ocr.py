"""OCR benchmark: what each preprocessing step is worth on synthetic scans (a benchmark, not a test).

    .venv/bin/python benchmarks/ocr.py [--levels clean,medium,...] [--pages N] [--quick] [--workers 2]

Pages: body pages (full-width justified text, no header) of tvpl2025 documents of the corpus's TEST split
that samples/ does not use, laid out like Decree 30 by tools.render.layout_document at 300 dpi. Each
is "scanned" at every damage level of render.LEVELS (300 → 100 dpi), plus two variants at the mild level:
"seal" (a red seal and a blue signature stamped over the text) and "rotated" (turned 90° after a 1.5–2.5°
skew). Every scan is saved as an image-only PDF and read back the way the product reads it (embedded
image at its native resolution), then OCR'd by:
- `tesseract vie`: ocrfix with no preprocessing and no lost-text recovery (Tesseract `vie` alone);
- `+ <step>`: that one preprocessing step alone, no recovery;
- `ocrfix default`: preprocess.DEFAULT_STEPS and recovery, as shipped;
- `ocrmypdf`: `ocrmypdf -l vie --sidecar` on the same PDF (if installed; it is not an ocrfix dependency).
Prints markdown: CER / WER (%) per level, then pages per minute (one Tesseract process, wall clock).
CER and WER are ocrfix.metrics (whitespace runs collapsed), summed over pages (weighted by length).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tools/

from ocrfix import preprocess  # noqa: E402
from tools import corpus, render  # noqa: E402
from tools.samples import SAMPLE_DOC_IDS  # noqa: E402
from ocrfix.metrics import cer, wer  # noqa: E402

VARIANTS = tuple(render.LEVELS) + ("seal", "rotated")
SEED = 2020


def body_pages(n: int) -> list[tuple[str, int, object, str]]:
    """n clean 300-dpi body pages (doc id, page number, image, truth) from documents samples/ does not use;
    one page from each document first, then further pages."""
    per_doc = []
    for doc_id, text in corpus.iter_split("tvpl2025", "test"):
        if doc_id.split("|")[0] in SAMPLE_DOC_IDS:
            continue
        pages, truth = render.render_document(text, dpi=300, seal=False)
        # body pages: neither the first (header) nor the last (recipients and signature)
        per_doc.append([(doc_id, i + 1, pages[i], "\n".join(truth[i])) for i in range(1, len(pages) - 1)])
    out = []
    while len(out) < n and any(per_doc):
        for d in per_doc:
            if d and len(out) < n:
                out.append(d.pop(0))
    return out


def make_variant(img, variant: str, rng: random.Random):
    """A scan of one clean page: (image, dpi)."""
    if variant == "seal":
        w, h = img.size
        img = render.add_signature(img.copy(), (int(w * 0.45), int(h * 0.66), int(w * 0.8), int(h * 0.74)), rng)
        img = render.add_seal(img, (int(w * rng.uniform(0.45, 0.6)), int(h * rng.uniform(0.62, 0.75))),
                              int(18 / 25.4 * 300), text="ỦY BAN NHÂN DÂN TỈNH")
        return render.damage(img, "mild", rng)
    if variant == "rotated":
        skew = rng.choice((-1, 1)) * rng.uniform(1.5, 2.5)
        img = img.rotate(skew, resample=render.Image.BICUBIC, fillcolor="white").rotate(90, expand=True)
        return render.damage(img, "mild", rng)
    return render.damage(img, variant, rng)


def _dist(hyp: str, ref: str) -> tuple[int, int, int, int]:
    rc = len(" ".join(ref.split()))
    rw = len(ref.split())
    return round(cer(hyp, ref) * max(1, rc)), rc, round(wer(hyp, ref) * max(1, rw)), rw


def run_ocrfix(task):
    name, steps, recover, pdf, truth = task
    from ocrfix.config import Config
    from ocrfix.pipeline import read_pages

    t0 = time.perf_counter()
    pages = read_pages(pdf, Config(steps=tuple(steps), recover=recover, restore=False, fields=False))
    hyp = "\n".join(p.raw_text for p in pages)
    return name, pdf, _dist(hyp, truth), time.perf_counter() - t0, None


def run_ocrmypdf(task):
    name, _, _, pdf, truth = task
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    with tempfile.TemporaryDirectory() as tmp:
        side = Path(tmp) / "out.txt"
        t0 = time.perf_counter()
        r = subprocess.run([exe, "-q", "-l", "vie", "--jobs", "1", "--optimize", "0", "--output-type", "pdf",
                            "--sidecar", str(side), pdf, str(Path(tmp) / "out.pdf")],
                           capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        secs = time.perf_counter() - t0
        if r.returncode != 0 or not side.exists():
            err = (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1]
            return name, pdf, None, secs, err
        hyp = side.read_text(encoding="utf-8").replace("\f", "\n")
    return name, pdf, _dist(hyp, truth), secs, None


def _ocrmypdf_available() -> str | None:
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    try:
        r = subprocess.run([exe, "--version"], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None
    except OSError:
        return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="OCR benchmark on synthetic scans of Vietnamese documents")
    ap.add_argument("--levels", default=",".join(VARIANTS), help=f"comma-separated, from {', '.join(VARIANTS)}")
    ap.add_argument("--pages", type=int, default=2, help="body pages per level (default 2)")
    ap.add_argument("--quick", action="store_true", help="1 page, levels clean,medium,severe,seal,rotated, no ocrmypdf")
    ap.add_argument("--steps", default=",".join(preprocess.STEPS), help="single steps to measure alone")
    ap.add_argument("--extra", action="append", default=[], metavar="NAME=STEP+STEP[+recover]",
                    help="more configurations to measure, e.g. 'upscale+deskew=upscale+deskew'")
    ap.add_argument("--no-ocrmypdf", action="store_true")
    ap.add_argument("--workers", type=int, default=2, help="parallel Tesseract processes (default 2)")
    ap.add_argument("--keep", type=Path, help="keep the scanned PDFs in this directory")
    args = ap.parse_args(argv)
    levels = args.levels.split(",")
    if args.quick:
        args.pages, args.no_ocrmypdf = 1, True
        if args.levels == ",".join(VARIANTS):
            levels = ["clean", "medium", "severe", "seal", "rotated"]
    bad = [v for v in levels if v not in VARIANTS]
    if bad:
        ap.error(f"unknown level(s): {', '.join(bad)}")

    configs = [("tesseract vie", (), False)]
    configs += [(f"+ {s}", (s,), False) for s in args.steps.split(",") if s]
    for spec in args.extra:
        name, _, combo = spec.partition("=")
        parts = combo.split("+")
        configs.append((name, tuple(p for p in parts if p != "recover"), "recover" in parts))
    configs.append((f"ocrfix default ({'+'.join(preprocess.DEFAULT_STEPS)}, recovery)", preprocess.DEFAULT_STEPS, True))
    ocrmypdf_version = None if args.no_ocrmypdf else _ocrmypdf_available()
    ocrmypdf_row = "ocrmypdf -l vie --sidecar" + (f" ({ocrmypdf_version})" if ocrmypdf_version else "")

    pages = body_pages(args.pages)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ocrfix-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    items = []  # (variant, pdf, truth)
    for v in levels:
        for doc_id, number, img, truth in pages:
            scan, dpi = make_variant(img, v, rng)
            pdf = workdir / f"{v}_{doc_id.split('|')[0].split('/')[-1]}_p{number}.pdf"
            render.save_pdf([scan], pdf, dpi, quality=render.LEVELS.get(v, render.LEVELS["mild"])[2])
            items.append((v, str(pdf), truth))
    variant_of = {pdf: v for v, pdf, _ in items}

    tasks = [(run_ocrfix, (name, steps, rec, pdf, truth)) for name, steps, rec in configs for _, pdf, truth in items]
    if ocrmypdf_version:
        tasks += [(run_ocrmypdf, (ocrmypdf_row, (), False, pdf, truth)) for _, pdf, truth in items]
    # sums per (config, variant): cer num, cer den, wer num, wer den, seconds, pages, errors
    acc: dict[tuple[str, str], list] = {}
    t_start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as ex:
        futures = [ex.submit(fn, t) for fn, t in tasks]
        for f in futures:
            name, pdf, d, secs, err = f.result()
            a = acc.setdefault((name, variant_of[pdf]), [0, 0, 0, 0, 0.0, 0, None])
            if d is None:
                a[6] = err
            else:
                for i in range(4):
                    a[i] += d[i]
            a[4] += secs
            a[5] += 1
    wall = time.perf_counter() - t_start

    rows = [c[0] for c in configs] + ([ocrmypdf_row] if ocrmypdf_version else [])
    print(f"OCR benchmark, {date.today().isoformat()}: {len(pages)} body page(s) per level "
          f"({', '.join(f'{d.split(chr(124))[0]} p{n}' for d, n, _, _ in pages)}), "
          f"Tesseract {_tesseract_version()}, {args.workers} worker(s), {wall / 60:.1f} min\n")
    head = "| configuration | " + " | ".join(f"{v} ({_dpi_label(v)})" for v in levels) + " | all |"
    print("CER % / WER % (lower is better)\n")
    print(head)
    print("|---" * (len(levels) + 2) + "|")
    for r in rows:
        cells, tot = [], [0, 0, 0, 0]
        for v in levels:
            a = acc.get((r, v))
            if not a or a[6]:
                cells.append(f"failed: {a[6][:40]}" if a else "–")
                continue
            tot = [t + x for t, x in zip(tot, a[:4])]
            cells.append(f"{100 * a[0] / max(1, a[1]):.2f} / {100 * a[2] / max(1, a[3]):.1f}")
        cells.append(f"{100 * tot[0] / max(1, tot[1]):.2f} / {100 * tot[2] / max(1, tot[3]):.1f}")
        print(f"| {r} | " + " | ".join(cells) + " |")
    if not args.no_ocrmypdf and not ocrmypdf_version:
        print(f"| {ocrmypdf_row} | " + " | ".join("not installed" for _ in levels) + " | – |")
    print("\nPages per minute (one process; wall clock per page including PDF reading)\n")
    print(head)
    print("|---" * (len(levels) + 2) + "|")
    for r in rows:
        cells, secs, n = [], 0.0, 0
        for v in levels:
            a = acc.get((r, v))
            if not a or not a[5]:
                cells.append("–")
                continue
            secs, n = secs + a[4], n + a[5]
            cells.append(f"{60 * a[5] / a[4]:.0f}")
        cells.append(f"{60 * n / secs:.0f}" if secs else "–")
        print(f"| {r} | " + " | ".join(cells) + " |")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _dpi_label(v: str) -> str:
    return f"{render.LEVELS[v][0]} dpi" if v in render.LEVELS else "mild, 200 dpi"


def _tesseract_version() -> str:
    """The engine ocrfix runs (tesserocr in process, or the tesseract program through pytesseract) and its version."""
    try:
        from ocrfix.recognition import engine

        return f"{engine.tesseract_version()} ({engine.engine_kind()})"
    except Exception:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
