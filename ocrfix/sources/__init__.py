"""Inputs → pages. Recognizes the file by its bytes, not its name, and yields one page at a time so that
memory stays bounded whatever the page count.

sniff.py (what a file is), images.py (PNG/JPEG/TIFF), pdf.py (opening PDFs, page scans at native
resolution), text_layer.py (judging an existing text layer: use, convert, restore or OCR, and why),
legacy_fonts.py (TCVN3 and VNI → Unicode)."""
from __future__ import annotations

import os
from typing import Iterator

from .. import errors
from .images import MAX_IMAGE_PIXELS, image_frame, image_pages, open_image
from .page import PageInput
from .pdf import open_pdf, pdf_page, pdf_pages
from .sniff import (IMAGE_SUFFIXES, KIND_IMAGE, KIND_PDF, KIND_TEXT, SUPPORTED_SUFFIXES,
                    TEXT_SUFFIXES, read_text_file, sniff)
from .text_layer import MODES as TEXT_LAYER_MODES


__all__ = ["PageInput", "sniff", "read_text_file", "iter_pages", "count_pages", "read_page", "open_pdf",
           "KIND_PDF", "KIND_IMAGE", "KIND_TEXT", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "IMAGE_SUFFIXES",
           "TEXT_LAYER_MODES", "MAX_IMAGE_PIXELS", "MIN_TEXT_LAYER_CHARS", "IMAGE_MAGIC"]


def _mode(force_ocr: bool, text_layer: str) -> str:
    if text_layer not in TEXT_LAYER_MODES:
        raise errors.UsageError(f"text layer mode must be one of {', '.join(TEXT_LAYER_MODES)}, not {text_layer!r}")
    return "ignore" if force_ocr else text_layer


def iter_pages(path: str | os.PathLike, dpi: int = 300, force_ocr: bool = False,
               text_layer: str = "auto") -> Iterator[PageInput]:
    """Yield the pages of any supported input, one at a time. `text_layer`: auto (judge each PDF page's
    layer), use (trust it), ignore (always OCR; `force_ocr` is the same)."""
    mode = _mode(force_ocr, text_layer)
    kind = sniff(path)
    if kind == KIND_TEXT:
        for i, chunk in enumerate(read_text_file(path).split("\f"), 1):
            yield PageInput(number=i, text=chunk, source="text")
    elif kind == KIND_IMAGE:
        yield from image_pages(path)
    else:
        yield from pdf_pages(path, dpi, mode)


def count_pages(path: str | os.PathLike) -> int:
    kind = sniff(path)
    if kind == KIND_TEXT:
        return read_text_file(path).count("\f") + 1
    if kind == KIND_IMAGE:
        with open_image(path) as im:
            return getattr(im, "n_frames", 1)
    return len(open_pdf(path).pages)


def read_page(path: str | os.PathLike, number: int, dpi: int = 300, force_ocr: bool = False,
              pdf_reader=None, text_layer: str = "auto") -> PageInput:
    """Page `number` (1-based) of a PDF or image, reading nothing else of the file. A batch worker may
    pass the PdfReader it keeps open for consecutive pages of one file."""
    kind = sniff(path)
    if kind == KIND_IMAGE:
        with open_image(path) as im:
            return image_frame(path, im, number)
    if kind != KIND_PDF:
        raise errors.UnsupportedFormatError(f"{path}: not a PDF or image")
    reader = pdf_reader or open_pdf(path)
    return pdf_page(path, reader.pages[number - 1], number, dpi, _mode(force_ocr, text_layer))
