"""Orientation through the engine's OSD (in process with tesserocr): turn a sideways page upright."""
from __future__ import annotations

import cv2
import numpy as np

from .engine import get_engine

OSD_SIZE = 2400  # long side (px) of the image given to Tesseract's orientation detection
OSD_MIN_CONF = 3.0  # turn a page only when OSD is at least this confident (upright pages seen at 2.9)


def osd_angle(g: np.ndarray, lang: str = "vie") -> int:
    """Degrees clockwise (0, 90, 180, 270) that turn the page upright by Tesseract's OSD; 0 when OSD sees it
    upright or is unsure (under OSD_MIN_CONF). OSD reads a page of about OSD_SIZE px best: a 100 dpi page
    enlarged, a large one reduced (benchmarks/ocr.py, severe level: CER 2 % → 40 % without)."""
    h, w = g.shape
    scale = OSD_SIZE / max(h, w)
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    small = cv2.resize(g, (int(w * scale), int(h * scale)), interpolation=interp) if abs(scale - 1) > 0.05 else g
    res = get_engine(lang).osd(small)
    if res is None:
        return 0
    angle, conf = res
    return 0 if angle == 0 or conf < OSD_MIN_CONF else int(angle)
