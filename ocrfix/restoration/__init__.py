"""Vietnamese text restoration (diacritics and OCR confusions)."""
from __future__ import annotations

from ..document import Document


def model_version() -> str | None:
    return None


def restore(text: str, profile: str = "auto") -> str:
    return text


def restore_document(doc: Document, profile: str = "auto") -> Document:
    for p in doc.pages:
        p.text = restore(p.raw_text, profile)
    return doc
