"""Searchable PDF output: ocrfix's restored text layer against `ocrmypdf -l vie` on the same files.

    .venv/bin/python benchmarks/pdf.py [--no-ocrmypdf] [--garbage]
    .venv/bin/python benchmarks/pdf.py --memory 20,200     # peak RSS of write_pdf by page count

Inputs: the sample PDFs (samples/*.pdf, truth in benchmarks/data/samples_truth/, pages separated by form
feeds); with --garbage also each sample with an old scanner's invisible English-garbage OCR layer added (made
here; ocrfix re-OCRs it as the text-layer triage would, `ocrmypdf --redo-ocr` replaces it). ocrmypdf is installed
for the benchmark only (`.venv/bin/pip install ocrmypdf`) and run one file at a time with `--jobs 1 -O0` (no image
optimisation, so that both outputs keep the images and the size difference is the text layer).

Per tool: pages per minute (ocrfix: `process` + `write_pdf` in this process, model loaded beforehand;
ocrmypdf: the command's wall time), text-layer overhead (output bytes − input bytes, per page), images kept
(sha256 of every image stream's raw bytes, before = after), PDF/A-2b by pikepdf.pdfa's validator, and the words
`pdftotext` finds against the truth: order-free word recall / precision / F1, and CER per page against the
truth, in poppler's reading order and with `pdftotext -raw` (the order the layer is written in). For ocrfix
also the word F1 of the extracted text against its own restored text (1.0 = the layer is the restored text,
word for word).
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402
import pikepdf.pdfa  # noqa: E402

import ocrfix  # noqa: E402
from ocrfix.metrics import cer  # noqa: E402

TRUTH = ROOT / "benchmarks" / "data" / "samples_truth"
GARBAGE = (b"BT 3 Tr /Fg 11 Tf 72 760 Td (Qnyet dinh vc viec ban hanh Quy chc) Tj 0 -14 Td "
           b"(Tbe qvick brovvn f0x jumqs ovcr thc lazv dqg) Tj ET\n")


def pdftotext(path: Path, page: int, raw: bool = False) -> str:
    """The page's text in poppler's reading order, or with raw in the order the layer writes it."""
    return subprocess.run(["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                           str(path), "-"], capture_output=True, text=True, check=True).stdout


def words_prf(found: str, truth: str) -> tuple[int, int, int]:
    a, b = collections.Counter(found.split()), collections.Counter(truth.split())
    return sum((a & b).values()), sum(a.values()), sum(b.values())


def image_hashes(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [hashlib.sha256(im.read_raw_bytes()).hexdigest()
                for page in pdf.pages for _n, im in sorted(page.get_images().items())]


def pdfa_ok(path: Path) -> bool:
    report = pikepdf.pdfa.validate_written(str(path), "2b")
    if not report.passed:
        print(f"{path.name}: not PDF/A-2b: {report.findings[0] if report.findings else '?'}", file=sys.stderr)
    return report.passed


def add_garbage(src: Path, dst: Path) -> None:
    with pikepdf.open(src) as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        for page in pdf.pages:
            page.add_resource(font, pikepdf.Name.Font, pikepdf.Name("/Fg"))
            page.contents_add(pdf.make_stream(GARBAGE))
        pdf.save(dst)


def run_ocrfix(src: Path, out: Path, garbage: bool) -> tuple[float, ocrfix.Document]:
    t0 = time.perf_counter()
    doc = ocrfix.process(src, force_ocr=garbage)
    ocrfix.write_pdf(doc, out)
    return time.perf_counter() - t0, doc


def run_ocrmypdf(src: Path, out: Path, garbage: bool) -> float | None:
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    cmd = [exe, "-l", "vie", "--jobs", "1", "-O0", "-q"] + (["--redo-ocr"] if garbage else []) + [str(src), str(out)]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"ocrmypdf failed on {src.name}: {r.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return time.perf_counter() - t0


def make_long_pdf(n: int, path: Path) -> None:
    """An n-page image-only PDF, every page a different noisy 150 dpi A4 JPEG (about 330 KB)."""
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(1)
    with pikepdf.new() as pdf:
        for _ in range(n):
            buf = io.BytesIO()
            Image.fromarray(rng.integers(200, 256, (1753, 1240), dtype=np.uint8), "L").save(buf, "JPEG", quality=50)
            im = pdf.make_stream(buf.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1240,
                                 Height=1753, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                                 Filter=pikepdf.Name.DCTDecode)
            pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
                Type=pikepdf.Name.Page, MediaBox=[0, 0, 595.2, 841.44],
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=im)),
                Contents=pdf.make_stream(b"q 595.2 0 0 841.44 0 0 cm /Im0 Do Q"))))
        pdf.save(path)


def measure_memory(n: int, path: Path) -> None:
    """Peak RSS of write_pdf on `path` in a fresh process, every page given the words of the first sample's first
    page."""
    import copy

    import pickle

    page = pickle.loads(path.with_suffix(".page").read_bytes())  # OCR'd by the parent: the LM stays out of here
    doc = ocrfix.Document(source=str(path), pages=[copy.copy(page) for _ in range(n)])
    before = _rss_mb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS (Linux)
    t0 = time.perf_counter()
    res = ocrfix.write_pdf(doc, path.with_suffix(".out.pdf"))
    peak = _rss_mb("VmHWM")
    secs = time.perf_counter() - t0
    print(f"| {n} | {path.stat().st_size / 1e6:.1f} | {before} | {peak} | {secs:.1f} | {res.pdfa} |")


def _rss_mb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) // 1024
    return -1


def memory(counts: list[int]) -> int:
    import pickle

    tmp = Path(tempfile.mkdtemp(prefix="ocrfix-pdf-mem-"))
    page = pickle.dumps(ocrfix.process(sorted((ROOT / "samples").glob("*.pdf"))[0]).pages[0])
    print("| pages | input MB | RSS before write_pdf, MB | peak RSS during write_pdf, MB | write_pdf s | PDF/A |")
    print("|---:|---:|---:|---:|---:|---|")
    for n in counts:
        path = tmp / f"long{n}.pdf"
        make_long_pdf(n, path)
        path.with_suffix(".page").write_bytes(page)
        subprocess.run([sys.executable, __file__, "--_measure", str(n), str(path)], check=True)  # a fresh process
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-ocrmypdf", action="store_true")
    ap.add_argument("--garbage", action="store_true", help="also the samples with a garbage invisible layer")
    ap.add_argument("--memory", help="instead: peak memory of write_pdf on synthetic PDFs of these page counts "
                                     "(comma-separated, e.g. 20,200)")
    ap.add_argument("--_measure", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._measure:
        measure_memory(int(args._measure[0]), Path(args._measure[1]))
        return 0
    if args.memory:
        return memory([int(n) for n in args.memory.split(",")])
    ocrfix.restore("Ket qua")  # load the model before timing
    tmp = Path(tempfile.mkdtemp(prefix="ocrfix-pdf-bench-"))
    inputs = [(p, False) for p in sorted((ROOT / "samples").glob("*.pdf"))]
    if args.garbage:
        for p, _ in list(inputs):
            g = tmp / (p.stem + "_garbage.pdf")
            add_garbage(p, g)
            inputs.append((g, True))
    tools = ["ocrfix"] + ([] if args.no_ocrmypdf else ["ocrmypdf"])
    agg = {t: collections.Counter() for t in tools}
    cers = {t: [] for t in tools}
    raw_cers = {t: [] for t in tools}
    self_f1, restored_cers = [], []
    rows = []
    for src, garbage in inputs:
        truth = (TRUTH / (src.stem.replace("_garbage", "") + ".txt")).read_text(encoding="utf-8").split("\f")
        with pikepdf.open(src) as pdf:
            n = len(pdf.pages)
        before = image_hashes(src)
        for tool in tools:
            out = tmp / f"{src.stem}.{tool}.pdf"
            if tool == "ocrfix":
                secs, doc = run_ocrfix(src, out, garbage)
            else:
                secs, doc = run_ocrmypdf(src, out, garbage), None
                if secs is None:
                    agg[tool]["failed"] += 1
                    continue
            texts = [pdftotext(out, i) for i in range(1, n + 1)]
            tp = fp = fn = 0
            for i, (t, ref) in enumerate(zip(texts, truth)):
                a, f, r = words_prf(t, ref)
                tp, fp, fn = tp + a, fp + f, fn + r
                cers[tool].append(cer(t, ref))
                raw_cers[tool].append(cer(pdftotext(out, i + 1, raw=True), ref))
            if doc is not None:
                a, f, r = words_prf("".join(texts), doc.text)
                self_f1.append(2 * a / max(1, f + r))
                restored_cers.extend(cer(p.text, ref) for p, ref in zip(doc.pages, truth))
            garbage_left = sum(w in "".join(texts) for w in ("qvick", "f0x", "Qnyet", "dqg"))
            same = image_hashes(out) == before
            ok = pdfa_ok(out)
            agg[tool].update(pages=n, secs=secs, overhead=out.stat().st_size - src.stat().st_size, tp=tp,
                             found=fp, truth=fn, files=1, images_kept=same, pdfa=ok, garbage_left=garbage_left)
            rows.append((src.name, tool, n, secs, (out.stat().st_size - src.stat().st_size) / n, tp / max(1, fn),
                         ok, same, garbage_left))
    print("| file | tool | pages | s | overhead B/page | word recall | PDF/A-2b | images kept | garbage words left |")
    print("|---|---|---:|---:|---:|---:|---|---|---:|")
    for name, tool, n, secs, ov, rec, ok, same, g in rows:
        print(f"| {name} | {tool} | {n} | {secs:.1f} | {ov:,.0f} | {100 * rec:.1f} % | {ok} | {same} | {g} |")
    print()
    print("| tool | files | pages | pages/min | text layer B/page | word recall | precision | F1 "
          "| mean page CER, pdftotext order | same, -raw (layer order) | PDF/A-2b valid | images unchanged | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tool in tools:
        a = agg[tool]
        rec = a["tp"] / max(1, a["truth"])
        prec = a["tp"] / max(1, a["found"])
        f1 = 2 * rec * prec / max(1e-9, rec + prec)
        mean_cer = 100 * sum(cers[tool]) / max(1, len(cers[tool]))
        raw_cer = 100 * sum(raw_cers[tool]) / max(1, len(raw_cers[tool]))
        print(f"| {tool} | {a['files']} | {a['pages']} | {60 * a['pages'] / max(1e-9, a['secs']):.1f} | "
              f"{a['overhead'] / max(1, a['pages']):,.0f} | {100 * rec:.2f} % | {100 * prec:.2f} % | "
              f"{100 * f1:.2f} % | "
              f"{mean_cer:.2f} % | {raw_cer:.2f} % | {a['pdfa']}/{a['files']} | {a['images_kept']}/{a['files']} | "
              f"{a['failed']} |")
    if self_f1:
        print(f"\nocrfix: word F1 of pdftotext against the restored text, per file: min {min(self_f1):.4f}, "
              f"mean {sum(self_f1) / len(self_f1):.4f} over {len(self_f1)} files; mean page CER of the restored "
              f"text itself (ocrfix's reading order) {100 * sum(restored_cers) / len(restored_cers):.2f} %")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
