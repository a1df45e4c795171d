"""Rebuild reading order from word boxes: the two-column header (issuer and number left, motto and date
right) and the bottom (Nơi nhận left, signature right) that OCR reads line by line across both columns.

"UBND HUYỆN KIM BẢNG   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" becomes the left column's lines, then the right
column's, so the plain-text parser sees "UBND HUYỆN KIM BẢNG" / "Số: 12/BC-UBND" / … / "CỘNG HÒA …".
"""
from __future__ import annotations

from typing import Sequence

from ..document import Document, Page, Word
from .anchors import NOI_NHAN_RE, fold

__all__ = ["rows_of", "layout_text", "document_text"]


def rows_of(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into visual rows (vertical overlap), each sorted left to right, rows top to bottom."""
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted((w for w in words if w.text.strip()), key=lambda w: (w.box[1], w.box[0])):
        top, h = w.box[1], max(1, w.box[3])
        mid = top + h / 2
        for i, (a, b) in enumerate(spans):
            if a <= mid <= b:
                rows[i].append(w)
                spans[i] = (min(a, top), max(b, top + h))
                break
        else:
            rows.append([w])
            spans.append((top, top + h))
    order = sorted(range(len(rows)), key=lambda i: spans[i][0])
    return [sorted(rows[i], key=lambda w: w.box[0]) for i in order]


def _text(ws: Sequence[Word]) -> str:
    return " ".join(w.text for w in ws).strip()


def _split_x(rows: list[list[Word]], width: float) -> float:
    """x where the right column starts: the left edge of "CỘNG" (of the motto) or of the date, else 45 %."""
    for row in rows[:12]:
        for i, w in enumerate(row):
            f = fold(w.text)
            if f == "cong" and i + 1 < len(row) and fold(row[i + 1].text).startswith("hoa") and w.box[0] > width * 0.25:
                return w.box[0] - 2
            if f in ("doc",) and i + 1 < len(row) and fold(row[i + 1].text).startswith("lap") and w.box[0] > width * 0.25:
                return w.box[0] - 2
    return width * 0.45


def _centered(row: list[Word], width: float, split: float) -> bool:
    left, right = row[0].box[0], row[-1].box[0] + row[-1].box[2]
    centre = (left + right) / 2
    crosses = any(w.box[0] < split < w.box[0] + w.box[2] for w in row)
    return crosses or (abs(centre - width / 2) < width * 0.08 and left > width * 0.2)


def layout_text(page: Page, header: bool = True, bottom: bool = True) -> str:
    """Text of one page with the header and bottom columns read one after the other."""
    if not page.words:
        return page.text or page.raw_text
    rows = rows_of(page.words)
    width = float(page.width or max(w.box[0] + w.box[2] for w in page.words))
    split = _split_x(rows, width)
    out: list[str] = []
    i = 0
    if header:
        left: list[str] = []
        right: list[str] = []
        seen_anchor = False
        while i < len(rows):
            row = rows[i]
            ftxt = fold(_text(row))
            if seen_anchor and _centered(row, width, split):
                break
            if i >= 14:
                break
            lw = [w for w in row if w.box[0] + w.box[2] / 2 < split]
            rw = [w for w in row if w.box[0] + w.box[2] / 2 >= split]
            if lw:
                left.append(_text(lw))
            if rw:
                right.append(_text(rw))
            if "ngay" in ftxt and "thang" in ftxt or ftxt.startswith(("so", "s0", "sb", "s6")):
                seen_anchor = True
            i += 1
        out.extend(left + [""] + right + [""])
    # bottom: from the "Nơi nhận" row on
    nn = None
    if bottom:
        for k in range(i, len(rows)):
            if NOI_NHAN_RE.match(fold(_text(rows[k]))) or NOI_NHAN_RE.match(fold(rows[k][0].text + " " +
                                                                                (rows[k][1].text if len(rows[k]) > 1 else ""))):
                nn = k
    if nn is None:
        out.extend(_text(r) for r in rows[i:])
        return "\n".join(out)
    # right-only rows just above "Nơi nhận" belong to the signature
    top = nn
    while top - 1 >= i and all(w.box[0] >= width * 0.45 for w in rows[top - 1]) and nn - top < 3:
        top -= 1
    out.extend(_text(r) for r in rows[i:top])
    nsplit = width * 0.45
    left, right = [], []
    for row in rows[top:]:
        lw = [w for w in row if w.box[0] + w.box[2] / 2 < nsplit]
        rw = [w for w in row if w.box[0] + w.box[2] / 2 >= nsplit]
        if lw:
            left.append(_text(lw))
        if rw:
            right.append(_text(rw))
    out.extend([""] + left + [""] + right)
    return "\n".join(out)


def document_text(doc: Document) -> str:
    """Text for field extraction: layout-aware where pages have word boxes, else restored text."""
    parts = []
    n = len(doc.pages)
    for k, p in enumerate(doc.pages):
        if p.words and not (p.text and p.source == "text"):
            page = p
            toks = (p.text or "").split()
            if p.text and len(toks) == len(p.words):  # restored text, one token per OCR word: use it
                page = Page(number=p.number, raw_text=p.raw_text, text=p.text, width=p.width, height=p.height,
                            words=[Word(t, w.box, w.confidence, w.line) for t, w in zip(toks, p.words)])
            parts.append(layout_text(page, header=(k == 0), bottom=True))
        else:
            parts.append(p.text or p.raw_text)
    return "\f".join(parts) if n else ""
