"""Inputs → pages. Recognizes the file by its bytes, not its name, and yields one page at a time
so that memory stays bounded whatever the page count."""
from __future__ import annotations

import logging
import os
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PIL import Image

from . import errors

log = logging.getLogger(__name__)

MAX_IMAGE_PIXELS = 120_000_000  # ≈ A0 at 300 dpi; anything larger is refused as a decompression bomb
MIN_TEXT_LAYER_CHARS = 20  # a page whose text layer has fewer letters is treated as image-only

KIND_PDF, KIND_IMAGE, KIND_TEXT = "pdf", "image", "text"
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
TEXT_SUFFIXES = {".txt", ".text"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = {".pdf"} | IMAGE_SUFFIXES | TEXT_SUFFIXES


@dataclass
class PageInput:
    """One page ready for OCR (image set) or already text (text set)."""

    number: int
    image: Image.Image | None = None
    text: str | None = None
    dpi: int | None = None
    source: str = "ocr"  # "ocr" | "text-layer" | "text"


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
            head = f.read(8)
    except OSError as e:
        raise errors.InputError(f"{p}: cannot read ({e.strerror})") from None
    if size == 0:
        raise errors.EmptyFileError(f"{p}: empty file (0 bytes)")
    suffix = p.suffix.lower()
    if head.startswith(b"%PDF"):
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


def iter_pages(path: str | os.PathLike, dpi: int = 300, force_ocr: bool = False) -> Iterator[PageInput]:
    """Yield the pages of any supported input, one at a time."""
    kind = sniff(path)
    if kind == KIND_TEXT:
        for i, chunk in enumerate(read_text_file(path).split("\f"), 1):
            yield PageInput(number=i, text=chunk, source="text")
    elif kind == KIND_IMAGE:
        yield from _image_pages(path)
    else:
        yield from _pdf_pages(path, dpi, force_ocr)


def count_pages(path: str | os.PathLike) -> int:
    kind = sniff(path)
    if kind == KIND_TEXT:
        return read_text_file(path).count("\f") + 1
    if kind == KIND_IMAGE:
        with _open_image(path) as im:
            return getattr(im, "n_frames", 1)
    return len(_open_pdf(path).pages)


# -- images ---------------------------------------------------------------------------------------

def _open_image(path) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path)
            w, h = im.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise errors.ImageTooLargeError(
            f"{path}: image too large (over {MAX_IMAGE_PIXELS:,} pixels; possible decompression bomb)"
        ) from None
    except Exception as e:  # PIL raises many types for broken files
        raise errors.CorruptFileError(f"{path}: cannot decode image ({type(e).__name__})") from None
    if w * h > MAX_IMAGE_PIXELS:
        raise errors.ImageTooLargeError(f"{path}: image too large ({w}x{h} pixels)")
    return im


def _dpi_of(im: Image.Image) -> int | None:
    dpi = im.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 30:
        return int(round(float(dpi[0])))
    return None


def _image_frame(path, im: Image.Image, i: int) -> PageInput:
    """Frame i (1-based) of an open image as a page."""
    try:
        im.seek(i - 1)
        if im.size[0] * im.size[1] > MAX_IMAGE_PIXELS:
            raise errors.ImageTooLargeError(f"{path}: page {i} too large ({im.size[0]}x{im.size[1]})")
        page = im.convert("RGB")
    except errors.OcrfixError:
        raise
    except Exception as e:
        raise errors.CorruptFileError(f"{path}: cannot decode image page {i} ({type(e).__name__})") from None
    return PageInput(number=i, image=page, dpi=_dpi_of(im))


def _image_pages(path) -> Iterator[PageInput]:
    with _open_image(path) as im:
        for i in range(1, getattr(im, "n_frames", 1) + 1):
            yield _image_frame(path, im, i)


# -- PDFs -----------------------------------------------------------------------------------------

def _open_pdf(path):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise errors.EncryptedPdfError(f"{path}: PDF is encrypted (password required)")
        n = len(reader.pages)
    except errors.OcrfixError:
        raise
    except (PdfReadError, Exception) as e:
        raise errors.CorruptFileError(f"{path}: corrupt PDF ({type(e).__name__})") from None
    if n == 0:
        raise errors.CorruptFileError(f"{path}: PDF has no pages")
    return reader


def _letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


def _single_scan(page):
    """The page's one embedded image when the page is a single scan covering most of it."""
    try:
        images = list(page.images)
    except Exception:
        return None
    if len(images) != 1:
        return None
    try:
        im = images[0].image
    except Exception:
        return None
    if im is None:
        return None
    width_pt = float(page.mediabox.width)
    height_pt = float(page.mediabox.height)
    if page.get("/Rotate", 0) in (90, 270):
        width_pt, height_pt = height_pt, width_pt
    if width_pt <= 0:
        return None
    dpi_x = im.width / (width_pt / 72.0)
    dpi_y = im.height / (height_pt / 72.0)
    # the image must fill the page (same aspect ratio within a few per cent)
    if abs(dpi_x - dpi_y) / max(dpi_x, dpi_y) > 0.05 or dpi_x < 50:
        return None
    if im.width * im.height > MAX_IMAGE_PIXELS:
        raise errors.ImageTooLargeError(f"embedded image too large ({im.width}x{im.height})")
    return im, int(round(dpi_x))


def _pdf_page(path, page, i: int, dpi: int, force_ocr: bool) -> PageInput:
    """Page i (1-based) of an open PDF: its text layer, its one embedded scan at native resolution, or
    a rasterization at `dpi` of that page alone."""
    from pdf2image import convert_from_path

    if not force_ocr:
        try:
            layer = page.extract_text() or ""
        except Exception:
            layer = ""
        if _letters(layer) >= MIN_TEXT_LAYER_CHARS:
            return PageInput(number=i, text=unicodedata.normalize("NFC", layer), source="text-layer")
    scan = None
    if not page.get("/Rotate", 0):
        try:
            scan = _single_scan(page)
        except errors.OcrfixError as e:
            raise type(e)(f"{path}: page {i}: {e}") from None
    if scan is not None:
        im, native = scan
        return PageInput(number=i, image=im.convert("RGB"), dpi=native)
    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=i, last_page=i)
    except Exception as e:
        raise errors.CorruptFileError(f"{path}: cannot rasterize page {i} ({type(e).__name__})") from None
    if not images:
        raise errors.CorruptFileError(f"{path}: cannot rasterize page {i}")
    return PageInput(number=i, image=images[0].convert("RGB"), dpi=dpi)


def _pdf_pages(path, dpi: int, force_ocr: bool) -> Iterator[PageInput]:
    reader = _open_pdf(path)
    for i, page in enumerate(reader.pages, 1):
        yield _pdf_page(path, page, i, dpi, force_ocr)


def read_page(path: str | os.PathLike, number: int, dpi: int = 300, force_ocr: bool = False,
              pdf_reader=None) -> PageInput:
    """Page `number` (1-based) of a PDF or image, reading nothing else of the file. A batch worker may
    pass the PdfReader it keeps open for consecutive pages of one file."""
    kind = sniff(path)
    if kind == KIND_IMAGE:
        with _open_image(path) as im:
            return _image_frame(path, im, number)
    if kind != KIND_PDF:
        raise errors.UnsupportedFormatError(f"{path}: not a PDF or image")
    reader = pdf_reader or _open_pdf(path)
    return _pdf_page(path, reader.pages[number - 1], number, dpi, force_ocr)
