"""Build dictionaries/ from ../shared/corpus: the syllable inventory and the syllable trigram LM.

    python -m tools.models            (or: make models)

Deterministic: same corpus → same bytes. Only the train split is read (see tools.corpus)."""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ocrfix.restoration import syllables as S
from ocrfix.restoration.tokens import lm_sentences
from . import corpus

DICT_DIR = Path(__file__).resolve().parents[1] / "dictionaries"
SPECIALS = ["<s>", "</s>", "<unk>", "<num>", ","]
BOS, EOS, UNK, NUM, COMMA = range(5)
SOURCES = ("legal", "tvpl2025", "admin", "news", "wiki")


# -- syllable inventory ---------------------------------------------------------------------------

def lexicon_syllables() -> Counter:
    """Toneless syllable bases seen in the word lists (lexicon) — the source of valid rhymes."""
    bases = Counter()
    for line in open(corpus.CORPUS / "lexicon" / "syllables_from_lexicons.txt", encoding="utf-8"):
        s = line.strip().lower()
        if s:
            bases[S.split_tone(s)[0]] += 1
    with open(corpus.CORPUS / "lexicon" / "syllables_corpus_freq.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["in_lexicon"] == "1":
                bases[S.split_tone(row["syllable"].lower())[0]] += 1
    return bases


# the vowel nuclei of Vietnamese spelling (with u/o glides); rhymes are these plus a coda seen in the lexicons
VOWEL_CLUSTERS = set("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui
uô uơ uy ưa ưi ưu ươ yê oai oay oao oeo uây uôi ươi ươu uya uyê uyu yêu iêu""".split())


def _spelling_ok(onset: str, vowels: str) -> bool:
    front = vowels[0] in "ieêy"
    if onset in ("k", "gh", "ngh") and not front:
        return False
    if onset in ("c", "g", "ng") and front and not (onset == "g" and vowels[0] == "i"):
        return False
    if onset == "qu" and vowels[0] in "uưo":
        return False
    return True


def build_inventory(style: str = "old") -> list[str]:
    """Every onset × rhyme × tone allowed by Vietnamese spelling, rhymes taken from the lexicons."""
    seen = Counter()
    for base in lexicon_syllables():
        p = S.parse(base)
        if p and p[1] in VOWEL_CLUSTERS:
            seen[(p[1], p[2])] += 1
    rhymes = {r for r, n in seen.items() if n >= 2}
    out = set()
    for onset in S.ONSETS:
        for vowels, coda in rhymes:
            if not _spelling_ok(onset, vowels):
                continue
            base = onset + vowels + coda
            if S.parse(base) != (onset, vowels, coda):
                continue
            for tone in ((1, 5) if coda in S.STOP_CODAS else range(6)):
                out.add(S.place_tone(base, tone, style))
    return sorted(out)


# -- place names and lexicon pairs -------------------------------------------------------------------

_UNIT_PREFIX = re.compile(r"^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Thị trấn|Phường|Xã|Đặc khu)\s+", re.I)


def place_names() -> list[str]:
    """Province, district and commune names without their unit word ("Kim Bảng", "Hà Nam"), from
    corpus/places (MIT), before and after the 2025 merger."""
    names = set()
    for fname, cols in (("vn_admin_units_2023_63_provinces.csv", (0, 2, 4)),
                        ("vn_admin_units_2025_34_provinces.csv", (0, 2))):
        with open(corpus.CORPUS / "places" / fname, encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows)
            for row in rows:
                for c in cols:
                    if c < len(row) and row[c].strip():
                        name = _UNIT_PREFIX.sub("", S.nfc(row[c].strip()))
                        if name and not name.isdigit():
                            names.add(name)
    return sorted(names)


def lexicon_pair_keys(index: dict[str, int], places: list[str]) -> np.ndarray:
    """Packed (a << 16 | b) ids of adjacent syllables inside the multi-syllable words of underthesea's
    Viet74K (read from the installed package) and inside place names."""
    import underthesea

    lex = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    keys = set()
    for line in lex.read_text(encoding="utf-8").splitlines() + places:
        syl = [S.normalize_tone_placement(x) for x in S.nfc(line).lower().replace("-", " ").split()]
        ids = [index.get(x, UNK) for x in syl]
        for a, b in zip(ids, ids[1:]):
            if a > COMMA and b > COMMA:
                keys.add((a << 16) | b)
    return np.array(sorted(keys), dtype=np.uint32)


# -- n-gram counting --------------------------------------------------------------------------------

ADMIN_SOURCES = ("legal", "tvpl2025", "admin")
ADMIN_MIX = 0.5  # tuned on dev: administrative 99.21 → 99.35 %, news 96.78 → 96.62 % (0.2 … 0.8 tried)


def read_sentences(sources, part: str, style: str, limit_chars: dict | None = None, admin_weight: int = 1,
                   cases: bool = False):
    """LM sentences; administrative sources are counted `admin_weight` times (the target domain).
    With cases, (sentence, case of each unit) pairs (see tokens.case_of)."""
    norm = S.normalize_tone_placement
    for name in sources:
        budget = (limit_chars or {}).get(name)
        used = 0
        repeat = admin_weight if name in ADMIN_SOURCES else 1
        for _doc_id, text in corpus.iter_split(name, part):
            for sent in lm_sentences(text, cases=cases):
                if cases:
                    sent, cc = sent
                sent = [w if w[0] == "<" or w == "," else norm(w, style) for w in sent]
                for _ in range(repeat):
                    yield (sent, cc) if cases else sent
            used += len(text)
            if budget and used >= budget:
                break


def case_counts(sent_ids: list[np.ndarray], sent_cases: list[np.ndarray], vsize: int) -> np.ndarray:
    """(2, vsize) counts of each unit written in lower case / capitalised, not first in its sentence
    (where capitals say nothing)."""
    ids = np.concatenate([s[1:] for s in sent_ids])
    cc = np.concatenate([c[1:] for c in sent_cases])
    return np.stack([np.bincount(ids[cc == k], minlength=vsize) for k in (0, 1)]).astype(np.uint32)


def count_ngrams(sent_ids: list[np.ndarray]):
    pad = []
    sid = []
    for i, s in enumerate(sent_ids):
        pad.append(np.concatenate(([BOS, BOS], s, [EOS])).astype(np.int64))
        sid.append(np.full(len(s) + 3, i, dtype=np.int64))
    a = np.concatenate(pad)
    sa = np.concatenate(sid)
    ok3 = sa[:-2] == sa[2:]
    k3 = (a[:-2] << 32) | (a[1:-1] << 16) | a[2:]
    k3 = k3[ok3]
    tri, c3 = np.unique(k3, return_counts=True)
    ok2 = (sa[:-1] == sa[1:]) & ~((a[:-1] == BOS) & (a[1:] == BOS))
    k2 = ((a[:-1] << 16) | a[1:])[ok2]
    bi, c2 = np.unique(k2, return_counts=True)
    return tri, c3, bi, c2


def _discounts(counts: np.ndarray) -> tuple[float, float, float]:
    """Modified Kneser–Ney discounts D1, D2, D3+ (Chen & Goodman) from the count-of-counts."""
    n1, n2, n3, n4 = (max(1, int((counts == k).sum())) for k in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    return 1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3


def _discount_of(counts: np.ndarray, d: tuple[float, float, float]) -> np.ndarray:
    return np.where(counts == 1, d[0], np.where(counts == 2, d[1], d[2]))


def _kn_full(tri, c3, vsize: int) -> dict:
    """Interpolated modified Kneser–Ney (three discounts per order) from trigram counts, unpruned, as
    float64 probabilities (not logs): unigram p1, bigram types with p2 and the backoff weights gamma_v of
    their contexts, trigram types with p3 and the backoff weights gamma_uv of their contexts."""
    v, w = (tri >> 16) & 0xFFFF, tri & 0xFFFF
    # continuation counts for the bigram level: N1+(• v w)
    vw = (v << 16) | w
    bi_types, n_vw = np.unique(vw, return_counts=True)
    bv, bw = bi_types >> 16, bi_types & 0xFFFF
    # unigram level: N1+(• w) over bigram types
    n_w = np.bincount(bw, minlength=vsize).astype(np.float64)
    p1 = (n_w + 0.5) / (n_w.sum() + 0.5 * vsize)
    # bigram level
    d2 = _discounts(n_vw)
    dv = _discount_of(n_vw, d2)
    denom_v = np.bincount(bv, weights=n_vw, minlength=vsize)
    mass_v = np.bincount(bv, weights=dv, minlength=vsize)
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma_v = np.where(denom_v > 0, mass_v / np.maximum(denom_v, 1), 1.0)
    p2 = np.maximum(n_vw - dv, 0) / denom_v[bv] + gamma_v[bv] * p1[bw]
    # trigram level
    d3 = _discounts(c3)
    d3v = _discount_of(c3, d3)
    ctx = tri >> 16  # (u, v)
    ctx_keys, ctx_idx = np.unique(ctx, return_inverse=True)
    ctx_total = np.bincount(ctx_idx, weights=c3)
    gamma_uv = np.bincount(ctx_idx, weights=d3v) / ctx_total
    p2_of_vw = p2[np.searchsorted(bi_types, vw)]
    p3 = np.maximum(c3 - d3v, 0) / ctx_total[ctx_idx] + gamma_uv[ctx_idx] * p2_of_vw
    return {"p1": p1, "gamma_v": gamma_v, "bi_types": bi_types, "p2": p2, "ctx_keys": ctx_keys,
            "gamma_uv": gamma_uv, "tri": tri, "p3": p3, "discounts": (*d2, *d3)}


def _lookup(keys: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    i = np.minimum(np.searchsorted(keys, q), max(len(keys) - 1, 0))
    return i, (keys[i] == q) if len(keys) else np.zeros(len(q), np.bool_)


def _p2_of(m: dict, vw: np.ndarray) -> np.ndarray:
    """P(w | v) of a model for packed pairs, backing off to the unigram for unseen pairs."""
    i, hit = _lookup(m["bi_types"], vw)
    return np.where(hit, m["p2"][i], m["gamma_v"][vw >> 16] * m["p1"][vw & 0xFFFF])


def _p3_of(m: dict, tri: np.ndarray) -> np.ndarray:
    """P(w | u v) of a model for packed triples, backing off for unseen ones."""
    i, hit = _lookup(m["tri"], tri)
    ci, chit = _lookup(m["ctx_keys"], tri >> 16)
    gamma = np.where(chit, m["gamma_uv"][ci], 1.0)
    return np.where(hit, m["p3"][i], gamma * _p2_of(m, tri & 0xFFFFFFFF))


def mix_models(g: dict, a: dict, lam: float, vsize: int) -> dict:
    """Linear interpolation lam·P_a + (1 − lam)·P_g of two backoff models on the same vocabulary, as one
    backoff model over g's n-grams (a's n-grams must be among them: a is trained on a subset of g's text);
    the backoff weights are recomputed so that every distribution sums to one (as SRILM's -mix-lm)."""
    p1 = lam * a["p1"] + (1 - lam) * g["p1"]
    bi = g["bi_types"]
    bv = bi >> 16
    p2 = lam * _p2_of(a, bi) + (1 - lam) * g["p2"]
    num = 1 - np.bincount(bv, weights=p2, minlength=vsize)
    den = 1 - np.bincount(bv, weights=p1[bi & 0xFFFF], minlength=vsize)
    has = np.bincount(bv, minlength=vsize) > 0
    gamma_v = np.where(has, np.maximum(num, 1e-12) / np.maximum(den, 1e-12), 1.0)
    tri = g["tri"]
    p3 = lam * _p3_of(a, tri) + (1 - lam) * g["p3"]
    ctx_keys, ctx_idx = np.unique(tri >> 16, return_inverse=True)
    low = p2[np.searchsorted(bi, tri & 0xFFFFFFFF)]
    num = 1 - np.bincount(ctx_idx, weights=p3)
    den = 1 - np.bincount(ctx_idx, weights=low)
    gamma_uv = np.maximum(num, 1e-12) / np.maximum(den, 1e-12)
    return {"p1": p1, "gamma_v": gamma_v, "bi_types": bi, "p2": p2, "ctx_keys": ctx_keys,
            "gamma_uv": gamma_uv, "tri": tri, "p3": p3, "discounts": g["discounts"]}


def pack_model(m: dict, tri_counts: np.ndarray, bi, c2, min_tri: int, min_bi: int) -> dict:
    """Backoff form for lm.npz (ln probabilities as float16), pruned by raw count."""
    bi_types, ctx_keys, tri = m["bi_types"], m["ctx_keys"], m["tri"]
    bv = bi_types >> 16
    keep3 = tri_counts >= min_tri
    raw_bi_count = np.zeros(len(bi_types), dtype=np.int64)
    pos = np.searchsorted(bi, bi_types)
    pos = np.minimum(pos, len(bi) - 1)
    hit = bi[pos] == bi_types
    raw_bi_count[hit] = c2[pos[hit]]
    keep2 = (raw_bi_count >= min_bi) | ((bv < len(SPECIALS)) & (raw_bi_count >= 1))
    keepc = np.isin(ctx_keys, np.unique((tri >> 16)[keep3]))
    return {
        "uni_lp": np.log(m["p1"]).astype(np.float16),
        "uni_bow": np.log(m["gamma_v"]).astype(np.float16),
        "bi_keys": bi_types[keep2].astype(np.uint32),
        "bi_lp": np.log(m["p2"][keep2]).astype(np.float16),
        "ctx_keys": ctx_keys[keepc].astype(np.uint32),
        "ctx_bow": np.log(m["gamma_uv"][keepc]).astype(np.float16),
        "tri_keys": tri[keep3].astype(np.uint64),
        "tri_lp": np.log(m["p3"][keep3]).astype(np.float16),
        "discounts": np.array(m["discounts"], dtype=np.float32),
    }


def kneser_ney(tri, c3, bi, c2, vsize: int, min_tri: int, min_bi: int):
    """Interpolated modified Kneser–Ney (three discounts per order), stored in backoff form (ln probabilities)."""
    return pack_model(_kn_full(tri, c3, vsize), c3, bi, c2, min_tri, min_bi)


def build(out_dir: Path, style: str, min_tri: int, min_bi: int, wiki_chars: int, admin_weight: int = 1,
          admin_mix: float = 0.0, sentences: tuple[list, list] | None = None) -> dict:
    """admin_mix > 0: the LM is admin_mix·P(administrative-only LM) + (1 − admin_mix)·P(LM of everything).
    sentences: (administrative, other) LM sentences already read (for experiments)."""
    t0 = time.time()
    inventory = build_inventory(style)
    inv_set = set(inventory)
    if sentences is None:
        others = tuple(s for s in SOURCES if s not in ADMIN_SOURCES)
        sentences = (list(read_sentences(ADMIN_SOURCES, "train", style, None, admin_weight, cases=True)),
                     list(read_sentences(others, "train", style, {"wiki": wiki_chars}, cases=True)))
    admin_sents, other_sents = sentences
    sents = [s for s, _ in admin_sents] + [s for s, _ in other_sents]
    cases = [np.array(c, np.int8) for _, c in admin_sents] + [np.array(c, np.int8) for _, c in other_sents]
    t_read = time.time() - t0
    freq = Counter(w for s in sents for w in s)
    vocab = list(SPECIALS)
    syl = sorted((w for w in freq if w not in SPECIALS), key=lambda w: (-freq[w], w))
    # a syllable outside the spelling inventory must be seen 3+ times to enter the vocabulary
    syl = [w for w in syl if w in inv_set or freq[w] >= 3]
    vocab += syl
    vocab += sorted(inv_set - set(vocab))
    assert len(vocab) < 65536
    index = {w: i for i, w in enumerate(vocab)}
    sent_ids = [np.fromiter((index.get(w, UNK) for w in s), dtype=np.int64, count=len(s)) for s in sents]
    n_tokens = int(sum(len(s) for s in sent_ids))
    tri, c3, bi, c2 = count_ngrams(sent_ids)
    if admin_mix > 0:
        general = _kn_full(tri, c3, len(vocab))
        atri, ac3, _, _ = count_ngrams(sent_ids[:len(admin_sents)])
        admin = _kn_full(atri, ac3, len(vocab))
        lm = pack_model(mix_models(general, admin, admin_mix, len(vocab)), c3, bi, c2, min_tri, min_bi)
        del general, admin
    else:
        lm = kneser_ney(tri, c3, bi, c2, len(vocab), min_tri, min_bi)
    counts = np.array([freq.get(w, 0) for w in vocab], dtype=np.uint32)
    lm["case_counts"] = case_counts(sent_ids, cases, len(vocab))
    del cases
    places = place_names()
    lm["lexicon_pairs"] = lexicon_pair_keys(index, places)
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez_compressed(buf, vocab=np.array("\n".join(vocab).encode("utf-8")), counts=counts, **lm)
    data = buf.getvalue()
    (out_dir / "lm.npz").write_bytes(data)
    (out_dir / "places.txt").write_text("\n".join(places) + "\n", encoding="utf-8")
    info = {
        "file": "lm.npz",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "tone_style": style,
        "sources_train_split": list(SOURCES),
        "wiki_chars": wiki_chars,
        "admin_weight": admin_weight,
        "admin_mix": admin_mix,
        "train_tokens": n_tokens,
        "vocab": len(vocab),
        "inventory": len(inventory),
        "inventory_seen_in_corpus": int(sum(1 for w in inventory if freq.get(w))),
        "bigrams": int(len(lm["bi_keys"])),
        "trigrams": int(len(lm["tri_keys"])),
        "lexicon_pairs": int(len(lm["lexicon_pairs"])),
        "place_names": len(places),
        "min_count": {"bigram": min_bi, "trigram": min_tri},
        "discounts": [round(float(x), 4) for x in lm["discounts"]],
        "seconds": round(time.time() - t0, 1),
        "read_seconds": round(t_read, 1),
    }
    (out_dir / "lm.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=DICT_DIR)
    ap.add_argument("--style", choices=("old", "new"), default="old")
    ap.add_argument("--min-trigram", type=int, default=1)
    ap.add_argument("--min-bigram", type=int, default=1)
    ap.add_argument("--wiki-chars", type=int, default=40_000_000, help="how much Wikipedia text to use")
    ap.add_argument("--admin-weight", type=int, default=1, help="count administrative sources this many times")
    ap.add_argument("--admin-mix", type=float, default=ADMIN_MIX,
                    help="weight of the administrative-only LM interpolated with the LM of everything")
    args = ap.parse_args(argv)
    info = build(args.out, args.style, args.min_trigram, args.min_bigram, args.wiki_chars, args.admin_weight,
                 args.admin_mix)
    print(json.dumps(info, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
