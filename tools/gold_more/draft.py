"""Draft gold fields for the 121 tvpl2025more documents (issue 13) with the current extractor.

    /work/main/.venv/bin/python /work/gold-fields/draft.py [--root DIR] > /work/gold-fields/draft.jsonl

--root is the ocrfix checkout whose extractor drafts (default /work/main). draft.jsonl was made with
--root /tmp/fg/head, an export of /work/main at commit 5f08b4e (`git archive HEAD | tar -x -C /tmp/fg/head`),
because the working tree of /work/main was being changed by another session while this ran.

Same logic as ocrfix/build/field_fixtures.py build_gold_draft (gold_entry on extract_fields of the clean
text), but reading ../shared/corpus/legal/tvpl_2025_more_documents.txt.gz, which ocrfix.build.corpus does
not list. /work/main is only imported, never written. Every drafted entry is then checked by eye and fixed
by hand (FIXES.md); the draft is kept (draft.jsonl) to score the extractor against the final gold.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tools.corpus import doc_blocks  # noqa: E402
from tools.field_fixtures import gold_entry  # noqa: E402

SRC = Path("/work/shared/corpus/legal/tvpl_2025_more_documents.txt.gz")


def iter_docs(path: Path = SRC):
    """(doc_id, text) per '=== DOC: id ===' block (tools.corpus.doc_blocks)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        yield from doc_blocks(f)


PART_SALT = 3488  # chosen once (search over 0..4999) so that dev/test balance per type (and roughly per issuer)


def part_of(doc_id: str) -> str:
    """dev or test for a document id (the whole DOC line): int(sha1(f"ocrfix-fields-{PART_SALT}|{id}")[:8], 16) % 2,
    0 → dev. Deterministic and per document: a document added later gets its part from its id alone."""
    h = hashlib.sha1(f"ocrfix-fields-{PART_SALT}|{doc_id}".encode("utf-8")).hexdigest()
    return "dev" if int(h[:8], 16) % 2 == 0 else "test"


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="/work/main", help="ocrfix checkout to import the extractor from")
    args = ap.parse_args()
    sys.path.insert(0, args.root)
    from ocrfix.fields import extract_fields  # noqa: E402
    import ocrfix
    print(f"extractor: {ocrfix.__file__}", file=sys.stderr)
    for doc_id, text in iter_docs():
        e = gold_entry(doc_id, extract_fields(text))
        e["part"] = part_of(doc_id)
        print(json.dumps(e, ensure_ascii=False), flush=True)
