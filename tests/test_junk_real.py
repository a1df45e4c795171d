"""No junk added by ocrfix's own passes on real scans (issue 12: at least as good as plain Tesseract on every page).
Real crops of ../shared/realscans pages as ocrfix OCRs them (tests/fixtures/realscans/, see SOURCES.md)."""
from dataclasses import replace
from pathlib import Path

import cv2
from PIL import Image

from ocrfix import preprocess
from ocrfix.document import Word
from ocrfix.recognition import Line, nontext, read_page
from ocrfix.recognition.language import before_initials, invalid_tokens
from ocrfix.tuning import DEFAULT_OCR

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


def _leader_crop():
    im = Image.open(FIX / "leaders" / "vpubndld_phieutrinh_2026_p1_leaders.png")
    g, _, dpi, _ = preprocess.run_with_marks(preprocess.to_bgr(im), 277, ("color",), {})
    return g, dpi


def test_a_dot_leader_read_as_letters_is_its_dots():
    """vpubndld_phieutrinh p1, the form's '4.2. Thống nhất  ☐ Sửa: ……' and '4.3. … Lý do: ……' rows: Tesseract read
    the dots of the leaders as letters and digits at 0 % ('18012008190083i80364', 'Hf-2xia8A1-41', '154610403/A%').
    A word read unsurely whose ink is all dots in a row is the printed leader: its text is its dots."""
    g, dpi = _leader_crop()
    lines = [ln.text for ln in read_page(g, "vie", dpi).lines]
    row = next(t for t in lines if t.startswith("4.2."))
    assert not any(sum(c.isalnum() for c in tok) >= 6 for tok in invalid_tokens(row)), row
    assert "." * 20 in row, row


def test_a_word_with_letters_on_a_leader_stays():
    """The rule on words of the same crop: the first pass's '18012008190083i80364' (0 %) over the leader after
    'Sửa:' becomes its 15 dots, and a following leader word joins it; 'do:……' (4 %), whose ink is the letters of
    'do:' and then the dots, stays as read, and so does a sure word."""
    g, _ = _leader_crop()
    leader = Word("18012008190083i80364", (1034, 27, 213, 53), 0.0)
    after = Word("154610403/A%", (1257, 27, 109, 53), 0.0)
    lettered = Word("do:..............................", (761, 85, 960, 37), 4.0)
    sure = Word("Thống", (98, 30, 120, 40), 96.0)
    lines = [Line(words=[leader, after], top=27, left=1034), Line(words=[lettered], top=85, left=761),
             Line(words=[sure], top=30, left=98)]
    assert nontext.dot_leaders(lines, g, 37) == 2
    assert len(lines[0].words) == 1 and set(lines[0].words[0].text) == {"."}
    assert len(lines[0].words[0].text) >= 20 and lines[0].words[0].box == (1034, 27, 332, 53)
    assert lines[1].words[0].text == "do:.............................." and lines[2].words[0].text == "Thống"


def test_a_word_glued_to_a_stamp_is_read_past_its_frame():
    """ubqgnct_qd_143 p1 (1-bit, 200 dpi): the subject's second line '… của Ủy ban Quốc gia về người cao tuổi Việt
    Nam' is printed against the frame of the e-portal's "ĐẾN" stamp, and Tesseract read the stamp's handwritten
    date, its dots and 'của' as one word, 'ÁblAol4O2S...dủa', which goes with the stamp. With the frame whitened,
    the part from the 'c' printed against it reads 'của'; the stamp's own words and date stay out."""
    img = cv2.imread(str(FIX / "stamp" / "ubqgnct_qd_143_2025_p1_subject.png"), cv2.IMREAD_GRAYSCALE)
    lines = [ln.text for ln in read_page(img, "vie", 200).lines]
    assert any(t.startswith("của Ủy ban Quốc gia") for t in lines), lines
    text = "\n".join(lines)
    assert not any(w in text for w in ("Ngày", "Giờ", "ĐẾN", "2025")), lines
    off = [ln.text for ln in read_page(img, "vie", 200, tuning=replace(DEFAULT_OCR, stamp_word_past=99.0)).lines]
    assert not any("của" in t for t in off), off


def test_the_drafters_initials_after_the_closing_mark_go():
    """cucthue_cv_2191 p4 (1-bit, 200 dpi): the text's last line ends '… đúng quy định./.' with the drafter's
    initials (ký nháy) written just after it; Tesseract read them glued to the word, 'định./.4_~' (13 %). The
    printed word is kept, the initials go."""
    img = cv2.imread(str(FIX / "initials" / "cucthue_cv_2191_2026_p4_closing.png"), cv2.IMREAD_GRAYSCALE)
    lines = [ln.text for ln in read_page(img, "vie", 200).lines]
    assert lines[-1] == "nghiệp thực hiện đúng quy định./.", lines


def test_initials_read_on_real_closing_marks():
    """What the real set's pages read (ocrfix's first pass): the initials after './.' and after the Lưu item's copy
    count go; a word run on after the mark (the next line's capital) and the marks alone stay."""
    assert before_initials("định./.4_~") == "định./."  # cucthue_cv_2191 p4
    assert before_initials("NC(2).xeu") == "NC(2)."  # ttg_cd_195 p1, "- Lưu: VT, NC(2)."
    assert before_initials("chí././@") == "chí./."  # c04_cv_3980 p3
    for kept in ("hiện./.Nơi", "định./.", "CS(5b).", "2025./.", "(2b)."):
        assert before_initials(kept) is None, kept
