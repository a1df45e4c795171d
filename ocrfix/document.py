"""The document model: one `to_dict()` is both the JSON output and the library result."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .layout import PageLayout

SCHEMA_VERSION = "1.0"
PAGE_BREAK = "\f"


@dataclass
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, width, height in page pixels
    confidence: float  # Tesseract's 0-100
    line: int = 0  # index of the OCR line on its page
    restored: str | None = None  # the restored token for this word, where restoration kept one token per word
    handwritten: bool = False  # read from handwriting (a number or day written into a printed blank)


@dataclass
class Page:
    number: int  # 1-based
    raw_text: str  # what OCR (or the text layer / the input file) gave
    text: str = ""  # restored text
    words: list[Word] = field(default_factory=list)
    confidence: float | None = None  # mean word confidence, OCR pages only
    source: str = "ocr"  # "ocr" | "text-layer" | "converted-layer" (legacy TCVN3/VNI font decoded) | "text"
    width: int | None = None
    height: int | None = None
    dpi: int | None = None
    preprocessing: list[str] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    non_text: list[dict[str, Any]] = field(default_factory=list)  # seals, signatures, emblems: [{box, kind}]
    ocr_passes: dict[str, float] = field(default_factory=dict)  # seconds per OCR pass that ran on the page
    seconds: float = 0.0
    source_reason: str = ""  # why the text comes from `source` (PDF text-layer triage)
    layer: dict[str, Any] | None = None  # the PDF text layer: letters, fonts, decision, quality measures
    stamp_text: str | None = None  # an e-signature stamp's text ("Ký bởi: … Thời gian ký: …"), kept out of `text`
    layout: PageLayout | None = None  # zones and reading order (ocrfix.layout), pages with word boxes only
    # how the OCR'd image (whose pixels the word boxes are in) was turned from the input image, both about its
    # centre: `rotation` degrees clockwise (orientation step: 0, 90, 180, 270), then `skew` degrees as OpenCV
    # rotates (counter-clockwise on screen; deskew step)
    rotation: int = 0
    skew: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["words"] = [
            {"text": w.text, "box": list(w.box), "confidence": round(w.confidence, 1), "line": w.line,
             **({"restored": w.restored} if w.restored is not None and w.restored != w.text else {}),
             **({"handwritten": True} if w.handwritten else {})}
            for w in self.words
        ]
        return d


@dataclass
class Document:
    source: str
    pages: list[Page] = field(default_factory=list)
    fields: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def raw_text(self) -> str:
        return PAGE_BREAK.join(p.raw_text for p in self.pages)

    @property
    def text(self) -> str:
        return PAGE_BREAK.join(p.text or p.raw_text for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "meta": self.meta,
            "text": self.text,
            "raw_text": self.raw_text,
            "fields": self.fields,
            "pages": [p.to_dict() for p in self.pages],
        }
