"""Which channel fits a text: the input profile of restoration."""
from __future__ import annotations

from . import syllables as S
from .models import candidate_index
from .tokens import NOISY, WORD, tokenize


# measured on the dev split's accent-stripped documents and the real text layers of benchmarks/restore.py
GARBLED_NOISY = 0.03
GARBLED_FOREIGN = 0.25
# a page of Vietnamese words of which fewer than this share carry a mark is not Vietnamese OCR (about 80 %
# do there) but English-model OCR even when its letters all spell syllables: measured on the new documents'
# eng-model OCR pages of benchmarks/restore.py, dev part (marked 0.10-0.25; 2 of 18 pages had been read as vie)
ENG_MARKED = 0.4


def detect_profile(text: str) -> str:
    """Which channel fits the text: plain (accents stripped), eng (OCR'd with a non-Vietnamese model),
    vie (Vietnamese OCR or correct text), or clean (not Vietnamese: leave it alone).

    Counted over words of two or more letters that are not all capitals (abbreviations say nothing)."""
    toks = [t for t in tokenize(text) if t.kind in (WORD, NOISY) and len(t.text) > 1 and not t.text.isupper()]
    words = [t.text.lower() for t in toks if t.kind == WORD]
    index = candidate_index()
    n = max(1, len(words))
    marked = sum(S.has_marks(w) for w in words) / n
    foreign = sum(S.fold(w) not in index.by_fold for w in words) / n
    noisy = (len(toks) - len(words)) / max(1, len(toks))
    if len(words) < 5:  # too little to tell: judge by the words that can be Vietnamese at all
        viet = [w for w in (t.text.lower() for t in tokenize(text) if t.kind == WORD) if S.fold(w) in index.by_fold]
        if any(S.has_marks(w) for w in viet):
            return "vie"
        return "plain" if viet else "clean"
    if foreign > 0.4 and noisy < 0.03:
        return "clean"  # English or another language: not ours to change
    if marked < 0.05:
        # no marks at all, yet digits inside words and many letter runs that are no syllable: another engine's
        # English-model layer ("t6 chric", "s5"), not accent-stripped text (whose noisy share is ≤ 0.002 and
        # foreign share ≤ 0.025 on dev documents; real layers 0.18–0.27 and 0.42–0.48). Both are asked for: a
        # line of accent-stripped news with English words in it (foreign alone) stays plain
        return "eng" if noisy > GARBLED_NOISY and foreign >= GARBLED_FOREIGN else "plain"
    # OCR with the wrong (English) model keeps only some marks (about 20 % of words against 80 % in
    # Vietnamese text), leaves letter runs that are no Vietnamese syllable, and digits inside words
    if marked < ENG_MARKED or (marked < 0.6 and foreign >= 0.05) or noisy > 0.03:
        return "eng"
    return "vie"
