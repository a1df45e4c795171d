"""OCR-confusion training pairs for the noisy-channel restorer.

Render corpus text to A4 pages (Liberation Serif 12–14 pt), damage them like scans, OCR them with the two
profiles the restorer must undo, and align the OCR output with the source text, first line by line, then
token by token:

* ``eng`` — the legacy archive profile: Tesseract ``-l eng`` (the wrong model) on 300 dpi pages with mild
  damage, no preprocessing, no recovery pass (an old archive OCR run).
* ``vie`` — the fresh-scan profile: ocrfix's own OCR front end (``pipeline.ocr_page``, ``-l vie``) on pages
  damaged at levels mild, medium, heavy and severe.

Outputs (default ``build/ocr_pairs/``), per profile and split (train: train split of legal + tvpl2025 + admin;
dev / test: their dev / test splits):

* ``{profile}_{split}_lines.jsonl.gz`` — ``{"truth", "ocr", "level", "doc", ...}`` aligned line pairs;
* ``{profile}_{split}_tokens.tsv.gz`` — ``truth \\t ocr \\t count`` aligned token pairs. A split token is
  one truth token against two space-joined OCR tokens ("1140" → "1 140"), a merge the reverse; a dropped
  token has an empty OCR side, an inserted one an empty truth side. Tokens keep the punctuation OCR left
  attached; when stripping surrounding punctuation changes a pair, the bare pair is counted as well, so the
  rows without edge punctuation hold complete counts for bare tokens.

Run: ``python -m tools.ocr_pairs [--pages N] [--out DIR] [--jobs 2] [--seed 2026]``.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import io
import json
import os
import random
import shutil
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one single-threaded Tesseract per worker

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "ocr_pairs"
BENCH_DATA = ROOT / "benchmarks" / "data"
SOURCES = ("legal", "tvpl2025", "admin")
SOURCE_WEIGHTS = (0.4, 0.3, 0.3)
SIZES_PT = (12, 12.5, 13, 13.5, 14)
VIE_LEVELS = ("mild", "medium", "heavy", "severe")
ENG_LEVEL = "mild300"  # mild damage kept at 300 dpi
PUNCT = "\"'“”‘’«»()[]{}<>.,;:!?…-–—/\\*•·_|~`^"


# --------------------------------------------------------------------------------------------------------
# text normalisation and costs

def fold(s: str) -> str:
    """Lowercase, accents removed, đ → d: the form OCR without the right model tends to produce."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def token_cost(a: str, b: str) -> float:
    """Substitution cost of truth token(s) a read as b: mean of raw and accent-folded edit distance."""
    if a == b:
        return 0.0
    return 0.5 * Levenshtein.distance(a, b) + 0.5 * Levenshtein.distance(fold(a), fold(b))


def bare(tok: str) -> str:
    """A token without surrounding punctuation (each part of a space-joined group stripped)."""
    return " ".join(p for p in (t.strip(PUNCT) for t in tok.split(" ")) if p)


# --------------------------------------------------------------------------------------------------------
# alignment

def _monotone_alignment(n: int, m: int, moves) -> list[tuple[int, int, int, int]]:
    """Cheapest monotone path from (0, 0) to (n, m). `moves(i, j)` lists (di, dj, cost) steps from (i, j);
    their order is the tie preference. Returns the steps as (i, j, di, dj), each starting at (i, j)."""
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c0 = cost[i][j]
            if c0 == inf:
                continue
            for di, dj, c in moves(i, j):
                v = c0 + c
                if v < cost[i + di][j + dj] - 1e-9:
                    cost[i + di][j + dj] = v
                    back[i + di][j + dj] = (di, dj)
    steps = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        i, j = i - di, j - dj
        steps.append((i, j, di, dj))
    steps.reverse()
    return steps


def align_tokens(truth: list[str], ocr: list[str]) -> list[tuple[str, str]]:
    """Levenshtein alignment over token lists with 1–1, 1–0, 0–1, 1–2 (split) and 2–1 (merge) moves.

    Costs are character edit distances, so a split or merge is chosen only when it lowers the character
    distance: "số 1140" vs "sb 1 140" gives [("số", "sb"), ("1140", "1 140")]. Returns (truth, ocr)
    pairs with space-joined groups and "" for a missing side."""
    n, m = len(truth), len(ocr)

    def moves(i, j):  # order gives the tie preference (1-1 first)
        out = []
        if i < n and j < m:
            out.append((1, 1, token_cost(truth[i], ocr[j])))
        if i < n and j + 1 < m:
            out.append((1, 2, token_cost(truth[i], ocr[j] + ocr[j + 1]) + 1.25))
        if i + 1 < n and j < m:
            out.append((2, 1, token_cost(truth[i] + truth[i + 1], ocr[j]) + 1.25))
        if i < n:
            out.append((1, 0, len(truth[i]) + 1))
        if j < m:
            out.append((0, 1, len(ocr[j]) + 1))
        return out

    return [(" ".join(truth[i:i + di]), " ".join(ocr[j:j + dj])) for i, j, di, dj in _monotone_alignment(n, m, moves)]


def line_similarity(a: str, b: str) -> float:
    return 1.0 - Levenshtein.normalized_distance(fold(" ".join(a.split())), fold(" ".join(b.split())))


def align_lines(truth: list[str], ocr: list[str], skip: float = 0.6) -> list[tuple[list[int], list[int]]]:
    """Match OCR lines to truth lines in order: a DP over line similarity (accent-folded) with skips
    (dropped or spurious lines) and 1–2 / 2–1 groups (a line OCR split in two, or two lines read as one).

    Returns matched groups as (truth indices, ocr indices); unmatched lines are left out. A 1–1 match costs
    2·(1 − similarity), a skipped line `skip`, so lines match only when similarity > 1 − skip."""
    n, m = len(truth), len(ocr)

    def mc(i0, i1, j0, j1, extra=0.0):
        return 2 * (1 - line_similarity(" ".join(truth[i0:i1]), " ".join(ocr[j0:j1]))) * max(i1 - i0, j1 - j0) + extra

    def moves(i, j):
        out = []
        if i < n and j < m:
            out.append((1, 1, mc(i, i + 1, j, j + 1)))
        if i < n and j + 1 < m:
            out.append((1, 2, mc(i, i + 1, j, j + 2, 0.1)))
        if i + 1 < n and j < m:
            out.append((2, 1, mc(i, i + 2, j, j + 1, 0.1)))
        if i < n:
            out.append((1, 0, skip))
        if j < m:
            out.append((0, 1, skip))
        return out

    return [(list(range(i, i + di)), list(range(j, j + dj)))
            for i, j, di, dj in _monotone_alignment(n, m, moves) if di and dj]


def token_pairs(truth_line: str, ocr_line: str) -> list[tuple[str, str]]:
    """Aligned token pairs of one line pair, plus the bare pair wherever stripping punctuation changes it."""
    out = []
    for t, o in align_tokens(truth_line.split(), ocr_line.split()):
        out.append((t, o))
        bt, bo = bare(t), bare(o)
        if (bt, bo) != (t, o) and (bt or bo):
            out.append((bt, bo))
    return out


# --------------------------------------------------------------------------------------------------------
# pages

@dataclass
class PageJob:
    profile: str
    split: str
    level: str
    index: int
    seed: int
    size_pt: float
    doc: str
    paragraphs: list[str] = field(default_factory=list)


def _blocks(paragraphs: list[str], size_pt: float):
    from . import render

    out = []
    for p in paragraphs:
        heading = len(p) < 80 and (p.isupper() or p.startswith(("Điều ", "Chương ", "Mục ")))
        if heading and p.isupper():
            out.append(render.Block(p, size_pt=size_pt, bold=True, align="center"))
        elif heading:
            out.append(render.Block(p, size_pt=size_pt, bold=True, align="left"))
        else:
            out.append(render.Block(p, size_pt=size_pt))
    return out


def _fit(paragraphs: list[str], size_pt: float, dpi: int = 300, margins_mm=(30, 20, 20, 20),
         bottom_mm: float = 20) -> list[str]:
    """The leading paragraphs that fit on one page as render_page lays them out (it does not stop at the
    page bottom, so the caller must not give it more)."""
    from . import render

    w = int(render.A4_MM[0] / 25.4 * dpi)
    h = int(render.A4_MM[1] / 25.4 * dpi)
    left, right, top = (int(mm / 25.4 * dpi) for mm in margins_mm[:3])
    limit = h - int(bottom_mm / 25.4 * dpi)
    y = top
    kept = []
    for b, p in zip(_blocks(paragraphs, size_pt), paragraphs):
        size_px = int(round(b.size_pt / 72 * dpi))
        f = render.font(size_px, b.bold, b.italic)
        line_h = int(size_px * 1.25)
        n = len(render._wrap(p, f, (w - right) - left))
        if y + n * line_h > limit:
            break
        kept.append(p)
        y += n * line_h + int(line_h * b.space_after)
    return kept


def _legacy_damage(img, rng: random.Random):
    """The legacy archive scan: mild damage (blur, noise, JPEG, skew) but kept at 300 dpi."""
    from PIL import Image, ImageFilter
    import numpy as np
    from . import render

    _, blur, quality, noise, skew = render.LEVELS["mild"]
    img = img.rotate(rng.uniform(-skew, skew), resample=Image.BICUBIC, fillcolor="white", expand=False)
    img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.int16)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    a = np.clip(a + nrng.normal(0, noise, a.shape), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out.convert("RGB"), 300


def ocr_lines(img, profile: str, dpi: int) -> list[str]:
    """OCR one page image with a profile; returns Tesseract's text lines (TSV line grouping)."""
    from ocrfix import pipeline, preprocess, recognize, sources
    from ocrfix.config import Config

    if profile == "eng":
        g = preprocess.gray(preprocess.to_bgr(img))
        lines, _ = recognize.recognize(g, "eng", dpi, recover=False)
        return [ln.text for ln in lines]
    cfg = Config(lang="vie", restore=False, fields=False)
    page = pipeline.ocr_page(sources.PageInput(number=1, image=img, dpi=dpi), cfg)
    return [ln for ln in page.raw_text.split("\n") if ln.strip()]


def run_page(job: PageJob) -> dict:
    """Render, damage, OCR and align one page (runs in a worker process)."""
    from . import render

    t0 = time.perf_counter()
    rng = random.Random(job.seed)
    img, truth = render.render_page(_blocks(job.paragraphs, job.size_pt))
    if job.level == ENG_LEVEL:
        img, dpi = _legacy_damage(img, rng)
    else:
        img, dpi = render.damage(img, job.level, rng)
    ocr = ocr_lines(img, job.profile, dpi)
    pairs = []
    for ti, oi in align_lines(truth, ocr):
        pairs.append({"truth": " ".join(truth[i] for i in ti), "ocr": " ".join(ocr[j] for j in oi),
                      "level": job.level, "doc": job.doc, "page": f"{job.profile}-{job.split}-{job.index}",
                      "size_pt": job.size_pt})
    return {"job": job, "truth": truth, "ocr": ocr, "pairs": pairs, "seconds": time.perf_counter() - t0}


# --------------------------------------------------------------------------------------------------------
# page plan

def _load_docs(split: str) -> dict[str, list[tuple[str, list[str]]]]:
    from . import corpus

    out = {}
    for name in SOURCES:
        docs = []
        for doc_id, text in corpus.iter_split(name, split):
            paras = [" ".join(p.split()) for p in text.split("\n")]
            paras = [p for p in paras if p and not set(p) <= set("-_=*. ")]
            if len(paras) >= 3:
                docs.append((doc_id, paras))
        out[name] = docs
    return out


def plan(pages_eng_train: int, seed: int) -> list[PageJob]:
    """Deterministic list of pages to make: (profile, split, level) × count, each with its text."""
    n = pages_eng_train
    counts = {
        ("eng", "train"): [(ENG_LEVEL, n)],
        ("vie", "train"): [(lv, max(1, round(n / 6))) for lv in VIE_LEVELS],
    }
    for split in ("dev", "test"):
        counts[("eng", split)] = [(ENG_LEVEL, max(1, round(n / 5)))]
        counts[("vie", split)] = [(lv, max(1, round(n / 20))) for lv in VIE_LEVELS]
    jobs = []
    docs_by_split = {s: _load_docs(s) for s in ("train", "dev", "test")}
    for (profile, split), per_level in counts.items():
        rng = random.Random(f"{seed}-{profile}-{split}")
        docs = docs_by_split[split]
        k = 0
        for level, count in per_level:
            for _ in range(count):
                name = rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0]
                doc_id, paras = rng.choice(docs[name])
                size = rng.choice(SIZES_PT)
                start = rng.randrange(max(1, len(paras) - 5))
                # long paragraphs are cut so a page shows more than one or two of them
                window = [p if len(p) < 900 else p[: p.rfind(" ", 0, 900)] for p in paras[start:start + 80]]
                kept = _fit(window, size)
                if not kept:
                    kept = _fit([window[0][:600]], size)
                jobs.append(PageJob(profile, split, level, k, rng.randrange(1 << 30), size, doc_id, kept))
                k += 1
    return jobs


# --------------------------------------------------------------------------------------------------------
# main

def _write(out: Path, results: list[dict]) -> dict:
    """Write the lines / tokens files; returns {(profile, split): stats}."""
    groups: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for r in results:
        groups[(r["job"].profile, r["job"].split)].append(r)
    stats = {}
    for (profile, split), rs in sorted(groups.items()):
        rs.sort(key=lambda r: r["job"].index)
        counts: collections.Counter = collections.Counter()
        n_lines = 0
        with gzip.open(out / f"{profile}_{split}_lines.jsonl.gz", "wt", encoding="utf-8") as f:
            for r in rs:
                for p in r["pairs"]:
                    f.write(json.dumps(p, ensure_ascii=False) + "\n")
                    n_lines += 1
                    counts.update(token_pairs(p["truth"], p["ocr"]))
        with gzip.open(out / f"{profile}_{split}_tokens.tsv.gz", "wt", encoding="utf-8") as f:
            for (t, o), c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                f.write(f"{t}\t{o}\t{c}\n")
        stats[(profile, split)] = {"pages": len(rs), "lines": n_lines,
                                   "truth_lines": sum(len(r["truth"]) for r in rs), "counts": counts}
    return stats


def _cer_table(results: list[dict]) -> list[tuple]:
    from ocrfix.metrics import cer, wer

    acc: dict[tuple, list] = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0])
    for r in results:
        j = r["job"]
        ref, hyp = "\n".join(r["truth"]), "\n".join(r["ocr"])
        nref = len(" ".join(ref.split()))
        for key in ((j.profile, j.level, j.split), (j.profile, j.level, "all")):
            a = acc[key]
            a[0] += 1
            a[1] += cer(hyp, ref) * nref  # character-weighted
            a[2] += wer(hyp, ref) * len(ref.split())
            a[3] += nref
            a[4] += len(ref.split())
    rows = []
    for (profile, level, split), (pages, ce, we, nc, nw) in sorted(acc.items()):
        rows.append((profile, level, split, pages, ce / max(1, nc), we / max(1, nw)))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=60, help="eng train pages; the other sets are scaled from it "
                    "(vie train N/6 per level, eng dev/test N/5, vie dev/test N/20 per level)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (one Tesseract each)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--no-copy", action="store_true", help="do not copy dev/test lines into benchmarks/data")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    jobs = plan(args.pages, args.seed)
    print(f"{len(jobs)} pages to render and OCR with {args.jobs} workers", file=sys.stderr)
    results = []
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        for k, r in enumerate(ex.map(run_page, jobs), 1):
            results.append(r)
            j = r["job"]
            if k % 5 == 0 or k == len(jobs):
                print(f"  {k}/{len(jobs)} {j.profile} {j.split} {j.level} {r['seconds']:.1f}s "
                      f"[{time.time() - t0:.0f}s]", file=sys.stderr)
    stats = _write(args.out, results)
    rows = _cer_table(results)
    table = ["| profile | level | split | pages | CER | WER |", "|---|---|---|---|---|---|"]
    table += [f"| {p} | {lv} | {s} | {n} | {c:.1%} | {w:.1%} |" for p, lv, s, n, c, w in rows]
    summary = {
        "command": "python -m tools.ocr_pairs " + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seed": args.seed,
        "seconds": round(time.time() - t0),
        "sets": {f"{p}_{s}": {k: v for k, v in st.items() if k != "counts"} for (p, s), st in stats.items()},
        "cer": [{"profile": p, "level": lv, "split": s, "pages": n, "cer": round(c, 4), "wer": round(w, 4)}
                for p, lv, s, n, c, w in rows],
    }
    (args.out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n".join(table))
    for (p, s), st in sorted(stats.items()):
        print(f"{p}_{s}: {st['pages']} pages, {st['lines']}/{st['truth_lines']} lines aligned")
    for p in ("eng", "vie"):
        c = stats.get((p, "train"), {}).get("counts")
        if not c:
            continue
        top = [(t, o, n) for (t, o), n in c.most_common() if t != o and t and o][:15]
        print(f"top {p} train confusions: " + "; ".join(f"{t} → {o} ({n})" for t, o, n in top))
    if not args.no_copy:
        BENCH_DATA.mkdir(parents=True, exist_ok=True)
        for p in ("eng", "vie"):
            for s in ("dev", "test"):
                src = args.out / f"{p}_{s}_lines.jsonl.gz"
                if src.exists():
                    shutil.copy2(src, BENCH_DATA / src.name)
            tok = args.out / f"{p}_train_tokens.tsv.gz"
            if tok.exists() and tok.stat().st_size < 2_000_000:
                shutil.copy2(tok, BENCH_DATA / tok.name)
        (BENCH_DATA / "ocr_pairs_summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1),
                                                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
