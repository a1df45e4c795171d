"""The unit the sources hand to the pipeline: one page, as an image to OCR or as text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PIL import Image


@dataclass
class PageInput:
    """One page ready for OCR (image set) or already text (text set)."""

    number: int
    image: Image.Image | None = None
    text: str | None = None
    dpi: int | None = None
    source: str = "ocr"  # "ocr" | "text-layer" | "converted-layer" | "text"
    source_reason: str = ""  # why this source was chosen (text-layer triage)
    layer: dict[str, Any] | None = None  # summary of the PDF text layer and the decision on it
    layer_text: str | None = None  # a doubtful layer to weigh against the OCR of `image`
    stamp_text: str | None = None  # a signature stamp's text over a scanned page ("Ký bởi: … Thời gian ký: …")
