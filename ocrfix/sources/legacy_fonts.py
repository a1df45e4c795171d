"""Legacy Vietnamese font encodings → Unicode: TCVN3 (ABC, the `.VnTime` family) and VNI (`VNI-Times`).

Text drawn with these fonts is stored as Latin-1/WinAnsi bytes that the font draws as Vietnamese letters, so
a PDF text layer extracts as "céng hoµ x· héi chñ nghÜa" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI). The tables
are ours, checked against glibc's TCVN5712-1 charmap (whose 0xA1–0xFE lower case is TCVN3's) and against the
proofread transcripts of five real TCVN3 PDFs (tests/test_text_layer.py). TCVN3 has no upper-case toned
letters: headings use a companion font (`.VnTimeH`) that draws capitals for the lower-case bytes, so the case
comes from the font name."""
from __future__ import annotations

import re
import unicodedata

# -- TCVN3 (ABC) ---------------------------------------------------------------------------------
# byte (as the WinAnsi/Latin-1 character a PDF extracts) → Unicode
_TCVN3_RUNS = (  # (first byte, the letters of the consecutive bytes from it)
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"), (0xB5, "àảãáạ"), (0xBB, "ằẳẵắ"), (0xC6, "ặầẩẫấậ"), (0xCC, "è"),
    (0xCE, "ẻẽéẹềểễếệìỉ"), (0xDC, "ĩíịò"), (0xE1, "ỏõóọồổỗốộờởỡớợù"), (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)
_TCVN3_BYTES = {first + k: u for first, letters in _TCVN3_RUNS for k, u in enumerate(letters)}
_TCVN3 = {chr(b): u for b, u in _TCVN3_BYTES.items()}
# the same bytes as PDF text extraction reports them through WinAnsi glyph names (real files: 0xAD comes out
# as U+2212 MINUS, 0xB7 as U+2219 BULLET OPERATOR; cp1252 puts other characters at 0x80–0x9F, unused here)
_TCVN3.update({"\u2212": "ư", "\u2219": "ã"})
TCVN3_TABLE = str.maketrans(_TCVN3)

# -- VNI -----------------------------------------------------------------------------------------
# VNI writes a base letter followed by a mark character; a few letters are single characters.
_VNI_SINGLE = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
               "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ",
               "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ"}
# mark character → (shape added to the base: "" | "^" | "(", tone 0–5: none, huyền, sắc, hỏi, ngã, nặng)
_VNI_MARK = {"ø": ("", 1), "ù": ("", 2), "û": ("", 3), "õ": ("", 4), "ï": ("", 5),
             "â": ("^", 0), "à": ("^", 1), "á": ("^", 2), "å": ("^", 3), "ã": ("^", 4), "ä": ("^", 5),
             "ê": ("(", 0), "è": ("(", 1), "é": ("(", 2), "ú": ("(", 3), "ü": ("(", 4), "ë": ("(", 5)}
_VNI_MARK.update({k.upper(): v for k, v in list(_VNI_MARK.items())})
_SHAPE = {("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("a", "("): "ă"}
_TONE_MARK = {1: "\u0300", 2: "\u0301", 3: "\u0309", 4: "\u0303", 5: "\u0323"}
_VNI_BASES = "aeiouyơưAEIOUYƠƯ"


def _vni_letter(base: str, mark: str) -> str | None:
    shape, tone = _VNI_MARK[mark]
    low = base.lower()
    if shape:
        shaped = _SHAPE.get((low, shape))
        if shaped is None:
            return None
        base = shaped.upper() if base.isupper() else shaped
    out = base + _TONE_MARK.get(tone, "")
    return unicodedata.normalize("NFC", out)


def vni_to_unicode(text: str) -> str:
    """Decode VNI text: single letters (ô → ơ, ö → ư, ñ → đ, …) then base + mark pairs."""
    out: list[str] = []
    for ch in text:
        if ch in _VNI_MARK and out and out[-1] and out[-1][-1] in _VNI_BASES:
            prev = out[-1]
            # a mark after a shaped vowel already decoded (ơ, ư) adds only the tone
            letter = _vni_letter(prev, ch) if prev in "aeiouyAEIOUY" else None
            if letter is None and prev in "ơưƠƯ" and not _VNI_MARK[ch][0]:
                letter = unicodedata.normalize("NFC", prev + _TONE_MARK.get(_VNI_MARK[ch][1], ""))
            if letter is not None:
                out[-1] = letter
                continue
        out.append(_VNI_SINGLE.get(ch, ch))
    return "".join(out)


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    """Decode TCVN3 text; `upper` for the capital-drawing fonts (.VnTimeH), which are fed lower-case bytes."""
    out = unicodedata.normalize("NFC", text.translate(TCVN3_TABLE))
    return out.upper() if upper else out


# -- font names ----------------------------------------------------------------------------------
_SUBSET = re.compile(r"^/?[A-Z]{6}\+")
_STYLE = re.compile(r"(?:[,-]?(?:Bold|Italic|Oblique|Regular|Normal|BoldItalic))+$", re.I)
_TCVN3_FONT = re.compile(r"^\.?Vn[A-Z0-9]", re.I)  # .VnTime, VnTimeH, .Vn3DH, .VnArial
_VNI_FONT = re.compile(r"^VNI[-_ ]", re.I)  # VNI-Times, VNI-Helve
_VPS_FONT = re.compile(r"^VPS", re.I)  # VPS Times: another 8-bit encoding, no table here

TCVN3, VNI, VPS = "tcvn3", "vni", "vps"


def base_font_name(name: str) -> str:
    """'/CCBOFB+.VnTime,Bold' → '.VnTime'."""
    return _STYLE.sub("", _SUBSET.sub("", name.lstrip("/"))).strip()


def font_encoding(name: str) -> str | None:
    """The legacy encoding a font name says, or None for an ordinary (Unicode or Latin) font."""
    base = base_font_name(name)
    if _VNI_FONT.match(base):
        return VNI
    if _VPS_FONT.match(base):
        return VPS
    if _TCVN3_FONT.match(base) and not base.lower().startswith(("vni", "vnu")):
        return TCVN3
    return None


def is_capital_font(name: str) -> bool:
    """TCVN3 capital fonts end in H: .VnTimeH, VnTimeHBold, .Vn3DH, .VnArialH."""
    return font_encoding(name) == TCVN3 and base_font_name(name).endswith("H")


def decode_run(text: str, font_name: str) -> str:
    """A text run decoded by its font's legacy encoding; ordinary fonts and VPS are returned unchanged."""
    enc = font_encoding(font_name)
    if enc == TCVN3:
        return tcvn3_to_unicode(text, upper=is_capital_font(font_name))
    if enc == VNI:
        return unicodedata.normalize("NFC", vni_to_unicode(text))
    return text
