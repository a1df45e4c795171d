"""No junk from seals, signatures and QR codes: real Tesseract on a rendered page with all three drawn on it."""
from dataclasses import replace
from pathlib import Path
import random

import pytest
from PIL import Image, ImageDraw

from ocrfix import sources
from tools import render
from ocrfix.config import Config
from ocrfix.tuning import OcrTuning
from ocrfix.pipeline import ocr_page
from ocrfix.recognition.language import invalid_tokens, token_kind

BODY = ("Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành triển khai thực hiện nghiêm túc nội dung "
        "chỉ đạo nêu trên và báo cáo kết quả trước ngày 15 tháng 12 năm 2025.")
NAME = "Nguyễn Văn Thành"


def _qr(img, x, y, size, rng):
    """A QR-like block: random modules and three finder squares."""
    d = ImageDraw.Draw(img)
    n = 25
    cell = size // n
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.5:
                d.rectangle((x + i * cell, y + j * cell, x + (i + 1) * cell - 1, y + (j + 1) * cell - 1), fill=(0, 0, 0))
    for ox, oy in ((0, 0), (n - 7, 0), (0, n - 7)):
        d.rectangle((x + ox * cell, y + oy * cell, x + (ox + 7) * cell - 1, y + (oy + 7) * cell - 1),
                    outline=(0, 0, 0), width=cell)


def _signed_page(seal_at):
    """Body text, Nơi nhận | the signer's title, a dark scribble signature with the name under it, a dark seal
    (gray, as on a 1-bit scan: the colour step cannot remove it) with text round its ring, and a QR block."""
    rng = random.Random(3)
    B = render.Block
    blocks = [B(BODY, size_pt=13, column="full")]
    blocks += [B(t, size_pt=12, column="left", space_after=0.1) for t in ("Nơi nhận:", "- Như trên;", "- Lưu: VT, NC.")]
    blocks += [B(t, size_pt=13, bold=True, align="center", column="right", space_after=0.1)
               for t in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")]
    img, _ = render.render_page(blocks)
    w, _h = img.size
    ImageDraw.Draw(img).text((int(w * 0.62), 980), NAME, font=render.font(int(13 / 72 * 300), bold=True), fill=(0, 0, 0))
    img = render.add_signature(img, (int(w * 0.58), 760, int(w * 0.86), 930), rng, color=(30, 30, 30))
    img = render.add_seal(img, (int(w * seal_at[0]), seal_at[1]), 200, color=(70, 70, 70), text="ỦY BAN NHÂN DÂN TỈNH")
    _qr(img, 150, 1500, 250, rng)
    return sources.PageInput(number=1, image=img, dpi=300)


@pytest.mark.parametrize("seal_at", [(0.5, 1450), (0.55, 800)], ids=["seal apart", "seal over the signature"])
def test_seal_signature_and_qr_give_no_junk(seal_at):
    page = _signed_page(seal_at)
    config = Config(restore=False, fields=False)
    got = ocr_page(page, config)
    assert invalid_tokens(got.raw_text) == [], got.raw_text
    for words in (BODY, "Nơi nhận:", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lưu: VT, NC.", NAME):  # the real words stay
        assert words in " ".join(got.raw_text.split()), (words, got.raw_text)
    kinds = {z["kind"] for z in got.non_text}
    assert "qr" in kinds and kinds & {"seal", "signature"}, got.non_text
    if seal_at[1] > 1000:
        assert "seal" in kinds, got.non_text
    # without the filter the passes read the seal's ring and the scribble as letters
    unfiltered = replace(config, ocr_tuning=replace(OcrTuning(), filter_junk=False))
    assert invalid_tokens(ocr_page(page, unfiltered).raw_text)


@pytest.mark.parametrize("token,kind", [
    ("Nguyễn", "word"), ("ĐẾN", "word"), ("(Hằng", "word"), ("V/v", "word"), ("a)", "word"),
    ("2025.", "number"), ("06/01/2025", "number"), ("1.600", "number"),
    ("UBND", "code"), ("01/TTr-UBND", "code"), ("12/2025/NĐ-CP", "code"), ("QLDN1", "code"),
    ("XIV", "roman"), ("-", "punct"),
    ("00T", "other"), ("A0", "other"), ("tẾ", "other"), ("Nẹ@", "other"), ("NưZ^", "other"),
])
def test_token_kind(token, kind):
    assert token_kind(token) == kind


def _stamped_page():
    """A 1-bit-looking page: the addressee lines and the body, and left of the addressees a received stamp as the
    Government portal prints it — a frame with 'CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ' over a rule, a bold 'ĐẾN', and
    'Giờ: …' / 'Ngày: …' leaders written on by hand."""
    B = render.Block
    blocks = [B("THỦ TƯỚNG CHÍNH PHỦ điện:", size_pt=14, bold=True, align="center", space_after=0.3)]
    blocks += [B(t, size_pt=14, column="right", space_after=0.1)
               for t in ("- Bộ trưởng Bộ Công an;", "- Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng.")]
    blocks += [B(BODY, size_pt=14, column="full")]
    img, _ = render.render_page(blocks)
    d = ImageDraw.Draw(img)
    x, y, w, h = 130, 300, 540, 210
    d.rectangle((x, y, x + w, y + h), outline=(0, 0, 0), width=4)
    d.line((x, y + 60, x + w, y + 60), fill=(0, 0, 0), width=3)
    d.text((x + 18, y + 14), "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", font=render.font(30, bold=True), fill=(0, 0, 0))
    d.text((x + 14, y + 95), "ĐẾN", font=render.font(62, bold=True), fill=(0, 0, 0))
    small = render.font(26)
    for row, label, written in ((y + 80, "Giờ:", "9"), (y + 140, "Ngày:", "13/10/2025")):
        d.text((x + 165, row), label, font=small, fill=(0, 0, 0))
        for k in range(x + 245, x + w - 15, 12):
            d.ellipse((k, row + 30, k + 4, row + 34), fill=(0, 0, 0))
        d.text((x + 290, row - 8), written, font=render.font(40), fill=(0, 0, 0))
    bw = img.convert("L").point(lambda v: 0 if v < 140 else 255).convert("RGB")  # as a 1-bit scan: no colour cue
    return sources.PageInput(number=1, image=bw, dpi=300)


def test_received_stamp_is_non_text_and_gives_no_words():
    """A black 'ĐẾN' stamp on a 1-bit scan (ttg_cd_195 and eight more of the real set) is found by its frame and its
    leaders, recorded as a 'stamp' in Page.non_text, and nothing read in it reaches the text; the addressees and the
    body beside it stay. With the stamp finder off, its words come back."""
    page = _stamped_page()
    config = Config(restore=False, fields=False)
    got = ocr_page(page, config)
    flat = " ".join(got.raw_text.split())
    assert any(z["kind"] == "stamp" for z in got.non_text), got.non_text
    for gone in ("ĐẾN", "CỔNG THÔNG", "Giờ", "10/2025"):
        assert gone not in flat, (gone, got.raw_text)
    for kept in ("Bộ trưởng Bộ Công an;", "Lâm Đồng.", "THỦ TƯỚNG CHÍNH PHỦ điện:", "15 tháng 12 năm 2025."):
        assert kept in flat, (kept, got.raw_text)
    off = replace(config, ocr_tuning=replace(OcrTuning(), stamp_leader_dots=10 ** 6))
    unfound = ocr_page(page, off)
    assert not any(z["kind"] == "stamp" for z in unfound.non_text)
    assert "THÔNG TIN" in unfound.raw_text and "10/20" in unfound.raw_text, unfound.raw_text


STAMP_CROP = Path(__file__).parent / "fixtures" / "realscans" / "stamp" / "cp_nq_320_2025_p1_stamp.png"


def test_line_printed_into_a_received_stamps_box_keeps_its_words():
    """Real 1-bit scan (Nghị quyết 320/NQ-CP): the "HỎA TỐC" stamp beside the "ĐẾN" stamp widens the stamp's box
    over the subject line's first words. Those, read surely next to the line's words outside the box, stay ('Về dự
    án Luật'); the stamp's own capitals read onto the next line ('CHÍNH PHỦ quốc phòng') and its leaders do not."""
    page = sources.PageInput(number=1, image=Image.open(STAMP_CROP).convert("RGB"), dpi=200)
    config = Config(restore=False, fields=False)
    got = ocr_page(page, config)
    assert any(z["kind"] == "stamp" for z in got.non_text), got.non_text
    lines = [" ".join(ln.split()) for ln in got.raw_text.splitlines()]
    assert any(ln.startswith("Về dự án Luật") for ln in lines), got.raw_text
    assert any(ln.startswith("quốc phòng, an ninh") for ln in lines), got.raw_text
    for gone in ("CỔNG", "Ngày", "Giờ"):
        assert gone not in got.raw_text, (gone, got.raw_text)
    off = replace(config, ocr_tuning=replace(OcrTuning(), stamp_text_gap=0.0))
    assert not any(ln.startswith("Về dự") for ln in ocr_page(page, off).raw_text.splitlines())
