"""Archive throughput: `ocrfix batch --workers 2` against `ocrmypdf -l vie --sidecar`, two files at a time.

Builds a folder of synthetic scanned PDFs (administrative text from the corpus's *test* split, rendered with
tools.render, mild/medium scan damage, 1–6 pages each), then on the same machine in the same run:
  * ocrfix:   ocrfix batch IN -o OUT --workers 2 --force --quiet
  * ocrmypdf: ocrmypdf -l vie --jobs 1 --output-type pdf --sidecar NAME.txt IN.pdf OUT.pdf, two files at a time
  * bare Tesseract: `tesseract PAGE.png - -l vie --dpi N`, one pass per page image, two at a time (the page
    images are extracted beforehand, untimed: the practical floor of the cost)
and prints pages per minute, their ratio, peak memory (sampled RSS of the whole process tree, and the largest
single process from getrusage) and CER against the rendered text; then, from ocrfix's JSON, the share of pages
each OCR pass ran on and its seconds (Page.ocr_passes). ocrmypdf is a benchmark-only tool:
`.venv/bin/pip install ocrmypdf` (it runs without Ghostscript with --output-type pdf).

    .venv/bin/python benchmarks/batch.py               # 30 documents, >= 100 pages
    .venv/bin/python benchmarks/batch.py --docs 10     # quicker
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import render  # noqa: E402
from ocrfix.metrics import cer  # noqa: E402

VENV_BIN = Path(sys.executable).parent
PAGES_CYCLE = (2, 3, 4, 5, 1, 6, 3, 4)  # 30 documents → 104 pages


def _texts():
    """Paragraphs from the corpus test split (never used for training); a fixed fallback without the corpus."""
    try:
        from tools import corpus

        for _doc_id, text in corpus.iter_split("admin", "test"):
            yield from (ln.strip() for ln in text.split("\n") if len(ln.strip()) > 40)
    except (OSError, KeyError):
        pass
    while True:
        yield ("Ủy ban nhân dân huyện Kim Bảng báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính quý IV năm "
               "2020 theo Kế hoạch số 25/KH-UBND ngày 15/3/2020 của Ủy ban nhân dân tỉnh Hà Nam.")


def build(folder: Path, docs: int) -> tuple[int, dict[str, str]]:
    """Write the PDFs (cached by count) and return (pages, truth text per file name)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2020)
    lines = _texts()
    truth: dict[str, str] = {}
    pages_total = 0
    for d in range(docs):
        n = PAGES_CYCLE[d % len(PAGES_CYCLE)]
        level = ("mild", "medium")[d % 2]  # one scan setting per document: every page of a PDF has one dpi
        images, text = [], []
        for _ in range(n):
            paras = [next(lines) for _ in range(rng.randint(5, 9))]
            img, t = render.render_page(render.paragraph_blocks("\n".join(paras)))
            scan, dpi = render.damage(img, level, rng)
            images.append(scan)
            text.append("\n".join(t))
        name = f"vb{d:03d}.pdf"
        path = folder / f"group{d % 4}" / name
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            render.save_pdf(images, path, dpi)
        truth[f"group{d % 4}/{name}"] = "\n".join(text)
        pages_total += n
    return pages_total, truth


class TreeMemory:
    """Peak summed RSS of this process's children and their descendants, sampled every 0.2 s."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.2)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def run_ocrfix(src: Path, out: Path, workers: int, *extra: str) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    with TreeMemory() as mem:
        t0 = time.perf_counter()
        r = subprocess.run([str(VENV_BIN / "ocrfix"), "batch", str(src), "-o", str(out), "--workers", str(workers),
                            "--force", "--quiet", *extra], capture_output=True, text=True)
        secs = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"ocrfix batch failed ({r.returncode}): {r.stderr[-2000:]}")
    return secs, mem.peak


def run_ocrmypdf(src: Path, out: Path, parallel: int) -> tuple[float, int, int]:
    exe = shutil.which("ocrmypdf", path=str(VENV_BIN)) or shutil.which("ocrmypdf")
    if exe is None:
        raise FileNotFoundError("ocrmypdf is not installed (.venv/bin/pip install ocrmypdf)")
    shutil.rmtree(out, ignore_errors=True)
    files = sorted(src.rglob("*.pdf"))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(pdf: Path) -> int:
        rel = pdf.relative_to(src)
        dst = out / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([exe, "-l", "vie", "--jobs", "1", "--output-type", "pdf", "--sidecar",
                            str(dst.with_suffix(".txt")), str(pdf), str(dst)], capture_output=True, text=True,
                           env=env)
        return r.returncode

    codes, secs, peak = timed_map(one, files, parallel)
    return secs, peak, sum(c != 0 for c in codes)


def timed_map(fn, items: list, parallel: int) -> tuple[list, float, int]:
    """fn over items, `parallel` at a time, timed, with the peak RSS of this process tree while it runs."""
    with TreeMemory() as mem:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(parallel) as ex:
            out = list(ex.map(fn, items))
        secs = time.perf_counter() - t0
    return out, secs, mem.peak


def extract_pages(src: Path, dst: Path) -> list[tuple[Path, int, str]]:
    """Every page image of every PDF as PNG (what ocrfix OCRs: the embedded scan at its native dpi)."""
    from ocrfix import sources

    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for pdf in sorted(src.rglob("*.pdf")):
        rel = pdf.relative_to(src).as_posix()
        for k in range(1, sources.count_pages(pdf) + 1):
            png = dst / f"{rel.replace('/', '__')}__p{k}.png"
            page = sources.read_page(pdf, k, 300, force_ocr=True)
            dpi = page.dpi or 300
            if not png.exists():
                page.image.save(png, dpi=(dpi, dpi))
            out.append((png, dpi, rel))
    return out


def run_bare(pages: list[tuple[Path, int, str]], parallel: int) -> tuple[float, int, dict[str, str]]:
    """Bare `tesseract -l vie` once per page image, `parallel` at a time: (seconds, peak RSS, text per file)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(item):
        png, dpi, _rel = item
        r = subprocess.run(["tesseract", str(png), "-", "-l", "vie", "--dpi", str(dpi)], capture_output=True,
                           text=True, env=env)
        return r.stdout

    texts, secs, peak = timed_map(one, pages, parallel)
    per_file: dict[str, list[str]] = {}
    for (_png, _dpi, rel), t in zip(pages, texts):
        per_file.setdefault(rel, []).append(t)
    return secs, peak, {rel: "\n".join(ts) for rel, ts in per_file.items()}


def pass_table(out: Path) -> list[str]:
    """Markdown rows: per OCR pass, the share of pages it ran on, mean and total seconds (ocrfix's JSON)."""
    import json

    runs: dict[str, list[float]] = {}
    pages = 0
    total = 0.0
    for js in sorted(out.rglob("*.pdf.json")):
        doc = json.loads(js.read_text(encoding="utf-8"))
        for p in doc["pages"]:
            pages += 1
            total += p.get("seconds") or 0.0
            for name, secs in (p.get("ocr_passes") or {}).items():
                runs.setdefault(name, []).append(secs)
    rows = ["| OCR pass | pages it ran on | mean s when run | s per page (all pages) | share of page time |",
            "|---|---:|---:|---:|---:|"]
    for name, xs in runs.items():
        rows.append(f"| {name} | {len(xs)}/{pages} ({len(xs) / max(1, pages):.0%}) | {sum(xs) / len(xs):.3f} | "
                    f"{sum(xs) / max(1, pages):.3f} | {sum(xs) / max(1e-9, total):.1%} |")
    rows.append(f"| whole page (ocr_page: decode, preprocess, all passes) | {pages} | {total / max(1, pages):.3f} | "
                f"{total / max(1, pages):.3f} | 100 % |")
    return rows


def mean_cer(out: Path, truth: dict[str, str], name) -> float | None:
    scores = []
    for rel, ref in truth.items():
        p = out / name(rel)
        if p.exists():
            scores.append(cer(p.read_text(encoding="utf-8").replace("\f", "\n"), ref))
    return sum(scores) / len(scores) if scores else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/ocrfix-bench"))
    ap.add_argument("--skip-ocrmypdf", action="store_true")
    ap.add_argument("--skip-bare", action="store_true", help="no bare tesseract row")
    ap.add_argument("--also-steps", default="color,deskew",
                    help="also time ocrfix with these preprocessing steps (default skips the Tesseract OSD "
                         "orientation pass); '' to skip this row")
    args = ap.parse_args(argv)

    from ocrfix import __version__
    from ocrfix.restoration import model_version

    src = args.dir / f"in{args.docs}-v2"
    t0 = time.perf_counter()
    pages, truth = build(src, args.docs)
    print(f"corpus: {args.docs} PDFs, {pages} pages in {src} (built in {time.perf_counter() - t0:.0f} s); "
          f"ocrfix {__version__}, restoration model {model_version()}, {os.cpu_count()} cores", flush=True)

    rows = []
    secs, peak = run_ocrfix(src, args.dir / "out-ocrfix", args.workers)
    rows.append(("ocrfix batch", secs, peak, 0, mean_cer(args.dir / "out-ocrfix", truth, lambda r: r + ".txt")))
    print(f"ocrfix done in {secs:.0f} s", flush=True)
    if args.also_steps:
        out = args.dir / "out-ocrfix-steps"
        secs, peak = run_ocrfix(src, out, args.workers, "--steps", args.also_steps)
        rows.append((f"ocrfix batch --steps {args.also_steps}", secs, peak, 0,
                     mean_cer(out, truth, lambda r: r + ".txt")))
        print(f"ocrfix --steps {args.also_steps} done in {secs:.0f} s", flush=True)
    if not args.skip_ocrmypdf:
        try:
            secs2, peak2, failed = run_ocrmypdf(src, args.dir / "out-ocrmypdf", args.workers)
            rows.append(("ocrmypdf --sidecar", secs2, peak2, failed, mean_cer(args.dir / "out-ocrmypdf", truth,
                                                                             lambda r: r[:-4] + ".txt")))
        except FileNotFoundError as e:
            print(f"ocrmypdf: {e}")
    if not args.skip_bare:
        images = extract_pages(src, args.dir / f"pages{args.docs}")
        secs3, peak3, texts = run_bare(images, args.workers)
        scores = [cer(texts[rel], ref) for rel, ref in truth.items() if rel in texts]
        rows.append((f"bare tesseract -l vie, one pass per page ({args.workers} at a time)", secs3, peak3, 0,
                     sum(scores) / len(scores) if scores else None))
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print()
    print("| tool | wall s | pages/min | peak RSS, process tree | failed files | mean CER |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s, peak, failed, c in rows:
        cer_s = f"{c:.2%}" if c is not None else "n/a"
        print(f"| {name} | {s:.1f} | {pages / s * 60:.1f} | {peak / 2**20:.0f} MB | {failed} | {cer_s} |")
    by = {r[0]: r for r in rows}
    ocrmypdf = by.get("ocrmypdf --sidecar")
    bare = next((r for r in rows if r[0].startswith("bare")), None)
    for name, s, *_ in rows:
        if name.startswith("ocrfix"):
            if ocrmypdf:
                print(f"\nthroughput ratio {name} / ocrmypdf: {ocrmypdf[1] / s:.2f}")
            if bare:
                print(f"time per page {name} / bare tesseract: {s / bare[1]:.2f}")
    print("\nOCR passes in the ocrfix batch (from its JSON output):\n")
    print("\n".join(pass_table(args.dir / "out-ocrfix")))
    print(f"largest single child process (getrusage ru_maxrss): {largest:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
