"""source → pages → [preprocess → OCR] → restore → fields: the one place the stages are chained."""
from __future__ import annotations

import os
import time
from concurrent.futures import Executor
from typing import Any, Iterable, Iterator


from . import handwriting, preprocess, recognition, sources
from .recognition import name_line
from .config import Config
from .document import Document, Page


def ocr_page(page: sources.PageInput, config: Config) -> Page:
    """Turn one PageInput into a Page with raw text (OCR'd when it is an image)."""
    t0 = time.perf_counter()
    triage: dict[str, Any] = dict(source_reason=page.source_reason, layer=page.layer, stamp_text=page.stamp_text)
    if page.image is None:
        return Page(number=page.number, raw_text=page.text or "", source=page.source,
                    seconds=round(time.perf_counter() - t0, 3), **triage)
    img = preprocess.to_bgr(page.image)
    # orientation detection costs about as much as OCR itself, so it runs only when the first reading
    # says the page may not be upright (landscape, or low confidence)
    lazy = "orientation" in config.steps
    first = tuple(s for s in config.steps if s != "orientation")
    geo: dict = {}  # quarter turn and deskew angle applied (Page.rotation, Page.skew: the PDF writer's map)
    # `view`: the page as written (seals whitened, other coloured ink kept), turned with the page, for the
    # re-read of handwritten numbers and days
    tune = config.ocr_tuning
    g, view, dpi, done = preprocess.run_with_marks(img, page.dpi, first, geo, tune)
    reading = recognition.read_page(g, config.lang, dpi, recover=config.recover, tuning=tune)
    passes = dict(reading.passes)
    if lazy and _may_be_turned(g, reading.lines):
        t1 = time.perf_counter()
        angle = preprocess.orientation_angle(g, config.lang, tune)
        tries = [angle] if angle else []
        if not tries and g.shape[1] > g.shape[0] * 1.05:  # OSD unsure about a landscape page: try both ways
            tries = [90, 270]
        best = (recognition.reading_score(reading.lines), g, reading, view, geo)
        for a in tries:
            tgeo = dict(geo, rotation=(geo.get("rotation", 0) + a) % 360)
            t, tv = preprocess.turn(g, a), (None if view is None else preprocess.turn(view, a))
            if "deskew" in config.steps:
                skew = preprocess.skew_correction(t, dpi, tune)
                if skew:
                    t, tv = preprocess.rotate(t, skew), (None if tv is None else preprocess.rotate(tv, skew))
                    tgeo["skew"] = tgeo.get("skew", 0.0) + skew
            tr = recognition.read_page(t, config.lang, dpi, recover=config.recover, tuning=tune)
            if recognition.reading_score(tr.lines) > best[0]:
                best = (recognition.reading_score(tr.lines), t, tr, tv, tgeo)
        if best[1] is not g:
            _, g, reading, view, geo = best
            done.insert(1 if "color" in done else 0, "orientation")
        passes["orientation"] = round(time.perf_counter() - t1, 3)
    lines, recovered = reading.lines, reading.recovered
    if page.number == 1:  # the header: a number or day written by hand into its blanks
        t1 = time.perf_counter()
        lines = handwriting.reread(lines, g, view, dpi, config.lang, tune)
        passes["handwriting"] = round(time.perf_counter() - t1, 3)
    lines = name_line.reread_name_lines(lines, g, view, dpi, config.lang)  # a surname the signature's ink hid
    if recovered:
        done.append(f"recovered:{recovered}")
    words = [w for ln in lines for w in ln.words]
    conf = round(sum(w.confidence for w in words) / len(words), 1) if words else None
    out = Page(number=page.number, raw_text=recognition.lines_text(lines), words=words, confidence=conf,
               source="ocr", width=g.shape[1], height=g.shape[0], dpi=dpi, preprocessing=done,
               rotation=int(geo.get("rotation", 0)), skew=round(float(geo.get("skew", 0.0)), 4),
               non_text=reading.non_text, ocr_passes=passes, seconds=round(time.perf_counter() - t0, 3), **triage)
    if page.layer_text:
        _keep_better(out, page.layer_text)
    return out


LAYER_MARGIN = 0.0  # ln P per unit a doubtful layer must beat the fresh OCR by to be kept (ties go to the OCR)
MIN_LAYER_COVERAGE = 0.5  # a layer with fewer letters than this share of the OCR's reads only part of the page


def _keep_better(page: Page, layer_text: str) -> None:
    """A doubtful text layer and a fresh OCR of the same page: keep the reading the language model finds more
    fluent (mean ln P per syllable), and say so in the page."""
    from .sources.text_layer import lm_score

    ocr, layer = lm_score(page.raw_text), lm_score(layer_text)
    if page.layer is not None:
        page.layer["lm_per_unit"] = {"layer": round(layer, 3), "ocr": round(ocr, 3)}
    letters = lambda s: sum(ch.isalpha() for ch in s)  # noqa: E731
    if letters(layer_text) < MIN_LAYER_COVERAGE * letters(page.raw_text):
        page.source_reason += (f"; kept the OCR (the layer has {letters(layer_text)} letters, "
                               f"the OCR {letters(page.raw_text)})")
    elif layer > ocr + LAYER_MARGIN:
        page.raw_text, page.words, page.confidence, page.source = layer_text, [], None, "text-layer"
        page.source_reason += f"; kept the layer (LM {layer:.2f} vs OCR {ocr:.2f} per syllable)"
    else:
        page.source_reason += f"; kept the OCR (LM {ocr:.2f} vs layer {layer:.2f} per syllable)"


MIN_UPRIGHT_CONFIDENCE = 70.0


def _may_be_turned(g, lines) -> bool:
    """A landscape image, or a first reading with few words or low mean confidence."""
    h, w = g.shape[:2]
    words = [wd for ln in lines for wd in ln.words]
    if w > h * 1.05 or len(words) < 10:
        return True
    return sum(wd.confidence for wd in words) / len(words) < MIN_UPRIGHT_CONFIDENCE


def _bounded_map(executor: Executor, fn, items: Iterable, config: Config, window: int) -> Iterator:
    """executor.map that keeps at most `window` items in flight (a 500-page PDF never holds 500 images)."""
    pending = []
    for item in items:
        pending.append(executor.submit(fn, item, config))
        if len(pending) >= window:
            yield pending.pop(0).result()
    for f in pending:
        yield f.result()


def prefetch(items: Iterable, depth: int = 1) -> Iterator:
    """The items of an iterator, the next `depth` made in a thread meanwhile: the next page is decoded or
    rasterized while Tesseract (which releases the GIL in process) reads this one. At most depth + 1 held."""
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def fill():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        q.put((True, item), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as e:  # noqa: BLE001  (re-raised in the consumer, where it belongs)
            q.put((False, e))
            return
        q.put((True, done))

    t = threading.Thread(target=fill, daemon=True)
    t.start()
    try:
        while True:
            ok, item = q.get()
            if not ok:
                raise item
            if item is done:
                return
            yield item
    finally:
        stop.set()


def read_pages(path: str | os.PathLike, config: Config, executor: Executor | None = None,
               window: int = 4) -> list[Page]:
    items = sources.iter_pages(path, dpi=config.dpi, force_ocr=config.force_ocr, text_layer=config.text_layer)
    if executor is None:
        return [ocr_page(p, config) for p in prefetch(items)]
    return list(_bounded_map(executor, ocr_page, items, config, window))


def finish(doc: Document, config: Config) -> Document:
    """Restore and extract fields for a document whose pages carry raw text."""
    from .fields import extract_fields
    from .layout import analyze_document
    from .restoration import restore_document

    t0 = time.perf_counter()
    if config.restore:
        # a good text layer (born-digital, or a decoded TCVN3/VNI font) is the author's text, not OCR: restoring
        # it only changed correct words (5 real TCVN3 PDFs: 38 changes, CER 0.47 → 0.51 % on one)
        as_is = [p for p in doc.pages if p.layer and p.layer.get("as_is")]
        todo = [p for p in doc.pages if p not in as_is]
        for p in as_is:
            p.text = p.raw_text
        if todo:
            restore_document(Document(source=doc.source, pages=todo, meta=doc.meta), config.profile,
                             config.restore_tuning)
        else:
            doc.meta["profile"] = None  # nothing to restore
    else:
        for p in doc.pages:
            p.text = p.raw_text
    doc.meta.setdefault("timings", {})["restore"] = round(time.perf_counter() - t0, 3)
    analyze_document(doc, config.layout_tuning)
    if config.fields:
        t0 = time.perf_counter()
        doc.fields = extract_fields(doc)
        _signed_at_from_stamps(doc)
        _no_date_after_signing(doc)
        doc.meta["timings"]["fields"] = round(time.perf_counter() - t0, 3)
    return doc


STAMP_ZONE = "+07:00"  # Vietnamese signing software prints local time (ICT) when it prints no zone


def _signed_at_from_stamps(doc: Document) -> None:
    """An e-signature stamp kept out of the page text still dates the signature. A stamp is a signature's by
    construction, so it is read as a signature line ("SAO Y; Bộ …; 22/08/2025 18:44:57"), its lines joined (a
    narrow stamp wraps "Thời gian ký: 13/11/2025" / "15:53:50"); a time without a zone is local time. The
    stamp's reading also replaces one of the page text that lacks the zone."""
    if not isinstance(doc.fields, dict):
        return
    from .fields.signer import parse_signed_at

    have = doc.fields.get("signed_at")
    if have and len(have) > 19:
        return
    for p in doc.pages:
        stamp = p.stamp_text or ""
        for text in [" ".join(stamp.split())] + stamp.splitlines():
            ts = parse_signed_at("ký: " + text) if text else None
            if ts:
                ts = ts if len(ts) > 19 else ts + STAMP_ZONE
                if not have or ts.startswith(have):
                    doc.fields["signed_at"] = ts
                return


def _no_date_after_signing(doc: Document) -> None:
    """A document is dated on or before the day it is signed (real set: the date is 0-4 days before the
    e-signature's time). A handwritten day or month that puts the date after the signature's day is a misreading:
    it is taken out (the date left partial), never replaced. The signing time only ever rejects a reading."""
    f = doc.fields
    if not isinstance(f, dict) or not f.get("signed_at"):
        return
    part = f.get("date_partial") or {}
    hw = list(part.get("handwritten") or [])
    if not hw:
        return
    try:
        signed = tuple(int(v) for v in str(f["signed_at"])[:10].split("-"))
    except ValueError:
        return
    y, m, d = part.get("year"), part.get("month"), part.get("day")  # the whole date too, where it was read
    if not isinstance(y, int) or not isinstance(m, int):
        return
    if (y, m) > signed[:2]:
        wrong = "month"  # a printed month after the signature's: no reading of ours to undo (below)
    elif (y, m) == signed[:2] and isinstance(d, int) and d > signed[2]:
        wrong = "day"
    else:
        return
    if wrong not in hw:
        return
    kept = [k for k in hw if k != wrong]
    new: dict = {"day": d, "month": m, "year": y, wrong: None}
    if kept:
        new.update(handwritten=kept, confidence=part.get("confidence"))
    f["date"], f["date_partial"] = None, new


def process(path: str | os.PathLike, config: Config | None = None, executor: Executor | None = None) -> Document:
    """Run the whole pipeline on one file."""
    config = config or Config()
    kind = sources.sniff(path)
    if kind != sources.KIND_TEXT:
        recognition.check_tesseract(config.lang)
    t0 = time.perf_counter()
    doc = Document(source=str(path))
    doc.pages = read_pages(path, config, executor)
    doc.meta.update(versions(), timings={"read": round(time.perf_counter() - t0, 3)}, config=config.fingerprint())
    return finish(doc, config)


def versions() -> dict:
    from ._version import __version__
    from .restoration import model_version

    return {"versions": {"ocrfix": __version__, "tesseract": recognition.tesseract_version(),
                         "ocr_engine": recognition.engine.engine_kind(), "models": model_version()}}
