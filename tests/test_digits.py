"""The handwritten-digit reader (ocrfix.digits) on real blanks of real headers.

The crops in fixtures/realscans/handwritten/ are the number and day blanks of five real signed documents of
../shared/realscans (state bodies' documents, outside copyright: IP Law Art. 15), cut where ocrfix.handwriting
finds them, from the page as written (seal whitened). Tesseract's digit passes read none of these five.
"""
from pathlib import Path

import cv2
import numpy as np
import pytest

from ocrfix import digits
from ocrfix.tuning import DEFAULT_OCR

HERE = Path(__file__).parent / "fixtures" / "realscans" / "handwritten"


def _crop(name: str) -> np.ndarray:
    im = cv2.imread(str(HERE / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
    assert im is not None
    return im


@pytest.mark.parametrize("name, written", [
    ("cp_nq_320_2025_1", "320"),        # Nghị quyết 320/NQ-CP: the number, 1-bit scan
    ("bng_cv_4432_2025_1", "4432"),     # Bộ Ngoại giao: the number, colour scan, thin pen
    ("ttg_cv_464_2026_2", "30"),        # Thủ tướng: the day, 1-bit scan
    ("catld_cv_1710_2025_1", "04"),     # Công an tỉnh Lâm Đồng: the day, 150 dpi colour
    ("ubndld_gm_560_2025_1", "06"),     # UBND tỉnh Lâm Đồng: the day
    ("cucthue_cv_2191_2026_1", "08"),   # Cục Thuế: the day, "0" and "8" written joined, both sure when cut
])
def test_real_handwritten_digits_are_read_surely(name, written):
    r = digits.read(_crop(name))
    assert r is not None and r.digits == written
    assert r.confidence >= DEFAULT_OCR.hw_digit_conf


def test_digits_written_joined_are_not_guessed():
    # "20" written in one stroke, as wide as a digit and a half: neither one digit nor clearly two
    r = digits.read(_crop("bkhcn_tt_20_2025_1"))
    assert r is None or r.confidence < DEFAULT_OCR.hw_digit_conf


def test_digits_written_joined_can_be_cut_by_force():
    # Sở Nội vụ Lâm Đồng's "294", its "29" in one stroke: no glyphs as it is; cut on request along its
    # least-ink path, the classifier reads '294' (handwriting.read_digits takes such a reading only
    # where a Tesseract pass reads the same)
    crop = _crop("snvld_ttr_294_2025_number")
    assert digits.read(crop) is None
    r = digits.read(crop, cut_joined=True)
    assert r is not None and r.digits == "294"


def test_the_next_lines_letters_cut_by_the_blank_are_not_digits():
    crop = _crop("cp_nq_320_2025_1")
    ys = np.nonzero((crop < 128).any(axis=1))[0]
    digit_h = int(ys.max() - ys.min() + 1)
    h, w = crop.shape
    tall = np.full((h + digit_h, w), 255, np.uint8)
    tall[:h] = crop
    for x in range(4, w - 12, 16):  # letters of the line below, taller than specks, cut by the bottom edge
        cv2.rectangle(tall, (x, h + digit_h // 3), (x + 7, h + digit_h), 0, -1)
    r = digits.read(tall)
    assert r is not None and r.digits == "320"


def test_a_rule_touching_the_digits_is_no_stroke():
    crop = _crop("cp_nq_320_2025_1").copy()
    ys = np.nonzero((crop < 128).any(axis=1))[0]
    cv2.line(crop, (0, int(ys.min()) + 1), (crop.shape[1] - 1, int(ys.min()) + 1), 0, 2)  # across their tops
    r = digits.read(crop)
    assert r is not None and r.digits == "320"


def test_no_ink_no_reading():
    assert digits.read(np.full((60, 90), 255, np.uint8)) is None


def test_glyphs_are_brought_to_the_mnist_form():
    glyph = np.zeros((90, 30), bool)
    glyph[5:85, 10:18] = True  # a tall thin stroke, off centre
    img = digits.normalize(glyph)
    assert img.shape == (28, 28) and 0.99 <= img.max() <= 1.0
    ys, xs = np.nonzero(img > 0.5)
    assert ys.max() - ys.min() + 1 <= 20  # fitted into 20 × 20
    m = cv2.moments(img)
    assert abs(m["m10"] / m["m00"] - 14) < 1 and abs(m["m01"] / m["m00"] - 14) < 1  # centred by mass


@pytest.mark.parametrize("name, written", [
    ("catld_cv_1710_2025_number", "1710"),  # Công an tỉnh Lâm Đồng: the number, its "1" with a long flag (84 % a 4)
    ("hdtdld_bb_2025_day", "18"),           # Hội đồng thẩm định, Adobe Scan: the day, its "1" flagged (50 % a 4)
])
def test_a_flagged_one_without_a_crossbar_is_read_as_one(name, written):
    # the Vietnamese "1": a stem and a long up-stroke leaving its top down to the left. The classifier, trained
    # on MNIST, reads it as 4, with 1 second; it has no crossbar, so it is no 4
    r = digits.read(_crop(name))
    assert r is not None and r.digits == written
    assert r.confidence >= DEFAULT_OCR.hw_digit_conf


@pytest.mark.parametrize("name", ["bng_cv_4432_2025_1", "catld_cv_1710_2025_1", "ubndld_tb_493_2025_number"])
def test_a_written_four_has_no_flagged_ones_shape(name):
    # the real 4s: open (4432), closed (the day 04), the crossbar sloped and low (493)
    gs = digits.glyphs(_crop(name))
    assert gs
    p = digits.classify(np.stack([digits.normalize(g) for g in gs]))
    fours = [g for g, k in zip(gs, p.argmax(axis=1)) if k == 4]
    assert fours and not any(digits._flagged_one(g) for g in fours)


def test_the_crossbar_tells_a_four_from_a_flagged_one():
    one = np.zeros((60, 40), np.uint8)
    cv2.line(one, (30, 2), (30, 57), 1, 4)   # the stem
    cv2.line(one, (30, 2), (6, 40), 1, 4)    # the flag, from its top down to the left, ending free
    four = one.copy()
    cv2.line(four, (6, 40), (38, 40), 1, 4)  # the same strokes joined by a crossbar
    assert digits._flagged_one(one.astype(bool))
    assert not digits._flagged_one(four.astype(bool))
    sloped = one.copy()
    cv2.line(sloped, (6, 40), (38, 30), 1, 4)  # a crossbar rising to the right still joins them below the top
    assert not digits._flagged_one(sloped.astype(bool))


def test_a_glyph_closing_three_loops_is_two_digits_not_read_as_one():
    # Cục C04's "3980", its "80" written joined and no wider than a digit: the classifier alone reads that glyph
    # '8' at 100 %; only its unsure 9 kept '398' out. No digit closes three loops, so the glyph is two digits:
    # no reading as it is, and cut on request (a reading handwriting.read_digits takes only with a Tesseract pass)
    crop = _crop("c04_cv_3980_2025_number")
    assert digits.read(crop) is None
    r = digits.read(crop, cut_joined=True)
    assert r is not None and len(r.digits) == 4


def test_loops_are_counted_as_the_glyph_closes_them():
    eight = np.zeros((60, 40), np.uint8)
    cv2.circle(eight, (20, 16), 12, 1, 3)
    cv2.circle(eight, (20, 42), 14, 1, 3)
    eighty = np.zeros((60, 70), np.uint8)
    eighty[:, :40] = eight
    cv2.ellipse(eighty, (48, 30), (14, 26), 0, 0, 360, 1, 3)  # a "0" touching the 8's side
    assert digits._loops(eight.astype(bool)) == 2
    assert digits._loops(eighty.astype(bool)) == 3
    speck = eight.copy()
    speck[42, 34] = 0  # a pinhole in the ink is no loop
    assert digits._loops(speck.astype(bool)) == 2
