"""OCR word confidence in the vie channel, context-proposed candidates, and the English-model profile rule.

The lines and their confidences are what Tesseract `vie` read from damaged scans of two new 2025 documents
(benchmarks/restore.py more-ocr, dev part)."""
from __future__ import annotations

from dataclasses import replace

from ocrfix.document import Document, Page, Word
from ocrfix.restoration import apply_choices, detect_profile, restore, restore_document, restore_tokens
from ocrfix.restoration.restorer import token_confidences
from ocrfix.restoration.tokens import tokenize
from ocrfix.tuning import DEFAULT_RESTORE

LINE = "trưởng các ban, ngành cấp tính; Giám đốc: Trung tâm Phục vụ hành chính công tỉnh,"
LINE_CONF = [96.6, 96.5, 96.9, 96.9, 97.0, 85.3, 96.9, 96.7, 96.9, 97.0, 96.9, 96.6, 96.6, 96.1, 96.7, 96.8]
LINE2 = "~ Các Bộ: Tư pháp, Tải chính;"
LINE2_CONF = [93.0, 96.8, 95.3, 96.3, 96.9, 88.3, 89.2]


def _vie(text: str, confs=None, tuning=DEFAULT_RESTORE) -> str:
    return apply_choices(text, restore_tokens(text, "vie", tuning=tuning, confidences=confs))


def test_an_unsure_word_gets_a_wider_channel():
    assert "cấp tỉnh;" in _vie(LINE, LINE_CONF)
    assert "Tài chính" in _vie(LINE2, LINE2_CONF)


def test_the_same_words_read_surely_or_without_confidences_stay():
    assert _vie(LINE, [97.0] * len(LINE_CONF)) == LINE
    assert _vie(LINE) == LINE
    # the words stay; the list dash OCR read as "~" is put back (restoration/listmarks.py)
    assert _vie(LINE2, [97.0] * len(LINE2_CONF)) == "-" + LINE2[1:]


def test_without_the_scale_the_unsure_word_stays():
    neutral = replace(DEFAULT_RESTORE, unsure_channel_scale=1.0)
    assert _vie(LINE, LINE_CONF, neutral) == LINE


def test_confidences_map_to_the_tokens_of_their_word():
    text = "Số: 12/BC-UBND, Ket qua"
    toks = tokenize(text)
    confs = token_confidences(text, toks, [50.0, 60.0, 70.0, 80.0])
    by_text = {t.text: c for t, c in zip(toks, confs)}
    assert by_text["Số"] == 50.0 and by_text[":"] == 50.0
    assert by_text["12/BC-UBND"] == 60.0 and by_text["Ket"] == 70.0 and by_text["qua"] == 80.0
    assert by_text[" "] is None
    # not one per word: not used at all
    assert token_confidences(text, toks, [50.0]) == [None] * len(toks)


def test_restore_document_uses_the_page_words_confidences():
    words = [Word(w, (0, 0, 10, 10), c) for w, c in zip(LINE.split(), LINE_CONF)]
    doc = restore_document(Document(source="t", pages=[Page(1, LINE, words=words)]), profile="vie")
    assert "cấp tỉnh;" in doc.pages[0].text
    sure = [Word(w.text, w.box, 97.0) for w in words]
    doc = restore_document(Document(source="t", pages=[Page(1, LINE, words=sure)]), profile="vie")
    assert doc.pages[0].text == LINE


def test_context_proposes_what_the_phrase_needs():
    # every toning of 'den' reads closer than 'dân': only the left context ("ban nhân") brings it back
    s = "Uy ban nhén dén huyén bdo cdo két qua thuc hién"
    off = replace(DEFAULT_RESTORE, context_profiles=())
    assert "nhân đến" in restore(s, profile="eng", tuning=off)
    on = replace(DEFAULT_RESTORE, context_profiles=("eng",))
    assert restore(s, profile="eng", tuning=on).startswith("Ủy ban nhân dân huyện báo cáo kết quả")


def test_few_marks_on_syllables_is_english_model_ocr():
    # Tesseract eng on a new document's page: the letters spell syllables, few of them keep a mark
    page = ("Can cu Luat T6 chuc chinh quyén dia phuong ngay 16 thang 6 nam 2025; Can cu Nghi dinh quy dinh "
            "chi tiét mot s6 diéu cua Luat; Theo dé nghi cua Giam doc S& Tai chinh tai T& trinh s6 8538 ngay "
            "hom nay, UBND tinh quyét dinh ban hanh danh muc thu tuc hanh chinh dugc thuc hién tiép nhan")
    assert detect_profile(page) == "eng"
    assert detect_profile(restore(page, profile="eng")) == "vie"
    stripped = ("Can cu Luat To chuc chinh quyen dia phuong ngay 16 thang 6 nam 2025; Can cu Nghi dinh quy dinh "
                "chi tiet mot so dieu cua Luat; Theo de nghi cua Giam doc So Tai chinh")
    assert detect_profile(stripped) == "plain"


def test_an_unsure_name_keeps_its_reading():
    # real scan catld_ttr_298 (signature block): OCR read the signer's name right at 84–90 %; widening the
    # channel for unsure words made "Đương" "Đường"
    text = "GIÁM ĐỐC\nĐại tá Trương Minh Đương\n"
    assert _vie(text, [95.0, 95.0, 90.0, 91.0, 93.0, 92.0, 83.8]) == text


def test_a_word_that_lost_the_tone_its_stop_coda_needs_is_restored():
    # vie OCR that drops a tone mark writes a word no syllable can be ('câp': a final p/t/c/ch takes sắc or
    # nặng); it had been kept like a foreign word
    assert restore("Ủy ban nhân dân câp xã thực hiện viêc rà soát", profile="vie") == \
        "Ủy ban nhân dân cấp xã thực hiện việc rà soát"
    # foreign words, codes and capitalised names that break the rule stay as printed
    for keep in ("huyện Krông Păc tỉnh Đăk Lăk", "Ông Nguyễn Văn Bêt", "mạng Internet và chat bot"):
        assert restore(keep, profile="vie") == keep


def test_a_hat_lost_under_a_tone_mark_in_fresh_ocr_is_restored():
    # Tesseract vie on real scans' capitals drops the hat under a tone mark: "QUYÉT ĐỊNH", "HỘI ĐÒNG THẢM ĐỊNH"
    import dataclasses

    from ocrfix.tuning import RestoreTuning

    off = dataclasses.replace(RestoreTuning(), hat_loss_vie=0.0)
    for src, want in {"QUYÉT ĐỊNH": "QUYẾT ĐỊNH", "HỘI ĐÒNG THẢM ĐỊNH": "HỘI ĐỒNG THẨM ĐỊNH"}.items():
        assert restore(src, profile="vie") == want
        assert restore(src, profile="vie", tuning=off) == src
    assert restore("Ông Nguyễn Văn Lé", profile="vie") == "Ông Nguyễn Văn Lé"  # a name as read stays


def test_words_get_their_restored_form_when_restoration_drops_a_token_elsewhere():
    """Real 1-bit scan (Nghị quyết 320/NQ-CP, page 1): restoration drops the motto's rule read as '————', so the
    restored text has one token fewer than the OCR words; each word still gets the corrections made inside it
    ('sửa đãi, bỗ sung' → 'sửa đổi, bổ sung'), which layout and fields read. Without that, no word of the page got one."""
    text = "———— Độc lập - Tự do - Hạnh phúc\nán Luật sửa đãi, bỗ sung một số điều của Luật Công nghiệp"
    words = [Word(w, (0, 0, 10, 10), 96.0) for w in text.split()]
    doc = restore_document(Document(source="t", pages=[Page(1, text, words=words)]), profile="vie")
    page = doc.pages[0]
    assert len(page.text.split()) != len(words), page.text
    got = [w.restored for w in page.words]
    assert got[0] == "————" and got[1:3] == ["Độc", "lập"], got
    assert " ".join(got[9:]) == "án Luật sửa đổi, bổ sung một số điều của Luật Công nghiệp", got


def test_a_noisy_table_page_does_not_set_the_documents_profile():
    """Real 1-bit scan (15557/BTC-PTHT): the vie OCR of a table page is noisy enough to look like an English-model
    layer, and the three pages read together did too, so the letter's signer 'Đố Thành Trung' was restored as
    'Số Thành Trung'. Two pages of three say vie: the document is vie."""
    import json
    from pathlib import Path

    from ocrfix.restoration import detect_profile

    pages = json.loads((Path(__file__).parent / "fixtures" / "realscans" / "ocr_text" / "btc_cv_15557_2025_pages.json")
                       .read_text(encoding="utf-8"))
    texts = [pages["p1"], pages["p2"], pages["p3"]]
    assert [detect_profile(t) for t in texts] == ["vie", "vie", "eng"]
    assert detect_profile("\n".join(texts)) == "eng"
    doc = restore_document(Document(source="t", pages=[Page(k + 1, t) for k, t in enumerate(texts)]))
    assert doc.meta["profile"] == "vie"
    assert "Đố Thành Trung" in doc.pages[0].text
