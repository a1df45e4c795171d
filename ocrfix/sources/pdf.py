"""PDFs → pages: open (permissions-only encryption, damaged cross-reference tables), then per page its text
layer triaged (text_layer.py) and its embedded scan at native resolution, or a rasterization at `dpi`."""
from __future__ import annotations

import io
import logging
from typing import Any, Iterator

from .. import errors
from . import text_layer
from .images import MAX_IMAGE_PIXELS
from .page import PageInput

log = logging.getLogger(__name__)

MIN_SCAN_DPI = 50  # an embedded image drawn over the page at less than this is a logo, not the page's scan
SCAN_ASPECT_TOLERANCE = 0.05  # the scan has the page's aspect ratio within this (horizontal vs vertical dpi)


def _password_error(path) -> errors.EncryptedPdfError:
    return errors.EncryptedPdfError(f"{path}: encrypted: needs a password")


def open_pdf(path):
    """A pypdf reader for the file. Permissions-only encryption (empty user password, RC4 or AES) is opened;
    a file that really needs a password raises EncryptedPdfError; a file pypdf cannot parse is repaired by
    qpdf (pikepdf) in memory and read from there."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _password_error(path)
        n = len(reader.pages)
        if n == 0:
            raise ValueError("no pages")
        return reader
    except errors.OcrfixError:
        raise
    except Exception as e:  # pypdf raises many types for broken files
        first = e
    reader = _repaired(path, first)
    if len(reader.pages) == 0:
        raise errors.CorruptFileError(f"{path}: PDF has no pages")
    return reader


_REPAIRED: dict[tuple, object] = {}  # the last repaired copies, by (path, size, mtime)
_REPAIRED_KEEP = 2


def repaired_reader(path):
    """A pypdf reader over qpdf's rewrite of the file with every stream re-encoded (abbreviated filter names
    such as /Fl that pypdf 7 refuses become /FlateDecode), cached for the file's next pages."""
    import os

    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _REPAIRED:
        while len(_REPAIRED) >= _REPAIRED_KEEP:
            _REPAIRED.pop(next(iter(_REPAIRED)))
        _REPAIRED[key] = _repaired(path, None, recompress=True)
    return _REPAIRED[key]


def _repaired(path, first: Exception | None, recompress: bool = False):
    """Open with qpdf, which reconstructs broken xref tables and decrypts, and hand the result to pypdf."""
    from pypdf import PdfReader

    what = type(first).__name__ if first else "unreadable stream"

    try:
        import pikepdf
    except ImportError:
        raise errors.CorruptFileError(f"{path}: corrupt PDF ({what})") from None
    try:
        with pikepdf.open(str(path), password="") as pdf:
            buf = io.BytesIO()
            if recompress:
                pdf.save(buf, compress_streams=True, recompress_flate=True,
                         stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
            else:
                pdf.save(buf)  # written without encryption, xref rebuilt
    except pikepdf.PasswordError:
        raise _password_error(path) from None
    except Exception as e:
        raise errors.CorruptFileError(f"{path}: corrupt PDF ({what}; {type(e).__name__})") from None
    buf.seek(0)
    try:
        return PdfReader(buf, strict=False)
    except Exception as e:
        raise errors.CorruptFileError(f"{path}: corrupt PDF ({type(e).__name__})") from None


def _page_scan(page):
    """The page's scan: its largest embedded image when that image fills the page (the page's aspect ratio,
    at least MIN_SCAN_DPI), turned by the page's /Rotate; with the scan's own dpi. A signature logo or a
    CamScanner banner beside it is left out. None when the page is not a scan."""
    try:
        images = list(page.images)
    except Exception:
        return None
    best = None
    for img in images:
        try:
            im = img.image
        except Exception:
            continue
        if im is not None and (best is None or im.width * im.height > best.width * best.height):
            best = im
    if best is None:
        return None
    w_pt, h_pt = float(page.mediabox.width), float(page.mediabox.height)
    if w_pt <= 0 or h_pt <= 0:
        return None
    dpi_x, dpi_y = best.width / (w_pt / 72.0), best.height / (h_pt / 72.0)
    if abs(dpi_x - dpi_y) / max(dpi_x, dpi_y) > SCAN_ASPECT_TOLERANCE or dpi_x < MIN_SCAN_DPI:
        return None
    if best.width * best.height > MAX_IMAGE_PIXELS:
        raise errors.ImageTooLargeError(f"embedded image too large ({best.width}x{best.height})")
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    im = best.convert("RGB")  # (the aspect test above is on the unrotated page, as the image is stored)
    if rotate:
        im = im.rotate(-rotate, expand=True)  # /Rotate turns clockwise for display; PIL turns counter-clockwise
    return im, int(round(dpi_x))


PHOTO_ASPECT_TOLERANCE = 0.10  # a phone capture wrapped into a page: its aspect ratio within this of the page's
MIN_PHOTO_PIXELS = 500_000  # smaller images are logos, badges, banners


def _image_dpi(page) -> int | None:
    """The resolution of a page's scan that _page_scan could not take as it is (a JBIG2 image pypdf cannot
    decode, a phone capture stored sideways or not quite the page's shape), from the image's /Width and /Height
    alone: the page is then rasterized at that resolution, not upsampled to --dpi (catld_ttr_416, a 960×1280
    photo: 0.968 valid syllables at its own 116 dpi, 0.944 at 300)."""
    try:
        xobjects = page["/Resources"]["/XObject"].get_object()
        dims = [(int(x["/Width"]), int(x["/Height"])) for x in (v.get_object() for v in xobjects.values())
                if x.get("/Subtype") == "/Image"]
    except Exception:
        return None
    if not dims:
        return None
    w, h = max(dims, key=lambda d: d[0] * d[1])
    if w * h < MIN_PHOTO_PIXELS:
        return None
    pw, ph = float(page.mediabox.width) / 72.0, float(page.mediabox.height) / 72.0
    if int(page.get("/Rotate", 0) or 0) % 180:
        pw, ph = ph, pw
    if pw <= 0 or ph <= 0:
        return None
    if (w > h) != (pw > ph):  # stored sideways, turned by the content matrix
        w, h = h, w
    if abs(w / h - pw / ph) / (pw / ph) > PHOTO_ASPECT_TOLERANCE:
        return None
    dpi = max(w / pw, h / ph)
    return int(round(dpi)) if dpi >= MIN_SCAN_DPI else None


def _has_large_image(page) -> bool:
    """Whether some image is drawn on the page at all (a scan the aspect test did not accept, e.g. a phone
    capture stored sideways and turned by the content matrix)."""
    try:
        return any(img.image is not None and img.image.width * img.image.height >= 500_000 for img in page.images)
    except Exception:
        return False


def pdf_page(path, page, i: int, dpi: int, mode: str = "auto") -> PageInput:
    """Page i (1-based) of an open PDF, its text source decided by the text-layer triage."""
    try:
        runs = text_layer.read_runs(page)
    except Exception as e:  # a stream pypdf refuses: read the page from qpdf's rewrite of the file
        log.debug("%s: page %d: text layer unreadable (%s); reading a repaired copy", path, i, e)
        try:
            runs = text_layer.read_runs(repaired_reader(path).pages[i - 1])
        except Exception:
            runs = []
    try:
        scan = _page_scan(page)
    except errors.OcrfixError as e:
        raise type(e)(f"{path}: page {i}: {e}") from None
    native = _image_dpi(page) if scan is None else None
    has_scan = scan is not None or native is not None or _has_large_image(page)
    layer = text_layer.split_layer(runs, has_scan)
    layer.stamp = "\n".join(t for t in (layer.stamp, text_layer.annotation_text(page)) if t)
    d = text_layer.decide(layer, has_scan, mode)
    summary = dict(layer.summary(), decision=d.action, reason=d.reason)
    if d.quality is not None:
        summary["quality"] = d.quality.summary()
    # good born-digital (or decoded legacy-font) text is the author's own: restoration leaves it as it is
    summary["as_is"] = d.action in (text_layer.USE, text_layer.CONVERT) and d.quality is not None and d.quality.good()
    common: dict[str, Any] = dict(number=i, source_reason=d.reason, layer=summary, stamp_text=layer.stamp or None)
    if d.action != text_layer.OCR:
        source = "converted-layer" if d.action == text_layer.CONVERT else "text-layer"
        return PageInput(text=d.text, source=source, **common)
    if layer.drawn and not layer.invisible:
        native = None  # drawn page text: an image on the page does not give the page's resolution
    if scan is not None and layer.drawn >= text_layer.MIN_LAYER_LETTERS:
        native = scan[1]  # text drawn over the image: rasterize the page at the scan's resolution
        scan = None
    if scan is not None:
        im, native = scan
        return PageInput(image=im, dpi=native, layer_text=d.text if d.compare else None, **common)
    at = min(native, dpi) if native else dpi
    return PageInput(image=_rasterize(path, i, at), dpi=at, layer_text=d.text if d.compare else None, **common)


def _rasterize(path, i: int, dpi: int):
    from pdf2image import convert_from_path

    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=i, last_page=i)
    except Exception as e:
        raise errors.CorruptFileError(f"{path}: cannot rasterize page {i} ({type(e).__name__})") from None
    if not images:
        raise errors.CorruptFileError(f"{path}: cannot rasterize page {i}")
    return images[0].convert("RGB")


def pdf_pages(path, dpi: int, mode: str = "auto") -> Iterator[PageInput]:
    reader = open_pdf(path)
    for i, page in enumerate(reader.pages, 1):
        yield pdf_page(path, page, i, dpi, mode)
