"""The invisible text layer's font: a glyphless TrueType font embedded as Type0/CIDFontType2.

Like Tesseract's and OCRmyPDF's text layers, every character code is drawn with one empty glyph, so the font
program is a few hundred bytes whatever the text. Character codes are two-byte Unicode code points (Identity-H
encoding, CID = code point, every CID mapped to glyph 1), and the ToUnicode CMap maps each code back to
itself: every Vietnamese precomposed letter (U+1EA0–U+1EF9, Đ đ Ơ ơ Ư ư …) extracts as itself, NFC in, NFC out.
"""
from __future__ import annotations

import io
import zlib
from functools import lru_cache

import pikepdf

GLYPH_ADVANCE = 500  # advance of the one glyph, in 1/1000 em (the text layer's Tz stretches it per word)
UNITS_PER_EM = 1000
ASCENT, DESCENT = 800, -200  # the layer puts the baseline 20 % of the line height above its bottom
FONT_NAME = "OcrfixGlyphLess"
MAX_CODE = 0xFFFF  # Identity-H codes are two bytes: characters above the BMP are written as U+FFFD


@lru_cache(maxsize=1)
def glyphless_truetype() -> bytes:
    """A TrueType program with .notdef and one empty glyph of GLYPH_ADVANCE units."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    fb = FontBuilder(UNITS_PER_EM, isTTF=True)
    names = [".notdef", "blank"]
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({0x20: "blank"})
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({n: empty for n in names})
    fb.setupHorizontalMetrics({n: (GLYPH_ADVANCE, 0) for n in names})
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    fb.setupNameTable({"familyName": FONT_NAME, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, usWinAscent=ASCENT, usWinDescent=-DESCENT)
    fb.setupPost()
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def to_unicode_cmap() -> bytes:
    """ToUnicode CMap: each two-byte code is its own code point (one bfrange per high byte, no surrogates)."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    ranges[0] = "<0001> <00FF> <0001>"  # code 0 is never written (it would select .notdef)
    blocks = []
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def cid_to_gid_map() -> bytes:
    """Every CID but 0 → glyph 1."""
    return b"\x00\x00" + b"\x00\x01" * MAX_CODE


def make_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The Type0 font dictionary, as an indirect object of `pdf` (make it once per output file)."""
    program = glyphless_truetype()
    font_file = pdf.make_stream(zlib.compress(program, 9), Filter=pikepdf.Name.FlateDecode, Length1=len(program))
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + FONT_NAME), Flags=4,
        FontBBox=[0, DESCENT, GLYPH_ADVANCE, ASCENT], ItalicAngle=0, Ascent=ASCENT, Descent=DESCENT,
        CapHeight=ASCENT, StemV=80, FontFile2=font_file,
    ))
    gid_map = pdf.make_stream(zlib.compress(cid_to_gid_map(), 9), Filter=pikepdf.Name.FlateDecode)
    cidfont = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=pikepdf.Name("/" + FONT_NAME),
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"),
                                         Supplement=0),
        FontDescriptor=descriptor, DW=GLYPH_ADVANCE, CIDToGIDMap=gid_map,
    ))
    to_unicode = pdf.make_stream(zlib.compress(to_unicode_cmap(), 9), Filter=pikepdf.Name.FlateDecode)
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/" + FONT_NAME),
        Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=[cidfont], ToUnicode=to_unicode,
    ))


def encode(text: str) -> bytes:
    """Two-byte codes of `text` (characters above the BMP, and NUL, become U+FFFD)."""
    out = bytearray()
    for ch in text:
        cp = ord(ch)
        if cp > MAX_CODE or cp == 0 or 0xD800 <= cp <= 0xDFFF:
            cp = 0xFFFD
        out += cp.to_bytes(2, "big")
    return bytes(out)
