"""Split text into tokens that join back to exactly the input, and classify them.

>>> [t.text for t in tokenize("Số: 12/BC-UBND, Ket qua")]
['Số', ':', ' ', '12/BC-UBND', ',', ' ', 'Ket', ' ', 'qua']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .syllables import LETTERS

SPACE, WORD, NUM, CODE, PUNCT = "space", "word", "num", "code", "punct"
NOISY = "noisy"  # letters mixed with digits or symbols ("c6ng", "x4", "Nhi€ém"): a garbled word, or a code
# (a letter and '&' too: English-model OCR reads 'ở' as '&', "S&" for "Sở"; "R&D" stays a code, and "dé&"
# keeps its syllable: the '&' there is a speck after "đề")
# (and Latin-1 umlauts, which other engines write for a marked vowel: "phüc" for phúc, "cüa" for của)
_SYMBOLS = "0-9€¢$|üäöë"
_NOISY = re.compile(
    f"^(?:(?=.*[a-zđ{LETTERS[6:]}])(?=.*[{_SYMBOLS}])[{LETTERS}{_SYMBOLS}]{{2,9}}|[{LETTERS}]&)$")
SENTENCE_END = set(".!?;:…")

_CHUNK = re.compile(r"\s+|\S+")
_WORD = re.compile(f"[{LETTERS}]+")
_NUM = re.compile(r"^\d+(?:[.,]\d+)*%?$")
# an e-mail address has a domain after its '@' ("a@b.gov.vn"); an '@' inside a word is English-model OCR's ở/ờ
# ("S@", "phu@ng")
_URLISH = re.compile(r"(?i)^(?:https?://|www\.)|@[\w-]+\.[a-z]|\.(?:vn|com|org|net|gov)\b")
# the Decree 30 end-of-text mark after the last word ("thực hiện./."): punctuation, not part of a code
_END_MARK = "./."
ROMAN = re.compile(r"^[IVXLC]+$")  # roman numerals (Chương IV, Mục II): numbers to the LM
_EDGE_PUNCT = "\"'“”‘’()[]{}<>«».,;:!?…*"


@dataclass
class Token:
    text: str
    kind: str


def _split_chunk(chunk: str) -> list[Token]:
    """One run of non-space characters → tokens."""
    if _URLISH.search(chunk):
        head = chunk.rstrip(".,;:)")
        return [Token(head, CODE)] + [Token(c, PUNCT) for c in chunk[len(head):]]
    # peel punctuation off both ends, keep the core whole if it has digits or slashes (codes, dates, numbers)
    start, end = 0, len(chunk)
    if chunk.endswith(_END_MARK) and len(chunk) > len(_END_MARK):
        end -= len(_END_MARK)
    while start < end and chunk[start] in _EDGE_PUNCT:
        start += 1
    while end > start and chunk[end - 1] in _EDGE_PUNCT:
        end -= 1
    core = chunk[start:end]
    out = [Token(c, PUNCT) for c in chunk[:start]]
    if core:
        digits = sum(c.isdigit() for c in core)
        if _NOISY.match(core) and digits <= 2 and digits <= len(core) - digits:
            out.append(Token(core, NOISY))
        elif any(c.isdigit() for c in core) or "/" in core:
            out.append(Token(core, NUM if _NUM.match(core) else CODE))
        else:
            pos = 0
            for m in _WORD.finditer(core):
                if m.start() > pos:
                    out.extend(Token(c, PUNCT) for c in core[pos:m.start()])
                out.append(Token(m.group(), WORD))
                pos = m.end()
            if pos < len(core):
                out.extend(Token(c, PUNCT) for c in core[pos:])
    out.extend(Token(c, PUNCT) for c in chunk[end:])
    return out


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _CHUNK.finditer(text):
        s = m.group()
        if s[0].isspace():
            tokens.append(Token(s, SPACE))
        else:
            tokens.extend(_split_chunk(s))
    return tokens


def case_of(word: str) -> int:
    """0 all lower case, 1 capitalised ("Thủ"), 2 other (all capitals, mixed)."""
    if word.islower():
        return 0
    rest = [c for c in word[1:] if c.isalpha()]  # a garbled word's symbols have no case: "S&" is "Sở"
    return 1 if word[:1].isupper() and all(c.islower() for c in rest) else 2


def lm_sentences(text: str, cases: bool = False) -> list:
    """Lowercased LM units per sentence, as the model is trained and queried: syllable-shaped words as
    they are, numbers and roman numerals as <num>, ',' kept, other words as <unk>; sentences end at . ! ? ; : and line ends.
    With cases, (units, case_of per unit, 2 for non-words) per sentence."""
    from .syllables import is_syllable

    sents: list = []
    for line in text.split("\n"):
        cur: list[str] = []
        cc: list[int] = []
        for t in tokenize(line):
            if t.kind == SPACE:
                continue
            if t.kind == WORD and ROMAN.match(t.text):
                cur.append("<num>")
                cc.append(2)
            elif t.kind == WORD:
                low = t.text.lower()
                cur.append(low if is_syllable(low) else "<unk>")
                cc.append(case_of(t.text))
            elif t.kind in (NUM, CODE):
                cur.append("<num>")
                cc.append(2)
            elif t.text == ",":
                cur.append(",")
                cc.append(2)
            else:
                if cur:
                    sents.append((cur, cc) if cases else cur)
                cur, cc = [], []
        if cur:
            sents.append((cur, cc) if cases else cur)
    return sents
