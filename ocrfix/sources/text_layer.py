"""Text-layer triage: read a PDF page's text layer run by run, judge it, and decide what the page's text
comes from — the layer as it is, the layer decoded from a legacy font, the layer restored, or a fresh OCR of
the page image — with the reason.

Scanner software often writes an invisible OCR layer made with a non-Vietnamese model ("CQNG HOA xA HQI CHU
NGHiA VIT NAM"); the Government e-portal writes a one-line visible signature stamp ("Ký bởi: … Thời gian ký:
…") on image-only scans. Neither is a text layer worth using; the stamp is kept for `signed_at`."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field

from . import legacy_fonts

# decisions
USE, CONVERT, RESTORE, OCR = "use", "convert", "restore", "ocr"
MODES = ("auto", "use", "ignore")

MIN_LAYER_LETTERS = 20  # fewer letters than this is no text layer (measured: stamps alone are 30–150 letters)
# a layer is good enough to use without looking at the image when (measured on the first two pages of the
# 39 real PDFs, /tmp triage run: correct Unicode and converted TCVN3 pages 0.91–1.00 valid, 0.77–0.92 marked;
# the 8 bad OCR layers 0.28–0.63 valid, 0.00–0.50 marked)
GOOD_VALID = 0.85
GOOD_MARKED = 0.45
MAX_FOREIGN = 0.01  # share of letters Vietnamese never writes (ä ü ç ø …, Cyrillic)
MAX_JUNK = 0.002  # share of characters that are U+FFFD, (cid:N), private-use or control characters
# visible text over a full-page scan is a stamp or a note, not the page's text, up to this many letters
# (measured: e-portal / SAO Y stamps 25–160 letters; a real born-digital page has 1,000+)
MAX_STAMP_LETTERS = 400
# the 39 real PDFs' stamps (annotation appearances): 23–96 letters

_STAMP_WORDS = re.compile(r"(?i)(ký bởi|người ký|thời gian ký|giờ ký|ngày ký|sao y|cơ quan phát hành|email:)")
_CID = re.compile(r"\(cid:\d+\)")
_VIET_EXTRA = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


@dataclass
class Run:
    text: str
    font: str
    invisible: bool  # text render mode 3 (or 7): an OCR layer under a scan


@dataclass
class Quality:
    """Cheap measures of how much a text reads as Vietnamese."""

    letters: int = 0
    words: int = 0
    valid: float = 0.0  # share of words that are Vietnamese syllables the language model knows
    marked: float = 0.0  # share of those that carry a diacritic (Vietnamese text: about 0.7)
    foreign: float = 0.0  # share of letters outside Vietnamese and ASCII
    junk: float = 0.0  # share of characters that are U+FFFD, (cid:N), private-use or controls

    def good(self) -> bool:
        return (self.letters >= MIN_LAYER_LETTERS and self.valid >= GOOD_VALID and self.marked >= GOOD_MARKED
                and self.foreign <= MAX_FOREIGN and self.junk <= MAX_JUNK)

    def summary(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _is_junk(ch: str) -> bool:
    if ch == "\ufffd":
        return True
    cat = unicodedata.category(ch)
    return cat == "Co" or (cat == "Cc" and ch not in "\n\t\r\f")


def quality(text: str) -> Quality:
    """Valid-syllable share, diacritic share, foreign letters and junk of a text (pure, no LM)."""
    from ..restoration import syllables as S
    from ..restoration.tokens import WORD, NOISY, tokenize

    text = unicodedata.normalize("NFC", text)
    n_chars = max(1, len(text))
    cids = _CID.findall(text)
    junk = (sum(_is_junk(ch) for ch in text) + len(cids)) / n_chars
    letters = [ch for ch in _CID.sub("", text) if ch.isalpha()]
    foreign = sum(1 for ch in letters if not (ch.isascii() or ch.lower() in _VIET_EXTRA)) / max(1, len(letters))
    toks = [t.text for t in tokenize(text) if t.kind in (WORD, NOISY)]
    vocab = _vocab()
    valid = [w.lower() for w in toks if S.is_syllable(w.lower()) and (vocab is None or w.lower() in vocab)]
    return Quality(letters=len(letters), words=len(toks), valid=len(valid) / max(1, len(toks)),
                   marked=sum(S.has_marks(w) for w in valid) / max(1, len(valid)), foreign=foreign, junk=junk)


def _vocab():
    try:
        from ..restoration.lm import load

        return load().index
    except Exception:  # no model built: syllable shape alone
        return None


def lm_score(text: str) -> float:
    """Mean ln P per language-model unit (syllables, numbers, commas; unknown words as <unk>): how fluent
    a reading is. Used to keep the better of a text layer and a fresh OCR reading of the same page."""
    import numpy as np

    from ..restoration.lm import BOS, load
    from ..restoration.tokens import lm_sentences

    lm = load()
    total, n = 0.0, 0
    for sent in lm_sentences(unicodedata.normalize("NFC", text)):
        ids = np.array([BOS, BOS] + [lm.id(u) for u in sent], np.int64)
        lp = lm.logp(ids[:-2], ids[1:-1], ids[2:])
        total += float(lp.sum())
        n += len(sent)
    return total / n if n else float("-inf")


@dataclass
class Layer:
    """A page's text layer split into what it is made of."""

    text: str = ""  # the page's own text: invisible OCR layer or visible born-digital text, decoded
    stamp: str = ""  # visible signature-stamp / SAO Y text over a scanned page
    raw: str = ""  # `text` before legacy-font decoding
    invisible: bool = False  # the text is (mostly) render mode 3 over an image
    fonts: list[str] = field(default_factory=list)
    legacy: str | None = None  # legacy encoding of most of the text's letters, if any
    drawn: int = 0  # letters of visible (drawn) text that is not a stamp: an OCR must see the rendered page

    def summary(self) -> dict:
        return {"letters": sum(ch.isalpha() for ch in self.text), "invisible": self.invisible,
                "fonts": self.fonts[:8], "legacy": self.legacy, "stamp": bool(self.stamp)}


def read_runs(page) -> list[Run]:
    """The text runs of a pypdf page with their font and render mode (q/Q save and restore the mode)."""
    state = {"tr": 0, "stack": []}
    runs: list[Run] = []

    def before(op, args, cm, tm):
        if op == b"Tr" and args:
            try:
                state["tr"] = int(args[0])
            except (TypeError, ValueError):
                pass
        elif op == b"q":
            state["stack"].append(state["tr"])
        elif op == b"Q" and state["stack"]:
            state["tr"] = state["stack"].pop()

    def visit(text, cm, tm, font_dict, font_size):
        if not text:
            return
        name = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        runs.append(Run(text=text, font=name, invisible=state["tr"] in (3, 7)))

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return runs


def split_layer(runs: list[Run], has_scan: bool) -> Layer:
    """Separate the page's text from a stamp and decode legacy-font runs."""
    def letters(s: str) -> int:
        return sum(ch.isalpha() for ch in s)

    invisible = [r for r in runs if r.invisible]
    visible = [r for r in runs if not r.invisible]
    vis_letters = sum(letters(r.text) for r in visible)
    stamp = ""
    if has_scan and visible and vis_letters <= MAX_STAMP_LETTERS:
        # short visible text over a scan that reads like a signature stamp; other visible text is drawn on
        # the page (the scan alone does not show it)
        vis_text = "".join(r.text for r in visible)
        if _STAMP_WORDS.search(unicodedata.normalize("NFC", vis_text)):
            stamp = vis_text
            visible = []
    body = [r for r in runs if r in invisible or r in visible] if stamp else runs
    by_enc: dict[str | None, int] = {}
    for r in body:
        enc = legacy_fonts.font_encoding(r.font)
        by_enc[enc] = by_enc.get(enc, 0) + letters(r.text)
    total = sum(by_enc.values())
    legacy = max((e for e in by_enc if e), key=lambda e: by_enc[e], default=None)
    if legacy and by_enc[legacy] < 0.2 * total:
        legacy = None
    fonts = []
    for r in body:
        b = legacy_fonts.base_font_name(r.font)
        if b and b not in fonts:
            fonts.append(b)
    raw = "".join(r.text for r in body)
    text = raw
    if legacy:
        text = rejoin_split_syllables("".join(legacy_fonts.decode_run(r.text, r.font) for r in body))
    inv_letters = sum(letters(r.text) for r in invisible)
    return Layer(text=_clean(text), stamp=_clean(stamp), raw=_clean(raw), fonts=fonts, legacy=legacy,
                 invisible=has_scan and inv_letters > 0.5 * max(1, total),
                 drawn=sum(letters(r.text) for r in visible))


JOIN_RATIO = 10  # measured on the 5 real TCVN3 PDFs: "TƯ ỚNG" (2 vs 6,616), "cá c"; "có ăn", "Hà Nội" stay
_LETTER_RUNS = re.compile(r"([^\W\d_]+)")


def rejoin_split_syllables(text: str) -> str:
    """Join "TƯ ỚNG" → "TƯỚNG", "cá c" → "các", "t ăng" → "tăng": text extraction puts a space inside a word
    where a legacy font's glyph widths leave a gap. Two letter runs one space apart are joined when the joined
    form is a syllable the language model's training text has JOIN_RATIO times more often than the rarer part
    (a part that is no syllable at all, "t", "phầ", counts as never seen)."""
    try:
        from ..restoration.lm import load
        from ..restoration.syllables import is_syllable

        lm = load()
    except Exception:
        return text

    def count(w: str) -> int:
        w = w.lower()
        i = lm.index.get(w)
        return int(lm.counts[i]) if i is not None and is_syllable(w) else 0

    def joins(a: str, b: str) -> bool:
        if a.isupper() != b.isupper() and len(b) > 1 and len(a) > 1:
            return False
        whole = count(a + b)
        return bool(whole) and whole >= JOIN_RATIO * min(count(a), count(b))

    parts = _LETTER_RUNS.split(text)  # non-letters, letters, non-letters, …
    out = [parts[0]]
    for j in range(1, len(parts), 2):
        word, after = parts[j], parts[j + 1]
        if len(out) >= 3 and out[-1] == " " and joins(out[-2], word):
            out.pop()
            out[-1] += word
        else:
            out.append(word)
        out.append(after)
    return "".join(out)


def _clean(s: str) -> str:
    return unicodedata.normalize("NFC", s.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")


@dataclass
class Decision:
    action: str  # use | convert | restore | ocr
    reason: str
    text: str | None = None  # the layer text to use / restore (None for ocr)
    compare: bool = False  # OCR the image and keep the better of it and `text`
    quality: Quality | None = None


def decide(layer: Layer, has_image: bool, mode: str = "auto") -> Decision:
    """What the page's text comes from, and why. `has_image`: the page is a scan (or can be rasterized
    and OCR'd); mode 'use' trusts any layer, 'ignore' always OCRs."""
    n = sum(ch.isalpha() for ch in layer.text)
    if mode == "ignore" and has_image:
        return Decision(OCR, "text layer ignored (--text-layer ignore)")
    if n < MIN_LAYER_LETTERS:
        if layer.stamp:
            return Decision(OCR, f"no text layer, only a signature stamp ({sum(c.isalpha() for c in layer.stamp)} letters)")
        return Decision(OCR, "no text layer" if n == 0 else f"text layer too small ({n} letters)")
    q = quality(layer.text)
    what = "invisible OCR layer" if layer.invisible else "text layer"
    if layer.legacy in (legacy_fonts.TCVN3, legacy_fonts.VNI):
        raw_q = quality(layer.raw)
        if q.valid > raw_q.valid:
            if mode == "use" or q.good() or not has_image:
                return Decision(CONVERT, f"{layer.legacy.upper()} font text converted to Unicode "
                                         f"({q.valid:.0%} valid syllables, {raw_q.valid:.0%} before)", layer.text,
                                quality=q)
            return Decision(OCR, f"{layer.legacy.upper()} layer doubtful after conversion ({_stats(q)})",
                            layer.text, compare=True, quality=q)
        # font names say legacy but the text already reads as Unicode (a Word file that embeds .VnTime)
        q, text = raw_q, layer.raw
    else:
        text = layer.text
    if has_image and not layer.invisible and n <= MAX_STAMP_LETTERS and mode != "use":
        return Decision(OCR, f"a few drawn words ({n} letters) over a page image: OCR'd the page and kept the better",
                        text, compare=True, quality=q)
    if mode == "use" or q.good():
        return Decision(USE, f"good {what} ({_stats(q)})", text, quality=q)
    if q.junk > 0.05 and has_image:
        return Decision(OCR, f"{what} is mostly undecodable ({q.junk:.0%} junk characters)", quality=q)
    if has_image:
        return Decision(OCR, f"doubtful {what} ({_stats(q)}): OCR'd the image and kept the better",
                        text, compare=True, quality=q)
    return Decision(RESTORE, f"doubtful {what} and no page image: restored ({_stats(q)})", text, quality=q)


def _stats(q: Quality) -> str:
    s = f"{q.valid:.0%} valid syllables, {q.marked:.0%} with diacritics"
    if q.foreign > MAX_FOREIGN:
        s += f", {q.foreign:.0%} foreign letters"
    if q.junk > MAX_JUNK:
        s += f", {q.junk:.1%} junk"
    return s


def annotation_text(page) -> str:
    """Text drawn by the page's annotation appearances: where e-signature software puts its stamp
    ("Ký bởi: … Thời gian ký: …"), outside the page's content stream."""
    from pypdf import PageObject
    from pypdf.generic import NameObject

    out: list[str] = []
    try:
        annots = page.get("/Annots") or []
        for a in annots:
            a = a.get_object()
            ap = a.get("/AP")
            normal = ap.get_object().get("/N") if ap else None
            if normal is None:
                continue
            stream = normal.get_object()
            if "/Resources" not in stream and "/BBox" not in stream:  # a dictionary of states, not a stream
                continue
            holder = PageObject.create_blank_page(width=100, height=100)
            holder[NameObject("/Contents")] = normal if hasattr(normal, "idnum") else stream
            if "/Resources" in stream:
                holder[NameObject("/Resources")] = stream["/Resources"]
            text = holder.extract_text() or ""
            if text.strip():
                out.append(text.strip())
    except Exception:  # a broken annotation costs its stamp, never the page
        pass
    return unicodedata.normalize("NFC", "\n".join(out))
