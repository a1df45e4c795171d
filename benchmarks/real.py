"""ocrfix on the real development set: per page the source chosen and why, text validity against plain
`tesseract -l vie` of the same page image, and fields against the gold files.

    .venv/bin/python benchmarks/real.py                                  # all of ../shared/realscans
    .venv/bin/python benchmarks/real.py DIR --gold benchmarks/data/real/gold --files 10 --pages 2
    .venv/bin/python benchmarks/real.py --only ubndld_gm_560_2025,ttg_cd_195_2025 --json out.json
    .venv/bin/python benchmarks/real.py --rescore out.json          # the same results against updated gold
    .venv/bin/python benchmarks/real.py --docs DIR ...              # also keep each restored Document (pickle)
    .venv/bin/python benchmarks/real.py --refields DIR --json out.json  # layout + fields again on kept Documents

The real set is a development set (tuned on, never held out): its figures are development figures.
--pages N reads the first N-1 pages and the last one (the signature and Nơi nhận are on the last page),
so the fields of a long document are still scored; text validity is reported on the pages read.

Text validity is the share of word tokens that are Vietnamese syllables the language model knows
(ocrfix.sources.text_layer.quality): a cheap stand-in for correctness where no transcript exists. Where the
gold file has a page's text, the CER against it is shown too (whitespace collapsed), and the F1 of the word
multisets, which ignores reading order (the gold writes the two-column header row by row); a document with a `<stem>.gt.txt` transcript beside it (the TCVN3 files) is read in full
and its whole text scored against it, case ignored. The plain-Tesseract
reading is of the image ocrfix OCR'd (its embedded scan at native resolution, or the page rasterized at 300 dpi
when the page's text came from its layer).

Fields compare with the gold after NFC, case folding and whitespace collapsing: issuer, type, number (full),
date, place, subject, signer name, signed_at exactly; recipients as an F1 over items. A null where the gold has a
value is "missed", a different value "wrong". Handwritten numbers and days (gold fields.number_handwritten /
date_handwritten) are counted read, null or wrong.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ocrfix import sources  # noqa: E402
from ocrfix.config import Config  # noqa: E402
from ocrfix.document import Document  # noqa: E402
from ocrfix.metrics import cer  # noqa: E402
from ocrfix.pipeline import finish, ocr_page, versions  # noqa: E402
from ocrfix.sources.text_layer import quality  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "realscans"
DEFAULT_GOLD = ROOT / "benchmarks" / "data" / "real" / "gold"
CORE = ["issuer", "type", "number", "date", "place", "subject", "signer"]
SCORED = CORE + ["signed_at"]
TARGETS = {"issuer": 90, "type": 90, "place": 90, "number": 70, "date": 70, "signer": 80}


def _norm(s) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s))
    return " ".join(s.casefold().split()).strip(" .;:,")


def _value(fields: dict | None, key: str):
    if not fields:
        return None
    v = fields.get(key)
    if key == "number":
        return (v or {}).get("full")
    if key == "signer":
        return (v or {}).get("name")
    return v


def _recipients_f1(pred: list, gold: list) -> float | None:
    if not gold and not pred:
        return None
    p, g = {_norm(x) for x in pred or []}, {_norm(x) for x in gold or []}
    if not p or not g:
        return 0.0
    tp = len(p & g)
    return 2 * tp / (len(p) + len(g))


def word_f1(pred: str, gold: str) -> float:
    """F1 of the two texts' word multisets: a reading error measure that ignores reading order (ocrfix reads
    the two-column header column by column; the gold writes it row by row, which costs CER but no words)."""
    from collections import Counter

    p, g = Counter(pred.split()), Counter(gold.split())
    tp = sum((p & g).values())
    return 2 * tp / (sum(p.values()) + sum(g.values())) if p or g else 1.0


def _pages_to_read(n: int, limit: int | None) -> list[int]:
    if not limit or n <= limit:
        return list(range(1, n + 1))
    return list(range(1, limit)) + [n]


def _tesseract(image) -> str:
    import pytesseract

    return pytesseract.image_to_string(image, lang="vie")


def _page_image(path: Path, p: sources.PageInput, number: int):
    if p.image is not None:
        return p.image
    from pdf2image import convert_from_path

    return convert_from_path(str(path), dpi=300, first_page=number, last_page=number)[0]


def run_doc(path: Path, gold: dict | None, pages_limit: int | None, tess: bool, config: Config,
            docs: Path | None = None) -> dict:
    t0 = time.perf_counter()
    n = sources.count_pages(path)
    reader = sources.open_pdf(path) if sources.sniff(path) == sources.KIND_PDF else None
    doc = Document(source=str(path))
    rows = []
    transcript = path.with_suffix(".gt.txt")
    selected = _pages_to_read(n, pages_limit)
    # a document with a whole-document transcript is read in full (born-digital: no OCR) to be scored on it
    for number in range(1, n + 1) if transcript.exists() else selected:
        pin = sources.read_page(path, number, config.dpi, pdf_reader=reader, text_layer=config.text_layer)
        page = ocr_page(pin, config)
        doc.pages.append(page)
        if number not in selected:
            continue
        row = {"page": number, "source": page.source, "reason": page.source_reason,
               "tesseract": _tesseract(_page_image(path, pin, number)) if tess else None}
        row["tesseract_text"] = row["tesseract"]
        rows.append(row)
    doc.meta.update(versions())
    finish(doc, config)
    if docs is not None:
        docs.mkdir(parents=True, exist_ok=True)
        (docs / f"{path.stem}.pickle").write_bytes(pickle.dumps(doc))
    gold_text = (gold or {}).get("text") or {}
    by_number = {p.number: p for p in doc.pages}
    transcript_cer = None
    if transcript.exists():
        flat = lambda s: " ".join(s.casefold().split())  # noqa: E731
        transcript_cer = cer(flat(doc.text), flat(transcript.read_text(encoding="utf-8")))
    for row in rows:
        page = by_number[row["page"]]
        q = quality(page.text)
        row["valid"] = q.valid if q.words else None  # None: no words on the page (a blank or number-only page)
        row["valid_tess"] = quality(row["tesseract"]).valid if row["tesseract"] is not None and q.words else None
        g = gold_text.get(str(row["page"]))
        if g:
            flat = lambda s: " ".join(s.split())  # noqa: E731
            row["cer"] = cer(flat(page.text), flat(g))
            row["cer_tess"] = cer(flat(row["tesseract"]), flat(g)) if row["tesseract"] is not None else None
            row["wf1"] = word_f1(page.text, g)
            row["wf1_tess"] = word_f1(row["tesseract"], g) if row["tesseract"] is not None else None
        row["text"] = page.text
    return {"file": path.name, "pages": n, "read": [p.number for p in doc.pages], "rows": rows,
            "fields": doc.fields, "transcript_cer": transcript_cer, "seconds": round(time.perf_counter() - t0, 1)}


def refields(results: list[dict], docs: Path) -> None:
    """Layout and fields again on the Documents an earlier run kept (--docs): no OCR, no restoration, so a
    change to ocrfix.layout or ocrfix.fields is measured in seconds."""
    from ocrfix.fields import extract_fields
    from ocrfix.layout import analyze_document
    from ocrfix.pipeline import _signed_at_from_stamps

    for r in results:
        f = docs / f"{Path(r['file']).stem}.pickle"
        if not f.exists():
            print(f"{r['file']}: no kept Document in {docs}", file=sys.stderr)
            continue
        doc: Document = pickle.loads(f.read_bytes())
        analyze_document(doc)
        doc.fields = extract_fields(doc)
        _signed_at_from_stamps(doc)
        r["fields"] = doc.fields


def score_fields(result: dict, gold: dict) -> dict:
    gf = gold["fields"]
    out = {}
    for key in SCORED:
        g, p = _norm(_value(gf, key)), _norm(_value(result["fields"], key))
        out[key] = "ok" if g == p else ("missed" if p is None else ("extra" if g is None else "wrong"))
    out["recipients_f1"] = _recipients_f1((result["fields"] or {}).get("recipients"), gf.get("recipients"))
    for key, field in (("number_handwritten", "number"), ("date_handwritten", "date")):
        if gf.get(key):
            out[key] = {"ok": "read", "missed": "null"}.get(out[field], "wrong")
    return out


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "—"


def report(results: list[dict], golds: dict) -> str:
    lines = ["| file | pages read | source per page | valid: ocrfix / tesseract | CER vs gold text: ocrfix / tesseract (word F1, order ignored) | fields ok | s |",
             "|---|---|---|---|---|---|---:|"]
    for r in results:
        src = " ".join(f"{x['page']}:{x['source']}" for x in r["rows"])
        valid = " ".join("—" if x["valid"] is None else (f"{x['valid']:.2f}/{x['valid_tess']:.2f}" if x["valid_tess"]
                         is not None else f"{x['valid']:.2f}") for x in r["rows"])
        cers = " ".join(f"p{x['page']} {100 * x['cer']:.1f}/{100 * x['cer_tess']:.1f} % ({x['wf1']:.3f}/{x['wf1_tess']:.3f})"
                        if x.get("cer_tess") is not None else (f"p{x['page']} {100 * x['cer']:.1f} %" if "cer" in x else "")
                        for x in r["rows"]).strip()
        s = r.get("score")
        ok = f"{sum(v == 'ok' for k, v in s.items() if k in CORE)}/{len(CORE)}" if s else "no gold"
        lines.append(f"| {r['file']} | {len(r['read'])}/{r['pages']} | {src} | {valid} | {cers or '—'} | {ok} | {r['seconds']} |")
    tr = [r for r in results if r.get("transcript_cer") is not None]
    if tr:
        lines += ["", "Whole-document CER against the proofread transcripts (case and whitespace ignored; the "
                  "transcripts' line order follows their own extraction):", ""]
        lines += [f"- {r['file']}: {100 * r['transcript_cer']:.2f} % ({len(r['read'])} pages)" for r in tr]
    lines += ["", "Why each page's source was chosen:", ""]
    for r in results:
        for x in r["rows"]:
            lines.append(f"- {r['file']} p{x['page']}: {x['source']} — {x['reason']}")
    scored = [r for r in results if r.get("score")]
    if scored:
        lines += ["", f"Fields against the gold ({len(scored)} documents):", "",
                  "| field | ok | missed (null) | wrong | extra (gold null) | accuracy | target |", "|---|---:|---:|---:|---:|---:|---:|"]
        for key in SCORED:
            vals = [r["score"][key] for r in scored]
            c = {k: vals.count(k) for k in ("ok", "missed", "wrong", "extra")}
            lines.append(f"| {key} | {c['ok']} | {c['missed']} | {c['wrong']} | {c['extra']} | {_pct(c['ok'], len(vals))} | "
                         f"{str(TARGETS[key]) + ' %' if key in TARGETS else '—'} |")
        f1 = [r["score"]["recipients_f1"] for r in scored if r["score"]["recipients_f1"] is not None]
        lines.append(f"| recipients (mean F1) | | | | | {sum(f1) / len(f1):.2f} over {len(f1)} |  |" if f1 else "| recipients | | | | | — | |")
        wrong = sum(r["score"][k] in ("wrong", "extra") for r in scored for k in CORE)
        lines.append(f"\nWrong non-null core values (issuer, type, number, date, place, subject, signer): {wrong} in {len(scored)} documents.")
        for key in ("number_handwritten", "date_handwritten"):
            vals = [r["score"][key] for r in scored if key in r["score"]]
            lines.append(f"{key.replace('_', ' ')}: {len(vals)} in the gold — read {vals.count('read')}, "
                         f"null {vals.count('null')}, wrong {vals.count('wrong')}")
    valid = [(x["valid"], x["valid_tess"]) for r in results for x in r["rows"]
             if x["valid"] is not None and x["valid_tess"] is not None]
    if valid:
        worse = sum(a < b - 0.02 for a, b in valid)
        lines.append(f"\nText validity over {len(valid)} pages: ocrfix {sum(a for a, _ in valid) / len(valid):.3f}, "
                     f"plain tesseract -l vie {sum(b for _, b in valid) / len(valid):.3f}; "
                     f"ocrfix more than 0.02 below tesseract on {worse} pages.")
    doubtful = [(x, re.search(r"(\d+)% valid syllables", x["reason"])) for r in results for x in r["rows"]
                if "doubtful" in x["reason"] and x["valid"] is not None and x["valid_tess"] is not None]
    g = [x for r in results for x in r["rows"] if x.get("wf1_tess") is not None]
    if g:
        lines.append(f"Pages with gold text ({len(g)}): CER ocrfix {100 * sum(x['cer'] for x in g) / len(g):.1f} %, "
                     f"tesseract {100 * sum(x['cer_tess'] for x in g) / len(g):.1f} %; word F1 (order ignored) ocrfix "
                     f"{sum(x['wf1'] for x in g) / len(g):.3f}, tesseract {sum(x['wf1_tess'] for x in g) / len(g):.3f}.")
    if doubtful:
        k = len(doubtful)
        lines.append(f"Pages with a doubtful text layer ({k}): valid syllables in the layer as extracted "
                     f"{sum(int(m.group(1)) for _, m in doubtful if m) / 100 / k:.3f}, ocrfix now "
                     f"{sum(x['valid'] for x, _ in doubtful) / k:.3f}, plain tesseract -l vie "
                     f"{sum(x['valid_tess'] for x, _ in doubtful) / k:.3f}.")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--gold", default=str(DEFAULT_GOLD), help="folder of <stem>.json gold files")
    ap.add_argument("--files", type=int, help="at most this many files (in name order)")
    ap.add_argument("--only", help="comma-separated stems to run")
    ap.add_argument("--pages", type=int, help="at most this many pages per file (first N-1 and the last)")
    ap.add_argument("--no-tesseract", action="store_true", help="skip the plain Tesseract comparison")
    ap.add_argument("--text-layer", default="auto", choices=sources.TEXT_LAYER_MODES)
    ap.add_argument("--json", help="also write the per-document results here")
    ap.add_argument("--rescore", help="score the results of an earlier --json run against the gold again (no OCR)")
    ap.add_argument("--docs", help="keep each restored Document here (pickle), for --refields")
    ap.add_argument("--refields", help="with --rescore (or --json of an earlier run): read layout and fields again "
                    "from the Documents kept in this folder by --docs")
    args = ap.parse_args(argv)
    files = sorted(Path(args.folder).glob("*.pdf"))
    if args.only:
        want = set(args.only.split(","))
        files = [f for f in files if f.stem in want]
    if args.files:
        files = files[:args.files]
    gold_dir = Path(args.gold)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in gold_dir.glob("*.json")} if gold_dir.is_dir() else {}
    if args.refields and not args.rescore:
        args.rescore = args.json
    if args.rescore:
        results = json.loads(Path(args.rescore).read_text(encoding="utf-8"))
        if args.refields:
            refields(results, Path(args.refields))
        for r in results:
            r.pop("score", None)
            if Path(r["file"]).stem in golds:
                r["score"] = score_fields(r, golds[Path(r["file"]).stem])
        print(report(results, golds))
        if args.json and Path(args.json) != Path(args.rescore):
            Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    config = Config(text_layer=args.text_layer)
    results = []
    t0 = time.perf_counter()
    for f in files:
        try:
            r = run_doc(f, golds.get(f.stem), args.pages, not args.no_tesseract, config,
                        Path(args.docs) if args.docs else None)
        except Exception as e:  # a benchmark reports a failure and goes on
            print(f"{f.name}: FAILED {type(e).__name__}: {e}", file=sys.stderr)
            continue
        if f.stem in golds:
            r["score"] = score_fields(r, golds[f.stem])
        results.append(r)
        print(f"{f.name}: {r['seconds']} s", file=sys.stderr)
    print(report(results, golds))
    print(f"\n{len(results)} files, {sum(len(r['read']) for r in results)} pages, {time.perf_counter() - t0:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
