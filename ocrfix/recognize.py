"""Tesseract via pytesseract: words with boxes and confidences, and recovery of text a pass dropped."""
from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np

from . import errors
from .document import Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one single-threaded Tesseract per process

PAGE_TIMEOUT = 180  # seconds for one Tesseract call


@dataclass
class Line:
    words: list[Word]
    top: int
    left: int

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def check_tesseract(lang: str) -> None:
    import pytesseract

    if shutil.which("tesseract") is None:
        raise errors.SetupError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    have = set(pytesseract.get_languages(config=""))
    for code in lang.split("+"):
        if code not in have:
            raise errors.SetupError(f"Tesseract language '{code}' is not installed (apt-get install tesseract-ocr-{code})")


def _data(img: np.ndarray, lang: str, psm: int, dpi: int | None) -> list[Line]:
    import pytesseract

    config = f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")
    try:
        d = pytesseract.image_to_data(img, lang=lang, config=config, output_type=pytesseract.Output.DICT,
                                      timeout=PAGE_TIMEOUT)
    except pytesseract.TesseractError as e:  # a subclass of RuntimeError: catch it first
        msg = (e.message or "").strip().splitlines()
        raise errors.OcrEngineError(f"Tesseract failed: {msg[-1] if msg else e.status}") from None
    except RuntimeError:  # pytesseract raises a plain RuntimeError on timeout
        raise errors.OcrEngineError(f"Tesseract timed out after {PAGE_TIMEOUT} s") from None
    lines: dict[tuple, Line] = {}
    for i, text in enumerate(d["text"]):
        text = unicodedata.normalize("NFC", (text or "").strip())
        if not text:
            continue
        key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
        box = (d["left"][i], d["top"][i], d["width"][i], d["height"][i])
        w = Word(text=text, box=box, confidence=float(d["conf"][i]))
        if key not in lines:
            lines[key] = Line(words=[], top=box[1], left=box[0])
        ln = lines[key]
        ln.words.append(w)
        ln.top = min(ln.top, box[1])
    return list(lines.values())


def uncovered_ink(img: np.ndarray, lines: list[Line], min_area_frac: float = 0.002) -> list[tuple[int, int, int, int]]:
    """Regions with ink that no recognized word covers: text Tesseract dropped (boxes x, y, w, h)."""
    h, w = img.shape[:2]
    _, ink = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # drop specks
    pad = max(3, h // 400)
    for ln in lines:
        for wd in ln.words:
            x, y, bw, bh = wd.box
            ink[max(0, y - pad): y + bh + pad, max(0, x - pad): x + bw + pad] = 0
    # join leftover glyphs into text-line-sized blobs
    kw, kh = max(15, w // 60), max(3, h // 400)
    blobs = cv2.dilate(ink, np.ones((kh, kw), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    out = []
    min_area = min_area_frac * w * h
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        ink_px = int(np.count_nonzero(ink[y: y + bh, x: x + bw]))
        # text-like: wide enough, not a rule line, and enough ink
        if bw * bh >= min_area and bh >= h // 150 and ink_px > 0.02 * bw * bh and bh < h // 3 or (
            bw * bh >= min_area and bh >= h // 3 and ink_px > 0.05 * bw * bh
        ):
            out.append((int(x), int(y), int(bw), int(bh)))
    return out


def recognize(img: np.ndarray, lang: str = "vie", dpi: int | None = None, recover: bool = True,
              columns: bool = True) -> tuple[list[Line], int]:
    """OCR a grayscale page; returns its lines in reading order and how many regions were recovered."""
    lines = _data(img, lang, 3, dpi)
    recovered = 0
    if recover:
        for x, y, bw, bh in uncovered_ink(img, lines):
            m = 10
            crop = img[max(0, y - m): y + bh + m, max(0, x - m): x + bw + m]
            crop = cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
            extra = _data(crop, lang, 6, dpi)
            ox, oy = max(0, x - m) - 20, max(0, y - m) - 20
            good = []
            known = [wd.box for ln in lines for wd in ln.words]
            for ln in extra:
                ln.words = [w for w in ln.words if w.confidence >= 30 and any(c.isalnum() for c in w.text)]
                for wd in ln.words:
                    wd.box = (wd.box[0] + ox, wd.box[1] + oy, wd.box[2], wd.box[3])
                # a word read again (the crop caught an accent or a stroke of a line already read)
                ln.words = [wd for wd in ln.words if not any(_overlap(wd.box, b) > 0.4 for b in known)]
                if not ln.words:
                    continue
                ln.top += oy
                ln.left += ox
                good.append(ln)
            if good:
                recovered += 1
                lines = _insert_block(lines, good)
    if columns:
        lines = split_columns(img, lines, lang, dpi)
    lines = second_look(img, lines, lang, dpi)
    lines = drop_specks(lines)
    for i, ln in enumerate(lines):
        for wd in ln.words:
            wd.line = i
    return lines, recovered


SPECK_SIZE = 0.5  # of the median word height, in both directions
SPECK_CONFIDENCE = 50.0


def drop_specks(lines: list[Line]) -> list[Line]:
    """Words read from a speck: smaller than SPECK_SIZE of a text line in both directions and unsure ('đt', a
    2 x 9 px box at 18 % in a Nơi nhận item). A printed word is at least a line's x-height high and as wide."""
    words = [wd for ln in lines for wd in ln.words if any(c.isalnum() for c in wd.text)]
    if not words:
        return lines
    hmed = _median_height(words)
    for ln in lines:
        ln.words = [wd for wd in ln.words if not (wd.confidence < SPECK_CONFIDENCE and any(c.isalnum() for c in wd.text)
                                                  and max(wd.box[2], wd.box[3]) < SPECK_SIZE * hmed)]
    return [ln for ln in lines if ln.words]


def _median_height(words: list[Word]) -> int:
    """The median box height of some words: about a text line's height."""
    return sorted(wd.box[3] for wd in words)[len(words) // 2]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Share of box a's area that box b covers."""
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return iw * ih / max(1, a[2] * a[3]) if iw > 0 and ih > 0 else 0.0


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over union of two boxes: the same word read twice."""
    inter = _overlap(a, b) * a[2] * a[3]
    return inter / max(1.0, a[2] * a[3] + b[2] * b[3] - inter)


def _gap_split(ln: Line, page_width: int) -> float | None:
    """x of a column gap inside a line: a space between two words wider than 6 % of the page."""
    ws = sorted(ln.words, key=lambda w: w.box[0])
    best, at = 0, None
    for a, b in zip(ws, ws[1:]):
        gap = b.box[0] - (a.box[0] + a.box[2])
        if gap > best:
            best, at = gap, (a.box[0] + a.box[2] + b.box[0]) / 2
    return at if best > 0.06 * page_width and 0.25 * page_width < at < 0.75 * page_width else None


def _crosses(ln: Line, x: float) -> bool:
    """Whether the line has words on both sides of x, or a word over it."""
    return any(wd.box[0] < x for wd in ln.words) and any(wd.box[0] + wd.box[2] > x for wd in ln.words)


def reading_score(lines: list[Line]) -> float:
    """Confidence-weighted amount of text read: higher is a better reading of the same image."""
    return sum(w.confidence * len(w.text) for ln in lines for w in ln.words if any(c.isalnum() for c in w.text))


def split_columns(img: np.ndarray, lines: list[Line], lang: str, dpi: int | None) -> list[Line]:
    """Two-column blocks (the Decree-30 header: issuer | motto; the bottom: Nơi nhận | signature) that
    Tesseract read line by line across both columns are OCR'd again column by column, left column first.
    Kept only when the columns read at least as well as the merged lines did."""
    h, w = img.shape[:2]
    splits = [_gap_split(ln, w) for ln in lines]
    out: list[Line] = []
    consumed: set[int] = set()  # ids of lines a column pass has read (again)
    i = 0
    while i < len(lines):
        if id(lines[i]) in consumed:
            i += 1
            continue
        if splits[i] is None:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while True:  # extend over split lines at about the same x, bridging up to two one-sided lines
            nxt = None
            for k in range(j + 1, min(j + 4, len(lines))):
                if splits[k] is not None:
                    nxt = k
                    break
                if _crosses(lines[k], splits[i]):
                    break
            if nxt is None or abs(splits[nxt] - splits[i]) >= 0.25 * w:
                break
            j = nxt
        run = lines[i:j + 1]
        if len(run) < 2:
            out.append(lines[i])
            i += 1
            continue
        xs = sorted(x for x in splits[i:j + 1] if x is not None)
        # the block's extent from text-sized words (a seal or signature read as one tall "word" would
        # stretch it over lines that are not part of the block)
        words = [wd for ln in run for wd in ln.words]
        hmed = _median_height(words)
        words = [wd for wd in words if wd.box[3] <= 2 * hmed] or words
        top = max(0, min(wd.box[1] for wd in words) - 8)
        bottom = min(h, max(wd.box[1] + wd.box[3] for wd in words) + 8)
        left = max(0, min(wd.box[0] for wd in words) - 8)
        right = min(w, max(wd.box[0] + wd.box[2] for wd in words) + 8)
        # cut where the block has least ink near the typical gap, not through a word
        mid = int(xs[len(xs) // 2])
        lo, hi = max(left + 1, mid - w // 10), min(right - 1, mid + w // 10)
        band = 255 - img[top:bottom, lo:hi].astype(np.int32)
        cut = lo + int(np.argmin(band.sum(axis=0))) if hi > lo else mid
        # lines outside the run that lie inside the block (Tesseract's line order is not always top to bottom)
        # belong to it: the crops read them in their place, and where a crop did not, they stay as they are
        inside = [ln for k, ln in enumerate(lines) if not i <= k <= j and ln.words and id(ln) not in consumed
                  and all(left <= wd.box[0] + wd.box[2] / 2 <= right and top <= wd.box[1] + wd.box[3] / 2 <= bottom
                          for wd in ln.words)]
        inside_ids = {id(ln) for ln in inside}
        others = [wd.box for k, ln in enumerate(lines) if not i <= k <= j and id(ln) not in inside_ids
                  for wd in ln.words]
        cols: list[Line] = []
        for x0, x1 in ((left, cut), (cut, right)):
            crop = cv2.copyMakeBorder(img[top:bottom, x0:x1], 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
            for ln in _data(crop, lang, 6, dpi):
                ln.words = [wd for wd in ln.words if wd.text.strip()]
                for wd in ln.words:
                    wd.box = (wd.box[0] + x0 - 20, wd.box[1] + top - 20, wd.box[2], wd.box[3])
                ln.top += top - 20
                ln.left += x0 - 20
                _prefer_confident(ln, run + inside, cut)
                # printed rules, seal and signature strokes come back as low-confidence debris
                if not ln.words or sum(wd.confidence for wd in ln.words) / len(ln.words) < 55:
                    continue
                ln.words = [wd for wd in ln.words if not any(_overlap(wd.box, b) > 0.4 for b in others)]
                if not ln.words:
                    continue
                centre = sorted(wd.box[1] + wd.box[3] / 2 for wd in ln.words)[len(ln.words) // 2]
                if top + 8 <= centre <= bottom - 8:  # not a neighbouring line caught in the margin
                    cols.append(ln)
        if cols and reading_score(cols) >= 0.9 * reading_score(run):
            # the run is read: a later block reaching up over it (its top stretched by a speck) must not read it again
            consumed.update(id(ln) for ln in run)
            read = [wd.box for ln in cols for wd in ln.words]
            for ln in inside:
                if sum(any(_overlap(wd.box, b) > 0.4 for b in read) for wd in ln.words) >= len(ln.words) / 2:
                    consumed.add(id(ln))  # read again in its place
                else:  # the crops missed it: it stays, and no crop word repeats part of it
                    for c in cols:
                        c.words = [x for x in c.words if not any(_overlap(x.box, wd.box) > 0.4 for wd in ln.words)]
            out.extend(_with_lost_words(cols, run, cut, hmed))
        else:
            out.extend(run)
        i = j + 1
    return [ln for ln in out if id(ln) not in consumed]


LOST_WORD_MIN = 45.0  # a first-pass word no crop read again stays when at least this sure


def _with_lost_words(cols: list[Line], run: list[Line], cut: float, hmed: int) -> list[Line]:
    """The column lines, plus first-pass words of the run that no crop read again: a short last line such as
    'QHQT;' can be dropped with the debris of its crop. What seal and signature strokes read as stays out: unsure,
    tall, or two letters ('xé', 'kì', 'AI' at 50-85 % in three of 37 bottom blocks)."""
    read = [wd.box for c in cols for wd in c.words]
    left_lines = [c for c in cols if c.words and c.words[0].box[0] < cut]
    right_lines = [c for c in cols if c.words and c.words[0].box[0] >= cut]
    for ln in run:
        for side in (left_lines, right_lines):
            lost = [wd for wd in ln.words
                    if (wd.box[0] + wd.box[2] / 2 < cut) == (side is left_lines)
                    and wd.confidence >= LOST_WORD_MIN and sum(c.isalnum() for c in wd.text) >= 3
                    and wd.box[3] <= 1.6 * hmed
                    and not any(_overlap(wd.box, b) > 0.3 or _overlap(b, wd.box) > 0.3 for b in read)]
            if lost:
                new = Line(words=lost, top=min(wd.box[1] for wd in lost), left=lost[0].box[0])
                k = next((n for n, c in enumerate(side) if c.top > new.top), len(side))
                side.insert(k, new)
    return [c for c in left_lines + right_lines if c.words]


SURER_BY = 5.0  # confidence points another reading of a word must lead by to replace it (tuned on the
# fields benchmark's bottom blocks: 15 kept "CT;" at 81 over "CT," at 91)


def _prefer_confident(ln: Line, run: list[Line], cut: float) -> None:
    """Word by word, the column reading of the same box or the first pass's, whichever is surer. The first pass
    read a line that stays on one side of the column cut as well as a crop does (often better: a crop read
    'VT, QLDN1' as 'VTj QLDNI' at 30 % where the page pass had 90 %, 'các' as 'cac'), so there a tie goes to it;
    a line it ran across both columns must be clearly surer (by SURER_BY). Either way it must be confident."""
    firsts = [(wd, _crosses(r, cut)) for r in run for wd in r.words if any(c.isalnum() for c in wd.text)]
    for k, wd in enumerate(ln.words):
        for f, across in firsts:
            need = wd.confidence + SURER_BY if across else wd.confidence - SURER_BY
            if f.confidence >= max(SECOND_LOOK_MIN, need) and _iou(wd.box, f.box) >= 0.5:
                ln.words[k] = Word(text=f.text, box=wd.box, confidence=f.confidence)
                break


DOUBTFUL = 80.0  # words read with less confidence get a second look
SECOND_LOOK_MIN = 80.0  # and a second reading replaces them only with at least this confidence
MAX_DOUBTFUL_SHARE = 0.3
SECOND_LOOK_BATCH = 50  # words per Tesseract call (one image must stay under Tesseract's 32,767 px)


def second_look(img: np.ndarray, lines: list[Line], lang: str, dpi: int | None) -> list[Line]:
    """Read every doubtful word again on its own, all of a page's at once (each word's crop on a line of
    its own in one image): in a line, Tesseract's reading of a word leans on its neighbours ('(Hằng' read
    '(Hãng' at 27 %, 'DCV' read 'DGV' at 76 %); alone, it is often read right and surer. The second
    reading replaces the first when it is one word, at least SECOND_LOOK_MIN and SURER_BY above it."""
    words = [wd for ln in lines for wd in ln.words if any(c.isalnum() for c in wd.text)]
    doubt = [wd for wd in words if wd.confidence < DOUBTFUL]
    if not doubt or len(doubt) > MAX_DOUBTFUL_SHARE * len(words):
        return lines  # nothing to look at, or a page that reads badly as a whole (turned, not text)
    hmed = _median_height(words)
    doubt = [wd for wd in doubt if wd.box[3] <= 2.5 * hmed]  # seal and signature strokes are not words
    for k in range(0, len(doubt), SECOND_LOOK_BATCH):
        _look_again(img, doubt[k:k + SECOND_LOOK_BATCH], lang, dpi)
    return lines


def _look_again(img: np.ndarray, doubt: list[Word], lang: str, dpi: int | None) -> None:
    m, gap = 4, 20
    crops = [img[max(0, wd.box[1] - m): wd.box[1] + wd.box[3] + m, max(0, wd.box[0] - m): wd.box[0] + wd.box[2] + m]
             for wd in doubt]
    width = max(c.shape[1] for c in crops) + 2 * gap
    strips, spans, y = [np.full((gap, width), 255, np.uint8)], [], gap
    for c in crops:
        row = np.full((c.shape[0], width), 255, np.uint8)
        row[:, gap:gap + c.shape[1]] = c
        strips += [row, np.full((gap, width), 255, np.uint8)]
        spans.append((y - gap / 2, y + c.shape[0] + gap / 2))
        y += c.shape[0] + gap
    read: dict[int, list[Word]] = {}
    for ln in _data(np.vstack(strips), lang, 6, dpi):
        for wd in ln.words:
            centre = wd.box[1] + wd.box[3] / 2
            k = next((k for k, (a, b) in enumerate(spans) if a <= centre < b), None)
            if k is not None:
                read.setdefault(k, []).append(wd)
    for k, wd in enumerate(doubt):
        again = read.get(k, [])
        if len(again) != 1:
            continue
        # a tone mark is what a word read alone gets wrong most ('thẩm' read 'thấm' at 85 % without its line):
        # a reading that differs only in tone must be far surer
        margin = TONE_SURER_BY if _toneless(again[0].text) == _toneless(wd.text) else SURER_BY
        if again[0].confidence >= max(SECOND_LOOK_MIN, wd.confidence + margin):
            wd.text, wd.confidence = again[0].text, again[0].confidence


TONE_SURER_BY = 20.0
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _toneless(s: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", s).translate(_TONE_MARKS))


def _insert_block(lines: list[Line], block: list[Line]) -> list[Line]:
    """Put recovered lines before the first line that starts below them, keeping the rest in order."""
    top = block[0].top
    for i, ln in enumerate(lines):
        if ln.top > top:
            return lines[:i] + block + lines[i:]
    return lines + block


def lines_text(lines: list[Line]) -> str:
    return "\n".join(ln.text for ln in lines) + ("\n" if lines else "")
