"""A black seal on a 1-bit scan joins the signature block into one non-text component: its ring is found and
erased, and the lines beside it are read again — only whole sure lines clear of the seal's ink. Real crops
(tests/fixtures/realscans/seal/, see SOURCES.md): the bottom of the signed page at 200 dpi, 1-bit."""
from dataclasses import replace
from pathlib import Path

import cv2

from ocrfix.recognition import read_page, seal
from ocrfix.tuning import DEFAULT_OCR

FIX = Path(__file__).parent / "fixtures" / "realscans" / "seal"


def _page(name: str):
    img = cv2.imread(str(FIX / name), cv2.IMREAD_GRAYSCALE)
    assert img is not None, name
    return img


def _texts(img, on: bool) -> list[str]:
    return [ln.text for ln in read_page(img, "vie", 200, tuning=replace(DEFAULT_OCR, seal_reread=on)).lines]


def test_the_name_beside_a_black_seal_is_read_again():
    """ubqgnct_qd_143 p1: 'Lê Thành Long' sits under the seal's ring, clear of it; the ring touches the title above
    and the signature runs into both, so the page pass and recovery read none of it. With the ring erased the
    name line is read surely; without the seal pass it is lost."""
    img = _page("ubqgnct_qd_143_2025_p1_signature.png")
    assert "Lê Thành Long" in _texts(img, True)
    assert not any("Long" in t for t in _texts(img, False))


def test_a_name_under_the_ring_gives_no_partial_name():
    """cp_nq_320 p2: the ring runs through 'Phạm' of 'Phạm Minh Chính'. Erasing the ring leaves 'Minh Chính',
    which is no name of anyone here: the line is not kept, and the page reads as without the seal pass."""
    img = _page("cp_nq_320_2025_p2_signature.png")
    got = _texts(img, True)
    assert not any("Minh Chính" in t or t.split()[-1:] == ["Chính"] for t in got), got
    assert got == _texts(img, False)


def test_the_seal_ring_is_found_on_the_crop():
    """The outer ring: a circle of 35-45 mm (≈ 140-175 px radius at 200 dpi) with ink at nearly every angle."""
    img = _page("ubqgnct_qd_143_2025_p1_signature.png")
    _, ink = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ring = seal.find_ring(ink[250:720, 880:1660], 200)
    assert ring is not None
    assert 140 <= ring.outer <= 180 and ring.coverage >= 0.9, ring
    assert ring.outer - ring.inner <= 20, ring  # the ring's stroke, not the seal's whole face
    # body text has no ring
    assert seal.find_ring(ink[0:200, 0:800], 200) is None
