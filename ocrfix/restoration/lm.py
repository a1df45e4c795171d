"""The syllable trigram language model (interpolated Kneser–Ney in backoff form, ln probabilities).

Loaded once, lazily, from the package data (dictionaries/lm.npz); lookups are vectorized binary searches over sorted
packed keys, so the model stays a few numpy arrays (no per-n-gram Python objects)."""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import errors
from ..resources import model_path
from ..tuning import DEFAULT_RESTORE, RestoreTuning

BOS, EOS, UNK, NUM, COMMA = range(5)  # the special tokens' ids (tools/models.py writes them in this order)


def _find(keys: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    i = np.searchsorted(keys, q)
    i = np.minimum(i, len(keys) - 1)
    return i, keys[i] == q


_HASH_MUL = np.uint64(0x9E3779B97F4A7C15)


class _Filter:
    """A one-hash Bloom filter over packed keys: False means "certainly not a key", so a binary search
    is only needed for the few look-ups that pass (most lattice n-grams were never seen)."""

    def __init__(self, keys: np.ndarray, bits: int):
        self.shift = np.uint64(64 - bits)
        seen = np.zeros(1 << bits, np.bool_)
        seen[self._hash(keys)] = True
        self.table = np.packbits(seen, bitorder="little")

    def _hash(self, q: np.ndarray) -> np.ndarray:
        return (q.astype(np.uint64) * _HASH_MUL) >> self.shift

    def __call__(self, q: np.ndarray) -> np.ndarray:
        h = self._hash(q)
        return ((self.table[h >> np.uint64(3)] >> (h & np.uint64(7)).astype(np.uint8)) & 1).astype(np.bool_)


class LanguageModel:
    def __init__(self, path: Path):
        try:
            z = np.load(path)
        except FileNotFoundError:
            raise errors.SetupError(f"language model missing: {path} (run 'make models')") from None
        self.vocab: list[str] = z["vocab"].tobytes().decode("utf-8").split("\n")
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.counts = z["counts"]
        f32 = np.float32
        self.uni_lp = z["uni_lp"].astype(f32)
        self.uni_bow = z["uni_bow"].astype(f32)
        self.bi_keys = z["bi_keys"].astype(np.int64)
        self.bi_lp = z["bi_lp"].astype(f32)
        self.ctx_keys = z["ctx_keys"].astype(np.int64)
        self.ctx_bow = z["ctx_bow"].astype(f32)
        self.tri_keys = z["tri_keys"].astype(np.int64)
        self.tri_lp = z["tri_lp"].astype(f32)
        self.lexicon_pairs = z["lexicon_pairs"].astype(np.int64) if "lexicon_pairs" in z.files else None
        self.case_lp = None
        if "case_counts" in z.files:
            # ln P(written lower case | unit), ln P(capitalised | unit) inside a sentence, smoothed towards
            # the overall shares with CASE_PRIOR pseudo-counts
            n = z["case_counts"].astype(np.float64)
            share = (n.sum(axis=1, keepdims=True) + 1) / (n.sum() + 2)
            self.case_lp = np.log((n + CASE_PRIOR * share) / (n.sum(axis=0) + CASE_PRIOR)).astype(np.float32)
        # contexts (u, v) that have trigrams, sorted: a trigram (u, v, w) is only looked up when its
        # context is here. Normally exactly ctx_keys (then the same array, so one search serves both).
        tc = self.tri_keys >> 16
        if len(tc):
            tc = tc[np.r_[0, np.flatnonzero(tc[1:] != tc[:-1]) + 1]]
        self.tri_ctx = self.ctx_keys if np.array_equal(tc, self.ctx_keys) else tc
        del tc
        # every pair key of the model in one sorted table, so that a pair is searched for once:
        # its context backoff weight (0 if none), bigram ln P (if any), lexicon and trigram-context flags
        pairs = [self.ctx_keys, self.bi_keys]
        if self.lexicon_pairs is not None:
            pairs.append(self.lexicon_pairs)
        if self.tri_ctx is not self.ctx_keys:
            pairs.append(self.tri_ctx)
        u = np.concatenate(pairs)
        u.sort(kind="stable")  # merges the sorted runs
        self.pair_keys = u = u[np.r_[True, u[1:] != u[:-1]]]
        self.pair_ctx = np.zeros(len(u), self.ctx_bow.dtype)
        ic = np.searchsorted(u, self.ctx_keys)
        self.pair_ctx[ic] = self.ctx_bow
        self.pair_has_bi = np.zeros(len(u), np.bool_)
        self.pair_bi = np.zeros(len(u), self.bi_lp.dtype)
        i2 = np.searchsorted(u, self.bi_keys)
        self.pair_has_bi[i2] = True
        self.pair_bi[i2] = self.bi_lp
        self.pair_lex = np.zeros(len(u), np.bool_)
        if self.lexicon_pairs is not None:
            self.pair_lex[np.searchsorted(u, self.lexicon_pairs)] = True
        self.pair_tri = np.zeros(len(u), np.bool_)
        self.pair_tri[ic if self.tri_ctx is self.ctx_keys else np.searchsorted(u, self.tri_ctx)] = True
        del ic, i2
        self.pair_filter = _Filter(u, 23)
        self.tri_filter = _Filter(self.tri_keys, 25)
        info = path.with_suffix(".json")
        self.info = json.loads(info.read_text()) if info.exists() else {}

    lexicon_bonus: float = 0.0  # added to ln P(w | u v) when (v, w) lies inside a lexicon word or place name
    case_weight: float = 0.0  # weight of ln P(case | syllable) in the plain profile (set by load from the tuning)

    def id(self, w: str) -> int:
        return self.index.get(w, UNK)

    def logp(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """ln P(w | u v) for broadcastable id arrays."""
        u, v, w = np.broadcast_arrays(np.asarray(u, np.int64), np.asarray(v, np.int64), np.asarray(w, np.int64))
        shape = u.shape
        u, v, w = u.ravel(), v.ravel(), w.ravel()
        ctx, p2, lex, _ = self.pair_tables((v << 16) | w)  # (v, w) as a bigram and as a lexicon pair
        bow = self.pair_tables((u << 16) | v, contexts_only=True)
        lp = bow + p2
        at, tlp = self.trigram_lp((u << 32) | (v << 16) | w)
        lp[at] = tlp
        if lex is not None:
            lp = lp + self.lexicon_bonus * lex
        return lp.reshape(shape)

    def pair_tables(self, keys: np.ndarray, contexts_only: bool = False):
        """For packed pairs (v << 16) | w: the backoff weight of (v, w) as a context (0 when unseen),
        ln P(w | v), whether (v, w) is a lexicon pair (None without a bonus), and whether (v, w) is the
        context of any trigram. logp(u, v, w) is assembled from these plus trigram_lp (same values).
        With contexts_only, just the backoff weights."""
        ctx = np.zeros(len(keys), self.ctx_bow.dtype)
        if contexts_only:
            at = np.flatnonzero(self.pair_filter(keys))
            iu, fu = _find(self.pair_keys, keys[at])
            ctx[at[fu]] = self.pair_ctx[iu[fu]]
            return ctx
        p2 = self.uni_bow[keys >> 16] + self.uni_lp[keys & 0xFFFF]
        ft = np.zeros(len(keys), np.bool_)
        lex = None
        if self.lexicon_bonus and self.lexicon_pairs is not None:
            lex = np.zeros(len(keys), np.bool_)
        at = np.flatnonzero(self.pair_filter(keys))
        if len(at):
            iu, fu = _find(self.pair_keys, keys[at])
            at, iu = at[fu], iu[fu]
            ctx[at] = self.pair_ctx[iu]
            hb = self.pair_has_bi[iu]
            p2[at[hb]] = self.pair_bi[iu[hb]]
            if lex is not None:
                lex[at] = self.pair_lex[iu]
            ft[at] = self.pair_tri[iu]
        return ctx, p2, lex, ft

    def trigram_lp(self, tk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in tk that are trigrams, their ln P) for packed trigram keys."""
        at = np.flatnonzero(self.tri_filter(tk))
        if not len(at):
            return at, self.tri_lp[:0]
        sub = tk[at]
        order = np.argsort(sub)
        i3, f3 = _find(self.tri_keys, sub[order])
        return at[order[f3]], self.tri_lp[i3[f3]]



CASE_PRIOR = 2.0  # pseudo-counts of the case channel's smoothing (applied when the model loads)


@lru_cache(maxsize=2)
def _load_arrays(path: str | None) -> LanguageModel:
    return LanguageModel(Path(path) if path else model_path("lm.npz"))


@lru_cache(maxsize=8)
def load(path: str | None = None, tuning: RestoreTuning = DEFAULT_RESTORE) -> LanguageModel:
    """The model with the tuning's weights; the arrays are loaded once and shared between tunings."""
    lm = copy.copy(_load_arrays(path))
    lm.lexicon_bonus = tuning.lexicon_bonus
    lm.case_weight = tuning.case_weight if lm.case_lp is not None else 0.0
    return lm
