"""Per-field exact-match accuracy of ocrfix.fields on the 52 tvpl2025 documents (hand-checked gold).

    .venv/bin/python benchmarks/fields.py            # table on stdout
    .venv/bin/python benchmarks/fields.py --json     # also the numbers as JSON
    .venv/bin/python benchmarks/fields.py --ocr 60 --level mild   # + end to end: render, scan, OCR (all 52)
    .venv/bin/python benchmarks/fields.py --ocr 60 --cache /tmp/fc --dump /tmp/d.jsonl   # reuse OCR'd pages

The extractor was developed on these same 52 documents (all splits, including 'test'): there is no held-out
set, so the numbers are development numbers.

Three inputs per document: the clean text; a noisy copy with all accents stripped plus OCR errors
("Số" → So/sb/s6, "Nơi nhận" → "Noi nhén", "ngày" → "ngay.", 8 % of words with a wrong tone); and a copy
with wrong diacritics on 8 % of words and Đ → D (the same noise without stripping). Seeds are the CRC32 of the
document id, so every run gives the same texts.

"exact" compares the output with the gold as is. On noisy text, free-text fields (issuer, subject, place,
signer, recipients, count units) cannot come back with their accents (restoration is another stage), so the
"folded" columns also compare them accent-insensitively; number, date and type are canonical and compared
exactly in every column. Needs ../shared/corpus (build-time data).

--ocr N renders the first N documents as printed pages (tools.render: Decree-30 two-column header, or the
Party header, or none where the text starts at "Kính gửi"; Nơi nhận left and signature right, seal), damages them
at --level, OCRs every page with the full pipeline (Tesseract, restoration) and extracts fields
from the Document with its word boxes.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.corpus import iter_docs, iter_more_documents  # noqa: E402
from tools.field_fixtures import gold_entry, ocr_noise  # noqa: E402
from ocrfix.fields import extract_fields  # noqa: E402
from ocrfix.fields.anchors import fold  # noqa: E402

GOLD = ROOT / "benchmarks" / "data" / "fields_gold.jsonl"
# 121 more documents (never trained on), split by document into a dev and a test part; the test part is
# scored, never read for misses (benchmarks/data/fields_gold_more_RULES.md)
GOLD_MORE = ROOT / "benchmarks" / "data" / "fields_gold_more.jsonl"
CORE = ("issuer", "number", "date", "type")
FIELDS = ["number", "date", "type", "issuer", "place", "subject", "signer", "recipients", "counts", "references"]
TARGETS = {"number": 98, "date": 98, "type": 98, "issuer": 98, "subject": 92, "signer": 92, "recipients": 92,
           "counts": 92}


def _f(x: Any) -> Any:
    """Accent-insensitive form of any JSON value (numbers kept)."""
    if isinstance(x, str):
        return " ".join(fold(x).split())
    if isinstance(x, list):
        return [_f(v) for v in x]
    if isinstance(x, dict):
        return {k: _f(v) for k, v in x.items()}
    return x


def view(field: str, e: dict[str, Any]) -> Any:
    """The compared value of one field of a gold entry."""
    if field == "issuer":
        return [e["parent_issuer"], e["issuer"]]
    return e[field]


def load_gold(path: Path = GOLD) -> dict[str, dict[str, Any]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            e = json.loads(line)
            out[e["id"]] = e
    return out


def score(pairs: list[tuple[dict, dict]], field: str, folded: bool) -> float:
    canon = field in ("number", "date", "type")
    norm: Callable[[Any], Any] = (lambda v: v) if (canon or not folded) else _f
    pairs = [(g, p) for g, p in pairs if field in g.get("checked", [field])]  # unchecked gold is not scored
    ok = sum(1 for g, p in pairs if norm(view(field, g)) == norm(view(field, p)))
    return 100.0 * ok / len(pairs) if pairs else float("nan")


def recipients_f1(pairs: list[tuple[dict, dict]]) -> float:
    """Micro F1 of Nơi nhận items (as printed) over the documents."""
    tp = fp = fn = 0
    for g, p in pairs:
        gi, pi = list(g["recipients"] or []), list(p["recipients"] or [])
        for x in pi:
            if x in gi:
                gi.remove(x)
                tp += 1
            else:
                fp += 1
        fn += len(gi)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def wrong_core(pairs: list[tuple[dict, dict]]) -> int:
    """Core values (issuer, number, date, type) given but wrong: worse than a null."""
    return sum(1 for g, p in pairs for f in CORE if view(f, p) != view(f, g) and p[f] is not None)


def parts_run(show_misses: bool) -> dict[str, dict[str, float]]:
    """Clean text of each gold part: the 52 (the extractor was developed on them), the new dev part, the new
    test part. Misses are listed for development parts only."""
    gold_more = load_gold(GOLD_MORE)
    parts: dict[str, list[tuple[dict, dict]]] = {"52 (developed on)": [], "more: dev": [], "more: test": []}
    gold = load_gold()
    for doc_id, text in iter_docs("tvpl2025"):
        if doc_id in gold:
            parts["52 (developed on)"].append((gold[doc_id], gold_entry(doc_id, extract_fields(text))))
    for doc_id, text in iter_more_documents():
        g = gold_more.get(doc_id)
        if g is not None:
            parts[f"more: {g['part']}"].append((g, gold_entry(doc_id, extract_fields(text))))
    res: dict[str, dict[str, float]] = {}
    print("\nclean text by part (exact match; recipients also as item F1; wrong = core values given but wrong)")
    print("| part | docs | " + " | ".join(FIELDS) + " | Nơi nhận F1 | wrong core |")
    print("|---|---:|" + "---:|" * len(FIELDS) + "---:|---:|")
    for name, pairs in parts.items():
        r = {f: score(pairs, f, False) for f in FIELDS}
        r["recipients_f1"] = recipients_f1(pairs)
        r["wrong_core"] = wrong_core(pairs)
        res[name] = r
        print(f"| {name} | {len(pairs)} | " + " | ".join(f"{r[f]:.1f} %" for f in FIELDS) +
              f" | {r['recipients_f1']:.3f} | {r['wrong_core']} |")
    if show_misses:
        for name, pairs in parts.items():
            if "test" in name:
                continue
            for g, p in pairs:
                for f in FIELDS:
                    if f in g.get("checked", [f]) and view(f, g) != view(f, p) and f not in ("counts", "references"):
                        print(f"  miss [{name}] {g['id'].split('|')[0]} {f}: {view(f, p)!r} (gold {view(f, g)!r})")
    return res


def ocr_run(n: int, level: str, gold: dict[str, dict[str, Any]], cache: str | None = None, workers: int = 2
            ) -> list[tuple[dict, dict]]:
    """(gold, prediction) for n rendered, scanned and OCR'd documents, every page (a multi-page TIFF through
    ocrfix.process, pages on `workers` processes); with `cache`, the OCR'd pages are kept there (pickled per
    document and level) and restoration and fields run again on them, so their changes re-run in seconds."""
    import pickle
    import random
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    from ocrfix.config import Config
    from ocrfix.pipeline import finish, process
    from tools import render
    from ocrfix.document import Document

    pairs = []
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(workers) as pool:
        for doc_id, text in iter_docs("tvpl2025"):
            if len(pairs) >= n or doc_id not in gold:
                continue
            seed = zlib.crc32(doc_id.encode("utf-8"))
            cfile = Path(cache) / f"{seed:08x}_{level}_all.pkl" if cache else None
            if cfile is not None and cfile.exists():
                out_pages = pickle.loads(cfile.read_bytes())
            else:
                pages, _ = render.render_document(text, seed=seed)
                scanned, dpi = render.scan(pages, level, random.Random(seed))
                path = Path(tmp) / f"{len(pairs)}.tif"
                scanned[0].save(path, dpi=(dpi, dpi), save_all=True, append_images=scanned[1:],
                                compression="tiff_deflate")
                out_pages = process(path, executor=pool).pages
                if cfile is not None:
                    cfile.parent.mkdir(parents=True, exist_ok=True)
                    cfile.write_bytes(pickle.dumps(out_pages))
                print(f"  ocr {len(pairs) + 1}/{n} {doc_id.split('|')[1]}, {len(out_pages)} pages", file=sys.stderr)
            doc = finish(Document(source=doc_id, pages=out_pages), Config())  # restoration, fields: current code
            pairs.append((gold[doc_id], gold_entry(doc_id, doc.fields)))
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ocr", type=int, default=0, metavar="N", help="also render+scan+OCR N documents")
    ap.add_argument("--level", default="mild", help="scan damage level for --ocr (clean, mild, medium, …)")
    ap.add_argument("--dump", metavar="FILE", help="write the --ocr predictions next to their gold as JSONL")
    ap.add_argument("--cache", metavar="DIR", help="keep the OCR'd pages of --ocr in DIR and reuse them")
    ap.add_argument("--misses", action="store_true", help="list the development parts' misses (never the test part's)")
    args = ap.parse_args(argv)
    gold = load_gold()
    runs: dict[str, list[tuple[dict, dict]]] = {"clean": [], "stripped": [], "wrong": []}
    t0 = time.perf_counter()
    n_chars = 0
    for doc_id, text in iter_docs("tvpl2025"):
        if doc_id not in gold:
            continue
        seed = zlib.crc32(doc_id.encode("utf-8"))
        n_chars += len(text)
        g = gold[doc_id]
        runs["clean"].append((g, gold_entry(doc_id, extract_fields(text))))
        runs["stripped"].append((g, gold_entry(doc_id, extract_fields(ocr_noise(text, seed, strip=True), ocr=True))))
        runs["wrong"].append((g, gold_entry(doc_id, extract_fields(ocr_noise(text, seed, strip=False), ocr=True))))
    secs = time.perf_counter() - t0
    n = len(runs["clean"])
    cols = [("clean", "clean", False), ("stripped exact", "stripped", False), ("stripped folded", "stripped", True),
            ("wrong-diac exact", "wrong", False), ("wrong-diac folded", "wrong", True)]
    res = {name: {f: score(runs[run], f, folded) for f in FIELDS} for name, run, folded in cols}
    print(f"ocrfix.fields on {n} tvpl2025 documents ({n_chars / 1000:.0f}k chars, 3 variants, {secs:.1f} s)")
    head = f"| {'field':<11}| target | " + " | ".join(f"{c[0]:>17}" for c in cols) + " |"
    print(head)
    print("|" + "-" * 12 + "|--------|" + "|".join("-" * 19 for _ in cols) + "|")
    for f in FIELDS:
        t = f"≥ {TARGETS[f]} %" if f in TARGETS else "  —   "
        print(f"| {f:<11}| {t:<7}| " + " | ".join(f"{res[c[0]][f]:>16.1f}%" for c in cols) + " |")
    res["parts"] = parts_run(args.misses)  # type: ignore[assignment]
    if args.ocr:
        t1 = time.perf_counter()
        pairs = ocr_run(args.ocr, args.level, gold, args.cache)
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as fh:
                for g, p in pairs:
                    fh.write(json.dumps({"gold": g, "pred": p}, ensure_ascii=False) + "\n")
        ocr_res = {c: {f: score(pairs, f, folded) for f in FIELDS} for c, folded in (("exact", False),
                                                                                      ("folded", True))}
        res[f"ocr-{args.level}"] = ocr_res
        print(f"\nend to end: {len(pairs)} rendered documents, scan level '{args.level}', every page OCR'd "
              f"({time.perf_counter() - t1:.0f} s)")
        print(f"| {'field':<11}| target | OCR exact | OCR folded |")
        print("|" + "-" * 12 + "|--------|-----------|------------|")
        for f in FIELDS:
            t = f"≥ {TARGETS[f]} %" if f in TARGETS else "  —   "
            print(f"| {f:<11}| {t:<7}| {ocr_res['exact'][f]:>8.1f}% | {ocr_res['folded'][f]:>9.1f}% |")
    if args.json:
        print(json.dumps({"n": n, "seconds": round(secs, 2), "accuracy": res}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
