"""Page clean-up before OCR (OpenCV). Each step is a pure function image → image; which steps run by
default is decided by `benchmarks/ocr.py` (see the README), not by taste."""
from __future__ import annotations

import logging

import cv2
import numpy as np

from .config import DEFAULT_STEPS, STEPS  # noqa: F401  (the step names live with the settings)

log = logging.getLogger(__name__)

TARGET_DPI = 300


def to_bgr(pil_image) -> np.ndarray:
    return cv2.cvtColor(np.asarray(pil_image.convert("RGB")), cv2.COLOR_RGB2BGR)


def gray(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def suppress_color_ink(img: np.ndarray) -> np.ndarray:
    """Whiten strongly coloured pixels (red seals, blue signatures) but keep dark text under them.

    Black print under a red seal stays dark in every channel, while the seal itself is bright in red;
    so a pixel is kept as ink only where its brightest channel is dark too."""
    if img.ndim == 2:
        return img
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    sat, val = hsv[..., 1], hsv[..., 2]  # val is the brightest channel
    out = gray(img).copy()
    colored = sat > 60
    out[colored] = val[colored]  # red/blue ink is bright in its own channel; black print is dark in all
    out[colored & (val > 140)] = 255
    return out


def estimate_skew(g: np.ndarray, max_angle: float = 6.0, step: float = 0.2) -> float:
    """Angle (degrees) that makes text lines horizontal: the rotation maximizing row-profile variance."""
    h, w = g.shape
    scale = 1000.0 / max(h, w)
    small = cv2.resize(g, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, bw = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if bw.mean() < 0.5:  # blank page
        return 0.0
    center = (bw.shape[1] / 2, bw.shape[0] / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rot = cv2.warpAffine(bw, m, (bw.shape[1], bw.shape[0]), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        return float(np.var(prof))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 1.0)
    best = max(coarse, key=score)
    fine = np.arange(best - 1.0, best + 1.0 + 1e-9, step)
    return float(max(fine, key=score))


def rotate(g: np.ndarray, angle: float) -> np.ndarray:
    h, w = g.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(g, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def deskew(g: np.ndarray, dpi: int | None = None, geometry: dict | None = None) -> np.ndarray:
    """Straighten the page. Below 150 dpi a small rotation costs more (interpolation of tiny glyphs) than
    Tesseract loses on a slightly skewed line, so only skews of 0.8° or more are corrected there
    (benchmarks/ocr.py: a 0.2–0.6° correction at 100 dpi raised CER from 2.1 % to 3.2 %)."""
    angle = estimate_skew(g)
    if abs(angle) < (0.8 if dpi and dpi < 150 else 0.1):
        return g
    if geometry is not None:  # the PDF writer maps word boxes back onto the page image
        geometry["skew"] = geometry.get("skew", 0.0) + angle
    return rotate(g, angle)


OSD_SIZE = 2400  # long side (px) of the image given to Tesseract's orientation detection
OSD_MIN_CONF = 3.0  # turn a page only when OSD is at least this confident (upright pages seen at 2.9)


def fix_orientation(g: np.ndarray, dpi: int | None = None, geometry: dict | None = None) -> np.ndarray:
    """Turn a page that lies sideways or upside down upright, using Tesseract's OSD."""
    import pytesseract

    h, w = g.shape
    # OSD reads a page of about 2400 px best: larger is slow, and a 100 dpi page (1170 px) must be enlarged,
    # or OSD turns upright pages upside down (benchmarks/ocr.py, severe level: CER 2 % → 40 %)
    scale = OSD_SIZE / max(h, w)
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    small = cv2.resize(g, (int(w * scale), int(h * scale)), interpolation=interp) if abs(scale - 1) > 0.05 else g
    try:
        osd = pytesseract.image_to_osd(small, config="--psm 0", output_type=pytesseract.Output.DICT)
    except Exception:  # too little text for OSD: leave the page as it is
        return g
    angle = int(osd.get("rotate", 0)) % 360
    if angle == 0 or float(osd.get("orientation_conf", 0)) < OSD_MIN_CONF:
        return g
    code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[angle]
    if geometry is not None:
        geometry["rotation"] = (geometry.get("rotation", 0) + angle) % 360
    return cv2.rotate(g, code)


def denoise(g: np.ndarray) -> np.ndarray:
    return cv2.medianBlur(g, 3)


def binarize(g: np.ndarray) -> np.ndarray:
    _, bw = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return bw


def normalize_resolution(g: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None]:
    """Upscale low-resolution scans towards 300 dpi (never downscale)."""
    if not dpi or dpi >= TARGET_DPI * 0.9:
        return g, dpi
    f = TARGET_DPI / dpi
    out = cv2.resize(g, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    return out, TARGET_DPI




def run(img: np.ndarray, dpi: int | None, steps=DEFAULT_STEPS,
        geometry: dict | None = None) -> tuple[np.ndarray, int | None, list[str]]:
    """Apply the chosen steps in their fixed order; returns (grayscale image, dpi, steps applied). `geometry`,
    if given, receives the quarter turn ("rotation") and the deskew angle ("skew") applied."""
    done = []
    g = suppress_color_ink(img) if "color" in steps else gray(img)
    if "color" in steps:
        done.append("color")
    if "orientation" in steps:
        g2 = fix_orientation(g, dpi, geometry)
        if g2 is not g:
            done.append("orientation")
        g = g2
    if "deskew" in steps:
        g = deskew(g, dpi, geometry)
        done.append("deskew")
    if "upscale" in steps:
        g, dpi = normalize_resolution(g, dpi)
        done.append("upscale")
    if "denoise" in steps:
        g = denoise(g)
        done.append("denoise")
    if "binarize" in steps:
        g = binarize(g)
        done.append("binarize")
    return g, dpi, done
