"""Ink that is not text: seals, signatures, emblems, QR codes. Found as connected ink far larger than the page's
text height that is not a ruled line or a table grid; kept as zones with a kind, so that what Tesseract reads
there can be judged (`is_junk`) and left out, and the JSON can say what was on the page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import cv2
import numpy as np

from ..document import Word
from .engine import Engine
from .language import token_kind
from ..tuning import DEFAULT_OCR, OcrTuning
from ..vntext import is_caps
from .lines import Box, Line

@dataclass
class Zone:
    box: Box
    kind: str  # "seal" | "signature" | "emblem" | "qr" | "stamp" (a received "ĐẾN" stamp)

    def to_dict(self) -> dict:
        return {"box": [int(v) for v in self.box], "kind": self.kind}


@dataclass
class NonText:
    zones: list[Zone]
    mask: np.ndarray  # uint8, 255 where the ink belongs to a zone's components
    ink: np.ndarray  # uint8, 255 where the page has ink
    hmed: int

    def ink_share(self, box: Box) -> float:
        """Share of the box's ink pixels that belong to non-text components (0 without ink)."""
        x, y, w, h = box
        x0, y0 = max(0, x), max(0, y)
        ink = int(np.count_nonzero(self.ink[y0: y + h, x0: x + w]))
        return float(np.count_nonzero(self.mask[y0: y + h, x0: x + w])) / ink if ink else 0.0

    def in_zone(self, box: Box) -> bool:
        """Whether a box's centre lies in a seal, emblem or QR zone (a seal's ring letters are ink of their own)."""
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        return any(z.kind != "signature" and z.box[0] <= cx <= z.box[0] + z.box[2]
                   and z.box[1] <= cy <= z.box[1] + z.box[3] for z in self.zones)

    def in_stamp(self, box: Box) -> bool:
        """Whether a box's centre lies in a received stamp: what is read there is no part of the document."""
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        return any(z.kind == "stamp" and z.box[0] <= cx <= z.box[0] + z.box[2]
                   and z.box[1] <= cy <= z.box[1] + z.box[3] for z in self.zones)

    def inside(self, box: Box, t: OcrTuning = DEFAULT_OCR) -> bool:
        """Whether a word lies on non-text: its centre in a seal/emblem/QR zone, or a fair share of non-text ink
        under it (a signature stroke through it)."""
        return self.in_zone(box) or self.ink_share(box) >= t.on_ink_share


def find(gray: np.ndarray, hmed: int | None, words: Sequence[Word] = (), t: OcrTuning = DEFAULT_OCR) -> NonText:
    """The non-text zones of a grayscale page whose text is about `hmed` px tall. `words`: what the first pass
    read; a component mostly under words read surely as language is text (lines of a list run together)."""
    h, w = gray.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    read = np.zeros((h, w), np.uint8)
    for wd in words:
        if wd.confidence >= t.junk_sure and token_kind(wd.text) in ("word", "number", "code", "roman"):
            x, y, bw, bh = wd.box
            read[max(0, y): y + bh, max(0, x): x + bw] = 1
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if not hmed or hmed < 4:
        return NonText([], mask, ink, hmed or 0)
    # join strokes a scan broke (signature loops, a seal's ring) without joining the lines of a text
    joined = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    run = max(3, 2 * hmed)
    zones: list[Zone] = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if max(bw, bh) < t.nontext_big * hmed or bh < t.nontext_min_height * hmed:
            continue
        if bw * bh > 0.5 * w * h:  # a page frame or a scanner's dark border
            continue
        comp = ((labels[y: y + bh, x: x + bw] == i) & (ink[y: y + bh, x: x + bw] > 0)).astype(np.uint8)
        px = int(comp.sum())
        if px == 0:
            continue
        lines = cv2.morphologyEx(comp, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)) | \
            cv2.morphologyEx(comp, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
        if _is_stamp((x, y, bw, bh), float(lines.sum()) / px, ink, hmed, t):
            zones.append(Zone((x, y, bw, bh), "stamp"))
            mask[y: y + bh, x: x + bw] = ink[y: y + bh, x: x + bw]  # all of it: the printed and written words too
            continue
        if lines.sum() > t.nontext_line_share * px:
            continue  # a rule, a box or a table grid: the text in it is text
        if int((comp & read[y: y + bh, x: x + bw]).sum()) > t.nontext_read_share * px:
            continue  # text the first pass read surely
        kind = _kind(comp, bw, bh, hmed, t)
        zones.append(Zone((x, y, bw, bh), kind))
        mask[y: y + bh, x: x + bw][comp > 0] = 255
    return NonText(_outermost(zones), mask, ink, hmed)


def _is_stamp(box: Box, line_share: float, ink: np.ndarray, hmed: int, t: OcrTuning) -> bool:
    """A received ("ĐẾN") stamp: a framed box of its size whose frame makes a fair share of its ink, with a row of
    dots inside (the "Giờ: ……" and "Ngày: ……" leaders the clerk writes on). A table or a framed paragraph has no
    leaders; a signature or seal no frame."""
    x, y, bw, bh = box
    if not (t.stamp_width[0] * hmed <= bw <= t.stamp_width[1] * hmed
            and t.stamp_height[0] * hmed <= bh <= t.stamp_height[1] * hmed):
        return False
    return line_share >= t.stamp_line_share and leader_dots(ink[y: y + bh, x: x + bw], hmed, t) >= t.stamp_leader_dots


def leader_dots(ink: np.ndarray, hmed: int, t: OcrTuning = DEFAULT_OCR) -> int:
    """The longest row of dots in a binary image (255 = ink): specks under `t.dot_size` text heights both ways,
    at about the same height, each less than a text height from the next."""
    _, _, st, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = max(2, int(t.dot_size * hmed))
    dots = [(s[0] + s[2] / 2, s[1] + s[3] / 2) for s in st[1:] if s[2] <= small and s[3] <= small and s[4] >= 2]
    tol = max(2, hmed // 6)
    best = 0
    for _, cy in dots:
        row = sorted(dx for dx, dy in dots if abs(dy - cy) <= tol)
        run = 1
        for a, b in zip(row, row[1:]):
            run = run + 1 if b - a <= hmed else 1
            best = max(best, run)
        best = max(best, 1)
    return best


def dot_leaders(lines: list[Line], gray: np.ndarray, hmed: int | None, t: OcrTuning = DEFAULT_OCR) -> int:
    """Words Tesseract made of a printed dot leader (the 'Sửa: ……', 'Lý do: ……' and signing lines of a form): read
    unsurely as letters and digits ('18012008190083i80364', 'Hf-2xia8A1-41', 'sedes6i6…' at 0 %), their ink all
    dots in a row. Each such word's text becomes its dots, and a line's run of them one word, as printed: a word
    with any ink that is no dot (letters, a number written on the leader) stays as read. Changes the lines in
    place; returns how many words were leaders."""
    if not hmed or hmed < 4:
        return 0
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    small = max(2, int(t.dot_size * hmed))
    found = 0
    for ln in lines:
        out: list[Word] = []
        last_dots = False
        for wd in ln.words:
            n = _leader(wd, ink, hmed, small, t)
            if n and last_dots:
                a = out[-1]
                x0, y0 = min(a.box[0], wd.box[0]), min(a.box[1], wd.box[1])
                x1 = max(a.box[0] + a.box[2], wd.box[0] + wd.box[2])
                y1 = max(a.box[1] + a.box[3], wd.box[1] + wd.box[3])
                out[-1] = Word(a.text + "." * n, (x0, y0, x1 - x0, y1 - y0), min(a.confidence, wd.confidence), a.line)
            elif n:
                out.append(Word("." * n, wd.box, wd.confidence, wd.line))
            else:
                out.append(wd)
            found += bool(n)
            last_dots = bool(n)
        ln.words = out
    return found


def _leader(wd: Word, ink: np.ndarray, hmed: int, small: int, t: OcrTuning) -> int:
    """The dots of a word read from a dot leader (0 when it is not one)."""
    if wd.confidence >= t.junk_unsure or not any(c.isalnum() for c in wd.text):
        return 0
    x, y, w, h = wd.box
    crop = ink[max(0, y): y + h, max(0, x): x + w]
    px = int(np.count_nonzero(crop))
    if px == 0:
        return 0
    _, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    dots = [s for s in st[1:] if s[2] <= small and s[3] <= small and s[4] >= 2]
    if sum(int(s[4]) for s in dots) < t.leader_share * px or leader_dots(crop, hmed, t) < t.leader_min_dots:
        return 0
    return len(dots)


def _outermost(zones: list[Zone]) -> list[Zone]:
    """Zones not inside another (a seal's inner ring is the seal)."""
    def within(a: Box, b: Box) -> bool:
        return a != b and b[0] <= a[0] and b[1] <= a[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]
    return [z for z in zones if not any(within(z.box, o.box) for o in zones)]


def _kind(comp: np.ndarray, bw: int, bh: int, hmed: int, t: OcrTuning) -> str:
    aspect = bw / bh
    fill = float(comp.mean())
    if t.nontext_round[0] <= aspect <= t.nontext_round[1] and min(bw, bh) >= 3 * hmed:
        transitions = float(np.abs(np.diff(comp.astype(np.int8), axis=1)).sum()) / bh
        if t.qr_fill[0] <= fill <= t.qr_fill[1] and transitions >= t.qr_transitions:
            return "qr"
        if min(bw, bh) >= t.seal_min * hmed:
            return "seal" if fill < 0.3 else "emblem"
    return "signature"


def text_into_stamp(words: Sequence[Word], nontext: NonText, hmed: int | None, t: OcrTuning = DEFAULT_OCR) -> set[int]:
    """Indices of a line's words that lie in a received stamp's box but continue the line's text outside it: the
    box spans a "HỎA TỐC" stamp beside the frame, and a subject line printed into it ('Về dự | án Luật sửa đổi …',
    read at 97 %) is the document's. Taken from the first outside word towards the stamp, word by word, while each is
    read surely as a word, text-sized, at most `stamp_text_gap` text heights from the next and in capitals only if
    that one is: the stamp's own words are capitals ('ĐIỆN TỬ CHÍNH PHỦ' read onto the line 'quốc phòng, …')."""
    if not hmed or not any(z.kind == "stamp" for z in nontext.zones):
        return set()
    order = sorted(range(len(words)), key=lambda i: words[i].box[0])
    inside = {i for i in order if nontext.in_stamp(words[i].box)}
    keep: set[int] = set()
    for seq in (order[::-1], order):  # text running left into a stamp, then right into one
        anchor: Word | None = None
        for i in seq:
            wd = words[i]
            if i not in inside:
                anchor = wd
                continue
            if anchor is None:
                continue
            gap = max(anchor.box[0] - wd.box[0] - wd.box[2], wd.box[0] - anchor.box[0] - anchor.box[2])
            if (gap <= t.stamp_text_gap * hmed and wd.confidence >= t.junk_sure and token_kind(wd.text) == "word"
                    and t.word_height_range[0] <= wd.box[3] / hmed <= t.word_height_range[1]
                    and (is_caps(anchor.text) or not is_caps(wd.text))):
                keep.add(i)
                anchor = wd
            else:
                anchor = None
    return keep


def past_stamp(engine: Engine, gray: np.ndarray, words: Sequence[Word], gone: Sequence[int], nontext: NonText,
               hmed: int | None, dpi: int | None, t: OcrTuning = DEFAULT_OCR) -> list[Word]:
    """The line's own word that Tesseract glued to a received stamp's contents, read again without them. The
    first word of a subject line printed against the stamp's frame ('… của Ủy ban Quốc gia …' beside an "ĐẾN"
    stamp, read 'ÁblAol4O2S...dủa' with the stamp's date and dots) goes with the stamp, since its centre lies
    in it. For each such word of `gone` (indices of `words` left out) that reaches at least `stamp_word_past`
    text heights out of the stamp's box, on the side where the line goes on with a sure word: the frame's ink
    is whitened and the word's part from the first glyph touching the frame outward read as one line (psm 7).
    Kept only when every word read is a sure, text-sized Vietnamese word ('của' at 96 %)."""
    if not hmed or not gone:
        return []
    out: list[Word] = []
    gap = t.stamp_text_gap * hmed
    sure = [wd for j, wd in enumerate(words) if j not in gone and wd.confidence >= t.junk_sure
            and token_kind(wd.text) == "word" and not nontext.in_stamp(wd.box)]
    for i in gone:
        wd = words[i]
        x, y, w, h = wd.box
        zone = next((z for z in nontext.zones if z.kind == "stamp" and nontext.in_stamp(wd.box)
                     and z.box[0] <= x + w / 2 <= z.box[0] + z.box[2]), None)
        if zone is None:
            continue
        zx0, zx1 = zone.box[0], zone.box[0] + zone.box[2]
        if x + w - zx1 >= t.stamp_word_past * hmed and any(0 <= o.box[0] - x - w <= gap for o in sure):
            right = True
        elif zx0 - x >= t.stamp_word_past * hmed and any(0 <= x - o.box[0] - o.box[2] <= gap for o in sure):
            right = False
        else:
            continue
        box = _past_frame(nontext, gray, wd.box, zone.box, right, hmed)
        if box is None:
            continue
        img, bx = box
        got = [g for ln in engine.read_region(img, bx, 7, dpi, pad=20) for g in ln.words if g.text.strip()]
        if got and all(g.confidence >= t.junk_sure and token_kind(g.text) == "word"
                       and t.word_height_range[0] <= g.box[3] / hmed <= t.word_height_range[1] for g in got):
            out.extend(Word(g.text, g.box, g.confidence, wd.line) for g in got)
    return out


def _past_frame(nontext: NonText, gray: np.ndarray, word: Box, stamp: Box, right: bool, hmed: int
                ) -> tuple[np.ndarray, Box] | None:
    """The page with the stamp's frame whitened near its edge on the word's side, and the box of the word's part
    from the glyph touching the frame (inside it) outward; None when no frame stands there."""
    x, y, w, h = word
    sx, sy, sw, sh = stamp
    edge = sx + sw if right else sx
    m = max(4, hmed // 3)
    c0, c1 = max(0, edge - m), min(gray.shape[1], edge + m)
    strip = nontext.ink[sy: sy + sh, c0: c1]
    frame = cv2.morphologyEx(strip, cv2.MORPH_OPEN, np.ones((max(3, 2 * hmed), 1), np.uint8))
    if not frame.any():
        return None
    frame = cv2.dilate(frame, np.ones((1, 5), np.uint8))
    img = gray.copy()
    img[sy: sy + sh, c0: c1][frame > 0] = 255
    cols = np.flatnonzero(frame.any(axis=0)) + c0
    f0, f1 = int(cols[0]), int(cols[-1])
    # glyphs of the word inside the frame, touching it: the 'c' of 'của' printed against it
    y0, y1 = max(0, y), y + h
    if right:
        a0, a1 = max(0, f0 - 2 * hmed), f0
    else:
        a0, a1 = f1 + 1, min(gray.shape[1], f1 + 1 + 2 * hmed)
    band = (255 - img[y0: y1, a0: a1] > 0) & (nontext.ink[y0: y1, a0: a1] > 0)
    n, _, st, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8), connectivity=8)
    touching = [s for s in st[1:] if s[3] >= 0.4 * hmed
                and (s[0] + s[2] >= a1 - a0 - 4 if right else s[0] <= 4)]
    if right:
        start = a0 + min(int(s[0]) for s in touching) - 2 if touching else f1 + 1
        return img, (start, y - 4, x + w + 4 - start, h + 8)
    end = a0 + max(int(s[0] + s[2]) for s in touching) + 2 if touching else f0
    return img, (x - 4, y - 4, end - x + 4, h + 8)


def is_junk(word: Word, hmed: int | None, nontext: NonText | None = None, strict: bool = True,
            t: OcrTuning = DEFAULT_OCR) -> bool:
    """Whether a word does not read as language. `strict` (recovery and column crops): any word that is not a
    syllable, number or code, unless read surely at text size, and on non-text ink (a seal, a signature) any
    word not sure, text-sized and language: the signer's name under the signature stays, 'Em. Sàn A0' read from
    a seal's ring does not. Else (the first pass, which plain Tesseract reads too) only a short, unsure non-word
    on non-text ('00T', 'N¡'): printed words a stroke runs through stay, garbled or not (dropping 'mạfg', 'hoán'
    read under a signature at 1-19 % raised the seal level's CER from 2.05 to 2.63 % on one page)."""
    if nontext is not None and nontext.in_stamp(word.box):
        return True
    kind = token_kind(word.text)
    language = kind not in ("other", "punct")
    if not strict:
        if nontext is None or language or word.confidence >= t.junk_unsure or sum(c.isalnum() for c in word.text) > 3:
            return False
        return nontext.ink_share(word.box) >= t.on_ink_share or nontext.in_zone(word.box)
    ratio = word.box[3] / hmed if hmed else 1.0
    sized = t.word_height_range[0] <= ratio <= t.word_height_range[1]
    if nontext is not None and nontext.inside(word.box, t):
        return not (language and sized and word.confidence >= t.junk_sure)
    if kind == "other":
        return not (sized and word.confidence >= t.junk_sure)
    if kind == "punct":  # list dashes and bullets ('-' at 61 %) carry the structure fields read
        return False
    return not sized and word.confidence < t.junk_sure
