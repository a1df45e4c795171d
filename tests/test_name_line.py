"""A signer's surname the signature's ink hid from the page's OCR, read again from the name line's crop
(recognition/name_line.py; random layouts, dev: 'Thị Loan' for 'Nguyễn Thị Loan', 'Hải' | 'Hòa' for 'Lê Hải Hòa')."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocrfix import preprocess
from ocrfix.document import Word
from ocrfix.recognition import name_line, read_page
from ocrfix.recognition.lines import Line

BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _signature_page(name: str, amp: float = 20, freq: float = 14, ext: float = 40, width: int = 4) -> Image.Image:
    """An A4 page at 200 dpi ending a Decision: the last article, Nơi nhận, and the signature block whose name's
    first word a blue signature stroke crosses (as tools/render.add_signature draws it)."""
    img = Image.new("RGB", (1654, 2339), "white")
    d = ImageDraw.Draw(img)
    bold, reg = ImageFont.truetype(BOLD, 27), ImageFont.truetype(REGULAR, 27)
    for i, t in enumerate(["Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính và",
                           "Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành",
                           "Quyết định này kể từ ngày ký ban hành./."]):
        d.text((230, 300 + 50 * i), t, font=reg, fill="black")
    d.text((160, 520), "Nơi nhận:", font=bold, fill="black")
    for i, t in enumerate(["- Như Điều 3;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, KT."]):
        d.text((160, 560 + 36 * i), t, font=ImageFont.truetype(REGULAR, 22), fill="black")
    for y, t in ((520, "KT. CHỦ TỊCH"), (560, "PHÓ CHỦ TỊCH"), (800, name)):
        d.text((1240 - d.textlength(t, font=bold) / 2, y), t, font=bold, fill="black")
    x0 = 1240 - d.textlength(name, font=bold) / 2
    sw = d.textlength(name.split()[0], font=bold)
    pts = [(x0 - ext + t / 59 * (sw + 2 * ext), 815 + math.sin(t / 59 * freq) * amp) for t in range(60)]
    d.line(pts, fill=(20, 40, 160), width=width)
    return img


def _read_without_first_name_word(img: Image.Image) -> tuple[list[Line], np.ndarray, np.ndarray, Line]:
    """The page's OCR lines with the name line's first word taken out (what Tesseract gave on the dev pages: no box
    under the ink), the page as OCR'd and its view with the signature's ink whitened."""
    bgr = preprocess.to_bgr(img)
    g, view = preprocess.suppress_color_ink(bgr), preprocess.handwriting_view(bgr)
    lines = read_page(g, "vie", 200).lines
    ln = next(ln for ln in lines if ln.text.endswith("Thị Loan"))
    del ln.words[: len(ln.words) - 2]
    return lines, g, view, ln


@pytest.mark.tesseract
def test_a_surname_under_the_signature_is_read_again_from_the_name_line():
    lines, g, view, ln = _read_without_first_name_word(_signature_page("Nguyễn Thị Loan"))
    assert ln.text == "Thị Loan"
    name_line.reread_name_lines(lines, g, view, 200)
    assert ln.text == "Nguyễn Thị Loan"
    assert ln.words[0].box[0] < ln.words[1].box[0]


@pytest.mark.tesseract
def test_a_name_the_reread_cannot_read_surely_stays_as_read():
    # thick strokes crossing the whole surname: the re-read reads no sure surname ('Tguyán' at 38 %)
    lines, g, view, ln = _read_without_first_name_word(_signature_page("Nguyễn Thị Loan", 30, 14, 10, 6))
    name_line.reread_name_lines(lines, g, view, 200)
    assert ln.text == "Thị Loan"


def _w(text: str, x: int, conf: float = 96.0) -> Word:
    return Word(text=text, box=(x, 100, 50, 25), confidence=conf)


def test_only_a_sure_common_surname_before_the_same_words_is_taken():
    first = [_w("Thị", 200), _w("Loan", 260)]
    assert [w.text for w in name_line.leading_surname(first, [_w(".", 90, 52), _w("Nguyễn", 100)] + first)] == \
        ["Nguyễn"]
    assert name_line.leading_surname(first, [_w("Nguyễn", 100, 60)] + first) is None  # unsure
    assert name_line.leading_surname(first, [_w("Tguyán", 100)] + first) is None  # no surname
    assert name_line.leading_surname(first, [_w("Nguyễn", 100), _w("Thị", 200), _w("Loạn", 260)]) is None
    assert name_line.leading_surname(first, [_w("Ban", 20), _w("Nguyễn", 100)] + first) is None  # a sure word before


def test_a_name_line_split_in_two_ocr_lines_is_one_row():
    rows = name_line.name_rows([Line([_w("Hòa", 1300)], 100, 1300), Line([_w("Hải", 1230)], 100, 1230)], 1654)
    assert len(rows) == 1
    words = sorted((w for ln in rows[0] for w in ln.words), key=lambda w: w.box[0])
    assert name_line.lost_its_surname(words)
    assert not name_line.lost_its_surname([_w("Lê", 1160), *words])
