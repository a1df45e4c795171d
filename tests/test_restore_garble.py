"""Issue 14: English-model OCR garble that the tokenizer used to split or read as a code, the case of a capital
as evidence in the eng profile, and the Decree 30 end mark. Lines written in the style of Tesseract `eng` output
of Decree 30 documents (benchmarks/restore.py more-ocr, dev part), not copied from one document."""
import dataclasses

from ocrfix.restoration import restore
from ocrfix.restoration.garble import join_garbled
from ocrfix.restoration.tokens import CODE, NOISY, tokenize
from ocrfix.tuning import RestoreTuning


def test_marks_inside_a_garbled_word_join_it():
    src = "Can ct? Nghi dinh s6 118/2025/ND-CP, chi?c nang, nhiém vu cta S@ Noi vu va cac phu@ng, xa;"
    assert restore(src, profile="eng") == ("Căn cứ Nghị định số 118/2025/NĐ-CP, chức năng, nhiệm vụ của Sở Nội vụ "
                                           "và các phường, xã;")
    src = "t6 chirc thu’c hién tru’c tuyén cac thu tuc hanh chinh tu’ van cho nguoi dan./."
    assert restore(src, profile="eng") == ("tổ chức thực hiện trực tuyến các thủ tục hành chính tư vấn cho "
                                           "người dân./.")


def test_joining_keeps_real_punctuation_and_addresses():
    kinds = [(t.kind, t.text) for t in join_garbled(tokenize("co khong? xem: vanthu@moha.gov.vn"))]
    assert (NOISY, "khong?") not in kinds and ("punct", "?") in kinds
    assert (CODE, "vanthu@moha.gov.vn") in kinds


def test_a_capital_with_a_digit_is_a_word_unless_the_code_fits():
    src = "B6 NOI VU\nS6: 10988/BNV-CQDP\nT6 chirc b6 may hanh chinh; X4 Hoa Binh, H6 Chi Minh"
    assert restore(src, profile="eng") == ("BỘ NỘI VỤ\nSố: 10988/BNV-CQDP\nTổ chức bộ máy hành chính; Xã Hòa Bình, "
                                           "Hồ Chí Minh")
    assert restore("Vin ban in trén kh6 giay A4, cd chir 13.", profile="eng") == "Văn bản in trên khổ giấy A4, có chữ 13."


def test_small_letters_for_accented_capitals_in_a_header():
    assert restore("THU TUONG CHi THI", profile="eng") == "THỦ TƯỚNG CHỈ THỊ"
    assert restore("BQ TAI CHiNH", profile="eng") == "BỘ TÀI CHÍNH"
    assert restore("Sd NQi vu tinh", profile="eng") == "Sở Nội vụ tỉnh"  # not a header: case noise stays noise
    assert restore("Dé trién khai, BO NOi vu trén", profile="eng") == "Để triển khai, Bộ Nội vụ trên"


def test_a_capital_inside_a_sentence_is_evidence_for_a_name():
    off = dataclasses.replace(RestoreTuning(), case_weight_eng=0.0)
    for src, want in {"Chu tri: déng chi Hai Long, Truong phong": "Chủ trì: đồng chí Hải Long, Trưởng phòng",
                      "Can b6 dau méi: Nguyén Thi Thanh Hanh, sé dién thoai":
                          "Cán bộ đầu mối: Nguyễn Thị Thanh Hạnh, số điện thoại"}.items():
        assert restore(src, profile="eng") == want
        assert restore(src, profile="eng", tuning=off) != want


def test_the_end_mark_is_punctuation():
    assert restore("To chuc thuc hien nghiem tuc./.") == "Tổ chức thực hiện nghiêm túc./."
    correct = "Tổ chức thực hiện./. Liên hệ: vanthu@moha.gov.vn."
    assert restore(correct) == correct


def test_list_markers_misread_by_ocr():
    src = "Nơi nhận:\n~ Như trên;\n~ Lưu: VT, CS.\nc) Chủ trì, phối hợp;\n€) Thực hiện cập nhật"
    want = "Nơi nhận:\n- Như trên;\n- Lưu: VT, CS.\nc) Chủ trì, phối hợp;\nc) Thực hiện cập nhật"
    assert restore(src, profile="vie") == want
    assert restore("từ 10 ~ 20 người", profile="vie") == "từ 10 ~ 20 người"  # not at a line's start: kept


def test_the_vt_of_a_luu_item_read_as_a_roman_six():
    assert restore("Nơi nhận:\n- Như trên;\n- Lưu: VI, CS.", profile="vie") == "Nơi nhận:\n- Như trên;\n- Lưu: VT, CS."
    assert restore("- Luu: VI, GSQL.", profile="eng") == "- Lưu: VT, GSQL."
    assert restore("Chương VI, Mục VI.", profile="vie") == "Chương VI, Mục VI."  # a roman six elsewhere stays


def test_point_letters_d_and_dd_follow_the_alphabet():
    src = "c) Chủ trì, phối hợp;\nđ) Tổ chức tập huấn;\nd) Theo dõi, kiểm tra;\ne) Báo cáo."
    assert restore(src, profile="vie") == ("c) Chủ trì, phối hợp;\nd) Tổ chức tập huấn;\nđ) Theo dõi, kiểm tra;\n"
                                           "e) Báo cáo.")
    correct = "a) Một;\nb) Hai;\nc) Ba;\nd) Bốn;\nđ) Năm;\ne) Sáu."
    assert restore(correct, profile="vie") == correct


def test_the_national_motto_put_back_whole():
    header = "CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tw do - Hanh\nHa Noi, ngay 21 thang 11 nam 2025"
    assert restore(header, profile="eng").split("\n")[1] == "Độc lập - Tự do - Hạnh phúc"  # "phúc" lost under the rule
    assert restore("VIET NAM\nDoc lap - Tu do - Hanh\nphic", profile="eng").split("\n")[1:] == [
        "Độc lập - Tự do - Hạnh", "phúc"]  # it went to the next line: not written twice
    assert restore("Độc lập - ' Tự do - Hạnh phú", profile="vie") == "Độc lập - Tự do - Hạnh phúc"
    for kept in ("Độc lập – Tự do – Hạnh phúc", "vì độc lập tự do hạnh phúc của nhân dân"):
        assert restore(kept, profile="vie") == kept


def test_the_nam_of_the_place_date_line():
    assert restore("Ha Noi, ngay 26 thang 11 2025", profile="eng") == "Hà Nội, ngày 26 tháng 11 năm 2025"
    for kept in ("Hà Nội, ngày 26 tháng 11 năm 2025", "số liệu tháng 11 2025 của"):
        assert restore(kept, profile="vie") == kept


def test_a_point_quoted_alone_by_an_amending_clause_keeps_its_letter():
    correct = ("c) Các tổ chức, cá nhân khác có liên quan.\n1. Sửa đổi điểm đ khoản 7 Điều 2 như sau:\n"
               "đ) Trạm y tế, Trung tâm y tế;")
    assert restore(correct, profile="vie") == correct
