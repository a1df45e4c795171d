"""ocrfix: scanned Vietnamese government documents → correct, searchable, structured text.

>>> import ocrfix
>>> ocrfix.restore("Ket qua thuc hien Quy che phat ngon")  # doctest: +SKIP
'Kết quả thực hiện Quy chế phát ngôn'
>>> doc = ocrfix.process("scan.pdf")                      # doctest: +SKIP
>>> doc.fields["number"]["full"]                          # doctest: +SKIP
'29/2019/QĐ-UBND'

Importing ocrfix loads no OCR or image library: `restore()` on text stays quick to start.
"""
from __future__ import annotations

from ._version import __version__
from .config import Config, Profile
from .document import Document, Page, Word
from .errors import ExitCode, OcrfixError


def process(path, config: Config | None = None, **kwargs) -> Document:
    """Run the whole pipeline (read/OCR → restore → fields) on one PDF, image or text file.

    >>> ocrfix.process("scan.pdf", dpi=200).text   # doctest: +SKIP
    """
    from .pipeline import process as _process

    return _process(path, config or Config(**kwargs))


def ocr(path, config: Config | None = None, **kwargs) -> Document:
    """Same as `process`: OCR a PDF or image into a Document."""
    return process(path, config, **kwargs)


def restore(text: str, profile: str = "auto", style: str = "old") -> str:
    """Restore Vietnamese diacritics and OCR confusions; same lines, same whitespace.

    `style="new"` places tones the new way ("hoà", "Uỷ") instead of the corpus's dominant old way.

    >>> ocrfix.restore("Uy ban nhan dan tinh", style="new")   # doctest: +SKIP
    'Uỷ ban nhân dân tỉnh'
    """
    from .restoration import restore as _restore

    return _restore(text, profile, style)


def extract_fields(text_or_document) -> dict:
    """Structured fields of an administrative document (Decree 30/2020/NĐ-CP form).

    >>> ocrfix.extract_fields("Số: 29/2019/QĐ-UBND")["number"]["type_code"]   # doctest: +SKIP
    'QĐ'
    """
    from .fields import extract_fields as _extract

    return _extract(text_or_document)


def write_pdf(document: Document, path, source=None, signed: str = "update"):
    """Searchable PDF/A-2b of a processed document: its pages' images as they are, the restored text as the
    invisible text layer ("-" for stdout). A signed input gets an incremental update (signed="update") or a new
    PDF/A without the signature ("rewrite"). Returns what was done (`ocrfix.pdf_output.PdfResult`)."""
    from .pdf_output import write_pdf as _write_pdf

    return _write_pdf(document, path, source, signed)


__all__ = ["Config", "Profile", "Document", "Page", "Word", "ExitCode", "OcrfixError", "process", "ocr", "restore",
           "extract_fields", "write_pdf", "__version__"]
