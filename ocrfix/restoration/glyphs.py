"""Glyph-shape confusions of OCR engines other than Tesseract, as a prior for the `eng` channel.

The learned channels (tools/channel.py) know what Tesseract `eng` and `vie` write. Other engines and old
English-model layers write what a letter looks like in other ways: 'ư' as "ir"/"ü"/"tr", 'ơ' as "o'"/"6",
'ă' as "ä"/"4", 'đ' as "d"/"b"/"p", a dot below as "q" or "j" ("NQi" for Nội, "vij" for vụ), 'ủ' as "ii",
'm' as "rn", digits for letters (5 for ố, 1 for l/i, 0 for o/ơ: "101" for lời), letters doubled or dropped.
The table is generic — by letter shape, not by word — and is merged into the eng channel when it is loaded
(channel.Channel, weight RestoreTuning.glyph_prior)."""
from __future__ import annotations

import re
import string
import unicodedata

from . import syllables as S

# base letter (tone and dot aside) → what it may look like to another engine
_BY_SHAPE: dict[str, tuple[str, ...]] = {
    "ư": ("u", "ir", "ur", "ü", "ú", "ù", "tr", "ri", "u'", "w"),
    "ơ": ("o", "o'", "6", "0", "ó", "ò", "ö", "d"),
    "ô": ("o", "6", "0", "ó", "ò", "ö", "d"),
    "ă": ("a", "ä", "4", "á", "à", "â"),
    "â": ("a", "ä", "4", "á", "à"),
    "ê": ("e", "é", "è", "€", "ë"),
    "đ": ("d", "b", "p", "ð", "4"),
    "u": ("ü", "ii", "ij", "li", "ú", "ù"),
    "o": ("0", "ó", "ò", "ö", "6"),
    "a": ("ä", "á", "à", "4"),
    "e": ("é", "è", "ë"),
    "i": ("1", "l", "j", "í", "ì", "!"),
    "l": ("1", "i", "!"),
    "y": ("ý", "ỳ"),
    "m": ("rn", "nn"),
    "n": ("m",),
    "c": ("¢", "e"),
}
# a dot below read as a stroke: ọ/ộ/ợ as "q", ụ/ị as "j" or "ij"
_DOT_BELOW = {"o": ("q",), "ô": ("q",), "ơ": ("q",), "u": ("j", "ij"), "ư": ("j", "ij"), "i": ("j",)}
# the tone marks of an engine with no Vietnamese model fall on the nearest Latin-1 letter: ố read as "5", "6"
_TONED = {"ố": ("5", "6"), "ồ": ("6",), "ổ": ("6",), "ở": ("&", "6"), "ờ": ("0", "6"), "ớ": ("6", "0")}
# old English-model layers (Helvetica-encoded) write any marked vowel as a digit of its shape: "b6o c6o" for
# báo cáo, "s5" for số, "nh4n" for nhận
_MARKED_DIGITS = {"a": ("6", "4"), "e": ("6", "5"), "o": ("6", "5", "0"), "u": (), "i": (), "y": ()}

# strings inside a token that stand for one plain letter: variants of the token's skeleton are made with
# them undone, so that candidates are looked up near the right letters (channel.Channel.skeletons)
SKELETON_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"ir|ii|ij|li|ü", "u"), (r"rn", "m"), (r"mg", "ng"), (r"q(?!u)", "o"), (r"j", "i"), (r"1", "l"),
        (r"1", "i"), (r"0", "o"), (r"[56]", "o"), (r"4", "a"), (r"ä", "a"), (r"¢", "c"), (r"(.)\1", r"\1"),
    ))


def glyph_prior(edit_share: float = 1.0) -> dict[str, dict[str, float]]:
    """Truth character → {string another engine may write for it: relative weight} (itself excluded); a
    letter dropped or doubled weighs `edit_share`, a shape confusion 1."""
    out: dict[str, dict[str, float]] = {}
    letters = set(string.ascii_lowercase) | {c for c in S.LETTERS.lower() if c.isalpha() and not c.isascii()}
    for c in sorted(letters):
        base = S.strip_tone(c)
        outs = set(_BY_SHAPE.get(base, ()))
        if _has_dot_below(c):
            outs |= set(_DOT_BELOW.get(base, ()))
        outs |= set(_TONED.get(c, ()))
        if c != S.fold(c) and S.fold(c) in _MARKED_DIGITS:  # a marked vowel as a digit ("b6o c6o" báo cáo)
            outs |= set(_MARKED_DIGITS[S.fold(c)])
        outs.discard(c)
        row = dict.fromkeys(outs, 1.0)
        for s in (c + c, ""):  # doubled ("ciia", "Liien"), dropped ("Hnh", "Dng")
            row.setdefault(s, edit_share)
        out[c] = row
    return out


def _has_dot_below(c: str) -> bool:
    return "\u0323" in unicodedata.normalize("NFD", c)
