"""Structured fields of Vietnamese administrative documents (form of Decree 30/2020/NĐ-CP).

>>> f = extract_fields("UBND HUYỆN KIM BẢNG\\nSố: 12/BC-UBND\\nKim Bảng, ngày 01 tháng 12 năm 2020\\nBÁO CÁO\\n"
...                    "Kết quả thực hiện Quy chế phát ngôn năm 2020\\n")
>>> f["number"]["full"], f["date"], f["type"], f["subject"]
('12/BC-UBND', '2020-12-01', 'BÁO CÁO', 'Kết quả thực hiện Quy chế phát ngôn năm 2020')

Pure functions; a field the document does not show is None (lists: []). See `schema.FIELDS`.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..document import Document
from .anchors import fold, nfc
from .counts import parse_counts
from .header import (MOTTO_RE, ocr_caps_case, ocr_subject_ends, ocr_title_commas, parse_header, sign_off_date,
                     tidy_ocr_subject)
from .issuer import body_spelling
from .number import mend_codes
from .places import known_place, known_place_in_name
from .reaccent import (body_forms, ocr_commas_from_body, ocr_doubled_vowels, ocr_il_from_body, ocr_marks_from_body, ocr_marks_from_lexicon,
                       ocr_split_words_from_body, reaccent_caps)
from .references import parse_references
from .schema import FIELDS, FIELDS_SCHEMA_VERSION, empty_fields
from .recipients import match_codes, parse_addressees, parse_recipients
from .known_signers import completed, known_spelling
from .signer import complete_name, deputy_title, middle_name_spelling, parse_signed_at, parse_signer, post_spelling, surname_spelling

__all__ = ["extract_fields", "FIELDS", "FIELDS_SCHEMA_VERSION"]


def document_text(doc: Document) -> str:
    """The text fields are read from: each page's layout (zones in reading order) where it has one, else its
    restored text. A Document whose pages have word boxes but no layout yet gets one here."""
    if any(p.words and p.layout is None for p in doc.pages):
        from ..layout import analyze_document

        analyze_document(doc)
    printed = not read_by_ocr(doc)  # text as printed: what restoration made of it does not count
    return "\f".join(p.layout.text if p.layout is not None else (p.raw_text if printed else (p.text or p.raw_text))
                     for p in doc.pages)


def mark_handwritten(fields: dict[str, Any], words: list[tuple[str, float]]) -> None:
    """Flag the number and the date parts whose digits came from handwritten words (text, confidence) of the
    header, with the reading's confidence. Words are matched by value, each used once, the number first, then
    day and month: the header holds one number and one date."""
    free = [w for w in words if w[0].isdigit()]

    def take(value: int) -> tuple[str, float] | None:
        for k, w in enumerate(free):
            if int(w[0]) == value:
                return free.pop(k)
        return None

    num = fields.get("number")
    if num and isinstance(num.get("seq"), int):
        w = take(num["seq"])
        if w is not None:
            num["handwritten"], num["confidence"] = True, round(w[1], 1)
    part = fields.get("date_partial")
    if fields.get("date"):
        y, m, d = (int(x) for x in fields["date"].split("-"))
        part = {"day": d, "month": m, "year": y}
    if not part:
        return
    hw: dict[str, tuple[str, float]] = {}
    for k in ("day", "month"):
        if part.get(k) is not None:
            w = take(part[k])
            if w is not None:
                hw[k] = w
    if hw:
        fields["date_partial"] = dict(part, handwritten=list(hw),
                                      confidence=round(min(w[1] for w in hw.values()), 1))


def seal_partial_names(doc: Document) -> list[str]:
    """The name ends that the seal re-read of OCR'd pages read surely behind unreadable first syllables."""
    return [p["text"] for pg in doc.pages if pg.source == "ocr" for z in pg.non_text for p in z.get("partial", [])]


def signer_from_partial(partial: list[str], issuer: str | None) -> dict[str, Any] | None:
    """A signer whose name's first syllables a seal's ring took ('Minh Chính'): the one known official whose
    name it ends and whose posts agree with the issuer ('THỦ TƯỚNG CHÍNH PHỦ'); flagged "name_from":
    "known-signers", the name completed, not read. None where no one or more than one fits."""
    names = {completed(p, issuer) for p in partial}
    names.discard(None)
    if len(names) != 1:
        return None
    return {"authority": None, "title": None, "name": names.pop(), "lines": partial, "name_from": "known-signers"}


def _motto_line(line: str) -> bool:
    """Whether a line is the motto printed as a header line: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA …' in capitals, or
    'Độc lập - Tự do …' opening the line; not running text that names the state ('… đã được Quốc hội nước Cộng hòa
    xã hội chủ nghĩa Việt Nam khóa XIII …', a law's closing sentence at the top of its last page)."""
    m = MOTTO_RE.search(fold(line))
    if not m:
        return False
    if fold(line)[m.start():].startswith("doc"):
        return not line[:m.start()].strip(" \t-_.,:;|")
    span = line[m.start():m.end()]
    return not any(c.islower() for c in span)


def first_document(text: str) -> str:
    """The pages of the first document where the text holds several: a later page whose top (first eight lines)
    prints the motto again opens another one (a công văn and the drafts it sends, real scan 4432/BNG-LPQT: the
    signer was the attached draft law's 'CHỦ TỊCH QUỐC HỘI'). Its signature block and Nơi nhận are not the first's."""
    pages = text.split("\f")
    for k in range(1, len(pages)):
        top = [ln for ln in pages[k].split("\n") if ln.strip()][:8]
        if any(_motto_line(ln) for ln in top):
            return "\f".join(pages[:k])
    return text


def read_by_ocr(doc: Document) -> bool:
    """Whether a document's text is OCR output (a page OCR'd here, or legacy text that restoration found
    garbled) rather than text as printed (a good text layer, a .txt that reads as Vietnamese)."""
    return any(p.source == "ocr" for p in doc.pages) or doc.meta.get("profile") in ("eng", "plain")


def extract_fields(text_or_document: str | Document, ocr: bool | None = None) -> dict[str, Any]:
    """Fields of one document given as text or as an ocrfix Document (word boxes used for the layout).

    Text as printed keeps its spelling (names, codes, separators inside Nơi nhận items); OCR output (`ocr`,
    default: a str is taken as printed, a Document says itself) gets the mending of what OCR misreads."""
    handwritten: list[tuple[str, float]] = []
    partial: list[str] = []  # name ends the seal re-read could not read whole (Page.non_text "partial")
    if isinstance(text_or_document, Document):
        if ocr is None:
            ocr = read_by_ocr(text_or_document)
        text = document_text(text_or_document)
        partial = seal_partial_names(text_or_document)
        first = text_or_document.pages[0].layout if text_or_document.pages else None
        if first is not None:
            handwritten = list(first.handwritten)
    elif isinstance(text_or_document, str):
        text = text_or_document
        ocr = bool(ocr)
    else:
        raise TypeError(f"extract_fields needs a str or a Document, not {type(text_or_document).__name__}")
    # NFC, then drop combining marks that could not compose (OCR debris) so folding keeps lengths
    # "ĐÐ"/"ÐĐ"/"ĐÐĐ": OCR reading one Đ two or three times, as U+0110 and as the look-alike U+00D0 (Ð,
    # Icelandic eth): a run with an Ð in it is one Đ, and a lone Ð is a Đ too (Vietnamese has no eth); an Ñ in a
    # code without vowels is an N with scan noise over it ('ÑC' for 'NC'; 'La Niña' stays)
    text = re.sub("[ĐÐ]*Ð[ĐÐ]*", "Đ", nfc(text))
    text = re.sub(r"\b[B-DF-HJ-NP-TV-ZĐÑ]*Ñ[B-DF-HJ-NP-TV-ZĐÑ0-9]*\b", lambda m: m.group().replace("Ñ", "N"), text)
    # a quote mark opening a capitalised word and never closed is a speck OCR read ("'THỦ TƯỚNG CHÍNH PHỦ")
    text = re.sub(r"(?m)(?<!\S)['`‘’](?=[A-ZĐÀ-Ỹ])(?![^\n]*\S['’](?!\w))", "", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    out = empty_fields()
    out.update(parse_header(text))
    if out["date"] is None and out["date_partial"] is None:  # no date line in the header: a form's sign-off boxes
        out["date"] = sign_off_date(text)
    if ocr:
        subject = ocr_caps_case(tidy_ocr_subject(ocr_subject_ends(out["subject"])))
        if subject != out["subject"]:  # a caps line again: re-accented from the body as parse_header does
            subject = reaccent_caps(subject, body_forms(text, subject or ""))
        out["subject"] = ocr_marks_from_body(ocr_marks_from_lexicon(ocr_split_words_from_body(
            ocr_il_from_body(ocr_commas_from_body(ocr_doubled_vowels(ocr_title_commas(subject)), text), text), text)), text)
        if out["subject"] and out["subject"].startswith("về ") and out["type"] != "CÔNG VĂN":
            # a trích yếu under the title opens with a capital ("Về việc …"); OCR read the V as a small one
            out["subject"] = "V" + out["subject"][1:]
    if ocr and out["place"]:
        out["place"] = known_place(out["place"], text)
    if ocr:
        out["issuer"] = body_spelling(ocr_split_words_from_body(known_place_in_name(ocr_doubled_vowels(out["issuer"]), text),
                                                                 text))
        out["parent_issuer"] = body_spelling(known_place_in_name(ocr_doubled_vowels(out["parent_issuer"]), text))
    if handwritten:
        mark_handwritten(out, handwritten)
    own = out["number"]["full"] if out["number"] else None
    out["references"] = parse_references(text, own)
    own_text = first_document(text)
    out["signer"] = parse_signer(own_text)
    if ocr and out["signer"] and out["signer"]["name"]:
        name = middle_name_spelling(surname_spelling(complete_name(out["signer"]["name"], text)))
        out["signer"]["name"] = known_spelling(name, out["signer"]["title"] or out["issuer"])
    if ocr and out["signer"] is None and partial:
        out["signer"] = signer_from_partial(partial, out["issuer"])
    if ocr and out["signer"]:
        out["signer"]["title"] = post_spelling(deputy_title(out["signer"]))
        if "titles" in out["signer"]:
            out["signer"]["titles"] = [post_spelling(t) for t in out["signer"]["titles"]]
    out["addressees"] = parse_addressees(text)
    codes = (out["number"]["issuer_code"] or "").split("-") if out["number"] else []
    recipients = parse_recipients(own_text, ocr)
    out["recipients"] = ([match_codes(r, codes) for r in recipients] if ocr else recipients) or list(out["addressees"])
    if ocr and out["number"]:
        filing = [r for r in out["recipients"] if fold(r).startswith("luu")]
        out["number"] = mend_codes(out["number"], out["issuer"], re.findall(r"[A-ZĐ][A-ZĐ0-9]+", " ".join(filing)),
                                   out["type"] == "CÔNG VĂN")
    out["counts"] = parse_counts(text)
    out["signed_at"] = parse_signed_at(text)
    return out
