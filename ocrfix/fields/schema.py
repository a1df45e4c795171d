"""The fields schema (versioned) and the Decree 30/2020/NĐ-CP vocabularies it relies on.

Every field is always present in the result; a field the document does not show is ``None`` (or ``[]`` for
lists), never guessed. Example (Vietnamese): "Số: 29/2019/QĐ-UBND" gives
``{"full": "29/2019/QĐ-UBND", "seq": 29, "year": 2019, "type_code": "QĐ", "issuer_code": "UBND"}``.
"""
from __future__ import annotations

from typing import Any

FIELDS_SCHEMA_VERSION = "1.0"

# name → short description (the documented field list, in output order)
FIELDS: dict[str, str] = {
    "schema_version": "FIELDS_SCHEMA_VERSION of this dict",
    "issuer": "issuing body as printed in the header, e.g. 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG'",
    "parent_issuer": "the line above the issuer when the header has two bodies, e.g. 'UBND TỈNH HÀ NAM'",
    "number": "{full, seq, year, type_code, issuer_code} from 'Số: 29/2019/QĐ-UBND'; party form '221-KL/TW'; "
              "handwritten: true and confidence when the digits were written by hand; full and seq None when they "
              "could not be read",
    "place": "place of issue, e.g. 'Kim Bảng'",
    "date": "date of issue, ISO 8601 '2020-12-01'",
    "date_partial": "{day, month, year} when the date is incomplete or part of it is handwritten (None: not read), "
                    "with handwritten: [parts read from handwriting] and their lowest confidence",
    "type": "document type in capitals, e.g. 'BÁO CÁO', 'QUYẾT ĐỊNH', 'CÔNG VĂN'",
    "subject": "trích yếu joined across lines; for a công văn the text after 'V/v'",
    "references": "[{type, number, date, issuer}] of every cited document (not the document's own number)",
    "signer": "{authority, title, name, lines}: authority is the last of TM./KT./TL./TUQ./Q. in the block; "
              "name_from: 'known-signers' where OCR read only the name's end (a seal's ring over the rest) and the "
              "name was completed from the known officials' list, not read",
    "recipients": "'Nơi nhận:' entries ('Kính gửi:' entries if there is no 'Nơi nhận'), '- ' and ';' stripped",
    "addressees": "'Kính gửi:' entries",
    "counts": "[{value, unit, text, qualifier?, of?, percent?}] quantities in the text",
    "signed_at": "digital-signature timestamp, ISO 8601 with offset, e.g. '2020-12-01T09:39:48+07:00'",
}

# Phụ lục III of Decree 30 (+ legal-document codes and older/party codes seen in practice).
TYPE_CODES: dict[str, str] = {
    "NQ": "NGHỊ QUYẾT", "QĐ": "QUYẾT ĐỊNH", "CT": "CHỈ THỊ", "QC": "QUY CHẾ", "QyĐ": "QUY ĐỊNH",
    "TC": "THÔNG CÁO", "TB": "THÔNG BÁO", "HD": "HƯỚNG DẪN", "CTr": "CHƯƠNG TRÌNH", "KH": "KẾ HOẠCH",
    "PA": "PHƯƠNG ÁN", "ĐA": "ĐỀ ÁN", "DA": "DỰ ÁN", "BC": "BÁO CÁO", "BB": "BIÊN BẢN", "TTr": "TỜ TRÌNH",
    "HĐ": "HỢP ĐỒNG", "CĐ": "CÔNG ĐIỆN", "BGN": "BẢN GHI NHỚ", "BTT": "BẢN THỎA THUẬN",
    "GUQ": "GIẤY ỦY QUYỀN", "GM": "GIẤY MỜI", "GGT": "GIẤY GIỚI THIỆU", "GNP": "GIẤY NGHỈ PHÉP",
    "PG": "PHIẾU GỬI", "PC": "PHIẾU CHUYỂN", "PB": "PHIẾU BÁO", "PT": "PHIẾU TRÌNH",
    "TT": "THÔNG TƯ", "TTLT": "THÔNG TƯ LIÊN TỊCH", "NĐ": "NGHỊ ĐỊNH", "L": "LUẬT", "PL": "PHÁP LỆNH",
    "KL": "KẾT LUẬN", "CV": "CÔNG VĂN", "GP": "GIẤY PHÉP",
}

# Type names (capitals) as they head a document; longest first for matching.
TYPE_NAMES: list[str] = sorted({
    "BÁO CÁO", "QUYẾT ĐỊNH", "CÔNG VĂN", "KẾ HOẠCH", "TỜ TRÌNH", "THÔNG BÁO", "NGHỊ QUYẾT", "CHỈ THỊ",
    "CÔNG ĐIỆN", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH", "NGHỊ ĐỊNH", "LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "QUY CHẾ",
    "QUY ĐỊNH", "THÔNG CÁO", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BIÊN BẢN",
    "HỢP ĐỒNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "GIẤY ỦY QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU",
    "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO", "KẾT LUẬN", "LỆNH", "HIẾN PHÁP", "PHIẾU TRÌNH",
}, key=len, reverse=True)

# Reference types as written in running text (title case); longest first.
REF_TYPES: list[str] = sorted({
    "Luật", "Bộ luật", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Thông tư liên tịch", "Chỉ thị",
    "Công văn", "Văn bản", "Kế hoạch", "Báo cáo", "Tờ trình", "Thông báo", "Kết luận", "Công điện",
    "Hướng dẫn", "Quy định", "Pháp lệnh", "Giấy phép", "Chương trình", "Đề án", "Thông báo kết luận",
    "Quy chế", "Biên bản", "Hiến pháp", "Lệnh",
}, key=len, reverse=True)

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")


def empty_fields() -> dict[str, Any]:
    """A result with every field present and null/empty."""
    d: dict[str, Any] = {k: None for k in FIELDS}
    d["schema_version"] = FIELDS_SCHEMA_VERSION
    d["references"], d["recipients"], d["addressees"], d["counts"] = [], [], [], []
    return d
