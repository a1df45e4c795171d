"""The second look: words read with low confidence read again on their own; and specks dropped."""
from __future__ import annotations

import unicodedata

import numpy as np

from ..document import Word
from ..tuning import DEFAULT_OCR, OcrTuning
from .engine import Engine
from .lines import Line, has_alnum, median_height

SECOND_LOOK_BATCH = 50  # words per Tesseract call (one image must stay under Tesseract's 32,767 px)
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def doubtful_words(lines: list[Line], t: OcrTuning = DEFAULT_OCR) -> list[Word]:
    """The words a second look is for: under `t.doubtful`, text-sized; none on a page that reads badly as a whole
    (turned, or not text: more than `t.max_doubtful_share` unsure)."""
    words = [wd for ln in lines for wd in ln.words if has_alnum(wd.text)]
    doubt = [wd for wd in words if wd.confidence < t.doubtful]
    if not doubt or len(doubt) > t.max_doubtful_share * len(words):
        return []
    hmed = median_height(words)
    return [wd for wd in doubt if wd.box[3] <= 2.5 * hmed]  # seal and signature strokes are not words


def second_look(engine: Engine, img: np.ndarray, lines: list[Line], dpi: int | None,
                t: OcrTuning = DEFAULT_OCR) -> int:
    """Read every doubtful word again on its own, all of a page's at once (each word's crop on a line of
    its own in one image): in a line, Tesseract's reading of a word leans on its neighbours ('(Hằng' read
    '(Hãng' at 27 %, 'DCV' read 'DGV' at 76 %); alone, it is often read right and surer. The second
    reading replaces the first when it is one word, at least `t.second_look_min` and `t.surer_by` above it.
    Changes the words in place; returns how many were looked at."""
    doubt = doubtful_words(lines, t)
    for k in range(0, len(doubt), SECOND_LOOK_BATCH):
        _look_again(engine, img, doubt[k:k + SECOND_LOOK_BATCH], dpi, t)
    return len(doubt)


def _look_again(engine: Engine, img: np.ndarray, doubt: list[Word], dpi: int | None, t: OcrTuning) -> None:
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
    for ln in engine.read(np.vstack(strips), 6, dpi):
        for wd in ln.words:
            centre = wd.box[1] + wd.box[3] / 2
            k = next((k for k, (a, b) in enumerate(spans) if a <= centre < b), None)
            if k is not None:
                read.setdefault(k, []).append(wd)
    for k, wd in enumerate(doubt):
        again = read.get(k, [])
        if len(again) != 1:
            continue
        # a tone mark is what a word read alone gets wrong most ('thẩm' read 'thấm' at 85 % without its line)
        margin = t.tone_surer_by if _toneless(again[0].text) == _toneless(wd.text) else t.surer_by
        if again[0].confidence >= max(t.second_look_min, wd.confidence + margin):
            wd.text, wd.confidence = again[0].text, again[0].confidence


def _toneless(s: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", s).translate(_TONE_MARKS))


def drop_specks(lines: list[Line], t: OcrTuning = DEFAULT_OCR) -> list[Line]:
    """Words read from a speck: smaller than `t.speck_size` of a text line in both directions and unsure ('đt', a
    2 x 9 px box at 18 % in a Nơi nhận item). A printed word is at least a line's x-height high and as wide."""
    words = [wd for ln in lines for wd in ln.words if has_alnum(wd.text)]
    if not words:
        return lines
    hmed = median_height(words)
    for ln in lines:
        ln.words = [wd for wd in ln.words if not (wd.confidence < t.speck_confidence and has_alnum(wd.text)
                                                  and max(wd.box[2], wd.box[3]) < t.speck_size * hmed)]
    return [ln for ln in lines if ln.words]
