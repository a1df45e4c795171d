"""Page geometry from OCR word boxes: the text's line height, visual rows, column gaps.

One column detector for the whole pipeline: `split_row` finds the gap between the two columns of a
Decree-30 header or bottom block (issuer | motto, Nơi nhận | signature)."""
from __future__ import annotations

import re

from typing import Sequence

from ..document import Word
from ..tuning import DEFAULT_LAYOUT, LayoutTuning

_DASHES = "-_—–~=.·"


def median_height(words: Sequence[Word], letters_only: bool = False) -> int:
    """The median box height of some words, about a text line's height (0 for none). With `letters_only`,
    words without a letter or digit (dashes, seal strokes) do not count."""
    hs = sorted(w.box[3] for w in words if not letters_only or any(c.isalnum() for c in w.text))
    return hs[len(hs) // 2] if hs else 0


def is_rule(w: Word, line_h: float) -> bool:
    """A printed rule under the issuer or the motto read as '-' or '—': only dashes, wider than 3 line heights
    (a hyphen or a "- " bullet is far shorter)."""
    return not w.text.strip(_DASHES) and w.box[2] > 3 * line_h


def rows_of(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into visual rows (vertical centres within half a line height of the row's centre),
    each sorted left to right, rows top to bottom."""
    ws = [w for w in words if w.text.strip()]
    if not ws:
        return []
    heights = sorted(max(1, w.box[3]) for w in ws)
    h = heights[len(heights) // 2]
    ws = sorted((w for w in ws if not is_rule(w, h)), key=lambda w: w.box[1] + w.box[3] / 2)
    if len({w.line for w in ws}) > 1:
        # the OCR engine's own lines (Tesseract keeps a wrapped title and its words together even where the
        # two columns have different line pitches)
        by_line: dict[int, list[Word]] = {}
        for w in ws:
            by_line.setdefault(w.line, []).append(w)
        groups = list(by_line.values())

        def mid(g: list[Word]) -> float:
            cs = sorted(w.box[1] + w.box[3] / 2 for w in g)
            return cs[len(cs) // 2]

        groups.sort(key=mid)
        groups = _join_side_by_side(groups, h)
        return [_drop_overlapping_dashes(sorted(g, key=lambda w: w.box[0])) for g in groups]
    rows: list[list[Word]] = []
    spans: list[list[float]] = []  # running mean top and bottom of each row
    for w in ws:
        top, bot = float(w.box[1]), float(w.box[1] + max(1, w.box[3]))
        if bot - top > 1.6 * h:  # seal or signature strokes read as text: a line-high band at its centre
            c = (top + bot) / 2
            top, bot = c - h / 2, c + h / 2
        # the best-overlapping of the last few rows (columns can make rows interleave slightly)
        best, bi = 0.0, -1
        for i in range(max(0, len(rows) - 3), len(rows)):
            a, b = spans[i]
            ov = min(bot, b) - max(top, a)
            frac = ov / max(1.0, min(bot - top, b - a, 1.2 * h))
            if frac > best:
                best, bi = frac, i
        if bi < 0 or best < 0.5:
            rows.append([w])
            spans.append([float(top), float(bot)])
        else:
            rows[bi].append(w)
            n = len(rows[bi])
            spans[bi][0] += (top - spans[bi][0]) / n
            spans[bi][1] += (bot - spans[bi][1]) / n
    centres = [(a + b) / 2 for a, b in spans]
    order = sorted(range(len(rows)), key=lambda i: centres[i])
    return [_drop_overlapping_dashes(sorted(rows[i], key=lambda w: w.box[0])) for i in order]


def _join_side_by_side(groups: list[list[Word]], h: float) -> list[list[Word]]:
    """OCR lines that are one printed line cut in two: neighbours in the top-to-bottom order on the same band
    (centres within a third of a line height), left and right of each other with less than a line height
    between them ('Hải' | 'Hòa' of a signer's name, '-PHÓ' | 'TRƯỞNG BAN' of a post, read as two lines in the
    wrong order under the signature's ink; random layouts, dev, 150 dpi). Columns are far wider apart. A line's
    band and ends are its words' with a letter or digit: a speck of the signature's ink read into one of the two
    ('__—' under 'BAN' of 'TRƯỞNG' | 'BAN', random layouts, dev, 200 dpi) says nothing of where the line lies."""
    out: list[list[Word]] = []
    for g in groups:
        if out:
            p, q = _lettered(out[-1]), _lettered(g)
            cp = sorted(w.box[1] + w.box[3] / 2 for w in p)[len(p) // 2]
            cg = sorted(w.box[1] + w.box[3] / 2 for w in q)[len(q) // 2]
            pl, pr = min(w.box[0] for w in p), max(w.box[0] + w.box[2] for w in p)
            gl, gr = min(w.box[0] for w in q), max(w.box[0] + w.box[2] for w in q)
            gap = gl - pr if gl >= pr else pl - gr
            if (abs(cp - cg) <= h / 3 or _same_band(p, q)) and 0 <= gap <= h:
                out[-1].extend(g)
                continue
        out.append(g)
    return out


def _same_band(p: list[Word], q: list[Word]) -> bool:
    """Whether two lines' words overlap in height by most of the lower one's: 'TRƯỞNG' (30 px) and a 'BAN' read
    43 px tall with the ink under it, centres 10 px apart."""
    pt, pb = min(w.box[1] for w in p), max(w.box[1] + w.box[3] for w in p)
    qt, qb = min(w.box[1] for w in q), max(w.box[1] + w.box[3] for w in q)
    return min(pb, qb) - max(pt, qt) >= 0.75 * min(pb - pt, qb - qt)


def _lettered(line: list[Word]) -> list[Word]:
    """A line's words with a letter or digit (all of them where none has one)."""
    return [w for w in line if any(c.isalnum() for c in w.text)] or line


def _drop_overlapping_dashes(row: list[Word]) -> list[Word]:
    """Remove dash-only tokens lying on another word (a rule or underline under it), keep real hyphens: one
    whose centre is at the end of a word's box lies beside it ('2025 - 2026' with the digits' box read too wide
    over the dash)."""
    def overlaps(a: Word, b: Word) -> bool:
        c = a.box[0] + a.box[2] / 2
        return b.box[0] + 0.1 * b.box[2] < c < b.box[0] + 0.9 * b.box[2]

    return [w for w in row if w.text.strip(_DASHES) or not any(o is not w and o.text.strip(_DASHES)
                                                               and overlaps(w, o) for o in row)]


def split_row(row: list[Word], width: float, tuning: LayoutTuning = DEFAULT_LAYOUT
              ) -> tuple[list[Word], list[Word]] | None:
    """(left, right) at the widest gap near the middle of the page (its midpoint in the central half) when it
    is at least `tuning.column_gap` of the page width; None for a row of one block."""
    best, at = 0.0, -1
    for k in range(len(row) - 1):
        end = row[k].box[0] + row[k].box[2]
        gap = row[k + 1].box[0] - end
        mid = (end + row[k + 1].box[0]) / 2
        if gap > best and width * 0.25 <= mid <= width * 0.75:
            best, at = gap, k
    if at >= 0 and best >= width * tuning.column_gap:
        return row[:at + 1], row[at + 1:]
    return None


def split_header_row(row: list[Word], width: float, tuning: LayoutTuning = DEFAULT_LAYOUT
                     ) -> tuple[list[Word], list[Word]] | None:
    """`split_row`, or for a header row whose right part is the place and date line set closer to the left
    column's line than the column gap (`_place_date_split`)."""
    parts = split_row(row, width, tuning)
    if parts or len(row) < 4:
        return parts
    return _place_date_split(row, [row[k + 1].box[0] - row[k].box[0] - row[k].box[2] for k in range(len(row) - 1)])


# the right column's place and date line ('Thành phố Hồ Chí Minh, ngày 28 tháng 11', 'Hà Nội, ngày …')
_PLACE_DATE_RE = re.compile(r"^(?:Thành phố |TP\.\s?)?(?:[A-ZĐÀ-Ỹ][^\W\d_]*\s+){0,4}[A-ZĐÀ-Ỹ][^\W\d_]*,\s*ngày\b")


def _place_date_split(row: list[Word], gaps: list[int]) -> tuple[list[Word], list[Word]] | None:
    """(left, right) of a header row whose right part is the place and date line, set so close to the left
    column's line that no gap tells them apart (20 px, word gaps 7–20 px; random layouts, dev: 'V/v khẩn trương
    hoàn thành cập' + 'Thành phố Hồ Chí Minh, ngày 28 tháng 11'): split before the first word from which the
    row reads as that line, where the gap (before any specks left there) is 1.5 times the row's median gap;
    the specks go with neither side."""
    med = sorted(gaps)[len(gaps) // 2]
    for k in range(2, len(row) - 2):
        if not _PLACE_DATE_RE.match(text_of(row[k:])):
            continue
        j = k
        while j > 2 and not any(c.isalnum() for c in row[j - 1].text):
            j -= 1  # '_' between the two lines
        if gaps[j - 1] >= 1.5 * max(med, 1):
            return row[:j], row[k:]
        return None
    return None


def side(row: list[Word], width: float) -> str:
    """'left', 'right' or 'full' for a row without a column gap."""
    left, right = row[0].box[0], row[-1].box[0] + row[-1].box[2]
    if left < width * 0.5 < right and 0.42 <= (left + right) / 2 / width <= 0.62:
        return "full"  # a short title centred on the text block ("KẾ HOẠCH"), not the right column
    if right <= width * 0.55:
        return "left"
    if left >= width * 0.4:
        return "right"
    return "full"


def text_of(ws: Sequence[Word]) -> str:
    return " ".join(w.text for w in ws).strip()
