"""Fields on real scans' OCR text: short excerpts in the form the page layout gives them (the header's left
column, a blank line, its right column), each reproducing a case seen on the real development scans
(benchmarks/data/real), and failing without its rule."""
from __future__ import annotations

import pytest

from ocrfix.document import Document, Page, Word
from ocrfix.fields import extract_fields
from ocrfix.fields.issuer import is_junk_token, respace
from ocrfix.fields.stamp import stamp_start

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
BODY = "\nKính gửi: Bộ Tài chính.\nThực hiện chỉ đạo của Thủ tướng Chính phủ, đề nghị các cơ quan báo cáo.\n"


def ocr(text: str) -> dict:
    return extract_fields(text, ocr=True)


@pytest.mark.parametrize("debris", ["TT”", "TWT1", "TT#T"])
def test_issuer_without_stamp_debris_tokens(debris):
    # vpcp_cv_9703 / 9768: a speck or the stamp's corner read before the name
    f = ocr(f"{debris}\n\nVĂN PHÒNG CHÍNH PHỦ\nSố: 9768/VPCP-CN\nV/v xử lý tình trạng xói lở\n\n{MOTTO}"
            f"Hà Nội, ngày 10 tháng 10 năm 2025\n{BODY}")
    assert f["issuer"] == "VĂN PHÒNG CHÍNH PHỦ"
    assert f["number"]["full"] == "9768/VPCP-CN"


def test_seal_debris_line_under_the_issuer_is_dropped():
    # catld_ttr_416 (phone capture): the seal's ring read as a line under the name
    f = ocr("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\n\\N TĨNH LA\nSố: 416/TTr-CAT(PC04)\n\n" + MOTTO +
            "Lâm Đồng, ngày 28 tháng 11 năm 2025\n\nTỜ TRÌNH\nVề việc đề nghị ban hành văn bản\n" + BODY)
    assert (f["parent_issuer"], f["issuer"]) == ("BỘ CÔNG AN", "CÔNG AN TỈNH LÂM ĐỒNG")


def test_glued_parent_issuer_splits_and_gets_its_spaces():
    # catld_cv_1413, catld_ttr_298: 'BỘCÔNGAN' read without spaces, then the issuer
    f = ocr("BỘCÔNGAN\nCÔNG AN TỈNH LÂM ĐỒNG\nSố: 1413/CAT-PC04\nV/v hỗ trợ kinh phí\n\n" + MOTTO +
            "Lâm Đồng, ngày 16 tháng 3 năm 2026\n" + BODY)
    assert (f["parent_issuer"], f["issuer"]) == ("BỘ CÔNG AN", "CÔNG AN TỈNH LÂM ĐỒNG")


def test_ocr_issuer_place_spelled_as_the_place_and_glued_words_spaced():
    # ubndld_qd_1716: 'ỦY BANNHÂN DÂN' / 'TỈNH LÂM ĐÒNG'
    text = ("ỦY BANNHÂN DÂN\nTỈNH LÂM ĐÒNG\nSố: 1716/QĐ-UBND\n\n" + MOTTO + "Lâm Đồng, ngày 16 tháng 10 năm 2025\n\n"
            "QUYẾT ĐỊNH\nVề việc thành lập Hội đồng thẩm định\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert ocr(text)["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    # 'Lâm Đồng' and 'Lâm Động' share the letters: with no mention of either in the text, the name stays as read
    assert ocr(text.replace("Lâm Đồng, ngày", "ngày"))["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐÒNG"


def test_draft_label_on_its_own_line_is_not_the_issuer():
    # qh_duthao_luat_tctd (CamScanner): 'QUỐC HỘI' / 'Luật số:' / 'DỰ THẢO'
    f = ocr("QUỐC HỘI\nLuật số:\nDỰ THẢO\n\n" + MOTTO + "/2025/QH15\nLUẬT\n\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA\n"
            "LUẬT CÁC TỔ CHỨC TÍN DỤNG\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n")
    assert f["issuer"] == "QUỐC HỘI"
    assert f["type"] == "LUẬT"


def test_misread_motto_in_the_right_column_is_not_the_issuer_and_v_slash_opens_the_subject():
    # bca_cv_4409: 'V/' for 'V/v', and the motto's 'CỘNG' read 'CỌNG' / 'G HÒA …' in the right column
    f = ocr("BỘ CÔNG AN\nV/ tham gia ý kiến vào Dự thảo Hồ sơ\nQuyết định của Thủ tướng Chính phủ\n\nCỌNG\n"
            "G HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày … tháng … năm 2025\n" + BODY)
    assert f["issuer"] == "BỘ CÔNG AN"
    assert f["type"] == "CÔNG VĂN"
    assert f["subject"] == "tham gia ý kiến vào Dự thảo Hồ sơ Quyết định của Thủ tướng Chính phủ"


def test_title_read_in_the_issuer_column():
    # hdtdld_bb (Adobe Scan): 'BIÊN BẢN' read under the issuer, above the motto and the date
    f = ocr("UBND TỈNH LÂM ĐỒNG\nHỘI ĐỒNG THẨM ĐỊNH\nBIÊN BẢN\n\n" + MOTTO + "Lâm Đồng, ngày … tháng 12 năm 2025\n_\n\n"
            "Về việc đánh giá, phân loại địa bàn cấp xã không ma túy\nHôm nay, vào lúc 14 giờ 30 phút, ngày 18 "
            "tháng 12 năm 2025, tại Hội trường Công an tỉnh Lâm Đồng.\n")
    assert f["type"] == "BIÊN BẢN"
    assert (f["parent_issuer"], f["issuer"]) == ("UBND TỈNH LÂM ĐỒNG", "HỘI ĐỒNG THẨM ĐỊNH")
    assert f["subject"] == "Về việc đánh giá, phân loại địa bàn cấp xã không ma túy"


def test_portal_stamp_under_the_subject_is_cut():
    # ttg_cd_195: the e-portal's received stamp read on the line under the công điện's subject
    f = ocr("THỦ TƯỚNG CHÍNH PHỦ\nSố: 195/CĐ-TTg\n\n" + MOTTO + "Hà Nội, ngày 11 tháng 10 năm 2025\n\nCÔNG ĐIỆN\n"
            "Về vụ cháy nhà dân tại phường Văn Miếu - Quốc Tử Giám,\nthành phố Hà Nội\n"
            "CỔNG THÔNG Pi% Đ'ÊN TỪ CHÍNH PHÙ THỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng Bộ Công an;\n")
    assert f["subject"] == "Về vụ cháy nhà dân tại phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội"


def test_portal_stamp_under_a_v_v_line_is_cut():
    # ttg_cv_464
    f = ocr("THỦ TƯỚNG CHÍNH PHỦ\nSố: 464/TTg-CĐS\nV/v triển khai các Nghị quyết cắt giảm,\nđơn giản hóa TTHC, ĐKKD\n"
            "GỐNG THÔNG TIN ĐIỆN TỬ CHÍNH PHÙ\n\n" + MOTTO + "Hà Nội, ngày 30 tháng 4 năm 2026\n" + BODY)
    assert f["subject"] == "triển khai các Nghị quyết cắt giảm, đơn giản hóa TTHC, ĐKKD"


def test_cong_dien_subject_as_v_v_after_stamp_pieces():
    # ttg_cd_186: stamp pieces between the title and its 'V/v …' trích yếu, then the addressing line
    f = ocr("THỦ TƯỚNG CHÍNH PHỦ\nSố: 186/CĐ-TTg\n\n" + MOTTO + "Hà Nội, ngày 04 tháng 10 năm 2025\n\nCÔNG ĐIỆN\nPHÙ\n"
            "GỐNG THÂNG TỪ CHÍNH\nV/v chủ động ứng phó bão số 11 năm 2025\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n"
            "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố khu vực Bắc Bộ;\n")
    assert f["type"] == "CÔNG ĐIỆN"
    assert f["subject"] == "chủ động ứng phó bão số 11 năm 2025"


def test_title_with_a_speck_read_as_full_stop():
    # cp_nq_320: 'NGHỊ QUYẾT.'
    f = ocr("CHÍNH PHỦ\nSố: 320/NQ-CP\n\n" + MOTTO + "Hà Nội, ngày 09 tháng 10 năm 2025\n\nNGHỊ QUYẾT.\n"
            "Về dự án Luật sửa đổi, bổ sung một số điều của Luật Công nghiệp\nquốc phòng, an ninh\n"
            "CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert f["type"] == "NGHỊ QUYẾT"
    assert f["subject"] == "Về dự án Luật sửa đổi, bổ sung một số điều của Luật Công nghiệp quốc phòng, an ninh"


def test_phieu_trinh_is_a_type():
    f = ocr("UBND TỈNH LÂM ĐỒNG\nVĂN PHÒNG\nSố: 02/PT-NC\n\n" + MOTTO + "\nPHIẾU TRÌNH\n" + BODY)
    assert f["type"] == "PHIẾU TRÌNH"


def test_stamp_and_junk_rules_leave_real_words():
    assert stamp_start("V/v đăng tải trên Cổng thông tin điện tử Chính phủ") is None
    assert stamp_start("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ LÊ THÀNH LONG") is None
    assert stamp_start("ĐỐI VỚI CÁC KHOẢN VIỆN TRỢ TỪ CHÍNH PHỦ NHẬT BẢN") is None
    assert not any(is_junk_token(t) for t in "QUÂN KHU 7 BỘ KẾ HOẠCH & ĐẦU TƯ (CŨ)".split())
    assert respace("BỘ CÔNG AN") == "BỘ CÔNG AN"


NN = "\nNơi nhận:\n- Như trên;\n- Lưu: VT, PA05.\n\n"


def test_signer_name_after_a_split_rank_and_debris():
    # catld_cv_1710: 'Thượng' / 'ø tá Phạm Thanh Hùng'
    f = ocr("Đề nghị các đơn vị phối hợp./.\n" + NN + "KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nThượng\nø tá Phạm Thanh Hùng\n")
    assert f["signer"]["name"] == "Phạm Thanh Hùng"


def test_signer_name_after_abbreviated_ranks_read_wrong():
    # ldlsvn_cv_562: 'LS. TS.' read '1S. TS.'
    f = ocr("Trân trọng./.\n" + NN + "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n1S. TS. Đỗ Ngọc Thịnh\n")
    assert f["signer"]["name"] == "Đỗ Ngọc Thịnh"


def test_signer_in_the_signature_column_when_the_first_line_is_cut():
    # vpcp_tb_536: 'PHÓ CHỦ NHIỆM' read 'NG, CHỦ NHIỆM', no authority line left
    f = ocr("Văn phòng Chính phủ thông báo để các cơ quan biết./.\n\nNơi nhận:\n- Các thành viên Ban Chỉ đạo;\n"
            "- Lưu: VT, KTTH (2). to\n\nNG, CHỦ NHIỆM\nNHIỆM\nMai Thị Thu Vân\nTTg,\n")
    assert f["signer"]["name"] == "Mai Thị Thu Vân"


def test_signer_surname_lost_under_the_signature_is_taken_from_the_text():
    # vpcp_cv_9768: the name read 'Sỹ Hiệp'; Nơi nhận prints 'PCN Nguyễn Sỹ Hiệp'
    text = ("Văn phòng Chính phủ thông báo để các cơ quan biết./.\n\nNơi nhận:\n- Bộ Xây dựng;\n"
            "- VPCP: BTCN, PCN Nguyễn Sỹ Hiệp,\n- Lưu: VT, CN (2).\n\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nSỹ Hiệp\n")
    assert ocr(text)["signer"]["name"] == "Nguyễn Sỹ Hiệp"
    assert extract_fields(text)["signer"]["name"] == "Sỹ Hiệp"  # text as printed: as printed
    # a two-word name stays when no surname precedes it ('Ông' is a form of address here)
    two = text.replace("PCN Nguyễn Sỹ Hiệp", "Ông Sỹ Hiệp")
    assert ocr(two)["signer"]["name"] == "Sỹ Hiệp"


def test_place_of_a_lower_case_spelling_is_read():
    # cp_nd_109 (TCVN3 layer): 'Hà nội, ngày 02 tháng 4 năm 2004'
    f = extract_fields("CHÍNH PHỦ\nSố: 109/2004/NĐ-CP\n\n" + MOTTO + "\nHà nội, ngày 02 tháng 4 năm 2004\n\n"
                       "NGHỊ ĐỊNH\nVề đăng ký kinh doanh\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert (f["place"], f["date"]) == ("Hà nội", "2004-04-02")


# Signature blocks as OCR reads them in other layouts (random-layout development misses, issue 13)
_NN = "Nơi nhận:\n- Như trên;\n- Lưu: VT, KTTH.\n\n"


def test_signer_authority_glued_to_its_post():
    """OCR lost the dot and space after the authority: 'KTTRƯỞNG BAN …', 'TMỦY' / 'BAN NHÂN DÂN',
    'TLCỤCTRƯỞNG'; a code such as 'KTTH' stays as read."""
    s = extract_fields(_NN + "TL. CỤC TRƯỞNG\nKTTRƯỞNG BAN BAN CHÍNH SÁCH, THUẾ\nQUỐC TẾ\nPHÓ TRƯỞNG BAN\n"
                       "Mạnh Thị Tuyết Mai\n", ocr=True)
    assert (s["signer"]["authority"], s["signer"]["title"]) == ("KT.", "PHÓ TRƯỞNG BAN")
    assert s["recipients"][-1] == "Lưu: VT, KTTH"
    s = extract_fields("quan căn cứ Quyết định này thực hiện./.\nTMỦY\nBAN NHÂN DÂN\nCHỦ TỊCH\nPhạm Đức Ấn\n", ocr=True)
    assert (s["signer"]["authority"], s["signer"]["title"], s["signer"]["name"]) == ("TM.", "CHỦ TỊCH", "Phạm Đức Ấn")
    s = extract_fields(_NN + "TLCỤCTRƯỞNG\nTRƯỞNG BAN NGHIỆP VỤ THUẾ HQ\nPHÓ TRƯỞNG BAN\nĐào Thu Hương\n", ocr=True)
    assert (s["signer"]["authority"], s["signer"]["title"]) == ("TL.", "PHÓ TRƯỞNG BAN")


def test_signer_bare_authority_on_its_own_line():
    """'KT.' read on a line of its own (a narrow column) is the block's authority, not seal debris."""
    s = extract_fields(_NN + "TL, CỤC TRƯỞNG\nKT.\nTRƯỞNG BẠN NGHIỆP VỤ\nTHUẾ HQ\nPHÓ TRƯỞNG BAN\nĐào Thu Hương\n", ocr=True)
    assert (s["signer"]["authority"], s["signer"]["title"], s["signer"]["name"]) == \
        ("KT.", "PHÓ TRƯỞNG BAN", "Đào Thu Hương")


def test_signer_deputy_under_the_head_post_without_kt():
    """'TRƯỞNG BAN' / 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC' / 'PHÓ THỦ TƯỚNG' with the 'KT.' lost: a deputy signing
    for the head (Decree 30: KT.), the deputy's post is the title."""
    s = extract_fields(_NN + "TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\nPHÓ THỦ TƯỚNG\nPhạm Thị Thanh Trà\n", ocr=True)
    assert (s["signer"]["authority"], s["signer"]["title"]) == ("KT.", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC")
    s = extract_fields(_NN + "CHỦ TỊCH\nNguyễn Văn A\n", ocr=True)  # a head signing himself: no authority
    assert (s["signer"]["authority"], s["signer"]["title"]) == (None, "CHỦ TỊCH")


def test_signer_seal_word_under_a_whole_post():
    """A seal's word read on its own line under 'CHỦ TỊCH' is no wrap of the post ('TM. ỦY BAN NHÂN' / 'DÂN' is)."""
    s = extract_fields(_NN + "CHỦ TỊCH\nNHÀ\nNguyễn Minh Dũng\n", ocr=True)
    assert s["signer"]["title"] == "CHỦ TỊCH"
    s = extract_fields(_NN + "TM. ỦY BAN NHÂN\nDÂN\nCHỦ TỊCH\nNguyễn Văn A\n", ocr=True)
    assert (s["signer"]["authority"], s["signer"]["title"]) == ("TM.", "CHỦ TỊCH")


@pytest.mark.parametrize("read", ["PHÓ TRƯỞNG BẠN", "PHÓ TRƯƠNG BẠN", "PHÓ TRƯỜNG BAN", "PHO TRƯỞNG BAN"])
def test_signer_post_words_spelt_as_printed(read):
    """A post's words OCR read with wrong marks are spelt as Decree 30 prints them; a unit's name stays as read,
    and text as printed is never changed."""
    text = _NN + f"KT. TRƯỞNG BAN CHÍNH SÁCH,\nTHUẾ QUỐC TẾ\n{read}\nPhạm Thị Minh Hiền\n"
    assert extract_fields(text, ocr=True)["signer"]["title"] == "PHÓ TRƯỞNG BAN"
    assert extract_fields(text)["signer"]["title"] == read
    text = _NN + "KT. GIÁM ĐỐC\nPHÓ GIAM ĐỐC SỞ TƯ PHÁP\nNguyễn Văn A\n"
    assert extract_fields(text, ocr=True)["signer"]["title"] == "PHÓ GIÁM ĐỐC SỞ TƯ PHÁP"


def test_number_after_a_misread_so():
    """'Số:' read as 'Ấ-' before a full symbol in the header's left column; a figure in the body stays no number."""
    f = ocr("BỘ TÀI CHÍNH\nẤ- 109/2025/TT-BTC\n\n" + MOTTO + "Hà Nội, ngày 18 tháng 11 năm 2025\n\nTHÔNG TƯ\n"
            "Quy định mức thu lệ phí\nCăn cứ Luật Phí và lệ phí số 97/2015/QH13;\n")
    assert f["number"]["full"] == "109/2025/TT-BTC" and f["type"] == "THÔNG TƯ"


def test_number_d_read_three_times():
    """One Đ of a code read as 'ĐÐĐ' (U+0110, the look-alike U+00D0, U+0110) is one Đ."""
    f = ocr("BỘ NỘI VỤ\nSố:10988/BNV-CQĐÐĐP\nV/v tuyên truyền chủ trương\n\n" + MOTTO +
            "Hà Nội, ngày 21 tháng 11 năm 2025\n" + BODY)
    assert f["number"]["full"] == "10988/BNV-CQĐP"


@pytest.mark.parametrize("title", ["THÔNG, TƯ", "THÔNGTƯ _"])
def test_subject_under_a_title_read_with_marks(title):
    """The title read with a speck in it or its space lost is still the title, and the caps lines under it
    the subject, wrapped before 'NGÀY 31 THÁNG …' too."""
    f = ocr("BỘ QUỐC PHÒNG\nSố: 127/2025/TT-BQP\n\n" + MOTTO + "Hà Nội, ngày 19 tháng 11 năm 2025\n\n" + title +
            "\nBÃI BỎ QUYẾT ĐỊNH SỐ 181/2006/QĐ-BQP\nNGÀY 31 THÁNG 10 NĂM 2006 CỦA BỘ TRƯỞNG\n"
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 63/2025/QH15;\n")
    assert f["type"] == "THÔNG TƯ"
    assert f["subject"] == "BÃI BỎ QUYẾT ĐỊNH SỐ 181/2006/QĐ-BQP NGÀY 31 THÁNG 10 NĂM 2006 CỦA BỘ TRƯỞNG"


def test_subject_when_the_title_sits_in_the_issuer_column():
    """The title read in the issuer's column under the number (before the motto and the date) with debris; the
    subject is under the date line, a speck read there ('Tn,') left out."""
    f = ocr("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 76/2025/QĐ-UBND\n`. __ QUYẾT ĐỊNH\n\n" + MOTTO +
            "Hà Tĩnh, ngày 21 tháng 11 năm 2025\nTn,\n\nBÃI BỎ CÁC QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH\nHÀ TĨNH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n")
    assert (f["type"], f["subject"]) == ("QUYẾT ĐỊNH", "BÃI BỎ CÁC QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")


def test_subject_when_the_title_was_not_read():
    """The title lost by OCR (the type is the number's code): the 'VỀ …' line in capitals under the header is the
    subject; a body line there is not."""
    head = "BỘ TÀI CHÍNH\nCỤC HẢI QUAN\nSố: 37694/TB-CHQ\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n\n"
    f = ocr(head + "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ\nCỤC TRƯỞNG CỤC HẢI QUAN\nCăn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;\n")
    assert (f["type"], f["subject"]) == ("THÔNG BÁO", "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ")
    f = ocr(head + "Căn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;\n")
    assert (f["type"], f["subject"]) == ("THÔNG BÁO", None)


@pytest.mark.parametrize("read", ["VŨ", "VÀ", "VTj", "VL", "VF", "VỀ"])
def test_filing_line_vt_as_ocr_reads_it(read):
    """The filing line opens with VT: 'VT,' read as one letter ('VŨ', made 'VÀ' by restoration) or with a speck."""
    text = f"Nơi nhận:\n- Như trên;\n- Lưu: {read} GDTXNNĐH (ĐPT).\n\nGIÁM ĐỐC\nNguyễn Văn A\n"
    assert ocr(text)["recipients"][-1] == "Lưu: VT, GDTXNNĐH (ĐPT)"
    assert extract_fields(text)["recipients"][-1] == f"Lưu: {read} GDTXNNĐH (ĐPT)"  # as printed: kept


@pytest.mark.parametrize("read", ["b/C", "b/©"])
def test_recipient_bc_in_small_letters(read):
    """'(để b/c)' (báo cáo) with its c read as a capital or as '©'."""
    text = f"Nơi nhận:\n- Như trên;\n- PCT Nguyễn Thành Hưng (để {read});\n- Lưu: VT, CS.\n\nGIÁM ĐỐC\nNguyễn Văn A\n"
    assert ocr(text)["recipients"][1] == "PCT Nguyễn Thành Hưng (để b/c)"


def test_recipient_items_wrapped_onto_a_line_in_capitals():
    """An item's wrapped end in capitals before the next item ('… TP;' / 'UBND TP;', '… QLN.' / 'PTHT, PTDNNN -' /
    'BTC;', '… phường của' / 'TP;') is part of the list; a post there ('PHÓ CỤC TRƯỞNG') still ends it."""
    text = ("Nơi nhận:\n- Các Ban của HĐND Thành phố;\n- Các VP: Thành ủy, ĐĐBQH&HĐND TP;\nUBND TP;\n"
            "- Các sở, ban, ngành Thành phố;\n- TT HĐND, UBND các xã, phường của\nTP;\n- Trang TTĐT của Đoàn ĐBQH và HĐND\n"
            "TP\n- Lưu: VT.\n\nCHỦ TỊCH\nPhùng Thị Hồng Hà\n")
    assert ocr(text)["recipients"] == ["Các Ban của HĐND Thành phố", "Các VP: Thành ủy, ĐĐBQH&HĐND TP; UBND TP",
                                       "Các sở, ban, ngành Thành phố", "TT HĐND, UBND các xã, phường của TP",
                                       "Trang TTĐT của Đoàn ĐBQH và HĐND TP", "Lưu: VT"]
    text = "Nơi nhận:\n- Như trên;\n- Các đơn vị: CSL, PC, ĐCTC, QLN.\nPTHT, PTDNNN -\nBTC;\n- Ban PC-CT;\n- Lưu VT, CS (3b)\n"
    assert ocr(text)["recipients"][1] == "Các đơn vị: CSL, PC, ĐCTC, QLN. PTHT, PTDNNN - BTC"
    text = "Nơi nhận:\n- Như trên;\n- Các đơn vị: CSL\nPHÓ CỤC TRƯỞNG\n- Lưu: VT.\n"
    assert ocr(text)["recipients"] == ["Như trên", "Các đơn vị: CSL"]


def test_symbol_codes_mended_from_issuer_and_filing_line():
    """An OCR'd symbol's code one look-alike letter from the issuer's initials ('TB-CHỌ' under 'CỤC HẢI QUAN') is
    them; one that lost its hyphen before a code the filing line prints ('SGDĐTGDTXNNĐH', 'Lưu: VT, GDTXNNĐH') gets
    it back. Text as printed keeps its symbol."""
    tail = "\nNơi nhận:\n- Như trên;\n- Lưu: VT, NVTHQ (3b).\n\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nNguyễn Văn A\n"
    text = ("BỘ TÀI CHÍNH\nCỤC HẢI QUAN\nSố: 37691/TB-CHỌ\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n\n"
            "THÔNG BÁO\nVỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ\nCăn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;\n" + tail)
    assert ocr(text)["number"]["full"] == "37691/TB-CHQ"
    assert ocr(text.replace("CỤC HẢI QUAN\n", "CỤC HẢI OUAN\n"))["number"]["full"] == "37691/TB-CHO"  # no initials
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 5155/SGDĐTGDTXNNĐH\nV/v hướng dẫn "
            "đánh giá\n\n" + MOTTO + "Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\n" + BODY +
            "\nNơi nhận:\n- Như trên;\n- Lưu: VT, GDTXNNĐH (ĐPT).\n\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert ocr(text)["number"]["full"] == "5155/SGDĐT-GDTXNNĐH"
    assert extract_fields(text)["number"]["full"] == "5155/SGDĐTGDTXNNĐH"


def test_layout_keeps_a_hyphen_under_a_too_wide_digit_box():
    """'2025 - 2026' in a title where OCR's box of '2025' reaches over the hyphen (boxes of a 200 dpi random-layout
    scan): the hyphen beside the digits stays; a dash lying under the middle of a word is still dropped."""
    from ocrfix.document import Word
    from ocrfix.layout import analyze

    row = [Word("NĂM", (838, 573, 95, 36), 97, 5), Word("HỌC", (944, 573, 90, 37), 97, 5),
           Word("2025", (1042, 573, 106, 29), 93, 5), Word("-", (1131, 556, 18, 67), 93, 5),
           Word("2026", (1160, 573, 85, 29), 93, 5), Word("TRÊN", (1256, 573, 100, 37), 93, 5)]
    assert analyze(row, 1654, header=False, bottom=False).body == ["NĂM HỌC 2025 - 2026 TRÊN"]
    under = [Word("BỘ", (700, 100, 60, 30), 95, 0), Word("NỘI", (770, 100, 80, 30), 95, 0),
             Word("-", (780, 110, 40, 30), 60, 0)]
    assert analyze(under, 1654, header=False, bottom=False).body == ["BỘ NỘI"]


def test_subject_line_ending_on_va_goes_on():
    """A title line ending on 'VÀ' goes on: the next line 'CHÍNH PHỦ NƯỚC …' is the subject, not the enacting
    authority (which still ends it after a complete line)."""
    head = "BỘ CÔNG THƯƠNG\nSố: 40/2025/TT-BCT\n\n" + MOTTO + "Hà Nội, ngày 25 tháng 11 năm 2025\n\nTHÔNG TƯ\n"
    f = ocr(head + "QUY ĐỊNH VỀ HẠN NGẠCH THUẾ QUAN THEO HIỆP ĐỊNH GIỮA CHÍNH PHỦ\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
            "VIỆT NAM VÀ\nCHÍNH PHỦ NƯỚC CỘNG HÒA DÂN CHỦ NHÂN DÂN LÀO\nGIAI ĐOẠN 2025 - 2030\nCăn cứ Luật Quản lý "
            "ngoại thương;\n")
    assert f["subject"].endswith("VIỆT NAM VÀ CHÍNH PHỦ NƯỚC CỘNG HÒA DÂN CHỦ NHÂN DÂN LÀO GIAI ĐOẠN 2025 - 2030")
    f = ocr("CHÍNH PHỦ\nSố: 40/2025/NĐ-CP\n\n" + MOTTO + "Hà Nội, ngày 25 tháng 11 năm 2025\n\nNGHỊ ĐỊNH\n"
            "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐẤU THẦU\nCHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert f["subject"] == "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐẤU THẦU"


def test_signer_head_post_with_its_authority_lost_then_the_deputy_block():
    """'CỤC TRƯỞNG' (its 'TL.' lost) / 'KT. TRƯỞNG BAN …' / 'PHÓ TRƯỞNG BAN': the deputy's block under the head's
    post is read on, not cut after the first line."""
    s = extract_fields(_NN + "CỤC TRƯỞNG\nKT. TRƯỞNG BAN BAN CHÍNH SÁCH,\nTHUẾ QUỐC TẾ\nPHÓ TRƯỞNG BAN\n"
                       "Phạm Thị Minh Hiền\n", ocr=True)["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("KT.", "PHÓ TRƯỞNG BAN", "Phạm Thị Minh Hiền")


def test_type_read_in_the_issuer_column_over_a_subject_opening_with_a_type_word():
    """'THÔNG TƯ' read in the issuer's column under the number, the subject 'QUY ĐỊNH MỨC THU …' under the date
    line: the title alone is the type, the subject keeps its 'QUY ĐỊNH'."""
    f = ocr("BỘ TÀI CHÍNH\nSố: 110/2025/TT-BTC\nTHÔNG TƯ\n\n" + MOTTO + "Hà Nội, ngày 19 tháng 11 năm 2025\n- „\n\n"
            "QUY ĐỊNH MỨC THU, CHẾ ĐỘ THU, NỘP PHÍ THẨM\nĐỊNH CẤP GIẤY PHÉP KINH DOANH KARAOKE, VŨ\nTRƯỜNG\n"
            "Căn cứ Luật Phí và lệ phí số 97/2015/QH13;\n")
    assert f["type"] == "THÔNG TƯ"
    assert f["subject"] == "QUY ĐỊNH MỨC THU, CHẾ ĐỘ THU, NỘP PHÍ THẨM ĐỊNH CẤP GIẤY PHÉP KINH DOANH KARAOKE, VŨ TRƯỜNG"


def test_ocr_subject_without_specks():
    """Specks OCR reads as marks in a subject in capitals are dropped; an abbreviation's dot and real commas stay;
    text as printed is not touched."""
    head = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 76/2025/QĐ-UBND\n\n" + MOTTO + "Hà Tĩnh, ngày 21 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n"
    body = "\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    f = ocr(head + "QUY ĐỊNH CƠ. CHẾ, CHÍNH SÁCH SỬ DỤNG ,TRÊN TÀU BIỂN\nLĨNH VỰC .__ THIẾT BỊ Y TẾ THUỘC THẨM ¡QUYỀN .GIẢI _QUYẾT"
            + body)
    assert f["subject"] == "QUY ĐỊNH CƠ CHẾ, CHÍNH SÁCH SỬ DỤNG TRÊN TÀU BIỂN LĨNH VỰC THIẾT BỊ Y TẾ THUỘC THẨM QUYỀN GIẢI QUYẾT"
    f = ocr(head + "VỀ VIỆC GIAO CHỈ TIÊU CHO TP. HỒ CHÍ MINH" + body)
    assert f["subject"] == "VỀ VIỆC GIAO CHỈ TIÊU CHO TP. HỒ CHÍ MINH"
    assert extract_fields(head + "QUY ĐỊNH CƠ. CHẾ QUẢN LÝ" + body)["subject"] == "QUY ĐỊNH CƠ. CHẾ QUẢN LÝ"


@pytest.mark.parametrize("read,printed", [("Đỉnh Công Sứ", "Đinh Công Sứ"), ("Lẽ Văn Thành", "Lê Văn Thành"),
                                          ("Lã Văn Thành", "Lã Văn Thành"), ("Mai Sơn", "Mai Sơn")])
def test_signer_surname_with_a_mark_misread(read, printed):
    """The signer's surname read with one mark wrong ('Đỉnh' for 'Đinh') is the one common surname it folds to;
    a surname itself ('Lã', 'Mai') stays, and text as printed is never changed."""
    text = _NN + f"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{read}\n"
    assert ocr(text)["signer"]["name"] == printed
    assert extract_fields(text)["signer"]["name"] == read


def test_filing_line_code_after_an_authority_is_no_signature():
    """'- Lưu: VT; KT, KTI1.' (the filing line with a unit code 'KT'): not a signature fragment glued to the list,
    and a Nơi nhận item ('- Như Điều 2;') is never the signer's name."""
    text = ("Nơi nhận:\n- Như Điều 2;\n- Bộ Tài chính (để báo cáo);\n- Lưu: VT; KT, KTI1.\n\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Báu Hà\n")
    f = ocr(text)
    assert (f["signer"]["title"], f["signer"]["name"]) == ("PHÓ CHỦ TỊCH", "Trần Báu Hà")
    assert f["recipients"][0] == "Như Điều 2"
    f = ocr("Nơi nhận:\n- Như trên;\n- Lưu: VT. KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")  # a glued title still splits
    assert (f["signer"]["authority"], f["signer"]["name"]) == ("KT.", "Nguyễn Văn A")


def test_signer_no_kt_guessed_under_a_unit_heads_post():
    """'TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ' / 'PHÓ TRƯỞNG BAN' with the 'TL. CỤC TRƯỞNG' line lost: the deputy's post is
    the title, but no 'KT.' is guessed (the block signs TL.); 'THỨ TRƯỜNG' is the post 'THỨ TRƯỞNG'."""
    s = ocr(_NN + "TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ\nPHÓ TRƯỞNG BAN\nĐào Thu Hương\n")["signer"]
    assert (s["authority"], s["title"]) == (None, "PHÓ TRƯỞNG BAN")
    s = ocr(_NN + "KT. BỘ TRƯỞNG\nTHỨ TRƯỜNG\nTạ Quang Đông\n")["signer"]
    assert (s["authority"], s["title"]) == ("KT.", "THỨ TRƯỞNG")


def test_date_with_its_year_wrapped_onto_the_number_row():
    """'…, ngày 28 tháng 11 năm' ending its line and the year read after the number on the next row; a number's
    own digits are no year."""
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n\n" + MOTTO + "\nThành phố Hồ Chí Minh, ngày 28 tháng 11 năm\n"
            "Số: 4240/UBND-VX 2025\nV/v khẩn trương hoàn thành\n" + BODY)
    f = ocr(text)
    assert (f["date"], f["place"], f["number"]["full"]) == ("2025-11-28", "Thành phố Hồ Chí Minh", "4240/UBND-VX")
    assert ocr(text.replace("UBND-VX 2025", "2025/UBND-VX"))["date"] is None


def test_signer_post_spelling_keeps_a_mark_placed_otherwise():
    """'UỶ VIÊN' (the tone on the other vowel, as some documents print it) is no misreading: kept as read."""
    assert ocr(_NN + "TM. BAN THƯỜNG VỤ\nUỶ VIÊN\nNguyễn Văn A\n")["signer"]["title"] == "UỶ VIÊN"
    assert ocr(_NN + "TM. BAN THƯỜNG VỤ\nỦY VIỀN\nNguyễn Văn A\n")["signer"]["title"] == "ỦY VIÊN"


def test_type_title_with_specks_read_as_letters():
    """'§ t THÔNG G TƯ': the title with specks read as one-letter words around and inside it is still the type, and
    the subject under it keeps its 'QUY ĐỊNH'."""
    head = "BỘ XÂY DỰNG\nSố: 38/2025/TT-BXD\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n\n"
    f = ocr(head + "§ t THÔNG G TƯ\nQUY ĐỊNH CƠ CHẾ, CHÍNH SÁCH QUẢN LÝ GIÁ DỊCH VỤ\nCăn cứ Luật Giá ngày 19 tháng 6 năm 2023;\n")
    assert (f["type"], f["subject"]) == ("THÔNG TƯ", "QUY ĐỊNH CƠ CHẾ, CHÍNH SÁCH QUẢN LÝ GIÁ DỊCH VỤ")


def test_an_ocrd_issuer_has_a_bodys_words_spelt_as_printed():
    """Real scan (Adobe Scan capture of a biên bản): the issuer 'HỘI ĐỒNG THẨM ĐỊNH' read 'HỘI ĐÒNG'. In OCR
    output a body's words get their printed marks; a tone placed otherwise ('UỶ BAN') and text as printed stay."""
    from ocrfix.fields.issuer import body_spelling

    assert body_spelling("HỘI ĐÒNG THẨM ĐỊNH") == "HỘI ĐỒNG THẨM ĐỊNH"
    assert body_spelling("ỦY BAN NHẤN DẪN HUYỆN BA TƠ") == "ỦY BAN NHÂN DÂN HUYỆN BA TƠ"
    assert body_spelling("UỶ BAN NHÂN DÂN TỈNH") == "UỶ BAN NHÂN DÂN TỈNH"
    text = "UBND TỈNH LÂM ĐỒNG\nHỘI ĐÒNG THẨM ĐỊNH\nSố: 12/BB-HĐTĐ\nLâm Đồng, ngày 18 tháng 12 năm 2025\nBIÊN BẢN\n"
    assert extract_fields(text, ocr=True)["issuer"] == "HỘI ĐỒNG THẨM ĐỊNH"
    assert extract_fields(text)["issuer"] == "HỘI ĐÒNG THẨM ĐỊNH"  # as printed


@pytest.mark.parametrize("line, month, year", [
    ("Lâm Đồng, ngày Á 6tháng 10 năm 2025", 10, 2025),   # a written 16 read 'Á 6' glued to 'tháng'
    ("Lâm Đồng, ngày‹A Ÿ tháng 11 năm 2025", 11, 2025),  # junk where the day was written
    ("Lâm Đồng, tháng 3 năm 2026", 3, 2026),             # 'ngày' and the day lost together
])
def test_place_of_a_date_line_whose_day_was_misread(line, month, year):
    """Real scans: the place is printed, so it is reported; month and year as read; no day is taken from junk."""
    text = f"CÔNG AN TỈNH LÂM ĐỒNG\nSố: /TTr-CAT\n{line}\nTỜ TRÌNH\nVề việc đề nghị ban hành\n"
    f = extract_fields(text, ocr=True)
    assert f["place"] == "Lâm Đồng" and f["date"] is None
    assert f["date_partial"] == {"day": None, "month": month, "year": year}


def test_a_v_v_subject_stops_at_kinh_gui_whose_k_ocr_lost():
    # vpcp_cv_9703 p1 as read: the subject ran on into "Ính gửi:" (a wrong value)
    f = ocr("VĂN PHÒNG CHÍNH PHỦ\nSố: 9703/VPCP-CN\nV/v thành lập Hội đồng tư vấn lựa\nchọn hình thức đầu tư\n"
            "sắt tốc độ cao trên trục Bắc - Nam\nÍnh gửi:\n- Bộ trưởng Bộ Tài chính;\n\n" + MOTTO
            + "Hà Nội, ngày 09 tháng 10 năm 2025\n")
    assert f["subject"] == "thành lập Hội đồng tư vấn lựa chọn hình thức đầu tư sắt tốc độ cao trên trục Bắc - Nam"


def test_a_title_subject_stops_at_the_bodys_opening_date_ocr_misread():
    # vpcp_tb_536 p1 as read: "Ngày 03 tháng 10 năm 2025, tại Trụ sở …" read "“Nay 03 …", run into the subject
    f = ocr("VĂN PHÒNG CHÍNH PHỦ\nSố: 536/TB-VPCP\n\n" + MOTTO + "Hà Nội, ngày 05 tháng 10 năm 2025\nTHÔNG BÁO\n"
            "Kết luận của Phó Thủ tướng Chính phủ Bùi Thanh Sơn tại cuộc họp\nBan Chỉ đạo Hội chợ Mùa Thu 2025\n"
            "“Nay 03 tháng 10 năm 2025, tại Trụ sở Chính phủ, Phó Thủ tướng Chính phủ Bùi Thanh Sơn chủ trì\n"
            "Phiên họp thứ nhất của Ban Chỉ đạo.\n")
    assert f["subject"] == ("Kết luận của Phó Thủ tướng Chính phủ Bùi Thanh Sơn tại cuộc họp Ban Chỉ đạo Hội chợ "
                            "Mùa Thu 2025")


def test_a_long_v_v_subject_keeps_its_sixth_line():
    # btc_cv_15557 p1 as read: the narrow left column wraps the trích yếu over six lines; the last was lost
    f = ocr("BỘ TÀI CHÍNH\nSố: … /BTC-PTHT\n" + MOTTO + "Hà Nội, ngày 08 tháng 10 năm 2025\n"
            "V/v Công khai danh sách các\nbộ, cơ quan trung ương và địa\nphương có tỷ lệ giải ngân vốn\n"
            "đầu tư công hàng tháng dưới\nmức trung bình của cả nước\ntính đến ngày 30/9/2025\n" + BODY)
    assert f["subject"] == ("Công khai danh sách các bộ, cơ quan trung ương và địa phương có tỷ lệ giải ngân vốn "
                            "đầu tư công hàng tháng dưới mức trung bình của cả nước tính đến ngày 30/9/2025")


def test_the_issuer_named_in_the_title_is_no_subject():
    # cp_nd_109_2004 (TCVN3, born digital): "NGHỊ ĐỊNH CỦA CHÍNH PHỦ" / "Về đăng ký kinh doanh" — the subject was
    # "CỦA CHÍNH PHỦ"
    f = extract_fields("CHÍNH PHỦ\n-------------\nSố: 109/2004/NĐ-CP\n\n" + MOTTO + "\nHà nội, ngày 02 tháng 4 năm "
                       "2004\n\nNGHỊ ĐỊNH CỦA CHÍNH PHỦ\nVề đăng ký kinh doanh\n\n\nCHÍNH PHỦ\n\nCăn cứ Luật Tổ chức "
                       "Chính phủ ngày 25 tháng 12 năm 2001;\n")
    assert f["type"] == "NGHỊ ĐỊNH" and f["subject"] == "Về đăng ký kinh doanh"


def test_a_giay_moi_opening_sentence_is_no_subject():
    # ubndld_gm_560 p1 as read: under "GIẤY MỜI", the invitation's opening sentence, then its numbered items —
    # the sentence was reported as the subject (the gold has none: the invitation prints no trích yếu)
    f = ocr("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 560 /GM-UBND\n" + MOTTO + "Lâm Đồng, ngày 06 tháng 11 năm 2025\n"
            "GIẤY MỜI\nỦy ban nhân dân tỉnh tổ chức buổi làm việc để nghe Sở Nội vụ báo cáo\n"
            "đánh giá kết quả và giải pháp nâng cao các chỉ số PAR INDEX, PAPI.\n"
            "1. Chủ trì: Đồng chí Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh.\n2. Thành phần mời:\n")
    assert f["type"] == "GIẤY MỜI" and f["subject"] is None


def test_a_subject_under_its_title_then_a_numbered_body_stays():
    # a trích yếu without a full stop, then (after a blank line) the body's numbered items: still the subject
    f = ocr("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\n" + MOTTO + "Lâm Đồng, ngày 06 tháng 11 năm 2025\n"
            "KẾ HOẠCH\nTriển khai chuyển đổi số năm 2026\n\n1. Mục đích: nâng cao chất lượng phục vụ.\n")
    assert f["subject"] == "Triển khai chuyển đổi số năm 2026"

def test_ocr_subject_without_a_speck_comma_after_a_word_that_takes_none():
    """Random layouts (228/CĐ-TTg, 67/2024-style thông tư): a speck read as a comma after 'VỀ VIỆC' or after a
    function word is no part of the title; a comma a title prints ('SỬA ĐỔI, BỔ SUNG', 'CHÍNH SÁCH, CHI TRẢ')
    stays, and so do the commas of a text as printed."""
    head = "THỦ TƯỚNG CHÍNH PHỦ\nSố: 228/CĐ-TTg\n\n" + MOTTO + "Hà Nội, ngày 25 tháng 11 năm 2025\n\nCÔNG ĐIỆN\n"
    title = ("VỀ VIỆC, GIẢI QUYẾT CHÍNH SÁCH, CHI TRẢ CHẾ ĐỘ BẢO HIỂM ĐỐI VỚI NGƯỜI DÂN\nBỊ ẢNH HƯỞNG "
             "BỞI MƯA LŨ\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng các Bộ: Tài chính, Nội vụ.\n")
    assert ocr(head + title)["subject"] == ("VỀ VIỆC GIẢI QUYẾT CHÍNH SÁCH, CHI TRẢ CHẾ ĐỘ BẢO HIỂM ĐỐI VỚI "
                                            "NGƯỜI DÂN BỊ ẢNH HƯỞNG BỞI MƯA LŨ")
    f = ocr("BỘ QUỐC PHÒNG\nSố: 90/2025/TT-BQP\n\n" + MOTTO + "Hà Nội, ngày 25 tháng 11 năm 2025\n\nTHÔNG TƯ\n"
            "SỬA ĐỔI, BỔ SUNG QUY ĐỊNH CHỨNG NHẬN CHẤT LƯỢNG AN TOÀN KỸ THUẬT VÀ, BẢO VỆ\nMÔI TRƯỜNG XE CƠ GIỚI\n"
            "Căn cứ Luật Quốc phòng;\n")
    assert f["subject"] == "SỬA ĐỔI, BỔ SUNG QUY ĐỊNH CHỨNG NHẬN CHẤT LƯỢNG AN TOÀN KỸ THUẬT VÀ BẢO VỆ MÔI TRƯỜNG XE CƠ GIỚI"
    assert extract_fields(head + title)["subject"].startswith("VỀ VIỆC, GIẢI")  # printed: kept


def test_ocr_subject_with_i_read_for_l_spelt_as_the_body_prints_it():
    """Random layouts (2890/QĐ-UBND, a Thủ tướng quyết định): 'QUẢN IÝ' for 'QUẢN LÝ' in the title, the body
    printing 'quản lý'; a pair the body never prints stays as read, and so does a text as printed."""
    t = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 2890/QĐ-UBND\n\n" + MOTTO + "Hà Tĩnh, ngày 20 tháng 11 năm 2025\n\n"
         "QUYẾT ĐỊNH\nCÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI CHỨC NĂNG QUẢN IÝ CỦA\nNGÀNH TÀI CHÍNH\n"
         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
         "Căn cứ Nghị định số 63/2010/NĐ-CP của Chính phủ về kiểm soát thủ tục hành chính và quản lý nhà nước;\n")
    assert ocr(t)["subject"] == "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA NGÀNH TÀI CHÍNH"
    assert "QUẢN IÝ" in ocr(t.replace("quản lý", "điều hành"))["subject"]
    assert "QUẢN IÝ" in extract_fields(t)["subject"]


def test_ocr_subject_word_cut_before_its_last_letter_joined_again():
    """Random layouts (2715/QĐ-UBND, a quyết định under 'UBND CẤP XÃ'): 'QUẢN G TRỊ' and 'ĐỊA GIỚ I' in the title,
    the rest of the document printing 'Quảng Trị', 'địa giới'; pieces the document never joins stay apart."""
    head = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 2715/QĐ-UBND\n\n" + MOTTO + "Quảng Trị, ngày 19 tháng 11 năm 2025\n\n"
            "QUYẾT ĐỊNH\n")
    body = ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
            "Căn cứ Nghị định số 118/2025/NĐ-CP về thủ tục hành chính không phụ thuộc vào địa giới hành chính;\n")
    f = ocr(head + "CÔNG BỐ THỦ TỤC HÀNH CHÍNH KHÔNG PHỤ THUỘC ĐỊA GIỚ I HÀNH CHÍNH\nCỦA SỞ CÔNG THƯƠNG TỈNH QUẢN G TRỊ\n"
            + body)
    assert f["subject"] == "CÔNG BỐ THỦ TỤC HÀNH CHÍNH KHÔNG PHỤ THUỘC ĐỊA GIỚI HÀNH CHÍNH CỦA SỞ CÔNG THƯƠNG TỈNH QUẢNG TRỊ"
    f = ocr(head + "PHÊ DUYỆT PHƯƠNG ÁN A VÀ PHƯƠNG ÁN B\n" + body)
    assert f["subject"] == "PHÊ DUYỆT PHƯƠNG ÁN A VÀ PHƯƠNG ÁN B"


def test_ocr_subject_word_remarked_as_the_body_prints_it_between_the_same_words():
    """Real scan (4409/BCA-V03): the subject's 'vào Dự thảo' read 'vào Dụ thảo' (restoration keeps a capitalised
    word: it may be a name); the body prints 'vào Dự thảo' and never the subject's reading, so the subject takes
    the body's marks. A body printing it beside other words, or in two spellings, is no evidence."""
    head = ("BỘ CÔNG AN\nSố: 4409/BCA-V03\n" + MOTTO + "Hà Nội, ngày 10 tháng 10 năm 2025\n"
            "V/v tham gia ý kiến vào Dụ thảo Hồ sơ\nQuyết định của Thủ tướng Chính phủ\n\nKính gửi: Bộ Tài chính.\n\n")
    body = "Bộ Công an nhận được Công văn đề nghị tham gia ý kiến vào Dự thảo Hồ sơ. Tổ soạn thảo đã nghiên cứu.\n"
    assert ocr(head + body)["subject"] == "tham gia ý kiến vào Dự thảo Hồ sơ Quyết định của Thủ tướng Chính phủ"
    other = body.replace("vào Dự thảo", "về Dự thảo")
    assert ocr(head + other)["subject"] == "tham gia ý kiến vào Dụ thảo Hồ sơ Quyết định của Thủ tướng Chính phủ"
    two = body + "Ý kiến vào Dữ thảo.\n"
    assert ocr(head + two)["subject"] == "tham gia ý kiến vào Dụ thảo Hồ sơ Quyết định của Thủ tướng Chính phủ"


def test_signer_and_recipients_of_the_first_document_where_a_pdf_holds_several():
    """Real scan (4432/BNG-LPQT, 36 pages): a công văn whose pages 2-36 are the drafts it sends, each opening with the
    motto; the last Nơi nhận and signature block are a draft's ('CHỦ TỊCH QUỐC HỘI' / 'Trần Thanh Mẫn'). The
    công văn's own are taken. One document whose annex page has no motto keeps reading to its end."""
    letter = ("BỘ NGOẠI GIAO\nSố: 4432/BNG-LPQT\n" + MOTTO + "Hà Nội, ngày 15 tháng 7 năm 2025\n"
              "V/v góp ý dự án Luật\nKính gửi: Bộ Tư pháp.\nBộ Ngoại giao đề nghị Quý Cơ quan góp ý./.\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: HC, LPQT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Anh Tuấn\n")
    draft = ("QUỐC HỘI\n" + MOTTO + "Luật số: /2025/QH15\nLUẬT\nĐIỀU ƯỚC QUỐC TẾ\nĐiều 1. Phạm vi điều chỉnh\n"
             "Luật này được Quốc hội thông qua./.\nNơi nhận:\n- Các đại biểu Quốc hội;\n- Lưu: VT.\n"
             "CHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn\n")
    f = ocr(letter + "\f" + draft)
    assert f["signer"]["name"] == "Lê Anh Tuấn" and f["signer"]["title"] == "THỨ TRƯỞNG"
    assert f["recipients"] == ["Như trên", "Lưu: HC, LPQT"]
    annex = draft.replace("QUỐC HỘI\n" + MOTTO, "Phụ lục\n")
    assert ocr(letter + "\f" + annex)["signer"]["name"] == "Trần Thanh Mẫn"


def test_place_printed_apart_from_a_date_whose_day_was_handwritten():
    """Real scans (1413/CAT-PC04, 289/TTr-CAT-PC06, 15557/BTC-PTHT): the place/date line with a handwritten day is
    read as 'Lâm Đông,' on a line of its own beside 'tháng 3 năm 2026', or 'Hà Nội, ngày 0 tháng 2025' with its
    'năm' read elsewhere. The place is reported as printed (spelt as the place list has it), the date keeps the
    month and year it has, no day is taken from a misread one."""
    head = ("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\nLâm Đông,\nSố: … /CAT-PC04\nV/v hỗ trợ kinh phí đối với lực lượng\n\n"
            + MOTTO + "tháng 3 năm 2026\n\nKính gửi: Ủy ban nhân dân tỉnh Lâm Đồng\nThực hiện Kết luận số 132-KL/TW.\n")
    f = ocr(head)
    assert f["place"] == "Lâm Đồng" and f["date"] is None
    assert f["date_partial"] == {"day": None, "month": 3, "year": 2026}
    f = ocr(head.replace("Lâm Đông,\n", ""))
    assert f["place"] is None
    f = ocr("BỘ TÀI CHÍNH\nSố: … /BTC-PTHT\nV/v Công khai danh sách\n" + MOTTO + "ÁÔnăm\nHà Nội, ngày 0 tháng 2025\n\n"
            "Kính gửi: Các bộ, cơ quan trung ương.\nThực hiện chỉ đạo của Thủ tướng Chính phủ.\n")
    assert f["place"] == "Hà Nội" and f["date_partial"] == {"day": None, "month": None, "year": 2025}


def test_ocr_title_comma_inside_a_word_dropped_where_the_body_prints_the_word():
    """Random layouts (a quyết định of the 52): 'BAN QUẢN, LÝ KHU KINH TẾ' — a speck read as a comma inside 'quản lý';
    the body prints 'Ban Quản lý' and never with a comma: dropped. A comma between two words that make no word
    ('PHẠM VI, CHỨC NĂNG' is printed so) and one the body prints too ('THU, CHI') stay."""
    head = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 2715/QĐ-UBND\n\n" + MOTTO + "Đà Nẵng, ngày 19 tháng 11 năm 2025\n\n"
            "QUYẾT ĐỊNH\n")
    body = ("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\nCăn cứ Luật Tổ chức chính quyền địa phương;\nĐiều 1. Thành lập Ban Quản lý "
            "Khu kinh tế mở Chu Lai trực thuộc phạm vi chức năng của Ủy ban; quy định thu, chi của Ban.\n")
    f = ocr(head + "VỀ VIỆC THÀNH LẬP BAN QUẢN, LÝ KHU KINH TẾ MỞ CHU LAI\n" + body)
    assert f["subject"] == "VỀ VIỆC THÀNH LẬP BAN QUẢN LÝ KHU KINH TẾ MỞ CHU LAI"
    f = ocr(head + "VỀ VIỆC QUY ĐỊNH PHẠM VI, CHỨC NĂNG VÀ CƠ CHẾ THU, CHI\n" + body)
    assert f["subject"] == "VỀ VIỆC QUY ĐỊNH PHẠM VI, CHỨC NĂNG VÀ CƠ CHẾ THU, CHI"


def test_old_gazette_title_names_number_date_and_issuer_inside_it():
    """Real TCVN3 file (115/2004/QĐ-TTg, as the Công báo printed decisions then): 'QUYẾT ĐỊNH' / 'CỦA THỦ TƯỚNG CHÍNH
    PHỦ SỐ 115/2004/QĐ-TTG' / 'NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC …', no header columns: the title after the type is
    the subject whole (the number and date lines are in it), and it names the issuer."""
    t = ("QUYẾT ĐỊNH\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG\nNGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC SỬA ĐỔI, BỔ SUNG\n"
         "QUY CHẾ THÀNH LẬP, TỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ BẢO LÃNH TÍN DỤNG\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\n"
         "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\nQUYẾT ĐỊNH:\nĐiều 1. Sửa đổi, bổ sung.\n")
    f = extract_fields(t)
    assert f["issuer"] == "THỦ TƯỚNG CHÍNH PHỦ" and f["type"] == "QUYẾT ĐỊNH"
    assert f["number"]["full"] == "115/2004/QĐ-TTg" and f["date"] == "2004-06-25"
    assert f["subject"] == ("CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC SỬA ĐỔI, BỔ SUNG "
                            "QUY CHẾ THÀNH LẬP, TỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ BẢO LÃNH TÍN DỤNG")


def test_to_trinh_subject_printed_as_v_v_under_its_title():
    """Real scan (298/TTr-CAT-PC04, Adobe Scan): 'TỜ TRÌNH' with its trích yếu printed 'V/v xin chủ trương …' under
    it, as a công điện's can be: the subject is the V/v line and its continuation, without 'V/v'."""
    t = ("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\nSố 298 /TTr- CAT-PC04\n\n" + MOTTO + "Lâm Đồng, ngày 10 tháng 10 năm 2025\n\n"
         "TỜ TRÌNH\nV/v xin chủ trương triển khai thực hiện công tác cai nghiện ma túy\n"
         "tự nguyện tại gia đình, cộng đồng trên địa bàn tỉnh Lâm Đồng\n"
         "Kính gửi: Đồng chí Chủ tịch UBND tỉnh Lâm Đồng.\nHiện nay, trên địa bàn tỉnh có 4.289 người.\n")
    for f in (ocr(t), extract_fields(t)):
        assert f["type"] == "TỜ TRÌNH"
        assert f["subject"] == ("xin chủ trương triển khai thực hiện công tác cai nghiện ma túy tự nguyện tại gia "
                                "đình, cộng đồng trên địa bàn tỉnh Lâm Đồng")


def test_ocr_issuer_word_cut_into_two_pieces_joined_as_the_body_prints_it():
    """Real 1-bit scan (143/QĐ-UBQGNCT): the issuer's 'VIỆT NAM' read as 'VIỆT N' with 'ÂM' on the next line (the
    'A' re-marked): joined where the document prints 'Việt Nam' and spelt as printed; a document without it leaves
    the pieces."""
    body = ("QUYẾT ĐỊNH\nBan hành Quy chế hoạt động của Ủy ban Quốc gia về người cao tuổi Việt Nam\n"
            "CHỦ TỊCH ỦY BAN QUỐC GIA VỀ NGƯỜI CAO TUỔI VIỆT NAM\nCăn cứ Quyết định số 2219/QĐ-TTg về việc kiện toàn "
            "Ủy ban Quốc gia về người cao tuổi Việt Nam;\n")
    head = "ỦY BAN QUỐC GIA\nVỀ NGƯỜI CAO TUỔI VIỆT N ÂM\nSố: 143/QĐ-UBQGNCT\n\n" + MOTTO + "Hà Nội, ngày 08 tháng 10 năm 2025\n\n"
    assert ocr(head + body)["issuer"] == "ỦY BAN QUỐC GIA VỀ NGƯỜI CAO TUỔI VIỆT NAM"
    other = body.replace("Việt Nam", "tỉnh").replace("VIỆT NAM", "TỈNH")
    assert ocr(head.replace(MOTTO, "") + other)["issuer"] == "ỦY BAN QUỐC GIA VỀ NGƯỜI CAO TUỔI VIỆT N ÂM"


def test_type_from_the_symbols_code_over_a_subject_opening_with_another_types_words():
    """Random layouts (304/2025/NĐ-CP): the 'NGHỊ ĐỊNH' title not read, the subject 'QUY ĐỊNH ĐIỀU KIỆN …' opening
    with a type's words: the symbol's code names the type, the line is the subject; a 'QUYẾT ĐỊNH CÔNG BỐ …'
    line under a …/QĐ-… symbol is still the type with the subject after it."""
    f = ocr("CHÍNH PHỦ\nSố: 304/2025/NĐ-CP\n. số...\n\n" + MOTTO + "Hà Nội, ngày 25 tháng 11 năm 2025\n:\n\n"
            "QUY ĐỊNH ĐIỀU KIỆN TÀI SẢN BẢO ĐẢM CỦA KHOẢN\nNỢ XẤU ĐƯỢC THU GIỮ\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert (f["type"], f["subject"]) == ("NGHỊ ĐỊNH", "QUY ĐỊNH ĐIỀU KIỆN TÀI SẢN BẢO ĐẢM CỦA KHOẢN NỢ XẤU ĐƯỢC THU GIỮ")
    f = ocr("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 2890/QĐ-UBND\n\n" + MOTTO + "Hà Tĩnh, ngày 20 tháng 11 năm 2025\n\n"
            "QUYẾT ĐỊNH CÔNG BỐ DANH MỤC THỦ TỤC HÀNH\nCHÍNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật;\n")
    assert (f["type"], f["subject"]) == ("QUYẾT ĐỊNH", "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH")


def test_ocr_subject_with_a_small_letter_in_a_caps_word_is_reaccented_from_the_body():
    """Random layouts (741f24db, a Vĩnh Long quyết định): 'Bổ' read in small letters made the title no caps line,
    so 'LĨNH VỤC' was not re-accented from the body's 'lĩnh vực'; the word in capitals, the pair as the body prints."""
    t = ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 3001/QĐ-UBND\n\n" + MOTTO + "Vĩnh Long, ngày 20 tháng 11 năm 2025\n\n"
         "QUYẾT ĐỊNH\nCÔNG BỐ THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, Bổ SUNG TRONG\nLĨNH VỤC CHỨNG THỰC\n"
         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\nXét đề nghị về thủ tục "
         "hành chính được sửa đổi, bổ sung lĩnh vực chứng thực, thủ tục bị bãi bỏ trong lĩnh vực chứng thực;\n")
    assert ocr(t)["subject"] == "CÔNG BỐ THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG TRONG LĨNH VỰC CHỨNG THỰC"
    assert extract_fields(t)["subject"].endswith("Bổ SUNG TRONG LĨNH VỤC CHỨNG THỰC")  # printed: kept


def test_subject_line_that_looks_like_the_authority_above_the_authority():
    """Random layouts (262/QĐ-TTg): the title's last line 'CHÍNH PHỦ SỐ' looks like an enacting authority, but
    the authority 'THỦ TƯỚNG CHÍNH PHỦ' follows it: Decree 30 prints it once, then the body."""
    f = ocr("THỦ TƯỚNG CHÍNH PHỦ\nSố: 262/QĐ-TTg\n\n" + MOTTO + "Hà Nội, ngày 01 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\n"
            "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN\nCHÍNH PHỦ SỐ\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert f["subject"] == "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ"
    f = ocr("CHÍNH PHỦ\nSố: 40/2025/NĐ-CP\n\n" + MOTTO + "Hà Nội, ngày 25 tháng 11 năm 2025\n\nNGHỊ ĐỊNH\n"
            "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐẤU THẦU\nCHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert f["subject"] == "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐẤU THẦU"


def test_ocr_subject_word_with_its_marks_misread_into_no_word():
    """Random layouts (2890/QĐ-UBND, 8bb6ac57): 'LĨNH VỤC', 'CHỨNG THỤC' — a rare reading that makes no word with
    its neighbour, where one other marking, ten times commoner, does: 'LĨNH VỰC', 'CHỨNG THỰC'. A common word
    ('CHẾ ĐỘ THU', 'MỖI') and a tone placed otherwise ('THUỶ SẢN') stay as read, and so does a text as printed."""
    t = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 2890/QĐ-UBND\n\n" + MOTTO + "Hà Tĩnh, ngày 20 tháng 11 năm 2025\n\n"
         "QUYẾT ĐỊNH\nCÔNG BỐ THỦ TỤC HÀNH CHÍNH BÃI BỎ LĨNH VỤC CHỨNG THỤC VÀ\nCHẾ ĐỘ THU, NỘP PHÍ THUỶ SẢN\n"
         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert ocr(t)["subject"] == "CÔNG BỐ THỦ TỤC HÀNH CHÍNH BÃI BỎ LĨNH VỰC CHỨNG THỰC VÀ CHẾ ĐỘ THU, NỘP PHÍ THUỶ SẢN"
    assert "LĨNH VỤC CHỨNG THỤC" in extract_fields(t)["subject"]


def test_subject_when_only_a_piece_of_the_title_was_read():
    """Random layouts (37698/TB-CHQ, 2nd layout): of 'THÔNG BÁO' OCR read only 'BÁO'; the type is the symbol's
    code, and the 'VỀ …' line under that piece is the subject (a caps line that is no piece of it is not skipped)."""
    head = "BỘ TÀI CHÍNH\nCỤC HẢI QUAN\nSố: 37698/TB-CHQ\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n"
    tail = "\nVỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ\nCỤC TRƯỞNG CỤC HẢI QUAN\nCăn cứ Luật Hải quan ngày 23/6/2014;\n"
    f = ocr(head + "BÁO\n" + tail)
    assert (f["type"], f["subject"]) == ("THÔNG BÁO", "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ")
    assert ocr(head + "MÃ SỐ\n" + tail)["subject"] is None


def test_signer_alone_in_the_signature_column():
    # ubqgnct_qd_143 (1-bit scan): the black seal took the title 'CHỦ TỊCH'; its re-read kept only 'Lê Thành Long',
    # which stands alone after the Nơi nhận list and ends the page (the next page's number and text follow)
    text = ("Các thành viên Ủy ban chịu trách nhiệm thi hành Quyết định này.\n\nNơi nhận:\n- Như Điều 3;\n"
            "- Lưu: VT, UBQGNCT (2b).\n\nLê Thành Long\n\f4\nĐiều 10. Kinh phí hoạt động của Ủy ban Quốc gia\n")
    f = ocr(text)
    assert f["signer"]["name"] == "Lê Thành Long" and f["signer"]["title"] is None
    assert ocr(text.replace("\f", "\n\n"))["signer"]["name"] == "Lê Thành Long"  # a paragraph of its own
    # a name-shaped line that opens a longer paragraph is not taken alone
    assert ocr(text.replace("Long\n\f", "Long\nđã dự họp\n\f"))["signer"] is None


def test_an_ocr_read_small_v_opening_the_trich_yeu_is_a_capital():
    # real Sở Nội vụ tờ trình (snvld_ttr_294_2025, page 1 as read): "TỜ TRÌNH" / "về việc cho phép đổi tên …"
    text = ("SỞ NỘI VỤ\nSố: 294/TTr-SNV\nTỜ TRÌNH\nvề việc cho phép đổi tên Câu lạc bộ Mô tô Thể thao tỉnh\n"
            "Kính gửi: Ủy ban nhân dân tỉnh\nNội dung.\n")
    assert extract_fields(text, ocr=True)["subject"] == "Về việc cho phép đổi tên Câu lạc bộ Mô tô Thể thao tỉnh"
    assert extract_fields(text)["subject"].startswith("về việc")  # text as printed keeps its spelling


def test_subject_deputies_body_wrapped_is_no_enacting_authority():
    """Random layouts (82/2025/NQ-HĐND, Hà Nội): the title wraps after 'BẦU CỬ ĐẠI BIỂU', and the next line
    'QUỐC HỘI KHÓA XVI VÀ …' looked like the enacting authority 'QUỐC HỘI', which cut the title there."""
    t = ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 82/2025/NQ-HĐND\n\n" + MOTTO + "Hà Nội, ngày 27 tháng 11 năm "
         "2025\n\nNGHỊ QUYẾT\nVỀ VIỆC QUY ĐỊNH NỘI DUNG CHI, MỨC CHI, THỜI\nGIAN HỖ TRỢ KINH PHÍ PHỤC VỤ BẦU CỬ ĐẠI BIỂU\n"
         "QUỐC HỘI KHÓA XVI VÀ ĐẠI BIỂU HỘI ĐỒNG NHÂN\nDÂN CÁC CẤP NHIỆM KỲ 2026 - 2031 CỦA THÀNH PHỐ\nHÀ NỘI\n"
         "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n")
    want = ("VỀ VIỆC QUY ĐỊNH NỘI DUNG CHI, MỨC CHI, THỜI GIAN HỖ TRỢ KINH PHÍ PHỤC VỤ BẦU CỬ ĐẠI BIỂU QUỐC HỘI KHÓA "
            "XVI VÀ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP NHIỆM KỲ 2026 - 2031 CỦA THÀNH PHỐ HÀ NỘI")
    assert ocr(t)["subject"] == want
    assert extract_fields(t)["subject"] == want


def test_signer_post_read_above_the_noi_nhan_anchor():
    """Random layouts (a Bộ KH&CN thông tư): the block's first line sits level with 'Nơi nhận:', so the page's
    reading order put '_— BỘ TRƯỞNG' above the list and the name after it; the post is the title."""
    t = ("BỘ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 30/2025/TT-BKHCN\n\n" + MOTTO + "Hà Nội, ngày 20 tháng 11 năm 2025\n\n"
         "THÔNG TƯ\nHƯỚNG DẪN MỘT SỐ ĐIỀU CỦA LUẬT CÔNG NGHIỆP CÔNG NGHỆ SỐ\n\nĐiều 1. Phạm vi điều chỉnh\n"
         "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh kịp thời về Bộ Khoa học và Công nghệ\n"
         "hoặc sửa đổi, bổ sung theo quy định./.\n_— BỘ TRƯỞNG\n\nNơi nhận:\n- Thủ tướng và các Phó Thủ tướng\n"
         "Chính phủ (để b/c);\n- Văn phòng Trung ương và các Ban của\nĐảng;\n- Văn phòng Tổng Bí thư;\n"
         "- Văn phòng Quốc hội;\n- Văn phòng Chủ tịch nước;\n- Các Bộ, cơ quan ngang Bộ, cơ quan\nthuộc Chính phủ;\n"
         "- Tòa án nhân dân tối cao;\n- Viện Kiểm sát nhân dân tối cao;\n- Kiểm toán Nhà nước;\n"
         "- UBND các tỉnh, thành phố trực thuộc\nTrung ương;\n- Lưu: VT, CNCNTT (20).\n\nNguyễn Mạnh Hùng\n")
    s = ocr(t)["signer"]
    assert (s["authority"], s["title"], s["name"]) == (None, "BỘ TRƯỞNG", "Nguyễn Mạnh Hùng")


def test_subject_in_capitals_wrapped_onto_nine_lines():
    """Random layouts (1948/QĐ-UBND, Cao Bằng): a narrow header column wraps the title onto nine lines; it runs
    on to the enacting authority, the last line ('BẰNG') too."""
    t = ("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 1948/QĐ-UBND\n\n" + MOTTO + "Cao Bằng, ngày 18 tháng 11 năm 2025\n\n"
         "QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH\nCHÍNH VÀ PHÊ DUYỆT QUY TRÌNH NỘI BỘ GIẢI\n"
         "QUYẾT THỦ TỤC HÀNH CHÍNH TRONG LĨNH\nVỰC KHÍ TƯỢNG THỦY VĂN; LĨNH VỰC PHÍ, LỆ\n"
         "PHÍ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ\nNÔNG NGHIỆP VÀ MÔI TRƯỜNG, UBND CẤP XÃ\n"
         "THỰC HIỆN KHÔNG PHỤ THUỘC VÀO ĐỊA GIỚI\nHÀNH CHÍNH TRONG PHẠM VI TỈNH CAO\nBẰNG\n"
         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16\n"
         "tháng 6 năm 2025;\n")
    want = ("VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH VÀ PHÊ DUYỆT QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH "
            "CHÍNH TRONG LĨNH VỰC KHÍ TƯỢNG THỦY VĂN; LĨNH VỰC PHÍ, LỆ PHÍ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ NÔNG "
            "NGHIỆP VÀ MÔI TRƯỜNG, UBND CẤP XÃ THỰC HIỆN KHÔNG PHỤ THUỘC VÀO ĐỊA GIỚI HÀNH CHÍNH TRONG PHẠM VI TỈNH "
            "CAO BẰNG")
    assert extract_fields(t)["subject"] == want
    assert ocr(t)["subject"] == want


def test_signer_thu_tuong_read_as_its_last_word():
    """Random layouts (a Thủ tướng's công điện): OCR lost the 'THỦ' of the block's 'THỦ TƯỚNG' and read the column
    as 'TƯỚNG' / 'Phạm Minh Chính'; no other post of a signature block ends in 'TƯỚNG'."""
    t = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 210/CĐ-TTg\n\n" + MOTTO + "Hà Nội, ngày 20 tháng 11 năm 2025\n\nCÔNG ĐIỆN\n"
         "VỀ VIỆC TẬP TRUNG ỨNG PHÓ MƯA LŨ\n\n6. Văn phòng Chính phủ theo chức năng, nhiệm vụ được giao theo dõi,\n"
         "đôn đốc thực hiện Công điện này, báo cáo cấp có thẩm quyền những vấn đề\nvượt thẩm quyền./.\n\n"
         "Nơi nhận:\n- Như trên;\n- Thủ tướng, các Phó Thủ tướng CP;\n- Đài THVN, Đài TNVN, TTXVN;\n"
         "- Lưu: VT, KTTH (2)\n\nTƯỚNG\nPhạm Minh Chính\n")
    s = ocr(t)["signer"]
    assert (s["authority"], s["title"], s["name"]) == (None, "THỦ TƯỚNG", "Phạm Minh Chính")


@pytest.mark.parametrize("read,printed", [("Phùng Thi Hồng Hà", "Phùng Thị Hồng Hà"), ("Lê Thi Thu", "Lê Thị Thu"),
                                          ("Hoàng Thị Lan", "Hoàng Thị Lan"), ("Nguyen Thi Lan", "Nguyen Thi Lan"),
                                          ("Thi Hồng Hà", "Thi Hồng Hà")])
def test_signer_middle_name_thi_lost_its_dot(read, printed):
    """'Phùng Thi Hồng Hà' (random layouts, dev: a Nghị quyết's signature, its 'Thị' read without the dot): after
    a surname the middle name is 'Thị'; a name with no marks at all, or no surname first, stays, and text as
    printed keeps its spelling."""
    text = ("2025 và có hiệu lực từ ngày 08 tháng 12 năm 2025./.\n\nNơi nhận:\n_\n- Ủy ban Thường vụ Quốc hội;\n"
            f"- Chính phủ;\n- Các sở, ban, ngành Thành phố;\n- Lưu: VT.\n\nCHỦ TỊCH\n{read}\n")
    assert ocr(text)["signer"]["name"] == printed
    assert extract_fields(text)["signer"]["name"] == read


@pytest.mark.parametrize("read,printed", [("PHÓ TRƯỞNG BAN THƯỜNG", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"),
                                          ("PHÓ TRƯỞNG BAN THƯỜ", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"),
                                          ("PHÓ TRƯỞNG BAN THƯÒ", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"),
                                          ("PHÓ CHỦ TỊCH UBND XÃ YÊN THƯỢNG", "PHÓ CHỦ TỊCH UBND XÃ YÊN THƯỢNG"),
                                          ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"),
                                          ("PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG", "PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG")])
def test_deputy_post_cut_after_thuong(read, printed):
    """'PHÓ TRƯỞNG BAN THƯỜ' / 'PHÓ THỦ TƯỚNG' (random layouts, dev: a Ban Chỉ đạo's công văn, the seal over
    'TRỰC'): a deputy's post cut at 'THƯỜNG' is 'THƯỜNG TRỰC'; a unit's 'CÔNG THƯƠNG' stays, and text as printed
    keeps its title."""
    text = ("- Bộ Nội vụ (03);\n- UBND các tỉnh, thành phố;\n- Lưu: VT, BCĐ (02).\n_ KT. TRƯỞNG BAN .\n"
            f"{read}\nPHÓ THỦ TƯỚNG\nPhạm Thị Thanh Trà\n")
    f = ocr("Nơi nhận:\n- Như trên;\n" + text)
    assert f["signer"]["title"] == printed and f["signer"]["titles"] == [printed, "PHÓ THỦ TƯỚNG"]
    assert extract_fields("Nơi nhận:\n- Như trên;\n" + text)["signer"]["title"] == read


def test_ocr_caps_vowel_read_twice_with_two_marks():
    """Random layouts (dev, fresh layouts): 'THỰỤC HIỆN', 'MÚỨC THU', 'KHOÁNG SẲẢN', 'TUYẾN ĐẼÊ', 'CỤC HẢÁI QUAN' —
    one vowel read twice with two marks, a word the lexicon does not know: spelt with the one of the two that
    makes a word with its neighbour. Words with two such vowels ('ƯU ĐÃI', 'HƯU TRÍ') and text as printed stay."""
    head = ("BỘ TÀI CHÍNH\nCỤC HẢÁI QUAN\nSố: 37698/QĐ-CHQ\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n\n"
            "QUYẾT ĐỊNH\n")
    tail = "\nCỤC TRƯỞNG CỤC HẢI QUAN\nCăn cứ Luật Hải quan ngày 23/6/2014;\n"
    f = ocr(head + "VỀ VIỆC TRIỂN KHAI THỰỤC HIỆN QUY ĐỊNH MÚỨC THU\nPHÍ KHOÁNG SẲẢN, TUYẾN ĐẼÊ VÀ ƯU ĐÃI HƯU TRÍ" + tail)
    assert f["subject"] == "VỀ VIỆC TRIỂN KHAI THỰC HIỆN QUY ĐỊNH MỨC THU PHÍ KHOÁNG SẢN, TUYẾN ĐÊ VÀ ƯU ĐÃI HƯU TRÍ"
    assert f["issuer"] == "CỤC HẢI QUAN"
    f = extract_fields(head + "VỀ VIỆC TRIỂN KHAI THỰỤC HIỆN" + tail)
    assert (f["subject"], f["issuer"]) == ("VỀ VIỆC TRIỂN KHAI THỰỤC HIỆN", "CỤC HẢÁI QUAN")


def test_unsure_authority_opening_the_signature_block_is_kept():
    """Random layouts (dev, a fresh layout of a Quảng Nam quyết định): 'T/MỦY' read at 37 % where the seal's ring
    crosses it, then 'BAN NHÂN DÂN' / 'CHỦ TỊCH' / signature strokes / 'Phạm Đức Ấn'. The row's first word in
    the form of an authority is no seal debris: the signer signs 'TM.'; the strokes still go."""
    from ocrfix.layout import analyze

    rows = [[("này", (249, 546, 62, 36), 97), ("thực", (322, 545, 75, 35), 93), ("hiện./.", (408, 545, 102, 35), 85)],
            [("T/MỦY", (1151, 635, 139, 55), 37), ("_", (1326, 683, 13, 7), 85)],
            [("BAN", (1064, 692, 83, 28), 97), ("NHÂN", (1158, 692, 121, 44), 97), ("DÂN", (1290, 691, 87, 29), 97)],
            [("CHỦ", (1125, 737, 84, 29), 96), ("TỊCH", (1220, 737, 97, 37), 97)],
            [("/", (1146, 875, 17, 30), 81), ("DA", (1319, 875, 76, 30), 27)],
            [("X%", (1248, 917, 18, 22), 27), ("sự", (1300, 906, 19, 30), 22)],
            [("Phạm", (1088, 1012, 110, 39), 97), ("Đức", (1210, 1013, 78, 31), 93), ("Ấn", (1299, 1005, 54, 38), 96)]]
    words = [Word(t, b, c, k) for k, row in enumerate(rows) for t, b, c in row]
    assert analyze(words, 1653, header=False).body[1:] == ["T/MỦY", "BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Đức Ấn"]
    raw = "\n".join(" ".join(t for t, _, _ in row) for row in rows)
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=1653, height=2338, source="ocr")
    s = extract_fields(Document(source="x.png", pages=[page]))["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("TM.", "CHỦ TỊCH", "Phạm Đức Ấn")


def test_post_word_under_the_signature_ink_is_kept():
    """Random layouts (dev, 150 dpi): '._.PHÓ' read at 50 % before 'CHỦ TỊCH' (a Cà Mau quyết định), 'TRƯỞNG' at
    79 % and 48 px tall for 20 px text after 'THỨ' (a Bộ Tài chính thông tư): a post word beside one read surely
    is no seal debris, so the deputy's title is whole; a post word alone in a row of strokes still goes."""
    from ocrfix.layout import analyze

    body = "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Văn hóa, Thể thao và Du lịch thi hành./."
    text_row = [(t, (100 + 60 * k, 60, 50, 20), 96) for k, t in enumerate(body.split())]  # the page's 20 px text

    def sig(rows: list[list[tuple[str, tuple[int, int, int, int], float]]]) -> list[str]:
        words = [Word(t, b, c, k) for k, row in enumerate([text_row] + rows) for t, b, c in row]
        return analyze(words, 1240, header=False).body[1:]

    name = [("Nguyễn", (771, 394, 94, 28), 95), ("Minh", (873, 396, 67, 21), 96), ("Luân", (949, 395, 64, 22), 96)]
    rows = [[("KT.", (800, 140, 42, 19), 96), ("CHỦ", (851, 134, 57, 25), 97), ("TỊCH", (916, 140, 69, 23), 96)],
            [("._.PHÓ", (739, 167, 110, 33), 49.7), ("CHỦ", (858, 166, 58, 25), 97), ("TỊCH", (924, 172, 68, 23), 97)],
            name]
    assert sig(rows) == ["KT. CHỦ TỊCH", "._.PHÓ CHỦ TỊCH", "Nguyễn Minh Luân"]
    raw = "\n".join(" ".join(t for t, _, _ in row) for row in [text_row] + rows)
    words = [Word(t, b, c, k) for k, row in enumerate([text_row] + rows) for t, b, c in row]
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=1240, height=1754, source="ocr")
    s = extract_fields(Document(source="x.png", pages=[page]))["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("KT.", "PHÓ CHỦ TỊCH", "Nguyễn Minh Luân")
    rows = [[("KT.", (786, 181, 50, 22), 97), ("BỘ", (849, 173, 48, 36), 96), ("TRƯỞNG", (908, 167, 146, 50), 96)],
            [("THỨ", (804, 204, 83, 54), 96), ("TRƯỞNG", (888, 201, 146, 48), 79)], name]
    assert sig(rows)[1] == "THỨ TRƯỞNG"
    rows = [rows[0], [("TRƯỞNG", (888, 201, 146, 48), 40), ("âự", (1000, 210, 30, 30), 20)], name]
    assert sig(rows)[1:] == ["Nguyễn Minh Luân"]


def test_ocr_subject_lone_quote_and_glued_specks_dropped():
    """Random layouts (dev): "CỦA BỘ ' TRƯỞNG" (150 dpi), 'SỞ NÔNG NGHIỆP ` VÀ', "HÀNH CHÍNH '-TRONG PHẠM VI",
    'KHÔI _,PHỤC': a lone quote or backtick is a speck, and so is a quote with a dash glued before a word; a
    quoted name ('‘NGÀY HỘI’') and a text as printed stay."""
    head = "BỘ QUỐC PHÒNG\nSố: 93/2025/TT-BQP\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n\nTHÔNG TƯ\n"
    tail = "\nCăn cứ Luật Quốc phòng ngày 08 tháng 6 năm 2018;\n"
    read = ("BÃI BỎ QUYẾT ĐỊNH SỐ 181/2006/QĐ-BQP CỦA BỘ ' TRƯỞNG BỘ QUỐC PHÒNG VỀ\nKHÔI _,PHỤC SẢN XUẤT, NÔNG "
            "NGHIỆP ` VÀ MÔI TRƯỜNG '-TRONG\nPHẠM VI ‘NGÀY HỘI’ CỦA BỘ")
    assert ocr(head + read + tail)["subject"] == ("BÃI BỎ QUYẾT ĐỊNH SỐ 181/2006/QĐ-BQP CỦA BỘ TRƯỞNG BỘ QUỐC PHÒNG VỀ "
                                                "KHÔI PHỤC SẢN XUẤT, NÔNG NGHIỆP VÀ MÔI TRƯỜNG TRONG PHẠM VI "
                                                "‘NGÀY HỘI’ CỦA BỘ")
    assert "BỘ ' TRƯỞNG" in extract_fields(head + read + tail)["subject"]


def test_caps_title_pair_far_likelier_than_the_body_spelling_is_kept():
    """Random layouts (dev, a Hà Nội nghị quyết): the title read right, 'NỘI DUNG CHI, MỨC CHI, THỜI GIAN', the
    body's small letters read 'nội dung chị, mức chỉ' twice: the title is not re-marked from the body where the
    language model finds its own pair far likelier ('chi trả' too); 'CỤC THUÊ' still takes the body's 'Cục Thuế'."""
    head = ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 71/2025/NQ-HĐND\n\n" + MOTTO +
            "Hà Nội, ngày 28 tháng 11 năm 2025\n\nNGHỊ QUYẾT\n")
    body = ("\nHỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\nXét Tờ trình về việc ban hành Nghị quyết quy định\nnội dung chị, "
            "mức chỉ, thời gian hỗ trợ kinh phí; Báo cáo thẩm tra về nội dung chị,\nmức chỉ, thời gian hỗ trợ, "
            "chỉ trả chế độ và ý kiến của Cục Thuế, Cục Thuế.\n")
    title = "VỀ VIỆC QUY ĐỊNH NỘI DUNG CHI, MỨC CHI, THỜI GIAN HỖ TRỢ, CHI TRẢ CHẾ ĐỘ"
    assert ocr(head + title + body)["subject"] == title
    assert ocr(head + "VỀ Ý KIẾN CỦA CỤC THUÊ" + body)["subject"] == "VỀ Ý KIẾN CỦA CỤC THUẾ"


def test_place_and_date_line_set_close_to_the_trich_yeu_line():
    """Random layouts (dev, a Hồ Chí Minh City công văn): the place and date line, long and wrapped, begins
    25 px after the V/v trích yếu's first line ends (a speck '_' between): OCR reads one row, 'Về hướng dẫn
    đánh giá, xếp loại _ Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025'. The row splits before the place:
    the date and the place are read and the subject is the trích yếu alone."""
    rows = [[("ỦY", (195, 190, 56, 51), 82), ("BAN", (261, 190, 73, 61), 97), ("NHÂN", (358, 197, 98, 50), 97),
             ("DÂN", (477, 196, 82, 35), 97)],
            [("THÀNH", (130, 241, 140, 50), 97), ("PHỐ", (281, 248, 80, 27), 89), ("HỒ", (373, 248, 59, 43), 88),
             ("CHÍ", (442, 237, 67, 58), 97), ("MINH", (520, 249, 107, 26), 93)],
            [("Số:", (119, 356, 50, 32), 93), ("5155/UBND-VX", (183, 358, 300, 35), 92)],
            [("Về", (125, 402, 36, 27), 97), ("hướng", (172, 403, 103, 34), 97), ("dẫn", (286, 399, 58, 30), 97),
             ("đánh", (355, 403, 79, 26), 97), ("giá,", (445, 403, 53, 34), 97), ("xếp", (509, 402, 55, 35), 97),
             ("loại", (575, 403, 58, 32), 91), ("_", (658, 395, 14, 52), 45), ("Thành", (681, 404, 108, 29), 97),
             ("phố", (799, 402, 68, 40), 97), ("Hồ", (874, 402, 50, 31), 97), ("Chí", (937, 404, 58, 29), 97),
             ("Minh,", (1001, 404, 98, 34), 97), ("ngày", (1113, 404, 81, 38), 97), ("28", (1205, 405, 41, 28), 97),
             ("tháng", (1260, 404, 99, 38), 97), ("11", (1369, 405, 35, 28), 97), ("năm", (1421, 405, 75, 28), 97),
             ("2025", (1505, 405, 83, 28), 97)],
            [("trung", (127, 447, 87, 30), 96), ("tâm", (224, 443, 60, 26), 97), ("học", (294, 443, 55, 32), 97),
             ("tập", (360, 443, 49, 34), 97)],
            [("Kính", (345, 663, 90, 31), 97), ("gửi:", (447, 661, 70, 42), 97), ("Ủy", (531, 654, 51, 50), 97),
             ("ban", (592, 663, 72, 31), 97), ("nhân", (676, 663, 98, 31), 97), ("dân", (787, 663, 70, 31), 97),
             ("các", (869, 663, 60, 31), 97), ("phường.", (940, 663, 150, 41), 97)]]
    words = [Word(t, b, c, k) for k, row in enumerate(rows) for t, b, c in row]
    raw = "\n".join(" ".join(t for t, _, _ in row) for row in rows)
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=1653, height=2338, source="ocr")
    f = extract_fields(Document(source="x.png", pages=[page]))
    assert (f["place"], f["date"]) == ("Thành phố Hồ Chí Minh", "2025-11-28")
    assert f["subject"] == "hướng dẫn đánh giá, xếp loại trung tâm học tập"


@pytest.mark.parametrize("block,title", [("KT. THỦ TƯỚNG\nTHỦ TƯỚNG", "PHÓ THỦ TƯỚNG"),
                                         ("KT. CHỦ TỊCH\nPHÓ CHỦ", "PHÓ CHỦ TỊCH"),
                                         ("KT. BỘ TRƯỞNG\nBỘ TRƯỞNG", "BỘ TRƯỞNG"),
                                         ("KT. TRƯỞNG BAN CHÍNH SÁCH,\nTHUẾ QUỐC TẾ\nPHÓ TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")])
def test_kt_block_deputy_title_with_a_word_lost(block, title):
    """Random layouts (dev, 150 dpi): 'KT. THỦ TƯỚNG' / 'THỦ TƯỚNG' (the 'PHÓ' not read), 'KT. CHỦ TỊCH' / 'PHÓ
    CHỦ' (the 'TỊCH' under the signature's ink): one signs 'KT.' for the post above as its deputy, 'PHÓ …'. A
    minister's deputy is a 'THỨ TRƯỞNG' (left as read), a post with its unit is not completed, and text as
    printed keeps its title."""
    text = ("Nơi nhận:\n- Như trên;\n- Thủ tướng, các Phó Thủ tướng Chính phủ;\n- Lưu: VT, KGVX.\n\n"
            f"{block}\nNguyễn Chí Dũng\n")
    assert ocr(text)["signer"]["title"] == title
    assert extract_fields(text)["signer"]["title"] == block.split("\n")[-1]


@pytest.mark.parametrize("block,signer", [
    ("CHỦ TỊCH\nˆ Phùng Thị Hồng Hà", (None, "CHỦ TỊCH", "Phùng Thị Hồng Hà")),
    ("TM. ỦY BAN NHÂN DÂN\n-.CHỦ TỊCH\nTrương: Cảnh Tuyên", ("TM.", "CHỦ TỊCH", "Trương Cảnh Tuyên")),
    ("GHỦ TỊCH\nLê Trường Lưu", (None, "CHỦ TỊCH", "Lê Trường Lưu")),
    ("KT. BỘ TRƯỞNG\nTHƯ TRƯỞNG\nNguyễn Xuân Sang", ("KT.", "THỨ TRƯỞNG", "Nguyễn Xuân Sang"))])
def test_signature_block_specks_at_150_dpi(block, signer):
    """Random layouts (dev, a fresh layout at 150 dpi): a modifier mark 'ˆ' before the name, a colon glued to the
    surname ('Trương: Cảnh Tuyên'), the C of 'CHỦ TỊCH' read as G, 'THƯ TRƯỞNG' under 'KT. BỘ TRƯỞNG' (a
    minister's deputy is a 'THỨ TRƯỞNG'): the signer is read."""
    text = "Nơi nhận:\n- Như Điều 3;\n- Thường trực HĐND tỉnh;\n- Lưu: VT, KGVX.\n\n" + block + "\n"
    s = ocr(text)["signer"]
    assert (s["authority"], s["title"], s["name"]) == signer


def test_surname_under_the_signature_ink_is_kept():
    """Random layouts (dev, 150 dpi, a fresh layout of a Thủ tướng công điện): 'Phạm' read at 0 % where the
    signature's strokes end on it, before 'Minh Chính' read at 96 %. The row's first word, spelt as a common
    surname, right before two sure name words on the same line, is no seal debris; the strokes read 'So',
    'TNậu' still go, and so does a surname-shaped word far from the name or alone."""
    from ocrfix.layout import analyze

    body = "6. Văn phòng Chính phủ theo chức năng, nhiệm vụ được giao theo dõi, đôn đốc thực hiện./."
    text_row = [(t, (100 + 60 * k, 60, 50, 21), 96) for k, t in enumerate(body.split())]
    nn = [("Nơi", (100, 200, 40, 21), 96), ("nhận:", (145, 200, 60, 21), 96)]

    def sig(rows: list[list[tuple[str, tuple[int, int, int, int], float]]]) -> list[str]:
        words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + rows) for t, b, c in row]
        return analyze(words, 1240, header=False).signature

    title = [("THỦ", (860, 230, 60, 22), 96), ("TƯỚNG", (928, 230, 100, 22), 96)]
    strokes = [[("So", (870, 283, 49, 16), 40.7)], [("TNậu", (930, 310, 47, 25), 0.0)]]
    name = [("Phạm", (799, 378, 81, 25), 0.0), ("Minh", (888, 377, 64, 21), 96.4), ("Chính", (961, 377, 73, 21), 96.5)]
    assert sig([title] + strokes + [name]) == ["THỦ TƯỚNG", "Phạm Minh Chính"]
    far = [("Phạm", (700, 378, 81, 25), 0.0)] + name[1:]  # 107 px from 'Minh': no word of the same name line
    assert sig([title] + strokes + [far]) == ["THỦ TƯỚNG", "Minh Chính"]
    assert sig([title, [("Phạm", (880, 300, 81, 25), 0.0)], name[1:]]) == ["THỦ TƯỚNG", "Minh Chính"]


def test_one_printed_line_read_as_two_ocr_lines_is_one_row():
    """Random layouts (dev, 150 dpi): Tesseract read 'TRƯỞNG BAN' and '-PHO' of one printed line 'PHÓ TRƯỞNG
    BAN' as two lines, the right part first (a Cục Thuế công văn), and a signer's 'Hải' | 'Hòa' so (a Cao Bằng
    quyết định): words on the same band less than a line height apart are one row read left to right, so the
    deputy's title is whole and the name in its order; two columns' lines stay apart."""
    from ocrfix.layout import analyze

    body = "Đề nghị Thuế thành phố Hải Phòng căn cứ Luật Quản lý thuế để xử lý theo thẩm quyền được biết./."
    text_row = [(t, (100 + 55 * k, 700, 50, 23), 96) for k, t in enumerate(body.split())]
    nn = [("Nơi", (100, 850, 40, 23), 96), ("nhận:", (145, 850, 60, 23), 96)]
    rows = [[("TL.", (735, 856, 49, 32), 93.3), ("CỤC", (798, 855, 68, 28), 93), ("TRƯỞNG", (879, 846, 145, 31), 96.6)],
            [("KT.", (629, 890, 49, 22), 96.9), ("TRƯỞNG", (691, 887, 145, 25), 93.1), ("BAN", (849, 890, 71, 21), 95.8),
             ("BAN", (933, 890, 71, 22), 95.9), ("CHÍNH", (1017, 884, 115, 28), 95.8)],
            [("SÁCH,", (830, 924, 100, 33), 86.8)],
            [("THUẾ", (751, 959, 95, 32), 95.7), ("QUỐC", (858, 959, 96, 33), 96.1), ("TẾ", (966, 959, 42, 22), 96.3)],
            [("TRƯỞNG", (807, 991, 145, 25), 96.6), ("BAN", (966, 993, 71, 22), 96.5)],
            [("-PHÓ", (711, 993, 85, 24), 71.1)],
            [("Mạnh", (760, 1100, 80, 23), 96), ("Thị", (850, 1100, 45, 23), 96), ("Tuyết", (905, 1100, 80, 23), 96),
             ("Mai", (995, 1100, 55, 23), 96)]]
    words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + rows) for t, b, c in row]
    assert analyze(words, 1240, header=False).signature[4:] == ["-PHÓ TRƯỞNG BAN", "Mạnh Thị Tuyết Mai"]
    raw = "\n".join(" ".join(t for t, _, _ in row) for row in [text_row, nn] + rows)
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=1240, height=1754, source="ocr")
    s = extract_fields(Document(source="x.png", pages=[page]))["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("KT.", "PHÓ TRƯỞNG BAN", "Mạnh Thị Tuyết Mai")
    name = [[("CHỦ", (860, 900, 57, 23), 96), ("TỊCH", (925, 900, 69, 23), 96)],
            [("Hòa", (899, 985, 63, 24), 96.9)], [("Hải", (831, 986, 55, 23), 96.3)]]
    words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + name) for t, b, c in row]
    assert analyze(words, 1240, header=False).signature == ["CHỦ TỊCH", "Hải Hòa"]
    # a Nơi nhận item beside the signature column on the same band: two lines, far apart
    cols = [[("-", (100, 986, 10, 23), 96), ("Lưu:", (120, 986, 50, 23), 96), ("VT.", (175, 986, 40, 23), 96)],
            [("Hải", (831, 986, 55, 23), 96.3), ("Hòa", (895, 985, 63, 24), 96.9)]]
    words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + cols) for t, b, c in row]
    lay = analyze(words, 1240, header=False)
    assert lay.recipients[-1] == "- Lưu: VT." and lay.signature == ["Hải Hòa"]


def test_deputy_word_under_the_signature_ink_before_its_post_is_kept():
    """Random layouts (dev, 150 dpi, a Thủ tướng quyết định): 'KT.' lost, 'THỦ TƯỚNG' / '..PHÓ' at 29 % before
    'THỦ TƯỚNG' read surely / strokes / 'Bùi Thanh Sơn'. A 'PHÓ' opening its row right before a sure post word is
    the deputy's, at any confidence: the signer is the deputy prime minister signing KT.; a 'PHÓ' far from the
    post or before no post word still goes."""
    from ocrfix.layout import analyze

    body = "Điều 3. Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này./."
    text_row = [(t, (100 + 60 * k, 60, 50, 23), 96) for k, t in enumerate(body.split())]
    nn = [("Nơi", (100, 300, 40, 23), 96), ("nhận:", (145, 300, 60, 23), 96)]
    name = [("Bùi", (791, 545, 47, 23), 97), ("Thanh", (847, 545, 93, 23), 96.4), ("Sơn", (949, 546, 55, 22), 96.7)]

    def lay(deputy: list[tuple[str, tuple[int, int, int, int], float]]) -> tuple[list[str], list[str]]:
        rows = [[("THỦ", (832, 314, 64, 30), 93.3), ("TƯỚNG", (904, 315, 112, 29), 92.5)], deputy,
                [("215", (847, 432, 71, 24), 48.0)], name]
        words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + rows) for t, b, c in row]
        raw = "\n".join(" ".join(t for t, _, _ in row) for row in [text_row, nn] + rows)
        return analyze(words, 1240, header=False).signature, [raw]

    post = [("THỦ", (841, 355, 64, 34), 93.3), ("TƯỚNG", (913, 355, 112, 23), 91.0)]
    sig, _ = lay([("..PHÓ", (744, 355, 89, 33), 29.3)] + post)
    assert sig == ["THỦ TƯỚNG", "..PHÓ THỦ TƯỚNG", "Bùi Thanh Sơn"]
    rows = [[("THỦ", (832, 314, 64, 30), 93.3), ("TƯỚNG", (904, 315, 112, 29), 92.5)],
            [("..PHÓ", (744, 355, 89, 33), 29.3)] + post, [("215", (847, 432, 71, 24), 48.0)], name]
    words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + rows) for t, b, c in row]
    raw = "\n".join(" ".join(t for t, _, _ in row) for row in [text_row, nn] + rows)
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=1240, height=1754, source="ocr")
    s = extract_fields(Document(source="x.png", pages=[page]))["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("KT.", "PHÓ THỦ TƯỚNG", "Bùi Thanh Sơn")
    assert lay([("..PHÓ", (700, 355, 89, 33), 29.3)] + post)[0][1] == "THỦ TƯỚNG"  # 52 px before the post
    assert lay([("..PHÓ", (744, 355, 89, 33), 29.3), ("NHÀ", (841, 355, 64, 34), 93.3)])[0][1] == "NHÀ"


def test_deputy_under_a_unit_head_under_the_head_post_with_the_authority_lost():
    """Random layouts (dev, 150 dpi, a Cục Hải quan công văn): the block 'TL. CỤC TRƯỞNG' / 'TRƯỞNG BAN NGHIỆP VỤ
    THUẾ HQ' / 'PHÓ TRƯỞNG BAN' read with its 'TL.' lost. The signer holds the last post (the deputy of the unit
    head printed above it), not the head's; the lost authority is not guessed. Read whole, it stays as it was."""
    head = "CỤC HẢI QUAN\nSố: 1234/CHQ-NVTHQ\n\n" + MOTTO + "Hà Nội, ngày 21 tháng 11 năm 2025\n"
    tail = ("\nNơi nhận:\n- Như trên;\n- Lưu: VT, NVTHQ-PL-Hoàng (3b).\n\n{}TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ\n"
            "PHÓ TRƯỞNG BAN\nĐào Thu Hương\n")
    s = ocr(head + BODY + tail.format("CỤC TRƯỞNG\n"))["signer"]
    assert (s["authority"], s["title"], s["name"]) == (None, "PHÓ TRƯỞNG BAN", "Đào Thu Hương")
    s = ocr(head + BODY + tail.format("TL. CỤC TRƯỞNG\n"))["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("TL.", "PHÓ TRƯỞNG BAN", "Đào Thu Hương")
    s = ocr(head + BODY + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCỤC TRƯỞNG\nNguyễn Văn An\n")["signer"]
    assert (s["authority"], s["title"], s["name"]) == (None, "CỤC TRƯỞNG", "Nguyễn Văn An")


def test_speck_read_into_one_of_two_halves_of_a_printed_line():
    """Random layouts (dev, 200 dpi, a fresh layout of a Ban Chỉ đạo công văn): 'KT. TRƯỞNG BAN' lost its 'KT.'
    and was read as the lines 'TRƯỞNG' | '__— BAN', the signature's speck '__—' read into the second, far left
    and below: the line's band and ends are its lettered words', so the two halves are one row again and the
    deputy's 'KT.' follows from 'TRƯỞNG BAN' / 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC'."""
    from ocrfix.layout import analyze

    body = "tổng hợp, báo cáo cấp có thẩm quyền theo quy định./."
    text_row = [(t, (200 + 60 * k, 1000, 50, 28), 96) for k, t in enumerate(body.split())]
    nn = [("Nơi", (193, 1120, 50, 26), 96), ("nhận:", (250, 1120, 80, 26), 96)]
    rows = [[("__—", (959, 1236, 9, 6), 28.4), ("BAN", (1307, 1200, 80, 43), 96.8)],
            [("TRƯỞNG", (1125, 1197, 170, 30), 96.0)],
            [("PHÓ", (894, 1244, 80, 27), 93.2), ("TRƯỞNG", (987, 1242, 170, 29), 96.7), ("BAN", (1168, 1244, 81, 44), 96.4),
             ("THƯỜNG", (1259, 1242, 174, 45), 93.3), ("TRỰC", (1445, 1242, 104, 37), 92.3)],
            [("PHÓ", (1057, 1281, 81, 35), 92.9), ("THỦ", (1150, 1289, 82, 28), 93.3), ("TƯỚNG", (1243, 1287, 143, 29), 91.4)],
            [("Phạm", (1036, 1545, 102, 36), 96.6), ("Thị", (1149, 1545, 59, 36), 95.7),
             ("Thanh", (1218, 1546, 116, 28), 96.3), ("Trà", (1345, 1546, 61, 28), 96.5)]]
    words = [Word(t, b, c, k) for k, row in enumerate([text_row, nn] + rows) for t, b, c in row]
    sig = analyze(words, 1653, header=False).signature
    assert [s.strip("_— ") for s in sig[:2]] == ["TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"]
    raw = "\n".join(" ".join(t for t, _, _ in row) for row in [text_row, nn] + rows)
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=1653, height=2338, source="ocr")
    s = extract_fields(Document(source="x.png", pages=[page]))["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("KT.", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Phạm Thị Thanh Trà")


def _customs_signer(block: str, unit: str) -> tuple:
    """(authority, title, name) of a Cục Hải quan document whose signature block OCR read as `block`."""
    text = (f"BỘ TÀI CHÍNH\nCỤC HẢI QUAN\nSố: 12/CHQ-{unit}\n\n" + MOTTO + "Hà Nội, ngày 3 tháng 11 năm 2025\n" +
            BODY + f"Nơi nhận:\n- Như trên;\n- Lưu: VT, {unit} (3b).\n" + block + "\n")
    s = ocr(text)["signer"]
    return s["authority"], s["title"], s["name"]


@pytest.mark.parametrize("block, signer", [
    # a narrow signature column wrapped the unit head's post ('… NGHIỆP VỤ' / 'THUẾ HQ'; random layouts, dev)
    ("TL. CỤC TRƯỞNG\nTRƯỞNG BAN NGHIỆP VỤ\n_ THUẾ HQ\nPHÓ TRƯỞNG BAN\nĐào Thu Hương",
     ("TL.", "PHÓ TRƯỞNG BAN", "Đào Thu Hương")),
    # a seal's words read under a whole post are no wrap of it
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nỦY BAN NHÂN\nPHÓ CHỦ TỊCH\nNguyễn Văn An", ("TM.", "CHỦ TỊCH", "Nguyễn Văn An")),
])
def test_post_with_its_unit_wrapped_before_the_signers_post(block, signer):
    assert _customs_signer(block, "NVTHQ") == signer


@pytest.mark.parametrize("block, signer", [
    # a speck read as a dot after the deputy's 'PHÓ' (150 dpi): no wrapped end of the line above
    ("TL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN GIÁM SÁT\nQUẢN LÝ VỀ HQ\nPHÓ. TRƯỞNG BAN\nNguyễn Bắc Hải",
     ("KT.", "PHÓ TRƯỞNG BAN", "Nguyễn Bắc Hải")),
    # the space between 'THỨ' and 'TRƯỞNG' lost (150 dpi)
    ("KT. BỘ TRƯỞNG\n__ THỨTRƯỞNG\nNguyễn Thị Bích Ngọc", ("KT.", "THỨ TRƯỞNG", "Nguyễn Thị Bích Ngọc")),
    # the first line's words out of order, its comma last: the deputy's post above the name is its own line
    ("TL. CỤC TRƯỞNG\nCHÍNH\nKT. SÁCH,\nPHÓ TRƯỞNG BAN\nw⁄\nPhạm Thị Minh Hiền",
     ("KT.", "PHÓ TRƯỞNG BAN", "Phạm Thị Minh Hiền")),
    # a speck glued before the name, a Nơi nhận item and the signature's strokes read between post and name
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n- Lưu: VT, TCBC.\nLà NL A\n.Vũ Chiến Thắng\n_.", ("KT.", "THỨ TRƯỞNG", "Vũ Chiến Thắng")),
])
def test_signature_block_specks_and_lost_spaces_at_150_dpi(block, signer):
    """Random layouts (dev, fresh 150 dpi layouts of Cục Hải quan, Bộ Tài chính and Cục Thuế documents)."""
    assert _customs_signer(block, "GSQL") == signer


def test_post_word_read_with_a_dot_is_a_sure_post_word_beside_one_under_ink():
    """Random layouts (dev, 150 dpi): 'PHÓ.' at 91 % and 57 px tall, then 'TRƯỞNG' at 84 % and 61 px tall under
    the signature's ink: 'TRƯỞNG' is kept beside the sure 'PHÓ.' (the dot is a speck), so the post is whole."""
    from ocrfix.layout.debris import signature_words

    row = [Word("PHÓ.", (745, 1264, 79, 57), 90.6, 0), Word("TRƯỞNG", (825, 1263, 144, 61), 83.9, 0),
           Word("BAN", (982, 1263, 69, 43), 95.5, 0)]
    assert [w.text for w in signature_words(row, 30)] == ["PHÓ.", "TRƯỞNG", "BAN"]


def test_underline_glued_to_the_parent_issuer_is_no_debris():
    # catld_cv_1710 rendered anew at 300 dpi (benchmarks/perturb_real.py): the rule under 'BỘ CÔNG AN' read glued
    # to it, 'BỘ CÔNGAN_'; the word dropped as debris left 'BỘ', joined to the issuer as 'BỘ CÔNG AN TỈNH …'
    f = ocr("BỘ CÔNGAN_\nCÔNG AN TỈNH LÂM ĐỒNG\nSố: 1710/CAT-PA05\nV/v trao đổi thông tin\n\n" + MOTTO +
            "Lâm Đồng, ngày 04 tháng 6 năm 2025\n" + BODY)
    assert (f["parent_issuer"], f["issuer"]) == ("BỘ CÔNG AN", "CÔNG AN TỈNH LÂM ĐỒNG")


@pytest.mark.parametrize("read, subject", [
    # cp_nq_320 / ubqgnct_qd_143 / catld_ttr_289 rendered anew (benchmarks/perturb_real.py): a speck read before
    # the trích yếu's first word
    ("g Về dự án Luật sửa đổi Luật Công nghiệp quốc phòng", "Về dự án Luật sửa đổi Luật Công nghiệp quốc phòng"),
    ("„ Ban hành Quy chế hoạt động", "Ban hành Quy chế hoạt động"),
    ("_Đề nghị ban hành Báo cáo", "Đề nghị ban hành Báo cáo"),
    ("A Lưới và Phong Điền", "A Lưới và Phong Điền"),  # a capital letter is a word ('A Lưới')
])
def test_specks_before_the_subject_are_dropped(read, subject):
    f = ocr("CHÍNH PHỦ\nSố: 320/NQ-CP\n\n" + MOTTO + "Hà Nội, ngày 09 tháng 10 năm 2025\n\nNGHỊ QUYẾT\n" + read +
            "\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert f["subject"] == subject


@pytest.mark.parametrize("tail", [" nh gửi:", " | Kính gửi: :"])
def test_the_addressing_line_read_onto_the_subject_is_cut(tail):
    # vpcp_cv_9703 / ldlsvn_cv_562 rendered anew: 'Kính gửi:' (its 'Kí' lost) read on the trích yếu's last line
    f = ocr("VĂN PHÒNG CHÍNH PHỦ\nSố: 9703/VPCP-CN\nV/v thành lập Hội đồng tư vấn\ntrên trục Bắc - Nam" + tail +
            "\n\n" + MOTTO + "Hà Nội, ngày 09 tháng 10 năm 2025\n- Bộ Tài chính;\nThực hiện chỉ đạo của Thủ tướng.\n")
    assert f["subject"] == "thành lập Hội đồng tư vấn trên trục Bắc - Nam"
