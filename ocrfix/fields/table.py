"""Fields as a spreadsheet: one row per document, UTF-8 with BOM so Excel and LibreOffice show Vietnamese.

>>> write_fields_csv([("kim_bang.txt", {"issuer": "UBND HUYỆN KIM BẢNG"})], "/tmp/fields.csv")  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["COLUMNS", "fields_row", "write_fields_csv"]

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


def write_fields_csv(rows: list[tuple[str, dict[str, Any]]], path: str | os.PathLike) -> Path:
    """Write (source, fields) rows to `path` as CSV (UTF-8 with BOM), atomically (temp file + rename)."""
    from ..writers import write_text_atomic

    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for source, f in rows:
        w.writerow(fields_row(source, f or {}))
    path = Path(path)
    write_text_atomic(path, buf.getvalue(), bom=True)
    return path
