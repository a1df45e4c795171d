"""Vietnamese spelling: letters, tones, syllable structure and tone placement. Pure functions.

>>> split_tone("thực")
('thưc', 5)
>>> place_tone("hoa", 2), place_tone("hoa", 2, style="new")
('hòa', 'hoà')
>>> fold("Quyết định")
'quyet dinh'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# tone 0 none, 1 sắc (acute), 2 huyền (grave), 3 hỏi (hook), 4 ngã (tilde), 5 nặng (dot)
_TABLE = {
    "a": "aáàảãạ", "ă": "ăắằẳẵặ", "â": "âấầẩẫậ", "e": "eéèẻẽẹ", "ê": "êếềểễệ",
    "i": "iíìỉĩị", "o": "oóòỏõọ", "ô": "ôốồổỗộ", "ơ": "ơớờởỡợ", "u": "uúùủũụ",
    "ư": "ưứừửữự", "y": "yýỳỷỹỵ",
}
TONE_ROWS = _TABLE  # base vowel -> its six tonings, in tone order
TONED = {}  # toned vowel -> (base vowel, tone)
for _base, _row in _TABLE.items():
    for _t, _ch in enumerate(_row):
        TONED[_ch] = (_base, _t)
        TONED[_ch.upper()] = (_base.upper(), _t)
VOWELS = set(TONED)
_PLAIN = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}
_FOLD = {}
for _ch, (_b, _t) in TONED.items():
    low = _b.lower()
    f = _PLAIN.get(low, low)
    _FOLD[_ch] = f.upper() if _b.isupper() else f
_FOLD.update({"đ": "d", "Đ": "D"})
_FOLD_TRANS = str.maketrans(_FOLD)
_STRIP_TONE_TRANS = str.maketrans({ch: b for ch, (b, t) in TONED.items() if t})

LETTERS = "a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ" \
          "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
CODAS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")
STOP_CODAS = ("c", "ch", "p", "t")
_SYL_RE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ng|nh|ch|[cmnpt])?$"
)


def fold(s: str) -> str:
    """Remove every diacritic (tones, vowel marks, đ→d) and lowercase."""
    return s.translate(_FOLD_TRANS).lower()


def fold_keep_case(s: str) -> str:
    return s.translate(_FOLD_TRANS)


def strip_tone(s: str) -> str:
    """Remove tone marks only (keeps ă â ê ô ơ ư đ)."""
    return s.translate(_STRIP_TONE_TRANS)


def has_marks(s: str) -> bool:
    return fold_keep_case(s) != s


def split_tone(syl: str) -> tuple[str, int]:
    """('thưc', 5) for 'thực'. The tone of a syllable with several tone marks is the last one."""
    tone = 0
    out = []
    for ch in syl:
        if ch in TONED:
            b, t = TONED[ch]
            if t:
                tone = t
            out.append(b)
        else:
            out.append(ch)
    return "".join(out), tone


def parse(base: str) -> tuple[str, str, str] | None:
    """(onset, vowels, coda) of a toneless lowercase syllable, or None if it is not Vietnamese-shaped."""
    m = _SYL_RE.match(base)
    if not m:
        return None
    onset, vowels, coda = m.group(1) or "", m.group(2), m.group(3) or ""
    if onset == "gi" and not vowels:
        return None
    return onset, vowels, coda


def _tone_index(onset: str, vowels: str, coda: str, style: str) -> int:
    """Index (within `vowels`) of the vowel that carries the tone mark."""
    n = len(vowels)
    if n == 1:
        return 0
    for i in range(n - 1, -1, -1):  # a vowel with its own mark takes the tone (ươ → ơ)
        if vowels[i] in "ăâêôơư":
            if vowels[i] == "ư" and i + 1 < n and vowels[i + 1] == "ơ":
                return i + 1
            return i
    if coda:
        return n - 1
    if n == 3:
        return 1
    # open two-vowel rhymes: oa, oe, uy (after a consonant) take it on the second vowel in the "new" style
    if style == "new" and vowels in ("oa", "oe", "uy"):
        return 1
    if vowels in ("ia", "ua", "ưa") and onset not in ("q", "gi"):
        return 0
    return 0


def place_tone(base: str, tone: int, style: str = "old") -> str:
    """Put `tone` on the right vowel of a toneless lowercase syllable ('hoa', 2 → 'hòa')."""
    if tone == 0:
        return base
    p = parse(base)
    if p is None:  # not a syllable shape: put it on the last vowel
        idx = max((i for i, ch in enumerate(base) if ch in _TABLE), default=-1)
        if idx < 0:
            return base
        return base[:idx] + _TABLE[base[idx]][tone] + base[idx + 1:]
    onset, vowels, coda = p
    i = len(onset) + _tone_index(onset, vowels, coda, style)
    return base[:i] + _TABLE[base[i]][tone] + base[i + 1:]


def is_syllable(token: str) -> bool:
    """Whether a lowercase token is a well-formed Vietnamese syllable (tone rules included)."""
    base, tone = split_tone(token)
    p = parse(base)
    if p is None:
        return False
    onset, vowels, coda = p
    if coda in STOP_CODAS and tone not in (1, 5):
        return False
    return True


@lru_cache(maxsize=200_000)
def normalize_tone_placement(syl: str, style: str = "old") -> str:
    """'hoà' → 'hòa' (old) or 'hòa' → 'hoà' (new); other syllables unchanged. Lowercase input."""
    base, tone = split_tone(syl)
    if tone == 0 or parse(base) is None:
        return syl
    return place_tone(base, tone, style)


def apply_case(pattern: str, word: str) -> str:
    """Copy the case of `pattern` onto `word` (same length: diacritics never change length in NFC)."""
    if pattern.islower():
        return word
    if pattern.isupper() and sum(c.isalpha() for c in pattern) > 1:  # 'S&' (for 'Sở') is one capital, not caps
        return word.upper()
    if len(pattern) == len(word):
        return "".join(w.upper() if p.isupper() else w for p, w in zip(pattern, word))
    return word[:1].upper() + word[1:] if pattern[:1].isupper() else word


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)
