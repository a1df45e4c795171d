"""Build dictionaries/symbol_parts.txt: the parts of document symbols and abbreviations that are written with Đ.

    OCRFIX_CORPUS=../shared/corpus python -m tools.symbols

An OCR engine with no Vietnamese model, and accent-stripped text, write 'Đ' as 'D': "5155/SGDDT-GDTXNNDH",
"HDND". A part is kept when the corpus's train split (tools.corpus; dev and test never read) writes it, upper
case, at least MIN_COUNT times with Đ and never with D in its place, it has three letters or more and it is not
a Vietnamese syllable ("ĐUA" of an upper-case title is a word, not a symbol). Restoration and fields map the
D-spelling back (ocrfix.doc_codes.official_part)."""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from ocrfix.restoration import syllables as S
from tools import corpus

OUT = Path(__file__).resolve().parents[1] / "dictionaries" / "symbol_parts.txt"
SOURCES = ("legal", "tvpl2025", "admin", "news")
MIN_COUNT = 2
_UPPER_RUN = re.compile(r"(?<![\wĐđ])[A-ZĐ]{3,}(?![\wĐđ])")


def count_parts() -> tuple[Counter, Counter]:
    """(upper-case runs with Đ, upper-case runs without) over the train split."""
    with_d: Counter = Counter()
    without: Counter = Counter()
    for name in SOURCES:
        for _doc_id, text in corpus.iter_split(name, "train"):
            for m in _UPPER_RUN.finditer(text):
                (with_d if "Đ" in m.group() else without)[m.group()] += 1
    return with_d, without


def select(with_d: Counter, without: Counter) -> list[tuple[str, int]]:
    return sorted(((w, n) for w, n in with_d.items()
                   if n >= MIN_COUNT and without[w.replace("Đ", "D")] == 0 and not S.is_syllable(w.lower())),
                  key=lambda kv: (-kv[1], kv[0]))


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    parts = select(*count_parts())
    head = ("# Symbol parts written with Đ (tools/symbols.py): upper-case runs of the corpus train split written with Đ\n"
            f"# at least {MIN_COUNT} times and never with D; part<TAB>count. Sources: {', '.join(SOURCES)} (../shared/corpus).\n")
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(head + "".join(f"{w}\t{n}\n" for w, n in parts), encoding="utf-8")
    tmp.replace(OUT)
    print(f"{len(parts)} parts → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
