"""The OCR channel: how likely an OCR token is, given the true syllable, for one OCR profile.

Learned (tools/channel.py) as P(what OCR wrote | true character), where what it wrote may be the
character itself, another one, nothing, or several ('ư' → 'ir'). At run time a token and a candidate are
aligned with rapidfuzz's Levenshtein opcodes, the same way the counts were made, and the per-character
log probabilities are summed.

>>> ch = load_channel("eng")                       # doctest: +SKIP
>>> ch.logp("két", "kết") > ch.logp("két", "két")  # doctest: +SKIP
True
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..resources import model_path
from . import syllables as S

ALPHA = 2.0  # smoothing mass per character
UNSEEN = math.log(1e-4)  # ln P of an output never seen for this character
LAYER_MIN_COUNT = 2  # an output seen once in the real scanner layers is alignment noise


def emissions(truth: str, ocr: str) -> list[tuple[str, str]]:
    """Pair every character of `truth` with the string OCR wrote for it. An insertion next to a
    substituted character joins it ('của' → 'ctia': ủ wrote 'ti'); otherwise it joins the character
    before it (the first one for a leading insertion)."""
    out = [[c, ""] for c in truth]
    ops = Levenshtein.opcodes(truth, ocr)
    lead = ""
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" or tag == "replace":
            for m in range(i2 - i1):
                out[i1 + m][1] += ocr[j1 + m]
        elif tag == "insert":
            ins = ocr[j1:j2]
            nxt = ops[k + 1][0] if k + 1 < len(ops) else None
            if nxt in ("replace", "delete") and i1 < len(truth):
                out[i1][1] = ins + out[i1][1]
            elif i1 == 0:
                lead += ins
            else:
                out[i1 - 1][1] += ins
    if out and lead:
        out[0][1] = lead + out[0][1]
    return [(c, s) for c, s in out]


class Channel:
    def __init__(self, model: dict, glyph_prior: float = 0.0, edit_share: float = 1.0, tone_share: float = 0.0,
                 layers: dict | None = None, layer_weight: float = 0.0, hat_loss: float = 0.0):
        """`glyph_prior` > 0 merges the generic glyph-shape confusions of other engines (glyphs.py) in: each
        one not learned at least that likely gets ln(glyph_prior), a dropped or doubled letter
        ln(glyph_prior · edit_share). `tone_share` > 0 lends a toned vowel the unaccented outputs learned for
        its tone-mates of the same look (share_tone_outputs). `layers` (counts learned from real scanner layers,
        tools/layer_pairs.py) at `layer_weight` > 0 raises each output they saw to ln(layer_weight · P(output |
        character)) where the learned channel has it less likely."""
        self.profile = model.get("profile", "")
        self.variants: tuple = ()
        self._memo: dict[tuple[str, str], float] = {}  # (truth character, what OCR wrote) -> char_logp
        self._bounds: dict[str, tuple[float, float]] = {}
        self.table: dict[str, dict[str, float]] = {}
        self.skeleton: dict[str, str] = {}  # OCR character -> the plain letter it most often stands for
        votes: dict[str, dict[str, int]] = {}
        for c, outs in model["emit"].items():
            total = sum(outs.values())
            self.table[c] = {s: math.log((n + ALPHA * self._base(c, s)) / (total + ALPHA)) for s, n in outs.items()}
            for s, n in outs.items():
                if len(s) == 1:
                    votes.setdefault(s, {}).setdefault(S.fold(c), 0)
                    votes[s][S.fold(c)] += n
        emits = [model["emit"]]
        if layers is not None and layer_weight > 0:
            emits.append(layers["emit"])
            for c, outs in layers["emit"].items():
                total = sum(outs.values())
                row = self.table.setdefault(c, {})
                for s, n in outs.items():
                    if n >= LAYER_MIN_COUNT and s != c:
                        _raise(row, s, math.log(layer_weight * n / (total + ALPHA)))
        if tone_share > 0:
            share_tone_outputs(self.table, tone_share)
        if hat_loss > 0:  # a hat under a tone mark lost ('QUYÉT' for QUYẾT, 'QUÓC' for QUỐC): ln(hat_loss)
            for hatted, plain in (("â", "a"), ("ă", "a"), ("ê", "e"), ("ô", "o")):
                for t in range(1, 6):
                    _raise(self.table.setdefault(S.TONE_ROWS[hatted][t], {}), S.TONE_ROWS[plain][t], math.log(hat_loss))
        for s, v in votes.items():
            self.skeleton[s] = max(v.items(), key=lambda kv: kv[1])[0]
        # multi-character outputs that mostly stand for one letter ('ir' → 'u' for ư, 'rn' → 'm')
        multi: dict[str, dict[str, int]] = {}
        for c, outs in (item for emit in emits for item in emit.items()):
            for s, n in outs.items():
                if len(s) >= 2 and n >= 3:
                    multi.setdefault(s, {}).setdefault(S.fold(c), 0)
                    multi[s][S.fold(c)] += n
        self.multi = sorted(((s, max(v.items(), key=lambda kv: kv[1])[0]) for s, v in multi.items()),
                            key=lambda kv: -len(kv[0]))
        if glyph_prior > 0:
            from .glyphs import SKELETON_VARIANTS, glyph_prior as prior_table

            for c, outs in prior_table(edit_share).items():
                row = self.table.setdefault(c, {})
                if c not in row:  # a character the learned counts never saw: itself as char_logp says
                    row[c] = -0.05
                for s, w in outs.items():
                    _raise(row, s, math.log(glyph_prior * w))
            self.variants = SKELETON_VARIANTS

    @staticmethod
    def _base(c: str, s: str) -> float:
        if s == c:
            return 0.6
        if s == S.fold(c) or s == S.strip_tone(c):
            return 0.2
        return 1e-3

    def char_logp(self, c: str, s: str) -> float:
        row = self.table.get(c)
        if row is not None and s in row:
            return row[s]
        if s == c:
            return -0.05
        if s == S.fold(c) or s == S.strip_tone(c):
            return -2.0
        return UNSEEN * max(1, len(s))  # an unseen output: the longer, the less likely

    def char_bounds(self, c: str) -> tuple[float, float]:
        """Upper bounds of char_logp(c, s): over every s, and over every s other than c."""
        b = self._bounds.get(c)
        if b is None:
            row = self.table.get(c, {})
            other = [v for s, v in row.items() if s != c] + [UNSEEN]
            if any(x != c and x not in row for x in (S.fold(c), S.strip_tone(c))):
                other.append(-2.0)
            same = row.get(c, -0.05)
            b = self._bounds[c] = (max(same, *other), max(other))
        return b

    def upper_bounds(self, ocr: str) -> dict[str, float]:
        """Per truth character, an upper bound of its char_logp term in logp(ocr, ·): a character that
        does not occur in ocr cannot have been written as itself."""
        return _CharBounds(self, set(ocr))

    @lru_cache(maxsize=500_000)
    def logp(self, ocr: str, truth: str) -> float:
        """ln P(ocr | truth) for lowercase strings."""
        return self.logp_uncached(ocr, truth)

    def logp_uncached(self, ocr: str, truth: str) -> float:
        """sum(char_logp(c, s) for c, s in emissions(truth, ocr)), with the alignment inlined and
        char_logp memoized (same values, added in the same order)."""
        n = len(truth)
        out = [""] * n
        ops = Levenshtein.opcodes(truth, ocr).as_list()
        lead = ""
        last = len(ops) - 1
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag == "equal":
                out[i1:i2] = ocr[j1:j2]  # nothing was written to these characters before
            elif tag == "replace":
                for m in range(i2 - i1):
                    out[i1 + m] += ocr[j1 + m]
            elif tag == "insert":
                ins = ocr[j1:j2]
                if k < last and ops[k + 1][0] in ("replace", "delete") and i1 < n:
                    out[i1] = ins + out[i1]
                elif i1 == 0:
                    lead += ins
                else:
                    out[i1 - 1] += ins
        if n and lead:
            out[0] = lead + out[0]
        memo = self._memo
        if len(memo) > 200_000:
            memo.clear()
        total = 0.0
        for cs in zip(truth, out):
            v = memo.get(cs)
            if v is None:
                v = memo[cs] = self.char_logp(*cs)
            total += v
        return total

    def skeleton_of(self, ocr: str) -> str:
        """The accent-free letters a garbled token most likely stands for ('c6ng' → 'cong')."""
        return S.fold("".join(self.skeleton.get(ch, ch) for ch in ocr))

    def skeletons(self, ocr: str) -> set[str]:
        """The skeleton, plus variants with multi-character confusions undone ('thire' → 'thue')."""
        out = {S.fold(ocr), self.skeleton_of(ocr)}
        for s, c in self.multi:
            if s in ocr:
                out.add(self.skeleton_of(ocr.replace(s, c)))
        for pattern, repl in self.variants:
            v = pattern.sub(repl, ocr)
            if v != ocr:
                out.add(self.skeleton_of(v))
        return out


# tones whose mark sits in the same place, so that an engine with no Vietnamese model sees the same glyph: none or
# a dot below (ư / ự), or a mark above (ừ ứ ử ữ)
_TONE_LOOKS = ((0, 5), (1, 2, 3, 4))


def share_tone_outputs(table: dict[str, dict[str, float]], share: float) -> None:
    """Give each toned vowel the unaccented outputs its tone-mates of the same look were learned with, at
    `share` times their probability, where it has them less likely. The counts are thin per tone: Tesseract
    `eng` was seen writing 'ự' as "ur" but never 'ư', so "dur" could only be "dự" and never "dư"."""
    lshare = math.log(share)
    for row in S.TONE_ROWS.values():
        for look in _TONE_LOOKS:
            mates = [row[t] for t in look]
            lent: dict[str, float] = {}
            for c in mates:
                for out, lp in table.get(c, {}).items():
                    if out.isascii() and out != S.fold(c):
                        lent[out] = max(lent.get(out, -math.inf), lp + lshare)
            for c in mates:
                own = table.setdefault(c, {})
                for out, lp in lent.items():
                    _raise(own, out, lp)


def _raise(row: dict[str, float], out: str, lp: float) -> None:
    """Make `out` at least exp(lp) likely in a character's row: merged-in evidence never lowers a learned value."""
    if row.get(out, -math.inf) < lp:
        row[out] = lp


class _CharBounds(dict):
    """character -> upper bound of its char_logp term, filled on first use."""

    def __init__(self, ch: Channel, present: set[str]):
        super().__init__({c: ab[0] if c in present else ab[1] for c, ab in ch._bounds.items()})
        self.ch, self.present = ch, present

    def __missing__(self, c: str) -> float:
        a, d = self.ch.char_bounds(c)
        v = self[c] = a if c in self.present else d
        return v


@lru_cache(maxsize=8)
def load_channel(profile: str, glyph_prior: float = 0.0, edit_share: float = 1.0, tone_share: float = 0.0,
                 layer_weight: float = 0.0, hat_loss: float = 0.0) -> Channel:
    p = model_path(f"channel_{profile}.json")
    layers = json.loads(model_path("channel_layers.json").read_text(encoding="utf-8")) if layer_weight > 0 else None
    return Channel(json.loads(p.read_text(encoding="utf-8")), glyph_prior, edit_share, tone_share, layers, layer_weight,
                   hat_loss)
