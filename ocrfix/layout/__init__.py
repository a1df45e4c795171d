"""Page layout, one stage: geometry (rows, line height, column gaps), zones (header, body, Nơi nhận,
signature) and reading order, from OCR word boxes. Run once per document by the pipeline, after restoration,
so that zones hold the restored words; the result is `Page.layout`, and fields read its text.

>>> from ocrfix.document import Word
>>> words = [Word("UBND", (100, 100, 80, 20), 95, 0), Word("CỘNG", (700, 100, 80, 20), 95, 0),
...          Word("HÒA", (790, 100, 60, 20), 95, 0)]
>>> lay = analyze(words, 1200)
>>> lay.header_left, lay.header_right
(['UBND'], ['CỘNG HÒA'])
"""
from __future__ import annotations

from dataclasses import replace

from ..document import Document, Page
from ..tuning import DEFAULT_LAYOUT, LayoutTuning
from .zones import PageLayout, analyze

__all__ = ["PageLayout", "analyze", "analyze_page", "analyze_document"]


def analyze_page(page: Page, header: bool, tuning: LayoutTuning = DEFAULT_LAYOUT) -> PageLayout | None:
    """The page's zones from its OCR words, each word as restoration left it (`Word.restored`) where
    restoration kept one token per word; None for a page without word boxes (text input, a text layer)."""
    if not page.words or (page.text and page.source == "text"):
        return None
    words = [replace(w, text=w.restored) if w.restored is not None else w for w in page.words]
    return analyze(words, page.width, header=header, bottom=True, tuning=tuning)


def analyze_document(doc: Document, tuning: LayoutTuning = DEFAULT_LAYOUT) -> Document:
    """Set `Page.layout` on every page with word boxes (the header is looked for on the first page)."""
    for k, p in enumerate(doc.pages):
        p.layout = analyze_page(p, header=(k == 0), tuning=tuning)
    return doc
