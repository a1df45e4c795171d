"""One interface over Tesseract: tesserocr in process (the model loaded once per worker process, images passed in
memory) or, where tesserocr is not importable, pytesseract (one `tesseract` process and a temporary image per
call). Words come back with boxes, confidences and line ids as `Line`s; `osd` is the orientation check.

`OCRFIX_ENGINE=tesserocr|pytesseract` picks one (default: tesserocr when importable)."""
from __future__ import annotations

import os
import shutil
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from .. import errors
from ..document import Word
from .lines import Box, Line, shift

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one single-threaded Tesseract per process

PAGE_TIMEOUT = 180  # seconds for one Tesseract call
ENGINE_ENV = "OCRFIX_ENGINE"
# where Debian, Fedora and a source build keep the traineddata; the tesserocr wheel's compiled-in path is its
# build machine's, so the system's models are looked up here (Debian 12: 5.3's vie model, read by 5.5 as is)
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")


def parse_tsv(tsv: str) -> list[Line]:
    """Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text) → lines of
    words, in Tesseract's order. Same parser for both engines, so they give the same Lines."""
    lines: dict[tuple, Line] = {}
    for row in tsv.splitlines():
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":  # word rows only (the header and page/block/par/line rows are skipped)
            continue
        text = unicodedata.normalize("NFC", f[11].strip())
        if not text:
            continue
        box = (int(f[6]), int(f[7]), int(f[8]), int(f[9]))
        key = (f[2], f[3], f[4])
        ln = lines.get(key)
        if ln is None:
            ln = lines[key] = Line(words=[], top=box[1], left=box[0])
        ln.words.append(Word(text=text, box=box, confidence=float(f[10])))
        ln.top = min(ln.top, box[1])
    return list(lines.values())


def crop(img: np.ndarray, box: Box, pad: int) -> tuple[np.ndarray, int, int]:
    """The region `box` of a grayscale page with a white border of `pad` px: (image, dx, dy) to page coords."""
    import cv2

    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    region = img[y0: y + h, x0: x + w]
    if pad and region.size:  # OpenCV refuses to pad an empty region (a box off the page or of no width)
        region = cv2.copyMakeBorder(region, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return region, x0 - pad, y0 - pad


class Engine:
    """What every pass calls. Subclasses implement `read` and `osd`."""

    name = ""
    version: str | None = None

    def read(self, img: np.ndarray, psm: int = 3, dpi: int | None = None) -> list[Line]:
        raise NotImplementedError

    def read_region(self, img: np.ndarray, box: Box, psm: int = 6, dpi: int | None = None, pad: int = 20
                    ) -> list[Line]:
        """Lines read from one region of the page, in page coordinates."""
        region, dx, dy = crop(img, box, pad)
        if region.size == 0:
            return []
        return shift(self.read(region, psm, dpi), dx, dy)

    def osd(self, img: np.ndarray) -> tuple[int, float] | None:
        """(degrees to turn the image clockwise, confidence), or None when there is too little text."""
        raise NotImplementedError


def _tessdata_dir(langs: list[str]) -> str | None:
    """The first tessdata folder holding every model of `langs` (TESSDATA_PREFIX first)."""
    dirs = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for d in dirs + list(TESSDATA_DIRS):
        if all((Path(d) / f"{code}.traineddata").is_file() for code in langs):
            return d
    return None


class TesserocrEngine(Engine):
    """libtesseract in this process: one PyTessBaseAPI per language, kept for the life of the process."""

    name = "tesserocr"

    def __init__(self, lang: str):
        import tesserocr

        self._t = tesserocr
        codes = lang.split("+")
        path = _tessdata_dir(codes)
        if path is None:
            missing = "+".join(codes)
            raise errors.SetupError(f"Tesseract language '{missing}' is not installed "
                                    f"(apt-get install {' '.join('tesseract-ocr-' + c for c in codes)})")
        self.path = path.rstrip("/") + "/"
        try:
            self.api = tesserocr.PyTessBaseAPI(path=self.path, lang=lang)
        except RuntimeError as e:
            raise errors.SetupError(f"Tesseract cannot load '{lang}' from {self.path} ({e})") from None
        self._osd: Any = None  # the OSD engine, made on first use
        self.version = tesserocr.tesseract_version().split()[1]

    def _set(self, api, img: np.ndarray) -> None:
        img = np.ascontiguousarray(img, dtype=np.uint8)
        h, w = img.shape[:2]
        api.SetImageBytes(img.tobytes(), w, h, 1, w)

    def read(self, img: np.ndarray, psm: int = 3, dpi: int | None = None) -> list[Line]:
        api = self.api
        api.SetPageSegMode(psm)
        self._set(api, img)
        # as `tesseract --dpi N` does: the user's dpi wins over the image's (raw pixels carry none)
        api.SetVariable("user_defined_dpi", str(dpi or 0))
        t0 = time.monotonic()
        ok = api.Recognize(int(PAGE_TIMEOUT * 1000))
        if not ok:
            if time.monotonic() - t0 >= PAGE_TIMEOUT * 0.95:
                raise errors.OcrEngineError(f"Tesseract timed out after {PAGE_TIMEOUT} s")
            raise errors.OcrEngineError("Tesseract failed: recognition returned no result")
        tsv = api.GetTSVText(0)
        api.Clear()
        return parse_tsv(tsv)

    def osd(self, img: np.ndarray) -> tuple[int, float] | None:
        if self._osd is None:
            osd_dir = _tessdata_dir(["osd"])
            if osd_dir is None:
                return None
            self._osd = self._t.PyTessBaseAPI(path=osd_dir.rstrip("/") + "/", lang="osd", psm=self._t.PSM.OSD_ONLY)
        self._set(self._osd, img)
        res = self._osd.DetectOrientationScript()
        self._osd.Clear()
        if not res:
            return None
        return (360 - int(res["orient_deg"])) % 360, float(res["orient_conf"])


class PytesseractEngine(Engine):
    """The `tesseract` program through pytesseract: a new process (and model load) per call."""

    name = "pytesseract"

    def __init__(self, lang: str):
        self.lang = lang
        check_program(lang)
        try:
            import pytesseract

            self.version = str(pytesseract.get_tesseract_version())
        except Exception:  # noqa: BLE001  (the version is information, not a requirement)
            self.version = None

    def read(self, img: np.ndarray, psm: int = 3, dpi: int | None = None) -> list[Line]:
        import pytesseract

        config = f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")
        try:
            tsv = pytesseract.image_to_data(img, lang=self.lang, config=config, timeout=PAGE_TIMEOUT)
        except pytesseract.TesseractError as e:  # a subclass of RuntimeError: catch it first
            msg = (e.message or "").strip().splitlines()
            raise errors.OcrEngineError(f"Tesseract failed: {msg[-1] if msg else e.status}") from None
        except RuntimeError:  # pytesseract raises a plain RuntimeError on timeout
            raise errors.OcrEngineError(f"Tesseract timed out after {PAGE_TIMEOUT} s") from None
        return parse_tsv(tsv)

    def osd(self, img: np.ndarray) -> tuple[int, float] | None:
        import pytesseract

        try:
            osd = pytesseract.image_to_osd(img, config="--psm 0", output_type=pytesseract.Output.DICT)
        except Exception:  # noqa: BLE001  (too little text for OSD)
            return None
        return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0))


def check_program(lang: str) -> None:
    """The `tesseract` program and its language models are installed (the pytesseract engine's needs)."""
    import pytesseract

    if shutil.which("tesseract") is None:
        raise errors.SetupError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    have = set(pytesseract.get_languages(config=""))
    for code in lang.split("+"):
        if code not in have:
            raise errors.SetupError(f"Tesseract language '{code}' is not installed (apt-get install tesseract-ocr-{code})")


def engine_kind() -> str:
    """'tesserocr' or 'pytesseract': OCRFIX_ENGINE if set, else tesserocr when it imports."""
    want = os.environ.get(ENGINE_ENV, "").strip().lower()
    if want in ("tesserocr", "pytesseract"):
        return want
    if want:
        raise errors.SetupError(f"{ENGINE_ENV}={want!r}: expected tesserocr or pytesseract")
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return "pytesseract"
    return "tesserocr"


_ENGINES: dict[tuple[str, str], Engine] = {}  # one engine per (kind, lang) in this process: the model loads once


def get_engine(lang: str = "vie") -> Engine:
    """This process's engine for `lang`, made on first use."""
    kind = engine_kind()
    eng = _ENGINES.get((kind, lang))
    if eng is None:
        eng = _ENGINES[(kind, lang)] = (TesserocrEngine if kind == "tesserocr" else PytesseractEngine)(lang)
    return eng


def check_tesseract(lang: str) -> None:
    """Raise SetupError (exit 2) when the engine or a language model is missing."""
    get_engine(lang)


def tesseract_version() -> str | None:
    kind = engine_kind()
    try:
        if kind == "tesserocr":
            import tesserocr

            return tesserocr.tesseract_version().split()[1]
        import pytesseract

        return str(pytesseract.get_tesseract_version())
    except Exception:  # noqa: BLE001
        return None
