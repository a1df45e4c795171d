"""Handwritten document numbers and days: the blanks of the printed "Số: …/…" and "…, ngày … tháng … năm …"
lines, read again by a handwritten-digit classifier and digit-only Tesseract passes.

Officials print a document with blanks and write the number and the day in by hand, often in red or blue ink,
which the color step whitens with the seal. The two header lines are found from the printed words around the
blanks (the "Số:" word and the code after it, "ngày" / "tháng" / "năm"); each blank is cropped from the page as
written (preprocess.handwriting_view: seals and stamps whitened, all other ink kept) and read by the
classifier of digits.py (MNIST-trained); when it is not sure of every digit, with
`tessedit_char_whitelist=0123456789`, twice (as written and scaled), where readings that agree, or one that agrees
with the page's OCR, count. A sure enough reading replaces what the page's OCR made of the blank, as one Word with
`handwritten=True` and its confidence. Ink that is not read so is marked UNREAD ("…", handwritten, confidence 0):
no digit is ever guessed. Digits the page's OCR read surely (printed) stay as they are.

A "ĐẾN" received stamp carries its own handwritten "Số" and "Ngày": its printed words are red (whitened) or set
in a box below the header, and its "Ngày: 05/9/2025" has no "tháng … năm", so it gives no zone.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from . import digits
from .document import Word
from .recognition.lines import Line, overlap
from .tuning import DEFAULT_OCR, OcrTuning

__all__ = ["reread", "read_digits", "find_zones", "Zone"]

DIGITS_CONFIG = "-c tessedit_char_whitelist=0123456789"
UNREAD = "…"  # what stands in the text for handwriting that was not read: never a guessed digit

_SO_RE = re.compile(r"^(s[o0b6][:;.,]{0,2})(.*)$")  # on folded text: "so:", "so", "s0:", "sb" (OCR of "Số:")
_DAY_RE = re.compile(r"^(ng[a-z]y)(?![aeiouy])(.*)$")  # not "Nguyên," (Thái Nguyên, ngày 19 …): a word goes on
_MONTH_RE = re.compile(r"^(th[a-z]ng)(.*)$")
_YEAR_RE = re.compile(r"^(n[a-z]m)(.*)$")
_GLUED_MONTH_RE = re.compile(r"^(\d{1,2})th[a-z]ng$")  # "6tháng": the day's last digit glued to "tháng"
# the printed labels themselves, on folded characters: "Số:" (one mark at most), "ngày", "tháng"
_LABEL_RE = re.compile(r"s[o0b6][:;.,]?")
_DAY_WORD_RE = re.compile(r"ng[a-z]y")
_MONTH_WORD_RE = re.compile(r"th[a-z]ng")


@dataclass
class Zone:
    """A blank to read: `kind` is 'number', 'day' or 'month'; box (x, y, w, h) in page pixels; the printed word
    before it and the one after it with the printed text each keeps (a_text: "Số:" of "Số:2l65/QĐ-BKHCN", b_text:
    "/QĐ-BKHCN"; the same word when OCR glued them), and the words the page's OCR read between them."""

    kind: str
    box: tuple[int, int, int, int]
    line: Line
    a: Word
    a_text: str
    b: Word
    b_text: str
    inside: list[Word]

    @property
    def first_reading(self) -> str:
        """What the page's OCR read in the blank: the words between, and what is glued to the words around it."""
        if self.a is self.b:
            return self.a.text[len(self.a_text):len(self.a.text) - len(self.b_text)]
        return (self.a.text[len(self.a_text):] + "".join(w.text for w in self.inside)
                + self.b.text[:len(self.b.text) - len(self.b_text)])

    def printed(self, t: OcrTuning = DEFAULT_OCR) -> bool:
        """The page's OCR read the blank surely as digits: printed (or written clearly enough to need no help)."""
        value = self.first_reading.strip()
        if _PARTY_NUMBER.match(value):
            return True  # the Party's "Số 221-KL/TW": printed digits with their type, no blank at all
        touched = [self.a, self.b] if self.first_reading else []
        sure = all(w.confidence >= t.printed_min_conf for w in self.inside + [v for v in touched
                                                                            if v.text not in (self.a_text, self.b_text)])
        parts = [w.text for w in self.inside] + ([self.first_reading] if not self.inside else [])
        # a sure reading no date can hold ("tháng 40": a written 10 whose flagged 1 Tesseract took for a 4) is
        # no printed value
        # a number printed with its own separators ("Số: 02-02/26/PT-NC" of a phiếu trình) is printed too
        return (sure and bool(value) and all(t.isdigit() or (self.kind == "number" and _SEPARATED.match(t))
                                             for t in parts if t)
                and (not value.isdigit() or _plausible(self.kind, value)))


def _fold(s: str) -> str:
    from .fields.anchors import fold

    return fold(s)


def _median_height(words: list[Word]) -> int:
    hs = sorted(w.box[3] for w in words if any(c.isalpha() for c in w.text)) or [20]
    return hs[len(hs) // 2]


# the printed code after a number's blank: "/QĐ-BKHCN", "/2025/TT-BKHCN", "/CAT-PC04(Đ1)"
_CODE_RE = re.compile(r"/(?:\d{4}/)?[^\W\d_][\w\-()&.]*$")
_PUNCT = ":;.,»·"
_PARTY_NUMBER = re.compile(r"^\d+-[^\W\d_]{1,6}$")  # "221-KL" of the Party's "Số 221-KL/TW" (Hướng dẫn 36-HD/VPTW)
_SEPARATED = re.compile(r"^\d+(?:[-.]\d+)+(?:/\d+)*$|^\d+(?:/\d+)+$")  # "02-02/26", "12.3", "02/26"


def find_zones(lines: list[Line], page: np.ndarray, lang: str = "vie", t: OcrTuning = DEFAULT_OCR) -> list[Zone]:
    """The number blank (between "Số:" and the "/" of the code) and the day and month blanks (between "ngày" and
    "tháng", "tháng" and "năm") of the header, from the first-pass words; where the blank's edges fall inside a
    word OCR glued to the handwriting, from the characters of the printed line read again."""
    height, width = page.shape[:2]
    zones: list[Zone] = []
    have_number = have_date = False
    _rejoin_year_word(lines, page, lang, t)
    for ln in lines:
        ws = sorted(ln.words, key=lambda w: w.box[0])
        if not ws or min(w.box[1] for w in ws) > t.header_share * height:
            continue
        lh = _median_height(ws)
        if not have_number:
            z = _number_zone(ws, ln, lh, page, lang)
            if z:
                zones.append(z)
                have_number = True
        if not have_date:
            zs = _date_zones(ws, ln, lh, page, lang)
            if zs:
                zones.extend(zs)
                have_date = True
    if not have_number:
        z = _label_lost_zone(lines, page, lang, t) or _code_lost_zone(lines, page, lang, t)
        if z:
            zones.insert(0, z)
    if not have_date:
        zones.extend(_day_word_lost_zones(lines, page, lang, t))
    return zones


def _header_lines(lines: list[Line], height: int, t: OcrTuning) -> Iterator[tuple[Line, list[Word], list[str]]]:
    """The lines of the page's header band: each with its words left to right and their folded texts."""
    for ln in lines:
        ws = sorted(ln.words, key=lambda w: w.box[0])
        if ws and min(w.box[1] for w in ws) <= t.header_share * height:
            yield ln, ws, [_fold(w.text) for w in ws]


def _rejoin_year_word(lines: list[Line], page: np.ndarray, lang: str, t: OcrTuning) -> None:
    """Give a date line back its "năm" where OCR set it, glued to the handwritten month before it, on a line of
    its own (real set, Bộ Tài chính 15557: "Hà Nội, ngày 0 tháng 2025" and "ÁÔnăm" for a written 10): a lone word
    ending in "năm" on the row of the date line, between its "tháng" and the year's digits, is read again alone;
    its "năm" goes into the date line, and what came before it, the handwriting, is left to the month's blank.
    Changes the lines in place."""
    height = page.shape[0]
    for ln, ws, folded in _header_lines(lines, height, t):
        if any(_YEAR_RE.match(f) for f in folded):
            continue
        j = next((k for k in range(len(ws) - 1) if re.fullmatch(r"th[a-z]ng", folded[k])
                  and re.fullmatch(r"(?:19|20)\d\d", ws[k + 1].text)), None)
        if j is None:
            continue
        month, year = ws[j], ws[j + 1]
        x0, x1 = month.box[0] + month.box[2], year.box[0]
        for other in lines:
            if other is ln or len(other.words) != 1:
                continue
            v = other.words[0]
            cx = v.box[0] + v.box[2] / 2
            overlap = min(v.box[1] + v.box[3], month.box[1] + month.box[3]) - max(v.box[1], month.box[1])
            if not (x0 <= cx <= x1 and overlap > 0.5 * min(v.box[3], month.box[3])
                    and re.search(r"n[a-z]m$", _fold(v.text))):
                continue
            lh = _median_height(ws)
            top, bottom = _band([month, year], lh, height)
            chars = _chars(page, x0 + 2, x1 - 2, top, bottom, lang)
            m = re.search(r"n[a-z]m$", _fold("".join(c for c, _, _ in chars)))
            if not m:
                return
            left, right = chars[m.start()][1], chars[-1][2]
            ln.words.insert(ln.words.index(year), Word(text="năm", box=(left, month.box[1], right - left, month.box[3]),
                                                        confidence=min(month.confidence, year.confidence),
                                                        line=month.line))
            other.words.remove(v)
            return


def _day_word_lost_zones(lines: list[Line], page: np.ndarray, lang: str, t: OcrTuning) -> list[Zone]:
    """The date blanks of a place-and-date line whose "ngày" the page's OCR lost with the handwritten day
    touching it (real set, Công an tỉnh Lâm Đồng 1413: "Lâm Đông, tháng 3 năm 2026", a written 16 joined to the
    "y" of "ngày"): where the place's comma is followed, a gap on, by "tháng … năm", the gap is read again alone;
    where that reading begins with "ngày", the word goes back into the line as printed and the blanks are found
    as on every date line; a lone word "ngày…" OCR set on a line of its own in the gap leaves the page. Without
    the printed "ngày" no blank is assumed."""
    height = page.shape[0]
    for ln, ws, folded in _header_lines(lines, height, t):
        if any(_DAY_RE.match(f) for f in folded):
            continue
        j = next((k for k, f in enumerate(folded) if k > 0 and re.fullmatch(r"th[a-z]ng", f)
                  and ws[k - 1].text.endswith(",")), None)
        if j is None or not any(_YEAR_RE.match(f) for f in folded[j + 1:j + 4]):
            continue
        lh = _median_height(ws)
        place, month = ws[j - 1], ws[j]
        x0 = place.box[0] + place.box[2]
        if month.box[0] - x0 < 2 * lh:
            continue
        top, bottom = _band([place, month], lh, height)
        chars = _chars(page, x0 + 2, month.box[0] - 2, top, bottom, lang)
        m = re.match(r"\W*(ng[a-z]y)", _fold("".join(c for c, _, _ in chars)))
        if not m:
            continue
        left, right = chars[m.start(1)][1], chars[m.end(1) - 1][2]
        day = Word(text="ngày", box=(left, month.box[1], right - left, month.box[3]),
                   confidence=min(place.confidence, month.confidence), line=month.line)
        ln.words.insert(ln.words.index(month), day)
        zs = _date_zones(sorted(ln.words, key=lambda w: w.box[0]), ln, lh, page, lang)
        if zs:
            # the "ngày" OCR set, glued to the written day, on a line of its own (real set, Tờ trình 289 at
            # 100 dpi: "Lâm Đồng, tháng 10 năm 2025" and "ngày2©") is that word: it leaves the page
            for other in lines:
                if other is not ln and len(other.words) == 1 and _DAY_RE.match(_fold(other.words[0].text)):
                    v = other.words[0]
                    overlap = min(v.box[1] + v.box[3], month.box[1] + month.box[3]) - max(v.box[1], month.box[1])
                    if x0 <= v.box[0] + v.box[2] / 2 <= month.box[0] and overlap > 0.5 * min(v.box[3], month.box[3]):
                        other.words.remove(v)
            return zs
        ln.words.remove(day)
    return []


def _code_lost_zone(lines: list[Line], page: np.ndarray, lang: str, t: OcrTuning) -> Zone | None:
    """The number blank of a header whose code the page's OCR lost with the handwriting (real 1-bit and colour
    scans: "Số:" alone on its line, "932/QĐ-TTg" and "1413/CAT-PC04(Đ1)" gone): the stretch right of the label,
    up to the next word on its row, is read again alone; where it ends in a code, the blank lies between the
    label and the code's "/", and the code goes back into the line as printed. What that reading makes of the
    handwriting is not used (it read '322' for a written 932): the blank is read as every blank is."""
    height, width = page.shape[:2]
    for ln in lines:
        ws = sorted(ln.words, key=lambda w: w.box[0])
        if not ws or min(w.box[1] for w in ws) > t.header_share * height:
            continue
        a = ws[-1]
        m = _SO_RE.match(_fold(a.text))
        if not m or m.group(2) or a.text[:1] not in "S5" or a.box[0] > 0.5 * width or \
                any(any(c.isalpha() for c in v.text) for v in ws[:-1]):
            continue
        lh = _median_height(ws)
        x0 = a.box[0] + a.box[2]
        row = [v for other in lines for v in other.words if v.box[0] > x0
               and min(v.box[1] + v.box[3], a.box[1] + a.box[3]) - max(v.box[1], a.box[1]) > 0.5 * a.box[3]]
        x1 = min([v.box[0] for v in row] + [x0 + 14 * lh])
        top, bottom = _band([a], lh, height)
        chars = _chars(page, x0, x1 - 4, top, bottom, lang)
        text = "".join(c for c, _, _ in chars).replace("\u2044", "/")
        code = _CODE_RE.search(text)
        if not code or len(code.group(0)) < 3:
            continue
        slash = chars[code.start()]
        if slash[1] - x0 < lh // 2:
            continue
        b = Word(text=code.group(0), box=(slash[1], a.box[1], chars[-1][2] - slash[1], a.box[3]),
                 confidence=a.confidence, line=a.line)
        ln.words.append(b)
        return Zone("number", (x0, top, slash[1] - x0, bottom - top), ln, a, a.text, b, b.text, [])
    return None


def _label_lost_zone(lines: list[Line], page: np.ndarray, lang: str, t: OcrTuning) -> Zone | None:
    """The number blank of a header whose "Số:" the page's OCR lost beside the handwriting (real set: a line
    read as "/CAT-PA05" or "219) /CT-CS"): the code opens its line in the left half of the header; the stretch
    before it is read again alone, and where that reading begins with "Số:", the blank lies between the label and
    the code, and the label goes back into the line. Without the label no blank is assumed."""
    height, width = page.shape[:2]
    for ln in lines:
        ws = sorted(ln.words, key=lambda w: w.box[0])
        if not ws or min(w.box[1] for w in ws) > t.header_share * height:
            continue
        j = next((k for k, w in enumerate(ws) if "/" in w.text), None)
        if j is None or ws[j].box[0] > 0.5 * width or any(c.isalpha() for v in ws[:j] for c in v.text):
            continue
        b = ws[j]
        code = _CODE_RE.search(b.text.replace("\u2044", "/"))
        if not code or any(c.isalpha() for c in b.text[:code.start()]):
            continue
        lh = _median_height(ws)
        top, bottom = _band([b], lh, height)
        chars = _chars(page, max(0, b.box[0] - 8 * lh), b.box[0] + 4, top, bottom, lang)
        text = "".join(c for c, _, _ in chars)
        m = re.match(r"\W*(s[o0b6])([:;.,]?)", _fold(text))
        if not m:
            continue
        end = chars[m.end() - 1]
        x0, x1 = end[2], b.box[0] + round(b.box[2] * code.start() / max(1, len(b.text)))
        # the code's "/" may lie before the code's box (real set: "143 /(" in the crop of a written 143 whose blank
        # ended at the box): the code's head read again alone places it, where that "/" lies wholly before the box
        # (one holding handwriting Tesseract joined to it reaches into it: '0/' of a written 560)
        near = [c for c in _chars(page, b.box[0] - lh, b.box[0] + lh, top, bottom, lang) if c[0] in "/\u2044"]
        if near and x0 < near[0][1] and near[0][2] <= x1:
            x1 = near[0][1]
        if x1 - x0 < lh // 2:
            continue
        first = chars[m.start(1)]
        label = Word(text="Số" + (m.group(2) or ":"), box=(first[1], b.box[1], end[2] - first[1], b.box[3]),
                     confidence=b.confidence, line=b.line)
        # the label the OCR read on a line of its own (real set: "Số:" alone above "143 /QĐ-UBQGNCT") moves into
        # the code's line instead of standing in the text twice
        for other in lines:
            same = [v for v in other.words if other is not ln and re.fullmatch(r"s[o0b6][:;.,]{0,2}", _fold(v.text))
                    and overlap(v.box, label.box) > 0.5]
            if same:
                label = same[0]
                other.words.remove(label)
                if not other.words:
                    lines.remove(other)
                break
        ln.words.insert(ln.words.index(ws[0]), label)
        return Zone("number", (x0, top, x1 - x0, bottom - top), ln, label, label.text, b, code.group(0), ws[:j])
    return None


def _band(words: list[Word], lh: int, height: int) -> tuple[int, int]:
    """Top and bottom of a blank: the printed words' line and half a line above and below (handwriting rises
    above the line and dips under it)."""
    top = min(w.box[1] for w in words)
    bottom = max(w.box[1] + w.box[3] for w in words)
    return max(0, top - lh // 2), min(height, bottom + lh // 2)


def _chars(page: np.ndarray, x0: int, x1: int, top: int, bottom: int, lang: str) -> list[tuple[str, int, int]]:
    """(character, left, right) in page pixels of one printed line read again alone (Tesseract psm 7)."""
    import pytesseract

    x0, x1 = max(0, x0), min(page.shape[1], x1)
    if x1 <= x0 or bottom <= top:
        return []
    crop = cv2.copyMakeBorder(page[top:bottom, x0:x1], 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    try:
        boxes = pytesseract.image_to_boxes(crop, lang=lang, config="--psm 7", timeout=30)
    except (pytesseract.TesseractError, RuntimeError):
        return []
    out = []
    for row in boxes.splitlines():
        parts = row.split(" ")
        if len(parts) >= 5 and parts[0]:
            out.append((parts[0], int(parts[1]) - 20 + x0, int(parts[3]) - 20 + x0))
    return out


def _printed_end(page: np.ndarray, w: Word, label: re.Pattern[str], lh: int, lang: str) -> int | None:
    """Where the printed label of a blank ("Số:", "ngày", "tháng") really ends, when the page's OCR gave its box
    the first written glyph too (real set: "Số:." over the "4" of a written 4377, "ngày" over the "1" of a
    written 13, "ngày‹È" for the "ngày28" of a phone photo): the word read again alone, in a band as high as the
    printed word (then just the word's box: a photo's reading changes with the band); where its characters begin
    with the label and go on past it, or its last letter ends half a letter or more before the word's box, the
    right edge of that letter. None where no reading begins with the label, where the label fills the box, or
    where its last letter is read over one and a half times its letters' width (a glyph joined to it, as the "2"
    of a written 24 to the "y" of "ngày", has no edge of its own to find)."""
    for m in (lh // 8, 0):
        top, bottom = max(0, w.box[1] - m), min(page.shape[0], w.box[1] + w.box[3] + m)
        chars = _chars(page, w.box[0] - 4, w.box[0] + w.box[2] + 4, top, bottom, lang)
        found = label.match("".join(_fold(c)[:1] or "?" for c, _, _ in chars))
        if not found or found.end() < 2:
            continue
        own = chars[:found.end()]
        widths = sorted(r - left for _, left, r in own)
        usual, last = widths[len(widths) // 2], own[-1]
        if last[2] - last[1] > 1.5 * usual:
            return None
        if len(chars) > len(own) or w.box[0] + w.box[2] - last[2] >= usual / 2:
            return last[2]
    return None


def _number_zone(ws: list[Word], ln: Line, lh: int, page: np.ndarray, lang: str) -> Zone | None:
    height, width = page.shape[:2]
    for i, w in enumerate(ws):
        m = _SO_RE.match(_fold(w.text))
        if not m or not (w.text[:1] in "S5" or m.group(1)[-1] in _PUNCT) or \
                any(any(c.isalpha() for c in v.text) for v in ws[:i]):
            continue  # the header's "Số:" opens its line; "… Chỉ thị SỐ 36-CT/TW" in running text does not
        # the code: the first word from here on that ends in one ("/QĐ-BKHCN", glued to the anchor or the digits)
        for j in range(i, min(i + 5, len(ws))):
            if ws[j].box[0] - (w.box[0] + w.box[2]) > 0.3 * width:
                break
            rest = ws[j].text[len(m.group(1)):] if j == i else ws[j].text
            code = _CODE_RE.search(rest.replace("\u2044", "/"))
            if not code:
                continue
            a_text, b_text = w.text[:len(m.group(1))], code.group(0)
            top, bottom = _band([w, ws[j]], lh, height)
            x0, x1 = w.box[0] + w.box[2], ws[j].box[0]
            if a_text != w.text or b_text != ws[j].text:  # glued: find the edges in the line's characters
                chars = _chars(page, w.box[0] - 4, ws[j].box[0] + ws[j].box[2] + 4, top, bottom, lang)
                text = "".join(c for c, _, _ in chars).replace("\u2044", "/")  # '⁄' (fraction slash) for '/'
                cm, am = _CODE_RE.search(text), _SO_RE.match(_fold(text))
                if cm and am and cm.start() >= len(am.group(1)):
                    k = len(am.group(1))
                    x0, x1 = chars[k - 1][2], chars[cm.start()][1]
                else:  # the characters read otherwise: glyphs taken as equally wide in the words
                    x0 = w.box[0] + round(w.box[2] * len(a_text) / len(w.text))
                    b, n = ws[j], len(ws[j].text)
                    x1 = b.box[0] + round(b.box[2] * (n - len(b_text)) / n)
            else:
                end = _printed_end(page, w, _LABEL_RE, lh, lang)
                x0 = min(x0, end) if end is not None and end > w.box[0] else x0
            if x1 - x0 < lh // 2:
                return None
            return Zone("number", (x0, top, x1 - x0, bottom - top), ln, w, a_text, ws[j], b_text, ws[i + 1:j])
        return None
    return None


def _date_zones(ws: list[Word], ln: Line, lh: int, page: np.ndarray, lang: str) -> list[Zone]:
    height = page.shape[0]
    folded = [_fold(w.text) for w in ws]
    for i, f in enumerate(folded):
        md = _DAY_RE.match(f)
        if not md:
            continue
        j = next((k for k in range(i + 1, min(i + 4, len(ws)))
                  if _MONTH_RE.match(folded[k]) or _GLUED_MONTH_RE.match(folded[k])), None)
        if j is None:
            continue
        k = next((n for n in range(j + 1, min(j + 4, len(ws))) if _YEAR_RE.match(folded[n])), None)
        if k is None:
            continue
        # the handwritten day's last digit read glued to the month's word (real set, a written 16: "ngày Á
        # 6tháng 10"): the blank runs on to the "t" of "tháng", and only the day is read there
        glued = _GLUED_MONTH_RE.match(folded[j])
        prefix = len(glued.group(1)) if glued else 0
        mm = _MONTH_RE.match(folded[j][prefix:])
        assert mm is not None  # j was found by one of these matches
        day, month, year = ws[i], ws[j], ws[k]
        top, bottom = _band([day, month, year], lh, height)
        d0, m0, d1 = day.box[0] + day.box[2], month.box[0] + month.box[2], month.box[0]
        if len(md.group(1)) < len(day.text) or prefix + len(mm.group(1)) < len(month.text) or prefix:
            # "ngày12", "tháng8", "6tháng": the edges from the line's characters, read again alone; where the
            # handwriting above and below the printed words spoils that reading ("xàyaGhảng" for "ngày 16tháng"),
            # from a band just as high as the printed words (real set: "ngày.6tháng")
            wtop = min(w.box[1] for w in (day, month, year))
            wbottom = max(w.box[1] + w.box[3] for w in (day, month, year))
            for y0, y1 in ((top, bottom), (max(0, wtop - lh // 8), min(height, wbottom + lh // 8))):
                chars = _chars(page, day.box[0] - 4, year.box[0] + year.box[2] + 4, y0, y1, lang)
                text = _fold("".join(c for c, _, _ in chars))
                a, b = re.search(r"ng[a-z]y", text), re.search(r"th[a-z]ng", text)
                if a and b and b.start() >= a.end():
                    d0, m0 = chars[a.end() - 1][2], chars[b.end() - 1][2]
                    if prefix:
                        d1 = chars[b.start()][1]
                    break
            else:
                # the line's reading lost a label; only "ngày" glued to the writing (a phone photo: "ngày‹È" for
                # "ngày28"): that word read again alone gives where it ends
                end = None if prefix or len(mm.group(1)) < len(month.text) else \
                    _printed_end(page, day, _DAY_WORD_RE, lh, lang)
                if end is None or end <= day.box[0]:
                    return []
                d0 = end
        else:  # a printed word whose box took in the written glyph after it: the blank from where it ends
            ends = [_printed_end(page, v, r, lh, lang) for v, r in ((day, _DAY_WORD_RE), (month, _MONTH_WORD_RE))]
            d0, m0 = (min(x, e) if e is not None and e > v.box[0] else x
                      for x, e, v in zip((d0, m0), ends, (day, month)))
        out = []
        for kind, a_w, a_len, x0, b_w in (("day", day, len(md.group(1)), d0, month),
                                          ("month", month, len(mm.group(1)), m0, year)):
            if kind == "month" and prefix:
                break
            x1 = d1 if kind == "day" else b_w.box[0]
            inside = ws[i + 1:j] if kind == "day" else ws[j + 1:k]
            if inside:  # the words read in the blank lie in it, even where the printed word's box runs over them
                x0 = min(x0, min(w.box[0] for w in inside))
                x1 = max(x1, max(w.box[0] + w.box[2] for w in inside))
            if x1 - x0 >= lh // 3:
                b_text = b_w.text[prefix:] if kind == "day" else b_w.text
                out.append(Zone(kind, (x0, top, x1 - x0, bottom - top), ln, a_w, a_w.text[:a_len], b_w, b_text,
                                inside))
        return out
    return []


def read_digits(img: np.ndarray, box: tuple[int, int, int, int], dpi: int | None,
                first: str | None = None, t: OcrTuning = DEFAULT_OCR) -> tuple[str, float] | None:
    """Digits written in a box of a grey page: (digits, confidence) when the handwritten-digit classifier is
    sure of every digit (digits.py), else when two of the readings agree: the classifier's (with its
    confidence), digit-only
    Tesseract on the written ink as it is and scaled to `t.vote_height` px high, and `first`, what the page's OCR read
    there (when only digits); else None, as when the box holds no ink. Any one reading alone is often sure and
    wrong on handwriting (real set: '04' for a written 6 at 70 %)."""
    if not _has_ink(img, box, t):
        return None
    x, y, w, h = box
    crop = img[max(0, y): y + h, max(0, x): x + w]
    runs_past = _runs_past(img, box)
    hand = digits.read(crop) if not runs_past else None
    if hand is not None and hand.confidence >= t.hw_digit_conf:
        return hand.digits, round(hand.confidence, 1)
    # digits written joined ("294" with its "29" in one stroke) give the classifier no glyphs; cut along the
    # least-ink path, they are read, but such a reading only counts where a Tesseract pass reads the same (below)
    cut = digits.read(crop, cut_joined=True) if hand is None and not runs_past else None
    ink = crop < 128
    ys, xs = np.nonzero(ink)  # the written ink's own extent (the band is taller than the digits)
    crop = crop[max(0, ys.min() - 2): ys.max() + 3, max(0, xs.min() - 2): xs.max() + 3]
    f = t.vote_height / crop.shape[0]
    scaled = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
    a, b = _digits_pass(crop, t.digits_lang), _digits_pass(scaled, t.digits_lang)
    agreed: list[tuple[str, float]] = []
    if a is not None and b is not None and a[0] == b[0]:
        agreed.append((a[0], min(a[1], b[1])))
    for mine in (hand, cut):
        if mine is not None and any(r is not None and r[0] == mine.digits for r in (a, b)):
            # the classifier, unsure, and a Tesseract pass, two readers that share no model, read the same digits
            # (real set, the 33 blanks of 16 headers: 3 more right — '493', '15', '11' —, none wrong; each reader
            # alone is sure and wrong at times: '4710' for 1710 at 84 % (before digits._flagged_one), '390' for
            # 3980 at 74 %; joined digits cut by force, 9 blanks: '294' and '298' agree and are right, the 7
            # others, '142' for a 12, '810' for an 01, '378' for a cut 4377, …, find no Tesseract agreement)
            agreed.append((mine.digits, round(mine.confidence, 1)))
    if agreed:
        return max(agreed, key=lambda r: r[1])
    if first and first.isdigit():
        for r in (a, b):
            if r is not None and r[0] == first:
                return r
    return None


def _read_otherwise(img: np.ndarray, box: tuple[int, int, int, int], first: str, t: OcrTuning = DEFAULT_OCR) -> bool:
    """Whether the handwritten-digit classifier reads digits in the blank other than `first`, the page's unsure
    OCR of it: two readers then disagree and neither is confirmed, so the blank is unread (real scans made 1-bit
    at 200 dpi, benchmarks/perturb_real.py: the page's '4555' for a written 15557 and '322' for a written 320
    kept as read; on the unperturbed real set no blank reading changes)."""
    if not _has_ink(img, box, t):
        return False
    x, y, w, h = box
    crop = img[max(0, y): y + h, max(0, x): x + w]
    return any(r is not None and r.digits != first for r in (digits.read(crop), digits.read(crop, cut_joined=True)))


def _runs_past(img: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the blank's edge cuts a stroke that lies mostly outside it (real set: a written "24" whose "2"
    begins inside the box of the printed "ngày" and is joined to its "y"): the crop then holds a piece of a
    digit, and no reading of it is sure. Rules printed across the band and a digit touching the printed "/"
    after it (mostly inside) do not count."""
    x, y, w, h = box
    m = h // 2
    x0, x1 = max(0, x - m), min(img.shape[1], x + w + m)
    wide = (img[max(0, y): y + h, x0:x1] < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(wide, connectivity=8)
    left, right = x - x0, x + w - x0
    inside = [stats[i, cv2.CC_STAT_HEIGHT] for i in range(1, n)
              if stats[i, cv2.CC_STAT_LEFT] >= left and stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] <= right]
    tall = max(inside, default=h)
    for i in range(1, n):
        cx, cw, ch = stats[i, cv2.CC_STAT_LEFT], stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]
        if ch < 0.4 * tall or not (cx < left < cx + cw or cx < right < cx + cw):
            continue
        cols = (labels == i).sum(axis=0)
        if cols[left:right].sum() < 0.6 * cols.sum():
            return True
    return False


def _digits_pass(crop: np.ndarray, lang: str) -> tuple[str, float] | None:
    """One digit-only Tesseract reading of a crop as a single text line: (digits, lowest word confidence)."""
    import pytesseract

    if crop.size == 0:
        return None
    crop = cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    try:
        d = pytesseract.image_to_data(crop, lang=lang, config=f"--psm 7 {DIGITS_CONFIG}",
                                      output_type=pytesseract.Output.DICT, timeout=30)
    except (pytesseract.TesseractError, RuntimeError):
        return None
    texts = [(t.strip(), float(c)) for t, c in zip(d["text"], d["conf"]) if t and t.strip()]
    digits = "".join(t for t, _ in texts)
    if not digits.isdigit():
        return None
    return digits, min(c for _, c in texts)


def _has_ink(img: np.ndarray, box: tuple[int, int, int, int], t: OcrTuning = DEFAULT_OCR) -> bool:
    """Whether a blank holds anything written (dark pixels beyond specks)."""
    x, y, w, h = box
    crop = img[max(0, y): y + h, max(0, x): x + w]
    return crop.size > 0 and float((crop < 128).mean()) >= t.hw_ink_min


def _plausible(kind: str, digits: str) -> bool:
    if kind == "day":
        return len(digits) <= 2 and 1 <= int(digits) <= 31
    if kind == "month":
        return len(digits) <= 2 and 1 <= int(digits) <= 12
    return 1 <= len(digits) <= 6 and int(digits) > 0


def reread(lines: list[Line], page: np.ndarray, view: np.ndarray | None, dpi: int | None,
           lang: str = "vie", t: OcrTuning = DEFAULT_OCR) -> list[Line]:
    """Read the header's handwritten number and day again (see the module doc). `page` is the image the lines
    were read from, `view` the same page as written (preprocess.handwriting_view; None: the page itself). Changes
    the lines' words in place and returns the lines."""
    view = page if view is None else view
    rejoin_code(lines, page.shape[0], t)
    for zone in find_zones(lines, page, lang, t):
        if zone.printed(t):
            continue
        got = read_digits(view, zone.box, dpi, zone.first_reading, t)
        if got is not None and got[0] == zone.first_reading.strip():
            # the page's OCR already read these digits, unsurely: printed or written, the reading stands and is
            # left as it is (flagging it, or re-cutting the words around it, made printed numbers worse:
            # random layouts of the fields benchmark, "CQĐP" → "CQĐĐP")
            continue
        first = zone.first_reading.strip()
        if got is None and first.isdigit() and _plausible(zone.kind, first) and \
                not _read_otherwise(view, zone.box, first, t):
            # nothing read the blank again surely, but the page's OCR read digits in it ("3257/TNI-QLDN1" glued at
            # 73 %): digits Tesseract read are never taken out for a mark, unless the handwriting classifier reads
            # other digits there
            continue
        _clear(lines, zone, t)
        if got is not None and got[1] >= t.hw_min_conf and _plausible(zone.kind, got[0]):
            text, conf = got
        elif _has_ink(view, zone.box, t):  # written, not read: marked, so the line stays one line ("ngày … tháng")
            text, conf = UNREAD, 0.0
        else:
            continue
        ws = zone.line.words
        new = Word(text=text, box=zone.box, confidence=conf, line=zone.a.line, handwritten=True)
        k = next((n for n, v in enumerate(ws) if v.box[0] >= zone.box[0]), len(ws))
        ws.insert(k, new)
    return [ln for ln in lines if ln.words]


# the rest of a number's code that OCR put on another line: "-CN" of "9703/VPCP-CN", "(Đ1)" of "…/CAT-PC04(Đ1)"
_CODE_TAIL = re.compile(r"^[-(][^\W\d_][\w\-()&.]*$")


def rejoin_code(lines: list[Line], height: int, t: OcrTuning = DEFAULT_OCR) -> None:
    """Give the header's number line the end of its code where OCR set it at the head of the line beside it
    (real VPCP scan: "Số: 9703/VPCP" and "-CN Hà Nội, ngày 09 …", the "-CN" 2 px after "VPCP" on the same row):
    a word opening another line that begins with "-" or "(", lies on the same row and touches the code's last
    word, and stands apart from the rest of its line, is glued to the code. Changes the lines in place."""
    for ln in lines:
        ws = sorted(ln.words, key=lambda w: w.box[0])
        if len(ws) < 2 or min(w.box[1] for w in ws) > t.header_share * height:
            continue
        if not _SO_RE.match(_fold(ws[0].text)) or ws[0].text[:1] not in "S5":
            continue
        last = ws[-1]
        if not _CODE_RE.search(last.text.replace("\u2044", "/")):
            continue
        lh = _median_height(ws)
        end = last.box[0] + last.box[2]
        for other in lines:
            if other is ln or not other.words:
                continue
            os_ = sorted(other.words, key=lambda w: w.box[0])
            w = os_[0]
            top, bottom = max(w.box[1], last.box[1]), min(w.box[1] + w.box[3], last.box[1] + last.box[3])
            apart = len(os_) == 1 or os_[1].box[0] - (w.box[0] + w.box[2]) > 2 * lh
            if (_CODE_TAIL.match(w.text) and 0 <= w.box[0] - end <= lh // 2 and apart
                    and bottom - top >= 0.6 * min(w.box[3], last.box[3])):
                x0, y0 = last.box[0], min(last.box[1], w.box[1])
                x1, y1 = w.box[0] + w.box[2], max(last.box[1] + last.box[3], w.box[1] + w.box[3])
                joined = Word(text=last.text + w.text, box=(x0, y0, x1 - x0, y1 - y0),
                              confidence=min(last.confidence, w.confidence), line=last.line)
                ln.words[ln.words.index(last)] = joined
                other.words.remove(w)
                return


def _clear(lines: list[Line], zone: Zone, t: OcrTuning) -> None:
    """Take what the page's OCR read in a blank out of the page: the words between the printed words around it,
    unsure words of other lines lying in it, and the part of a printed word glued to the handwriting
    ("Số:2l65/QĐ" → "Số:" … "/QĐ")."""
    x, y, bw, bh = zone.box
    gone = {id(v) for v in zone.inside}
    for ln in lines:
        if ln is zone.line:
            continue
        for v in ln.words:
            cx, cy = v.box[0] + v.box[2] / 2, v.box[1] + v.box[3] / 2
            if x <= cx <= x + bw and y <= cy <= y + bh and v.confidence < t.printed_min_conf:
                gone.add(id(v))
        ln.words[:] = [v for v in ln.words if id(v) not in gone]
    out: list[Word] = []
    for v in zone.line.words:
        if id(v) in gone:
            continue
        if v is zone.a and v is zone.b:  # "Số:2l65/QĐ-BKHCN" read as one word
            out += [_part(v, zone.a_text, 0), _part(v, zone.b_text, len(v.text) - len(zone.b_text))]
        elif v is zone.a:
            out.append(_part(v, zone.a_text, 0))
        elif v is zone.b:
            out.append(_part(v, zone.b_text, len(v.text) - len(zone.b_text)))
        else:
            out.append(v)
    zone.line.words[:] = [v for v in out if v.text]


def _part(v: Word, text: str, start: int) -> Word:
    """The characters `text` of a word, starting at `start`, its box narrowed to them (the word itself when that
    is all of it)."""
    if text == v.text:
        return v
    n = max(1, len(v.text))
    left = v.box[0] + round(v.box[2] * start / n)
    right = v.box[0] + round(v.box[2] * (start + len(text)) / n)
    return Word(text=text, box=(left, v.box[1], max(1, right - left), v.box[3]), confidence=v.confidence,
                line=v.line, handwritten=v.handwritten)
