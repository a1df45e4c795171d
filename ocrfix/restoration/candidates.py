"""Candidate syllables for a token, with their channel (emission) scores, per input profile."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import numpy as np

from . import syllables as S
from .lm import LanguageModel

MAX_CANDIDATES = 12
MIN_SHARE = 0.002  # drop tonings rarer than this share of the group's most frequent one (lattice size)
KEEP_BONUS = 4.0  # ln-odds of an already-accented token being right, in profiles that trust the input


class CandidateIndex:
    """Toned syllables of the LM vocabulary grouped by their accent-free form, most frequent first."""

    def __init__(self, lm: LanguageModel, style: str = "old"):
        self.lm = lm
        self.style = style
        groups: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(lm.vocab):
            if w[0] != "<" and w != ",":
                groups[S.fold(w)].append(i)
        counts = lm.counts
        self.by_fold = {}
        for k, v in groups.items():
            v = sorted(v, key=lambda i: -int(counts[i]))[:MAX_CANDIDATES]
            top = int(counts[v[0]])
            self.by_fold[k] = [i for i in v if int(counts[i]) >= MIN_SHARE * top] or v[:1]

    def lm_id(self, low: str) -> int:
        return self.lm.id(S.normalize_tone_placement(low, self.style) if low else low)

    @lru_cache(maxsize=100_000)
    def for_token(self, low: str, profile: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """(forms, lm ids, emission scores) for a lowercase word token."""
        own = self.lm_id(low)
        if own == 2 and S.fold(low) not in self.by_fold:  # not Vietnamese-shaped: keep as it is
            return (low,), np.array([own]), np.zeros(1)
        marked = S.has_marks(low)
        if profile == "clean" or (profile == "plain" and marked):
            return (low,), np.array([own]), np.zeros(1)
        ids = list(self.by_fold.get(S.fold(low), []))
        forms = [self.lm.vocab[i] for i in ids]
        norm_low = S.normalize_tone_placement(low, "old")
        if norm_low not in forms and (own != 2 or not forms):  # the input itself, if it is a known word
            forms.insert(0, norm_low)
            ids.insert(0, own)
        if profile == "plain":
            emis = np.zeros(len(ids))
        else:  # trust what is there, allow other tonings of the same letters
            emis = np.array([0.0 if f == norm_low else -KEEP_BONUS for f in forms])
        return tuple(forms), np.array(ids), emis
