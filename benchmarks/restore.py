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

from ocrfix.build import corpus  # noqa: E402
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
    from ocrfix.restoration import _index

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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| suite ({args.part} split) | system | syllable acc. | CER | WER | syllables/s (1 core) | syllables | input CER / WER |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\nocrfix model load: {load_s:.2f} s; peak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
