"""No junk added by ocrfix's own passes on real scans (issue 12: at least as good as plain Tesseract on every page).
Real crops of ../shared/realscans pages as ocrfix OCRs them (tests/fixtures/realscans/, see SOURCES.md)."""
from pathlib import Path

import cv2
from PIL import Image

from ocrfix import preprocess
from ocrfix.recognition import read_page
from ocrfix.recognition.language import invalid_tokens

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


def test_a_one_line_region_read_as_one_line():
    """vpubndld_phieutrinh p1, a phone capture (277 dpi): the italic date line under 'LÃNH ĐẠO VĂN PHÒNG', its day
    written in blue, is lost by the first pass. Lost-text recovery read its region as a block (psm 6), and
    Tesseract broke the one row into lines of a letter or two: 'th' | 'á' | 'H' | 'e0' | … | '2' | '202' | '26'.
    Read as a single line it is the date line's words."""
    im = Image.open(FIX / "recovery" / "vpubndld_phieutrinh_2026_p1_dateline.png")
    g, _, dpi, _ = preprocess.run_with_marks(preprocess.to_bgr(im), 277, ("color",), {})
    lines = [ln.text for ln in read_page(g, "vie", dpi).lines]
    assert any(t.startswith("tháng 02") and t.endswith("2026") for t in lines), lines
    assert not invalid_tokens("\n".join(lines)), lines
