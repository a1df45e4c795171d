"""Rebuild reading order from word boxes: the two-column header (issuer and number left, motto and date
right) and the bottom (Nơi nhận left, signature right) that OCR reads line by line across both columns.

"UBND HUYỆN KIM BẢNG   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" becomes the left column's lines, then the right
column's, so the plain-text parser sees "UBND HUYỆN KIM BẢNG" / "Số: 12/BC-UBND" / … / "CỘNG HÒA …".
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Sequence

from ..document import Document, Page, Word
from .anchors import NAME_WORD_RE, NOI_NHAN_RE, fold

__all__ = ["rows_of", "layout_text", "document_text"]


def _is_rule(w: Word, line_h: float) -> bool:
    """A printed rule under the issuer or the motto read as '-' or '—': only dashes, wider than 3 line heights
    (a hyphen or a "- " bullet is far shorter)."""
    return not w.text.strip("-_—–~=.·") and w.box[2] > 3 * line_h


def rows_of(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into visual rows (vertical centres within half a line height of the row's centre),
    each sorted left to right, rows top to bottom."""
    ws = [w for w in words if w.text.strip()]
    if not ws:
        return []
    heights = sorted(max(1, w.box[3]) for w in ws)
    h = heights[len(heights) // 2]
    ws = sorted((w for w in ws if not _is_rule(w, h)), key=lambda w: w.box[1] + w.box[3] / 2)
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
        return [_drop_overlapping_dashes(sorted(g, key=lambda w: w.box[0])) for g in groups]
    rows: list[list[Word]] = []
    spans: list[list[float]] = []  # running mean top and bottom of each row
    for w in ws:
        top, bot = w.box[1], w.box[1] + max(1, w.box[3])
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


def _drop_overlapping_dashes(row: list[Word]) -> list[Word]:
    """Remove dash-only tokens lying on another word (a rule or underline under it), keep real hyphens."""
    def overlaps(a: Word, b: Word) -> bool:
        return a.box[0] < b.box[0] + b.box[2] and b.box[0] < a.box[0] + a.box[2]

    return [w for w in row if w.text.strip("-_—–~=.·") or not any(o is not w and o.text.strip("-_—–~=.·")
                                                                  and overlaps(w, o) for o in row)]


def _text(ws: Sequence[Word]) -> str:
    return " ".join(w.text for w in ws).strip()


def split_row(row: list[Word], width: float) -> tuple[list[Word], list[Word]] | None:
    """(left, right) at a column gap (≥ 3 % of the page width, near the middle), or None for one block."""
    best, at = 0.0, -1
    for k in range(len(row) - 1):
        end = row[k].box[0] + row[k].box[2]
        gap = row[k + 1].box[0] - end
        mid = (end + row[k + 1].box[0]) / 2
        if gap > best and width * 0.25 <= mid <= width * 0.75:
            best, at = gap, k
    if at >= 0 and best >= width * 0.03:
        return row[:at + 1], row[at + 1:]
    return None


def _side(row: list[Word], width: float) -> str:
    """'left', 'right' or 'full' for a row without a column gap."""
    left, right = row[0].box[0], row[-1].box[0] + row[-1].box[2]
    if left < width * 0.5 < right and 0.42 <= (left + right) / 2 / width <= 0.62:
        return "full"  # a short title centred on the text block ("KẾ HOẠCH"), not the right column
    if right <= width * 0.55:
        return "left"
    if left >= width * 0.4:
        return "right"
    return "full"


SEAL_DEBRIS_CONFIDENCE = 50.0
LONE_SHORT_CONFIDENCE = 85.0


def _seal_debris(w: Word, line_h: float) -> bool:
    """A word of the signature column that OCR made of the seal or the handwritten signature: low confidence,
    no letter or digit at all ('¿Ñ', 'MÀ' at 19 %, '/'), or doubtful and twice as tall as the page's words
    ('LAN' at 55 %, read over seal strokes). Titles and names are read at 85 % and more (a title word the seal
    crosses comes back tall but sure: 'THỦ' 51 px high at 93 %)."""
    if not any(c.isalnum() for c in w.text):
        return True
    return w.confidence < SEAL_DEBRIS_CONFIDENCE or (w.box[3] > 2 * line_h and w.confidence < LONE_SHORT_CONFIDENCE)


def _name_word_under_ink(w: Word, names: list[Word], line_h: float) -> bool:
    """A word of the signer's name that the handwritten signature crosses: read unsure ('Trần' at 46 %) but
    shaped like a name word, of the text's height, beside other name words read surely."""
    return w.confidence >= 30 and bool(NAME_WORD_RE.fullmatch(w.text)) and w.box[3] <= 1.5 * line_h and \
        any(o is not w for o in names)


def _signature_words(row: list[Word], line_h: float) -> list[Word]:
    """A signature-column row without seal debris; a row left with one short doubtful word ('MÃ' at 72 %, read
    in the seal's ring) is debris as a whole: titles and names are read at 85 % and more."""
    names = [w for w in row if w.confidence >= LONE_SHORT_CONFIDENCE and NAME_WORD_RE.fullmatch(w.text)]
    sig = [w for w in row if not _seal_debris(w, line_h) or _name_word_under_ink(w, names, line_h)]
    if len(sig) == 1 and sum(c.isalnum() for c in sig[0].text) <= 2 and sig[0].confidence < LONE_SHORT_CONFIDENCE:
        return []
    return sig


GARBLED_CONFIDENCE = 40.0


def _garbled(ws: list[Word]) -> bool:
    """A Nơi nhận row OCR could not read (lines merged under the seal or the signature's first line: 'Ñ lót ni',
    'HH HH'): mean word confidence under 40 %. A real row with one doubtful code ('CS.' at 7 %) stays."""
    return bool(ws) and sum(w.confidence for w in ws) / len(ws) < GARBLED_CONFIDENCE


def layout_text(page: Page, header: bool = True, bottom: bool = True) -> str:
    """Text of one page with the header and bottom columns read one after the other."""
    if not page.words:
        return page.text or page.raw_text
    rows = rows_of(page.words)
    width = float(page.width or max(w.box[0] + w.box[2] for w in page.words))
    heights = sorted(w.box[3] for w in page.words if any(c.isalnum() for c in w.text)) or [0]
    line_h = heights[len(heights) // 2]
    out: list[str] = []
    i = 0
    if header:
        left: list[str] = []
        right: list[str] = []
        while i < len(rows) and i < 16:
            row = rows[i]
            ftxt = fold(_text(row))
            if ftxt.startswith(("kinh gui", "can cu", "kinh ")):
                break
            parts = split_row(row, width)
            if parts:
                left.append(_text(parts[0]))
                right.append(_text(parts[1]))
            else:
                side = _side(row, width)
                if side == "full":
                    break
                (left if side == "left" else right).append(_text(row))
            i += 1
        out.extend(left + [""] + right + [""])
    # bottom: from the "Nơi nhận" row on
    nn = None
    if bottom:
        for k in range(i, len(rows)):
            t = fold(_text(rows[k]))
            if NOI_NHAN_RE.match(t):
                nn = k
    if nn is None:  # no Nơi nhận (a quyết định signed above its annex): the signature is still right-only rows
        for r in rows[i:]:
            sig = _signature_words(r, line_h) if bottom and _side(r, width) == "right" else r
            if sig:
                out.append(_text(sig))
        return "\n".join(out)
    # right-only rows just above "Nơi nhận" belong to the signature
    top = nn
    while top - 1 >= i and nn - top < 3 and not split_row(rows[top - 1], width) and \
            _side(rows[top - 1], width) == "right":
        top -= 1
    out.extend(_text(r) for r in rows[i:top])
    left, right = [], []
    for row in rows[top:]:
        parts = split_row(row, width)
        if parts:
            if not _garbled(parts[0]):
                left.append(_text(parts[0]))
            sig = _signature_words(parts[1], line_h)
            if sig:
                right.append(_text(sig))
        elif row[0].box[0] < width * 0.4:
            if not _garbled(row):
                left.append(_text(row))
        else:
            sig = _signature_words(row, line_h)
            if sig:
                right.append(_text(sig))
    out.extend([""] + left + [""] + right)
    return "\n".join(out)


RAW_NAME_CONFIDENCE = 90.0


RESTORE_SURE = 0.9  # restoration confidence above which its tone change of a confident OCR word is taken


def _pick(restored: str, w: Word, doubtful: bool = False) -> str:
    """The restored token, except for a capitalised word ('Phớc', 'Nam') that OCR read with high confidence and
    restoration changed in more than its tone ('Phớc' → 'Phúc', not 'Thi' → 'Thị'), or changed in its tone
    without being sure of it (`doubtful`: 'Ban PC-CT' made 'Bản' at 0.69): proper names and agencies are what
    the language model knows least, so the OCR reading is kept. Likewise a confidently read token whose digits
    restoration changed."""
    raw = w.text
    if raw == restored or w.confidence < RAW_NAME_CONFIDENCE:
        return restored
    if raw[:1].isupper() and raw[1:].islower() and restored[:1].isupper() and (
            doubtful or _toneless(raw) != _toneless(restored)):
        return raw
    if [c for c in raw if c.isdigit()] != [c for c in restored if c.isdigit()]:
        return raw  # a confidently read '(3b)' is not a word to correct into '(bộ)'
    return restored


def _toneless(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                                                if c not in "\u0300\u0301\u0303\u0309\u0323"))


def _unsure_tokens(p: Page) -> set[int]:
    """Indexes of the page's whitespace tokens that restoration changed with confidence under RESTORE_SURE."""
    starts = [m.start() for m in re.finditer(r"\S+", unicodedata.normalize("NFC", p.raw_text))]
    out = set()
    for c in p.corrections:
        if c.get("confidence") is not None and c["confidence"] < RESTORE_SURE:
            out.add(bisect.bisect_right(starts, c["start"]) - 1)
    return out


def document_text(doc: Document) -> str:
    """Text for field extraction: layout-aware where pages have word boxes, else restored text."""
    parts = []
    n = len(doc.pages)
    for k, p in enumerate(doc.pages):
        if p.words and not (p.text and p.source == "text"):
            page = p
            toks = (p.text or "").split()
            unsure = _unsure_tokens(p)
            if p.text and len(toks) == len(p.words):  # restored text, one token per OCR word: use it
                page = Page(number=p.number, raw_text=p.raw_text, text=p.text, width=p.width, height=p.height,
                            words=[Word(_pick(t, w, k in unsure), w.box, w.confidence, w.line, w.handwritten)
                                   for k, (t, w) in enumerate(zip(toks, p.words))])
            parts.append(layout_text(page, header=(k == 0), bottom=True))
        else:
            parts.append(p.text or p.raw_text)
    return "\f".join(parts) if n else ""
