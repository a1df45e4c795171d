"""Fields on OCR'd text of the silver development part (benchmarks/fields.py --silver: train-split documents
of the corpus rendered in random layouts, scanned and OCR'd, scored against ocrfix's fields of their clean text).
Short excerpts in the form the page layout gives them, each reproducing a case seen there and failing without
its rule."""
from __future__ import annotations

from ocrfix.fields import extract_fields

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def ocr(text: str) -> dict:
    return extract_fields(text, ocr=True)


LAW_HEAD = "QUỐC HỘI\nLuật số: 60/2010/QH12\n\n" + MOTTO + "Hà Nội, ngày 17 tháng 11 năm 2010\n\n"
LAW_BODY = ("Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992\n"
            "đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 51/2001/QH10;\n"
            "Quốc hội ban hành Luật khoáng sản.\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n")


def test_law_whose_title_line_ocr_lost_is_named_by_its_number_line():
    """Silver (60/2010/QH12, 36/2018/QH14 …, five of 61 laws in one layout): Tesseract did not read the lone
    'LUẬT' line; the number line 'Luật số: …' names the type, and the name in capitals under the header is the
    subject (it was taken for a công văn without a subject: a wrong core value)."""
    f = ocr(LAW_HEAD + "KHOÁNG SẢN\n" + LAW_BODY)
    assert (f["type"], f["subject"]) == ("LUẬT", "KHOÁNG SẢN")
    assert f["number"]["full"] == "60/2010/QH12"
    f = ocr(LAW_HEAD.replace("Luật số", "Bộ luật số") + "DÂN SỰ\n" + LAW_BODY)
    assert (f["type"], f["subject"]) == ("BỘ LUẬT", "DÂN SỰ")


def test_law_with_its_title_line_read_is_unchanged():
    t = LAW_HEAD + "LUẬT\nPHÒNG, CHỐNG THAM NHŨNG\n" + LAW_BODY
    for f in (extract_fields(t), ocr(t)):
        assert (f["type"], f["subject"]) == ("LUẬT", "PHÒNG, CHỐNG THAM NHŨNG")


def test_cong_van_number_line_still_a_cong_van():
    # a công văn's symbol has no type code and its 'Số:' line names no type: still a công văn
    f = ocr("BỘ TÀI CHÍNH\nSố: 1140/BTC-VP\n\n" + MOTTO + "Hà Nội, ngày 17 tháng 11 năm 2025\n\n"
            "Kính gửi: Ủy ban nhân dân các tỉnh.\n")
    assert f["type"] == "CÔNG VĂN"


LAW_END = ("Điều 66. Quy định chi tiết và hướng dẫn thi hành\nChính phủ quy định chi tiết và hướng dẫn thi hành "
           "các điều, khoản\nđược giao trong Luật.\nLuật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt "
           "Nam\nkhóa XII, kỳ họp thứ 7 thông qua ngày 16 tháng 6 năm 2010.\n")


def test_signature_stroke_read_as_a_word_under_a_whole_post_is_no_wrap():
    """Silver (Luật Ngân hàng Nhà nước Việt Nam, 46/2010/QH12): the signature's strokes read as a word in
    capitals ('MÀ') on a line of its own under 'CHỦ TỊCH QUỐC HỘI', a post complete in itself."""
    s = ocr(LAW_HEAD + "LUẬT\nNGÂN HÀNG NHÀ NƯỚC VIỆT NAM\n" + LAW_BODY + "\f" + LAW_END +
            "CHỦ TỊCH QUỐC HỘI\nMÀ\nNguyễn Phú Trọng\n")["signer"]
    assert (s["authority"], s["title"], s["name"]) == (None, "CHỦ TỊCH QUỐC HỘI", "Nguyễn Phú Trọng")


def test_post_wrapped_onto_a_one_word_line_is_still_joined():
    # 'TM. ỦY BAN NHÂN' / 'DÂN' (the wrap this rule must not stop)
    s = ocr(LAW_END + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN\nDÂN\nCHỦ TỊCH\nNguyễn Văn An\n")["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("TM.", "CHỦ TỊCH", "Nguyễn Văn An")


def test_speck_read_as_a_small_word_after_the_issuer():
    """Silver (64/2006/QH11, Luật Phòng, chống HIV/AIDS): a speck after the name read as 'tắc' on its line; the
    line was no caps line any more and the issuer was lost."""
    f = ocr("QUỐC HỘI tắc\nSố: 64/2006/QH11\n\n" + MOTTO + "Hà Nội, ngày 29 tháng 6 năm 2006\n\n"
            "LUẬT\nPHÒNG, CHỐNG NHIỄM VI RÚT GÂY RA HỘI CHỨNG SUY GIẢM MIỄN DỊCH\n" + LAW_BODY)
    assert (f["parent_issuer"], f["issuer"]) == (None, "QUỐC HỘI")
    assert f["number"]["full"] == "64/2006/QH11"


def test_what_ocr_left_of_a_lost_law_title_is_passed_over():
    """Silver, a second layout (38/2019/QH14, 17/2012/QH13, 46/2010/QH12): the lone 'LUẬT' read as 'TUẬT -', as a
    small word ('đến') or as junk ('l0”) ủi') on its line; the law's name in capitals under it is the subject."""
    for left in ("TUẬT -", "đến", "l0”) ủi"):
        f = ocr(LAW_HEAD + left + "\n\nKHOÁNG SẢN\n" + LAW_BODY)
        assert (f["type"], f["subject"]) == ("LUẬT", "KHOÁNG SẢN"), left


def test_number_with_a_year_and_no_type_code_is_no_cong_van():
    """Silver (52/2014/QH13, 11/2003/QH11: 'Số:', not 'Luật số:'): a law whose title OCR lost was taken for a công
    văn, a wrong core value; a công văn's number has no year (Decree 30): the type is left unknown."""
    f = ocr(LAW_HEAD.replace("Luật số", "Số").replace("60/2010/QH12", "52/2014/QH13") + "HÔN NHÂN VÀ GIA ĐÌNH\n"
            + LAW_BODY)
    assert f["type"] is None
    assert f["number"]["full"] == "52/2014/QH13"


def test_speck_comma_before_the_first_word_of_a_title():
    """Silver (75/2006/QH11, Luật Hiến, lấy, ghép mô …): a speck read as a comma alone before the title's first
    word; a title never opens with a comma. Commas inside it stay."""
    f = ocr(LAW_HEAD + "LUẬT\n, HIẾN, LẤY, GHÉP MÔ, BỘ PHẬN CƠ THỂ NGƯỜI VÀ HIẾN, LẤY XÁC\n" + LAW_BODY)
    assert f["subject"] == "HIẾN, LẤY, GHÉP MÔ, BỘ PHẬN CƠ THỂ NGƯỜI VÀ HIẾN, LẤY XÁC"


def test_law_closing_sentence_naming_the_state_opens_no_other_document():
    """Silver (every law whose last page opens with its closing sentence, 14 of 61 in one layout): 'Luật này đã được
    Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam …' at the top of the signature page is running text, not the
    motto of a document attached after the first; the signer is read there."""
    head = LAW_HEAD + "BỘ LUẬT\nDÂN SỰ\n" + LAW_BODY
    end = ("Bộ luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt\nNam khóa XIII, kỳ họp thứ 10 thông qua "
           "ngày 24 tháng 11 năm 2015./.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng\n")
    for f in (ocr(head + "\f" + end), extract_fields(head + "\f" + end)):
        s = f["signer"]
        assert (s["title"], s["name"]) == ("CHỦ TỊCH QUỐC HỘI", "Nguyễn Sinh Hùng")


def test_speck_read_as_a_capitalised_small_word_after_the_issuer():
    """Silver, fourth layout (64/2006/QH11): the old laws' star ornament by the issuer read as 'Có'."""
    f = ocr("QUỐC HỘI Có\nSố: 64/2006/QH11\n\n" + MOTTO + "Hà Nội, ngày 29 tháng 6 năm 2006\n\nLUẬT\nKHOÁNG SẢN\n"
            + LAW_BODY)
    assert (f["parent_issuer"], f["issuer"]) == (None, "QUỐC HỘI")


def test_chu_tich_whose_chu_ocr_lost():
    """Silver, fifth layout (17/2012/QH13): the block's 'CHỦ TỊCH QUỐC HỘI' read as 'TỊCH QUỐC HỘI' above the name
    (no post opens with 'TỊCH'); no signer was found."""
    s = ocr(LAW_HEAD + "LUẬT\nTÀI NGUYÊN NƯỚC\n" + LAW_BODY + "\f" + LAW_END + "TỊCH QUỐC HỘI\nNguyễn Sinh Hùng\n")["signer"]
    assert (s["authority"], s["title"], s["name"]) == (None, "CHỦ TỊCH QUỐC HỘI", "Nguyễn Sinh Hùng")
