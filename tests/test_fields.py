"""ocrfix.fields: structured fields of Vietnamese administrative documents.

Fixtures (tests/fixtures/fields/): six public-domain 2025 official documents copied from the tvpl2025 corpus
(tools.field_fixtures), a Kim Bảng báo cáo written for these tests, and OCR-style interleavings of it.
Expected values were checked by hand against the texts."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import ocrfix
from tools import render
from tools.field_fixtures import ocr_noise, strip_accents
from ocrfix.document import Document, Page, Word
from ocrfix.fields import FIELDS, FIELDS_SCHEMA_VERSION, extract_fields
from ocrfix.restoration.words import set_word_texts
from ocrfix.writers import write_fields_csv
from ocrfix.fields.anchors import fold
from ocrfix.fields.counts import parse_counts
from ocrfix.fields.number import parse_number

FIX = Path(__file__).parent / "fixtures" / "fields"


def load(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


# hand-checked key fields of every fixture: used for the clean text and for its noisy variants
KEY = {
    "cv_5348_ct_cs.txt": dict(issuer="CỤC THUẾ", parent_issuer="BỘ TÀI CHÍNH", number="5348/CT-CS",
                              date="2025-11-20", place="Hà Nội", type="CÔNG VĂN",
                              subject="hướng dẫn góp vốn điều lệ", signer=("KT.", "PHÓ TRƯỞNG BAN", "Phạm Thị Minh Hiền")),
    "cv_11299_vpcp_kgvx.txt": dict(issuer="VĂN PHÒNG CHÍNH PHỦ", parent_issuer=None, number="11299/VPCP-KGVX",
                                   date="2025-11-18", place="Hà Nội", type="CÔNG VĂN",
                                   subject="thành lập Mạng lưới quan trắc và cảnh báo phóng xạ môi trường",
                                   signer=("KT.", "PHÓ CHỦ NHIỆM", "Phạm Mạnh Cường")),
    "cv_3257_tni_qldn1.txt": dict(issuer="THUẾ TỈNH TÂY NINH", parent_issuer="CỤC THUẾ", number="3257/TNI-QLDN1",
                                  date="2025-12-01", place="Tây Ninh", type="CÔNG VĂN", subject="thuế suất thuế GTGT",
                                  signer=("KT.", "PHÓ TRƯỞNG THUẾ TỈNH", "Nguyễn Tấn Lợi")),
    "qd_100_2025_qd_ubnd.txt": dict(
        issuer="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", parent_issuer=None, number="100/2025/QĐ-UBND", date="2025-11-15",
        place="Phú Thọ", type="QUYẾT ĐỊNH",
        subject="QUY ĐỊNH THỜI GIAN HOẠT ĐỘNG CỦA CÁC ĐẠI LÝ INTERNET VÀ ĐIỂM TRUY NHẬP INTERNET CÔNG CỘNG "
                "KHÔNG CUNG CẤP DỊCH VỤ TRÒ CHƠI ĐIỆN TỬ TRÊN ĐỊA BÀN TỈNH PHÚ THỌ",
        signer=("KT.", "PHÓ CHỦ TỊCH", "Phùng Thị Kim Nga")),
    "qd_2638_qd_ubnd.txt": dict(
        issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", parent_issuer=None, number="2638/QĐ-UBND", date="2025-11-18",
        place="Đà Nẵng", type="QUYẾT ĐỊNH",
        subject="BÃI BỎ QUYẾT ĐỊNH SỐ 636/QĐ-UBND NGÀY 17/3/2025 CỦA UBND TỈNH QUẢNG NAM VỀ VIỆC TRIỂN KHAI THỰC "
                "HIỆN MUA SẮM TRANG THIẾT BỊ DẠY VÀ HỌC BẬC THPT THEO PHƯƠNG THỨC TẬP TRUNG TRÊN ĐỊA BÀN TỈNH "
                "QUẢNG NAM",
        signer=("TM.", "CHỦ TỊCH", "Phạm Đức Ấn")),
    "kl_221_kl_tw.txt": dict(
        issuer="BAN CHẤP HÀNH TRUNG ƯƠNG", parent_issuer=None, number="221-KL/TW", date="2025-11-28",
        place="Hà Nội", type="KẾT LUẬN",
        subject="CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ TÌNH HÌNH, KẾT QUẢ HOẠT ĐỘNG CỦA BỘ MÁY HỆ THỐNG CHÍNH TRỊ VÀ "
                "CHÍNH QUYỀN ĐỊA PHƯƠNG 2 CẤP",
        signer=("TM.", None, "Trần Cẩm Tú")),
    "kim_bang_bc_12.txt": dict(
        issuer="UBND HUYỆN KIM BẢNG", parent_issuer=None, number="12/BC-UBND", date="2020-12-01", place="Kim Bảng",
        type="BÁO CÁO", subject="Kết quả thực hiện Quy chế phát ngôn và cung cấp thông tin cho báo chí năm 2020",
        signer=("KT.", "PHÓ CHỦ TỊCH", "Nguyễn Văn A")),
    "ubnd_ha_nam_one_line.txt": dict(
        issuer="ỦY BAN NHÂN DÂN TỈNH HÀ NAM", parent_issuer=None, number="29/2019/QĐ-UBND", date="2019-08-30",
        place="Hà Nam", type="QUYẾT ĐỊNH",
        subject="Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà nước "
                "trên địa bàn tỉnh Hà Nam",
        signer=("TM.", "CHỦ TỊCH", "Nguyễn Văn B")),
}
KEY["kim_bang_bc_12_interleaved.txt"] = KEY["kim_bang_bc_12.txt"]  # the same report, columns interleaved by OCR


def _check_key(f: dict, key: dict, folded: bool = False) -> None:
    norm = (lambda s: None if s is None else fold(s)) if folded else (lambda s: s)
    assert f["number"]["full"] == key["number"]
    assert f["date"] == key["date"]
    assert f["type"] == key["type"]
    assert norm(f["issuer"]) == norm(key["issuer"])
    assert norm(f["parent_issuer"]) == norm(key["parent_issuer"])
    assert norm(f["place"]) == norm(key["place"])
    assert norm(f["subject"]) == norm(key["subject"])
    sig = f["signer"]
    assert (sig["authority"], norm(sig["title"]), norm(sig["name"])) == tuple(
        norm(x) if i else x for i, x in enumerate(key["signer"]))


@pytest.mark.parametrize("name", sorted(KEY))
def test_key_fields_clean(name):
    _check_key(extract_fields(load(name)), KEY[name])


@pytest.mark.parametrize("strip", [True, False], ids=["accents-stripped", "wrong-diacritics"])
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("name", sorted(KEY))
def test_key_fields_noisy(name, seed, strip):
    noisy = ocr_noise(load(name), seed=seed, strip=strip)
    assert noisy != load(name)
    _check_key(extract_fields(noisy), KEY[name], folded=True)


def test_cong_van_number_recipients_references():
    f = extract_fields(load("cv_5348_ct_cs.txt"))
    assert f["number"] == {"full": "5348/CT-CS", "seq": 5348, "year": None, "type_code": None,
                           "issuer_code": "CT-CS"}  # "CT" is Cục Thuế here, not Chỉ thị: the V/v makes it a công văn
    assert f["recipients"] == ["Như trên", "Phó CTr. Đặng Ngọc Minh (để bc)", "Các đơn vị thuộc Bộ: CST, QLKT, DNTN, PC",
                               "Các đơn vị thuộc CT: NVT, PC", "Website CT", "Lưu: VT, CS"]
    assert f["addressees"] == ["Thuế tỉnh Quảng Trị"]
    assert f["signer"]["lines"] == ["TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN CHÍNH SÁCH, THUẾ QUỐC TẾ", "PHÓ TRƯỞNG BAN",
                                    "Phạm Thị Minh Hiền"]
    refs = {r["number"]: r for r in f["references"]}
    assert refs["324/QTR-KTr2"] == {"type": "Công văn", "number": "324/QTR-KTr2", "date": "2025-07-22",
                                    "issuer": "Thuế tỉnh Quảng Trị"}
    assert refs["59/2020/QH14"] == {"type": "Luật", "number": "59/2020/QH14", "date": None, "issuer": None}
    assert refs["181/2025/NĐ-CP"] == {"type": "Nghị định", "number": "181/2025/NĐ-CP", "date": "2025-07-01",
                                      "issuer": "Chính phủ"}
    assert refs["219/2013/TT-BTC"]["issuer"] == "Bộ Tài chính"
    assert refs["38/2019/QH14"]["date"] == "2019-06-13"
    assert len(f["references"]) == 7  # each cited once, in order of first mention
    assert f["counts"] == []  # "Điều 34", "khoản 2", dates and numbers are not counts


def test_quyet_dinh_year_in_number_and_tm_kt_signer():
    f = extract_fields(load("qd_100_2025_qd_ubnd.txt"))
    assert f["number"] == {"full": "100/2025/QĐ-UBND", "seq": 100, "year": 2025, "type_code": "QĐ",
                           "issuer_code": "UBND"}
    assert f["signer"]["lines"][:4] == ["TM. ỦY BAN", "NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert f["recipients"][-1] == "Lưu: VT, VX17 (H)"
    assert "100/2025/QĐ-UBND" not in [r["number"] for r in f["references"]]  # own number excluded
    refs = {r["number"]: r for r in f["references"]}
    assert refs["72/2025/QH15"]["type"] == "Luật"


def test_quyet_dinh_tm_without_recipients():
    f = extract_fields(load("qd_2638_qd_ubnd.txt"))
    assert f["signer"]["authority"] == "TM."  # written "T/M"
    assert f["recipients"] == []  # no "Nơi nhận" in this text: null/empty, not guessed
    refs = {r["number"]: r for r in f["references"]}
    assert refs["636/QĐ-UBND"] == {"type": "Quyết định", "number": "636/QĐ-UBND", "date": "2025-03-17",
                                   "issuer": "UBND tỉnh Quảng Nam"}
    assert refs["214/2025/NĐ-CP"]["date"] == "2028-08-04"  # as printed (the source's typo for 2025 is kept)
    assert refs["186/2025/NĐ-CP"]["date"] == "2025-07-01"


def test_nơi_nhận_cut_over_two_lines_is_still_the_list():
    """The scraper cut the anchor ("Nơi" / "nhận:"): the list under it is the recipients, not the addressee."""
    f = extract_fields(load("cv_11299_vpcp_kgvx.txt"))
    assert f["addressees"] == ["Bộ trưởng Bộ Khoa học và Công nghệ"]
    assert f["recipients"] == [
        "Như trên", "PTTg Nguyễn Chí Dũng (để b/c)", "Các Bộ: KHCN, QP, NV, NNMT, TP",
        "VPCP: BTCN, PCN Phạm Mạnh Cường, Trợ lý TTg, các Vụ: NN, PL, NC, TH", "Lưu: VT, KGVX (3) Q"]


LAW = """QUỐC HỘI
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
{number}
Hà Nội, ngày 25 tháng 11 năm 2014
LUẬT
NHÀ Ở
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật nhà ở.
Điều 1. Phạm vi điều chỉnh
Luật này quy định về sở hữu, phát triển, quản lý, sử dụng nhà ở.
Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp thứ 8 thông qua ngày 25 tháng 11 năm 2014.
{signature}
"""


@pytest.mark.parametrize("line", ["Luật số: 65/2014/QH13", "Số:: 65/2014/QH13", "Luật số 65/2014/QH13"])
def test_law_number_line(line):
    f = extract_fields(LAW.format(number=line, signature="CHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng"))
    assert f["number"] == {"full": "65/2014/QH13", "seq": 65, "year": 2014, "type_code": None,
                           "issuer_code": "QH13"}
    assert (f["type"], f["subject"], f["date"]) == ("LUẬT", "NHÀ Ở", "2014-11-25")
    assert f["signer"]["title"] == "CHỦ TỊCH QUỐC HỘI"
    # a number cited in running text is not the document's: "… theo Luật số 12/2008/QH12."
    g = extract_fields(LAW.format(number="", signature="").replace("Quốc hội ban hành Luật nhà ở.",
                                                                   "Quốc hội ban hành Luật số 12/2008/QH12."))
    assert g["number"] is None


def test_signer_without_title_next_to_đã_ký():
    """Old laws as published: the name and "(Đã ký)", no title line. The name is the signer; nothing is made up."""
    f = extract_fields(LAW.format(number="Số: 11/2003/QH11", signature="Nguyễn Văn An\n\n(Đã ký)"))
    assert f["signer"] == {"authority": None, "title": None, "name": "Nguyễn Văn An", "lines": ["Nguyễn Văn An"]}
    assert extract_fields(LAW.format(number="Số: 11/2003/QH11", signature="Nguyễn Văn An"))["signer"] is None


def test_party_number_form():
    f = extract_fields(load("kl_221_kl_tw.txt"))
    assert f["number"] == {"full": "221-KL/TW", "seq": 221, "year": None, "type_code": "KL", "issuer_code": "TW"}
    assert f["references"][0]["number"] == "565-BC/BTCTW"
    assert f["references"][0]["date"] == "2025-11-27"


def test_kim_bang_report_all_fields():
    f = extract_fields(load("kim_bang_bc_12.txt"))
    assert f["schema_version"] == FIELDS_SCHEMA_VERSION
    assert f["number"] == {"full": "12/BC-UBND", "seq": 12, "year": None, "type_code": "BC", "issuer_code": "UBND"}
    assert f["references"] == [
        {"type": "Công văn", "number": "1140/STTTT-TTBCXB", "date": "2020-11-20",
         "issuer": "Sở Thông tin và Truyền thông"},
        {"type": "Quyết định", "number": "29/2019/QĐ-UBND", "date": "2019-08-30", "issuer": "UBND tỉnh Hà Nam"},
    ]
    assert f["signer"] == {"authority": "KT.", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn A",
                           "lines": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]}
    assert f["recipients"] == ["Sở Thông tin và Truyền thông", "Lãnh đạo UBND huyện", "Lưu: VT"]
    assert f["signed_at"] == "2020-12-01T09:39:48+07:00"
    counts = f["counts"]
    assert [(c["value"], c["unit"]) for c in counts] == [
        (5, "văn bản"), (513, "tin"), (1600, "văn bản"), (100, "%"), (2.5, "tỷ đồng"), (12, "xã")]
    assert counts[0]["text"].startswith("05 văn bản")
    assert counts[1]["of"] == "tổng hợp"
    assert counts[2]["qualifier"] == "trên" and counts[2]["text"].startswith("trên 1.600 các văn bản")
    assert counts[3]["percent"] is True and counts[3]["text"].startswith("100%")
    assert counts[4] == {"value": 2.5, "unit": "tỷ đồng", "text": "2,5 tỷ đồng"}


def test_interleaved_signature_and_header():
    f = extract_fields(load("kim_bang_bc_12_interleaved.txt"))
    assert f["recipients"] == ["Sở Thông tin và Truyền thông", "Lãnh đạo UBND huyện", "Lưu: VT"]
    assert f["signer"]["lines"] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


@pytest.mark.parametrize("so", ["Số:", "So:", "Sô:", "sb", "s6", "S0:", "Số"])
def test_number_anchor_ocr_variants(so):
    text = f"UBND HUYEN KIM BANG\n{so} 12/BC-UBND\nKim Bang, ngay 01 thang 12 nam 2020\nBAO CAO\nKet qua\n"
    f = extract_fields(text)
    assert f["number"]["full"] == "12/BC-UBND" and f["date"] == "2020-12-01" and f["type"] == "BÁO CÁO"


def test_noi_nhan_ocr_variant_and_legacy_spacing():
    text = ("Noi nhén:\n- So Thong tin va truyen thong;\n- Lanh dao UBND huyen;\n-Lau: VT.\n\n"
            "KT. CHU TICH\nPHO CHU TICH\nNguyen Van A\n")
    f = extract_fields(text, ocr=True)
    assert f["recipients"] == ["So Thong tin va truyen thong", "Lanh dao UBND huyen", "Lưu: VT"]  # the filing line, as it is printed
    assert f["signer"]["authority"] == "KT." and f["signer"]["name"] == "Nguyen Van A"


def test_number_rules():
    assert parse_number("29/2019/QD-UBND") == {"full": "29/2019/QĐ-UBND", "seq": 29, "year": 2019, "type_code": "QĐ",
                                               "issuer_code": "UBND"}
    assert parse_number("1140/STTTT-TTBCXB") == {"full": "1140/STTTT-TTBCXB", "seq": 1140, "year": None,
                                                 "type_code": None, "issuer_code": "STTTT-TTBCXB"}
    assert parse_number("05/NQ-HDND")["issuer_code"] == "HĐND"
    assert parse_number("30/2020/ND-CP")["type_code"] == "NĐ"
    assert parse_number("12/BC-UBND")["type_code"] == "BC"
    assert parse_number("5348/CT-CS", doc_is_cong_van=True)["type_code"] is None
    assert parse_number("15/CT-TTg")["type_code"] == "CT"


def test_body_citation_is_not_the_header():
    """Legacy OCR that lost the header: the cited công văn's number and date must not become the document's."""
    text = ("BAO CAO\nKet qua thuc hien Quy che phat ngon nam 2020\n\n"
            "Can ¢ cdng vin sb 1 140/STTTT-TTBCXB ngay. 20 thang 11 nam\n2020 cta So thong tin va Truyen thong,\n"
            "UBND huyen trien khai Quyet dinh sb 29/2019/QD-UBND ngay 30/8/2019 cia UBND tinh Ha Nam ve viec ban hanh\n")
    f = extract_fields(text)
    assert f["number"] is None and f["date"] is None and f["issuer"] is None
    assert f["type"] == "BÁO CÁO" and f["subject"] == "Ket qua thuc hien Quy che phat ngon nam 2020"
    refs = {r["number"]: r for r in f["references"]}
    assert refs["1140/STTTT-TTBCXB"]["date"] == "2020-11-20"
    assert refs["29/2019/QĐ-UBND"] == {"type": "Quyết định", "number": "29/2019/QĐ-UBND", "date": "2019-08-30",
                                       "issuer": "UBND tinh Ha Nam"}


def test_forms_and_lost_superscripts_are_not_counted():
    f = extract_fields("kê khai theo mẫu số 03/TNDN ban hành kèm Thông tư số 80/2021/TT-BTC; Quặng (103 tấn)")
    assert [r["number"] for r in f["references"]] == ["80/2021/TT-BTC"]
    assert f["counts"] == []


def test_counts_rules():
    text = ("Ngày 01 tháng 12 năm 2020, theo Quyết định số 29/2019/QĐ-UBND, Điều 8 và khoản 3 Điều 5, "
            "năm 2021, điện thoại 0226 3820 123, giai đoạn 2021 - 2025: đã ban hành 05 văn bản; "
            "trên 1.600 các văn bản; 2,5 tỷ đồng; 100% các câu hỏi; 513 tin tổng hợp; 1.299.480 đồng.")
    got = [(c["value"], c["unit"]) for c in parse_counts(text)]
    assert got == [(5, "văn bản"), (1600, "văn bản"), (2.5, "tỷ đồng"), (100, "%"), (513, "tin"), (1299480, "đồng")]
    c = {c["text"]: c for c in parse_counts("trả lời 100% các câu hỏi")}
    assert c["100% các câu hỏi"]["percent"] is True and c["100% các câu hỏi"]["unit"] == "%"
    # "tổng số" qualifies a count ("số" alone labels one); "học kỳ 2" is a label, not two years
    got = [(c["value"], c["unit"], c.get("qualifier")) for c in parse_counts(
        "có 27 doanh nghiệp trả lời trong tổng số 30 doanh nghiệp, theo thông báo số 224; từ học kỳ 2 năm học "
        "2019-2020 sinh viên tích lũy tối thiểu 104 tín chỉ")]
    assert got == [(27, "doanh nghiệp", None), (30, "doanh nghiệp", "tổng số"), (104, "tín chỉ", "tối thiểu")]
    # OCR lines wrap anywhere: a count goes on over a line break ('04\nphòng', '04 Nghị\nđịnh'); a blank line (table
    # cells) or a new line opening with a capital ('năm 2030\nCăn cứ') ends it, and 'tháng\n3.009.090' is no date
    got = [(c["value"], c["unit"]) for c in parse_counts(
        "(04 Nghị\nđịnh, 03 Thông tư) và là 04\nphòng; thời hạn 06\ntháng\n3.009.090\n\n1.000.000\nđến năm 2030\n"
        "Căn cứ Luật; 12\n\nngày")]
    assert got == [(4, "Nghị định"), (3, "Thông tư"), (4, "phòng"), (6, "tháng")]


def test_missing_fields_are_null():
    f = extract_fields("Một đoạn văn không có tiêu đề.")
    assert set(f) == set(FIELDS)
    for k in ("issuer", "parent_issuer", "number", "place", "date", "type", "subject", "signer", "signed_at"):
        assert f[k] is None, k
    assert f["references"] == [] and f["recipients"] == [] and f["counts"] == []
    # a document that starts at "Kính gửi" (header lost) gives no header fields, not a guess from the body
    f = extract_fields("Kính gửi: Thuế tỉnh Lào Cai.\nTheo công văn số 545/CCTKV ngày 01/7/2025 của Thuế tỉnh.\n")
    assert f["number"] is None and f["date"] is None and f["type"] is None
    assert f["addressees"] == ["Thuế tỉnh Lào Cai"]
    # capitals at the top of a text that has no header (a news headline) are not an issuer
    f = extract_fields("ĐỘC LẠ CHỢ CỦI VỤN CÓ GIÁ TIỀN TRIỆU MỘT CÂN\nNhững que củi khẳng khiu, hoặc cục gỗ chỉ to cỡ "
                       "vài viên gạch cũng có bán giá vài trăm nghìn, có khi lên đến vài triệu.\n")
    assert (f["issuer"], f["parent_issuer"]) == (None, None)
    # beside the motto they are, even with the number and date lost
    f = extract_fields("BỘ TÀI CHÍNH\nCỤC THUẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                       "Kính gửi: Thuế tỉnh Lào Cai.\n")
    assert (f["issuer"], f["parent_issuer"]) == ("CỤC THUẾ", "BỘ TÀI CHÍNH")


def test_nfc_input():
    import unicodedata
    text = unicodedata.normalize("NFD", load("kim_bang_bc_12.txt"))
    f = extract_fields(text)
    assert f["issuer"] == "UBND HUYỆN KIM BẢNG" and unicodedata.is_normalized("NFC", f["subject"])


def _row_words(y: int, x: int, text: str, line: int) -> list[Word]:
    out, cx = [], x
    for t in text.split():
        w = 14 * len(t)
        out.append(Word(t, (cx, y, w, 30), 90.0, line))
        cx += w + 14
    return out


def test_document_with_two_column_header_boxes():
    """OCR read the two-column header across both columns; the boxes put each column back together."""
    rows = [  # (y, left-column text, right-column text)
        (100, "UBND TỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (140, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Độc lập - Tự do - Hạnh phúc"),
        (200, "Số: 1140/STTTT-TTBCXB", "Hà Nam, ngày 20 tháng 11 năm 2020"),
        (240, "V/v thực hiện Quy chế phát ngôn", None),
        (280, "và cung cấp thông tin cho báo chí", None),
    ]
    words: list[Word] = []
    for n, (y, left, right) in enumerate(rows):
        words += _row_words(y, 150, left, n)
        if right:
            words += _row_words(y, 1150, right, n)
    words += _row_words(400, 700, "Kính gửi: Ủy ban nhân dân các huyện", 10)
    words += _row_words(460, 150, "Sở Thông tin và Truyền thông đề nghị báo cáo kết quả./.", 11)
    bottom = [(600, "Nơi nhận:", "KT. GIÁM ĐỐC"), (640, "- Như trên;", "PHÓ GIÁM ĐỐC"),
              (680, "- Lưu: VT, TTBCXB.", "Trần Văn C")]
    for n, (y, left, right) in enumerate(bottom):
        if left:
            words += _row_words(y, 150, left, 20 + n)
        if right:
            words += _row_words(y, 1400, right, 20 + n)
    raw = "\n".join(" ".join(w.text for w in words if w.line == k) for k in sorted({w.line for w in words}))
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=2480, height=3508)
    plain = extract_fields(raw)  # line by line across the columns: the signer's name ends up in Nơi nhận
    assert plain["recipients"][-1] == "Lưu: VT, TTBCXB. Trần Văn C"
    f = extract_fields(Document(source="x.png", pages=[page]))
    assert f["parent_issuer"] == "UBND TỈNH HÀ NAM"
    assert f["issuer"] == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert f["number"]["full"] == "1140/STTTT-TTBCXB" and f["number"]["type_code"] is None
    assert (f["place"], f["date"], f["type"]) == ("Hà Nam", "2020-11-20", "CÔNG VĂN")
    assert f["subject"] == "thực hiện Quy chế phát ngôn và cung cấp thông tin cho báo chí"
    assert f["recipients"] == ["Như trên", "Lưu: VT, TTBCXB"]
    assert (f["signer"]["authority"], f["signer"]["title"], f["signer"]["name"]) == ("KT.", "PHÓ GIÁM ĐỐC", "Trần Văn C")


def test_document_bottom_seal_debris_and_confident_names():
    """End to end the seal and the signature leave low-confidence words in the signature column, and restoration
    may re-spell a confidently read name ('Phớc' → 'Phúc'): debris is dropped, the OCR reading of the name kept."""
    words = _row_words(100, 150, "Số: 12/BC-UBND", 0)
    words += _row_words(300, 150, "Ủy ban nhân dân huyện báo cáo kết quả thực hiện các nhiệm vụ được giao trong "
                                  "năm 2020 như sau./.", 1)
    bottom = [(600, "Nơi nhận:", "KT. CHỦ TỊCH"), (640, "- Như trên;", "PHÓ CHỦ TỊCH MÀ"),
              (680, "- Lưu: VT.", "¿Ñ"), (700, None, "LAN"), (720, None, "MÃ"), (760, None, "Hồ Đức Phớc")]
    for n, (y, left, right) in enumerate(bottom):
        if left:
            words += _row_words(y, 150, left, 20 + n)
        if right:
            words += _row_words(y, 1400, right, 20 + n)
    for w in words:
        if w.text in ("MÀ", "¿Ñ"):
            w.confidence = 19.0
        if w.text == "MÃ":  # a lone short word read in the seal's ring, at a middling confidence
            w.confidence = 72.0
        if w.text == "LAN":  # seal strokes read as a word: twice the text's height, doubtful
            w.box, w.confidence = (w.box[0], w.box[1], w.box[2], 62), 55.0
        if w.text == "CHỦ" and w.line == 21:  # a title word the seal crosses: tall too, but sure
            w.box = (w.box[0], w.box[1], w.box[2], 62)
    raw = " \n".join(" ".join(w.text for w in words if w.line == k) for k in sorted({w.line for w in words}))
    restored = raw.replace("Phớc", "Phúc")
    page = Page(number=1, raw_text=raw, text=restored, words=words, width=2480, height=3508)
    set_word_texts(page)  # restoration's arbitration per OCR word (restore_document does this)
    f = extract_fields(Document(source="x.png", pages=[page]))
    assert (f["signer"]["title"], f["signer"]["name"]) == ("PHÓ CHỦ TỊCH", "Hồ Đức Phớc")
    assert f["recipients"] == ["Như trên", "Lưu: VT"]
    # a tone added by restoration is kept: 'Thi' → 'Thị' is the kind of fix it is there for
    page.words[-1].text = "Thi"
    page.text = " ".join(w.text for w in page.words[:-1]) + " Thị"
    set_word_texts(page)
    page.layout = None
    assert extract_fields(Document(source="x.png", pages=[page]))["signer"]["name"].endswith("Thị")


def test_ocr_leftovers_in_header_and_nơi_nhận():
    text = ("BỘ TÀI CHÍNH\nCỤC THUÊ\nSố: 5348/GTCS\nV/v hướng dẫn góp vốn\nHà Nội, ngày 20 tháng 11 năm 2025\n"
            "Kính gửi: Thuế tỉnh Quảng Trị.\nCục Thuế nhận được công văn. Cục Thuế có ý kiến như sau./.\n"
            "Nơi nhận:\n- Như trên;\n- Văn phòng;\n¬ứI\n- Trợ lý PTTg; TGĐÐ Cổng TTĐT;\n- Website CT;\n"
            "- Lưu: VI; CS.\n\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nNguyễn Văn A\n")
    f = extract_fields(text, ocr=True)
    assert f["issuer"] == "CỤC THUẾ"  # re-spelt as the body spells 'Cục Thuế'
    assert f["number"]["full"] == "5348/CT-CS"  # from 'CT' and 'CS' printed elsewhere; C read as G
    assert f["recipients"] == ["Như trên", "Văn phòng", "Trợ lý PTTg; TGĐ Cổng TTĐT", "Website CT", "Lưu: VT, CS"]
    # a comma with a speck under it is one comma; an inner ';' before a small letter stays as read: the real scans
    # and random layouts print it ('Bộ trưởng; các Thứ trưởng', recip11)
    for read, want in (("TGĐ Cổng TTĐT,; các Vụ;", "TGĐ Cổng TTĐT, các Vụ"), ("TGĐ Cổng TTĐT; các Vụ;", "TGĐ Cổng TTĐT; các Vụ")):
        assert extract_fields(text.replace("TGĐÐ Cổng TTĐT;", read), ocr=True)["recipients"][2] == "Trợ lý PTTg; " + want
    assert extract_fields(text.replace("VI; CS", "VỊ, ÑC"), ocr=True)["recipients"][-1] == "Lưu: VT, NC"
    # 'Lưu' itself misread by an English-model OCR ('Lâu', 'Liru'): before ': VT' it is still the filing line
    assert extract_fields(text.replace("Lưu: VI; CS", "Liru: VI; CS"), ocr=True)["recipients"][-1] == "Lưu: VT, CS"
    # the drafting unit's code as the number prints it: case and 1/I slips in the small filing line
    assert extract_fields(text.replace("GTCS", "CT-CS").replace("VI; CS", "VT, Cs"), ocr=True)["recipients"][-1] == \
        "Lưu: VT, CS"
    assert extract_fields(text.replace("GTCS", "CT-QLDN1").replace("VI; CS", "VT, QLDNI"), ocr=True)["recipients"][-1] == \
        "Lưu: VT, QLDN1"
    # a symbol whose codes the document does not print stays as read
    assert extract_fields(text.replace("Website CT", "Website"), ocr=True)["number"]["full"] == "5348/GTCS"


def test_caps_title_wrapped_at_a_body_opening_word():
    text = ("BỘ CÔNG THƯƠNG\nSố: 61/2025/TT-BCT\nHà Nội, ngày 02 tháng 12 năm 2025\nTHÔNG TƯ\n"
            "QUY ĐỊNH VỀ HẠN NGẠCH THUẾ QUAN NHẬP KHẨU ĐỂ\nTHỰC HIỆN HIỆP ĐỊNH THƯƠNG MẠI\n"
            "Căn cứ Luật Quản lý ngoại thương;\n")
    assert extract_fields(text)["subject"] == "QUY ĐỊNH VỀ HẠN NGẠCH THUẾ QUAN NHẬP KHẨU ĐỂ THỰC HIỆN HIỆP ĐỊNH THƯƠNG MẠI"


def test_document_text_pages_and_top_level_api():
    doc = Document(source="a.txt", pages=[Page(number=1, raw_text=load("kim_bang_bc_12.txt"), source="text")])
    f = ocrfix.extract_fields(doc)
    assert f["number"]["full"] == "12/BC-UBND"
    assert json.loads(json.dumps(f, ensure_ascii=False)) == f  # JSON-serialisable
    with pytest.raises(TypeError):
        extract_fields(42)


def test_write_fields_csv_bom_and_atomic(tmp_path):
    rows = [(name, extract_fields(load(name))) for name in ("kim_bang_bc_12.txt", "cv_5348_ct_cs.txt")]
    out = write_fields_csv(rows, tmp_path / "sub" / "fields.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert got[0]["issuer"] == "UBND HUYỆN KIM BẢNG" and got[0]["number"] == "12/BC-UBND"
    assert got[1]["recipients"].endswith("Lưu: VT, CS") and got[1]["signer_name"] == "Phạm Thị Minh Hiền"
    assert sorted(p.name for p in out.parent.iterdir()) == ["fields.csv"]  # no temp file left


def test_strip_accents_helper():
    assert strip_accents("Quyết định số 29/2019/QĐ-UBND") == "Quyet dinh so 29/2019/QD-UBND"


@pytest.mark.tesseract
def test_end_to_end_rendered_scan_with_ocr(tmp_path, monkeypatch):
    """A fixture laid out like Decree 30 (two-column header, Nơi nhận beside the signature, seal), OCR'd
    with the real pipeline: fields come from the Document's word boxes."""
    import shutil

    # pinned to the tesseract 5.3 program: the in-process 5.5 library reads this page's 'Lưu: VT, CS.' as
    # 'Lưu: VECS.' (35 %) in its first pass and the second look does not mend it (known, see NOTES-ocr.md)
    monkeypatch.setenv("OCRFIX_ENGINE", "pytesseract")

    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    from ocrfix import process

    pages, _ = render.render_document(load("cv_5348_ct_cs.txt"), seed=1)
    keep = pages[:1] + pages[1:][-1:]
    ps = []
    for k, im in enumerate(keep):
        path = tmp_path / f"p{k}.png"
        im.save(path, dpi=(300, 300))
        p = process(path).pages[0]
        p.number = k + 1
        ps.append(p)
    f = extract_fields(Document(source="cv_5348", pages=ps))
    assert f["number"]["full"] == "5348/CT-CS" and f["date"] == "2025-11-20" and f["type"] == "CÔNG VĂN"
    assert (f["parent_issuer"], f["issuer"]) == ("BỘ TÀI CHÍNH", "CỤC THUẾ")
    assert fold(f["subject"]) == fold("hướng dẫn góp vốn điều lệ")
    assert f["signer"]["authority"] == "KT." and fold(f["signer"]["name"]) == fold("Phạm Thị Minh Hiền")
    assert fold(f["recipients"][-1]) == fold("Lưu: VT, CS")


def test_recipient_item_wrapped_after_an_inner_semicolon():
    """'- VPCP: BTCN, PCN Trịnh Mạnh Linh; Trợ lý TTgCP, …' wraps after its own ';': the next line goes on the
    item while another '- ' item follows; after the last item the signature block still ends the list."""
    text = ("Nơi nhận:\n- Như trên;\n- VPCP: BTCN, PCN Trịnh Mạnh Linh;\nTrợ lý TTgCP,\nTGĐ Cổng TTĐT CP;\n"
            "- Lưu: VT, TCCV.\n\nTHỦ TƯỚNG\nPhạm Minh Chính\n")
    assert extract_fields(text, ocr=True)["recipients"] == [
        "Như trên", "VPCP: BTCN, PCN Trịnh Mạnh Linh; Trợ lý TTgCP, TGĐ Cổng TTĐT CP", "Lưu: VT, TCCV"]
    text = "Nơi nhận:\n- Như trên;\n- Lưu: VT;\nNguyễn Văn A\n"
    assert extract_fields(text, ocr=True)["recipients"] == ["Như trên", "Lưu: VT"]
    # a code wrapped onto a line of its own ends its item; a title in capitals ends the list
    text = "Nơi nhận:\n- Như trên;\n- Các đơn vị: CSL, PTDNNN\nBTC;\n- Lưu: VT.\n\nKT. CỤC TRƯỞNG\nNguyễn Văn A\n"
    assert extract_fields(text, ocr=True)["recipients"] == ["Như trên", "Các đơn vị: CSL, PTDNNN BTC", "Lưu: VT"]
    text = "Nơi nhận:\n- Như trên;\n- VP(BTC), Ban NVT (CT),; Vụ PC;\n- Lưu: VT CS(3b).\n"
    # a bracket as OCR read it: no space invented before '(' ('VX(M)' is printed so too)
    assert extract_fields(text, ocr=True)["recipients"] == ["Như trên", "VP(BTC), Ban NVT (CT), Vụ PC", "Lưu: VT, CS(3b)"]
    text = "Nơi nhận:\n- Như trên;\n- Các đơn vị: CSL\nPHÓ CỤC TRƯỞNG\n- Lưu: VT.\n"
    assert extract_fields(text, ocr=True)["recipients"] == ["Như trên", "Các đơn vị: CSL"]


def test_unsure_tone_change_of_a_confident_capitalised_word_is_not_taken():
    """Restoration made 'Ban PC-CT' into 'Bản PC-CT' at 0.69: a capitalised word OCR read at 93 % keeps its
    reading unless restoration is sure (≥ 0.9) of the new tone."""
    words = _row_words(100, 150, "Số: 12/BC-UBND", 0)
    words += _row_words(600, 150, "Nơi nhận:", 1) + _row_words(640, 150, "- Ban PC-CT;", 2)
    words += _row_words(680, 150, "- Lưu: VT.", 3)
    raw = "\n".join(" ".join(w.text for w in words if w.line == k) for k in range(4))
    at = raw.index("Ban")
    restored = raw[:at] + "Bản" + raw[at + 3:]
    page = Page(number=1, raw_text=raw, text=restored, words=words, width=2480, height=3508,
                corrections=[{"start": at, "end": at + 3, "text": "Ban", "output": "Bản", "confidence": 0.69}])
    assert _restored_page_fields(page)["recipients"] == ["Ban PC-CT", "Lưu: VT"]
    page.corrections[0]["confidence"] = 0.95
    assert _restored_page_fields(page)["recipients"] == ["Bản PC-CT", "Lưu: VT"]


def _restored_page_fields(page: Page) -> dict:
    """Fields of a page whose restored text is given: restoration's per-word arbitration, layout, fields."""
    set_word_texts(page)
    page.layout = None
    return extract_fields(Document(source="x.png", pages=[page]))


def test_centred_type_under_the_header_is_not_the_right_column():
    """'KẾ HOẠCH' centred under a two-column header starts right of 40 % of the page: it is the type line and the
    capitalised subject under it ('THỰC HIỆN QUYẾT ĐỊNH …', which opens like a body paragraph) is the subject."""
    rows = [(100, "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (140, "TỈNH NGHỆ AN", "Độc lập - Tự do - Hạnh phúc"),
            (200, "Số: 980/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025")]
    words: list[Word] = []
    for n, (y, left, right) in enumerate(rows):
        words += _row_words(y, 150, left, n) + _row_words(y, 1350, right, n)
    words += _row_words(300, 1184, "KẾ HOẠCH", 3)
    words += _row_words(340, 700, "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG CỦA THỦ TƯỚNG", 4)
    words += _row_words(380, 800, "VỀ PHÒNG THỦ DÂN SỰ", 5)
    words += _row_words(440, 150, "Thực hiện Quyết định số 1899/QĐ-TTg, Ủy ban nhân dân tỉnh ban hành Kế hoạch:", 6)
    raw = "\n".join(" ".join(w.text for w in words if w.line == k) for k in range(7))
    page = Page(number=1, raw_text=raw, text=raw, words=words, width=2480, height=3508)
    f = extract_fields(Document(source="x.png", pages=[page]))
    assert (f["type"], f["place"]) == ("KẾ HOẠCH", "Nghệ An")
    assert f["subject"] == "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG CỦA THỦ TƯỚNG VỀ PHÒNG THỦ DÂN SỰ"


def test_renderer_undoes_the_scrapers_cuts_in_the_header():
    """The benchmark's page renderer lays out what was printed: the issuer's rule line, a place cut off its date
    ('Hà' / 'Nội, ngày …') and a word cut off the authority line ('THỦ' / 'TƯỚNG CHÍNH PHỦ điện:')."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\n\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Số: 226/CĐ-TTg\n\nHà\nNội, ngày 21 tháng 11 năm 2025\n\nCÔNG ĐIỆN\nVỀ VIỆC TĂNG CƯỜNG CÔNG TÁC\n"
            "ỨNG PHÓ MƯA, LŨ\nTHỦ\nTƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng các Bộ.\nNội dung.\n\nNơi nhận:\n"
            "- Như trên;\n- Lưu: VT.\n\nTHỦ TƯỚNG\nPhạm Minh Chính\n")
    d = render.parse_document(text)
    assert (d.issuer, d.vv, d.place_date) == (["THỦ TƯỚNG CHÍNH PHỦ"], "", "Hà Nội, ngày 21 tháng 11 năm 2025")
    assert (d.doc_type, d.subject) == ("CÔNG ĐIỆN", "VỀ VIỆC TĂNG CƯỜNG CÔNG TÁC ỨNG PHÓ MƯA, LŨ")
    assert d.body[0] == "THỦ TƯỚNG CHÍNH PHỦ điện:"
    # a one-word last line of the subject that is not the authority's first word stays in the subject
    d = render.parse_document(text.replace("ỨNG PHÓ MƯA, LŨ\nTHỦ", "CHO NHỮNG NĂM TIẾP\nTHEO\nTHỦ"))
    assert d.subject.endswith("NĂM TIẾP THEO") and d.body[0] == "THỦ TƯỚNG CHÍNH PHỦ điện:"


def test_stray_quote_before_capitals_is_a_speck():
    """At 150 dpi a speck before the issuer or a title word is read as a quote mark that is never closed."""
    text = ("'THỦ TƯỚNG CHÍNH PHỦ\nSố: 228/CĐ-TTg\nHà Nội, ngày 15 tháng 11 năm 2025\nCÔNG ĐIỆN\n"
            "VỀ VIỆC 'TĂNG CƯỜNG ỨNG PHÓ\n'LA NIÑA' NĂM 2025\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Các Bộ.\n")
    f = extract_fields(text)
    assert f["issuer"] == "THỦ TƯỚNG CHÍNH PHỦ"
    assert f["subject"] == "VỀ VIỆC TĂNG CƯỜNG ỨNG PHÓ 'LA NIÑA' NĂM 2025"


def test_renderer_lays_out_every_shape_of_the_benchmark_texts():
    """Besides the Decree-30 header: the Party's ('ĐẢNG CỘNG SẢN VIỆT NAM' for motto), none (the text starts at
    'Kính gửi'), and a quyết định without Nơi nhận whose signature follows the closing './.' (the annex after it
    is not drawn). Every one of the 52 benchmark texts renders; each page prints what the extractor reads."""
    party = render.parse_document(load("kl_221_kl_tw.txt"))
    assert (party.issuer, party.motto, party.number) == (["BAN CHẤP HÀNH TRUNG ƯƠNG"], ("ĐẢNG CỘNG SẢN VIỆT NAM",),
                                                         "Số 221-KL/TW")
    assert party.signature[-1] == "Trần Cẩm Tú" and party.recipients[0] == "Nơi nhận:"
    qd = render.parse_document(load("qd_2638_qd_ubnd.txt"))
    assert qd.recipients == [] and qd.signature == ["T/M ỦY", "BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Đức Ấn"]
    assert qd.body[-1].endswith("thực hiện./.") and qd.annex == []
    # an annex after the signature is laid out from a new page, a scraped table cell per line
    annexed = render.parse_document(load("qd_2638_qd_ubnd.txt").rstrip("\n") +
                                    "\n\nPHỤ LỤC\nDANH MỤC THỦ TỤC\n1\nThủ tục A\n14 ngày làm việc\n")
    assert annexed.signature[-1] == "Phạm Đức Ấn"
    assert annexed.annex == ["PHỤ LỤC", "DANH MỤC THỦ TỤC", "1", "Thủ tục A", "14 ngày làm việc"]
    _, truth = render.layout_document(annexed, dpi=100)
    assert truth[-1][-2:] == ["Thủ tục A", "14 ngày làm việc"] and "Phạm Đức Ấn" in truth[-2]
    letter = load("cv_5348_ct_cs.txt")
    letter = letter[letter.index("Kính gửi"):]
    bare = render.parse_document(letter)
    assert (bare.issuer, bare.number, bare.motto) == ([], "", ())
    assert bare.body[0].startswith("Kính gửi") and bare.signature[-1] == "Phạm Thị Minh Hiền"
    pages, truth = render.layout_document(bare, dpi=100)
    assert truth[0][0].startswith("Kính gửi") and "Phạm Thị Minh Hiền" in truth[-1]
    f = extract_fields("\n".join(line for page in truth for line in page))
    assert (f["number"], f["issuer"], f["date"]) == (None, None, None)
    assert f["signer"]["name"] == "Phạm Thị Minh Hiền" and f["recipients"][-1] == "Lưu: VT, CS"


def test_item_wrapped_after_a_comma_read_as_a_full_stop():
    """'TGĐ,' read 'TGĐ.' at the end of a wrapped line is not the end of the list when another item ('~ Lưu', the
    dash read as a tilde) follows: the wrapped rest and the filing line stay in."""
    text = ("Quyết định này có hiệu lực./.\n\nNơi nhận:\n~ Như Điều 3;\n- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ.\n"
            "Cổng TTĐT, các Vụ, Cục, Công báo;\n~ Lưu: VT, KSTT (2).\n\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Chí Dũng\n")
    assert extract_fields(text)["recipients"] == [
        "Như Điều 3", "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ. Cổng TTĐT, các Vụ, Cục, Công báo", "Lưu: VT, KSTT (2)"]
    # a full stop with no item after it ends the list: the signature's lines are not recipients
    assert extract_fields(text.replace("\n~ Lưu: VT, KSTT (2).", ""))["recipients"][-1] == \
        "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ"


def test_reference_with_its_issuer_code_left_out():
    """'Quyết định số 68/QĐ- ngày 10/02/2017': the word after the dangling hyphen is running text, not a code;
    the date after it still belongs to the reference. A spaced hyphen before a capitalised code stays a code."""
    refs = extract_fields("được phê duyệt theo Quyết định số 68/QĐ- ngày 10/02/2017 của Hiệu trưởng; "
                          "Quyết định số 29/2019/QĐ - UBND ngày 30/8/2019 của UBND tỉnh Hà Nam.")["references"]
    assert [(r["number"], r["date"]) for r in refs] == [("68/QĐ", "2017-02-10"), ("29/2019/QĐ-UBND", "2019-08-30")]


def test_spaces_and_case_ocr_loses_in_the_closing_block():
    """'T/MỦY' (the space after the slash form lost), '(3)Q' and a unit code read 'Cs' (c, s differ from their
    capitals only in size): authority found, space put back, code in capitals; a drafter's name and 'KTr2' kept."""
    text = ("Quyết định này có hiệu lực./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, KGVX (3)Q.\n\nT/MỦY\nBAN NHÂN DÂN\n"
            "CHỦ TỊCH\nPhạm Đức Ấn\n")
    f = extract_fields(text, ocr=True)
    assert (f["signer"]["authority"], f["signer"]["title"]) == ("TM.", "CHỦ TỊCH")
    assert f["recipients"] == ["Như trên", "Lưu: VT, KGVX (3) Q"]
    assert extract_fields(text.replace("KGVX (3)Q", "Cs, KTr2, HDiem"), ocr=True)["recipients"][-1] == "Lưu: VT, CS, KTr2, HDiem"


def test_signature_without_nơi_nhận_and_a_name_word_under_the_signature():
    """A quyết định signed above its annex has no Nơi nhận: seal debris in the signature column is dropped all the
    same ('TY' at 34 %, tall). A name word the handwriting crosses is read unsure ('Trần' at 46 %) but is kept
    beside the surely read rest of the name."""
    first = _row_words(300, 150, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", 0)
    words = _row_words(100, 150, "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.", 0)
    for n, (y, text) in enumerate([(600, "KT. CHỦ TỊCH"), (640, "PHÓ CHỦ TỊCH"), (700, "TY"),
                                   (800, "Trần Hồng Hà")], 1):
        words += _row_words(y, 1400, text, n)
    for w in words:
        if w.text == "TY":
            w.box, w.confidence = (w.box[0], w.box[1], w.box[2], 70), 34.0
        if w.text == "Trần":
            w.confidence = 46.0
    raw = "\n".join(" ".join(w.text for w in words if w.line == k) for k in range(5))
    pages = [Page(number=1, raw_text=first[0].text, text=" ".join(w.text for w in first), words=first, width=2480,
                  height=3508),
             Page(number=2, raw_text=raw, text=raw.replace("TY", "TỶ"), words=words, width=2480, height=3508)]
    f = extract_fields(Document(source="x.png", pages=pages))
    assert f["signer"]["title"] == "PHÓ CHỦ TỊCH" and f["signer"]["name"] == "Trần Hồng Hà"


def test_printed_recipients_are_kept_as_printed():
    """Text as printed (a .txt that reads well, a good text layer) keeps each Nơi nhận item's spelling: no space
    put before a bracket, a ';' inside an item stays, a code keeps its case."""
    text = ("BỘ NỘI VỤ\nSố: 12/QĐ-BNV\nHà Nội, ngày 01 tháng 12 năm 2025\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
            "Điều 1. Thành lập Tổ công tác./.\nNơi nhận:\n- Như Điều 3;\n- Thủ tướng Chính phủ; các Phó TTCP;\n"
            "- VPUB: PCVP(Tr); TPTH;\n- Lưu: VT, VX(M), Hcc3.\nBỘ TRƯỞNG\nPhạm Thị Thanh Trà\n")
    assert extract_fields(text)["recipients"] == ["Như Điều 3", "Thủ tướng Chính phủ; các Phó TTCP",
                                                  "VPUB: PCVP(Tr); TPTH", "Lưu: VT, VX(M), Hcc3"]
    doc = Document(source="qd.txt", pages=[Page(number=1, raw_text=text, text=text, source="text")],
                   meta={"profile": "vie"})
    assert extract_fields(doc)["recipients"][-1] == "Lưu: VT, VX(M), Hcc3"
    # OCR output keeps an inner ';' too: real scans print it before a small letter ('Bộ trưởng; các Thứ trưởng')
    assert extract_fields(text, ocr=True)["recipients"][1] == "Thủ tướng Chính phủ; các Phó TTCP"


def test_names_of_text_as_printed_are_not_restored():
    """A .txt that reads as Vietnamese: restoration may re-spell a rare name ('Phớc' → 'Phúc'); fields read the
    text as printed."""
    text = "CHÍNH PHỦ\nSố: 08/2025/NQ-CP\nHà Nội, ngày 26 tháng 11 năm 2025\nNGHỊ QUYẾT\nVề việc X\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n"
    doc = Document(source="nq.txt", pages=[Page(number=1, raw_text=text, text=text.replace("Phớc", "Phúc"),
                                                source="text")], meta={"profile": "vie"})
    assert extract_fields(doc)["signer"]["name"] == "Hồ Đức Phớc"


def test_cong_van_with_ve_for_vv_and_cong_dien_caps_vv_title():
    """A công văn may print "Về …" instead of "V/v" under its number (the prefix is dropped, as for V/v); a
    công điện's capital title may open with "V/V" (kept, as printed)."""
    cv = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 5155/SGDĐT-GDTXNNĐH\nVề hướng dẫn đánh giá, xếp loại trung tâm học tập\n\n"
          "Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\nKính gửi: Ủy ban nhân dân phường, xã\n")
    f = extract_fields(cv)
    assert (f["type"], f["subject"]) == ("CÔNG VĂN", "hướng dẫn đánh giá, xếp loại trung tâm học tập")
    cd = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 227/CĐ-TTg\nHà Nội, ngày 23 tháng 11 năm 2025\nCÔNG ĐIỆN\nV/V TẬP TRUNG KHẮC\n"
          "PHỤC HẬU QUẢ SAU MƯA LŨ\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng các bộ;\n")
    assert extract_fields(cd)["subject"] == "V/V TẬP TRUNG KHẮC PHỤC HẬU QUẢ SAU MƯA LŨ"


def test_caps_title_wrapped_before_its_years():
    text = ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 58/2025/NQ-HĐND\nHà Nội, ngày 27 tháng 11 năm 2025\nNGHỊ QUYẾT\n"
            "QUY ĐỊNH MỨC HỌC PHÍ NĂM HỌC\n2025-2026\nCăn cứ Luật Giáo dục số 43/2019/QH14;\n")
    assert extract_fields(text)["subject"] == "QUY ĐỊNH MỨC HỌC PHÍ NĂM HỌC 2025-2026"


def test_deputy_signing_under_a_unit_head_without_kt():
    text = ("Nơi nhận:\n- Như trên;\n- Lưu: VT, NVTHQ (3b).\nTL. CỤC TRƯỞNG\nTRƯỞNG BAN NGHIỆP VỤ THUẾ HQ\n"
            "PHÓ TRƯỞNG BAN\nĐào Thu Hương\n")
    s = extract_fields(text)["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("TL.", "PHÓ TRƯỞNG BAN", "Đào Thu Hương")
    two_posts = text.replace("TL. CỤC TRƯỞNG\nTRƯỞNG BAN NGHIỆP VỤ THUẾ HQ\nPHÓ TRƯỞNG BAN",
                             "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\nPHÓ THỦ TƯỚNG")
    assert extract_fields(two_posts)["signer"]["title"] == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"


def test_drafter_note_under_the_filing_line_and_a_blank_template_in_the_annex():
    text = ("Điều 3. Thi hành./.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT, CT.\n16 QĐ\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
            "Trương Cảnh Tuyên\n\nPHỤ LỤC\nMẫu văn bản\nNơi nhận:\n\n")
    assert extract_fields(text)["recipients"] == ["Như Điều 3", "Lưu: VT, CT. 16 QĐ"]


def test_ocr_place_spelled_as_a_known_place():
    text = ("CÔNG AN TỈNH LÂM ĐỒNG\nSố: 289/TTr-CAT-PC06\nLâm Đông, ngày 22 tháng 10 năm 2025\nTỜ TRÌNH\n"
            "Về việc báo cáo\nCông an tỉnh Lâm Đồng báo cáo như sau.\n")
    assert extract_fields(text, ocr=True)["place"] == "Lâm Đồng"
    assert extract_fields(text)["place"] == "Lâm Đông"  # text as printed is not corrected


def test_place_and_date_lines_apart_two_line_issuer_and_dotted_symbols():
    """Place and date on their own lines ('Hà Nội,' / 'ngày …'); an issuer printed 'CỤC' / 'HẢI QUAN'; a
    symbol with a part after a dot ('11554/VPCP-V.I', 'số 4814/CCTKV.05-TTKT3')."""
    text = ("BỘ TÀI CHÍNH\nCỤC\nHẢI QUAN\nSố: 11554/VPCP-V.I\nV/v tuyển dụng\nHà Nội,\nngày 25 tháng 11 năm 2025\n"
            "Kính gửi: Các Sở Nội vụ\nCục nhận được công văn số 4814/CCTKV.05-TTKT3 ngày 30/06/2025.\n")
    f = extract_fields(text)
    assert (f["place"], f["date"], f["subject"]) == ("Hà Nội", "2025-11-25", "tuyển dụng")
    assert (f["parent_issuer"], f["issuer"]) == ("BỘ TÀI CHÍNH", "CỤC HẢI QUAN")
    assert f["number"]["full"] == "11554/VPCP-V.I"
    assert [r["number"] for r in f["references"]] == ["4814/CCTKV.05-TTKT3"]
    assert extract_fields("Số: 12/BC-UBND.Căn cứ")["number"]["full"] == "12/BC-UBND"


def test_issuer_without_what_ocr_left_on_its_lines():
    """A symbol's code left on the issuer line when OCR lost "Số:" ('/GM-UBND'), a draft label or the type title
    read on the same row, and a body the list of heads did not know ('LIÊN ĐOÀN …') under its parent."""
    f = extract_fields("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG /GM-UBND\nLâm Đồng, ngày 06 tháng 11 năm 2025\nGIẤY MỜI\nHọp\n")
    assert f["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    f = extract_fields("BỘ GIÁO DỤC VÀ ĐÀO TẠO DỰ THẢO 1\nSố:    /2025/TT-BGDĐT\nHà Nội, ngày   tháng   năm 2025\n"
                       "THÔNG TƯ\nQuy định thi\n")
    assert f["issuer"] == "BỘ GIÁO DỤC VÀ ĐÀO TẠO"
    f = extract_fields("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG\nSố: 81/LĐLĐ-CTCĐ\n"
                       "V/v giới thiệu\nLâm Đồng, ngày 03 tháng 9 năm 2025\n")
    assert (f["parent_issuer"], f["issuer"]) == ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG")


def test_blank_number_marked_unread_without_its_colon():
    """The re-read marks unread handwriting "…"; where OCR also lost the colon ("Số … /LĐLĐ-CTCĐ") the number
    keeps its printed part."""
    f = extract_fields("LIÊN ĐOÀN LAO ĐỘNG\nSố … /LĐLĐ-CTCĐ\nV/v giới thiệu\nLâm Đồng, ngày … tháng 9 năm 2025\n")
    assert f["number"] == {"full": None, "seq": None, "year": None, "type_code": None, "issuer_code": "LĐLĐ-CTCĐ"}


def test_recipients_not_from_an_annexed_form():
    """A decision whose annex holds forms to fill in, each with its own "Nơi nhận" of dots: the list that counts
    is the document's own, before its signature, not the last form's ("- Như trên; - ………….; - Lưu VT.")."""
    text = ("Điều 3. Thủ trưởng các cơ quan, đơn vị thuộc UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.\n\n"
            "Nơi nhận:\n- Như Điều 3;\n- Cục KSTTHC(VP Chính phủ);\n- Lưu: VT, TTPVHCC.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nMai Sơn\n\nPHỤ LỤC 1\nMẫu số 01. Đơn đề nghị\n"
            "Số điện thoại: ………….\n\nNơi nhận:\n- Như trên;\n-..……………;\n- Lưu VT.\n\n"
            "(…2….)\nQUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ\n(Ký, ghi rõ họ tên và đóng dấu)\n")
    f = extract_fields(text)
    assert f["recipients"] == ["Như Điều 3", "Cục KSTTHC(VP Chính phủ)", "Lưu: VT, TTPVHCC"]
    assert f["signer"]["name"] == "Mai Sơn"


def test_recipients_keep_a_printed_placeholder():
    """The filing line printed with its blank left as dots ("- Lưu: VT, …………………") is kept as printed."""
    text = ("Nơi nhận:\n- Thủ tướng Chính phủ (để b/c);\n- Các cơ quan, đơn vị trực thuộc Bộ Quốc phòng;\n"
            "- Lưu: VT, …………………\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Vũ Hải Sản\n")
    assert extract_fields(text)["recipients"][-1] == "Lưu: VT, …………………"


@pytest.mark.parametrize("printed", ["Tôn Nữ Thị Hồng\nNhung", "Tôn Nữ Thị\nHồng Nhung", "Tôn\nNữ Thị Hồng Nhung"])
def test_signer_name_wrapped_onto_a_second_line(printed):
    """Decree 30: the signer's full name is the last line of the block; a narrow signature cell wraps a long
    name, and every syllable of both lines is the name (a 'Phụ lục' heading under it is not)."""
    t = ("Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.\n\nTUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\n\n" + printed)
    assert extract_fields(t)["signer"]["name"] == "Tôn Nữ Thị Hồng Nhung"
    assert extract_fields(t + "\n\nPHỤ LỤC\nDanh mục thủ tục")["signer"]["name"] == "Tôn Nữ Thị Hồng Nhung"
    assert extract_fields(t.rsplit("\n", 2)[0] + "\n\nNguyễn Văn An\nPhụ lục")["signer"]["name"] == "Nguyễn Văn An"


def test_vv_subject_going_on_with_a_line_opening_like_a_body_paragraph():
    """5615/CT-CS in a narrow left column: 'V/v Mẫu tờ khai liên quan đến' / 'thực hiện Nghị quyết số' /
    '98/2023/QH15' is one trích yếu (a body paragraph opens with a capital), and the date line after it is read."""
    t = ("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5615/CT-CS\nV/v Mẫu tờ khai liên quan đến\nthực hiện Nghị quyết số\n"
         "98/2023/QH15\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Hà Nội, ngày 28 tháng 11 năm 2025\n\nKính gửi: Thuế thành phố Hồ Chí Minh\n")
    f = extract_fields(t)
    assert f["subject"] == "Mẫu tờ khai liên quan đến thực hiện Nghị quyết số 98/2023/QH15"
    assert (f["place"], f["date"]) == ("Hà Nội", "2025-11-28")
    body = t.replace("V/v Mẫu tờ khai liên quan đến\nthực hiện Nghị quyết số\n98/2023/QH15\n", "V/v Mẫu tờ khai.\n")
    assert extract_fields(body + "Thực hiện Nghị quyết số 98/2023/QH15, Cục Thuế trả lời.\n")["subject"] == "Mẫu tờ khai"


@pytest.mark.parametrize("read", ["Q. GIÁM ĐỐC", "Q GIÁM ĐỐC", "Q, GIÁM ĐỐC", "Q.GIÁM ĐỐC"])
def test_signer_acting_head_with_an_empty_post(read):
    """Decree 30's Q. (acting) block: 'Q. GIÁM ĐỐC' then the name; no post of its own is printed, so the title is
    None (as 'TM. BỘ CHÍNH TRỊ' / name in the gold); OCR reads the dot as ',' or loses it."""
    t = "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.\n\n" + read + "\n\n\nNguyễn Văn An"
    s = extract_fields(t, ocr=read != "Q. GIÁM ĐỐC")["signer"]
    assert (s["authority"], s["title"], s["name"]) == ("Q.", None, "Nguyễn Văn An")
    assert extract_fields("Nơi nhận:\n- Như trên;\n- Lưu: VT, Q.\n\nQUY ĐỊNH\nNguyễn Văn An")["signer"] is None


@pytest.mark.parametrize("block, title", [("TM. BỘ CHÍNH TRỊ\nTHƯỜNG TRỰC BAN BÍ THƯ", "THƯỜNG TRỰC BAN BÍ THƯ"),
                                          ("TL. GIÁM ĐỐC\nKẾ TOÁN TRƯỞNG", "KẾ TOÁN TRƯỞNG"),
                                          ("TM. ỦY BAN NHÂN\nDÂN\nCHỦ TỊCH", "CHỦ TỊCH"),
                                          ("KT. TRƯỞNG BAN\nBAN CHÍNH SÁCH\nPHÓ TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")])
def test_signer_post_on_its_own_line_under_the_authority(block, title):
    """The post printed on the line under the authority line is the title, not a wrap of the authority's post
    ('THƯỜNG TRỰC …' under 'TM. BỘ CHÍNH TRỊ'); a body's name wrapped under it still is a wrap."""
    s = extract_fields("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n" + block + "\n\n\nTrần Cẩm Tú")["signer"]
    assert (s["title"], s["name"]) == (title, "Trần Cẩm Tú")


@pytest.mark.parametrize("printed, degree", [("TS Nguyễn Văn An", "TS"), ("PGS.TS Nguyễn Văn An", "PGS.TS"),
                                             ("ThS.BSCKII Nguyễn Văn An", "ThS.BSCKII"),
                                             ("GS.TSKH. Nguyễn Văn An", "GS.TSKH.")])
def test_signer_name_after_an_academic_title(printed, degree):
    """Decree 30 lets the signer print an academic title or degree before the name, with or without its dots; the
    name is the rest (as a military rank: 'Thượng tướng Võ Minh Lương' → 'Võ Minh Lương')."""
    s = extract_fields("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n" + printed)["signer"]
    assert (s["name"], s["rank"]) == ("Nguyễn Văn An", degree)


@pytest.mark.parametrize("block, authority, title", [
    ("K/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", "KT.", "PHÓ CHÁNH VĂN PHÒNG"),
    ("T.M ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM.", "CHỦ TỊCH"),
    ("T/M BAN BÍ THƯ", "TM.", None)])
def test_signer_party_form_of_the_authority(block, authority, title):
    """The Party's documents write the authority 'K/T', 'T/M' (a scan or a copy also 'T.M'): canonical 'KT.', 'TM.'
    as the gold's rules say."""
    s = extract_fields("Nơi nhận:\n- Như trên;\n- Lưu: VPTW.\n\n" + block + "\n\n\nTrần Cẩm Tú")["signer"]
    assert (s["authority"], s["title"], s["name"]) == (authority, title, "Trần Cẩm Tú")


# a Văn phòng's phiếu trình as OCR lays it out (the form of the real set's vpubndld_phieutrinh_2026: its own
# running number after "Số:", no date in the header, the date in the dated sign-off boxes, cells split by "|")
PHIEU_TRINH = """UBND TỈNH LÂM ĐỒNG
VĂN PHÒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{number}
PHIẾU TRÌNH
Kính gửi: - Lãnh đạo UBND tỉnh;
- Lãnh đạo Văn phòng UBND tỉnh.
I. NỘI DUNG TRÌNH/CHỈ ĐẠO
1. Văn bản/cơ quan, đơn vị: Tờ trình số 95/TTr-HĐTĐ ngày 03/02/2026 của Hội đồng Thẩm định.
2. Trích yếu: V/v tờ trình Quyết định công bố Chỉ số cải cách hành chính năm 2025.
PHÒNG XỬ LÝ CHÍNH: NỘI CHÍNH LÃNH ĐẠO VĂN PHÒNG
Chuyên viên Lãnh đạo phòng
{boxes}
Trương Hải Châu Nguyễn Tuấn Anh Đỗ Tấn Sương
"""


def test_a_running_number_printed_with_its_separators_after_so():
    """'Số: 02-02/26/PT-NC': the sequence keeps its hyphen, the two-digit year is no year; only after the
    header's 'Số:' (the same shape in running text is no symbol)."""
    f = extract_fields(PHIEU_TRINH.format(number="Số: 02-02/26/PT-NC", boxes=""))
    assert f["number"] == {"full": "02-02/26/PT-NC", "seq": "02-02", "year": None, "type_code": None,
                           "issuer_code": "PT-NC"}
    assert parse_number("02-02/26/PT-NC")["full"] == "02-02/26/PT-NC"
    assert extract_fields(PHIEU_TRINH.format(number="", boxes=""))["number"] is None
    assert parse_number("02-02/2026") is None


def test_a_forms_date_from_its_sign_off_boxes_that_agree():
    """No date line in the header: two or more sign-off boxes printing the same whole date give it; one box,
    boxes that disagree, or a box whose day is blank give none."""
    two = "Ngày 03 tháng 02 năm 2026 | Ngày 03 tháng 02 năm 2026 | ------\nNgày\ntháng 02 năm 2026"
    assert extract_fields(PHIEU_TRINH.format(number="", boxes=two))["date"] == "2026-02-03"
    one = "Ngày 03 tháng 02 năm 2026 | ------\nNgày tháng 02 năm 2026"
    assert extract_fields(PHIEU_TRINH.format(number="", boxes=one))["date"] is None
    other = "Ngày 03 tháng 02 năm 2026 | Ngày 04 tháng 02 năm 2026"
    assert extract_fields(PHIEU_TRINH.format(number="", boxes=other))["date"] is None
    # a dated header wins: the boxes are not read
    dated = PHIEU_TRINH.format(number="", boxes=two).replace("Hạnh phúc\n", "Hạnh phúc\nLâm Đồng, ngày 02 tháng 02 năm 2026\n")
    assert extract_fields(dated)["date"] == "2026-02-02"
