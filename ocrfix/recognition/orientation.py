"""Orientation through the engine's OSD (in process with tesserocr): turn a sideways page upright."""
from __future__ import annotations

import cv2
import numpy as np

from ..tuning import DEFAULT_OCR, OcrTuning
from .engine import get_engine



def osd_angle(g: np.ndarray, lang: str = "vie", t: OcrTuning = DEFAULT_OCR) -> int:
    """Degrees clockwise (0, 90, 180, 270) that turn the page upright by Tesseract's OSD; 0 when OSD sees it
    upright or is unsure (under `t.osd_min_conf`). OSD reads a page of about `t.osd_size` px best: a 100 dpi page
    enlarged, a large one reduced (benchmarks/ocr.py, severe level: CER 2 % → 40 % without)."""
    h, w = g.shape
    scale = t.osd_size / max(h, w)
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    small = cv2.resize(g, (int(w * scale), int(h * scale)), interpolation=interp) if abs(scale - 1) > 0.05 else g
    res = get_engine(lang).osd(small)
    if res is None:
        return 0
    angle, conf = res
    return 0 if angle == 0 or conf < t.osd_min_conf else int(angle)
