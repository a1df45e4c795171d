"""Read ../shared/corpus and split it by document into train / dev / test, deterministically.

The split is a hash of each document's id, so it never changes when files are re-read, and it is recorded
in dictionaries/SPLIT.md. The test part is never used for training or tuning."""
from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path
from typing import Iterator

CORPUS = Path(os.environ.get("OCRFIX_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))

# name → (file, kind). "lines" files have no document markers: blocks of 20 lines form a document.
FILES = {
    "legal": ("legal/vlc_laws_codes.txt.gz", "docs"),
    "tvpl2025": ("legal/tvpl_2025_official_documents.txt.gz", "docs"),
    "admin": ("admin/khanhng29_admin_doc_sentences.txt", "lines"),
    "news": ("news/dantri_news_2020_unc.txt.gz", "docs"),
    "wiki": ("wiki/viwiki_articles.txt.gz", "docs"),
}


def split_of(doc_id: str) -> str:
    """train (80 %), dev (10 %) or test (10 %) for a document id."""
    h = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if h < 80 else "dev" if h < 90 else "test"


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


# documents that no model is built from: the second gold set of the fields benchmark (its dev/test parts are
# its own, benchmarks/data/fields_gold_more.jsonl); deliberately not in FILES, which the model builders read
MORE_DOCUMENTS = "legal/tvpl_2025_more_documents.txt.gz"


def doc_blocks(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """(doc_id, text) per '=== DOC: id ===' block of a corpus file's lines."""
    doc_id, buf = None, []
    for line in lines:
        if line.startswith("=== DOC: ") and line.rstrip().endswith("==="):
            if doc_id is not None:
                yield doc_id, "".join(buf).strip("\n")
            doc_id, buf = line[9:].rstrip().rstrip("=").strip(), []
        else:
            buf.append(line)
    if doc_id is not None:
        yield doc_id, "".join(buf).strip("\n")


def iter_more_documents() -> Iterator[tuple[str, str]]:
    """(doc_id, text) of the 121 documents of MORE_DOCUMENTS (never trained on)."""
    with _open(CORPUS / MORE_DOCUMENTS) as f:
        yield from doc_blocks(f)


def iter_docs(name: str) -> Iterator[tuple[str, str]]:
    """(doc_id, text) for every document of one corpus file."""
    rel, kind = FILES[name]
    path = CORPUS / rel
    with _open(path) as f:
        if kind == "lines":
            block: list[str] = []
            n = 0
            for line in f:
                block.append(line.rstrip("\n"))
                if len(block) == 20:
                    yield f"{name}/{n}", "\n".join(block)
                    block, n = [], n + 1
            if block:
                yield f"{name}/{n}", "\n".join(block)
            return
        yield from doc_blocks(f)


def iter_split(name: str, part: str) -> Iterator[tuple[str, str]]:
    for doc_id, text in iter_docs(name):
        if split_of(doc_id) == part:
            yield doc_id, text
