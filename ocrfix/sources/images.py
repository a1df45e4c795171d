"""Image inputs (PNG, JPEG, TIFF, multi-page TIFF) → pages, with the decompression-bomb guard."""
from __future__ import annotations

import warnings
from typing import Iterator

from PIL import Image

from .. import errors
from .page import PageInput

MAX_IMAGE_PIXELS = 120_000_000  # ≈ A0 at 300 dpi; anything larger is refused as a decompression bomb


def open_image(path) -> Image.Image:
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


def dpi_of(im: Image.Image) -> int | None:
    dpi = im.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 30:
        return int(round(float(dpi[0])))
    return None


def image_frame(path, im: Image.Image, i: int) -> PageInput:
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
    return PageInput(number=i, image=page, dpi=dpi_of(im))


def image_pages(path) -> Iterator[PageInput]:
    with open_image(path) as im:
        for i in range(1, getattr(im, "n_frames", 1) + 1):
            yield image_frame(path, im, i)


