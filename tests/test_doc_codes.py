"""Symbol parts written with Đ: an English-model layer or accent-stripped text writes them with D."""
from ocrfix.doc_codes import fix_code, learned_parts, official_part
from ocrfix.fields.number import parse_number
from ocrfix.restoration import restore
from ocrfix.restoration import syllables as S


def test_learned_parts_are_symbols_not_words():
    parts = learned_parts()
    assert parts["BGDDT"] == "BGDĐT" and parts["HDND"] == "HĐND"
    assert all("Đ" in v and k == v.replace("Đ", "D") for k, v in parts.items())
    assert not any(S.is_syllable(v.lower()) for v in parts.values())  # "ĐUA" of an upper-case title stays out
    assert official_part("UBND") == "UBND" and official_part("QD") == "QĐ"


def test_a_symbol_gets_its_d_back_in_every_part():
    assert fix_code("5155/SGDDT-GDTX") == "5155/SGDĐT-GDTX"
    assert fix_code("SGDDT") == "SGDDT"  # no '/': not a symbol
    assert parse_number("1144/BGDDT-GDTX", doc_is_cong_van=True)["issuer_code"] == "BGDĐT-GDTX"


def test_an_abbreviation_standing_alone_is_restored_in_mark_free_text_only():
    assert restore("Kinh gui: HDND tinh, Truong CTDT", profile="eng") == "Kính gửi: HĐND tỉnh, Trường CTĐT"
    assert "HĐND" in restore("Nghi quyet cua HDND tinh ve du toan ngan sach")  # accent-stripped: plain profile
    correct = "Kính gửi: Thường trực HĐND tỉnh; Sở GDĐT; DN ABCD."
    assert restore(correct) == correct
