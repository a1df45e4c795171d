"""Orientation through the engine's OSD (in process with tesserocr): turn a sideways page upright."""
from __future__ import annotations

import cv2
import numpy as np

from ..preprocess import OSD_MIN_CONF, OSD_SIZE
from .engine import get_engine

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def fix_orientation(g: np.ndarray, lang: str = "vie", geometry: dict | None = None) -> np.ndarray:
    """The page turned upright by Tesseract's OSD, or `g` itself when OSD is unsure or sees it upright.
    Same rule as preprocess.fix_orientation (OSD_SIZE, OSD_MIN_CONF), without a process per call. The quarter
    turn applied is added to `geometry["rotation"]` (the PDF writer maps words back onto the input image)."""
    h, w = g.shape
    scale = OSD_SIZE / max(h, w)
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    small = cv2.resize(g, (int(w * scale), int(h * scale)), interpolation=interp) if abs(scale - 1) > 0.05 else g
    res = get_engine(lang).osd(small)
    if res is None:
        return g
    angle, conf = res
    if angle == 0 or conf < OSD_MIN_CONF:
        return g
    if geometry is not None:
        geometry["rotation"] = (geometry.get("rotation", 0) + angle) % 360
    return cv2.rotate(g, _ROTATE[angle])
