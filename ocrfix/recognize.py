"""Transition shim: the OCR front end lives in `ocrfix.recognition` (engine, recovery, columns, second look, lines)."""
from __future__ import annotations

from .recognition import Line, check_tesseract, lines_text, ocr_words, read_page, reading_score, recognize  # noqa: F401
from .recognition.recovery import uncovered_ink  # noqa: F401

__all__ = ["Line", "check_tesseract", "lines_text", "ocr_words", "read_page", "reading_score", "recognize",
           "uncovered_ink"]
