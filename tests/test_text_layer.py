"""Text-layer triage and legacy font tables: real TCVN3 PDF, real Tesseract layers over rendered pages."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import ocrfix
from ocrfix import sources
from ocrfix.metrics import cer
from ocrfix.sources import legacy_fonts as L
from ocrfix.sources import text_layer as T

FIXTURES = Path(__file__).parent / "fixtures" / "realscans"


# -- legacy font tables ---------------------------------------------------------------------------

def test_vni_decodes_the_motto_and_capitals():
    assert L.vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert L.vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert L.vni_to_unicode("COÄNG HOØA, ÑÔN VÒ, Quyeát ñònh, nöôùc, ngöôøi") == "CỘNG HÒA, ĐƠN VỊ, Quyết định, nước, người"
    assert L.vni_to_unicode("baèng, taêng, yù kieán, Hoäi ñoàng") == "bằng, tăng, ý kiến, Hội đồng"


def test_tcvn3_decodes_lower_case_and_capital_fonts():
    assert L.tcvn3_to_unicode("céng hoµ x· héi chñ nghÜa viÖt nam") == "cộng hoà xã hội chủ nghĩa việt nam"
    # how pypdf reports bytes 0xAD and 0xB7 of the WinAnsi .VnTime fonts of real files
    assert L.tcvn3_to_unicode("n\u2212íc, x\u2219 héi") == "nước, xã hội"
    assert L.decode_run("ng©n hµng nhµ n−íc", "/FBHPFO+VnTimeHBold") == "NGÂN HÀNG NHÀ NƯỚC"
    assert L.decode_run("§éc lËp", "/CCBOEA+.VnTime") == "Độc lập"
    assert L.decode_run("Hà Nội", "/ABCDEE+Times New Roman") == "Hà Nội"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_lower_case_table_agrees_with_glibc():
    """glibc's TCVN5712-1 charmap has TCVN3's lower case (and Ă Â Ê Ô Ơ Ư Đ) at the same bytes."""
    import unicodedata

    for b, ours in L._TCVN3_BYTES.items():
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        assert unicodedata.normalize("NFC", out.stdout.decode()) == ours, hex(b)


def test_font_names():
    assert L.font_encoding("/BADEPR+.Vn3DH,Bold") == L.TCVN3 and L.is_capital_font("/BADEPR+.Vn3DH,Bold")
    assert L.font_encoding("/AARIQC+.VnTime,BoldItalic") == L.TCVN3 and not L.is_capital_font(".VnTime")
    assert L.font_encoding("VNI-Times") == L.VNI and L.font_encoding("VPS Times") == L.VPS
    assert L.font_encoding("/TimesNewRomanPSMT") is None and L.font_encoding("/Helvetica") is None


# -- triage, pure ---------------------------------------------------------------------------------

WRONG_MODEL = ("CQNG HOA xA HQI CHU NGHiA VIT NAM\nDc 1p - Ttr do - Hanh phüc\nLam Dng, ngày C)3 tháng 9 nàm 2025\n"
               "V/v giâi thiu !ânh do tham gia Ban Vi sr tién b cUa phi nc. Két 1un cüa ThuOrig trtrc")
GOOD = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nThực hiện Kế hoạch số 25/KH-UBND "
        "ngày 15 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh về việc tăng cường công tác cải cách hành chính.")


def test_quality_separates_a_wrong_model_layer_from_vietnamese():
    bad, good = T.quality(WRONG_MODEL), T.quality(GOOD)
    assert good.good() and not bad.good()
    assert bad.valid < 0.7 < good.valid and bad.marked < good.marked
    assert T.quality("Công văn (cid:12)(cid:13)(cid:14) \ufffd\ufffd \ue001 số").junk > 0.1
    assert T.quality("Hộі đồng Совет").foreign > 0.1


def test_decide():
    d = T.decide(T.Layer(text=WRONG_MODEL, invisible=True), has_image=True)
    assert d.action == T.OCR and d.compare and "doubtful" in d.reason
    assert T.decide(T.Layer(text=WRONG_MODEL), has_image=False).action == T.RESTORE
    assert T.decide(T.Layer(text=WRONG_MODEL), has_image=True, mode="use").action == T.USE
    assert T.decide(T.Layer(text=GOOD), has_image=True, mode="ignore").action == T.OCR
    assert T.decide(T.Layer(text=GOOD, invisible=True), has_image=True).action == T.USE
    # the decoy: fonts say .VnTime but the text is Unicode already, so it is used as it is
    decoy = T.decide(T.Layer(text=GOOD, raw=GOOD, legacy=L.TCVN3), has_image=False)
    assert decoy.action == T.USE and decoy.text == GOOD


def test_a_short_visible_text_over_a_scan_is_a_stamp_not_a_layer():
    runs = [T.Run("Ký bởi: UBND tỉnh Lâm Đồng\nThời gian ký: 07.01.2025 10:44:23 +07:00", "/TimesNewRomanPSMT", False)]
    layer = T.split_layer(runs, has_scan=True)
    assert layer.text == "" and "07.01.2025" in layer.stamp
    d = T.decide(layer, has_image=True)
    assert d.action == T.OCR and "signature stamp" in d.reason
    assert T.split_layer(runs, has_scan=False).text  # born-digital: it is the page's text


# -- real files -----------------------------------------------------------------------------------

def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower()).strip()


def test_real_tcvn3_pdf_is_converted_to_unicode():
    """A real 2004 Quyết định set in .VnTime/.VnTimeH: converted, not OCR'd, and matches its transcript
    (lower-cased: the transcript itself lower-cases .VnTimeH headings)."""
    pdf = FIXTURES / "ttg_qd_115_2004_tcvn3.pdf"
    gt = (FIXTURES / "ttg_qd_115_2004_tcvn3.gt.txt").read_text(encoding="utf-8")
    pages = list(sources.iter_pages(pdf))
    assert [p.source for p in pages] == ["converted-layer"] * 2 and all(p.image is None for p in pages)
    assert "TCVN3" in pages[0].source_reason
    text = "\n".join(p.text for p in pages)
    assert "CỦA THỦ TƯỚNG CHÍNH PHỦ" in text and "Quyết định này" in text  # .VnTimeH heading in capitals
    assert cer(_norm(text), _norm(gt)) < 0.01  # measured 0.25 %
    raw = "\n".join(T.split_layer(T.read_runs(pg), False).raw for pg in sources.open_pdf(pdf).pages)
    assert cer(_norm(raw), _norm(gt)) > 0.2  # what a plain extraction gives


def _tesseract_pdf(img, tmp_path: Path, lang: str, name: str) -> Path:
    img.save(tmp_path / f"{name}.png", dpi=(300, 300))
    subprocess.run(["tesseract", str(tmp_path / f"{name}.png"), str(tmp_path / name), "-l", lang, "pdf"],
                   check=True, capture_output=True)
    return tmp_path / f"{name}.pdf"


def test_wrong_language_layer_over_a_scan_is_replaced_by_ocr(paragraph_page, tmp_path):
    """A scan whose invisible layer was made with the English model (as scanner software does): the page is
    OCR'd with Vietnamese, the better reading is kept, and the page says why."""
    img, truth = paragraph_page
    pdf = _tesseract_pdf(img, tmp_path, "eng", "eng_layer")
    layer = sources.read_page(pdf, 1)
    assert layer.layer_text and cer(layer.layer_text, truth) > 0.08  # the layer really is bad
    doc = ocrfix.ocr(pdf, restore=False)
    page = doc.pages[0]
    assert page.source == "ocr" and page.words
    assert "doubtful" in page.source_reason and "kept the OCR" in page.source_reason
    assert page.layer["lm_per_unit"]["ocr"] > page.layer["lm_per_unit"]["layer"]
    assert cer(page.raw_text, truth) < 0.03
    used = ocrfix.ocr(pdf, restore=False, text_layer="use")
    assert used.pages[0].source == "text-layer" and cer(used.pages[0].raw_text, truth) > 0.08


def test_good_vietnamese_layer_is_used_without_ocr(paragraph_page, tmp_path):
    img, truth = paragraph_page
    pdf = _tesseract_pdf(img, tmp_path, "vie", "vie_layer")
    page = sources.read_page(pdf, 1)
    assert page.source == "text-layer" and page.image is None and "good invisible OCR layer" in page.source_reason
    assert cer(page.text, truth) < 0.05


def test_cli_text_layer_option(paragraph_page, tmp_path):
    from conftest import run_cli

    img, truth = paragraph_page
    pdf = _tesseract_pdf(img, tmp_path, "eng", "eng_layer")
    used = run_cli("ocr", pdf, "--raw", "--text-layer", "use")
    assert used.returncode == 0 and cer(used.stdout, truth) > 0.08  # the English layer as it is
    forced = run_cli("ocr", pdf, "--raw", "--force-ocr")
    assert forced.returncode == 0 and cer(forced.stdout, truth) < 0.03
    bad = run_cli("ocr", pdf, "--text-layer", "maybe")
    assert bad.returncode == 2


def test_good_layer_is_not_restored():
    """Correct born-digital text is the author's own: restoration changed correct words in it (measured on the
    five real TCVN3 PDFs), so a good layer is passed through."""
    doc = ocrfix.process(FIXTURES / "ttg_qd_115_2004_tcvn3.pdf", fields=False)
    assert all(p.layer["as_is"] and p.text == p.raw_text and not p.corrections for p in doc.pages)
    assert "t ăng" not in doc.text and "cá c" not in doc.text
