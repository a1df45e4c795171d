"""Pipeline settings: one frozen value passed down the stages (and hashed for resumable batches)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from . import preprocess


@dataclass(frozen=True)
class Config:
    lang: str = "vie"
    dpi: int = 300  # rasterization dpi for PDF pages that are not one embedded scan
    force_ocr: bool = False  # OCR pages even when the PDF has a text layer (same as text_layer="ignore")
    text_layer: str = "auto"  # PDF text layers: auto (judge each page's), use (trust it), ignore (always OCR)
    steps: tuple[str, ...] = field(default=preprocess.DEFAULT_STEPS)
    recover: bool = True  # look for ink no word covers and OCR it again
    restore: bool = True
    profile: str = "auto"  # OCR profile for restoration: auto | eng | vie | plain | clean
    fields: bool = True

    def fingerprint(self) -> str:
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
