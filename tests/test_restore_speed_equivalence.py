"""The fast paths of restoration give exactly what the straightforward computations give."""
import random

import numpy as np
from rapidfuzz.distance import Levenshtein

from ocrfix.restoration import candidate_index as _index, decoder, lm as L, syllables as S
from ocrfix.restoration import candidates as C
from ocrfix.restoration.channel import emissions, load_channel


def _find(keys, q):
    i = np.minimum(np.searchsorted(keys, q), len(keys) - 1)
    return i, keys[i] == q


def reference_logp(m, u, v, w):
    """ln P(w | u v) with one binary search per table, as the model defines it."""
    u, v, w = np.broadcast_arrays(np.asarray(u, np.int64), np.asarray(v, np.int64), np.asarray(w, np.int64))
    i3, f3 = _find(m.tri_keys, (u << 32) | (v << 16) | w)
    i2, f2 = _find(m.bi_keys, (v << 16) | w)
    ic, fc = _find(m.ctx_keys, (u << 16) | v)
    p2 = np.where(f2, m.bi_lp[i2], m.uni_bow[v] + m.uni_lp[w])
    lp = np.where(f3, m.tri_lp[i3], np.where(fc, m.ctx_bow[ic], 0.0) + p2)
    if m.lexicon_bonus and m.lexicon_pairs is not None:
        lp = lp + m.lexicon_bonus * _find(m.lexicon_pairs, (v << 16) | w)[1]
    return lp


def _ids(m, rng, n):
    """Word ids that often form seen n-grams: parts of random trigrams, plus random ids."""
    t = m.tri_keys[rng.integers(0, len(m.tri_keys), n)]
    pool = np.concatenate([t >> 32, (t >> 16) & 0xFFFF, t & 0xFFFF, rng.integers(0, len(m.vocab), n // 4)])
    return pool


def test_logp_matches_reference():
    m = L.load()
    rng = np.random.default_rng(0)
    t = m.tri_keys[rng.integers(0, len(m.tri_keys), 20000)]
    u, v, w = t >> 32, (t >> 16) & 0xFFFF, t & 0xFFFF
    U = np.concatenate([u, rng.permutation(u), rng.integers(0, len(m.vocab), 5000)])
    V = np.concatenate([v, v, rng.integers(0, len(m.vocab), 5000)])
    W = np.concatenate([w, w, rng.integers(0, len(m.vocab), 5000)])
    got, ref = m.logp(U, V, W), reference_logp(m, U, V, W)
    assert got.dtype == ref.dtype and np.array_equal(got, ref)
    got, ref = m.logp(U[:6].reshape(2, 3), V[7], W[:3]), reference_logp(m, U[:6].reshape(2, 3), V[7], W[:3])
    assert got.shape == ref.shape and np.array_equal(got, ref)


def test_lattice_matches_logp():
    m = L.load()
    rng = np.random.default_rng(1)
    pool = _ids(m, rng, 4000)
    for _ in range(60):
        ext = [decoder._BOS, decoder._BOS]
        for _ in range(int(rng.integers(1, 15))):
            ext.append(rng.choice(pool, int(rng.choice([1, 1, 2, 3, 8, 9, 12]))).astype(np.int64))
        ext.append(decoder._EOS)
        lps = decoder._lattice_logp(m, ext)
        assert len(lps) == len(ext) - 2
        for j, lp in enumerate(lps):
            ref = reference_logp(m, ext[j][:, None, None], ext[j + 1][None, :, None], ext[j + 2][None, None, :])
            assert lp.dtype == ref.dtype and np.array_equal(lp, ref)


def test_channel_logp_matches_emissions():
    ch = load_channel("eng", 0.01)  # with the glyph prior merged in
    rnd = random.Random(3)
    letters = "abcdeghiklmnopqrstuvxyđêôơưăâáàạảãếềộờứự16rnAI"
    for _ in range(3000):
        a = "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 7))).lower()
        b = "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 7))).lower()
        assert ch.logp_uncached(a, b) == sum(ch.char_logp(c, s) for c, s in emissions(b, a))


def test_channel_candidates_match_scoring_every_toning():
    index = _index("old")
    words = [w for w in index.lm.vocab if w[0] != "<"]
    rnd = random.Random(4)
    tokens = ["két", "thire", "hién", "ngén", "c6ng", "cAp".lower(), "bo", "qua", "tlnh", "nguòi"]
    for _ in range(150):
        w = list(rnd.choice(words))
        for _ in range(rnd.randint(0, 2)):
            w[rnd.randrange(len(w))] = rnd.choice("abcdeghinortuy16éèáàô")
        tokens.append("".join(w))
    for profile in ("eng", "vie"):
        ch = index.channel(profile)  # the one the index uses
        for low in tokens:
            own = index.lm_id(low)
            forms, ids, em = index._channel_candidates(low, profile, own)
            # every toning of the nearest forms scored in full
            keys = ch.skeletons(low)
            folds = set()
            for key in keys:
                for d in C._deletes(key):
                    folds |= index.near.get(d, set())
            dist = {f: min(Levenshtein.distance(f, k) for k in keys) for f in folds}
            if dist:
                best = min(dist.values())
                folds = [f for f in folds if dist[f] <= best + 1]
            scored = []
            for f in folds:
                for i in index.by_fold[f]:
                    e = sum(ch.char_logp(c, s) for c, s in emissions(index.lm.vocab[i], low))
                    scored.append((e + index.tuning.prior_weight * index.log_prior[i], e, i, index.lm.vocab[i]))
            scored.sort(reverse=True)
            scored = scored[:index.tuning.channel_candidates]
            n = len(scored)
            assert forms[:n] == tuple(x[3] for x in scored), low
            assert ids[:n].tolist() == [x[2] for x in scored]
            beta = index.tuning.channel_weight(profile)
            assert em[:n].tolist() == [beta * x[1] for x in scored]
            assert len(forms) in (n, n + 1)
            if len(forms) == n + 1:
                assert forms[-1] == S.normalize_tone_placement(low, "old")
