"""Restored text → OCR word boxes: which box each word of `Page.text` is written on.

Restoration changes word tokens inside `Page.raw_text` and keeps its whitespace (`Page.corrections` lists each
change with its span in the raw text), and the raw text is the OCR words joined by spaces and line breaks. So
each restored word comes from a span of the raw text: one OCR word (the usual 1:1 case), several (a merge,
"1 140/STTTT" → "1140/STTTT": the union of their boxes) or a part of one (a split: that part of the box, in
proportion to the characters). Pure functions.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from ..document import Page

_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True)
class LayerWord:
    text: str
    box: tuple[float, float, float, float]  # left, top, width, height in the OCR'd frame's pixels
    line: int  # OCR line of the (first) word it came from


def _box(b) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in b)
    return x, y, w, h


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s or "")


def _segments_from_corrections(raw: str, text: str, corrections: list[dict]) -> list[tuple[int, int, int, int]] | None:
    """(raw start, raw end, text start, text end) pieces, or None when the corrections do not spell `text`."""
    segs, pos, out = [], 0, 0

    def keep(a: int, b: int) -> bool:  # an unchanged piece raw[a:b]
        nonlocal out
        if text[out:out + b - a] != raw[a:b]:
            return False
        segs.append((a, b, out, out + b - a))
        out += b - a
        return True

    try:
        for c in sorted(corrections, key=lambda c: int(c["start"])):
            s, e, o = int(c["start"]), int(c["end"]), _nfc(c["output"])
            if s < pos or e > len(raw) or raw[s:e] != _nfc(c["text"]):
                return None
            if s > pos and not keep(pos, s):
                return None
            if text[out:out + len(o)] != o:
                return None
            segs.append((s, e, out, out + len(o)))
            out += len(o)
            pos = e
    except (KeyError, TypeError, ValueError):
        return None
    if pos < len(raw) and not keep(pos, len(raw)):
        return None
    return segs if out == len(text) else None


def _segments_by_diff(raw: str, text: str) -> list[tuple[int, int, int, int]]:
    sm = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    return [(i1, i2, j1, j2) for _tag, i1, i2, j1, j2 in sm.get_opcodes()]


def _raw_intervals(segs, n_text: int) -> list[tuple[float, float]]:
    """For each character of the restored text, the stretch of raw text it stands for (inside a change, the
    change's raw span shared out in proportion)."""
    out = [(0.0, 0.0)] * n_text
    for rs, re_, ts, te in segs:
        n = te - ts
        step = (re_ - rs) / n if n else 0.0
        for k in range(n):
            out[ts + k] = (rs + k * step, rs + (k + 1) * step)
    return out


def _word_spans(raw: str, words) -> list[tuple[int, int]] | None:
    """Span in the raw text of each OCR word (the raw text is the words joined by whitespace)."""
    spans = [(m.start(), m.end()) for m in _CHUNK.finditer(raw)]
    if len(spans) == len(words) and all(raw[s:e] == _nfc(w.text) for (s, e), w in zip(spans, words)):
        return spans
    return None


def layer_words(page: Page) -> list[LayerWord]:
    """The restored words of an OCR page placed on the boxes of the OCR words they came from."""
    words = [w for w in page.words if _nfc(w.text).strip()]
    if not words:
        return []
    raw = _nfc(page.raw_text)
    text = _nfc(page.text) if page.text else raw
    spans = _word_spans(raw, words)
    if spans is None:  # words do not spell the raw text (a caller built the page by hand): use the words
        raw = " ".join(_nfc(w.text) for w in words)
        spans = [(m.start(), m.end()) for m in _CHUNK.finditer(raw)]
        words = [w for w in words if " " not in _nfc(w.text).strip()] if len(spans) != len(words) else words
        if len(spans) != len(words):
            return [LayerWord(_nfc(w.text), _box(w.box), w.line) for w in words]
    segs = None
    if text != raw:
        segs = _segments_from_corrections(raw, text, page.corrections) or _segments_by_diff(raw, text)
    spans_of = _raw_intervals(segs, len(text)) if segs is not None else None
    out: list[LayerWord] = []
    for m in _CHUNK.finditer(text):
        if spans_of is None:
            lo, hi = float(m.start()), float(m.end())
        else:
            iv = spans_of[m.start():m.end()]
            lo, hi = min(a for a, _ in iv), max(b for _, b in iv)
        box = _box_for(lo, hi, spans, words)
        if box is None:  # nothing of the raw text under it (inserted by a change): next to the last word
            if not out:
                continue
            last = out[-1]
            box, line = (last.box[0] + last.box[2], last.box[1], last.box[3] * 0.3, last.box[3]), last.line
        else:
            box, line = box
        out.append(LayerWord(m.group(), box, line))
    return out


def _box_for(lo: float, hi: float, spans, words):
    """Union of the parts of the OCR word boxes that raw positions [lo, hi) cover."""
    parts = []
    for (s, e), w in zip(spans, words):
        a, b = max(lo, s), min(hi, e)
        if b - a <= 0:
            continue
        x, y, bw, bh = map(float, w.box)
        f0, f1 = (a - s) / (e - s), (b - s) / (e - s)
        parts.append((x + f0 * bw, y, x + f1 * bw, y + bh, w.line))
    if not parts:
        return None
    x0 = min(p[0] for p in parts)
    y0 = min(p[1] for p in parts)
    x1 = max(p[2] for p in parts)
    y1 = max(p[3] for p in parts)
    return (x0, y0, max(x1 - x0, 1.0), max(y1 - y0, 1.0)), parts[0][4]
