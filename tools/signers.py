"""Build dictionaries/signers.txt: officials' full names seen often enough in the corpus to be sure of them.

    OCRFIX_CORPUS=../shared/corpus python -m tools.signers [--show]

Officials sign many documents, and the same names run through the news: "Thủ tướng Phạm Minh Chính", "Phó
Thủ tướng Trần Hồng Hà". The fields stage uses the list where OCR was not sure of a signer's name
(ocrfix.fields.known_signers). Two kinds of evidence, both from the **train split** only (tools.corpus.split_of;
dev and test never read):

- signature blocks: ocrfix's own `parse_signer` on the clean text of the legal texts (the laws' 'CHỦ TỊCH QUỐC
  HỘI' / name), the name with the block's title;
- running text: a name right after a post word ("Bộ trưởng Bộ Y tế Nguyễn Thanh Long", "Phó Thủ tướng Trương
  Hòa Bình"), in the same clause, with nothing but the post's unit between: the name is a run of two to four
  capitalised syllables opening with a Vietnamese surname, and it must end the run of capitals.

A name is kept when it was seen at least MIN_MENTIONS times in at least MIN_DOCS documents. No gold document of
benchmarks/fields.py feeds the list: the 52 tvpl2025 documents (the first gold set, all of them) are left out
with their whole file, the 121 more documents (the second gold set, dev and test parts) are in no source read
here (tools.corpus.MORE_DOCUMENTS is not in FILES), and every document read is checked against both gold files'
ids. Output lines: name<TAB>mentions<TAB>documents<TAB>posts seen (';'-separated, folded, most frequent first)."""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ocrfix.fields.anchors import fold  # noqa: E402
from ocrfix.fields.places import is_place  # noqa: E402
from ocrfix.restoration.syllables import is_syllable  # noqa: E402
from ocrfix.fields.signer import parse_signer  # noqa: E402
from ocrfix.vntext import RARE_SURNAMES, SURNAMES as COMMON_SURNAMES  # noqa: E402
from tools import corpus  # noqa: E402

OUT = ROOT / "dictionaries" / "signers.txt"
# every source but tvpl2025, whose 52 documents are all gold documents of benchmarks/fields.py
SOURCES = ("legal", "admin", "news", "wiki")
SIGNATURE_SOURCES = ("legal",)  # texts with Decree 30 / law signature blocks
MIN_MENTIONS = 3
MIN_DOCS = 2
GOLD_FILES = (ROOT / "benchmarks" / "data" / "fields_gold.jsonl", ROOT / "benchmarks" / "data" / "fields_gold_more.jsonl")

# post words, longest first (a 'Phó Thủ tướng' is not read as a 'Thủ tướng')
POSTS = sorted((
    "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Chủ tịch", "Phó Chủ tịch", "Tổng Bí thư",
    "Bí thư", "Phó Bí thư", "Trưởng ban", "Phó Trưởng ban", "Giám đốc", "Phó Giám đốc", "Chánh án", "Viện trưởng",
    "Thống đốc", "Phó Thống đốc", "Tổng Kiểm toán Nhà nước", "Phó Tổng Kiểm toán Nhà nước", "Chủ nhiệm",
    "Phó Chủ nhiệm", "Tổng Thanh tra", "Phó Tổng Thanh tra", "Cục trưởng", "Phó Cục trưởng", "Vụ trưởng",
    "Tổng cục trưởng", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Tổng Thư ký", "Trưởng Ban", "Phó Trưởng Ban",
    "Bộ Trưởng", "Thủ Tướng", "Chủ Tịch", "Phó Chủ Tịch", "Phó Thủ Tướng"), key=len, reverse=True)
_POST_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in POSTS) + r")(?!\w)")
_STOP = re.compile(r"[.,;:!?()\"“”\[\]\n–]")  # a clause break between the post and the name
MAX_GAP_WORDS = 12  # the post's unit: 'Bộ Tài nguyên và Môi trường', 'Ủy ban nhân dân tỉnh Quảng Ninh'
SURNAMES = COMMON_SURNAMES | RARE_SURNAMES


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def name_in_run(run: str) -> str | None:
    """The name closing a run of capitalised syllables: its longest end of three or four Vietnamese syllables that
    opens with a surname and is no place ('Hà Nội Chu Ngọc Anh' → 'Chu Ngọc Anh'; 'Nguyễn Văn Bình', not 'Văn
    Bình'). Two-syllable runs are left out of running text: most are places or posts ('Hà Nội', 'Phó Chủ')."""
    words = run.split()
    for n in (4, 3):
        if len(words) >= n and words[-n] in SURNAMES:
            name = " ".join(words[-n:])
            if all(is_syllable(w.lower()) for w in words[-n:]) and not is_place(name) and \
                    not _POST_RE.search(name):
                return name
    return None


def _is_cap(w: str) -> bool:
    return w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower())


def _caps_runs(words: list[str]) -> list[str]:
    """The runs of capitalised syllables among `words` (a run broken by any other word)."""
    runs: list[list[str]] = [[]]
    for w in words:
        if _is_cap(w):
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    return [" ".join(r) for r in runs if r]


def names_after_posts(text: str) -> list[tuple[str, str]]:
    """(name, folded post) for every name right after a post word in running text."""
    out = []
    for m in _POST_RE.finditer(text):
        tail = text[m.end(): m.end() + 160]
        stop = _STOP.search(tail)
        if stop:
            tail = tail[:stop.start()]
        for run in _caps_runs(tail.split()[:MAX_GAP_WORDS + 4]):
            # the name must end the run of capitals ('Thủ tướng Phạm Minh Chính chủ trì'); a run that is the
            # post's unit ('Bộ Y tế') opens with no surname and the search goes on
            name = name_in_run(run)
            if name:
                out.append((name, fold(m.group(1))))
                break
            if _POST_RE.match(run):
                break  # another post: its own match reads it
    return out


def _gold_ids() -> set[str]:
    ids = set()
    for path in GOLD_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                ids.add(json.loads(line)["id"].split("|")[0])
    return ids


def collect() -> tuple[Counter, dict[str, set[str]], dict[str, Counter]]:
    """(mentions, documents, posts) per name over the train split of SOURCES."""
    gold = _gold_ids()
    mentions: Counter = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    posts: dict[str, Counter] = defaultdict(Counter)
    for src in SOURCES:
        for doc_id, text in corpus.iter_split(src, "train"):
            assert doc_id not in gold and not doc_id.startswith("tvpl2025"), doc_id
            text = nfc(text)
            found = names_after_posts(text)
            if src in SIGNATURE_SOURCES:
                s = parse_signer(text)
                if s and s.get("name") and s.get("title") and len(s["name"].split()) >= 2 and \
                        s["name"].split()[0] in SURNAMES:
                    found.append((s["name"], fold(s["title"])))
            for name, post in found:
                mentions[name] += 1
                docs[name].add(doc_id)
                posts[name][post] += 1
    return mentions, docs, posts


def select(mentions: Counter, docs: dict[str, set[str]], posts: dict[str, Counter]) -> list[str]:
    rows = []
    for name, n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_MENTIONS and len(docs[name]) >= MIN_DOCS:
            ps = ";".join(p for p, _ in sorted(posts[name].items(), key=lambda kv: (-kv[1], kv[0])))
            rows.append(f"{name}\t{n}\t{len(docs[name])}\t{ps}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print the list instead of writing it")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    rows = select(*collect())
    head = (f"# officials' names: python -m tools.signers (train split of {', '.join(SOURCES)}; no gold document); "
            f"kept when seen >= {MIN_MENTIONS} times in >= {MIN_DOCS} documents\n"
            "# name\tmentions\tdocuments\tposts (folded)\n")
    if a.show:
        print(head + "\n".join(rows))
    else:
        a.out.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
        print(f"{len(rows)} names → {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
