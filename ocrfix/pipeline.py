"""source → pages → [preprocess → OCR] → restore → fields: the one place the stages are chained."""
from __future__ import annotations

import os
import time
from concurrent.futures import Executor
from typing import Iterable, Iterator

import cv2

from . import preprocess, recognition, sources
from .recognition import orientation
from .config import Config
from .document import Document, Page


def ocr_page(page: sources.PageInput, config: Config) -> Page:
    """Turn one PageInput into a Page with raw text (OCR'd when it is an image)."""
    t0 = time.perf_counter()
    if page.image is None:
        return Page(number=page.number, raw_text=page.text or "", source=page.source,
                    seconds=round(time.perf_counter() - t0, 3))
    img = preprocess.to_bgr(page.image)
    # orientation detection costs about as much as OCR itself, so it runs only when the first reading
    # says the page may not be upright (landscape, or low confidence)
    lazy = "orientation" in config.steps
    first = tuple(s for s in config.steps if s != "orientation")
    g, dpi, done = preprocess.run(img, page.dpi, first)
    reading = recognition.read_page(g, config.lang, dpi, recover=config.recover)
    passes = dict(reading.passes)
    if lazy and _may_be_turned(g, reading.lines):
        t1 = time.perf_counter()
        turned = orientation.fix_orientation(g, config.lang)
        tries = [turned] if turned is not g else []
        if not tries and g.shape[1] > g.shape[0] * 1.05:  # OSD unsure about a landscape page: try both ways
            tries = [cv2.rotate(g, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(g, cv2.ROTATE_90_COUNTERCLOCKWISE)]
        best = (recognition.reading_score(reading.lines), g, reading)
        for t in tries:
            if "deskew" in config.steps:
                t = preprocess.deskew(t, dpi)
            tr = recognition.read_page(t, config.lang, dpi, recover=config.recover)
            if recognition.reading_score(tr.lines) > best[0]:
                best = (recognition.reading_score(tr.lines), t, tr)
        if best[1] is not g:
            _, g, reading = best
            done.insert(1 if "color" in done else 0, "orientation")
        passes["orientation"] = round(time.perf_counter() - t1, 3)
    lines, recovered = reading.lines, reading.recovered
    if recovered:
        done.append(f"recovered:{recovered}")
    words = [w for ln in lines for w in ln.words]
    conf = round(sum(w.confidence for w in words) / len(words), 1) if words else None
    return Page(number=page.number, raw_text=recognition.lines_text(lines), words=words, confidence=conf,
                source="ocr", width=g.shape[1], height=g.shape[0], dpi=dpi, preprocessing=done,
                non_text=reading.non_text, ocr_passes=passes, seconds=round(time.perf_counter() - t0, 3))


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
    items = sources.iter_pages(path, dpi=config.dpi, force_ocr=config.force_ocr)
    if executor is None:
        return [ocr_page(p, config) for p in prefetch(items)]
    return list(_bounded_map(executor, ocr_page, items, config, window))


def finish(doc: Document, config: Config) -> Document:
    """Restore and extract fields for a document whose pages carry raw text."""
    from . import restoration

    t0 = time.perf_counter()
    if config.restore:
        restoration.restore_document(doc, config.profile)
    else:
        for p in doc.pages:
            p.text = p.raw_text
    doc.meta.setdefault("timings", {})["restore"] = round(time.perf_counter() - t0, 3)
    if config.fields:
        t0 = time.perf_counter()
        try:
            from .fields import extract_fields
        except ImportError:
            extract_fields = None
        if extract_fields is not None:
            doc.fields = extract_fields(doc)
        doc.meta["timings"]["fields"] = round(time.perf_counter() - t0, 3)
    return doc


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
    from . import __version__
    from .restoration import model_version

    return {"versions": {"ocrfix": __version__, "tesseract": recognition.tesseract_version(),
                         "ocr_engine": recognition.engine.engine_kind(), "models": model_version()}}
