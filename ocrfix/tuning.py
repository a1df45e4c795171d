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
    # the same in the eng profile, from the first letter's case only (English-model OCR writes stray capitals
    # inside words: "cAp", "BO")
    case_weight_eng: float = 1.0
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
    # eng channel: share of a toned vowel's learned unaccented outputs lent to its tone-mates of the same look
    # (channel.share_tone_outputs; 0 turns it off). 0, 0.03, 0.1, 0.3 tried, with "ur" for ư and "li" for u in
    # glyphs.py: dev eng OCR CER 1.97 (glyphs off: 1.97) / 1.96 / 1.96 / 1.96 %, dev layers' word F1 OmniPage
    # 71.5 / 70.1 / 71.5 / 71.5, Helvetica 75.3 / 76.5 / 76.5 / 76.5 and 67.6 (glyphs off: 67.0) / 68.3 / 68.3 / 68.5
    tone_share: float = 0.1
    # eng channel: weight of what real English-model scanner layers were seen writing (dictionaries/
    # channel_layers.json, tools/layer_pairs.py: 2,060 token pairs of six pages the engine suite does not score;
    # 0 turns it off). 0, 0.03, 0.1, 0.3, 1 tried: dev Helvetica layers' word F1 76.5 / 82.5 / 82.8 / 83.4 / 84.0
    # and 68.3 / 71.4 / 71.2 / 73.4 / 74.5, OmniPage 71.5 / 70.6 / 69.1 / 69.6 / 68.6, dev Tesseract eng OCR CER
    # 1.93 / 1.97 / 1.97 / 2.02 / 2.00 % (outputs seen once dropped from 0.03 on)
    layer_weight: float = 0.03
    # vie channel: P of a hat lost under a tone mark (ế read é, ố read ó: Tesseract vie on real scans' capitals,
    # "QUYÉT ĐỊNH", "HỘI ĐÒNG"); the learned channel, made on rendered pages, never saw it. 0.01: the vie OCR dev
    # suites unchanged (heavy 19 %, severe 32 % cut); on the 39 real scans (dev, --pages 2) 22 words mended
    # (QUYẾT, ĐỒNG, ĐỐC, ĐIỀU, Số:, để …), none made worse, fields unchanged
    hat_loss_vie: float = 0.01
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
    # (restoration/context.py): successors with ln P(c | a b) >= context_min_lp. eng on: dev eng OCR CER
    # 2.38 → 2.37 %, the five real engine layers' word F1 equal or up 0.2–0.7 points (held-out ones 57.0 → 57.6,
    # 42.9 → 43.6), same time; vie not tried
    context_profiles: tuple[str, ...] = ("eng",)
    context_min_lp: float = -1.6
    # eng profile: ln-score of keeping a capital-and-digit token ("T6", "A4", "S@"; restoration/garble.py) as the
    # code it may be, against the channel's syllables (Tổ, Xã, Sở)
    code_keep: float = -7.0
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


@dataclass(frozen=True)
class OcrTuning:
    """The OCR front end's thresholds (ocrfix/recognition, preprocess.py, handwriting.py). Unless a note says
    otherwise, tuned on benchmarks/ocr.py (synthetic scans), benchmarks/junk.py and the real development set
    (../shared/realscans, benchmarks/real.py); confidences are Tesseract's 0-100."""

    # -- non-text ink (recognition/nontext.py) --
    # leave out what seals, signatures and emblems read as (off: the passes keep all they read)
    filter_junk: bool = True
    # an uncovered region whose ink is this much seal/signature is not read again
    skip_region_share: float = 0.8
    # a component this many text heights long (either way) may be non-text; glyphs and merged words are at most
    # ~1.6 text heights tall (accented capitals)
    nontext_big: float = 3.0
    # ... and at least this many tall: a line of touching bold letters is one text height tall
    nontext_min_height: float = 2.0
    # a component with more of its ink under sure words is text
    nontext_read_share: float = 0.5
    # a component with more of its ink in straight runs of 2 text heights is a rule, box or table
    nontext_line_share: float = 0.5
    # width / height of a seal or an emblem
    nontext_round: tuple[float, float] = (0.7, 1.45)
    # text heights across a seal, at least
    seal_min: float = 4.0
    # a round seal's outer diameter (mm), and the share of angles its ring has ink at: on a 1-bit scan its ring
    # is erased from a signature zone and the lines beside it read again (recognition/seal.py)
    seal_reread: bool = True
    seal_diameter_mm: tuple[float, float] = (30.0, 50.0)
    seal_ring_coverage: float = 0.85
    # ink share of a QR code's box
    qr_fill: tuple[float, float] = (0.3, 0.75)
    # mean ink/paper changes per row of a QR code's box, at least
    qr_transitions: float = 8.0
    # a crop's word read this surely, text-sized and reading as language, stays even on non-text ink
    junk_sure: float = 85.0
    # a word whose ink is this much non-text component ink lies on a signature (or seal)
    on_ink_share: float = 0.3
    # a short first-pass non-word on non-text read with less confidence is dropped (dropping more: 'mạfg',
    # 'hoán' under a signature at 1-19 % raised the seal level's CER from 2.05 to 2.63 % on one page)
    junk_unsure: float = 30.0
    # word height / page text height of a printed word
    word_height_range: tuple[float, float] = (0.45, 1.9)
    # a received ("ĐẾN") stamp, in text heights: the 9 on page 1 of the real 1-bit VGP scans are 11-19 wide and
    # 4.6-8.1 tall (with a "HỎA TỐC" stamp touching it); no other component of a first or last page of the real set
    # (benchmarks/junk.py pages) is of that size with a frame and leaders
    stamp_width: tuple[float, float] = (8.0, 22.0)
    stamp_height: tuple[float, float] = (3.5, 9.0)
    # share of its ink in straight runs (the frame): 0.18-0.63 on those 9 stamps, 0.0 on the signatures of that size
    stamp_line_share: float = 0.15
    # a line's word in a stamp's box is the line's when at most this many text heights from the line's next word
    # outside it (or one already taken): 'Về dự' before 'án Luật' at 0.3 on cp_nq_320; the stamp's own words beside
    # a title ('… CHÍNH PHỦ' before 'QUYẾT ĐỊNH') are 7 and more away
    stamp_text_gap: float = 1.2
    # a word read into a stamp that reaches this many text heights out of its box is read again past the frame
    # (ubqgnct_qd_143: 'ÁblAol4O2S...dủa', the stamp's date glued to 'của', 1.2 text heights out)
    stamp_word_past: float = 0.5
    # dots in its longest leader row: 7-37 on the 9 stamps; non-stamps of stamp size 2-10 (but frameless)
    stamp_leader_dots: int = 6
    # a dot of a leader is at most this many text heights across
    dot_size: float = 0.3
    # a word read unsurely (under junk_unsure) whose ink is all dots, at least this many in a row and this share of
    # its ink, is a printed dot leader ('Sửa: ……' read '18012008190083i80364' at 0 %): its text is its dots.
    # Vpubndld_phieutrinh's 14 leader words: 3-62 dots, share 1.0; the page's other unsure words: share <= 0.12
    leader_min_dots: int = 3
    leader_share: float = 0.9

    # -- lost-text recovery (recognition/recovery.py) --
    # words a recovery crop reads with less are dropped
    recovered_min_confidence: float = 30.0
    # px of page around an uncovered region in its crop
    recovery_margin: int = 10
    # an uncovered ink region smaller than this share of the page is not read again
    recovery_min_area: float = 0.002
    # ... unless it is one text line high (these many text heights, the dilated blob): then this share is enough
    # ('Mai Sơn' alone under a signature, 0.0017 of a 200 dpi page, was never read again)
    recovery_line_area: float = 0.0008
    recovery_line_height: tuple[float, float] = (0.8, 2.0)

    # -- two-column pass (recognition/columns.py) --
    # of the page width: a space between two words this wide is a column gap
    column_gap: float = 0.06
    # a first-pass word no crop read again stays when at least this sure ('QHQT;' at 49 %)
    lost_word_min: float = 45.0
    # a crop line with a lower mean confidence is debris (rules, seal and signature strokes)
    crop_min_confidence: float = 55.0

    # -- second look and specks (recognition/second_look.py) --
    # words read with less confidence get a second look
    doubtful: float = 80.0
    # and a second reading replaces them only with at least this confidence
    second_look_min: float = 80.0
    # confidence points another reading of a word must lead by to replace it (fields benchmark's bottom blocks:
    # 15 kept "CT;" at 81 over "CT," at 91)
    surer_by: float = 5.0
    # a reading that differs only in tone must be far surer ('thẩm' read 'thấm' at 85 % without its line)
    tone_surer_by: float = 20.0
    # a page with more unsure words than this share reads badly as a whole (turned, or not text): no second look
    max_doubtful_share: float = 0.3
    # of the median word height, in both directions: a speck
    speck_size: float = 0.5
    # a speck read with less confidence is dropped ('đt', a 2 x 9 px box at 18 % in a Nơi nhận item)
    speck_confidence: float = 50.0
    # words at least this sure give the page's text height
    text_height_confidence: float = 80.0

    # -- orientation (recognition/orientation.py) --
    # long side (px) of the image given to Tesseract's OSD (severe level of benchmarks/ocr.py: CER 2 % → 40 %
    # without)
    osd_size: int = 2400
    # turn a page only when OSD is at least this confident (upright pages seen at 2.9)
    osd_min_conf: float = 3.0

    # -- preprocessing (preprocess.py) --
    # the color step: a pixel this saturated (HSV) is coloured ink, whitened when brighter than `color_bright`
    color_saturation: int = 60
    color_bright: int = 140
    # skews under this many degrees are left alone; below `deskew_low_dpi` only from `deskew_min_low_dpi` (a
    # 0.2-0.6° correction at 100 dpi raised CER from 2.1 % to 3.2 %)
    deskew_min: float = 0.1
    deskew_min_low_dpi: float = 0.8
    deskew_low_dpi: int = 150
    # the upscale step's goal
    target_dpi: int = 300
    # the page as written: coloured ink is told from black print by its chroma (max - min channel); measured on
    # bca_cv_4409 (250 dpi): blue handwriting 111-189 (10th-90th pct), print 3-20, its blue-tinted paper 30-69
    ink_min_chroma: int = 60
    # coloured pixels lighter than this are tinted paper (bca_cv_4409 paper: 230)
    ink_max_luma: int = 170
    # of the page height: a cluster taller than this is a seal, signature or stamp (handwritten numbers in the real
    # colour scans are 0.015-0.03 page heights, seals and "ĐẾN" stamps 0.07-0.15)
    mark_max_height: float = 0.05
    # of the page width
    mark_max_width: float = 0.25

    # -- handwritten numbers and days (handwriting.py) --
    # the number and date lines lie in the top part of page 1 (Decree 30 header)
    header_share: float = 0.45
    # first-pass digits in a blank at least this sure are printed, kept as they are
    printed_min_conf: float = 85.0
    # agreeing digit readings less sure than this are not reported (real set, number and day blanks of 28
    # headers: at >= 60 % 5 right, 1 wrong; below, 2 right, 3 wrong: '165' for 2165, '04' for 6, '390' for 3980)
    hw_min_conf: float = 60.0
    # the handwritten-digit classifier's reading (digits.py) is taken when its least sure digit is at least this
    # sure (real set, the 40 number/day/month blanks of 28 headers: at >= 90 %, 15 right, 0 wrong; at >= 85 %, 16
    # right, 1 wrong: '25557' for a flagged 1 of 15557)
    hw_digit_conf: float = 90.0
    # psm 7 with the digit whitelist read 9 of 30 handwritten blanks of the real set right with eng, 3 with vie
    digits_lang: str = "eng"
    # share of dark pixels a blank must have to hold anything written
    hw_ink_min: float = 0.004
    # px: the second digit reading's digit height (Tesseract reads glyphs of 30-50 px best)
    vote_height: int = 48


DEFAULT_RESTORE = RestoreTuning()
DEFAULT_LAYOUT = LayoutTuning()
DEFAULT_OCR = OcrTuning()
