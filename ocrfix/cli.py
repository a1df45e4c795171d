"""Command line: a thin front over the pipeline. Every failure maps to an ExitCode in one place."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from ._version import __version__
from .config import DEFAULT_STEPS, PROFILES, STEPS, Config
from .errors import ExitCode, OcrfixError

DESCRIPTION = """\
Scanned Vietnamese government documents (PDF, PNG, JPEG, TIFF) and legacy OCR text into correct Vietnamese
text, structured fields and searchable PDFs.

examples:
  ocrfix ocr scan.pdf                         restored text on stdout (--raw: as Tesseract read it)
  ocrfix ocr scan.pdf --format json           the whole document: words, boxes, corrections, fields
  ocrfix restore < legacy.txt > fixed.txt     text in, restored text out, same lines
  ocrfix fields quyet_dinh.pdf                number, date, issuer, subject, signer, Nơi nhận … as JSON
  ocrfix pdf scan.pdf scan.ocr.pdf            searchable PDF/A, the restored text as its hidden layer
  ocrfix batch archive/ -o results/           a whole folder, in parallel, resumable

exit codes: 0 done, 1 an input failed (one line on stderr), 2 usage or set-up error"""

EXAMPLES = {
    "ocr": "examples:\n  ocrfix ocr scan.pdf\n  ocrfix ocr scan.jpg --format json > scan.json\n"
           "  ocrfix ocr scan.pdf --raw --text-layer ignore",
    "restore": "examples:\n  echo 'Ket qua thuc hien Quy che phat ngon' | ocrfix restore\n"
               "  ocrfix restore legacy.txt --profile eng > fixed.txt\n  ocrfix restore --format json < in.txt",
    "fields": "examples:\n  ocrfix fields quyet_dinh.pdf\n  ocrfix fields cong_van.txt",
    "pdf": "examples:\n  ocrfix pdf scan.pdf scan.ocr.pdf\n  ocrfix pdf photo.jpg photo.pdf\n"
           "  ocrfix pdf scan.tiff - > out.pdf",
    "batch": "examples:\n  ocrfix batch archive/ -o results/\n  ocrfix batch archive/ -o results/ --pdf --workers 4\n"
             "  ocrfix batch archive/ -o results/ --scheduler tcp://SCHEDULER-HOST:8786",
}


def _add_pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", default="vie", help="Tesseract language(s) (default: vie)")
    p.add_argument("--dpi", type=int, default=300, help="rasterization dpi for PDF pages that are not one scan")
    p.add_argument("--text-layer", choices=("auto", "use", "ignore"), default="auto",
                   help="PDF text layers: auto judges each page's layer (use it, convert a legacy TCVN3/VNI font, "
                        "restore it, or OCR the page and keep the better), use trusts it, ignore always OCRs")
    p.add_argument("--force-ocr", action="store_true", help="same as --text-layer ignore")
    p.add_argument("--steps", default=",".join(DEFAULT_STEPS),
                   help=f"preprocessing steps, comma-separated, from {','.join(STEPS)} ('' for none)")
    p.add_argument("--no-recover", action="store_true", help="do not re-OCR ink that no recognized word covers")
    p.add_argument("--profile", choices=PROFILES, default="auto", help="input profile for restoration")


def _config(args, **over) -> Config:
    steps = tuple(s for s in args.steps.split(",") if s)
    bad = [s for s in steps if s not in STEPS]
    if bad:
        raise SystemExit(_usage(f"unknown preprocessing step(s): {', '.join(bad)}"))
    return Config(lang=args.lang, dpi=args.dpi, force_ocr=args.force_ocr, text_layer=args.text_layer, steps=steps,
                  recover=not args.no_recover, profile=args.profile, **over)


def _usage(msg: str) -> int:
    print(f"ocrfix: error: {msg}", file=sys.stderr)
    return ExitCode.USAGE


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="ocrfix", description=DESCRIPTION,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"ocrfix {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ocr", epilog=EXAMPLES["ocr"], formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="OCR one PDF or image and print its text")
    p.add_argument("file")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    p.add_argument("--raw", action="store_true", help="print the OCR text without restoration")
    _add_pipeline_options(p)

    p = sub.add_parser("restore", epilog=EXAMPLES["restore"], formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="restore Vietnamese text (stdin → stdout when no file)")
    p.add_argument("files", nargs="*")
    p.add_argument("--profile", choices=PROFILES, default="auto")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: per-token choices, alternatives and confidences")

    p = sub.add_parser("fields", epilog=EXAMPLES["fields"], formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="structured fields of a PDF, image or text file as JSON")
    p.add_argument("file")
    _add_pipeline_options(p)

    p = sub.add_parser("pdf", epilog=EXAMPLES["pdf"], formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="searchable PDF/A of a PDF or image: the scan as it is, the restored text "
                                   "as its invisible text layer")
    p.add_argument("file")
    p.add_argument("output", help="OUTPUT.pdf ('-' for stdout)")
    p.add_argument("--rewrite-signed", action="store_true",
                   help="a signed input: write a new PDF/A without the signature (default: an incremental update "
                        "that keeps the signed revision verifiable)")
    _add_pipeline_options(p)

    p = sub.add_parser("batch", epilog=EXAMPLES["batch"], formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="process an archive folder")
    p.add_argument("in_dir")
    p.add_argument("-o", "--out", required=True, dest="out_dir")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    p.add_argument("--scheduler", help="run on a Dask cluster: its scheduler address tcp://HOST:PORT")
    p.add_argument("--force", action="store_true", help="redo inputs already done")
    p.add_argument("--format", choices=("files", "jsonl"), default="files",
                   help="jsonl: also stream one JSON object per document to stdout")
    p.add_argument("--quiet", action="store_true", help="no progress (the summary line stays)")
    p.add_argument("--pdf", action="store_true", help="also write NAME.ext.pdf: a searchable PDF/A with the "
                                                      "restored text layer (PDF and image inputs)")
    p.add_argument("--rewrite-signed", action="store_true", help="with --pdf: signed inputs as a new PDF/A without "
                                                                 "the signature, not an incremental update")
    _add_pipeline_options(p)
    return ap


def _cmd_ocr(args) -> int:
    from .pipeline import process

    doc = process(args.file, _config(args, restore=not args.raw, fields=args.format != "text"))
    if args.format == "json":
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "jsonl":
        print(json.dumps(doc.to_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(doc.raw_text if args.raw else doc.text)
    return ExitCode.OK


def _cmd_restore(args) -> int:
    from . import sources
    from .restoration import restore, restore_tokens

    texts = []
    if not args.files or args.files == ["-"]:
        texts.append(sys.stdin.read())
    else:
        for f in args.files:
            if sources.sniff(f) != sources.KIND_TEXT:
                raise OcrfixError(f"{f}: not a text file (use 'ocrfix ocr' for PDFs and images)")
            texts.append(sources.read_text_file(f))
    for text in texts:
        if args.format == "json":
            print(json.dumps([t.to_dict() for t in restore_tokens(text, args.profile)], ensure_ascii=False))
        else:
            sys.stdout.write(restore(text, args.profile))
    return ExitCode.OK


def _cmd_fields(args) -> int:
    from .pipeline import process

    doc = process(args.file, _config(args))
    print(json.dumps(doc.fields, ensure_ascii=False, indent=2))
    return ExitCode.OK


def _cmd_pdf(args) -> int:
    from . import sources
    from .pdf_output import write_pdf
    from .pipeline import process

    if sources.sniff(args.file) == sources.KIND_TEXT:
        raise OcrfixError(f"{args.file}: a text file has no page images to put a text layer on")
    if args.output != "-" and os.path.abspath(args.output) == os.path.abspath(args.file):
        raise OcrfixError(f"{args.output}: the output would overwrite the input (the input is never modified)")
    write_pdf(process(args.file, _config(args)), args.output, signed="rewrite" if args.rewrite_signed else "update")
    return ExitCode.OK


def _cmd_batch(args) -> int:
    from .batch import BatchOptions, run_batch

    options = BatchOptions(in_dir=args.in_dir, out_dir=args.out_dir, workers=args.workers, scheduler=args.scheduler,
                           force=args.force, format=args.format, quiet=args.quiet, pdf=args.pdf,
                           rewrite_signed=args.rewrite_signed)
    return run_batch(options, _config(args))


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="ocrfix: %(message)s")
    args = build_parser().parse_args(argv)
    handler = {"ocr": _cmd_ocr, "restore": _cmd_restore, "fields": _cmd_fields, "pdf": _cmd_pdf,
               "batch": _cmd_batch}[args.command]
    try:
        return int(handler(args))
    except OcrfixError as e:
        print(f"ocrfix: error: {e}", file=sys.stderr)
        return int(e.exit_code)
    except KeyboardInterrupt:
        print("ocrfix: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return ExitCode.OK
