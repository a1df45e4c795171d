"""Restoration benchmark (not a test): accent-stripped text → restored, on the corpus TEST split.

    .venv/bin/python benchmarks/restore.py [--max-syllables N] [--pyvi-syllables N]

Suites: "admin" (legal + 2025 official documents + administrative sentences, test split) and "news"
(test split). Prints syllable accuracy (over reference tokens that are Vietnamese syllables, tone
placement aside), CER, WER, syllables per second on one core, peak memory and model load time, for
ocrfix and pyvi's ViUtils.add_accents side by side."""
from __future__ import annotations

import argparse
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
    args = ap.parse_args(argv)

    t = time.perf_counter()
    from ocrfix.restoration import candidate_index as _index

    _index()
    load_s = time.perf_counter() - t
    rows = []
    for suite, names in SUITES.items():
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
    fc, ft = false_corrections(suite_text(SUITES["admin"], args.part, args.max_syllables // 2))
    print(f"False corrections on correct administrative text ({args.part} split, profile auto): "
          f"{fc} of {ft:,} word tokens changed ({100 * fc / max(1, ft):.3f} %)\n")
    print(f"| OCR suite ({args.part} split) | size | CER before → after | WER before → after | syllable acc. before → after | tokens/s | detected profile |")
    print("|---|---|---|---|---|---|---|")
    for r in run_ocr_suites(args.part):
        print("| " + " | ".join(r) + " |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| suite ({args.part} split) | system | syllable acc. | CER | WER | syllables/s (1 core) | syllables | input CER / WER |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\nocrfix model load: {load_s:.2f} s; peak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
