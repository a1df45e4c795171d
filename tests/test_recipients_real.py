"""Nơi nhận lists as OCR reads them on real scans: short excerpts in the form the page layout gives the bottom
of a document (the list, a blank line, the signature), each reproducing a case seen on the real development scans
(benchmarks/data/real) and failing without its rule; text as printed keeps its spelling."""
from __future__ import annotations

import pytest

from ocrfix.fields import extract_fields

SIG = "\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Văn An"


def recipients(items: str, ocr: bool = True) -> list[str]:
    return extract_fields("Nơi nhận:\n" + items + SIG, ocr=ocr)["recipients"]


def test_a_list_whose_dashes_ocr_lost_keeps_every_item():
    # bca_cv_4409: small dashes not read; each item still ends with ';' — and its fixed words misread
    got = recipients("Nhu trên;\nĐức Bộ trưởng BCA (để báo cáo);\nV01, V03 (để theo dõi);\nLưu: VT, C04.\n"
                     "Mã QR đính kèm tài liệu")
    assert got == ["Như trên", "Đ/c Bộ trưởng BCA (để báo cáo)", "V01, V03 (để theo dõi)", "Lưu: VT, C04"]


@pytest.mark.parametrize("read", ["(để b/e);", "(để bác);", "(đẻ bắc);", "(để b/c};", "(để bíc);"])
def test_de_bc_as_ocr_misreads_it(read):
    # snvld_ttr_294, vpcp_tb_536 'b/e'; vpcp_cv_9703 'bác'; vpcp_cv_9768 'đẻ bắc'; cucthue_cv_2191 '}'
    got = recipients(f"- Như trên;\n- PTTg Trần Hồng Hà {read}\n- Lưu: VT, CN.")
    assert got[1] == "PTTg Trần Hồng Hà (để b/c)"


@pytest.mark.parametrize("read", ["D/e", "Đíc", "Đ/e"])
def test_comrade_as_ocr_misreads_it(read):
    # catld_cv_1710 'D/e GĐCAT', catld_ttr_289 'Đíc Đại tá'
    assert recipients(f"- Như trên;\n- {read} GĐCAT (để báo cáo);\n- Lưu: VT.")[1] == "Đ/c GĐCAT (để báo cáo)"


def test_a_name_opening_an_item_without_a_post_stays():
    assert recipients("- Như trên;\n- Đức Phổ (để biết);\n- Lưu: VT.")[1] == "Đức Phổ (để biết)"
    assert recipients("- Như trên;\n- Đức Thượng, Đức Giang;\n- Lưu: VT.")[1] == "Đức Thượng, Đức Giang"


def test_the_e_portal_read_cong():
    # bgddt_duthao_tt: 'Công TTĐT Chính phủ'
    assert recipients("- Như trên;\n- Công TTĐT Chính phủ;\n- Lưu: VT.")[1] == "Cổng TTĐT Chính phủ"
    assert recipients("- Như trên;\n- Tổng Công ty Điện lực;\n- Lưu: VT.")[1] == "Tổng Công ty Điện lực"


def test_a_code_ending_in_one_read_as_i():
    # catld_cv_1413 / catld_ttr_289 'PC04 (ĐI)'; the synthetic scans' 'KTRI' for KTR1
    got = recipients("- Như kính gửi;\n- Vụ KTRI (để p/h);\n- Lưu: VT, PC04 (ĐI).")
    assert got == ["Như kính gửi", "Vụ KTR1 (để p/h)", "Lưu: VT, PC04 (Đ1)"]


def test_printed_names_and_filing_lines_that_look_like_misreads_stay():
    # names ending in I that OCR read right (c04_cv_3980's 'TKI' for TK1 is left unmended for them), a filing
    # line with a dash, a plus, brackets or a numbered unit, a filing line wrapped onto a line of small letters,
    # and a dot printed between two codes
    got = recipients("- Ban chỉ đạo FDI;\n- Bảo hiểm PVI;\n- Công ty TNHH SUZUKI Việt Nam;\n- Tổng công ty LICOGI;\n"
                     "- Lưu: VT, TH – Hằng (3b).")
    assert got == ["Ban chỉ đạo FDI", "Bảo hiểm PVI", "Công ty TNHH SUZUKI Việt Nam", "Tổng công ty LICOGI",
                   "Lưu: VT, TH – Hằng (3b)"]
    assert recipients("- Như trên;\n- Lưu: VT, KT+TH, P.KT [2].")[1] == "Lưu: VT, KT+TH, P.KT [2]"
    assert recipients("- Như trên;\n- Lưu: VT, Đội 2.")[1] == "Lưu: VT, Đội 2"
    assert recipients("- Như trên;\n- Lưu: VT.KT15/11")[1] == "Lưu: VT.KT15/11"
    got = recipients("- Như trên;\n- Lưu: VT, Văn phòng HĐND và UBND huyện,\nphòng tài chính kế hoạch và các phòng.")
    assert got[1] == "Lưu: VT, Văn phòng HĐND và UBND huyện, phòng tài chính kế hoạch và các phòng"


def test_codes_and_words_ending_in_i_that_are_printed_so_stay():
    got = recipients("- Như trên;\n- VCCI;\n- Vụ VI;\n- CHI CỤC THUẾ;\n- Lưu: VT.")
    assert got[1:4] == ["VCCI", "Vụ VI", "CHI CỤC THUẾ"]


def test_a_serif_one_read_as_a_bracket():
    # catld_ttr_298 (Adobe Scan): '(Đội ]).'
    assert recipients("- Như trên;\n- Lưu VT, PC04 (Đội ]).")[-1] == "Lưu VT, PC04 (Đội 1)"


def test_the_comma_after_vt_read_as_a_dot():
    # catld_cv_1710: 'Lưu VT. PA05(Đ1,Đ2).'; a drafter's name after a dot stays
    assert recipients("- Như trên;\n- Lưu VT. PA05(Đ1,Đ2).")[-1] == "Lưu VT, PA05(Đ1,Đ2)"
    assert recipients("- Như trên;\n- Lưu: VT. Hải.")[-1] == "Lưu: VT. Hải"


@pytest.mark.parametrize("read, want", [
    ("Lưu: VT, NC (2b). Hải 46", "Lưu: VT, NC (2b). Hải"),      # cp_nq_320: handwritten initials after the name
    ("Lưu: VT, KSTT (2). 4Š", "Lưu: VT, KSTT (2)"),             # ttg_qd_932
    ("Lưu: VT, UBQGNCT (2b). 3#-", "Lưu: VT, UBQGNCT (2b)"),    # ubqgnct_qd_143
    ("Lưu: VT, CS ( Cb).A⁄", "Lưu: VT, CS"),                    # cucthue_cv_2191
    ("Lưu: VT, TTPVHCC@)", "Lưu: VT, TTPVHCC"),                 # a code with ink over its end: the code stays
    ("Lưu: VT, TCCV (2) CMP. 21b", "Lưu: VT, TCCV (2) CMP. 21b"),  # printed copies stay
    ("Lưu: VT, NVTHQ (Hằng B - 3b)", "Lưu: VT, NVTHQ (Hằng B - 3b)"),
])
def test_the_filing_line_ends_where_the_print_ends(read, want):
    assert recipients(f"- Như trên;\n- {read}")[-1] == want


def test_the_filing_line_does_not_swallow_a_footnote():
    # btc_cv_15557: a footnote of the page read after the filing line, which ended in the seal's ink
    got = recipients("- Như trên;\n- Lưu: VT, PTHT\nVề việc thành lập các Tổ công tác đôn đốc, tháo gỡ khó khăn, "
                     "vướng mắc trong sản xuất kinh doanh")
    assert got == ["Như trên", "Lưu: VT, PTHT"]
    assert recipients("- Như trên;\n- Lưu: VT, NC (2b)\nHải")[-1] == "Lưu: VT, NC (2b) Hải"  # the drafter stays


def test_a_stroke_read_after_an_item_ended():
    # btc_cv_15557: '(để báo cáo); ý'
    got = recipients("- Như trên;\n- Bộ trưởng Nguyễn Văn Thắng (để báo cáo); ý\n- Lưu: VT.")
    assert got[1] == "Bộ trưởng Nguyễn Văn Thắng (để báo cáo)"


def test_text_as_printed_is_not_mended():
    got = recipients("- Nhu trên;\n- Lưu: VT, NC (2b). Hải 46", ocr=False)
    assert got == ["Nhu trên", "Lưu: VT, NC (2b). Hải 46"]


def test_addressees_listed_from_the_line_of_kinh_gui():
    # vpubndld_phieutrinh: the first addressee's dash on the line of 'Kính gửi:'
    f = extract_fields("PHIẾU TRÌNH\nKính gửi: - Lãnh đạo UBND tỉnh;\n- Lãnh đạo Văn phòng UBND tỉnh.\n"
                       "1. NỘI DUNG TRÌNH\nVăn bản của Hội đồng Thẩm định.", ocr=True)
    assert f["addressees"] == ["Lãnh đạo UBND tỉnh", "Lãnh đạo Văn phòng UBND tỉnh"]


@pytest.mark.parametrize("read, want", [
    ("UB Trung ương Mặt trận Tả quốc Việt Nam", "UB Trung ương Mặt trận Tổ quốc Việt Nam"),  # ubqgnct_qd_143
    ("Cục Bồ trợ tư pháp-BTP", "Cục Bổ trợ tư pháp-BTP"),                                    # ldlsvn_cv_562
    ("Hỗ trợ tư pháp", "Hỗ trợ tư pháp"),  # two letters away: another phrase, kept
])
def test_a_body_name_read_one_letter_wrong(read, want):
    assert recipients(f"- Như trên;\n- {read};\n- Lưu: VT.")[1] == want
