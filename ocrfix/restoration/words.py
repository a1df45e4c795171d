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


def _unsure_tokens(p: Page, t: RestoreTuning) -> set[int]:
    """Indexes of the page's whitespace tokens that restoration changed with less than `sure_change` confidence."""
    starts = [m.start() for m in re.finditer(r"\S+", nfc(p.raw_text))]
    out = set()
    for c in p.corrections:
        if c.get("confidence") is not None and c["confidence"] < t.sure_change:
            out.add(bisect.bisect_right(starts, c["start"]) - 1)
    return out


def set_word_texts(p: Page, t: RestoreTuning = DEFAULT_RESTORE) -> None:
    """Set `Word.restored` on the page's words where its restored text has one token per OCR word."""
    toks = (p.text or "").split()
    if not p.text or len(toks) != len(p.words):
        for w in p.words:
            w.restored = None
        return
    unsure = _unsure_tokens(p, t)
    for k, (tok, w) in enumerate(zip(toks, p.words)):
        w.restored = _pick(tok, w, k in unsure, t)
