"""Candidates the context proposes: what the trigram model strongly expects after the two syllables decoded
before a garbled token, when its letters are close to the token's.

The channel keeps only the best `channel_candidates` readings of a token by channel score and unigram prior,
before the LM sees its neighbours; a reading that the OCR garbled into a likelier-looking one can fall out
there ("Uy ban nhén dén": every toning of 'den' reads closer than 'dân', so 'nhân đến' was the best path left).
After a first decode, each position gets the left context's strong successors whose accent-free form is at
most one edit from one of the token's skeletons, scored by the same channel, and the sentence is decoded
again. Only the OCR profiles do this; plain text's candidates are every toning already."""
from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Levenshtein

from . import syllables as S
from .lm import BOS, LanguageModel


def successors(lm: LanguageModel, a: int, b: int, min_lp: float) -> np.ndarray:
    """Ids c with ln P(c | a b) ≥ min_lp among the trigrams of the context (a, b)."""
    lo = (a << 32) | (b << 16)
    i0, i1 = np.searchsorted(lm.tri_keys, [lo, lo | 0xFFFF], side="left")
    if i0 == i1:
        return np.zeros(0, np.int64)
    lp = lm.tri_lp[i0:i1]
    return (lm.tri_keys[i0:i1][lp >= min_lp] & 0xFFFF).astype(np.int64)


def proposals(lm: LanguageModel, chosen: list[int], j: int, have: np.ndarray, skeletons: set[str],
              min_lp: float) -> list[int]:
    """Context successors for position j (ids not among `have`) whose fold is within one edit of a skeleton."""
    a = chosen[j - 2] if j >= 2 else BOS
    b = chosen[j - 1] if j >= 1 else BOS
    out = []
    for c in successors(lm, a, b, min_lp).tolist():
        if c in have:
            continue
        w = lm.vocab[c]
        if w[:1] == "<" or w == ",":
            continue
        f = S.fold(w)
        if any(Levenshtein.distance(f, k, score_cutoff=1) <= 1 for k in skeletons):
            out.append(c)
    return out
