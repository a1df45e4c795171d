"""Officials' names known from the corpus (dictionaries/signers.txt, tools/signers.py) where OCR was not sure of
a signer's name: a name one OCR slip off a known one is spelt as known, and a name whose first syllables a seal's
ring took is completed (flagged). Printed text keeps its names; no guess where several names or none fit."""
from dataclasses import replace
from pathlib import Path

import cv2

from ocrfix.document import Document, Page
from ocrfix.fields import extract_fields
from ocrfix.fields.known_signers import completed, known_names, known_spelling, posts_agree
from ocrfix.recognition import read_page
from ocrfix.tuning import DEFAULT_OCR
from tools import corpus, signers

FIX = Path(__file__).parent / "fixtures" / "realscans" / "seal"

# the bottom of a Thủ tướng's công điện (the form of ttg_cd_195_2025), the signer as OCR read it
_TTG = """THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 195/CĐ-TTg Hà Nội, ngày 15 tháng 10 năm 2025
CÔNG ĐIỆN
Về việc tập trung phòng cháy, chữa cháy
THỦ TƯỚNG CHÍNH PHỦ điện:
Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố thực hiện nghiêm Công điện này./.
Nơi nhận:
- Như trên;
- Lưu: VT, NC (2).
{title}
{name}
"""


def _ttg(name: str, title: str = "THỦ TƯỚNG") -> str:
    return _TTG.format(title=title, name=name)


def test_a_name_one_mark_off_a_known_one_is_spelt_as_known():
    """OCR slips of a valid-looking kind ('Phạm Thị Thanh Trả', 'Phạm Minh Chỉnh'): the one known official the
    name differs from by marks only, whose post (Bộ trưởng, Thủ tướng: a member of the Government) agrees."""
    assert extract_fields(_ttg("Phạm Minh Chỉnh"), ocr=True)["signer"]["name"] == "Phạm Minh Chính"
    assert extract_fields(_ttg("Phạm Mính Chỉnh"), ocr=True)["signer"]["name"] == "Phạm Minh Chính"
    got = extract_fields(_ttg("Phạm Thị Thanh Trả", "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG"), ocr=True)["signer"]
    assert got["name"] == "Phạm Thị Thanh Trà" and got["title"] == "PHÓ THỦ TƯỚNG", got


def test_a_name_one_confusable_letter_off_a_known_one():
    """'Lonq' for 'Long' (g/q), 'Cbính' for 'Chính' (h/b): one letter OCR confuses."""
    assert known_spelling("Nguyễn Thanh Lonq", "BỘ TRƯỞNG") == "Nguyễn Thanh Long"
    assert extract_fields(_ttg("Phạm Minh Cbính"), ocr=True)["signer"]["name"] == "Phạm Minh Chính"


def test_printed_names_and_names_that_fit_no_known_one_stay_as_they_are():
    # a clean text (or a good text layer) keeps the name as printed, slip or not
    assert extract_fields(_ttg("Phạm Minh Chỉnh"))["signer"]["name"] == "Phạm Minh Chỉnh"
    # a known name, a letter off that OCR does not confuse, two letters off, a name without any marks, an
    # unknown name: as read
    for name in ("Phạm Minh Chính", "Phạm Minh Chánh", "Phạm Minb Cbính", "Pham Minh Chinh", "Nguyễn Văn Hùng",
                 "Trần Hồng Hà"):
        assert extract_fields(_ttg(name), ocr=True)["signer"]["name"] == name
    # the post the document shows is none the known official held: another person of a like name
    assert known_spelling("Nguyễn Thanh Lông", "GIÁM ĐỐC") == "Nguyễn Thanh Lông"


def test_posts_agree():
    assert posts_agree(("bo truong",), "PHÓ THỦ TƯỚNG")  # both members of the Government
    assert posts_agree(("thu tuong",), "CHÍNH PHỦ")  # TM. CHÍNH PHỦ / THỦ TƯỚNG
    assert posts_agree(("chu tich",), "PHÓ CHỦ TỊCH")
    assert not posts_agree(("thu tuong",), "GIÁM ĐỐC SỞ Y TẾ")
    assert not posts_agree(("thu truong",), "PHÓ THỦ TƯỚNG")
    assert not posts_agree(("thu tuong",), None)


def test_completion_needs_exactly_one_known_name_ending_so():
    assert completed("Minh Chính", "THỦ TƯỚNG CHÍNH PHỦ") == "Phạm Minh Chính"
    assert completed("Thanh Trà", "THỦ TƯỚNG CHÍNH PHỦ") == "Phạm Thị Thanh Trà"
    assert completed("Chính", "THỦ TƯỚNG CHÍNH PHỦ") is None  # one syllable is no evidence
    assert completed("Hồng Hà", "THỦ TƯỚNG CHÍNH PHỦ") is None  # no known name ends so
    assert completed("Phạm Minh Chính", "THỦ TƯỚNG CHÍNH PHỦ") is None  # nothing to complete
    # two known names end in 'Văn Kiệt'/'Đức Thắng'-like ways: made up here from the list itself
    ends: dict[str, set[str]] = {}
    for k in known_names():
        ends.setdefault(" ".join(k.split()[-2:]), set()).add(k)
    for end, names in ends.items():
        if len(names) > 1:
            assert completed(end, "CHỦ TỊCH") is None


def _seal_page(non_text: list[dict], source: str = "ocr") -> Document:
    text = ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 320/NQ-CP Hà Nội, ngày 09 tháng 10 năm 2025\nNGHỊ QUYẾT\nThông qua dự án Luật\nCHÍNH PHỦ\n"
            "Điều 1. Thông qua dự án Luật./.\nNơi nhận:\n- TTgCP, các PTTgCP;\n- Lưu: VT, NC (2b).\n")
    page = Page(number=1, raw_text=text, text=text, source=source, non_text=non_text)
    return Document(source="cp_nq_320_2025.pdf", pages=[page])


def test_a_name_under_a_seal_ring_is_completed_and_flagged():
    """cp_nq_320 p2 (real 1-bit crop): the ring took 'Phạm' of 'Phạm Minh Chính'. The seal re-read keeps no
    line, but records the sure end 'Minh Chính' in the zone; the fields stage completes it to the one known
    official it ends, a Thủ tướng, agreeing with the issuer CHÍNH PHỦ — flagged as completed, not read."""
    img = cv2.imread(str(FIX / "cp_nq_320_2025_p2_signature.png"), cv2.IMREAD_GRAYSCALE)
    reading = read_page(img, "vie", 200)
    partial = [p["text"] for z in reading.non_text for p in z.get("partial", [])]
    assert partial == ["Minh Chính"], reading.non_text
    assert not any("Minh Chính" in ln.text for ln in reading.lines)  # no text of the page
    signer = extract_fields(_seal_page(reading.non_text))["signer"]
    assert signer["name"] == "Phạm Minh Chính" and signer["name_from"] == "known-signers", signer
    # without the seal pass nothing is recorded, and the signer stays null
    off = read_page(img, "vie", 200, tuning=replace(DEFAULT_OCR, seal_reread=False))
    assert extract_fields(_seal_page(off.non_text))["signer"] is None


def test_a_partial_name_is_not_completed_against_the_post_or_on_a_printed_page():
    zone = [{"box": [878, 247, 762, 344], "kind": "signature", "partial": [{"text": "Minh Chính", "box": [0, 0, 1, 1]}]}]
    doc = _seal_page(zone)
    doc.pages[0].text = doc.pages[0].raw_text = doc.pages[0].text.replace("CHÍNH PHỦ CỘNG", "SỞ Y TẾ CỘNG")
    assert extract_fields(doc)["signer"] is None  # the issuer is no post the known Phạm Minh Chính held
    assert extract_fields(_seal_page(zone, source="text-layer"))["signer"] is None  # not OCR'd


def test_the_list_builder_reads_names_after_posts():
    """tools/signers.py: a name right after a post word and its unit, in the same clause."""
    got = signers.names_after_posts(
        "Bộ trưởng Bộ Tài nguyên và Môi trường Trần Hồng Hà cho biết. Chủ tịch UBND TP Hà Nội Chu Ngọc Anh "
        "chủ trì. Giám đốc Sở Y tế Hà Nội đã báo cáo. Phó Thủ tướng Vũ Đức Đam, Thủ tướng. Nguyễn Văn A")
    assert got == [("Trần Hồng Hà", "bo truong"), ("Chu Ngọc Anh", "chu tich"), ("Vũ Đức Đam", "pho thu tuong")]


def test_no_gold_document_feeds_the_list():
    """The 52 tvpl2025 documents (fields gold, all of them) are no source; the 121 more documents (gold dev
    and test parts) are in no file the builder reads; every document read is a train document."""
    assert "tvpl2025" not in signers.SOURCES
    assert all(corpus.FILES[s][0] != corpus.MORE_DOCUMENTS for s in signers.SOURCES)
    assert set(signers.SOURCES) <= set(corpus.FILES)
