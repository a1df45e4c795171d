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

--layouts random renders instead every gold document (the 52, and the 121 more of fields_gold_more.jsonl) in
its own layout drawn from its seed (tools.render.random_style: font family, sizes, margins, header columns,
motto wrap, date line above or below the number, seal, Nơi nhận and signature columns), --ocr N documents
per part (0: all). --pages first,sig OCRs only the first page (header, type, subject) and the page with the
signature (Nơi nhận, signer): counts and references, read from the body, are then not scored. Every OCR'd page
is cached in --cache per document, level, style and page, so a rerun only restores and extracts again;
--docs DIR also keeps the restored Documents, so a rerun reads only layout and fields again (seconds).
--layouts fixed is the same run in the one layout (the control); --variants K lays every document out in K
random layouts (each scored as one pair).

    .venv/bin/python benchmarks/fields.py --layouts random --level mild --pages first,sig --cache /tmp/fl

--silver N adds a development part without hand-checked gold, "silver (train split)": N documents of the
corpus's train split (tools.corpus.split_of) that have a header and a signature block, laid out, scanned and
OCR'd like the rest and scored against ocrfix's own fields of their clean text (the silver labels; clean-text
figures are 95–100 %). A gold document of any part is never taken. Today every tvpl2025 and every more document
is gold, so the part is the train split's laws (legal/vlc: Quốc hội, 'Luật số: …', 'CHỦ TỊCH QUỐC HỘI'), each cut
to its head and its closing (`_excerpt`). Its row is never mixed with the gold rows; --misses lists its misses.
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


def print_misses(parts: dict[str, list[tuple[dict, dict]]], fields: list[str]) -> None:
    """The development parts' misses, field by field (never the test part's: it is scored, not read)."""
    for name, pairs in parts.items():
        if "test" in name:
            continue
        for g, p in pairs:
            for f in fields:
                if f in g.get("checked", [f]) and view(f, g) != view(f, p) and f not in ("counts", "references"):
                    print(f"  miss [{name}] {g['id'].split('|')[0]} {f}: {view(f, p)!r} (gold {view(f, g)!r})")


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
        print_misses(parts, FIELDS)
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


def _gold_docs() -> list[tuple[str, str, dict[str, Any]]]:
    """(part, text, gold) of every gold document: the 52, then the more documents' dev and test parts."""
    out = []
    gold = load_gold()
    for doc_id, text in iter_docs("tvpl2025"):
        if doc_id in gold:
            out.append(("52 (developed on)", text, gold[doc_id]))
    gold_more = load_gold(GOLD_MORE)
    for doc_id, text in iter_more_documents():
        if doc_id in gold_more:
            out.append((f"more: {gold_more[doc_id]['part']}", text, gold_more[doc_id]))
    return out


SILVER = "silver (train split)"


def _excerpt(text: str, head_chars: int = 2500, tail_chars: int = 1200) -> str:
    """A long document cut to its head (header, title, the body's first paragraphs up to `head_chars`) and
    its closing (the last paragraphs before and with the signature, up to `tail_chars`), paragraphs whole: a law
    of 300 pages is laid out as two or three, with its own header and signature block."""
    paras = [p for p in text.split("\n") if p.strip()]
    if len(text) <= head_chars + tail_chars:
        return "\n\n".join(paras)
    head: list[str] = []
    n = 0
    for p in paras:
        if n > head_chars and len(head) >= 12:
            break
        head.append(p)
        n += len(p)
    tail: list[str] = []
    n = 0
    for p in reversed(paras[len(head):]):
        if n > tail_chars and len(tail) >= 3:
            break
        tail.insert(0, p)
        n += len(p)
    return "\n\n".join(head + tail)


def _silver_docs(n: int) -> list[tuple[str, str, dict[str, Any]]]:
    """(part, text, silver) of up to n documents of the corpus's train split that have a header (issuer,
    number, date, type, subject) and a signature block (title and name), for an end-to-end development part
    without hand-checked gold: the silver labels are ocrfix's own fields of the document's clean text (clean-text
    figures are 95–100 %). Long documents are cut to an excerpt (`_excerpt`); labels are read from the same
    excerpt. Sources: legal and tvpl2025 (train split), and the more documents that are in no gold part; a gold
    document of any part is never taken (all 52 tvpl2025 and all 121 more documents are gold today, so the
    part is the train split's laws)."""
    from tools import render
    from tools.corpus import split_of

    gold_ids = set(load_gold()) | set(load_gold(GOLD_MORE))
    out: list[tuple[str, str, dict[str, Any]]] = []
    cands = [(d, t) for name in ("legal", "tvpl2025") for d, t in iter_docs(name)]
    cands += list(iter_more_documents())
    for doc_id, text in cands:
        if len(out) >= n:
            break
        if doc_id in gold_ids or split_of(doc_id) != "train":
            continue
        text = _excerpt(text)
        parts = render.parse_document(text)
        if not (parts.issuer and parts.number and parts.doc_type and len(parts.signature) >= 2):
            continue
        e = gold_entry(doc_id, extract_fields(text))
        sig = e["signer"] or {}
        if not all(e[k] for k in ("issuer", "number", "date", "type", "subject")) or \
                not (sig.get("title") and sig.get("name")):
            continue
        e["part"] = SILVER
        out.append((SILVER, text, e))
    return out


def _ocr_one(args: tuple) -> Any:
    """OCR one scanned page (worker process): the pipeline's own page stage, restoration comes later."""
    from ocrfix.config import Config
    from ocrfix.pipeline import ocr_page
    from ocrfix.sources.page import PageInput

    number, image, dpi = args
    return ocr_page(PageInput(number=number, image=image, dpi=dpi), Config())


def layouts_run(level: str, per_part: int, pages: str, cache: str | None, workers: int = 2,
                random_layouts: bool = True, variants: int = 1, docs: str | None = None,
                dev_only: bool = False, silver: int = 0, test_only: bool = False,
                from_variant: int = 0) -> dict[str, list[tuple[dict, dict]]]:
    """(gold, prediction) per part for documents rendered each in its seeded random Style, scanned at `level`,
    the chosen pages OCR'd (all, or first,sig) on `workers` processes, then restored and read by the pipeline
    with their word boxes (random_layouts False: the one layout, as the control). With `variants` K > 1 every
    document is also laid out in K - 1 more random layouts (seeds from the id and k), each scored as one pair. Page k's damage is seeded by the document and k, so the pages chosen do not change
    any page's pixels. With `docs`, each restored Document is kept there and a rerun reads only the layout and
    the fields again (no rendering, OCR or restoration: for changes to ocrfix.layout and ocrfix.fields).
    With `dev_only`, the test part is neither rendered, OCR'd nor scored (for development runs); with
    `test_only`, the test part alone (the same documents, seeds and pages as in a whole run). With `silver`
    N, N train-split documents with silver labels (`_silver_docs`) are run too, as their own part. With
    `from_variant` F, only variants F … K - 1 are laid out and scored (new layouts measured on their own)."""
    import pickle
    import random
    from concurrent.futures import ProcessPoolExecutor

    from ocrfix.config import Config
    from ocrfix.document import Document
    from ocrfix.layout import analyze_document
    from ocrfix.pipeline import finish
    from ocrfix.recognition import check_tesseract
    from tools import render

    check_tesseract("vie")
    by_part: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for part, text, g in _gold_docs():
        if (dev_only and "test" in part) or (test_only and "test" not in part):
            continue
        if not per_part or len(by_part.setdefault(part, [])) < per_part:
            by_part.setdefault(part, []).append((part, text, g))
    # the new dev and test documents alternately, then the 52: a run cut short still covers both new parts
    dev, test = by_part.get("more: dev", []), by_part.get("more: test", [])
    todo = [d for pair in zip(dev, test) for d in pair] + dev[len(test):] + test[len(dev):]
    todo += by_part.get("52 (developed on)", [])
    todo += _silver_docs(silver) if silver else []
    jobs = [(k, *d) for k in range(from_variant, variants if random_layouts else 1) for d in todo]  # every document once first
    out: dict[str, list[tuple[dict, dict]]] = {} if test_only else {"52 (developed on)": [], "more: dev": []}
    if not dev_only:
        out["more: test"] = []
    if silver:
        out[SILVER] = []
    cdir = Path(cache) if cache else None
    if cdir is not None:
        cdir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    n_ocr = 0
    window: list[tuple] = []  # documents whose pages are being OCR'd: the next is drawn meanwhile

    ddir = Path(docs) if docs else None
    if ddir is not None:
        ddir.mkdir(parents=True, exist_ok=True)

    def settle(part, g, chosen, got, futs, cfiles, dfile) -> None:
        nonlocal n_ocr
        for k, fut in futs.items():
            got[k] = fut.result()
            if cfiles[k] is not None:
                cfiles[k].write_bytes(pickle.dumps(got[k]))
        n_ocr += len(futs)
        doc = finish(Document(source=g["id"], pages=[got[k] for k in chosen]), Config())
        if dfile is not None:
            dfile.write_bytes(pickle.dumps(doc))
        out[part].append((g, gold_entry(g["id"], doc.fields)))

    with ProcessPoolExecutor(workers) as pool:
        for i, (variant, part, text, g) in enumerate(jobs):
            doc_id = g["id"]
            seed = zlib.crc32((doc_id if variant == 0 else f"{doc_id}#{variant}").encode("utf-8"))
            style = render.random_style(seed) if random_layouts else None
            skey = f"{zlib.crc32(repr(style).encode()):08x}" if style else "one"
            dfile = ddir / f"{seed:08x}_{level}_{skey}_{pages.replace(',', '-')}.pkl" if ddir else None
            if dfile is not None and dfile.exists():
                doc = pickle.loads(dfile.read_bytes())
                analyze_document(doc)
                out[part].append((g, gold_entry(g["id"], extract_fields(doc))))
                continue
            parts = render.parse_document(text)
            name = (parts.signature or [""])[-1]
            imgs, truth = render.layout_document(parts, seed=seed, style=style)
            if pages == "all":
                chosen = list(range(len(imgs)))
            else:  # the first page and the one with the signer's name (annex pages follow it)
                sig = next((k for k, t in enumerate(truth) if name and name in t), len(imgs) - 1)
                chosen = sorted({0, sig})
            cfiles = {k: cdir / f"{seed:08x}_{level}_{skey}_p{k + 1}.pkl" if cdir else None for k in chosen}
            got = {k: pickle.loads(f.read_bytes()) for k, f in cfiles.items() if f is not None and f.exists()}
            futs = {}
            for k in (k for k in chosen if k not in got):
                im, dpi = render.damage(imgs[k], level, random.Random(seed * 1009 + k))
                futs[k] = pool.submit(_ocr_one, (k + 1, im, dpi))
            if futs:
                print(f"  [{i + 1}/{len(jobs)}] {part} {doc_id.split('|')[2] if '|' in doc_id else doc_id}: "
                      f"{style.family + ', date ' + style.date_line if style else 'one layout'}, OCR pages {[k + 1 for k in futs]} of "
                      f"{len(imgs)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
            window.append((part, g, chosen, got, futs, cfiles, dfile))
            del imgs
            while len(window) > (1 if futs else 0):
                settle(*window.pop(0))
        while window:
            settle(*window.pop(0))
    print(f"  {n_ocr} pages OCR'd in this run", file=sys.stderr)
    return out


def print_parts(title: str, parts: dict[str, list[tuple[dict, dict]]], fields: list[str],
                show_misses: bool) -> dict[str, dict[str, float]]:
    """Per part and field, exact and accent-folded, with Nơi nhận F1 and wrong core values; misses of the
    development parts only (never the test part's)."""
    res: dict[str, dict[str, float]] = {}
    print(f"\n{title}")
    print("| part | docs | " + " | ".join(f if f in ("number", "date", "type") else f"{f} exact / folded"
                                         for f in fields) + " | Nơi nhận F1 | wrong core |")
    print("|---|---:|" + "---:|" * len(fields) + "---:|---:|")
    for name, pairs in parts.items():
        if not pairs:
            continue
        r = {f: score(pairs, f, False) for f in fields}
        r.update({f + " folded": score(pairs, f, True) for f in fields})
        r["recipients_f1"] = recipients_f1(pairs)
        r["wrong_core"] = wrong_core(pairs)
        res[name] = r
        cells = [f"{r[f]:.1f}" if f in ("number", "date", "type") else f"{r[f]:.1f} / {r[f + ' folded']:.1f}"
                 for f in fields]
        print(f"| {name} | {len(pairs)} | " + " | ".join(cells) + f" | {r['recipients_f1']:.3f} | {r['wrong_core']} |")
    if show_misses:
        print_misses(parts, fields)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ocr", type=int, default=0, metavar="N", help="also render+scan+OCR N documents")
    ap.add_argument("--level", default="mild", help="scan damage level for --ocr (clean, mild, medium, …)")
    ap.add_argument("--dump", metavar="FILE", help="write the --ocr predictions next to their gold as JSONL")
    ap.add_argument("--cache", metavar="DIR", help="keep the OCR'd pages of --ocr in DIR and reuse them")
    ap.add_argument("--misses", action="store_true", help="list the development parts' misses (never the test part's)")
    ap.add_argument("--layouts", choices=("one", "random", "fixed"), default="one",
                    help="end to end over the one layout of the 52 (--ocr N), or every gold document in its "
                         "own seeded random layout (--ocr N: documents per part, 0 all); fixed: the same run "
                         "in the one layout (the control)")
    ap.add_argument("--pages", choices=("all", "first,sig"), default="all",
                    help="with --layouts random: OCR every page, or the first and the signature page only")
    ap.add_argument("--workers", type=int, default=2, help="OCR processes")
    ap.add_argument("--docs", metavar="DIR", help="with --layouts: keep the restored Documents in DIR; a rerun "
                    "reads only layout and fields again")
    ap.add_argument("--variants", type=int, default=1, metavar="K",
                    help="with --layouts random: K random layouts per document (each scored)")
    ap.add_argument("--from-variant", type=int, default=0, metavar="F",
                    help="with --variants K: lay out and score only variants F … K-1 (fresh layouts on their own)")
    ap.add_argument("--silver", type=int, default=0, metavar="N",
                    help="with --layouts: also N documents of the corpus's train split, scored against silver "
                         "labels (ocrfix's fields of their clean text) as their own part")
    ap.add_argument("--dev-only", action="store_true",
                    help="with --layouts: the development parts only (the test part is not rendered, OCR'd or "
                         "scored)")
    ap.add_argument("--test-only", action="store_true",
                    help="with --layouts: the test part only (its figures; its misses are never listed)")
    args = ap.parse_args(argv)
    if args.layouts in ("random", "fixed"):
        t1 = time.perf_counter()
        parts = layouts_run(args.level, args.ocr, args.pages, args.cache, args.workers, args.layouts == "random",
                            args.variants, docs=args.docs, dev_only=args.dev_only, silver=args.silver,
                            from_variant=args.from_variant, test_only=args.test_only)
        fields = FIELDS if args.pages == "all" else [f for f in FIELDS if f not in ("counts", "references")]
        n = sum(len(v) for v in parts.values())
        res_l = print_parts(f"end to end, {args.layouts} layouts: {n} documents, scan level '{args.level}', pages "
                            f"{args.pages}, OCR + restoration + fields ({time.perf_counter() - t1:.0f} s; exact / "
                            f"accent-folded, number, date and type canonical)", parts, fields, args.misses)
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as fh:
                for part, pairs in parts.items():
                    for g, p in pairs:
                        if "test" not in part:  # the test part's predictions are not for reading
                            fh.write(json.dumps({"part": part, "gold": g, "pred": p}, ensure_ascii=False) + "\n")
        if args.json:
            print(json.dumps({"layouts": args.layouts, "level": args.level, "pages": args.pages, "accuracy": res_l},
                             ensure_ascii=False, indent=1))
        return 0
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
