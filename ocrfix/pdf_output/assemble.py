"""The searchable PDF/A: the input's pages (changed in memory with pikepdf, images untouched) or image files'
frames, each OCR page with its old invisible text removed and the restored text added as an invisible layer.

qpdf streams the unchanged objects, images included, from the input file when the output is written, so memory
follows the page structure, not the images. Pages whose `Page.source` is "text-layer" (good born-digital text)
are left as they are.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .. import errors, sources
from ..document import Document, Page
from ..writers import TMP_PREFIX, _fsync_dir
from . import font as F
from .geometry import Affine, display_to_user, displayed_size, image_to_user, then, unturn
from .image_page import image_page
from .placement import image_placements
from .strip import strip_invisible_text
from .text_layer import content_stream
from .words import layer_words

log = logging.getLogger("ocrfix")

FLAVOUR = "2b"
FRAME_TOLERANCE = 0.01  # relative size difference under which a rendering / an image is the OCR'd frame
SIGNED_NOTE = ("the input is digitally signed; this copy adds a text layer, so the signature does not cover it "
               "(the signed input is unchanged)")
UPDATE_NOTE = ("the input is digitally signed; the text layer is an incremental update after the signed revision, "
               "which stays intact and verifiable (viewers show the change); not PDF/A")

AF_NOTE = "files associated with pages (/AF) left out: PDF/A-2 has none"


@dataclass
class PdfResult:
    """What write_pdf did (also returned to batch, which records it in the manifest)."""

    pages: int = 0
    text_pages: int = 0  # pages given a new text layer
    removed_shows: int = 0  # text-showing operators of old invisible layers removed
    layer_bytes: int = 0  # uncompressed bytes of the new text layers
    pdfa: str | None = None  # "2b" when the written file passed pikepdf.pdfa's validator
    signed: bool = False
    signature: str | None = None  # signed inputs: "kept" (incremental update) or "removed" (rewritten)
    notes: list[str] = field(default_factory=list)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= FRAME_TOLERANCE * max(abs(a), abs(b), 1.0)


def page_frame(page: Page, pdf_page: pikepdf.Page) -> Affine | None:
    """Map from the OCR'd frame's pixels to the PDF page's user space, or None if the page has no OCR frame.

    The OCR'd image is either a rendering of the displayed page (its size is the page's at `Page.dpi`) or one
    of the page's images at its own resolution (same aspect; drawn with its CTM)."""
    if not page.width or not page.height:
        return None
    to_input, (w0, h0) = unturn(page.width, page.height, page.rotation, page.skew)
    x0, y0, x1, y1 = (float(v) for v in pdf_page.cropbox)
    box = (x0, y0, x1, y1)
    rotate = int(pdf_page.obj.get("/Rotate", 0)) % 360
    disp_w, disp_h = displayed_size(box, rotate)
    if page.dpi and _close(w0, disp_w * page.dpi / 72) and _close(h0, disp_h * page.dpi / 72):
        return then(to_input, display_to_user(box, rotate, w0, h0))
    fits = [p for p in image_placements(pdf_page) if p.width and p.height and _close(w0 / p.width, h0 / p.height)]
    if fits:
        best = max(fits, key=lambda p: p.width * p.height)
        return then(to_input, image_to_user(best.ctm, w0, h0))
    return then(to_input, display_to_user(box, rotate, w0, h0))  # best effort: stretched over the page


def _add_layer(pdf: pikepdf.Pdf, pdf_page: pikepdf.Page, page: Page, to_user: Affine, font) -> int:
    words = layer_words(page)
    if not words:
        return 0
    name = pdf_page.add_resource(font, pikepdf.Name.Font, prefix="OcrfixF")
    data = content_stream(words, to_user, str(name))
    pdf_page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    pdf_page.contents_add(pdf.make_stream(b"Q\n" + data))
    return len(data)


def is_signed(pdf: pikepdf.Pdf) -> bool:
    """A signature field with a value (a /Sig dictionary with /ByteRange), or a /Perms signature."""
    root = pdf.Root
    if "/Perms" in root:
        return True
    acro = root.get("/AcroForm")
    if not isinstance(acro, pikepdf.Dictionary):
        return False
    todo, seen = list(acro.get("/Fields", [])), 0
    while todo and seen < 10000:
        f = todo.pop()
        seen += 1
        if not isinstance(f, pikepdf.Dictionary):
            continue
        v = f.get("/V")
        if f.get("/FT") == pikepdf.Name.Sig and isinstance(v, pikepdf.Dictionary) and "/ByteRange" in v:
            return True
        todo.extend(f.get("/Kids", []))
    return False


def _unsign(pdf: pikepdf.Pdf) -> None:
    """The copy of a signed file carries no signature: the signature covered the input's bytes, not these, and
    the copy must not claim it. The signature widgets' appearance (the visible stamp) is drawn into the pages
    (flattened), then the form goes (PDF/A's validator here accepts no /AcroForm)."""
    pdf.flatten_annotations("print")
    for key in ("/AcroForm", "/Perms"):
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:  # widgets left have nothing to show (no appearance) and no form to belong to
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array):
            kept = [a for a in annots if not (isinstance(a, pikepdf.Dictionary)
                                             and a.get("/Subtype") == pikepdf.Name.Widget)]
            if len(kept) != len(annots):
                if kept:
                    page.obj["/Annots"] = pikepdf.Array(kept)
                else:
                    del page.obj["/Annots"]


def _open_input(doc: Document, src: str, stack) -> pikepdf.Pdf:
    try:
        inp = pikepdf.open(src)
    except pikepdf.PasswordError:
        raise errors.EncryptedPdfError(f"{src}: PDF is encrypted (password required)") from None
    except (pikepdf.PdfError, OSError) as e:
        raise errors.CorruptFileError(f"{src}: corrupt PDF ({type(e).__name__})") from None
    stack.append(inp)
    if len(inp.pages) != len(doc.pages):
        raise errors.InputError(f"{src}: has {len(inp.pages)} pages, the document {len(doc.pages)}")
    return inp


def _layers_in_place(doc: Document, pdf: pikepdf.Pdf, result: PdfResult) -> None:
    """Strip old invisible text and add the new layer on the OCR pages of `pdf` itself."""
    font = None
    for i, page in enumerate(doc.pages):
        result.pages += 1
        if page.source != "ocr":
            continue
        pdf_page = pdf.pages[i]
        result.removed_shows += strip_invisible_text(pdf, pdf_page)
        to_user = page_frame(page, pdf_page)
        if to_user is None:
            continue
        font = font if font is not None else F.make_font(pdf)
        n = _add_layer(pdf, pdf_page, page, to_user, font)
        result.layer_bytes += n
        result.text_pages += n > 0


def _signed_update(doc: Document, inp: pikepdf.Pdf, src: str, tmp: str, result: PdfResult) -> None:
    """A signed input: its bytes, then an incremental update with the text layer and the metadata."""
    from .. import __version__
    from .incremental import changed_objects, snapshot, write_update

    before = snapshot(inp)
    _layers_in_place(doc, inp, result)
    with inp.open_metadata(set_pikepdf_as_editor=False) as meta:
        if "dc:title" not in meta:
            meta["dc:title"] = _title(doc)
        meta["dc:language"] = ["vi"]
        meta["pdf:Producer"] = f"ocrfix {__version__}"
        meta["dc:description"] = "ocrfix: " + UPDATE_NOTE
    with open(tmp, "wb") as f:
        write_update(src, inp, changed_objects(inp, before), f)
    try:
        with pikepdf.open(tmp) as check:
            ok = len(check.pages) == len(doc.pages)
    except pikepdf.PdfError:
        ok = False
    if not ok:
        raise errors.OcrfixError(f"{src}: the incremental update could not be read back")
    result.signature = "kept"
    result.notes.append(UPDATE_NOTE)
    log.warning("%s: %s", src, UPDATE_NOTE)


def _pdf_pages(doc: Document, pdf: pikepdf.Pdf, result: PdfResult) -> None:
    """The input's own pages, changed in memory (the file is only read; the result is saved elsewhere): qpdf then
    streams every unchanged object, images included, from the input file while writing, so memory stays flat
    whatever the page count (copying pages into a new document held all their image data: 67 MB for 200
    pages)."""
    result.signed = is_signed(pdf)
    if result.signed:
        _unsign(pdf)
        result.signature = "removed"
    for pdf_page in pdf.pages:
        if "/AF" in pdf_page.obj:  # files associated with a page (Adobe Scan's entities): PDF/A-3, not 2
            del pdf_page.obj["/AF"]
            if AF_NOTE not in result.notes:
                result.notes.append(AF_NOTE)
    _layers_in_place(doc, pdf, result)


def _image_pages(doc: Document, src: str, out: pikepdf.Pdf, result: PdfResult) -> None:
    """The frames of an image file as pages of `out`. Their encoded image data stays in memory until the file is
    written (about the input's size): qpdf copies stream data when pages move between documents, so writing
    frames through temporary files would not bound it."""
    font = None
    with sources.open_image(src) as im:
        frames = getattr(im, "n_frames", 1)
        if frames != len(doc.pages):
            raise errors.InputError(f"{src}: has {frames} pages, the document {len(doc.pages)}")
        for i, page in enumerate(doc.pages):
            try:
                im.seek(i)
                made = image_page(out, src, im, i)
            except Exception as e:  # PIL raises many types for broken frames
                raise errors.CorruptFileError(f"{src}: cannot read image page {i + 1} ({type(e).__name__})") from None
            if made.note and made.note not in result.notes:
                result.notes.append(made.note)
            out.pages.append(pikepdf.Page(made.page))
            pdf_page = out.pages[-1]
            result.pages += 1
            if not page.width or not page.height:
                continue
            to_input, (w0, h0) = unturn(page.width, page.height, page.rotation, page.skew)
            font = font if font is not None else F.make_font(out)
            n = _add_layer(out, pdf_page, page, then(to_input, image_to_user(made.ctm, w0, h0)), font)
            result.layer_bytes += n
            result.text_pages += n > 0


def _title(doc: Document) -> str:
    subject = (doc.fields or {}).get("subject") if isinstance(doc.fields, dict) else None
    return subject.strip() if isinstance(subject, str) and subject.strip() else Path(doc.source).name


def _set_metadata(out: pikepdf.Pdf, doc: Document, result: PdfResult) -> None:
    from .. import __version__

    with out.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = _title(doc)
        meta["dc:language"] = ["vi"]
        meta["xmp:CreatorTool"] = f"ocrfix {__version__}"
        meta["pdf:Producer"] = f"ocrfix {__version__}"
        if result.signed:
            meta["dc:description"] = "ocrfix: " + SIGNED_NOTE


def _save(out: pikepdf.Pdf, tmp: str, doc: Document, result: PdfResult) -> None:
    """Write `tmp` as PDF/A-2b validated by pikepdf.pdfa; a file the validator refuses (e.g. a born-digital page
    with fonts not embedded) is written as a plain PDF with a warning."""
    import pikepdf.pdfa as pdfa

    pdfa.prepare(out, FLAVOUR)
    _set_metadata(out, doc, result)
    try:
        pdfa.save(out, tmp, FLAVOUR, repair=False)
        result.pdfa = FLAVOUR
        return
    except pdfa.PdfaError as e:
        findings = [f for f in e.report.findings]
        why = str(findings[0]) if findings else "validator refused it"
    with out.open_metadata(set_pikepdf_as_editor=False) as meta:
        for key in ("pdfaid:part", "pdfaid:conformance"):
            if key in meta:
                del meta[key]
    out.save(tmp)
    note = f"not PDF/A-{FLAVOUR}: {why}"
    result.notes.append(note)
    log.warning("%s: %s", doc.source, note)


def write_pdf(document: Document, path: str | os.PathLike, source: str | os.PathLike | None = None,
              signed: str = "update") -> PdfResult:
    """Write `document` as a searchable PDF/A-2b to `path` ("-": stdout), atomically.

    `source` is the file the document was read from (default `document.source`); it is only read. A digitally
    signed input gets, with `signed="update"`, the input's bytes plus an incremental update (the signed revision
    stays verifiable; not PDF/A), with `signed="rewrite"` a new PDF/A without the signature."""
    if signed not in ("update", "rewrite"):
        raise errors.UsageError(f"signed must be 'update' or 'rewrite', not {signed!r}")
    src = str(source or document.source)
    kind = sources.sniff(src)
    if kind == sources.KIND_TEXT:
        raise errors.UnsupportedFormatError(f"{src}: a text file has no page images to put a text layer on")
    result = PdfResult()
    dest = None if str(path) == "-" else Path(path)
    tmp_dir = dest.parent if dest is not None else None
    if tmp_dir is not None:
        tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX + (dest.name if dest else "stdout") + ".", suffix=".pdf",
                               dir=tmp_dir)
    os.close(fd)
    os.unlink(tmp)  # pikepdf.pdfa.save writes it afresh
    stack: list[pikepdf.Pdf] = []
    try:
        if kind == sources.KIND_PDF:
            out = _open_input(document, src, stack)
            if signed == "update" and is_signed(out):
                result.signed = True
                _signed_update(document, out, src, tmp, result)
            else:
                _pdf_pages(document, out, result)
        else:
            out = pikepdf.new()
            stack.append(out)
            _image_pages(document, src, out, result)
        if result.signature == "removed":
            log.warning("%s: %s", src, SIGNED_NOTE)
        if result.signature != "kept":
            _save(out, tmp, document, result)
        for pdf in reversed(stack):
            pdf.close()
        stack.clear()
        if dest is None:
            with open(tmp, "rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
            _fsync_dir(dest.parent)
    finally:
        for pdf in reversed(stack):
            pdf.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
    return result
