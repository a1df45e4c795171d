"""What batch workers run: top-level functions whose arguments are paths and numbers (cheap to pickle)."""
from __future__ import annotations

import os
import time

from .. import pipeline, sources
from ..config import Config
from ..document import Document, Page

_PDF_CACHE: dict = {}  # one open PdfReader per worker process, for consecutive pages of one file


def _pdf_reader(path: str):
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    reader = _PDF_CACHE.get(key)
    if reader is None:
        _PDF_CACHE.clear()
        reader = _PDF_CACHE[key] = sources.open_pdf(path)
    return reader


def read_page(path: str, number: int, config: Config) -> sources.PageInput:
    """Page `number` (1-based) of a PDF or image, reading nothing else of the file."""
    reader = _pdf_reader(path) if sources.sniff(path) == sources.KIND_PDF else None
    return sources.read_page(path, number, config.dpi, config.force_ocr, pdf_reader=reader,
                             text_layer=config.text_layer)


def probe_task(path: str, config: Config) -> tuple[str, int, Document | None, float]:
    """(kind, page count, finished Document for text inputs else None, seconds)."""
    t0 = time.perf_counter()
    kind = sources.sniff(path)
    if kind == sources.KIND_TEXT:
        doc = Document(source=path)
        doc.pages = pipeline.read_pages(path, config)
        read = time.perf_counter() - t0
        pipeline.finish(doc, config)
        doc.meta["timings"]["read"] = round(read, 3)
        return kind, len(doc.pages), doc, time.perf_counter() - t0
    return kind, sources.count_pages(path), None, time.perf_counter() - t0


def page_task(path: str, number: int, config: Config) -> tuple[Page, float]:
    t0 = time.perf_counter()
    page = pipeline.ocr_page(read_page(path, number, config), config)
    return page, time.perf_counter() - t0


def finish_task(doc: Document, config: Config) -> tuple[Document, float]:
    t0 = time.perf_counter()
    doc = pipeline.finish(doc, config)
    return doc, time.perf_counter() - t0
