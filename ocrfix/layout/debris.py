"""Ink read as words that is no text: seal and signature strokes in the signature column, unreadable rows."""
from __future__ import annotations

import re

from ..document import Word
from ..tuning import DEFAULT_LAYOUT, LayoutTuning
from ..vntext import NAME_WORD_RE, SURNAMES


def seal_debris(w: Word, line_h: float, t: LayoutTuning = DEFAULT_LAYOUT) -> bool:
    """A word of the signature column that OCR made of the seal or the handwritten signature: no letter or
    digit at all, read unsure, or doubtful and twice as tall as the page's words. Titles and names are read
    surely (a title word the seal crosses comes back tall but sure)."""
    if not any(c.isalnum() for c in w.text):
        return True
    return w.confidence < t.seal_debris_confidence or (w.box[3] > 2 * line_h and w.confidence < t.sure_word_confidence)


def _name_word_under_ink(w: Word, names: list[Word], line_h: float, t: LayoutTuning) -> bool:
    """A word of the signer's name that the handwritten signature crosses: read unsure but shaped like a
    name word, of the text's height, beside other name words read surely."""
    return w.confidence >= t.name_under_ink_confidence and bool(NAME_WORD_RE.fullmatch(w.text)) and \
        w.box[3] <= 1.5 * line_h and any(o is not w for o in names)


# the authority opening a signature block's first line, alone or glued to the post or body after it ('T/MỦY')
_AUTHORITY_RE = re.compile(r"(?:T/M|K/T|TM\.|KT\.|TL\.|TUQ\.|Q\.)(?:[A-ZĐÀ-Ỹ]+)?")


def _authority_word(w: Word, row: list[Word], line_h: float, t: LayoutTuning) -> bool:
    """The authority opening the block's first line, read unsure where the seal's ring or the signature's ink
    crosses it ('T/MỦY' at 37 %, random layouts, dev: 'TM. ỦY BAN NHÂN DÂN' / 'CHỦ TỊCH' lost its 'TM.'):
    the row's first word, of the text's height, in the form of an authority."""
    return w is row[0] and w.confidence >= t.name_under_ink_confidence and w.box[3] <= 2 * line_h and \
        bool(_AUTHORITY_RE.fullmatch(w.text))


# words of a signer's post that no seal prints (a seal prints the body's name: 'ỦY BAN NHÂN DÂN', 'BỘ …', 'SỞ …')
_POST_WORDS = frozenset("PHÓ TRƯỞNG CHỦ TỊCH GIÁM ĐỐC THỨ THỦ TƯỚNG NHIỆM".split())


def _post_word_under_ink(w: Word, row: list[Word], line_h: float, t: LayoutTuning) -> bool:
    """A word of the signer's post in a row of the block's title, read unsure or tall where the seal or the
    signature's strokes touch it ('._.PHÓ' at 50 % before 'CHỦ TỊCH'; 'TRƯỞNG' at 79 %, 48 px tall for 20 px
    text, after 'THỨ'; random layouts, dev, 150 dpi): a post word (after specks), not taller than the row's
    sure words allow, beside a post word read surely."""
    core = w.text.lstrip("._-,'`’:;|/\\~")
    if core not in _POST_WORDS:
        return False
    if core == "PHÓ" and w is row[0] and len(row) > 1 and row[1].text in _POST_WORDS and \
            row[1].confidence >= t.sure_word_confidence and 0 <= row[1].box[0] - (w.box[0] + w.box[2]) <= line_h:
        return True  # a deputy's 'PHÓ' the strokes cross, at any confidence ('..PHÓ' at 29 %) right before its post
    if w.confidence < t.name_under_ink_confidence:
        return False
    sure = [o for o in row if o is not w and o.confidence >= t.sure_word_confidence and _post_word(o.text)]
    return bool(sure) and w.box[3] <= max(1.2 * max(o.box[3] for o in sure), 2 * line_h)


def _post_word(text: str) -> bool:
    """A post word read with a speck after it ('PHÓ.' before 'TRƯỞNG BAN', random layouts, dev, 150 dpi)."""
    return text in _POST_WORDS or text.rstrip(".,:;") in _POST_WORDS


def _surname_under_ink(w: Word, row: list[Word], names: list[Word], line_h: float) -> bool:
    """The surname opening the signer's name line where the signature's strokes cross it, read at any
    confidence ('Phạm' at 0 % before 'Minh Chính' at 96 %, random layouts, dev, 150 dpi): the row's first word,
    spelt exactly as a common Vietnamese surname, of the text's height, right before (less than a line height
    away) two name words or more read surely on the same line."""
    if w is not row[0] or len(row) < 3 or w.text not in SURNAMES or w.box[3] > 1.5 * line_h:
        return False
    nxt = row[1]
    return len(names) >= 2 and nxt in names and 0 <= nxt.box[0] - (w.box[0] + w.box[2]) <= line_h and \
        abs((nxt.box[1] + nxt.box[3] / 2) - (w.box[1] + w.box[3] / 2)) <= line_h / 2


def signature_words(row: list[Word], line_h: float, t: LayoutTuning = DEFAULT_LAYOUT) -> list[Word]:
    """A signature-column row without seal debris; a row left with one short doubtful word is debris as a
    whole (read in the seal's ring)."""
    names = [w for w in row if w.confidence >= t.sure_word_confidence and NAME_WORD_RE.fullmatch(w.text)]
    sig = [w for w in row if not seal_debris(w, line_h, t) or _name_word_under_ink(w, names, line_h, t) or
           _authority_word(w, row, line_h, t) or _post_word_under_ink(w, row, line_h, t) or
           _surname_under_ink(w, row, names, line_h)]
    if len(sig) == 1 and sum(c.isalnum() for c in sig[0].text) <= 2 and sig[0].confidence < t.sure_word_confidence:
        return []
    return sig


def garbled(ws: list[Word], t: LayoutTuning = DEFAULT_LAYOUT) -> bool:
    """A Nơi nhận row OCR could not read (lines merged under the seal or the signature's first line): low mean
    word confidence. A real row with one doubtful code ('CS.' at 7 %) stays."""
    return bool(ws) and sum(w.confidence for w in ws) / len(ws) < t.garbled_row_confidence
