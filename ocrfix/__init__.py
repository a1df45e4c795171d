"""ocrfix: scanned Vietnamese government documents → correct, searchable, structured text.

>>> import ocrfix
>>> ocrfix.restore("Ket qua thuc hien Quy che phat ngon")  # doctest: +SKIP
'Kết quả thực hiện Quy chế phát ngôn'
"""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config
from .document import Document, Page, Word
from .errors import ExitCode, OcrfixError


def process(path, config: Config | None = None, **kwargs) -> Document:
    """Run the whole pipeline (read/OCR → restore → fields) on one PDF, image or text file."""
    from .pipeline import process as _process

    return _process(path, config or Config(**kwargs))


def ocr(path, config: Config | None = None, **kwargs) -> Document:
    """Same as `process`: OCR a PDF or image into a Document."""
    return process(path, config, **kwargs)


def restore(text: str, profile: str = "auto") -> str:
    """Restore Vietnamese diacritics and OCR confusions; same lines, same whitespace."""
    from .restoration import restore as _restore

    return _restore(text, profile)


def extract_fields(text_or_document) -> dict:
    """Structured fields of an administrative document (Decree 30/2020/NĐ-CP form)."""
    from .fields import extract_fields as _extract

    return _extract(text_or_document)


def write_pdf(document: Document, path, source=None, signed: str = "update"):
    """Searchable PDF/A-2b of a processed document: its pages' images as they are, the restored text as the
    invisible text layer ("-" for stdout). A signed input gets an incremental update (signed="update") or a new
    PDF/A without the signature ("rewrite"). Returns what was done (`ocrfix.pdf_output.PdfResult`)."""
    from .pdf_output import write_pdf as _write_pdf

    return _write_pdf(document, path, source, signed)


__all__ = ["Config", "Document", "Page", "Word", "ExitCode", "OcrfixError", "process", "ocr", "restore",
           "extract_fields", "write_pdf", "__version__"]
