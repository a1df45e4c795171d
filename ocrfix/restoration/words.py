"""Restored text per OCR word, for the stages that read word boxes (layout and fields, the PDF text layer).

Where restoration kept one token per OCR word, each word gets its restored token, with one arbitration:
proper names and agencies are what the language model knows least, so a capitalised word OCR read surely
keeps its reading where restoration changed more than its tone ('Phớc' → 'Phúc'), or changed its tone without
being sure ('Ban PC-CT' made 'Bản' at 0.69); a surely read token whose digits restoration changed keeps them
('(3b)' is not '(bộ)')."""
from __future__ import annotations

import bisect
import re

from ..document import Page, Word
from ..tuning import DEFAULT_RESTORE, RestoreTuning
from ..vntext import nfc
from .syllables import strip_tone


def _pick(restored: str, w: Word, doubtful: bool, t: RestoreTuning) -> str:
    raw = w.text
    if raw == restored or w.confidence < t.keep_read_confidence:
        return restored
    if raw[:1].isupper() and raw[1:].islower() and restored[:1].isupper() and (
            doubtful or strip_tone(raw) != strip_tone(restored)):
        return raw
    if [c for c in raw if c.isdigit()] != [c for c in restored if c.isdigit()]:
        return raw
    return restored


def _spans(p: Page) -> list[tuple[int, int]]:
    """(start, end) of the page's raw whitespace tokens, the offsets corrections are given in."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", nfc(p.raw_text))]


def _token_of(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the token whose span holds (or last starts before) offset `pos`."""
    return bisect.bisect_right([a for a, _ in spans], pos) - 1


def _unsure_tokens(p: Page, t: RestoreTuning) -> set[int]:
    """Indexes of the page's whitespace tokens that restoration changed with less than `sure_change` confidence."""
    spans = _spans(p)
    return {_token_of(spans, c["start"]) for c in p.corrections
            if c.get("confidence") is not None and c["confidence"] < t.sure_change}


def _tokens_by_corrections(p: Page) -> list[str] | None:
    """The page's raw whitespace tokens with each correction that lies inside one token applied to it; a
    correction across tokens ('———— Độc lập' → 'Độc lập') leaves them as read. None if the raw tokens are not
    the page's words."""
    raw = nfc(p.raw_text)
    spans = _spans(p)
    if len(spans) != len(p.words):
        return None
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for c in p.corrections:
        k = _token_of(spans, c["start"])
        if k >= 0 and c["end"] <= spans[k][1] and c["output"] and not any(ch.isspace() for ch in c["output"]):
            edits.setdefault(k, []).append((c["start"] - spans[k][0], c["end"] - spans[k][0], c["output"]))
    toks = [raw[a:b] for a, b in spans]
    for k, es in edits.items():
        for a, b, out in sorted(es, reverse=True):
            toks[k] = toks[k][:a] + out + toks[k][b:]
    return toks


def set_word_texts(p: Page, t: RestoreTuning = DEFAULT_RESTORE) -> None:
    """Set `Word.restored` on the page's words: its token of the restored text where that has one token per OCR
    word, else the corrections inside each word applied to it (restoration joined or dropped a token elsewhere)."""
    toks = (p.text or "").split()
    if p.text and len(toks) != len(p.words):
        toks = _tokens_by_corrections(p) or []
    if not p.text or len(toks) != len(p.words):
        for w in p.words:
            w.restored = None
        return
    unsure = _unsure_tokens(p, t)
    for k, (tok, w) in enumerate(zip(toks, p.words)):
        w.restored = _pick(tok, w, k in unsure, t)
