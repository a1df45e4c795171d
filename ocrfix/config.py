"""Pipeline settings: one frozen value passed down the stages (and hashed for resumable batches)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import Enum

from .tuning import LayoutTuning, OcrTuning, RestoreTuning

# preprocessing steps; the order is the order they run in. On by default only what lowers CER on
# benchmarks/ocr.py (README, "OCR benchmark"): color (seal pages), orientation (pages turned 90°), deskew
# (mild/medium scans, skewed pages); upscale, denoise and binarize raised CER there and stay opt-in
STEPS = ("color", "orientation", "deskew", "denoise", "binarize", "upscale")
DEFAULT_STEPS = ("color", "orientation", "deskew")


class Profile(str, Enum):
    """What kind of text restoration gets (README, "Restoration"); AUTO detects it per document."""

    AUTO = "auto"
    ENG = "eng"  # legacy OCR made with a non-Vietnamese model
    VIE = "vie"  # Vietnamese OCR, or correct text
    PLAIN = "plain"  # diacritics stripped
    CLEAN = "clean"  # not Vietnamese: left alone

    def __str__(self) -> str:
        return self.value


PROFILES = tuple(p.value for p in Profile)


@dataclass(frozen=True)
class Config:
    lang: str = "vie"
    dpi: int = 300  # rasterization dpi for PDF pages that are not one embedded scan
    force_ocr: bool = False  # OCR pages even when the PDF has a text layer (same as text_layer="ignore")
    text_layer: str = "auto"  # PDF text layers: auto (judge each page's), use (trust it), ignore (always OCR)
    steps: tuple[str, ...] = field(default=DEFAULT_STEPS)
    recover: bool = True  # look for ink no word covers and OCR it again
    restore: bool = True
    profile: str = Profile.AUTO.value  # input profile for restoration (a Profile value)
    fields: bool = True
    restore_tuning: RestoreTuning = field(default_factory=RestoreTuning)
    layout_tuning: LayoutTuning = field(default_factory=LayoutTuning)
    ocr_tuning: OcrTuning = field(default_factory=OcrTuning)

    def __post_init__(self) -> None:
        object.__setattr__(self, "profile", Profile(self.profile).value)  # a bad name fails here, early

    def fingerprint(self) -> str:
        """Settings and model versions in one short hash: a batch redoes outputs when either changes."""
        from .restoration.models import models_fingerprint

        blob = json.dumps({"config": asdict(self), "models": models_fingerprint()}, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
