"""The zones of a Decree-30 page from its word boxes: the two-column header (issuer and number left, motto
and date right), the body, and the bottom (Nơi nhận left, signature right), each read in order.

OCR reads "UBND HUYỆN KIM BẢNG   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" line by line across both columns; here
the left column's lines come first, then the right column's, so the text parsers see "UBND HUYỆN KIM BẢNG" /
"Số: 12/BC-UBND" / … / "CỘNG HÒA …".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..document import Word
from ..tuning import DEFAULT_LAYOUT, LayoutTuning
from ..vntext import NOI_NHAN_RE, fold
from .debris import garbled, signature_words
from .geometry import median_height, rows_of, side, split_header_row, split_row, text_of

MAX_HEADER_ROWS = 16  # the header block is within a page's first rows


@dataclass
class PageLayout:
    """A page's lines by zone, in reading order. `header_*` is None where the header was not looked for (pages
    after the first); `recipients`/`signature` are None where the page has no "Nơi nhận" block (the lines of a
    signature without one stay in `body`, seal debris left out)."""

    header_left: list[str] | None = None
    header_right: list[str] | None = None
    body: list[str] = field(default_factory=list)
    recipients: list[str] | None = None
    signature: list[str] | None = None
    dropped: list[str] = field(default_factory=list)  # words read from seal/signature ink or unreadable rows
    # digits written by hand into the page's printed blanks (the number, the day): [text, confidence]
    handwritten: list[tuple[str, float]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The page in reading order: header left, header right, body, Nơi nhận, signature (blank-line separated)."""
        out: list[str] = []
        if self.header_left is not None:
            out.extend(self.header_left + [""] + (self.header_right or []) + [""])
        out.extend(self.body)
        if self.recipients is not None:
            out.extend([""] + self.recipients + [""] + (self.signature or []))
        return "\n".join(out)


def _dropped(row: Sequence[Word], kept: Sequence[Word]) -> list[str]:
    ids = {id(w) for w in kept}
    return [w.text for w in row if id(w) not in ids]


def analyze(words: Sequence[Word], width: float | None, header: bool = True, bottom: bool = True,
            tuning: LayoutTuning = DEFAULT_LAYOUT) -> PageLayout:
    """Zones of one page from its words (boxes in page pixels; `width` the page width)."""
    out = PageLayout(handwritten=[(w.text, w.confidence) for w in words if w.handwritten])
    if not words:
        return out
    rows = rows_of(words)
    width = float(width or max(w.box[0] + w.box[2] for w in words))
    line_h = median_height(words, letters_only=True)
    i = 0
    if header:
        out.header_left, out.header_right = [], []
        while i < len(rows) and i < MAX_HEADER_ROWS:
            row = rows[i]
            if fold(text_of(row)).startswith(("kinh gui", "can cu", "kinh ")):
                break
            parts = split_header_row(row, width, tuning)
            if parts:
                out.header_left.append(text_of(parts[0]))
                out.header_right.append(text_of(parts[1]))
            else:
                where = side(row, width)
                if where == "full":
                    break
                (out.header_left if where == "left" else out.header_right).append(text_of(row))
            i += 1
    nn = None
    if bottom:
        for k in range(i, len(rows)):
            if NOI_NHAN_RE.match(fold(text_of(rows[k]))):
                nn = k
    if nn is None:  # no Nơi nhận (a quyết định signed above its annex): the signature is still right-only rows
        for r in rows[i:]:
            sig = signature_words(r, line_h, tuning) if bottom and side(r, width) == "right" else r
            out.dropped.extend(_dropped(r, sig))
            if sig:
                out.body.append(text_of(sig))
        return out
    # right-only rows just above "Nơi nhận" belong to the signature
    top = nn
    while top - 1 >= i and nn - top < 3 and not split_row(rows[top - 1], width, tuning) and \
            side(rows[top - 1], width) == "right":
        top -= 1
    out.body.extend(text_of(r) for r in rows[i:top])
    out.recipients, out.signature = [], []
    for row in rows[top:]:
        parts = split_row(row, width, tuning)
        left, right = (parts if parts else (row, []) if row[0].box[0] < width * 0.4 else ([], row))
        if left:
            if garbled(left, tuning):
                out.dropped.extend(w.text for w in left)
            else:
                out.recipients.append(text_of(left))
        if right:
            sig = signature_words(right, line_h, tuning)
            out.dropped.extend(_dropped(right, sig))
            if sig:
                out.signature.append(text_of(sig))
    return out
