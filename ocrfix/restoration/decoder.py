"""Trigram Viterbi over each sentence's candidate lattice, vectorized with numpy.

A sentence is a list of positions; each position has candidate LM ids and emission (channel) scores.
The state after a position is the pair (previous choice, current choice), so the full trigram context is
used exactly."""
from __future__ import annotations

import numpy as np

from .lm import BOS, EOS, LanguageModel


def viterbi(lm: LanguageModel, cands: list[np.ndarray], emis: list[np.ndarray]) -> list[int]:
    """Index of the best candidate at each position."""
    n = len(cands)
    if n == 0:
        return []
    bos = np.array([BOS])
    # delta[a, b]: best score with choice a at position j-1 and b at position j
    delta = (lm.logp(bos[:, None], bos[:, None], cands[0][None, :]) + emis[0][None, :])  # (1, n0)
    prev2, prev1 = bos, cands[0]
    backs = []
    for j in range(1, n):
        c = cands[j]
        lp = lm.logp(prev2[:, None, None], prev1[None, :, None], c[None, None, :])  # (na, nb, nc)
        tot = delta[:, :, None] + lp
        best_a = tot.argmax(axis=0)  # (nb, nc)
        delta = np.take_along_axis(tot, best_a[None], axis=0)[0] + emis[j][None, :]
        backs.append(best_a)
        prev2, prev1 = prev1, c
    final = delta + lm.logp(prev2[:, None], prev1[None, :], np.array([EOS])[None, :])
    a, b = np.unravel_index(int(final.argmax()), final.shape)
    if n == 1:
        return [int(b)]
    path = [0] * n
    path[n - 1], path[n - 2] = int(b), int(a)
    for j in range(n - 1, 1, -1):
        path[j - 2] = int(backs[j - 1][path[j - 1], path[j]])
    return path


def local_scores(lm: LanguageModel, cands: list[np.ndarray], emis: list[np.ndarray], path: list[int]) -> list[np.ndarray]:
    """For each position, every candidate's score with its neighbours fixed to the chosen path: the
    three trigrams it takes part in plus its emission. Softmax of these gives a confidence."""
    n = len(cands)
    chosen = [int(cands[j][path[j]]) for j in range(n)]
    seq = [BOS, BOS] + chosen + [EOS, EOS]
    out = []
    for j in range(n):
        c = cands[j]
        k = j + 2
        s = lm.logp(seq[k - 2], seq[k - 1], c)
        s = s + lm.logp(seq[k - 1], c, seq[k + 1])
        if j + 1 < n:  # the trigram two ahead exists only if a real token follows
            s = s + lm.logp(c, seq[k + 1], seq[k + 2])
        out.append(np.asarray(s, dtype=np.float64) + emis[j])
    return out
