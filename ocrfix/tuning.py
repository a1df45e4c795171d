"""Tuned thresholds, in one place: frozen values carried by `Config`, each with the evidence it was tuned on.

Tests and benchmarks set a value with `dataclasses.replace(RestoreTuning(), lexicon_bonus=0.0)` instead of
patching module globals. A batch's resume key includes these values (through `Config.fingerprint`), so a
changed threshold redoes the outputs it affects.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RestoreTuning:
    """The restorer's weights; all tuned on the corpus dev split (dictionaries/SPLIT.md)."""

    # ln bonus when two adjacent syllables form a word of the lexicon or a place name
    lexicon_bonus: float = 1.0
    # weight of ln P(case | syllable) in the plain profile (0.5, 1, 1.5, 2 tried; 1 best)
    case_weight: float = 1.0
    # extra ln-odds for keeping a capitalised word inside a sentence (vie profile: names, initials)
    name_keep_bonus: float = 3.0
    # the same for a capitalised word the LM never saw, next to another capitalised one (a rare name: "Hồ Đức
    # Phớc" was made "Phúc" at 3.0); with it the new documents' clean text, dev part, 58 → 53 changed tokens of
    # 93,287 (benchmarks/restore.py --only more); the vie OCR dev suite unchanged
    name_run_bonus: float = 6.0
    # tonings per accent-free form (12 dropped "dối", 14th of "doi"; dev admin 99.38 → 99.41 %)
    max_tonings: int = 16
    # drop tonings rarer than this share of their group's most frequent one (lattice size)
    min_toning_share: float = 0.002
    # channel candidates per garbled token (8 → 12: dev eng OCR syllables 96.4 → 97.1 %, 19 % slower)
    channel_candidates: int = 12
    # scale of the channel's ln P against the LM, per profile
    channel_weight_eng: float = 1.0
    channel_weight_vie: float = 1.5
    # P of each generic glyph-shape confusion of other engines (restoration/glyphs.py) in the eng channel,
    # where the learned Tesseract channel has it less likely; 0 turns the table off (0, 0.002, 0.005, 0.01,
    # 0.03 tried: dev layers' word F1 OmniPage 54.0 / 58.4 / 63.7 / 65.2 / 65.7 %, the Helvetica layers best
    # at 0.002–0.01; the Tesseract eng dev suite unchanged at 0.01)
    glyph_prior: float = 0.01
    # share of that for a letter dropped or doubled (1, 0.3, 0.1, 0.03 tried on the dev layers of
    # benchmarks/restore.py: OmniPage word F1 69.1 / 63.3 / 62.3 / 62.3 %, the others within 0.6 points)
    glyph_edit_share: float = 1.0
    # vie profile, per OCR word (Word.confidence, 0-100): the channel scores of a word read under
    # `unsure_confidence` are scaled by `unsure_channel_scale` (a wider channel), of one read at or above
    # `sure_confidence` by `sure_channel_scale` (a narrower one). Measured on the new documents' vie OCR,
    # dev part (benchmarks/restore.py more-ocr, heavy / severe): syllable acc. 99.69 / 99.06 % without;
    # under 90 scaled 0.7, 0.5, 0.3: 99.71 / 99.20, 99.74 / 99.22, 99.74 / 99.20 %; under 80 at 0.5:
    # 99.71 / 99.09 %; 95 and over scaled 1.3: 99.69 / 99.07 % (so 1.0 kept)
    unsure_confidence: float = 90.0
    unsure_channel_scale: float = 0.5
    sure_confidence: float = 95.0
    sure_channel_scale: float = 1.0
    # OCR profiles whose garbled words also get what their decoded left context strongly expects
    # (restoration/context.py): successors with ln P(c | a b) >= context_min_lp
    context_profiles: tuple[str, ...] = ()
    context_min_lp: float = -1.6
    # weight of the unigram prior when pruning channel candidates before decoding
    prior_weight: float = 0.3
    # per OCR word (the text that layout and fields read): a capitalised word OCR read at least this surely
    # keeps its reading where restoration changed more than its tone ('Phớc' → 'Phúc'), and where it
    # changed the tone with less than `sure_change` confidence ('Ban PC-CT' made 'Bản' at 0.69)
    keep_read_confidence: float = 90.0
    sure_change: float = 0.9

    def channel_weight(self, profile: str) -> float:
        return self.channel_weight_vie if profile == "vie" else self.channel_weight_eng


@dataclass(frozen=True)
class LayoutTuning:
    """Page layout from word boxes (ocrfix/layout); tuned on the end-to-end fields benchmark (52 dev documents)."""

    # a gap this wide (share of the page width) with its midpoint in the central half splits a row into two
    # columns (the Decree-30 header and bottom blocks)
    column_gap: float = 0.03
    # a signature-column word read under this confidence is seal or signature debris
    seal_debris_confidence: float = 50.0
    # titles and names are read at least this surely: a lone short word below it, or a doubtful word twice
    # the text's height, is debris ('MÃ' at 72 %, 'LAN' at 55 % over seal strokes)
    sure_word_confidence: float = 85.0
    # a name word the handwritten signature crosses still counts from this confidence ('Trần' at 46 %)
    name_under_ink_confidence: float = 30.0
    # a Nơi nhận row whose mean word confidence is under this was not readable (lines merged under the seal)
    garbled_row_confidence: float = 40.0


DEFAULT_RESTORE = RestoreTuning()
DEFAULT_LAYOUT = LayoutTuning()
