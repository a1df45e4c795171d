"""Candidate syllables for a token, with their channel (emission) scores, per input profile."""
from __future__ import annotations

import heapq
import re
from collections import defaultdict
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..tuning import DEFAULT_RESTORE, RestoreTuning
from . import syllables as S
from .lm import UNK, LanguageModel

_ROMAN = re.compile(r"^[IVXLC]+$")
_VOWEL = re.compile("[aeiouy]")


def _deletes(s: str) -> set[str]:
    return {s[:i] + s[i + 1:] for i in range(len(s))} | {s}


class CandidateIndex:
    """Toned syllables of the LM vocabulary grouped by their accent-free form, most frequent first."""

    def __init__(self, lm: LanguageModel, style: str = "old", tuning: RestoreTuning = DEFAULT_RESTORE):
        self.lm = lm
        self.style = style
        self.tuning = tuning
        groups: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(lm.vocab):
            if w[0] != "<" and w != ",":
                groups[S.fold(w)].append(i)
        counts = lm.counts
        self.by_fold = {}
        for k, v in groups.items():
            v = sorted(v, key=lambda i: -int(counts[i]))[:tuning.max_tonings]
            top = int(counts[v[0]])
            self.by_fold[k] = [i for i in v if int(counts[i]) >= tuning.min_toning_share * top] or v[:1]

        # symmetric-delete index over the accent-free forms of syllables seen in training text
        self.near: dict[str, set[str]] = defaultdict(set)
        for k, v in self.by_fold.items():
            if any(int(counts[i]) > 0 for i in v):
                for d in _deletes(k):
                    self.near[d].add(k)
        total = float(counts.sum()) or 1.0
        self.log_prior = np.log((counts.astype(np.float64) + 0.5) / total)
        self._prior_weighted = [tuning.prior_weight * x for x in self.log_prior.tolist()]  # same floats

    def lm_id(self, low: str) -> int:
        return self.lm.id(S.normalize_tone_placement(low, self.style) if low else low)

    def protected(self, token: str, profile: str) -> bool:
        """Tokens that are not prose and stay as they are: abbreviations (UBND, TNHH, TTg), roman
        numerals, single consonants (list markers); in the vie profile also any non-Vietnamese word."""
        letters = S.fold(token)
        if _ROMAN.match(token) or not _VOWEL.search(letters) and (len(token) == 1 or profile != "eng"):
            return True
        if len(token) > 1 and sum(c.isupper() for c in token) > 1 and letters not in self.by_fold:
            # UBND, TTg, HĐND; but in the eng profile a token whose glyphs undone spell a syllable is case
            # noise of another engine ("NQi" for Nội, "CQNG" for CỘNG)
            return not (profile == "eng" and self._glyph_syllable(token.lower()))
        if profile == "vie" and not S.is_syllable(S.normalize_tone_placement(token.lower())):
            # a non-syllable is a foreign word, a code or a name (Krông Păc), kept; but a small word with Vietnamese
            # marks whose letters spell a syllable broke only the tone rule ('câp', 'viêc': a stop coda takes sắc or
            # nặng): it lost a tone mark
            return not (token.islower() and S.has_marks(token) and S.parse(S.strip_tone(token)) is not None)
        return False

    def channel(self, profile: str):
        """The channel of a profile; eng with other engines' glyph confusions merged in."""
        from .channel import load_channel

        if profile == "eng" and self.tuning.glyph_prior > 0:
            return load_channel("eng", self.tuning.glyph_prior, self.tuning.glyph_edit_share, self.tuning.tone_share,
                                self.tuning.layer_weight)
        if profile == "vie" and self.tuning.hat_loss_vie > 0:
            return load_channel("vie", hat_loss=self.tuning.hat_loss_vie)
        return load_channel(profile)

    def _glyph_syllable(self, low: str) -> bool:
        if self.tuning.glyph_prior <= 0:
            return False
        ch = self.channel("eng")
        return any(pattern.sub(repl, low) in self.by_fold for pattern, repl in ch.variants)

    @lru_cache(maxsize=100_000)
    def for_token(self, low: str, profile: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """(forms, lm ids, emission scores) for a lowercase word token."""
        own = self.lm_id(low)
        if profile in ("eng", "vie"):
            return self._channel_candidates(low, profile, own)
        if own == UNK and S.fold(low) not in self.by_fold:  # not Vietnamese-shaped: keep as it is
            return (low,), np.array([own]), np.zeros(1)
        marked = S.has_marks(low)
        if profile == "clean" or (profile == "plain" and marked):
            return (low,), np.array([own]), np.zeros(1)
        ids = list(self.by_fold.get(S.fold(low), []))
        forms = [self.lm.vocab[i] for i in ids]
        norm_low = S.normalize_tone_placement(low, "old")
        if norm_low not in forms and (own != UNK or not forms):  # the input itself, if it is a known word
            forms.insert(0, norm_low)
            ids.insert(0, own)
        if profile == "plain":
            return tuple(forms), np.array(ids), np.zeros(len(ids))
        return self._channel_candidates(low, profile, own)

    def _channel_candidates(self, low: str, profile: str, own: int):
        """Syllables near the token's letters, scored by the learned channel of the OCR profile."""
        ch = self.channel(profile)
        keys = list(ch.skeletons(low))
        folds = set()
        for key in keys:
            for d in _deletes(key):
                folds |= self.near.get(d, set())
        # nearest accent-free forms first: only their tonings are scored with the full channel
        near = list(folds)
        if near:
            dist = process.cdist(near, keys, scorer=Levenshtein.distance).min(axis=1).tolist()
            best = min(dist)
            near = [f for f, d in zip(near, dist) if d <= best + 1]
        # The best `channel_candidates` by (channel + prior): candidates are scored in order of an upper
        # bound of that key, and the rest skipped once their bound is below the worst key kept (they
        # could not have made it), so the result is the one of scoring them all.
        vocab, prior, bound = self.lm.vocab, self._prior_weighted, ch.upper_bounds(low)
        todo = []
        for f in near:
            for i in self.by_fold[f]:
                w = vocab[i]
                p = prior[i]
                todo.append((sum(map(bound.__getitem__, w)) + p, i, w, p))
        todo.sort(reverse=True)
        n_keep = self.tuning.channel_candidates
        scored: list[tuple[float, float, int, str]] = []
        kept: list[float] = []
        for ub, i, w, p in todo:
            if len(kept) == n_keep:
                if ub < kept[0] - 1e-9:
                    break
            e = ch.logp_uncached(low, w)
            key = e + p
            scored.append((key, e, i, w))
            if len(kept) < n_keep:
                heapq.heappush(kept, key)
            elif key > kept[0]:
                heapq.heapreplace(kept, key)
        scored.sort(reverse=True)
        scored = scored[:n_keep]
        norm_low = S.normalize_tone_placement(low, "old")
        if not scored or (own != UNK and all(i != own for _, _, i, _ in scored)):
            scored.append((0.0, ch.logp(low, norm_low) if own != UNK else -20.0, own, norm_low))
        elif own == UNK and profile == "vie" and S.is_syllable(norm_low):
            # a valid syllable the LM never saw (a rare name: "Phớc"): still a choice, at the unknown word's
            # LM cost, so that a name kept by the restorer's name bonus can be kept
            scored.append((0.0, ch.logp(low, norm_low), own, norm_low))
        forms = tuple(w for _, _, _, w in scored)
        beta = self.tuning.channel_weight(profile)
        return forms, np.array([i for _, _, i, _ in scored]), np.array([beta * e for _, e, _, _ in scored])
