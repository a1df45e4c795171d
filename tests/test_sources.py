"""Opening real-world PDFs: permissions-only encryption, passwords, damaged xref tables, signature stamps in
annotations, rotated scans. Fixtures are built here with pikepdf and Tesseract."""
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest

import ocrfix
from ocrfix import errors, sources
from ocrfix.document import Document, Page
from ocrfix.metrics import cer
from ocrfix.pipeline import _signed_at_from_stamps

from conftest import run_cli


@pytest.fixture(scope="module")
def layered_pdf(paragraph_page, tmp_path_factory) -> tuple[Path, str]:
    """A rendered page with Tesseract's own (good, Vietnamese) invisible text layer."""
    img, truth = paragraph_page
    d = tmp_path_factory.mktemp("layered")
    img.save(d / "p.png", dpi=(300, 300))
    subprocess.run(["tesseract", str(d / "p.png"), str(d / "p"), "-l", "vie", "pdf"], check=True, capture_output=True)
    return d / "p.pdf", truth


ENCRYPTIONS = {"rc4-128": dict(R=3, aes=False, metadata=False), "aes-128": dict(R=4, aes=True),
               "aes-256": dict(R=6)}


@pytest.mark.parametrize("kind", sorted(ENCRYPTIONS))
def test_permissions_only_encryption_opens(layered_pdf, tmp_path, kind):
    """Signed government PDFs are often encrypted with an empty user password (print allowed, changes not)."""
    src, truth = layered_pdf
    out = tmp_path / f"{kind}.pdf"
    with pikepdf.open(src) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user="", **ENCRYPTIONS[kind],
                                                    allow=pikepdf.Permissions(modify_other=False, extract=False)))
    assert pikepdf.open(out).is_encrypted
    assert sources.count_pages(out) == 1
    page = sources.read_page(out, 1)
    assert page.source == "text-layer" and cer(page.text, truth) < 0.05


def test_user_password_is_a_clear_error(layered_pdf, tmp_path):
    src, _ = layered_pdf
    out = tmp_path / "locked.pdf"
    with pikepdf.open(src) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    with pytest.raises(errors.EncryptedPdfError, match="encrypted: needs a password"):
        list(sources.iter_pages(out))
    r = run_cli("ocr", out)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [f"ocrfix: error: {out}: encrypted: needs a password"]


def test_damaged_xref_is_repaired(layered_pdf, tmp_path):
    """Offsets in the xref table wrong and startxref pointing nowhere (a phone-scan app wrote one so)."""
    src, truth = layered_pdf
    data = bytearray(src.read_bytes())
    at = data.rindex(b"startxref")
    data[at:] = b"startxref\n999999\n%%EOF\n"
    xref = data.find(b"\nxref")
    if xref > 0:
        data[xref + 1:xref + 5] = b"xrex"
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(bytes(data))
    assert sources.count_pages(bad) == 1
    page = sources.read_page(bad, 1)
    assert cer(page.text or "", truth) < 0.05


def test_truncated_pdf_is_a_one_line_error(tmp_path):
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(errors.CorruptFileError, match="corrupt PDF"):
        sources.count_pages(bad)


def _stamp_annotation(pdf: pikepdf.Pdf, page: pikepdf.Page, lines: list[str]) -> None:
    """A visible e-signature widget, as the Government e-portal adds it: text in an appearance stream."""
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                Encoding=pikepdf.Name.WinAnsiEncoding))
    ops = "BT /F1 7 Tf 2 40 Td " + " ".join(f"({ln}) Tj 0 -9 Td" for ln in lines) + " ET"
    ap = pikepdf.Stream(pdf, ops.encode("latin-1"))
    ap.Type, ap.Subtype, ap.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 160, 50]
    ap.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    annot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget,
                                                 FT=pikepdf.Name.Sig, Rect=[400, 760, 560, 810], F=4,
                                                 AP=pikepdf.Dictionary(N=ap)))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([annot]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([annot]), SigFlags=3)


def test_signature_stamp_is_not_a_text_layer_but_gives_signed_at(paragraph_page, tmp_path):
    """An image-only scan whose only text is the e-signature stamp: OCR'd, the stamp kept out of the text
    and its time reported as signed_at."""
    img, truth = paragraph_page
    img.save(tmp_path / "scan.pdf", resolution=300)
    out = tmp_path / "signed.pdf"
    with pikepdf.open(tmp_path / "scan.pdf") as pdf:
        _stamp_annotation(pdf, pdf.pages[0], ["Ky boi: UBND tinh Lam Dong", "Thoi gian ky: 07.01.2025 10:44:23 +07:00"])
        pdf.save(out)
    page = sources.read_page(out, 1)
    assert page.image is not None and page.dpi == 300 and "signature stamp" in page.source_reason
    assert "07.01.2025 10:44:23" in page.stamp_text
    doc = ocrfix.process(out)
    assert "Thoi gian ky" not in doc.text and cer(doc.pages[0].raw_text, truth) < 0.03
    assert doc.fields["signed_at"] == "2025-01-07T10:44:23+07:00"
    assert doc.pages[0].to_dict()["stamp_text"].startswith("Ky boi")


def test_signed_at_from_a_stamp_only_when_the_text_has_none():
    doc = Document(source="x", pages=[Page(number=1, raw_text="", stamp_text="Giờ ký: 30/09/2025 17:58:22")])
    doc.fields = {"signed_at": None}
    _signed_at_from_stamps(doc)
    assert doc.fields["signed_at"] == "2025-09-30T17:58:22+07:00"
    doc.fields = {"signed_at": None}
    doc.pages[0].stamp_text = "SAO Y; Bộ Khoa học và Công nghệ; 22/08/2025 18:44:57"
    _signed_at_from_stamps(doc)
    assert doc.fields["signed_at"] == "2025-08-22T18:44:57+07:00"
    doc.fields = {"signed_at": "2025-11-13T15:53:50"}  # read from the page text, without a zone
    doc.pages[0].stamp_text = "Ký bởi: ỦY BAN NHÂN\nDÂN TỈNH LÂM ĐỒNG\nThời gian ký: 13/11/2025\n15:53:50"
    _signed_at_from_stamps(doc)
    assert doc.fields["signed_at"] == "2025-11-13T15:53:50+07:00"
    doc.fields = {"signed_at": "2020-01-01T00:00:00"}
    _signed_at_from_stamps(doc)
    assert doc.fields["signed_at"] == "2020-01-01T00:00:00"


def test_rotated_page_scan_read_at_native_resolution_and_turned(paragraph_page, tmp_path):
    """A copier stores the page image landscape and sets /Rotate 270: the scan is taken at its own dpi and
    turned the way a viewer shows it, not re-rendered."""
    img, _ = paragraph_page
    small = img.resize((img.width * 2 // 3, img.height * 2 // 3))  # 200 dpi
    stored = small.rotate(90, expand=True)  # as stored: a quarter turn counter-clockwise, /Rotate 90 undoes it
    stored.save(tmp_path / "stored.pdf", resolution=200)
    with pikepdf.open(tmp_path / "stored.pdf") as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.save(tmp_path / "rot.pdf")
    page = sources.read_page(tmp_path / "rot.pdf", 1)
    assert page.dpi == 200 and page.image.size == small.size
    got, want = (np.asarray(im.convert("L"), np.float32) for im in (page.image, small))
    assert np.abs(got - want).mean() < 2 < np.abs(got - want[::-1, ::-1]).mean()  # JPEG-close, and upright


def test_text_layer_mode_is_checked(tmp_path):
    (tmp_path / "a.txt").write_text("Công văn", encoding="utf-8")
    with pytest.raises(errors.UsageError):
        list(sources.iter_pages(tmp_path / "a.txt", text_layer="maybe"))


def test_words_drawn_over_a_scan_are_rasterized_with_it(paragraph_page, tmp_path):
    """Visible text drawn over a page image (not a stamp) is part of the page: the page is rasterized so the
    OCR sees both, and the short drawn text alone is not taken as the page's text."""
    img, _ = paragraph_page
    img.save(tmp_path / "scan.pdf", resolution=300)
    out = tmp_path / "drawn.pdf"
    with pikepdf.open(tmp_path / "scan.pdf") as pdf:
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        page.obj.Resources.Font = pikepdf.Dictionary(F9=font)
        page.contents_add(pikepdf.Stream(pdf, b"BT /F9 20 Tf 60 20 Td (PHU LUC KEM THEO CONG VAN) Tj ET"))
        pdf.save(out)
    pin = sources.read_page(out, 1)
    assert pin.image is not None and pin.layer_text and "drawn words" in pin.source_reason
    band = np.asarray(pin.image.convert("L"))[-110:-40, 200:1400]  # where the words are drawn, near the foot
    assert band.min() < 100  # rasterized with the drawn words, not the embedded scan alone (white there)
    doc = ocrfix.ocr(out, restore=False)
    assert "kept the OCR" in doc.pages[0].source_reason and "KEM THEO CONG VAN" in doc.pages[0].raw_text


def test_keep_better_takes_the_more_fluent_complete_reading():
    from ocrfix.pipeline import _keep_better

    good = "Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện công tác cải cách hành chính năm 2025 như sau."
    bad = "Uy ban nh6n ddn tinh bdo cdo k6t qua thuc hi6n c6ng tdc cai cdch hdnh chinh ndm 2025 nhu sau."
    p = Page(number=1, raw_text=bad, source="ocr", layer={})
    _keep_better(p, good)
    assert p.source == "text-layer" and p.raw_text == good and "kept the layer" in p.source_reason
    p = Page(number=1, raw_text=good, source="ocr", layer={})
    _keep_better(p, bad)
    assert p.source == "ocr" and p.raw_text == good and "kept the OCR" in p.source_reason
    p = Page(number=1, raw_text=bad * 3, source="ocr", layer={})
    _keep_better(p, good)  # fluent but reads a third of the page
    assert p.source == "ocr" and "letters" in p.source_reason


def test_phone_photo_not_quite_page_shaped_is_rasterized_at_its_own_resolution(paragraph_page, tmp_path):
    """A 960×1280 phone photo wrapped into an A4 page (iLovePDF): not the page's shape, so not taken as the
    page's scan, but rasterized at the photo's ≈116 dpi instead of being upsampled to 300."""
    img, truth = paragraph_page
    photo = img.resize((960, 1280))
    photo.save(tmp_path / "photo.pdf", resolution=116)
    with pikepdf.open(tmp_path / "photo.pdf") as pdf:
        pdf.pages[0].obj.MediaBox = [0, 0, 595, 842]
        pdf.save(tmp_path / "a4.pdf")
    page = sources.read_page(tmp_path / "a4.pdf", 1)
    assert 112 <= page.dpi <= 120 and page.image.width < 1000


def test_pdf_header_after_leading_bytes(layered_pdf, tmp_path):
    """An e-office wrapper wrote 21 bytes before %PDF- (a real Lâm Đồng file); readers accept the header
    within the first 1024 bytes. A .txt that mentions %PDF- stays text."""
    src, truth = layered_pdf
    odd = tmp_path / "wrapped.pdf"
    odd.write_bytes(bytes(range(200, 221)) + src.read_bytes())
    assert sources.sniff(odd) == sources.KIND_PDF and sources.count_pages(odd) == 1
    assert cer(sources.read_page(odd, 1).text, truth) < 0.05
    txt = tmp_path / "note.txt"
    txt.write_text("Tệp đính kèm %PDF-1.4 bị hỏng", encoding="utf-8")
    assert sources.sniff(txt) == sources.KIND_TEXT


def test_a_handwritten_day_after_the_signing_day_is_taken_out():
    # Công văn 1710/CAT-PA05 (real set): dated 04/6/2025 by hand, e-signed 2025-06-04T15:55:36+07:00
    from ocrfix.pipeline import _no_date_after_signing

    def doc(date: str, hw: list[str]) -> Document:
        d = Document(source="catld_cv_1710_2025.pdf", pages=[])
        y, m, day = (int(v) for v in date.split("-"))
        d.fields = {"date": date, "date_partial": {"day": day, "month": m, "year": y, "handwritten": hw,
                                                   "confidence": 99.0},
                    "signed_at": "2025-06-04T15:55:36+07:00"}
        return d

    ok = doc("2025-06-04", ["day"])  # the day of the signature: stands
    _no_date_after_signing(ok)
    assert ok.fields["date"] == "2025-06-04"
    late = doc("2025-06-14", ["day"])  # a day misread 14: after the signature, taken out, never replaced
    _no_date_after_signing(late)
    assert late.fields["date"] is None
    assert late.fields["date_partial"] == {"day": None, "month": 6, "year": 2025}
    month = doc("2025-08-04", ["day", "month"])  # a month misread 8: the month goes, the day read stays
    _no_date_after_signing(month)
    assert month.fields["date"] is None
    assert month.fields["date_partial"] == {"day": 4, "month": None, "year": 2025, "handwritten": ["day"],
                                            "confidence": 99.0}
    printed = doc("2025-06-14", [])  # printed: the page says so, the signing time takes out no printed digit
    _no_date_after_signing(printed)
    assert printed.fields["date"] == "2025-06-14"
