"""The searchable PDF/A writer, with the real Tesseract, pikepdf, poppler's pdftotext and pdftoppm on pages
rendered here. Extraction is compared word for word (order-free F1), images by the hash of their raw stream
bytes, and PDF/A by pikepdf.pdfa's validator on the written file."""
from __future__ import annotations

import collections
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pikepdf
import pikepdf.pdfa
import pytest
from PIL import Image

import ocrfix
from tools import render
from ocrfix.document import Document, Page, Word
from ocrfix.pdf_output import write_pdf
from ocrfix.pdf_output.words import layer_words

from conftest import run_cli

VIETNAMESE_LETTERS = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĐđƠơƯưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĨĩŨũ"


# -- helpers ---------------------------------------------------------------------------------------

def pdftotext(path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def word_f1(extracted: str, expected: str) -> float:
    a, b = collections.Counter(extracted.split()), collections.Counter(expected.split())
    tp = sum((a & b).values())
    if not a and not b:
        return 1.0
    p, r = tp / max(1, sum(a.values())), tp / max(1, sum(b.values()))
    return 2 * p * r / max(1e-9, p + r)


def image_hashes(path) -> list[str]:
    """sha256 of the raw (still encoded) bytes of every image XObject drawn on the pages, in page order."""
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for _name, im in sorted(page.get_images().items()):
                out.append(hashlib.sha256(im.read_raw_bytes()).hexdigest())
    return out


def assert_pdfa(path):
    report = pikepdf.pdfa.validate_written(str(path), "2b")
    assert report.passed, [str(f) for f in report.findings][:5]


def word_boxes(path, page: int, dpi: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """pdftotext -bbox words with their boxes in pixels of a `dpi` rendering of the displayed page."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    k = dpi / 72.0
    return [(m.group(5), tuple(float(m.group(i)) * k for i in range(1, 5))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def rendered_ink(path, page: int, dpi: int, tmp_path) -> np.ndarray:
    """Dark pixels of the displayed page as poppler renders it (the text layer is invisible)."""
    stem = tmp_path / f"render{page}"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(stem)], check=True)
    return np.asarray(Image.open(f"{stem}.pgm")) < 128


def ink_cover(ink: np.ndarray, boxes) -> tuple[float, float]:
    """(share of the ink inside the word boxes, share of the boxes with ink in them)."""
    h, w = ink.shape
    mask = np.zeros_like(ink)
    inked = 0
    for x0, y0, x1, y1 in boxes:
        a, b = max(0, int(x0) - 1), min(w, int(x1) + 2)
        c, d = max(0, int(y0) - 1), min(h, int(y1) + 2)
        mask[c:d, a:b] = True
        inked += bool(ink[c:d, a:b].any())
    return float((ink & mask).sum() / max(1, ink.sum())), inked / max(1, len(boxes))


def _lines_of(page: Page) -> str:
    return page.text or page.raw_text


# -- fixtures --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scanned(paragraph_page, tmp_path_factory):
    """A two-page image-only PDF (mild scan damage, 200 dpi JPEG) and its processed Document."""
    import random

    img, _truth = paragraph_page
    rng = random.Random(7)
    pages = [render.damage(img, "mild", rng)[0] for _ in range(2)]
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    render.save_pdf(pages, path, 200)
    return path, ocrfix.process(path)


def blank_png(path, size=(1240, 1754), dpi=150) -> Path:
    Image.new("L", size, 255).save(path, dpi=(dpi, dpi))
    return Path(path)


def hand_page(lines: list[list[tuple[str, tuple[int, int, int, int]]]], text: str | None = None,
              corrections=None, size=(1240, 1754)) -> Page:
    words = [Word(t, box, 95.0, i) for i, ln in enumerate(lines) for t, box in ln]
    raw = "".join(" ".join(t for t, _ in ln) + "\n" for ln in lines)
    return Page(number=1, raw_text=raw, text=text if text is not None else raw, words=words, source="ocr",
                width=size[0], height=size[1], dpi=150, corrections=corrections or [])


# -- tests -----------------------------------------------------------------------------------------

def test_scanned_pdf_text_is_the_restored_text_images_unchanged_pdfa(scanned, tmp_path):
    path, doc = scanned
    out = tmp_path / "out.pdf"
    res = write_pdf(doc, out)
    assert res.pages == 2 and res.text_pages == 2 and res.pdfa == "2b"
    for i, page in enumerate(doc.pages, 1):
        extracted = pdftotext(out, i)
        assert extracted == unicodedata.normalize("NFC", extracted)
        assert word_f1(extracted, page.text) == 1.0
    assert "Ủy ban nhân dân" in doc.text and "nhân" in pdftotext(out)
    assert image_hashes(out) == image_hashes(path) and len(image_hashes(path)) == 2
    assert_pdfa(out)
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == ((doc.fields or {}).get("subject") or "scan.pdf")
        assert meta["pdf:Producer"] == f"ocrfix {ocrfix.__version__}"
        assert meta["xmp:CreatorTool"] == f"ocrfix {ocrfix.__version__}"
        assert "vi" in meta["dc:language"]
        assert str(pdf.docinfo["/Producer"]) == f"ocrfix {ocrfix.__version__}"


def test_every_vietnamese_letter_extracts_as_itself(tmp_path):
    png = blank_png(tmp_path / "blank.png")
    letters = VIETNAMESE_LETTERS
    chunks = [letters[i:i + 6] for i in range(0, len(letters), 6)]
    lines, y = [], 100
    for j in range(0, len(chunks), 8):
        lines.append([(c, (80 + 140 * k, y, 120, 30)) for k, c in enumerate(chunks[j:j + 8])])
        y += 60
    page = hand_page(lines)
    doc = Document(source=str(png), pages=[page])
    res = write_pdf(doc, tmp_path / "letters.pdf")
    assert res.pdfa == "2b"
    extracted = pdftotext(tmp_path / "letters.pdf")
    assert sorted(extracted.split()) == sorted(chunks)
    assert_pdfa(tmp_path / "letters.pdf")


def test_merged_and_split_words_span_their_boxes(tmp_path):
    png = blank_png(tmp_path / "blank.png")
    lines = [[("Can", (100, 100, 60, 30)), ("cu", (170, 100, 40, 30)), ("1", (220, 100, 15, 30)),
              ("140/STTTT", (245, 100, 190, 30)), ("ngay", (445, 100, 80, 30))],
             [("Quyếtđịnh", (100, 160, 200, 32)), ("số", (310, 160, 40, 32))]]
    raw = "Can cu 1 140/STTTT ngay\nQuyếtđịnh số\n"
    text = "Căn cứ 1140/STTTT ngày\nQuyết định số\n"
    corrections = [{"start": 0, "end": 3, "text": "Can", "output": "Căn"},
                   {"start": 4, "end": 6, "text": "cu", "output": "cứ"},
                   {"start": 7, "end": 18, "text": "1 140/STTTT", "output": "1140/STTTT"},
                   {"start": 19, "end": 23, "text": "ngay", "output": "ngày"},
                   {"start": 24, "end": 33, "text": "Quyếtđịnh", "output": "Quyết định"}]
    page = hand_page(lines, text, corrections)
    assert page.raw_text == raw
    placed = {w.text: w.box for w in layer_words(page)}
    assert [w.text for w in layer_words(page)] == text.split()
    assert placed["1140/STTTT"] == (220.0, 100.0, 215.0, 30.0)  # the union of "1" and "140/STTTT"
    q, d = placed["Quyết"], placed["định"]
    # the split shares the box out by characters, the space between them included
    assert q[0] == 100.0 and 140 < q[0] + q[2] < d[0] < 260 and abs(d[0] + d[2] - 300.0) < 1e-6
    for corr in (corrections, []):  # with the corrections, and without (aligned by diff)
        page = hand_page(lines, text, corr)
        out = tmp_path / f"merge{len(corr)}.pdf"
        write_pdf(Document(source=str(png), pages=[page]), out)
        assert word_f1(pdftotext(out), text) == 1.0


def _add_garbage_layer(path: Path, out: Path) -> None:
    """An old scanner's bad OCR layer: invisible (Tr 3) English garbage in the page and in a Form XObject."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        form = pdf.make_stream(b"BT 3 Tr /Fh 11 Tf 80 600 Td (Tbe qvick brovvn f0x jumqs ovcr) Tj ET\n",
                               Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 600, 800],
                               Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(Fh=font)))
        page.add_resource(font, pikepdf.Name.Font, pikepdf.Name("/Fg"))
        page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name("/Fm0"))
        page.contents_add(pdf.make_stream(
            b"BT 3 Tr /Fg 12 Tf 72 700 Td (Lorcm ipsvm doIor sit arnet) Tj 0 -14 Td [(thc) -250 (lazv) ] TJ "
            b"(dqg) ' ET /Fm0 Do\n"))
        pdf.save(out)


def test_bad_invisible_layer_replaced_by_the_restored_text(paragraph_page, tmp_path):
    import random

    img, _ = paragraph_page
    scan, dpi = render.damage(img, "mild", random.Random(3))
    render.save_pdf([scan], tmp_path / "clean.pdf", dpi)
    bad = tmp_path / "bad_layer.pdf"
    _add_garbage_layer(tmp_path / "clean.pdf", bad)
    assert "qvick" in pdftotext(bad) and "ipsvm" in pdftotext(bad)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    doc = ocrfix.process(bad, force_ocr=True)  # the layer judged bad: the page is OCR'd
    assert doc.pages[0].source == "ocr"
    out = tmp_path / "fixed.pdf"
    res = write_pdf(doc, out)
    assert res.removed_shows == 4 and res.pdfa == "2b"
    extracted = pdftotext(out)
    for garbage in ("qvick", "f0x", "ipsvm", "lazv", "dqg", "Lorcm"):
        assert garbage not in extracted
    assert word_f1(extracted, doc.pages[0].text) == 1.0
    assert image_hashes(out) == image_hashes(bad)
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    assert_pdfa(out)


def test_good_text_layer_page_is_copied_unchanged(tmp_path):
    """A born-digital page (source "text-layer") keeps its content; with a font PDF/A does not allow (not
    embedded), the file is written as a plain PDF and says why."""
    src = tmp_path / "born_digital.pdf"
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        content = b"BT /F1 12 Tf 72 720 Td (Bao cao ket qua thuc hien nam 2024) Tj ET\n"
        pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=pdf.make_stream(content),
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))))
        pdf.save(src)
    layer = pdftotext(src)
    doc = Document(source=str(src), pages=[Page(number=1, raw_text=layer, text=layer, source="text-layer")])
    out = tmp_path / "out.pdf"
    res = write_pdf(doc, out)
    assert res.text_pages == 0 and res.pdfa is None and any("not PDF/A" in n for n in res.notes)
    with pikepdf.open(out) as pdf:
        assert pdf.pages[0].obj.Contents.read_bytes() == content
        assert "pdfaid:part" not in pdf.open_metadata()
    assert pdftotext(out) == layer


def test_jpeg_input_gives_a_one_page_pdf_with_the_jpeg_bytes(paragraph_page, tmp_path):
    img, _ = paragraph_page
    jpg = tmp_path / "scan.jpg"
    img.resize((img.width * 2 // 3, img.height * 2 // 3)).save(jpg, quality=80, dpi=(200, 200))
    doc = ocrfix.process(jpg)
    out = tmp_path / "scan.pdf"
    res = write_pdf(doc, out)
    assert res.pdfa == "2b"
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1
        (im,) = pdf.pages[0].get_images().values()
        assert im.Filter == pikepdf.Name.DCTDecode and im.read_raw_bytes() == jpg.read_bytes()
        assert abs(float(pdf.pages[0].mediabox[2]) - img.width * 2 / 3 * 72 / 200) < 1
    assert word_f1(pdftotext(out), doc.pages[0].text) == 1.0
    assert_pdfa(out)


def test_png_and_tiff_pixels_kept_losslessly(tmp_path):
    rng = np.random.default_rng(5)
    gray = Image.fromarray(rng.integers(0, 256, (300, 200), dtype=np.uint8), "L")
    bilevel = Image.fromarray(rng.integers(0, 2, (300, 200), dtype=np.uint8) * 255, "L").convert("1")
    gray.save(tmp_path / "two.tiff", save_all=True, append_images=[bilevel], dpi=(100, 100))
    rgba = Image.fromarray(rng.integers(0, 256, (120, 90, 4), dtype=np.uint8), "RGBA")
    rgba.save(tmp_path / "alpha.png")
    for name, frames in (("two.tiff", [gray, bilevel]), ("alpha.png", [rgba])):
        doc = Document(source=str(tmp_path / name),
                       pages=[Page(number=i + 1, raw_text="", source="ocr") for i in range(len(frames))])
        out = tmp_path / (name + ".pdf")
        res = write_pdf(doc, out)
        assert res.pages == len(frames) and res.pdfa == "2b"
        assert_pdfa(out)
        with pikepdf.open(out) as pdf:
            for page, frame in zip(pdf.pages, frames):
                (im,) = page.get_images().values()
                got = pikepdf.PdfImage(im).as_pil_image()
                if frame.mode == "RGBA":
                    alpha = pikepdf.PdfImage(im.SMask).as_pil_image()
                    got = Image.merge("RGBA", (*got.convert("RGB").split(), alpha.convert("L")))
                assert np.array_equal(np.asarray(got.convert(frame.mode)), np.asarray(frame))


def test_multipage_tiff_gives_a_page_per_frame_in_order(tmp_path):
    frames = [Image.new("L", (80, 100), v) for v in (0, 60, 120, 180, 240)]
    frames[0].save(tmp_path / "five.tiff", save_all=True, append_images=frames[1:], dpi=(72, 72))
    doc = Document(source=str(tmp_path / "five.tiff"),
                   pages=[Page(number=i + 1, raw_text="", source="ocr") for i in range(5)])
    res = write_pdf(doc, tmp_path / "five.pdf")
    assert res.pages == 5 and res.pdfa == "2b"
    with pikepdf.open(tmp_path / "five.pdf") as pdf:
        got = [int(np.asarray(pikepdf.PdfImage(next(iter(p.get_images().values()))).as_pil_image())[0, 0])
               for p in pdf.pages]
    assert got == [0, 60, 120, 180, 240]


def test_rotated_pages_words_land_upright_on_the_image(paragraph_page, tmp_path):
    """A page stored sideways and shown upright by /Rotate, and a scan lying sideways that ocrfix's orientation
    step turned upright to read: the words cover the image's text in both."""
    img, _ = paragraph_page
    small = img.resize((img.width // 2, img.height // 2))  # 150 dpi
    sideways = small.rotate(90, expand=True)  # text runs bottom to top
    # 1. /Rotate: stored sideways, displayed upright
    stored = tmp_path / "stored.pdf"
    render.save_pdf([sideways], stored, 150)
    rotated = tmp_path / "rotate90.pdf"
    with pikepdf.open(stored) as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.save(rotated)
    # 2. orientation: a sideways scan as a PNG
    png = tmp_path / "sideways.png"
    sideways.save(png, dpi=(150, 150))
    # 3. deskew: a scan 2.5° askew, straightened to be read
    askew = tmp_path / "askew.png"
    small.rotate(2.5, resample=Image.BICUBIC, fillcolor="white").save(askew, dpi=(150, 150))
    for path, want_vertical in ((rotated, False), (png, True), (askew, False)):
        doc = ocrfix.process(path, dpi=150)
        page = doc.pages[0]
        if want_vertical:
            assert "orientation" in page.preprocessing and page.rotation in (90, 270)
        if path == askew:
            assert abs(abs(page.skew) - 2.5) < 0.5
        out = tmp_path / (path.stem + ".out.pdf")
        assert write_pdf(doc, out).pdfa == "2b"
        assert word_f1(pdftotext(out), page.text) == 1.0
        words = word_boxes(out, 1, 72)
        ink = rendered_ink(out, 1, 72, tmp_path)
        boxes = [b for _, b in words]
        vertical = sum((y1 - y0) > (x1 - x0) for t, (x0, y0, x1, y1) in words if len(t) > 3)
        long_words = sum(len(t) > 3 for t, _ in words)
        assert (vertical > 0.9 * long_words) == want_vertical
        inside, inked = ink_cover(ink, boxes)
        assert inside > 0.85 and inked > 0.95, (path.name, inside, inked)
        h, w = ink.shape  # the check can fail: the same boxes turned half a turn miss the text
        flipped = [(w - x1, h - y1, w - x0, h - y0) for x0, y0, x1, y1 in boxes]
        assert ink_cover(ink, flipped)[0] < 0.6


def _signed_pdf(paragraph_page, tmp_path) -> Path:
    """A scanned page with a signature field whose value has a /ByteRange (the signature itself is a dummy)."""
    img, _ = paragraph_page
    small = img.resize((img.width // 2, img.height // 2))
    plain = tmp_path / "plain.pdf"
    render.save_pdf([small], plain, 150)
    signed = tmp_path / "signed.pdf"
    with pikepdf.open(plain) as pdf:
        sig = pikepdf.Dictionary(Type=pikepdf.Name.Sig, Filter=pikepdf.Name("/Adobe.PPKLite"),
                                 SubFilter=pikepdf.Name("/adbe.pkcs7.detached"), ByteRange=[0, 10, 20, 30],
                                 Contents=pikepdf.String(b"\x00" * 64))
        field = pdf.make_indirect(pikepdf.Dictionary(FT=pikepdf.Name.Sig, T=pikepdf.String("Signature1"), V=sig,
                                                     Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget,
                                                     Rect=[0, 0, 0, 0], F=132, P=pdf.pages[0].obj))
        pdf.pages[0].obj.Annots = pdf.make_indirect([field])
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field], SigFlags=3)
        pdf.save(signed)
    return signed


def test_signed_pdf_gets_an_incremental_update_and_the_signed_bytes_stay(paragraph_page, tmp_path):
    signed = _signed_pdf(paragraph_page, tmp_path)
    original = signed.read_bytes()
    out = tmp_path / "out.pdf"
    r = run_cli("pdf", signed, out)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "signed" in lines[0] and "incremental update" in lines[0]
    assert signed.read_bytes() == original  # the input is never modified
    data = out.read_bytes()
    assert data[:len(original)] == original and len(data) > len(original)  # the signed revision, byte for byte
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.AcroForm.Fields[0].V.SubFilter) == "/adbe.pkcs7.detached"
        assert "incremental update" in str(pdf.open_metadata()["dc:description"])
    assert image_hashes(out) == image_hashes(signed)
    doc_text = pdftotext(out)
    assert "nhân" in doc_text and "Ủy" in doc_text
    doc = ocrfix.process(signed)
    for xref_streams in (True, False):  # an input whose cross-reference is a stream, and a classic table
        again = tmp_path / f"signed_{xref_streams}.pdf"
        with pikepdf.open(signed) as pdf:
            pdf.save(again, object_stream_mode=pikepdf.ObjectStreamMode.generate if xref_streams
                     else pikepdf.ObjectStreamMode.disable)
        res = write_pdf(Document(source=str(again), pages=doc.pages), tmp_path / "o.pdf")
        assert res.signature == "kept" and res.text_pages == 1 and res.pdfa is None
        assert (tmp_path / "o.pdf").read_bytes().startswith(again.read_bytes())
        with pikepdf.open(tmp_path / "o.pdf") as pdf:
            assert pdf.check_pdf_syntax() == [] and len(pdf.pages) == 1  # what qpdf --check does
        assert word_f1(pdftotext(tmp_path / "o.pdf"), doc.pages[0].text) == 1.0


def test_signed_pdf_rewritten_as_pdfa_without_the_signature(paragraph_page, tmp_path):
    signed = _signed_pdf(paragraph_page, tmp_path)
    before = hashlib.sha256(signed.read_bytes()).hexdigest()
    doc = ocrfix.process(signed)
    res = write_pdf(doc, tmp_path / "out.pdf", signed="rewrite")
    assert res.signed and res.signature == "removed" and res.pdfa == "2b"
    assert hashlib.sha256(signed.read_bytes()).hexdigest() == before
    assert_pdfa(tmp_path / "out.pdf")
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert "/AcroForm" not in pdf.Root
        assert "signature" in str(pdf.open_metadata()["dc:description"])
    assert word_f1(pdftotext(tmp_path / "out.pdf"), doc.pages[0].text) == 1.0


def test_cli_pdf_errors_are_one_line_and_stdout_works(paragraph_page, tmp_path):
    r = run_cli("pdf", tmp_path / "missing.pdf", tmp_path / "o.pdf")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no such file" in r.stderr
    (tmp_path / "legacy.txt").write_text("Ket qua thuc hien\n", encoding="utf-8")
    r = run_cli("pdf", tmp_path / "legacy.txt", tmp_path / "o.pdf")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "text file" in r.stderr
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really\n")
    r = run_cli("pdf", tmp_path / "broken.pdf", tmp_path / "o.pdf")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and not (tmp_path / "o.pdf").exists()
    img, _ = paragraph_page
    img.resize((img.width // 2, img.height // 2)).save(tmp_path / "page.png", dpi=(150, 150))
    r = subprocess.run([sys.executable, "-m", "ocrfix", "pdf", str(tmp_path / "page.png"), "-"],
                       capture_output=True, timeout=600)
    assert r.returncode == 0 and r.stdout.startswith(b"%PDF-")
    (tmp_path / "stdout.pdf").write_bytes(r.stdout)
    assert_pdfa(tmp_path / "stdout.pdf")


def test_batch_pdf_writes_name_ext_pdf_and_resumes(paragraph_page, tmp_path):
    img, _ = paragraph_page
    src = tmp_path / "in" / "a"
    src.mkdir(parents=True)
    img.resize((img.width // 2, img.height // 2)).save(src / "page.png", dpi=(150, 150))
    (src / "legacy.txt").write_text("Ket qua thuc hien\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("batch", tmp_path / "in", "-o", out, "--pdf", "--workers", "1", "--quiet")
    assert r.returncode == 0, r.stderr
    pdf = out / "a" / "page.png.pdf"
    assert pdf.is_file() and not (out / "a" / "legacy.txt.pdf").exists()
    assert_pdfa(pdf)
    text = (out / "a" / "page.png.txt").read_text(encoding="utf-8")
    assert word_f1(pdftotext(pdf), text) == 1.0
    recs = {json.loads(ln)["path"]: json.loads(ln) for ln in (out / "manifest.jsonl").read_text().splitlines()}
    assert recs["a/page.png"]["pdf"]["pdfa"] == "2b" and "a/page.png.pdf" in recs["a/page.png"]["outputs"]
    pdf.unlink()  # a lost PDF is made again; the rest is skipped
    r = run_cli("batch", tmp_path / "in", "-o", out, "--pdf", "--workers", "1", "--quiet")
    assert r.returncode == 0 and pdf.is_file()
    last = [json.loads(ln) for ln in (out / "manifest.jsonl").read_text().splitlines()][-2:]
    assert {rec["path"]: rec["status"] for rec in last} == {"a/page.png": "ok", "a/legacy.txt": "skipped"}
    assert not any(p.name.startswith(".ocrfix-tmp-") for p in out.rglob("*"))


def test_ocrmypdf_plugin_writes_the_restored_text(scanned, tmp_path):
    """`ocrmypdf --plugin ocrfix.ocrmypdf_plugin`: OCRmyPDF's own run, with ocrfix as its OCR engine (ocrmypdf is
    a test dependency only)."""
    pytest.importorskip("ocrmypdf")
    path, doc = scanned
    out = tmp_path / "plugin.pdf"
    r = subprocess.run([sys.executable, "-m", "ocrmypdf", "--plugin", "ocrfix.ocrmypdf_plugin", "-l", "vie",
                        "--jobs", "1", "-O0", "-q", str(path), str(out)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    with pikepdf.open(out) as pdf:
        assert "ocrfix" in str(pdf.docinfo.get("/Creator", ""))
    assert image_hashes(out) == image_hashes(path)
    for i, page in enumerate(doc.pages, 1):  # OCRmyPDF's rendering of the page, read by ocrfix: same words
        assert word_f1(pdftotext(out, i), page.text) > 0.97
