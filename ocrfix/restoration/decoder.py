"""Trigram Viterbi over each sentence's candidate lattice.

A sentence is a list of positions; each position has candidate LM ids and emission (channel) scores.
The state after a position is the pair (previous choice, current choice), so the full trigram context is
used exactly. All LM look-ups a sentence needs are made in one vectorized call before the recursion."""
from __future__ import annotations

from itertools import product

import numpy as np

from .lm import BOS, EOS, LanguageModel

_BOS = (BOS,)
_EOS = (EOS,)


def _lattice_logp(lm: LanguageModel, ext: list[tuple[int, ...]]) -> list[np.ndarray]:
    """ln P(c | a b) for every (a, b, c) in ext[j] × ext[j+1] × ext[j+2], as one array per j."""
    us, vs, ws, sizes = [], [], [], []
    for j in range(len(ext) - 2):
        a, b, c = ext[j], ext[j + 1], ext[j + 2]
        n = len(a) * len(b) * len(c)
        sizes.append((len(a), len(b), len(c)))
        if n == 1:
            us.append(a[0]); vs.append(b[0]); ws.append(c[0])
        else:
            for x, y, z in product(a, b, c):
                us.append(x); vs.append(y); ws.append(z)
    lp = lm.logp(np.array(us), np.array(vs), np.array(ws))
    out, pos = [], 0
    for s in sizes:
        k = s[0] * s[1] * s[2]
        out.append(lp[pos:pos + k].reshape(s))
        pos += k
    return out


def viterbi(lm: LanguageModel, cands: list, emis: list[np.ndarray]) -> list[int]:
    """Index of the best candidate at each position."""
    n = len(cands)
    if n == 0:
        return []
    ext = [_BOS, _BOS] + [tuple(int(x) for x in c) for c in cands] + [_EOS]
    lps = _lattice_logp(lm, ext)
    # delta[a, b]: best score with choice a at position j-1 and choice b at position j
    delta = lps[0][0] + emis[0][None, :]  # (1, n0)
    backs = []
    for j in range(1, n):
        tot = delta[:, :, None] + lps[j]  # (na, nb, nc)
        if tot.shape[0] == 1:
            best_a = np.zeros(tot.shape[1:], dtype=np.intp)
            delta = tot[0] + emis[j][None, :]
        else:
            best_a = tot.argmax(axis=0)
            delta = tot.max(axis=0) + emis[j][None, :]
        backs.append(best_a)
    final = delta + lps[n][:, :, 0]
    a, b = np.unravel_index(int(final.argmax()), final.shape)
    if n == 1:
        return [int(b)]
    path = [0] * n
    path[n - 1], path[n - 2] = int(b), int(a)
    for j in range(n - 1, 1, -1):
        path[j - 2] = int(backs[j - 1][path[j - 1], path[j]])
    return path


def local_scores(lm: LanguageModel, cands: list, emis: list[np.ndarray], path: list[int]) -> list[np.ndarray]:
    """For each position, every candidate's score with its neighbours fixed to the chosen path: the
    trigrams it takes part in plus its emission. Softmax of these gives a confidence."""
    n = len(cands)
    chosen = [int(cands[j][path[j]]) for j in range(n)]
    seq = [BOS, BOS] + chosen + [EOS]
    us, vs, ws, owner = [], [], [], []
    for j in range(n):
        if len(cands[j]) == 1:
            continue
        k = j + 2
        for ci, c in enumerate(cands[j]):
            c = int(c)
            trip = [(seq[k - 2], seq[k - 1], c), (seq[k - 1], c, seq[k + 1])]
            if j + 1 < n:
                trip.append((c, seq[k + 1], seq[k + 2]))
            for x, y, z in trip:
                us.append(x); vs.append(y); ws.append(z); owner.append((j, ci))
    out = [np.asarray(e, dtype=np.float64).copy() for e in emis]
    if us:
        lp = lm.logp(np.array(us), np.array(vs), np.array(ws))
        for (j, ci), v in zip(owner, lp.tolist()):
            out[j][ci] += v
    return out
