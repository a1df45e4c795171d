"""No junk added by ocrfix's own passes on real scans (issue 12: at least as good as plain Tesseract on every page).
Real crops of ../shared/realscans pages as ocrfix OCRs them (tests/fixtures/realscans/, see SOURCES.md)."""
from pathlib import Path

import cv2

from ocrfix.recognition import read_page

FIX = Path(__file__).parent / "fixtures" / "realscans"


def test_the_column_cut_does_not_split_a_word():
    """cucthue_cv_2191 p4, the Nơi nhận list beside the signature block (1-bit, 200 dpi): the first pass read the
    lines across both columns. On a 1-bit scan the space between two letters holds no ink either, and the first
    empty column of the band cut 'Minh' into 'Mi' | 'nh': the left crop kept 'Minh' (the first pass's surer
    word), the right one read 'nh (đề b/c}; BAN', and 'nh' was read twice. The cut lies in the gap between the
    columns, and the list item comes out whole."""
    img = cv2.imread(str(FIX / "columns" / "cucthue_cv_2191_2026_p4_noi_nhan.png"), cv2.IMREAD_GRAYSCALE)
    lines = [ln.text for ln in read_page(img, "vie", 200).lines]
    assert any("Đặng Ngọc Minh (" in t for t in lines), lines
    assert not any(t.split()[0] in ("nh", "Minh") for t in lines), lines
    assert any(t.startswith("KT. TRƯỞNG BAN") for t in lines), lines  # the right column as before

