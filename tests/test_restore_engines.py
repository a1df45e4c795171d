"""Issue 14: other OCR engines' garble (glyph-shape confusions, case noise, mark-free layers) and rare names
that must stay as they are. The garbled lines are written in the style of the real text layers measured in
benchmarks/restore.py (OmniPage, old English-model Helvetica layers), not copied from them."""
import dataclasses
import math

from ocrfix.restoration import detect_profile, restore
from ocrfix.restoration.channel import load_channel
from ocrfix.restoration.glyphs import glyph_prior
from ocrfix.tuning import RestoreTuning

OFF = dataclasses.replace(RestoreTuning(), glyph_prior=0.0)


def test_mark_free_layer_with_digits_in_words_is_eng_not_plain():
    layer = ("Uy ban nhdn dAn tinh t6 chric bu,ii lam viec d,5 nghe Sd NQi vu b6o c6o\n"
             "rllnh gi6 k6t qu6 vi gi6i ph6p n6ng cao c6c chi s5 c6i c6ch hdnh chinh d6i v6i dlch vu c6ng")
    assert detect_profile(layer) == "eng"
    stripped = ("Uy ban nhan dan tinh to chuc buoi lam viec de nghe So Noi vu bao cao danh gia ket qua va "
                "giai phap nang cao cac chi so cai cach hanh chinh")
    assert detect_profile(stripped) == "plain"


def test_glyph_confusions_of_other_engines_are_repaired():
    cases = {
        "CQNG HOA XA HQI CHU NGHIA VIET NAM": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # Q for a dotted O
        "Kinh gui: Sd NQi vu tinh Lam Dong": "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng",   # case noise inside a word
        "Dc 1p - Ttr do - Hanh phuc": "Độc lập - Tự do - Hạnh phúc",                 # 1 for l, "tr" for ự
    }
    for src, want in cases.items():
        assert restore(src, profile="eng") == want
        assert restore(src, profile="eng", tuning=OFF) != want  # it is the glyph table that does it


def test_abbreviations_survive_the_case_noise_rule():
    src = "KT. CHU TICH, UBND, TTg, HDND, PAR INDEX, PCI, VT, TCKT"
    out = restore(src, profile="eng")
    for keep in ("UBND", "TTg", "HDND", "PAR", "INDEX", "PCI", "VT", "TCKT"):
        assert keep in out.replace(",", " ").split()


def test_glyph_prior_only_adds_likelihood_to_the_learned_channel():
    learned, merged = load_channel("eng"), load_channel("eng", 0.01)
    for c, row in learned.table.items():
        for s, lp in row.items():
            assert merged.table[c][s] >= lp
    assert merged.logp("cqng", "cộng") > learned.logp("cqng", "cộng")
    assert merged.logp("s5", "số") > learned.logp("s5", "số")
    prior = glyph_prior()
    assert "ir" in prior["ư"] and "rn" in prior["m"] and "" in prior["a"] and "aa" in prior["a"]
    assert glyph_prior(0.1)["a"][""] == 0.1 and glyph_prior(0.1)["ư"]["ir"] == 1.0
    assert all(c not in outs for c, outs in prior.items())
    assert math.isclose(max(merged.table["ự"].get("tr", -99), -99), max(math.log(0.01), learned.table.get("ự", {}).get("tr", -99)))


def test_rare_valid_names_stay_in_correct_text():
    for text in ("Phó Thủ tướng Hồ Đức Phớc chủ trì cuộc họp.",
                 "- TT. Trương Hải Long;\n- Lưu: VT, Vụ CQĐP.",
                 "Ông Tống Văn Phớc, Giám đốc Sở Tài chính."):
        assert restore(text) == text


def test_an_ocr_slip_in_an_organisation_name_is_still_repaired():
    assert restore("theo quy định của Bộ trưởng Bộ Tải chính.") == "theo quy định của Bộ trưởng Bộ Tài chính."
