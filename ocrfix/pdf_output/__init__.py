"""Searchable PDF/A output: the scan as it is, with the restored Vietnamese as its invisible text layer.

>>> import ocrfix
>>> doc = ocrfix.process("scan.pdf")            # doctest: +SKIP
>>> ocrfix.write_pdf(doc, "scan.searchable.pdf")  # doctest: +SKIP
"""
from .assemble import PdfResult, write_pdf

__all__ = ["PdfResult", "write_pdf"]
