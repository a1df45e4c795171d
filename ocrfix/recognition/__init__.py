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
from . import columns as _columns, nontext as _nontext, recovery as _recovery, seal as _seal, second_look as _second_look
from .language import before_initials
from .lines import insert_block, text_height
from ..tuning import DEFAULT_OCR, OcrTuning

__all__ = ["Line", "Reading", "check_tesseract", "get_engine", "lines_text", "ocr_words", "read_page",
           "reading_score", "recognize", "tesseract_version"]



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
              columns: bool = True, tuning: OcrTuning = DEFAULT_OCR) -> Reading:
    """OCR a grayscale page: its lines in reading order, with what each pass cost."""
    t = tuning
    engine = get_engine(lang)
    passes: dict[str, float] = {}
    t0 = time.perf_counter()
    lines = engine.read(img, 3, dpi)
    passes["first"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    hmed = text_height(lines, t.text_height_confidence)
    nontext = _nontext.find(img, hmed, [wd for ln in lines for wd in ln.words], t) if t.filter_junk else None
    if nontext is not None and nontext.zones:  # what the first pass read from a seal or signature goes
        for ln in lines:
            kept = _nontext.text_into_stamp(ln.words, nontext, hmed, t)
            gone = [i for i, wd in enumerate(ln.words) if i not in kept and _nontext.is_junk(wd, hmed, nontext, False, t)]
            past = _nontext.past_stamp(engine, img, ln.words, gone, nontext, hmed, dpi, t)
            ln.words = [wd for i, wd in enumerate(ln.words) if i not in gone]
            if past:  # the line's word glued to a stamp's contents, read again past the frame
                ln.words = sorted(ln.words + past, key=lambda wd: wd.box[0])
        lines = [ln for ln in lines if ln.words]
    passes["nontext"] = time.perf_counter() - t0

    def junk(wd) -> bool:
        return t.filter_junk and _nontext.is_junk(wd, hmed, nontext, True, t)

    recovered = 0
    partial: dict[int, list[dict]] = {}  # per zone: the seal re-read's partial name lines (not page text)
    if recover:
        t0 = time.perf_counter()
        regions = _recovery.uncovered_ink(img, lines, t, hmed)
        if nontext is not None:  # a region that is all seal or signature is not read at all
            regions = [r for r in regions if nontext.ink_share(r) < t.skip_region_share]
        if regions:
            lines, recovered = _recovery.recover(engine, img, lines, dpi, regions, junk, t)
            passes["recovery"] = time.perf_counter() - t0
    if nontext is not None and hmed and dpi and t.seal_reread:
        t0 = time.perf_counter()
        # a 1-bit scan's black seal joins the signer's block into one unread component: its ring is erased and
        # the lines beside it read again (only whole sure lines clear of the seal)
        big = _seal.min_diameter(dpi, t)
        tried = [z for z in nontext.zones if z.kind in ("signature", "seal") and min(z.box[2], z.box[3]) >= big]
        for z in tried:
            known = [wd.box for ln in lines for wd in ln.words]
            block, part = _seal.reread_zone(engine, img, z.box, dpi, hmed, known, t)
            if block:
                lines = insert_block(lines, sorted(block, key=lambda b: b.top))
            if part:
                partial[id(z)] = part
        if tried:
            passes["seal"] = time.perf_counter() - t0
    if columns and _columns.has_columns(lines, img.shape[1], t):
        t0 = time.perf_counter()
        lines = _columns.split_columns(engine, img, lines, dpi, junk, t)
        passes["columns"] = time.perf_counter() - t0
    if t.filter_junk:  # a printed dot leader read as letters and digits is its dots
        _nontext.dot_leaders(lines, img, hmed, t)
    t0 = time.perf_counter()
    if _second_look.second_look(engine, img, lines, dpi, t):
        passes["second_look"] = time.perf_counter() - t0
    if t.filter_junk:  # the drafter's initials glued to a closing './.' or '(2b).' (first-pass words, unsure)
        for ln in lines:
            for wd in ln.words:
                cut = before_initials(wd.text) if wd.confidence < t.junk_sure else None
                if cut:
                    wd.text = cut
    lines = _second_look.drop_specks(lines, t)
    for i, ln in enumerate(lines):
        for wd in ln.words:
            wd.line = i
    return Reading(lines=lines, recovered=recovered, passes={k: round(v, 3) for k, v in passes.items()},
                   non_text=[_zone_dict(z, partial.get(id(z))) for z in nontext.zones] if nontext is not None else [])


def _zone_dict(z, partial: list[dict] | None) -> dict:
    """A non-text zone as Page.non_text holds it; with the seal re-read's partial name lines under "partial"."""
    d = z.to_dict()
    if partial:
        d["partial"] = partial
    return d


def recognize(img: np.ndarray, lang: str = "vie", dpi: int | None = None, recover: bool = True,
              columns: bool = True, tuning: OcrTuning = DEFAULT_OCR) -> tuple[list[Line], int]:
    """OCR a grayscale page; returns its lines in reading order and how many regions were recovered."""
    r = read_page(img, lang, dpi, recover, columns, tuning)
    return r.lines, r.recovered
