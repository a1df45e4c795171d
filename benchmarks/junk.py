"""No junk from seals, signatures and emblems: ocrfix's raw OCR against plain `tesseract -l vie` on the same page
images, counting tokens that do not read as language (ocrfix.recognition.language: not a Vietnamese syllable,
number, document code or roman numeral).

    .venv/bin/python benchmarks/junk.py                       # real scans (../shared/realscans), first + last page
    .venv/bin/python benchmarks/junk.py --synthetic 12        # + 12 rendered last pages with seal and signature
    .venv/bin/python benchmarks/junk.py --show                # + the invalid tokens each side added

Real scans: every image-only or badly-layered PDF of the development set (born-digital TCVN3 files left out), the
page images ocrfix itself OCRs (sources.read_page with the text layer ignored, the embedded scan at its native
resolution), saved as PNG with their dpi; plain Tesseract reads that PNG (`tesseract PNG - -l vie --dpi N`, psm 3,
no preprocessing), ocrfix `ocr_page` with its defaults (no restoration). Synthetic: last pages of corpus test-split
documents laid out by tools.render (Nơi nhận | signature, red seal, blue signature), scanned at mild or
medium damage; there the rendered text also gives CER. Prints one markdown table per set."""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocrfix.recognition.language import invalid_tokens  # noqa: E402

REALSCANS = ROOT.parent / "shared" / "realscans"


def _plain(png: Path, dpi: int | None) -> str:
    """Plain Tesseract's text, cached beside the PNG (the page images and the program do not change)."""
    cache = png.with_suffix(".tesseract.txt")
    if cache.exists() and cache.stat().st_mtime >= png.stat().st_mtime:
        return cache.read_text(encoding="utf-8")
    cmd = ["tesseract", str(png), "-", "-l", "vie"] + (["--dpi", str(dpi)] if dpi else [])
    r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    cache.write_text(r.stdout, encoding="utf-8")
    return r.stdout


def _ocrfix(png: Path, dpi: int | None) -> str:
    from PIL import Image

    from ocrfix import sources
    from ocrfix.config import Config
    from ocrfix.pipeline import ocr_page

    page = sources.PageInput(number=1, image=Image.open(png), dpi=dpi)
    return ocr_page(page, Config(restore=False, fields=False)).raw_text


def _one(task) -> tuple:
    name, png, dpi, truth = task
    plain, ours = _plain(png, dpi), _ocrfix(png, dpi)
    return name, plain, ours, truth


def real_pages(folder: Path, work: Path, which: str) -> list[tuple]:
    from ocrfix import sources

    tasks = []
    for pdf in sorted(folder.glob("*.pdf")):
        if "tcvn3" in pdf.name:
            continue
        try:
            n = sources.count_pages(pdf)
        except Exception as e:  # noqa: BLE001
            print(f"skip {pdf.name}: {e}", file=sys.stderr)
            continue
        numbers = sorted({1, n}) if which == "ends" else list(range(1, n + 1))
        for k in numbers:
            png = work / f"{pdf.stem}_p{k}.png"
            dpi = None
            if not png.exists():
                try:
                    p = sources.read_page(pdf, k, 300, force_ocr=True)
                except Exception as e:  # noqa: BLE001
                    print(f"skip {pdf.name} p{k}: {e}", file=sys.stderr)
                    continue
                if p.image is None:
                    continue
                dpi = p.dpi
                p.image.save(png, dpi=(dpi or 300, dpi or 300))
            else:
                from PIL import Image

                dpi = int(round(Image.open(png).info.get("dpi", (300, 300))[0]))
            tasks.append((f"{pdf.stem} p{k}", png, dpi, None))
    return tasks


def synthetic_pages(n: int, work: Path) -> list[tuple]:
    from tools import corpus, render

    tasks = []
    for i, (doc_id, text) in enumerate(corpus.iter_split("tvpl2025", "test")):
        if i >= n:
            break
        seed = 7000 + i
        pages, truth = render.render_document(text, seed=seed)
        level = ("mild", "medium")[i % 2]
        scanned, dpi = render.scan(pages[-1:], level, random.Random(seed))
        png = work / f"synthetic_{i}.png"
        scanned[0].save(png, dpi=(dpi, dpi))
        tasks.append((f"{doc_id.split('|')[0].split('/')[-1][:28]} last ({level})", png, dpi, "\n".join(truth[-1])))
    return tasks


def report(title: str, results: list[tuple], show: bool) -> None:
    from ocrfix.metrics import cer

    with_truth = any(r[3] is not None for r in results)
    print(f"\n### {title}\n")
    head = "| page | tokens tesseract / ocrfix | not language: tesseract | ocrfix | added by ocrfix |"
    if with_truth:
        head += " CER tesseract | CER ocrfix |"
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    tot = Counter()
    worse = 0
    for name, plain, ours, truth in results:
        bp, bo = invalid_tokens(plain), invalid_tokens(ours)
        added = len(bo) - len(bp)
        worse += added > 0
        tot.update(tp=len(plain.split()), to=len(ours.split()), ip=len(bp), io=len(bo))
        row = f"| {name} | {len(plain.split())} / {len(ours.split())} | {len(bp)} | {len(bo)} | {added:+d} |"
        if with_truth:
            cp, co = cer(plain, truth), cer(ours, truth)
            tot.update(cp=cp, co=co)
            row += f" {100 * cp:.1f} % | {100 * co:.1f} % |"
        print(row)
        if show:
            extra = Counter(bo) - Counter(bp)
            gone = Counter(bp) - Counter(bo)
            if extra or gone:
                print(f"|  | ocrfix only: {' '.join(sorted(extra.elements()))[:300]} "
                      f"· tesseract only: {' '.join(sorted(gone.elements()))[:300]} | | | |" + (" | |" if with_truth else ""))
    n = max(1, len(results))
    row = (f"| **all {len(results)} pages** | {tot['tp']} / {tot['to']} | {tot['ip']} | {tot['io']} | "
           f"{tot['io'] - tot['ip']:+d} |")
    if with_truth:
        row += f" {100 * tot['cp'] / n:.2f} % | {100 * tot['co'] / n:.2f} % |"
    print(row)
    print(f"\npages where ocrfix has more tokens that are not language than plain Tesseract: {worse} of {len(results)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=Path, default=REALSCANS, help="folder of real scanned PDFs ('' to skip)")
    ap.add_argument("--pages", choices=("ends", "all"), default="ends", help="first and last page, or every page")
    ap.add_argument("--synthetic", type=int, default=0, help="rendered last pages with seal and signature")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ocrfix-junk")
    ap.add_argument("--show", action="store_true", help="list the invalid tokens only one side has")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sets = []
    if str(args.real) and args.real.is_dir():
        sets.append((f"Real scans ({args.real.name}, {args.pages} pages)", real_pages(args.real, args.work, args.pages)))
    if args.synthetic:
        sets.append((f"Synthetic last pages with seal and signature ({args.synthetic})",
                     synthetic_pages(args.synthetic, args.work)))
    from ocrfix.recognition import engine

    print(f"ocrfix OCR engine: {engine.engine_kind()} (Tesseract {engine.tesseract_version()}); plain: "
          f"{subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.split(chr(10))[0]}")
    with ProcessPoolExecutor(args.workers) as ex:
        for title, tasks in sets:
            report(title, list(ex.map(_one, tasks)), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
