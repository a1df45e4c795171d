"""OCR lines and the box arithmetic every pass shares. Pure functions."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Word

Box = tuple[int, int, int, int]  # left, top, width, height


@dataclass
class Line:
    words: list[Word]
    top: int
    left: int

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def lines_text(lines: list[Line]) -> str:
    return "\n".join(ln.text for ln in lines) + ("\n" if lines else "")


def has_alnum(s: str) -> bool:
    return any(c.isalnum() for c in s)


def reading_score(lines: list[Line]) -> float:
    """Confidence-weighted amount of text read: higher is a better reading of the same image."""
    return sum(w.confidence * len(w.text) for ln in lines for w in ln.words if has_alnum(w.text))


def median_height(words: list[Word]) -> int:
    """The median box height of some words: about a text line's height."""
    return sorted(wd.box[3] for wd in words)[len(words) // 2]


def text_height(lines: list[Line], sure_at: float = 80.0) -> int | None:
    """The page's text height: the median height of its lettered words read at least `sure_at` surely, or of all
    of them (None without any)."""
    words = [wd for ln in lines for wd in ln.words if has_alnum(wd.text)]
    sure = [wd for wd in words if wd.confidence >= sure_at] or words
    return median_height(sure) if sure else None


def overlap(a: Box, b: Box) -> float:
    """Share of box a's area that box b covers."""
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return iw * ih / max(1, a[2] * a[3]) if iw > 0 and ih > 0 else 0.0


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes: the same word read twice."""
    inter = overlap(a, b) * a[2] * a[3]
    return inter / max(1.0, a[2] * a[3] + b[2] * b[3] - inter)


def insert_block(lines: list[Line], block: list[Line]) -> list[Line]:
    """Put recovered lines before the first line that starts below them, keeping the rest in order."""
    top = block[0].top
    for i, ln in enumerate(lines):
        if ln.top > top:
            return lines[:i] + block + lines[i:]
    return lines + block


def shift(lines: list[Line], dx: int, dy: int) -> list[Line]:
    """Move lines read from a crop into page coordinates (in place; returns them)."""
    for ln in lines:
        for wd in ln.words:
            wd.box = (wd.box[0] + dx, wd.box[1] + dy, wd.box[2], wd.box[3])
        ln.top += dy
        ln.left += dx
    return lines


def in_a_row(lines: list[Line], box: Box) -> bool:
    """Whether a box lies in the row of a line read already, between or beside its words (no further from them
    than one line height): ink left over inside a line, not a line of its own."""
    x, y, w, h = box
    mid = y + h / 2
    for ln in lines:
        if not ln.words:
            continue
        top, bottom = min(v.box[1] for v in ln.words), max(v.box[1] + v.box[3] for v in ln.words)
        lh = median_height(ln.words)
        x0, x1 = min(v.box[0] for v in ln.words), max(v.box[0] + v.box[2] for v in ln.words)
        if top <= mid <= bottom and x <= x1 + lh and x + w >= x0 - lh:
            return True
    return False
