"""OCRmyPDF plugin: OCRmyPDF's PDF handling with ocrfix's restored Vietnamese as the text layer.

    ocrmypdf --plugin ocrfix.ocrmypdf_plugin -l vie in.pdf out.pdf

OCRmyPDF rasterizes each page and asks its OCR engine for the words; this engine is Tesseract (OCRmyPDF's own,
for orientation, deskew and languages) whose `generate_ocr` runs ocrfix's recognition on the page image (colour
clean-up, lost-text recovery, the two-column pass; no turning or deskewing, which OCRmyPDF does itself so that
the boxes stay on its image) and restores the text, and returns the restored words on their OCR boxes.
OCRmyPDF is not a dependency of ocrfix: this module is only imported by OCRmyPDF.
"""
from __future__ import annotations

from pathlib import Path

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine
from ocrmypdf.models.ocr_element import BoundingBox, OcrClass, OcrElement

from . import __version__
from .config import Config
from .document import Document
from .pdf_output.words import layer_words

ENGINE_STEPS = ("color",)  # OCRmyPDF turns and deskews the page image itself (--rotate-pages, --deskew)


def _config(options) -> Config:
    langs = getattr(options, "languages", None) or ["vie"]
    return Config(lang="+".join(langs), steps=ENGINE_STEPS, fields=False)


def restored_page(image_path: Path, options, number: int = 1):
    """ocrfix's OCR and restoration of one page image: the Page."""
    from PIL import Image

    from . import restoration
    from .pipeline import ocr_page
    from .sources import PageInput
    from .sources.images import dpi_of

    with Image.open(image_path) as im:
        page = ocr_page(PageInput(number=number, image=im.convert("RGB"), dpi=dpi_of(im)), _config(options))
    doc = Document(source=str(image_path), pages=[page])
    restoration.restore_document(doc)
    return page


def page_element(page) -> OcrElement:
    """The restored words as OCRmyPDF's element tree: page → lines → words (boxes in image pixels)."""
    lines: dict[int, list] = {}
    for w in layer_words(page):
        lines.setdefault(w.line, []).append(w)
    children = []
    for words in lines.values():
        kids = [OcrElement(ocr_class=OcrClass.WORD, text=w.text,
                           bbox=BoundingBox(w.box[0], w.box[1], w.box[0] + w.box[2], w.box[1] + w.box[3]))
                for w in sorted(words, key=lambda w: w.box[0])]
        boxes = [(w.box[0], w.box[1], w.box[0] + w.box[2], w.box[1] + w.box[3]) for w in words]
        box = BoundingBox(min(b[0] for b in boxes), min(b[1] for b in boxes),
                          max(b[2] for b in boxes), max(b[3] for b in boxes))
        children.append(OcrElement(ocr_class=OcrClass.LINE, bbox=box, children=kids))
    return OcrElement(ocr_class=OcrClass.PAGE, bbox=BoundingBox(0, 0, page.width or 0, page.height or 0),
                      dpi=float(page.dpi) if page.dpi else None, children=children)


class OcrfixEngine(TesseractOcrEngine):
    """Tesseract through ocrfix, with restoration."""

    @staticmethod
    def creator_tag(options) -> str:
        return f"ocrfix {__version__} (Tesseract OCR {TesseractOcrEngine.version()}, restored Vietnamese)"

    def __str__(self) -> str:
        return f"ocrfix {__version__} with Tesseract OCR {TesseractOcrEngine.version()}"

    @staticmethod
    def supports_generate_ocr() -> bool:
        return True

    @staticmethod
    def generate_ocr(input_file: Path, options, page_number: int = 0) -> tuple[OcrElement, str]:
        page = restored_page(Path(input_file), options, page_number + 1)
        return page_element(page), page.text


@hookimpl
def get_ocr_engine(options):
    if options is not None and getattr(options, "ocr_engine", "auto") not in ("auto", "ocrfix", "tesseract"):
        return None
    return OcrfixEngine()
