"""Trigram Viterbi over each sentence's candidate lattice.

A sentence is a list of positions; each position has candidate LM ids and emission (channel) scores.
The state after a position is the pair (previous choice, current choice), so the full trigram context is
used exactly. All LM look-ups a sentence needs are made in one vectorized call before the recursion."""
from __future__ import annotations

import numpy as np

from .lm import BOS, EOS, LanguageModel

_BOS = np.array([BOS], np.int64)
_EOS = np.array([EOS], np.int64)


def _lattice_logp(lm: LanguageModel, ext: list[np.ndarray]) -> list[np.ndarray]:
    """ln P(c | a b) for every (a, b, c) in ext[j] × ext[j+1] × ext[j+2], as one array per j.

    Built without Python loops over the lattice: every adjacent candidate pair (a, b) is looked up once
    (as a bigram, as a trigram context and as a lexicon pair), every triple is the context's backoff
    weight plus the bigram score, and only triples whose context has trigrams at all are searched among
    the trigrams. Same values as lm.logp on the triples."""
    m = np.fromiter((len(e) for e in ext), np.int64, len(ext))
    ids = np.concatenate(ext).astype(np.int64, copy=False)
    eo = np.zeros(len(m), np.int64)
    np.cumsum(m[:-1], out=eo[1:])
    # pairs (ext[j], ext[j+1]), j = 0 .. len-2, row-major per j: every a of ext[j] repeated len(ext[j+1])
    # times, next to ext[j+1] tiled (a group per (j, a), shifted back onto ext[j+1]'s ids)
    psz = m[:-1] * m[1:]
    left = np.repeat(ids[:eo[-1]], np.repeat(m[1:], m[:-1]))
    glen = np.repeat(m[1:], m[:-1])
    shift = np.cumsum(glen) - glen - np.repeat(eo[1:], m[:-1])
    keys = (left << 16) | ids[np.arange(len(left)) - np.repeat(shift, glen)]
    # distinct pairs, sorted: binary searches with sorted needles touch far fewer cache lines
    keys, inv = np.unique(keys, return_inverse=True)
    ctx, p2, lex, ft = lm.pair_tables(keys)
    # triples (ext[j], ext[j+1], ext[j+2]), row-major per j: context pair (a, b) of block j repeated
    # len(ext[j+2]) times; bigram pair (b, c) of block j+1 in groups per (j, a)
    tsz = psz[:-1] * m[2:]
    nctx = int(psz[:-1].sum())
    ci = np.repeat(inv[:nctx], np.repeat(m[2:], psz[:-1]))
    glen = np.repeat(psz[1:], m[:-2])
    poff = np.cumsum(psz) - psz
    shift = np.cumsum(glen) - glen - np.repeat(poff[1:], m[:-2])
    bi = inv[np.arange(len(ci)) - np.repeat(shift, glen)]
    lp = ctx[ci] + p2[bi]
    sel = np.flatnonzero(ft[ci])
    if len(sel):
        tk = (keys[ci[sel]] << 16) | (keys[bi[sel]] & 0xFFFF)  # (a, b) and (b, c) give (a, b, c)
        at, tlp = lm.trigram_lp(tk)
        lp[sel[at]] = tlp
    if lex is not None:
        lp = lp + lm.lexicon_bonus * lex[bi]
    ml = m.tolist()
    bounds = [0] + np.cumsum(tsz).tolist()
    return [lp[bounds[j]:bounds[j + 1]].reshape(ml[j], ml[j + 1], ml[j + 2]) for j in range(len(tsz))]


def viterbi(lm: LanguageModel, cands: list, emis: list[np.ndarray]) -> list[int]:
    """Index of the best candidate at each position."""
    n = len(cands)
    if n == 0:
        return []
    lps = _lattice_logp(lm, [_BOS, _BOS, *cands, _EOS])
    # delta[a, b]: best score with choice a at position j-1 and choice b at position j
    delta = lps[0][0] + emis[0][None, :]  # (1, n0)
    backs: list[np.ndarray | None] = []
    for j in range(1, n):
        lpj = lps[j]
        if delta.shape[0] == 1:
            backs.append(None)  # the only choice a = 0
            delta = (delta[0][:, None] + lpj[0]) + emis[j][None, :]
        else:
            tot = delta[:, :, None] + lpj  # (na, nb, nc)
            best_a = tot.argmax(axis=0)
            backs.append(best_a)
            delta = tot.max(axis=0) + emis[j][None, :]
    final = delta + lps[n][:, :, 0]
    a, b = np.unravel_index(int(final.argmax()), final.shape)
    if n == 1:
        return [int(b)]
    path = [0] * n
    path[n - 1], path[n - 2] = int(b), int(a)
    for j in range(n - 1, 1, -1):
        bk = backs[j - 1]
        path[j - 2] = 0 if bk is None else int(bk[path[j - 1], path[j]])
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
                us.append(x)
                vs.append(y)
                ws.append(z)
                owner.append((j, ci))
    out = [np.asarray(e, dtype=np.float64).copy() for e in emis]
    if us:
        lp = lm.logp(np.array(us), np.array(vs), np.array(ws))
        for (j, ci), v in zip(owner, lp.tolist()):
            out[j][ci] += v
    return out
