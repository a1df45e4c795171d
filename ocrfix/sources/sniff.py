"""Recognize an input by its bytes, not its name, and read `.txt` inputs."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from .. import errors

KIND_PDF, KIND_IMAGE, KIND_TEXT = "pdf", "image", "text"
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
TEXT_SUFFIXES = {".txt", ".text"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = {".pdf"} | IMAGE_SUFFIXES | TEXT_SUFFIXES
# readers accept the %PDF header anywhere in the first 1024 bytes (an e-office wrapper put 21 junk bytes before
# it in ubndld_cv_4377_2025.pdf)
PDF_HEADER_WINDOW = 1024


def sniff(path: str | os.PathLike) -> str:
    """Return the input kind, or raise the InputError that says why the file is unusable."""
    p = Path(path)
    if not p.exists():
        raise errors.MissingFileError(f"{p}: no such file")
    if p.is_dir():
        raise errors.UnsupportedFormatError(f"{p}: is a directory")
    try:
        size = p.stat().st_size
        with open(p, "rb") as f:
            head = f.read(PDF_HEADER_WINDOW)
    except OSError as e:
        raise errors.InputError(f"{p}: cannot read ({e.strerror})") from None
    if size == 0:
        raise errors.EmptyFileError(f"{p}: empty file (0 bytes)")
    suffix = p.suffix.lower()
    late_pdf = b"%PDF-" in head and suffix not in TEXT_SUFFIXES and not head.startswith(IMAGE_MAGIC)
    if head.startswith(b"%PDF") or late_pdf:
        return KIND_PDF
    if head.startswith(IMAGE_MAGIC):
        if suffix == ".pdf":
            raise errors.UnsupportedFormatError(f"{p}: named .pdf but is an image, not a PDF")
        return KIND_IMAGE
    if suffix == ".pdf":
        raise errors.CorruptFileError(f"{p}: not a valid PDF (no %PDF header)")
    if suffix in TEXT_SUFFIXES:
        return KIND_TEXT
    if suffix in IMAGE_SUFFIXES:
        raise errors.CorruptFileError(f"{p}: not a valid {suffix[1:].upper()} image")
    raise errors.UnsupportedFormatError(f"{p}: unsupported file type (want PDF, PNG, JPEG, TIFF or .txt)")


def read_text_file(path: str | os.PathLike) -> str:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise errors.CorruptFileError(f"{path}: text file is not UTF-8") from None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


