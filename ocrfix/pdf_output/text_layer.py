"""The invisible text layer of one page: a content stream that writes each restored word on its OCR box.

Per OCR line: the em is the line's (median) word height and the baseline sits 20 % of it above the words'
(median) bottom (the font's descent), so a viewer's highlight covers the line. Per word: the text matrix puts
the word's start on its box, and horizontal scaling (Tz) stretches it to the box's width; an explicit space,
scaled to the gap, separates it from the next word on the line so that text extraction never runs two words
together. Text rendering mode 3 (invisible). Everything is drawn in the OCR'd image's pixels and mapped to user
space by one affine, which carries the page's scale, /Rotate, the image's placement and ocrfix's orientation
turn; words on a deskewed page are drawn level at their place.
"""
from __future__ import annotations

from collections import defaultdict
from statistics import median

from . import font as F
from .geometry import Affine, snap_to_quarter, then
from .words import LayerWord

BASELINE_FRACTION = 0.2  # of the line height, above its bottom: equals the font's descent (DESCENT / 1000)
MIN_TZ = 0.01  # horizontal scaling (per cent) of a space between words that touch or overlap
# poppler (pdftotext) drops a character repeated within 0.1 em of the previous one as fake bold: a word whose
# letters are narrower than this (a 4 px "__" on a 30 px line) gets a smaller em
MIN_ADVANCE_EM = 0.2
# poppler starts a new word only across a gap of 0.1 em or more (its minWordBreakSpace), explicit space or not:
# a word that touches the next (a split, "Quyếtđịnh" → "Quyết định") is narrowed to leave this much
MIN_GAP_EM = 0.15
# a word on a page ocrfix deskewed is drawn level, at its place (poppler splits a word whose baseline drifts
# by half a point: "30/7/2024" on a page 0.8° askew came out as "30/7/20 24"); deskew turns at most 6°
MAX_SNAP_DEGREES = 10.0
MAX_NARROWING = 0.5  # but keeps at least this share of its box


def _num(v: float) -> str:
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _matrix(m: Affine) -> str:
    return " ".join(_num(v) for v in m)


def _hex(text: str) -> str:
    return "<" + F.encode(text).hex().upper() + ">"


def content_stream(words: list[LayerWord], to_user: Affine, font_resource: str) -> bytes:
    """`q BT 3 Tr … ET Q` writing `words` (boxes in pixels) through `to_user`; empty bytes for no words."""
    if not words:
        return b""
    lines: dict[int, list[LayerWord]] = defaultdict(list)
    for w in words:
        lines[w.line].append(w)
    ops = ["q", "BT", "3 Tr", f"/{font_resource.lstrip('/')} 1 Tf"]
    for line_words in lines.values():
        line_words.sort(key=lambda w: w.box[0])
        # medians: one box OCR stretched over a stamp or the next line ("ĐOÀN" 62 px high on a 26 px line) must
        # not make the line overlap its neighbours, which makes pdftotext run words of two lines together
        size = max(median(w.box[3] for w in line_words), 1.0)
        bottom = median(w.box[1] + w.box[3] for w in line_words)
        baseline = bottom - BASELINE_FRACTION * size
        for i, w in enumerate(line_words):
            x, _y, width, _h = w.box
            n = len(w.text)
            em = min(size, width / n / MIN_ADVANCE_EM)
            if i + 1 < len(line_words):
                room = line_words[i + 1].box[0] - x - MIN_GAP_EM * em
                width = max(min(width, room), MAX_NARROWING * width)
            # text space → pixels: em px, y up; then pixels → user space
            tm = snap_to_quarter(then((em, 0.0, 0.0, -em, x, baseline), to_user), MAX_SNAP_DEGREES)
            tz = 100.0 * width / (n * F.GLYPH_ADVANCE / 1000.0 * em)
            ops.append(f"{_matrix(tm)} Tm {_num(tz)} Tz {_hex(w.text)} Tj")
            if i + 1 < len(line_words):
                gap = line_words[i + 1].box[0] - (x + width)
                tz_space = max(100.0 * gap / (F.GLYPH_ADVANCE / 1000.0 * em), MIN_TZ)
                ops.append(f"{_num(tz_space)} Tz <0020> Tj")
    ops += ["ET", "Q"]
    return ("\n".join(ops) + "\n").encode("ascii")
