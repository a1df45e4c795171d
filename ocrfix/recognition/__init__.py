"""OCR of one page image: Tesseract's reading, then the passes that mend it (each only where it pays).

    first pass (psm 3) → lost-text recovery → two-column pass → second look at unsure words → specks dropped

`read_page` returns a `Reading` (lines, regions recovered, non-text regions, seconds per pass); `recognize`
is the older tuple form; `ocr_words` is one plain Tesseract call (for other stages' crops)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .engine import check_tesseract, get_engine, tesseract_version
from .lines import Line, lines_text, reading_score
from . import columns as _columns, nontext as _nontext, recovery as _recovery, second_look as _second_look
from .lines import text_height

__all__ = ["Line", "Reading", "check_tesseract", "get_engine", "lines_text", "ocr_words", "read_page",
           "reading_score", "recognize", "tesseract_version"]


FILTER_JUNK = True  # leave out what seals, signatures and emblems read as (off: the passes keep all they read)
SKIP_REGION_SHARE = 0.8  # an uncovered region whose ink is this much seal/signature is not read again


@dataclass
class Reading:
    lines: list[Line]
    recovered: int = 0  # uncovered regions that gave words
    non_text: list[dict] = field(default_factory=list)  # [{"box": [x, y, w, h], "kind": "seal" | ...}]
    passes: dict[str, float] = field(default_factory=dict)  # seconds per pass that ran


def ocr_words(img: np.ndarray, lang: str = "vie", dpi: int | None = None, psm: int = 3) -> list[Line]:
    """One Tesseract reading of a grayscale image (a page or a crop): lines of words with boxes."""
    return get_engine(lang).read(img, psm, dpi)


def read_page(img: np.ndarray, lang: str = "vie", dpi: int | None = None, recover: bool = True,
              columns: bool = True) -> Reading:
    """OCR a grayscale page: its lines in reading order, with what each pass cost."""
    engine = get_engine(lang)
    passes: dict[str, float] = {}
    t = time.perf_counter()
    lines = engine.read(img, 3, dpi)
    passes["first"] = time.perf_counter() - t
    t = time.perf_counter()
    hmed = text_height(lines)
    nontext = _nontext.find(img, hmed, [wd for ln in lines for wd in ln.words]) if FILTER_JUNK else None
    if nontext is not None and nontext.zones:  # what the first pass read from a seal or signature goes
        for ln in lines:
            ln.words = [wd for wd in ln.words if not _nontext.is_junk(wd, hmed, nontext, strict=False)]
        lines = [ln for ln in lines if ln.words]
    passes["nontext"] = time.perf_counter() - t

    def junk(wd) -> bool:
        return FILTER_JUNK and _nontext.is_junk(wd, hmed, nontext, strict=True)

    recovered = 0
    if recover:
        t = time.perf_counter()
        regions = _recovery.uncovered_ink(img, lines)
        if nontext is not None:  # a region that is all seal or signature is not read at all
            regions = [r for r in regions if nontext.ink_share(r) < SKIP_REGION_SHARE]
        if regions:
            lines, recovered = _recovery.recover(engine, img, lines, dpi, regions, junk)
            passes["recovery"] = time.perf_counter() - t
    if columns and _columns.has_columns(lines, img.shape[1]):
        t = time.perf_counter()
        lines = _columns.split_columns(engine, img, lines, dpi, junk)
        passes["columns"] = time.perf_counter() - t
    t = time.perf_counter()
    if _second_look.second_look(engine, img, lines, dpi):
        passes["second_look"] = time.perf_counter() - t
    lines = _second_look.drop_specks(lines)
    for i, ln in enumerate(lines):
        for wd in ln.words:
            wd.line = i
    return Reading(lines=lines, recovered=recovered, passes={k: round(v, 3) for k, v in passes.items()},
                   non_text=[z.to_dict() for z in nontext.zones] if nontext is not None else [])


def recognize(img: np.ndarray, lang: str = "vie", dpi: int | None = None, recover: bool = True,
              columns: bool = True) -> tuple[list[Line], int]:
    """OCR a grayscale page; returns its lines in reading order and how many regions were recovered."""
    r = read_page(img, lang, dpi, recover, columns)
    return r.lines, r.recovered
