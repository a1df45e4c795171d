"""Error rates used by tests and benchmarks."""
from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Levenshtein


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def cer(hyp: str, ref: str) -> float:
    """Character error rate (whitespace runs collapsed)."""
    h, r = _norm(hyp), _norm(ref)
    return Levenshtein.distance(h, r) / max(1, len(r))


def wer(hyp: str, ref: str) -> float:
    h, r = _norm(hyp).split(), _norm(ref).split()
    return Levenshtein.distance(h, r) / max(1, len(r))
