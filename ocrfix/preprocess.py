"""Page clean-up before OCR (OpenCV). Each step is a pure function image → image; which steps run by
default is decided by `benchmarks/ocr.py` (see the README), not by taste."""
from __future__ import annotations

import logging

import cv2
import numpy as np

from .config import DEFAULT_STEPS, STEPS  # noqa: F401  (the step names live with the settings)
from .tuning import DEFAULT_OCR, OcrTuning

log = logging.getLogger(__name__)


def to_bgr(pil_image) -> np.ndarray:
    return cv2.cvtColor(np.asarray(pil_image.convert("RGB")), cv2.COLOR_RGB2BGR)


def gray(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def suppress_color_ink(img: np.ndarray, t: OcrTuning = DEFAULT_OCR) -> np.ndarray:
    """Whiten strongly coloured pixels (red seals, blue signatures) but keep dark text under them.

    Black print under a red seal stays dark in every channel, while the seal itself is bright in red;
    so a pixel is kept as ink only where its brightest channel is dark too."""
    if img.ndim == 2:
        return img
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    sat, val = hsv[..., 1], hsv[..., 2]  # val is the brightest channel
    out = gray(img).copy()
    colored = sat > t.color_saturation
    out[colored] = val[colored]  # red/blue ink is bright in its own channel; black print is dark in all
    out[colored & (val > t.color_bright)] = 255
    return out



# The page as written, for re-reading handwritten numbers: seals, signatures and stamps whitened, every other ink kept.
# Coloured ink is told from black print by its chroma (max - min channel), not HSV saturation, which is high for
# near-black JPEG pixels too; a mark is handwriting when its strokes form a small cluster, and a seal, a signature, a
# received stamp or a tinted background forms a large one (thresholds: OcrTuning.ink_* and mark_*).
def handwriting_view(img: np.ndarray, t: OcrTuning = DEFAULT_OCR) -> np.ndarray:
    """The page in grey with large coloured ink (seals, signatures, received stamps) whitened, with everything
    coloured inside their bounding boxes (a seal's inner text, the numbers written into a stamp), and small
    coloured marks (a number or day written in red or blue) kept dark: what the handwriting re-read looks at,
    where suppress_color_ink whitens all coloured ink for the page's OCR. A grey page is returned as it is."""
    if img.ndim == 2:
        return img
    luma = gray(img)
    b, g, r = cv2.split(img)
    colored = cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r)) > t.ink_min_chroma
    ink = (colored & (luma < t.ink_max_luma)).astype(np.uint8)
    out = luma.copy()
    if not ink.any():
        return out
    h, w = ink.shape
    k = max(3, w // 150)  # joins the strokes of one number, not the number and a seal a line away
    n, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(ink, np.ones((k, k), np.uint8)), connectivity=8)
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bh > t.mark_max_height * h or bw > t.mark_max_width * w:
            box = colored[y:y + bh, x:x + bw]
            out[y:y + bh, x:x + bw][box] = 255
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


def skew_correction(g: np.ndarray, dpi: int | None = None, t: OcrTuning = DEFAULT_OCR) -> float:
    """The rotation (degrees) deskew applies to this page; 0.0 when it leaves it alone. Below 150 dpi a small
    rotation costs more (interpolation of tiny glyphs) than Tesseract loses on a slightly skewed line, so only
    skews of 0.8° or more are corrected there (benchmarks/ocr.py: a 0.2–0.6° correction at 100 dpi raised CER
    from 2.1 % to 3.2 %)."""
    angle = estimate_skew(g)
    low = dpi is not None and dpi != 0 and dpi < t.deskew_low_dpi
    return 0.0 if abs(angle) < (t.deskew_min_low_dpi if low else t.deskew_min) else angle


def deskew(g: np.ndarray, dpi: int | None = None, geometry: dict | None = None,
           t: OcrTuning = DEFAULT_OCR) -> np.ndarray:
    """Straighten the page (see skew_correction). `geometry`, if given, accumulates the angle in "skew" (the
    PDF writer maps word boxes back onto the input image)."""
    angle = skew_correction(g, dpi, t)
    if not angle:
        return g
    if geometry is not None:
        geometry["skew"] = geometry.get("skew", 0.0) + angle
    return rotate(g, angle)




_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn(g: np.ndarray, angle: int) -> np.ndarray:
    """`g` turned `angle` degrees clockwise (0, 90, 180, 270)."""
    return cv2.rotate(g, _ROTATE[angle]) if angle else g


def orientation_angle(g: np.ndarray, lang: str = "vie", t: OcrTuning = DEFAULT_OCR) -> int:
    """Degrees clockwise that turn the page upright by Tesseract's OSD (0 when upright or unsure)."""
    from .recognition.orientation import osd_angle

    return osd_angle(g, lang, t)


def fix_orientation(g: np.ndarray, lang: str = "vie", geometry: dict | None = None,
                    t: OcrTuning = DEFAULT_OCR) -> np.ndarray:
    """Turn a page that lies sideways or upside down upright; `geometry` accumulates the turn in "rotation"."""
    angle = orientation_angle(g, lang, t)
    if angle and geometry is not None:
        geometry["rotation"] = (geometry.get("rotation", 0) + angle) % 360
    return turn(g, angle)


def denoise(g: np.ndarray) -> np.ndarray:
    return cv2.medianBlur(g, 3)


def binarize(g: np.ndarray) -> np.ndarray:
    _, bw = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return bw


def normalize_resolution(g: np.ndarray, dpi: int | None, t: OcrTuning = DEFAULT_OCR) -> tuple[np.ndarray, int | None]:
    """Upscale low-resolution scans towards `t.target_dpi` (never downscale)."""
    if not dpi or dpi >= t.target_dpi * 0.9:
        return g, dpi
    f = t.target_dpi / dpi
    out = cv2.resize(g, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    return out, t.target_dpi




def run(img: np.ndarray, dpi: int | None, steps=DEFAULT_STEPS, geometry: dict | None = None,
        t: OcrTuning = DEFAULT_OCR) -> tuple[np.ndarray, int | None, list[str]]:
    """Apply the chosen steps in their fixed order; returns (grayscale image, dpi, steps applied). `geometry`,
    if given, receives the quarter turn ("rotation") and the deskew angle ("skew") applied."""
    g, _, dpi, done = run_with_marks(img, dpi, steps, geometry, t)
    return g, dpi, done


def run_with_marks(img: np.ndarray, dpi: int | None, steps=DEFAULT_STEPS, geometry: dict | None = None,
                   t: OcrTuning = DEFAULT_OCR) -> tuple[np.ndarray, np.ndarray | None, int | None, list[str]]:
    """run(), plus the page as written (handwriting_view) when the color step whitens coloured ink, turned and
    straightened with the page so that its pixels stay where the page's are (None without the color step)."""
    done = []
    g = suppress_color_ink(img, t) if "color" in steps else gray(img)
    marks = handwriting_view(img, t) if "color" in steps else None
    if "color" in steps:
        done.append("color")
    if "orientation" in steps:
        angle = orientation_angle(g, t=t)
        if angle:
            g, marks = turn(g, angle), (None if marks is None else turn(marks, angle))
            if geometry is not None:
                geometry["rotation"] = (geometry.get("rotation", 0) + angle) % 360
            done.append("orientation")
    if "deskew" in steps:
        skew = skew_correction(g, dpi, t)
        if skew:
            g = rotate(g, skew)
            marks = None if marks is None else rotate(marks, skew)
            if geometry is not None:
                geometry["skew"] = geometry.get("skew", 0.0) + skew
        done.append("deskew")
    if "upscale" in steps:
        g2, dpi2 = normalize_resolution(g, dpi, t)
        if marks is not None and g2.shape != g.shape:
            marks = cv2.resize(marks, (g2.shape[1], g2.shape[0]), interpolation=cv2.INTER_CUBIC)
        g, dpi = g2, dpi2
        done.append("upscale")
    if "denoise" in steps:
        g = denoise(g)
        done.append("denoise")
    if "binarize" in steps:
        g = binarize(g)
        done.append("binarize")
    return g, marks, dpi, done
