"""A PDF page for one frame of a PNG, JPEG or TIFF input, keeping the image's pixels exactly.

JPEG: the file's bytes are the image stream as they are (DCTDecode, no re-encoding). PNG and TIFF: the
decoded pixels, Flate-compressed (lossless): 1-bit, grey, RGB and palette images as they are, an alpha channel as
a soft mask; other modes (16-bit, CMYK TIFF …) are converted to RGB (said in the warning). The page is the image
at its resolution; without one it gets A4's long side (842 pt).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import pikepdf
from PIL import Image

A4_LONG_SIDE_PT = 842.0
MIN_DPI = 30  # below this a resolution tag is taken as missing (as sources.py does)
FLATE_LEVEL = 6


@dataclass
class ImagePage:
    page: pikepdf.Dictionary
    ctm: tuple[float, float, float, float, float, float]
    note: str | None = None  # what was not kept as it was


def _page_size(im: Image.Image) -> tuple[float, float]:
    dpi: tuple = im.info.get("dpi") or ()
    w, h = im.size
    try:
        dx, dy = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        dx = dy = 0.0
    if dx > MIN_DPI and dy > MIN_DPI:
        return w * 72.0 / dx, h * 72.0 / dy
    k = A4_LONG_SIDE_PT / max(w, h)
    return w * k, h * k


def _jpeg_stream(pdf: pikepdf.Pdf, data: bytes, im: Image.Image) -> tuple[pikepdf.Stream, str | None]:
    spaces = {"L": pikepdf.Name.DeviceGray, "RGB": pikepdf.Name.DeviceRGB, "YCbCr": pikepdf.Name.DeviceRGB,
              "CMYK": pikepdf.Name.DeviceCMYK}
    stream = pdf.make_stream(data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=im.width,
                             Height=im.height, ColorSpace=spaces[im.mode], BitsPerComponent=8,
                             Filter=pikepdf.Name.DCTDecode)
    if im.mode == "CMYK" and "adobe" in im.info:  # Adobe CMYK JPEGs store inverted values
        stream["/Decode"] = [1, 0, 1, 0, 1, 0, 1, 0]
    return stream, None


def _flate_stream(pdf: pikepdf.Pdf, im: Image.Image) -> tuple[pikepdf.Stream, str | None]:
    note = None
    alpha = None
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        alpha = im.getchannel("A") if im.mode != "P" else im.convert("RGBA").getchannel("A")
        im = im.convert("RGB" if im.mode in ("RGBA", "PA", "P") else "L")
    if im.mode not in ("1", "L", "RGB", "P"):
        note = f"{im.mode} pixels converted to RGB"
        im = im.convert("RGB")
    kw = dict(Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=im.width, Height=im.height,
              Filter=pikepdf.Name.FlateDecode)
    if im.mode == "1":
        kw.update(ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=1)
    elif im.mode == "L":
        kw.update(ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    elif im.mode == "RGB":
        kw.update(ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    else:  # palette: an Indexed colour space with the palette as it is
        palette = im.getpalette() or []
        n = max(1, len(palette) // 3)
        kw.update(ColorSpace=[pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, n - 1,
                              pikepdf.String(bytes(palette[:3 * n]))], BitsPerComponent=8)
    stream = pdf.make_stream(zlib.compress(im.tobytes(), FLATE_LEVEL), **kw)
    if alpha is not None:
        stream["/SMask"] = pdf.make_stream(
            zlib.compress(alpha.tobytes(), FLATE_LEVEL), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
            Width=alpha.width, Height=alpha.height, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
            Filter=pikepdf.Name.FlateDecode)
    return stream, note


def image_page(pdf: pikepdf.Pdf, path: str, im: Image.Image, frame: int) -> ImagePage:
    """Frame `frame` (0-based, already selected with im.seek) of the image file as a page of `pdf`."""
    if im.format == "JPEG" and frame == 0 and im.mode in ("L", "RGB", "YCbCr", "CMYK"):
        with open(path, "rb") as f:
            stream, note = _jpeg_stream(pdf, f.read(), im)
    else:
        stream, note = _flate_stream(pdf, im)
    w_pt, h_pt = _page_size(im)
    content = pdf.make_stream(f"q {w_pt:.4f} 0 0 {h_pt:.4f} 0 0 cm /Im0 Do Q\n".encode("ascii"))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, round(w_pt, 4), round(h_pt, 4)],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=stream)),
                              Contents=content)
    return ImagePage(page, (w_pt, 0.0, 0.0, h_pt, 0.0, 0.0), note)
