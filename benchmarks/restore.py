"""Restoration benchmark (not a test): accent-stripped text → restored, on the corpus TEST split.

    .venv/bin/python benchmarks/restore.py [--max-syllables N] [--pyvi-syllables N] [--only SUITES]

Also (issue 14): "more" — the 121 documents of tvpl_2025_more_documents (never trained on), accents stripped,
by the dev / test part of benchmarks/data/fields_gold_more.jsonl, and the changed-token share of their clean
text through restore() (profile auto); "engines" — real garbled text layers of other OCR engines
(../shared/realscans, pdftotext page 1) against the gold page-1 transcriptions in benchmarks/data/real/gold.

Suites: "admin" (legal + 2025 official documents + administrative sentences, test split) and "news"
(test split). Prints syllable accuracy (over reference tokens that are Vietnamese syllables, tone
placement aside), CER, WER, syllables per second on one core, peak memory and model load time, for
ocrfix and pyvi's ViUtils.add_accents side by side."""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import corpus  # noqa: E402
from ocrfix.metrics import cer, wer  # noqa: E402
from ocrfix.restoration import syllables as S  # noqa: E402
from ocrfix.restoration.tokens import WORD, tokenize  # noqa: E402

SUITES = {"admin": ("legal", "tvpl2025", "admin"), "news": ("news",)}


def suite_text(names, part: str, max_syllables: int) -> str:
    """Whole documents from each source in turn until the budget is spent (sources share it evenly)."""
    chunks = []
    per = max_syllables // len(names)
    for name in names:
        n = 0
        for _, text in corpus.iter_split(name, part):
            chunks.append(text)
            n += len(text.split())
            if n >= per:
                break
    return "\n\n".join(chunks)


MORE_GOLD = Path(__file__).resolve().parent / "data" / "fields_gold_more.jsonl"
REAL = corpus.CORPUS.parent / "realscans"
REAL_GOLD = Path(__file__).resolve().parent / "data" / "real" / "gold"
# other engines' text layers; HELD_OUT are never looked at or tuned on (issue 14)
ENGINE_LAYERS = {"ldldld_cv_81_2025_omnipage": "OmniPage", "ubndld_gm_560_2025": "eng-model Helvetica",
                 "snvld_ttr_294_2025": "eng-model Helvetica", "ubndld_cv_4377_2025": "eng-model Helvetica",
                 "catld_ttr_298_2025_adobescan": "Adobe Scan"}
HELD_OUT = ("ubndld_cv_4377_2025", "catld_ttr_298_2025_adobescan")


def more_parts() -> dict[str, str]:
    """doc id → dev / test, from the fields gold of the new documents."""
    import json

    out = {}
    for line in MORE_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            d = json.loads(line)
            out[d["id"]] = d["part"]
    return out


def more_text(part: str, max_syllables: int) -> str:
    """Whole new documents of one part, in corpus order, until the budget is spent; spaces collapsed."""
    parts = more_parts()
    chunks, n = [], 0
    for doc_id, text in corpus.iter_more_documents():
        if parts.get(doc_id) != part:
            continue
        chunks.append("\n".join(" ".join(line.split()) for line in text.split("\n")))
        n += len(text.split())
        if n >= max_syllables:
            break
    return "\n\n".join(chunks)


def _words(text: str) -> list[str]:
    return [w for w in (x.strip(".,;:()[]\"'“”!?…-–") for x in S.nfc(text).split()) if w]


def word_f1(hyp: str, ref: str) -> float:
    """Order-free word F1 (multisets of words, tone placement aside): text layers order blocks differently."""
    from collections import Counter

    norm = lambda w: S.normalize_tone_placement(w.lower())  # noqa: E731
    h, r = Counter(map(norm, _words(hyp))), Counter(map(norm, _words(ref)))
    tp = sum((h & r).values())
    p, rec = tp / max(1, sum(h.values())), tp / max(1, sum(r.values()))
    return 2 * p * rec / max(1e-9, p + rec)


def engine_layer(stem: str) -> tuple[str, str]:
    """(page-1 text layer, gold page-1 text) of one real garbled PDF."""
    import json
    import subprocess

    layer = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(REAL / f"{stem}.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    gold = json.loads((REAL_GOLD / f"{stem}.json").read_text(encoding="utf-8"))["text"]["1"]
    return S.nfc(layer), S.nfc(gold)


def run_engine_suite() -> list[tuple]:
    from ocrfix.restoration import detect_profile, restore

    rows = []
    for stem, engine in ENGINE_LAYERS.items():
        src, ref = engine_layer(stem)
        src_w, ref_w = " ".join(_words(src)), " ".join(_words(ref))
        for profile in ("auto", "eng"):
            hyp = restore(src, profile=profile)
            hyp_w = " ".join(_words(hyp))
            shown = f"auto→{detect_profile(src)}" if profile == "auto" else profile
            rows.append((stem + (" (held out)" if stem in HELD_OUT else ""), engine, shown,
                         f"{100 * cer(src_w, ref_w):.1f} → {100 * cer(hyp_w, ref_w):.1f}",
                         f"{100 * wer(src_w, ref_w):.1f} → {100 * wer(hyp_w, ref_w):.1f}",
                         f"{100 * word_f1(src, ref):.1f} → {100 * word_f1(hyp, ref):.1f}"))
    return rows


def syllable_accuracy(hyp: str, ref: str) -> tuple[int, int]:
    """(correct, total) over reference word tokens that are Vietnamese syllables."""
    h = [t.text for t in tokenize(hyp) if t.kind == WORD]
    r = [t.text for t in tokenize(ref) if t.kind == WORD]
    if len(h) != len(r):  # a system that changed tokenization: align by position of whitespace tokens
        h, r = hyp.split(), ref.split()
    ok = tot = 0
    for a, b in zip(h, r):
        bl = b.lower()
        if not S.is_syllable(S.normalize_tone_placement(bl)):
            continue
        tot += 1
        ok += S.normalize_tone_placement(a.lower()) == S.normalize_tone_placement(bl)
    return ok, tot


def aligned_syllable_accuracy(hyp: str, ref: str) -> tuple[int, int]:
    """(correct, total) over reference syllable tokens, aligning token lists by edit distance (OCR may
    split or merge tokens)."""
    from rapidfuzz.distance import Levenshtein

    norm = lambda w: S.normalize_tone_placement(w.lower().strip(".,;:()\"'“”"))  # noqa: E731
    h = [norm(w) for w in hyp.split()]
    r = [norm(w) for w in ref.split()]
    ok = 0
    for tag, _i1, _i2, j1, j2 in Levenshtein.opcodes(h, r):
        if tag == "equal":
            ok += sum(1 for w in r[j1:j2] if S.is_syllable(w))
    return ok, sum(1 for w in r if S.is_syllable(w))


def ocr_suite(profile: str, part: str):
    """Pages of (truth, ocr) text from benchmarks/data/{profile}_{part}_lines.jsonl.gz."""
    import gzip
    import json

    path = Path(__file__).resolve().parent / "data" / f"{profile}_{part}_lines.jsonl.gz"
    pages: dict[str, list] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            pages.setdefault(d["page"], []).append(d)
    return [("\n".join(d["truth"] for d in v), "\n".join(d["ocr"] for d in v), v[0]["level"]) for v in pages.values()]


def run_ocr_suites(part: str) -> list[tuple]:
    from ocrfix.restoration import detect_profile, restore

    rows = []
    for profile in ("eng", "vie"):
        pages = ocr_suite(profile, part)
        levels = sorted({lv for _, _, lv in pages}, key=lambda x: ["mild300", "mild", "medium", "heavy", "severe"].index(x) if x in ["mild300", "mild", "medium", "heavy", "severe"] else 9)
        for level in levels:
            sel = [(t, o) for t, o, lv in pages if lv == level]
            ref = "\n".join(t for t, _ in sel)
            src = "\n".join(o for _, o in sel)
            t0 = time.process_time()
            detected = [detect_profile(o) for _, o in sel]
            hyp = "\n".join(restore(o) for _, o in sel)
            secs = time.process_time() - t0
            ok, tot = aligned_syllable_accuracy(hyp, ref)
            ok0, _ = aligned_syllable_accuracy(src, ref)
            n_tok = len(src.split())
            rows.append((f"{profile} OCR, {level}", f"{len(sel)} pages",
                         f"{100 * cer(src, ref):.1f} % → {100 * cer(hyp, ref):.1f} %",
                         f"{100 * wer(src, ref):.1f} % → {100 * wer(hyp, ref):.1f} %",
                         f"{100 * ok0 / tot:.1f} % → {100 * ok / tot:.1f} %",
                         f"{n_tok / max(secs, 1e-9):,.0f}",
                         ", ".join(sorted(set(detected)))))
    return rows


# ---------------------------------------------------------------------------------------------------------
# "more-ocr": the new documents rendered as printed (tools.render, a random layout per document, seal and
# signature), scanned with damage and OCR'd — with Tesseract `eng` (a legacy archive run) and with ocrfix's
# own `vie` front end — then restored. OCR output is cached (OCRFIX_BENCH_CACHE, default /tmp), so reruns
# only restore.
MORE_OCR_CACHE = Path(os.environ.get("OCRFIX_BENCH_CACHE", "/tmp/ocrfix-restore-ocr"))
MORE_OCR_LEVELS = {"eng": ("mild300",), "vie": ("heavy", "severe")}
MORE_OCR_DOCS = 10  # documents per part, first two pages each
MORE_OCR_PAGES = 2


def _more_ocr_doc(job: tuple[str, str, str, str]) -> list[dict]:
    """Render, damage and OCR the first pages of one document (a worker process); cached as JSON."""
    import hashlib
    import json
    import random

    profile, level, doc_id, text = job
    key = hashlib.sha1(f"{profile}|{level}|{doc_id}|{MORE_OCR_PAGES}".encode()).hexdigest()[:16]
    path = MORE_OCR_CACHE / f"{profile}_{level}_{key}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from tools import ocr_pairs, render

    seed = int(key[:8], 16)
    images, truths = render.render_document(text, seed=seed, style=render.random_style(seed))
    rng = random.Random(seed)
    out = []
    for k, (img, truth) in enumerate(zip(images[:MORE_OCR_PAGES], truths)):
        if profile == "eng":
            from ocrfix import preprocess, recognize

            im, dpi = ocr_pairs._legacy_damage(img, rng)
            lines, _ = recognize.recognize(preprocess.gray(preprocess.to_bgr(im)), "eng", dpi, recover=False)
            raw, words = recognize.lines_text(lines), [w for ln in lines for w in ln.words]
        else:
            from ocrfix import pipeline, sources
            from ocrfix.config import Config

            im, dpi = render.damage(img, level, rng)
            page = pipeline.ocr_page(sources.PageInput(number=k + 1, image=im, dpi=dpi),
                                     Config(lang="vie", restore=False, fields=False))
            raw, words = page.raw_text, page.words
        out.append({"doc": doc_id, "page": k + 1, "truth": "\n".join(truth), "raw": raw,
                    "words": [[w.text, round(float(w.confidence), 1)] for w in words]})
    MORE_OCR_CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return out


def more_ocr_pages(profile: str, level: str, part: str, jobs: int = 2, batch: int = 0) -> list[dict]:
    """The OCR'd pages of the `batch`-th MORE_OCR_DOCS documents of a part (from the cache when there): batch 0
    is the suite's usual documents, batch 1 the next ones (a fresh out-of-sample check)."""
    from concurrent.futures import ProcessPoolExecutor

    parts = more_parts()
    docs = [(d, t) for d, t in corpus.iter_more_documents()
            if parts.get(d) == part][batch * MORE_OCR_DOCS:(batch + 1) * MORE_OCR_DOCS]
    todo = [(profile, level, d, t) for d, t in docs]
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        return [p for pages in ex.map(_more_ocr_doc, todo) for p in pages]


def restore_ocr_pages(pages: list[dict], use_confidence: bool = True, tuning=None) -> list[str]:
    """Cached OCR pages restored as restore_document does it (profile auto, each document's pages together),
    with the words' OCR confidences."""
    from ocrfix.document import Document, Page, Word
    from ocrfix.restoration import restore_document
    from ocrfix.tuning import DEFAULT_RESTORE

    out: dict[int, str] = {}
    docs: dict[str, list[int]] = {}
    for k, p in enumerate(pages):
        docs.setdefault(p["doc"], []).append(k)
    for ks in docs.values():
        doc = Document(source="bench", pages=[
            Page(pages[k]["page"], pages[k]["raw"],
                 words=[Word(t, (0, 0, 0, 0), c) for t, c in pages[k]["words"]] if use_confidence else [])
            for k in ks])
        restore_document(doc, tuning=tuning or DEFAULT_RESTORE)
        out.update({k: pg.text for k, pg in zip(ks, doc.pages)})
    return [out[k] for k in range(len(pages))]


def matched_lines(truth: str, raw: str, hyp: str) -> tuple[str, str, str]:
    """(truth, OCR, restored) over the OCR lines matched to truth lines (tools.ocr_pairs.align_lines), as the
    corpus OCR suites are: lines a seal, a signature or the header's column order made unmatched are left out
    (they are not restoration's to fix)."""
    from tools.ocr_pairs import align_lines

    t = [ln for ln in truth.split("\n") if ln.strip()]
    o, h = raw.split("\n"), hyp.split("\n")
    keep = [k for k, ln in enumerate(o) if ln.strip()]
    o, h = [o[k] for k in keep], [h[k] for k in keep]
    groups = align_lines(t, o)
    return tuple("\n".join(" ".join(x[i] for i in g[side]) for g in groups)  # type: ignore[return-value]
                 for x, side in ((t, 0), (o, 1), (h, 1)))


def score_more_ocr(pages: list[dict], hyps: list[str]) -> tuple[str, str, str]:
    """(truth, OCR, restored) of a suite's pages, matched lines only."""
    parts = [matched_lines(p["truth"], p["raw"], h) for p, h in zip(pages, hyps)]
    return tuple("\n".join(x[k] for x in parts) for k in range(3))  # type: ignore[return-value]


def run_more_ocr_suites(jobs: int, profiles: tuple[str, ...] = tuple(MORE_OCR_LEVELS), batch: int = 0,
                        parts: tuple[str, ...] = ("dev", "test")) -> list[tuple]:
    rows = []
    for profile, levels in MORE_OCR_LEVELS.items():
        if profile not in profiles:
            continue
        for level in levels:
            for part in parts:
                pages = more_ocr_pages(profile, level, part, jobs, batch)
                t0 = time.process_time()
                hyps = restore_ocr_pages(pages)
                secs = time.process_time() - t0
                ref, src, hyp = score_more_ocr(pages, hyps)
                ok, tot = aligned_syllable_accuracy(hyp, ref)
                ok0, _ = aligned_syllable_accuracy(src, ref)
                c0, c1 = cer(src, ref), cer(hyp, ref)
                n_src = sum(len(p["raw"].split()) for p in pages)
                rows.append((f"new documents, {profile} OCR, {level}, {part}" + (f", batch {batch}" if batch else ""),
                             f"{len(pages)} pages",
                             f"{100 * c0:.2f} % → {100 * c1:.2f} % ({100 * (c0 - c1) / max(c0, 1e-9):+.0f} % cut)",
                             f"{100 * wer(src, ref):.1f} % → {100 * wer(hyp, ref):.1f} %",
                             f"{100 * ok0 / tot:.1f} % → {100 * ok / tot:.1f} %",
                             f"{n_src / max(secs, 1e-9):,.0f}"))
    return rows


def false_corrections(ref: str) -> tuple[int, int]:
    """Tokens changed when correct text goes through restore() with automatic profile detection."""
    from ocrfix.restoration import restore_tokens

    changed = total = 0
    for para in ref.split("\n\n"):
        for c in restore_tokens(para, detail=False):
            total += 1
            changed += c.changed
    return changed, total


def run_ocrfix(text: str):
    from ocrfix.restoration import restore

    lines = text.split("\n")
    t = time.process_time()
    out = "\n".join(restore(line) for line in lines)  # line by line, as a pipe would
    return out, time.process_time() - t


def run_pyvi(text: str):
    from pyvi import ViUtils

    t = time.process_time()
    out = "\n".join(ViUtils.add_accents(line) if line.strip() else line for line in text.split("\n"))
    return out, time.process_time() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-syllables", type=int, default=100_000)
    ap.add_argument("--pyvi-syllables", type=int, default=15_000)
    ap.add_argument("--part", default="test", choices=("dev", "test"))
    ap.add_argument("--no-pyvi", action="store_true")
    ap.add_argument("--only", default="base,ocr,more,more-ocr,engines",
                    help="comma-separated suites: base (admin, news, false corrections), ocr, more, more-ocr, engines")
    ap.add_argument("--jobs", type=int, default=2, help="OCR worker processes for more-ocr pages not cached yet")
    ap.add_argument("--profiles", default="eng,vie", help="more-ocr: the OCR profiles to run (eng, vie)")
    ap.add_argument("--more-batch", type=int, default=0,
                    help="more-ocr: which ten documents per part (0: the usual ones; 1: the next ten, test part only)")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))

    t = time.perf_counter()
    from ocrfix.restoration import candidate_index as _index

    _index()
    load_s = time.perf_counter() - t
    rows = []
    if "more" in only:
        for part in ("dev", "test"):
            ref = more_text(part, args.max_syllables)
            src = S.fold_keep_case(ref)
            hyp, secs = run_ocrfix(src)
            ok, tot = syllable_accuracy(hyp, ref)
            n_syl = len(ref.split())
            rows.append((f"new 2025 documents, {part}", "ocrfix", f"{100 * ok / max(1, tot):.2f} %",
                         f"{100 * cer(hyp, ref):.2f} %", f"{100 * wer(hyp, ref):.2f} %",
                         f"{n_syl / max(secs, 1e-9):,.0f}", f"{n_syl:,}",
                         f"{100 * cer(src, ref):.1f} % / {100 * wer(src, ref):.1f} %"))
            fc, ft = false_corrections(ref)
            print(f"False corrections on the new documents' clean text ({part} part, profile auto): "
                  f"{fc} of {ft:,} word tokens changed ({100 * fc / max(1, ft):.3f} %)")
    for suite, names in (SUITES.items() if "base" in only else ()):
        ref = suite_text(names, args.part, args.max_syllables)
        ref = "\n".join(" ".join(line.split()) for line in ref.split("\n"))
        src = S.fold_keep_case(ref)
        systems = [("ocrfix", run_ocrfix, ref, src)]
        if not args.no_pyvi:
            # pyvi on a prefix of the same text (it is slow)
            cut = ref[: len(" ".join(ref.split()[: args.pyvi_syllables]))]
            cut = cut[: cut.rfind("\n")] if "\n" in cut else cut
            systems.append(("pyvi add_accents", run_pyvi, cut, S.fold_keep_case(cut)))
        for name, fn, r, s in systems:
            try:
                hyp, secs = fn(s)
            except Exception as e:  # pyvi missing or broken
                rows.append((suite, name, f"failed: {type(e).__name__}: {e}", "", "", "", "", ""))
                continue
            ok, tot = syllable_accuracy(hyp, r)
            n_syl = len(r.split())
            rows.append((suite, name, f"{100 * ok / max(1, tot):.2f} %", f"{100 * cer(hyp, r):.2f} %",
                         f"{100 * wer(hyp, r):.2f} %", f"{n_syl / max(secs, 1e-9):,.0f}", f"{n_syl:,}",
                         f"{100 * cer(s, r):.1f} % / {100 * wer(s, r):.1f} %"))
    print()
    if "base" in only:
        fc, ft = false_corrections(suite_text(SUITES["admin"], args.part, args.max_syllables // 2))
        print(f"False corrections on correct administrative text ({args.part} split, profile auto): "
              f"{fc} of {ft:,} word tokens changed ({100 * fc / max(1, ft):.3f} %)\n")
    if "ocr" in only:
        print(f"| OCR suite ({args.part} split) | size | CER before → after | WER before → after | syllable acc. before → after | tokens/s | detected profile |")
        print("|---|---|---|---|---|---|---|")
        for r in run_ocr_suites(args.part):
            print("| " + " | ".join(r) + " |")
    if "more-ocr" in only:
        print("\n| OCR suite (new documents as printed, random layouts, first two pages) | size | CER before → after "
              "| WER before → after | syllable acc. before → after | tokens/s |")
        print("|---|---|---|---|---|---|")
        for r in run_more_ocr_suites(args.jobs, tuple(args.profiles.split(",")), args.more_batch,
                                     ("dev", "test") if args.more_batch == 0 else ("test",)):
            print("| " + " | ".join(r) + " |")
    if "engines" in only:
        print("\n| other engine's text layer, page 1 | engine | profile | word CER % before → after | WER % before → after | word F1 % before → after |")
        print("|---|---|---|---|---|---|")
        for r in run_engine_suite():
            print("| " + " | ".join(r) + " |")
        print()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| suite ({args.part} split) | system | syllable acc. | CER | WER | syllables/s (1 core) | syllables | input CER / WER |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\nocrfix model load: {load_s:.2f} s; peak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
