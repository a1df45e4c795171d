"""Alignment of OCR output with source text (tools.ocr_pairs): tokens and lines, no Tesseract."""
from tools.ocr_pairs import align_lines, align_tokens, bare, token_pairs


def test_identity():
    toks = "Ủy ban nhân dân huyện".split()
    assert align_tokens(toks, toks) == [(t, t) for t in toks]


def test_split_token():
    pairs = align_tokens("công văn số 1140/STTTT-TTBCXB".split(), "cdng vin sb 1 140/STTTT-TTBCXB".split())
    assert pairs == [("công", "cdng"), ("văn", "vin"), ("số", "sb"), ("1140/STTTT-TTBCXB", "1 140/STTTT-TTBCXB")]


def test_split_plain_number():
    assert align_tokens("số 1140 ngày".split(), "sb 1 140 ngay".split()) == [
        ("số", "sb"), ("1140", "1 140"), ("ngày", "ngay")]


def test_merged_tokens():
    assert align_tokens("cung cấp thông tin".split(), "cungcap thong tin".split()) == [
        ("cung cấp", "cungcap"), ("thông", "thong"), ("tin", "tin")]


def test_dropped_token():
    assert align_tokens("kinh tế - xã hội".split(), "kinh té xa hdi".split()) == [
        ("kinh", "kinh"), ("tế", "té"), ("-", ""), ("xã", "xa"), ("hội", "hdi")]


def test_inserted_token():
    assert align_tokens("trên địa bàn".split(), "trên * dia ban".split()) == [
        ("trên", "trên"), ("", "*"), ("địa", "dia"), ("bàn", "ban")]


def test_no_spurious_merge_on_tie():
    # dropping "tin" is as cheap as merging "thông tin" into "thông": prefer the 1-1 + drop
    assert align_tokens("thông tin".split(), ["thông"]) == [("thông", "thông"), ("tin", "")]


def test_empty_sides():
    assert align_tokens([], ["x"]) == [("", "x")]
    assert align_tokens(["x"], []) == [("x", "")]
    assert align_tokens([], []) == []


def test_token_pairs_record_bare_pair():
    pairs = token_pairs("xã hội, an ninh", "x4 hdi, an ninh")
    assert ("hội,", "hdi,") in pairs and ("hội", "hdi") in pairs
    assert ("xã", "x4") in pairs and pairs.count(("an", "an")) == 1
    assert bare("(1140/QĐ-UBND),") == "1140/QĐ-UBND"


def test_lines_with_dropped_ocr_line():
    truth = ["Kết quả thực hiện Quy chế phát ngôn", "và cung cấp thông tin cho báo chí năm 2020",
             "Căn cứ công văn số 1140/STTTT-TTBCXB ngày 20 tháng 11", "của Sở Thông tin và Truyền thông"]
    ocr = ["Két qua thire hién Quy ché phat ngén", "Can ¢ cdng vin sb 1 140/STTTT-TTBCXB ngay 20 thang 11",
           "cta S& thong tin va Truyén théng"]
    assert align_lines(truth, ocr) == [([0], [0]), ([2], [1]), ([3], [2])]


def test_lines_with_spurious_and_split_line():
    truth = ["Điều 1. Phạm vi điều chỉnh", "Bộ luật tố tụng hình sự quy định trình tự, thủ tục tiếp nhận"]
    ocr = [". ,", "Diéu 1. Pham vi diéu chinh", "Bo luat t6 tung hinh sy quy dinh", "trinh tu, thi tuc tiép nhan"]
    assert align_lines(truth, ocr) == [([0], [1]), ([1], [2, 3])]
