"""The LM build: the administrative/general mixture is a proper distribution; LM units and the case channel."""
import numpy as np

from tools import models as M
from ocrfix.restoration import restore
from ocrfix.restoration.lm import load
from ocrfix.restoration.tokens import lm_sentences


def _sum_over_vocab(m: dict, vsize: int, u: int, v: int) -> float:
    """Σ_w P(w | u v) of a backoff model in the dict form of models._kn_full / mix_models."""
    w = np.arange(vsize, dtype=np.int64)
    tri = (np.int64(u) << 32) | (np.int64(v) << 16) | w
    return float(M._p3_of(m, tri).sum())


def test_mixture_of_two_kneser_ney_models_sums_to_one():
    rng = np.random.default_rng(0)
    vsize = 40
    zipf = 1 / np.arange(1, vsize - M.COMMA)
    general = [M.COMMA + 1 + rng.choice(len(zipf), rng.integers(2, 9), p=zipf / zipf.sum()) for _ in range(3000)]
    admin = general[:600]  # the administrative text is part of all text
    g = M._kn_full(*M.count_ngrams(general)[:2], vsize)
    a = M._kn_full(*M.count_ngrams(admin)[:2], vsize)
    assert min(g["discounts"]) > 0 and min(a["discounts"]) > 0
    for lam in (0.0, 0.5, 1.0):
        m = M.mix_models(g, a, lam, vsize)
        for u, v in [(M.BOS, M.BOS), (M.BOS, 7), (6, 7), (9, 11), (8, 8), (30, 39)]:
            assert abs(_sum_over_vocab(m, vsize, u, v) - 1) < 1e-9
        # an n-gram of the mixture has the interpolated probability
        tri = m["tri"][:50]
        assert np.allclose(m["p3"][:50], lam * M._p3_of(a, tri) + (1 - lam) * M._p3_of(g, tri))
    assert abs(_sum_over_vocab(g, vsize, 6, 7) - 1) < 1e-9


def test_roman_numerals_are_numbers_to_the_lm():
    assert lm_sentences("Mục II Điều 5 và Chương IV") == [["mục", "<num>", "điều", "<num>", "và", "chương", "<num>"]]
    assert restore("Muc II BIEN PHAP NGAN CHAN") == "Mục II BIỆN PHÁP NGĂN CHẶN"


def test_case_channel():
    lm = load()
    assert lm.case_lp is not None and lm.case_lp.shape == (2, len(lm.vocab))
    # names are capitalised inside sentences far more often than common words
    assert lm.case_lp[0, lm.id("làm")] > lm.case_lp[0, lm.id("lâm")]
    assert lm.case_lp[1, lm.id("lâm")] > lm.case_lp[1, lm.id("làm")]
