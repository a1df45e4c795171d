"""The restorer on accent-stripped and on correct Vietnamese."""

from ocrfix.restoration import restore, restore_tokens, syllables as S
from ocrfix.restoration.tokens import tokenize

from conftest import PARAGRAPH, run_cli


def test_stripped_paragraph_is_restored():
    src = S.fold_keep_case(PARAGRAPH)
    out = restore(src)
    ref_words, out_words = PARAGRAPH.split(), out.split()
    assert len(ref_words) == len(out_words)
    wrong = sum(a != b for a, b in zip(out_words, ref_words))
    assert wrong <= 3, out


def test_same_lines_whitespace_punctuation_and_protected_tokens():
    src = ("Can cu  Quyet dinh so 29/2019/QD-UBND ngay 30/8/2019 cua UBND tinh,\n"
           "xem tai www.hanam.gov.vn hoac gui thu ve vanthu@hanam.gov.vn (HĐND).\n\n\tKET QUA: 05 van ban")
    out = restore(src)
    assert [t.text for t in tokenize(out) if t.kind not in ("word", "code")] == \
        [t.text for t in tokenize(src) if t.kind not in ("word", "code")]
    assert "29/2019/QĐ-UBND" in out  # codes are written the way officials write them
    for keep in ("30/8/2019", "UBND", "www.hanam.gov.vn", "vanthu@hanam.gov.vn", "HĐND", "05"):
        assert keep in out
    assert "KẾT QUẢ" in out and "Quyết định" in out and "\n\n\t" in out


def test_legacy_profile_repairs_garbled_tokens():
    src = "Két qua thire hién Quy ché phat ngén vi cung cap thong tin\nCan cu cong van sb 1 140/STTTT-TTBCXB"
    out = restore(src, profile="eng")
    assert out.startswith("Kết quả thực hiện Quy chế phát ngôn")
    assert "1140/STTTT-TTBCXB" in out and "\n" in out
    assert restore("BO Tai chinh ban hanh", profile="eng").startswith("Bộ Tài chính")


def test_profile_detection():
    from ocrfix.restoration import detect_profile

    assert detect_profile(S.fold_keep_case(PARAGRAPH)) == "plain"
    assert detect_profile(PARAGRAPH) == "vie"
    assert detect_profile("Két qua thire hién Quy ché phat ngén vi cung cap thong tin cho bao chi nim 2020 "
                          "cta S& thong tin va Truyén théng vé viéc thyc hién") == "eng"


def test_case_pattern_kept():
    assert restore("KET QUA thuc hien") == "KẾT QUẢ thực hiện"
    assert restore("Ket qua") == "Kết quả"


def test_context_carries_across_line_break():
    one = restore("cung cap thong tin cho bao chi")
    two = restore("cung cap thong\ntin cho bao chi")
    assert one.split() == two.split() and "\n" in two


def test_correct_text_comes_back_unchanged():
    assert restore(PARAGRAPH) == PARAGRAPH
    text = "Ủy ban nhân dân huyện Kim Bảng báo cáo kết quả thực hiện năm 2020.\nNơi nhận:\n- Lưu: VT."
    assert restore(text) == text


def test_detailed_api_gives_alternatives_and_confidence():
    choices = restore_tokens("Ket qua thuc hien")
    assert [c.output for c in choices] == ["Kết", "quả", "thực", "hiện"]
    first = choices[0]
    assert first.changed and 0.5 < first.confidence <= 1.0
    assert first.alternatives[0][0] == "Kết" and len(first.alternatives) > 1
    assert abs(sum(p for _, p in first.alternatives) - 1) < 0.05 or len(first.alternatives) == 5


def test_output_is_nfc_and_decomposed_input_accepted():
    import unicodedata

    out = restore(unicodedata.normalize("NFD", "Kết qua thuc hien"))
    assert out == unicodedata.normalize("NFC", out) and out.startswith("Kết quả")


def test_new_tone_style_option():
    assert restore("hoa binh va thuy loi", style="new").startswith("hoà bình")


def test_cli_restore_pipe_and_files(tmp_path):
    r = run_cli("restore", stdin="Ket qua thuc hien\nbao cao\n")
    assert r.returncode == 0 and r.stdout == "Kết quả thực hiện\nbáo cáo\n"
    f = tmp_path / "a.txt"
    f.write_text("Quy che phat ngon\n", encoding="utf-8")
    r = run_cli("restore", f)
    assert r.stdout == "Quy chế phát ngôn\n"
    r = run_cli("restore", tmp_path / "missing.txt")
    assert r.returncode == 1 and "no such file" in r.stderr


def test_a_page_in_another_language_does_not_decide_the_documents_profile():
    """A thông tư with an English certificate form annexed: the English page is left as it is and does not make
    the Vietnamese pages look OCR'd with the English model (which kept 'Cống Thông tin' unrepaired)."""
    from ocrfix.document import Document, Page
    from ocrfix.restoration import restore_document

    vi = ("Bộ Công Thương ban hành Thông tư quy định về xuất xứ hàng hóa nhập khẩu từ nước Cộng hòa dân chủ nhân dân "
          "Lào được hưởng thuế suất thuế nhập khẩu ưu đãi đặc biệt.\nNơi nhận:\n- Văn phòng Chính phủ;\n"
          "- Cống Thông tin điện tử Chính phủ;\n- Lưu: VT, XNK.\n")
    en = ("CERTIFICATE OF ORIGIN\nThe undersigned hereby declares that the above details and statements are "
          "correct, that all the goods were produced in the country of origin and that they comply with the origin "
          "requirements specified for these goods in the agreement between the two governments on trade and "
          "economic cooperation, signed by the exporter and certified by the issuing authority of the country.\n")
    doc = Document(source="x", pages=[Page(number=1, raw_text=vi), Page(number=2, raw_text=en)])
    restore_document(doc)
    assert doc.meta["profile"] == "vie"
    assert "- Cổng Thông tin điện tử Chính phủ;" in doc.pages[0].text
    assert doc.pages[1].text == en and doc.pages[1].corrections == []


def test_a_speck_read_as_a_quote_does_not_cut_the_context():
    """'Cổng TTĐTCP' with a speck before the code, read "Cống\n'TTĐTCP": the quote is no sentence boundary, so the
    context of the code still makes it 'Cổng'."""
    text = "Thư ký PTTgCP Lê Thành Long, Cống\n'TTĐTCP, các Vụ: KTTH, CN, TH;"
    assert restore(text, "vie") == text.replace("Cống", "Cổng")


def test_an_ampersand_read_for_ở_after_one_capital():
    """English-model OCR writes 'Sở' as 'S&' (the learned channel has ở → '&'): one capital and '&' is a garbled
    word, restored with the capital only; 'R&D' and a speck after a syllable ('dé&') are left as they are."""
    assert restore("- S& Théng tin va truyén thong;", "eng") == "- Sở Thông tin và truyền thông;"
    assert restore("cong nghé R&D", "eng").endswith("R&D")
    assert [t.text for t in tokenize("dé&")] == ["dé", "&"]


def test_enough_channel_candidates_for_wrong_model_ocr():
    """English-model OCR garbles some syllables so far ('Ting cudng', 'nhdm') that the right one ranks below the
    8th by the channel alone; with 12 candidates per garbled token it is there for the LM to pick
    ('Từng cường … nhóm' with 8)."""
    assert restore("Ting cudng cong tac phdi hop gitta cac don vi nhdm nang cao hiéu qua quan ly.", "eng") == \
        "Tăng cường công tác phối hợp giữa các đơn vị nhằm nâng cao hiệu quả quản lý."
