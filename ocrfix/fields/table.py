"""Fields as a spreadsheet: one row per document, UTF-8 with BOM so Excel and LibreOffice show Vietnamese.

>>> fields_row("kim_bang.txt", {"issuer": "UBND HUYỆN KIM BẢNG"})["issuer"]
'UBND HUYỆN KIM BẢNG'

ocrfix.writers.write_fields_csv writes the rows (UTF-8 with BOM, atomically).
"""
from __future__ import annotations

import json
from typing import Any

__all__ = ["COLUMNS", "fields_row"]

COLUMNS = ["source", "issuer", "parent_issuer", "number", "type_code", "issuer_code", "place", "date", "type",
           "subject", "signer_authority", "signer_title", "signer_name", "recipients", "references",
           "counts", "signed_at"]


def fields_row(source: str, f: dict[str, Any]) -> dict[str, str]:
    """Flatten one fields dict: lists joined with " | ", references as their numbers, counts as texts."""
    num = f.get("number") or {}
    sig = f.get("signer") or {}
    refs = f.get("references") or []
    counts = f.get("counts") or []
    row = {
        "source": source, "issuer": f.get("issuer"), "parent_issuer": f.get("parent_issuer"),
        "number": num.get("full"), "type_code": num.get("type_code"), "issuer_code": num.get("issuer_code"),
        "place": f.get("place"), "date": f.get("date"), "type": f.get("type"), "subject": f.get("subject"),
        "signer_authority": sig.get("authority"), "signer_title": sig.get("title"), "signer_name": sig.get("name"),
        "recipients": " | ".join(f.get("recipients") or []),
        "references": " | ".join(r.get("number") or "" for r in refs),
        "counts": " | ".join(c.get("text") or json.dumps(c, ensure_ascii=False) for c in counts),
        "signed_at": f.get("signed_at"),
    }
    return {k: "" if v is None else str(v) for k, v in row.items()}
