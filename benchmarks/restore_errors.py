"""Where the new-documents OCR suites' restoration errors are (issue 14): the error pairs of one part.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/restore_errors.py --profile eng --level mild300 [--pairs 80]

Reads the OCR pages benchmarks/restore.py cached (run `--only more-ocr` first), restores them the same way and
prints, per document, the character edits left, and, over all pages, the error pairs (truth → restored, with what
OCR read) by kind: numbers/codes, upper-case words, capitalised words (names, titles), same letters with other
marks (the LM's or the channel's choice of toning), another syllable, a word left as OCR read it, split/merged
tokens. Only the dev part: the test part's misses are not for tuning (`--part test` is refused)."""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from benchmarks import restore as B  # noqa: E402
from ocrfix.restoration import syllables as S  # noqa: E402

_STRIP = ".,;:()\"'“”"


def kind(ref: str, hyp: str, ocr: str) -> str:
    """The error kind of one aligned pair (ref and hyp single tokens or space-joined spans)."""
    r, h = ref.strip(_STRIP), hyp.strip(_STRIP)
    if len(ref.split()) != len(hyp.split()):
        return "split/merge"
    if any(c.isdigit() for c in r + h) or "/" in r:
        return "number/code"
    if h == ocr.strip(_STRIP) and r.lower() != h.lower():
        return "left as read"
    if r.lower() == h.lower():
        return "case"
    if len(r) > 1 and r.isupper():
        return "upper-case word"
    if r[:1].isupper():
        return "capitalised word"
    if not S.is_syllable(S.normalize_tone_placement(r.lower())):
        return "not a syllable"
    if S.fold(r.lower()) == S.fold(h.lower()):
        return "marks (same letters)"
    return "another syllable"


def pairs_of(ref: str, hyp: str, ocr: str):
    """(ref span, hyp span, ocr span) of each difference between ref and hyp, line by line."""
    for rl, hl, ol in zip(ref.split("\n"), hyp.split("\n"), ocr.split("\n")):
        r, h, o = rl.split(), hl.split(), ol.split()
        # hyp and OCR tokens mostly correspond one to one (restoration keeps the whitespace)
        h2o = {}
        for tag, i1, i2, j1, j2 in Levenshtein.opcodes(h, o):
            if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
                h2o.update({i1 + k: j1 + k for k in range(i2 - i1)})
        for tag, i1, i2, j1, j2 in Levenshtein.opcodes(r, h):
            if tag == "equal":
                continue
            oo = [o[h2o[k]] for k in range(j1, j2) if k in h2o]
            yield " ".join(r[i1:i2]), " ".join(h[j1:j2]), " ".join(oo), rl


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profile", default="eng")
    ap.add_argument("--level", default="mild300")
    ap.add_argument("--part", default="dev", choices=("dev",))
    ap.add_argument("--pairs", type=int, default=60, help="pairs printed per kind")
    ap.add_argument("--context", action="store_true", help="print each pair's truth line")
    args = ap.parse_args(argv)
    pages = B.more_ocr_pages(args.profile, args.level, args.part, jobs=1)
    hyps = B.restore_ocr_pages(pages)
    by_kind: dict[str, list] = defaultdict(list)
    edits: Counter = Counter()
    per_doc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for p, hyp in zip(pages, hyps):
        ref, ocr, h = B.matched_lines(p["truth"], p["raw"], hyp)
        d = per_doc[p["doc"]]
        d[0] += Levenshtein.distance(" ".join(h.split()), " ".join(ref.split()))
        d[1] += Levenshtein.distance(" ".join(ocr.split()), " ".join(ref.split()))
        d[2] += len(" ".join(ref.split()))
        for r, hh, o, line in pairs_of(ref, h, ocr):
            k = kind(r, hh, o)
            by_kind[k].append((r, hh, o, line, p["doc"]))
            edits[k] += Levenshtein.distance(r, hh)
    tot = sum(d[2] for d in per_doc.values())
    print(f"{args.profile} {args.level} {args.part}: {len(pages)} pages, CER "
          f"{100 * sum(d[1] for d in per_doc.values()) / tot:.2f} → {100 * sum(d[0] for d in per_doc.values()) / tot:.2f} %")
    for doc, (e1, e0, n) in sorted(per_doc.items(), key=lambda x: -x[1][0]):
        print(f"  {doc:40s} {e0:5d} → {e1:4d} edits of {n:6d} chars ({100 * e1 / n:.2f} %)")
    print("\nkind: pairs, char edits")
    for k, n in edits.most_common():
        print(f"  {k:22s} {len(by_kind[k]):4d} {n:5d}")
    for k, _ in edits.most_common():
        print(f"\n== {k}")
        for r, hh, o, line, _doc in by_kind[k][:args.pairs]:
            print(f"  {r!r:28} ← {hh!r:28} (OCR {o!r})" + (f"   | {line[:90]}" if args.context else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
