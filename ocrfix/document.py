"""The document model: one `to_dict()` is both the JSON output and the library result."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"
PAGE_BREAK = "\f"


@dataclass
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, width, height in page pixels
    confidence: float  # Tesseract's 0-100
    line: int = 0  # index of the OCR line on its page
    handwritten: bool = False  # read from handwriting (a number or day written into a printed blank)


@dataclass
class Page:
    number: int  # 1-based
    raw_text: str  # what OCR (or the text layer / the input file) gave
    text: str = ""  # restored text
    words: list[Word] = field(default_factory=list)
    confidence: float | None = None  # mean word confidence, OCR pages only
    source: str = "ocr"  # "ocr" | "text-layer" | "text"
    width: int | None = None
    height: int | None = None
    dpi: int | None = None
    preprocessing: list[str] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["words"] = [
            {"text": w.text, "box": list(w.box), "confidence": round(w.confidence, 1), "line": w.line,
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
