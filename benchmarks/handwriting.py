"""Handwritten document numbers and days on the real development set (a benchmark, not a test).

    .venv/bin/python benchmarks/handwriting.py [--docs a,b,...] [--workers 2] [--json OUT]

Reads page 1 of each PDF of ../shared/realscans/ listed in GOLD below (the image OCR'd even where the PDF has a
text layer: text-layer triage is another stage), runs the real pipeline (preprocess, OCR, handwriting re-read,
restoration, fields) and compares the number's sequence and the day of the date with what a reader sees on the
page (GOLD, read by eye from 100-200 dpi renderings; SOURCES.md gives the same numbers). Each value is counted
right, wrong or null (not read), separately for handwritten and printed values; the place is counted too.
Prints a markdown table per document and the totals. Needs ../shared/realscans (never read by tests).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ocrfix import errors, pipeline, sources  # noqa: E402
from ocrfix.config import Config  # noqa: E402
from ocrfix.document import Document  # noqa: E402

REALSCANS = Path(os.environ.get("OCRFIX_REALSCANS", Path(__file__).resolve().parents[2] / "shared" / "realscans"))

FALLBACK_DPI = 200  # the scans' own resolution (SOURCES.md)

# file stem → (number seq, number handwritten?, day, day handwritten?, place); None where the page shows none.
# Read by eye on page 1 (the "ĐẾN" received stamps' own numbers are not the document's).
GOLD: dict[str, tuple[int | None, bool, int | None, bool, str | None]] = {
    "bkhcn_qd_2165_2025": (2165, True, 12, True, "Hà Nội"),
    "bkhcn_tt_20_2025": (20, True, 6, True, "Hà Nội"),
    "bng_cv_4432_2025": (4432, True, 15, True, "Hà Nội"),
    "catld_cv_1413_2026": (1413, True, 16, True, "Lâm Đồng"),
    "bca_cv_4409_2025": (4409, True, 1, True, "Hà Nội"),
    "c04_cv_3980_2025": (3980, True, 28, True, "Hà Nội"),
    "ttg_qd_932_2025": (932, True, 15, False, "Hà Nội"),
    "catld_cv_1710_2025": (1710, True, 4, True, "Lâm Đồng"),
    "btc_cv_15557_2025": (15557, True, 2, True, "Hà Nội"),
    "cucthue_cv_2191_2026": (2191, True, 8, True, "Hà Nội"),
    "ttg_cv_464_2026": (464, True, 30, True, "Hà Nội"),
    "cp_nq_320_2025": (320, True, 9, True, "Hà Nội"),
    "ttg_cd_195_2025": (195, True, 11, True, "Hà Nội"),
    "ldlsvn_cv_562_2025": (562, True, 1, True, "Hà Nội"),
    "snvld_ttr_294_2025": (294, True, 12, True, "Lâm Đồng"),
    "ubndld_gm_560_2025": (560, True, 6, True, "Lâm Đồng"),
    "ubndld_qd_1716_2025": (1716, True, 16, True, "Lâm Đồng"),
    "ubndld_cv_4377_2025": (4377, True, 30, True, "Lâm Đồng"),
    "ubndld_tb_493_2025": (493, True, 13, True, "Lâm Đồng"),
    "catld_ttr_289_2025_100dpi": (289, True, 22, True, "Lâm Đồng"),
    "catld_ttr_298_2025_adobescan": (298, True, 24, True, "Lâm Đồng"),
    "hdtdld_bb_2025_adobescan": (None, False, 18, True, "Lâm Đồng"),
    "ldldld_cv_81_2025_omnipage": (81, True, 3, True, "Lâm Đồng"),
    "ubqgnct_qd_143_2025": (143, True, 8, False, "Hà Nội"),
    "vpcp_cv_9703_2025": (9703, False, 9, False, "Hà Nội"),
    "vpcp_cv_9768_2025": (9768, False, 10, False, "Hà Nội"),
    "vpcp_tb_536_2025": (536, False, 5, False, "Hà Nội"),
    "ttg_cd_186_2025": (186, False, 4, False, "Hà Nội"),
}


def read_one(stem: str) -> dict:
    """Page 1 of one PDF through the pipeline: the number, date and place fields and the seconds it took."""
    t0 = time.perf_counter()
    config = Config()
    path = REALSCANS / f"{stem}.pdf"
    try:
        page = sources.read_page(path, 1, dpi=config.dpi, force_ocr=True)
    except errors.OcrfixError as e:  # a file pypdf cannot open (bytes before %PDF, …): poppler's rendering
        from pdf2image import convert_from_path

        im = convert_from_path(str(path), dpi=FALLBACK_DPI, first_page=1, last_page=1)[0]
        page = sources.PageInput(number=1, image=im.convert("RGB"), dpi=FALLBACK_DPI)
        print(f"{stem}: {e}; page 1 rendered by poppler at {FALLBACK_DPI} dpi", file=sys.stderr)
    doc = Document(source=stem, pages=[pipeline.ocr_page(page, config)])
    pipeline.finish(doc, config)
    f = doc.fields or {}
    return {"stem": stem, "number": f.get("number"), "date": f.get("date"), "date_partial": f.get("date_partial"),
            "place": f.get("place"), "seconds": round(time.perf_counter() - t0, 1)}


def _seq(number: dict | None) -> int | None:
    if not number or number.get("full") is None:
        return None
    seq = number.get("seq")
    return seq if isinstance(seq, int) else None


def _day(r: dict) -> int | None:
    if r.get("date"):
        return int(r["date"][8:10])
    part = r.get("date_partial") or {}
    return part.get("day")


def judge(got, want) -> str:
    if want is None:
        return "none" if got is None else "wrong"
    return "null" if got is None else ("right" if got == want else "wrong")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", help="comma-separated file stems (default: all of GOLD)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", help="write the raw results here")
    args = ap.parse_args(argv)
    if not REALSCANS.is_dir():
        print(f"no development set at {REALSCANS}", file=sys.stderr)
        return 2
    stems = args.docs.split(",") if args.docs else list(GOLD)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as ex:
        results = list(ex.map(read_one, stems))
    wall = time.perf_counter() - t0
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    totals: dict[tuple[str, str], dict[str, int]] = {}
    print("| document | number (gold) | read | hw | | day (gold) | read | hw | | place | s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        seq, seq_hw, day, day_hw, place = GOLD[r["stem"]]
        num = r["number"] or {}
        got_seq, got_day = _seq(r["number"]), _day(r)
        js, jd = judge(got_seq, seq), judge(got_day, day)
        jp = judge(r["place"], place)
        totals.setdefault(("number", "handwritten" if seq_hw else "printed"), {}).setdefault(js, 0)
        totals[("number", "handwritten" if seq_hw else "printed")][js] += 1
        totals.setdefault(("day", "handwritten" if day_hw else "printed"), {}).setdefault(jd, 0)
        totals[("day", "handwritten" if day_hw else "printed")][jd] += 1
        totals.setdefault(("place", "printed"), {}).setdefault(jp, 0)
        totals[("place", "printed")][jp] += 1
        hw_num = "hw" if num.get("handwritten") else ""
        hw_day = "hw" if (r.get("date_partial") or {}).get("handwritten") else ""
        shown = num.get("full") if num else None
        if num and num.get("full") is None:
            shown = f"null ({num.get('type_code')}, {num.get('issuer_code')})"
        print(f"| {r['stem']} | {seq} | {shown} | {hw_num} | {js} | {day} | {r['date'] or r['date_partial']} | "
              f"{hw_day} | {jd} | {r['place']} ({jp}) | {r['seconds']} |")
    print()
    print("| value | kind | right | wrong | null |")
    print("|---|---|---:|---:|---:|")
    for (what, kind), c in sorted(totals.items()):
        print(f"| {what} | {kind} | {c.get('right', 0)} | {c.get('wrong', 0)} | {c.get('null', 0)} |")
    print(f"\n{len(results)} documents, page 1, {wall:.0f} s wall with {args.workers} workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
