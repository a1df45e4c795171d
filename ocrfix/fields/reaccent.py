"""Header lines in capitals re-accented from the document's own spelling of the same words (OCR loses marks on
capitals more than on small letters): 'CUC THUE' → 'CỤC THUẾ' where the body writes 'Cục Thuế'."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from ..restoration.syllables import normalize_tone_placement
from .anchors import fold, is_caps


_WORD_RE = re.compile(r"[^\W\d_]+")


def bigram_forms(text: str) -> dict[str, Counter[str]]:
    """folded word pair → Counter of its lower-case spellings in `text` ('cuc thue' → {'cục thuế': 3})."""
    out: dict[str, Counter[str]] = {}
    ws = list(_WORD_RE.finditer(text))
    for a, b in zip(ws, ws[1:]):
        if text[a.end():b.start()].strip():
            continue
        la, lb = a.group(0).lower(), b.group(0).lower()
        out.setdefault(fold(la) + " " + fold(lb), Counter())[la + " " + lb] += 1
    return out


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def body_forms(text: str, line: str) -> dict[str, Counter[str]]:
    """bigram_forms of the document without those of `line` itself: the line is no evidence for its own spelling."""
    forms = bigram_forms(text)
    for key, own_c in bigram_forms(line).items():
        forms[key] = forms.get(key, Counter()) - own_c
    return forms


def _apply(line: str, ws: list[tuple[int, int, str]], changes: dict[int, str]) -> str:
    """`line` with its words (start, end, text) replaced where `changes` has their index."""
    out: list[str] = []
    pos = 0
    for k, (st, en, w) in enumerate(ws):
        out.append(line[pos:st] + changes.get(k, w))
        pos = en
    return "".join(out) + line[pos:]


def _same_word(a: str, b: str) -> bool:
    """Equal but for where the tone mark sits ('ủy' / 'uỷ', 'hòa' / 'hoà')."""
    da, db = unicodedata.normalize("NFD", a.lower()), unicodedata.normalize("NFD", b.lower())
    return "".join(c for c in da if c not in _TONES) == "".join(c for c in db if c not in _TONES) and \
        sorted(c for c in da if c in _TONES) == sorted(c for c in db if c in _TONES)


def spell_phrases(words: list[str], phrases: list[list[str]], start: int = 0) -> list[str]:
    """Words of capitalised OCR output with every run that folds to one of `phrases` (longest listed first)
    spelt as the phrase prints it; only marks change, and a tone placed otherwise ('UỶ', 'HOÀ') is kept."""
    words = list(words)
    keys = [fold(w) for w in words]
    folded = [[fold(w) for w in ph] for ph in phrases]
    k = start
    while k < len(words):
        for ph, fph in zip(phrases, folded):
            if keys[k:k + len(ph)] == fph:
                words[k:k + len(ph)] = [w if _same_word(w, p) else p for w, p in zip(words[k:k + len(ph)], ph)]
                k += len(ph)
                break
        else:
            k += 1
    return words


def reaccent_caps(line: str | None, forms: dict[str, Counter[str]]) -> str | None:
    """A capitalised header line with a word whose accents OCR or restoration got wrong re-spelt as the body
    spells the same word pair: 'CỤC THUÊ' with 'Cục Thuế' in the body → 'CỤC THUẾ'. A pair changes only when
    its own spelling never occurs in the body and one other spelling does (twice, or as the only one), and a
    word is left alone when the body confirms it next to its other neighbour ('BAN BÍ THƯ VỀ': 'bí thư')."""
    if not line or not is_caps(line):
        return line
    ws: list[tuple[int, int, str]] = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(line)]
    pairs = [i for i in range(len(ws) - 1) if not line[ws[i][1]:ws[i + 1][0]].strip()]

    def own(i: int) -> str:
        return ws[i][2].lower() + " " + ws[i + 1][2].lower()

    confirmed: set[int] = set()
    for i in pairs:
        if forms.get(fold(own(i)), Counter())[own(i)]:
            confirmed.update((i, i + 1))
    changes: dict[int, str] = {}
    for i in pairs:
        c = forms.get(fold(own(i)))
        if not c or c[own(i)]:
            continue
        best, n = c.most_common(1)[0]
        if n < 2 and len(c) > 1:
            continue
        new = best.split(" ")
        idx = [k for k, w in zip((i, i + 1), new) if not _same_word(ws[k][2], w)]
        if not idx or any(k in confirmed for k in idx) or _likelier_as_read(own(i), best):
            continue
        for k, w in zip((i, i + 1), new):
            if k in idx:
                changes[k] = w.upper()
    return _apply(line, ws, changes)


# how much likelier (ln) the language model must find a title's word pair as read than the body's spelling of it
# for the title to keep its own: 'MỨC CHI' (ln P -4.5 after 'mức') where OCR gave the body 'mức chỉ' (-6.5)
_LIKELIER_AS_READ = 1.5


def _likelier_as_read(read: str, other: str) -> bool:
    """Whether word pair `read` (lower case) is far likelier to the language model than `other`: the body's
    spelling of a title's words is then the misreading ('mức chỉ' twice in an OCR'd body under 'MỨC CHI,', random
    layouts, dev), and a pair the model does not know ('cục thuê') is never likelier."""
    lex = _lexicon()
    if lex is None:
        return False
    import numpy as np

    from ..restoration.lm import UNK

    m: Any = lex[0]

    def lp(pair: str) -> float | None:
        a, b = (m.id(normalize_tone_placement(w)) for w in pair.split(" "))
        if UNK in (a, b):
            return None
        return float(m.uni_lp[a]) + float(m.logp(np.array([UNK]), np.array([a]), np.array([b]))[0])

    r, o = lp(read), lp(other)
    return r is not None and (o is None or r - o >= _LIKELIER_AS_READ)


def _trigram_forms(text: str) -> Counter[str]:
    """Lower-case spellings of the runs of three words in `text` (only spaces and line breaks between them)."""
    ws = list(_WORD_RE.finditer(text))
    out: Counter[str] = Counter()
    for a, b, c in zip(ws, ws[1:], ws[2:]):
        if not (text[a.end():b.start()].strip() or text[b.end():c.start()].strip()):
            out[" ".join(m.group(0).lower() for m in (a, b, c))] += 1
    return out


def ocr_marks_from_body(line: str | None, text: str) -> str | None:
    """An OCR'd line in sentence case with a word whose marks OCR got wrong between two words it read right,
    re-marked as the rest of the document prints the three: 'vào Dụ thảo Hồ sơ' with 'vào Dự thảo' in the body
    (real scan, 4409/BCA). Only where the line's own three words never occur elsewhere and exactly one other
    spelling of them does, with the same two neighbours; the word's case stays."""
    if not line or is_caps(line):
        return line
    forms = _trigram_forms(text) - _trigram_forms(line)
    by_fold: dict[str, list[str]] = {}
    for tri in forms:
        by_fold.setdefault(fold(tri), []).append(tri)
    ws: list[tuple[int, int, str]] = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(line)]
    changes: dict[int, str] = {}
    for i in range(1, len(ws) - 1):
        if line[ws[i - 1][1]:ws[i][0]].strip() or line[ws[i][1]:ws[i + 1][0]].strip():
            continue
        own = [ws[k][2].lower() for k in (i - 1, i, i + 1)]
        seen = by_fold.get(fold(" ".join(own)), [])
        if len(seen) != 1 or " ".join(own) in forms:
            continue
        new = seen[0].split(" ")
        if new[0] != own[0] or new[2] != own[2] or _same_word(new[1], own[1]):
            continue
        w = ws[i][2]
        changes[i] = new[1].capitalize() if w[:1].isupper() else new[1]
    return _apply(line, ws, changes)


_COMMA_RE = re.compile(r"([^\W\d_]+),\s*([^\W\d_]+)")


def ocr_commas_from_body(line: str | None, text: str) -> str | None:
    """An OCR'd title in capitals with a comma a speck made inside a word of the lexicon ('BAN QUẢN, LÝ'): dropped
    where the rest of the document prints the word ('Ban Quản lý') and never with a comma inside. Both are needed:
    a title lists 'THU, CHI' though 'thu chi' is a word, and prints 'PHẠM VI, CHỨC NĂNG' where the body writes
    'phạm vi chức năng'."""
    if not line or not is_caps(line) or "," not in line:
        return line
    lex = _lexicon()
    if lex is None:
        return line
    low, own = text.lower(), line.lower()

    def elsewhere(pattern: str) -> int:  # occurrences in the document but for the line's own
        return len(re.findall(pattern, low)) - len(re.findall(pattern, own))

    def fix(m: re.Match) -> str:
        if not _is_lexicon_pair(lex[0], *(normalize_tone_placement(w.lower()) for w in m.groups())):
            return m.group(0)  # 'PHẠM VI, CHỨC NĂNG' is printed so, though the body writes 'phạm vi chức năng'
        a, b = re.escape(m.group(1).lower()), re.escape(m.group(2).lower())
        plain = elsewhere(r"(?<!\w)" + a + r"\s+" + b + r"(?!\w)")
        comma = elsewhere(r"(?<!\w)" + a + r"\s*,\s*" + b + r"(?!\w)")
        return m.group(1) + " " + m.group(2) if plain > 0 and comma <= 0 else m.group(0)

    return _COMMA_RE.sub(fix, line)


def _il_key(pair: str) -> str:
    return fold(pair).replace("l", "i")


def ocr_il_from_body(line: str | None, text: str) -> str | None:
    """An OCR'd line in capitals with an 'I' read for an 'L' ('QUẢN IÝ' for 'QUẢN LÝ': the two letters differ by
    a foot Tesseract loses) spelt as the body prints the same word pair ('quản lý'): only an I becomes an L, only
    where the line's own pair never occurs in the body and the body prints the other one twice or only it."""
    if not line or "I" not in line or not is_caps(line):
        return line
    forms = body_forms(text, line)
    by_key: dict[str, Counter[str]] = {}
    for c in forms.values():
        for spelling, n in c.items():
            by_key.setdefault(_il_key(spelling), Counter())[spelling] += n
    ws = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(line)]
    changes: dict[int, str] = {}
    for i in range(len(ws) - 1):
        a, b = ws[i][2], ws[i + 1][2]
        if line[ws[i][1]:ws[i + 1][0]].strip() or "I" not in a + b:
            continue
        own = a.lower() + " " + b.lower()
        if forms.get(fold(own), Counter())[own]:
            continue
        c = Counter({s: n for s, n in by_key.get(_il_key(own), Counter()).items()
                     if len(s) == len(own) and all(x == y or (x, y) == ("i", "l") for x, y in zip(own, s))})
        if not c or (c.most_common(1)[0][1] < 2 and len(c) > 1):
            continue
        new = c.most_common(1)[0][0].split(" ")
        for k, w in zip((i, i + 1), new):
            if w.upper() != ws[k][2]:
                changes[k] = w.upper()
    return _apply(line, ws, changes)


def ocr_split_words_from_body(line: str | None, text: str) -> str | None:
    """An OCR'd line in capitals whose word was cut before its last letter or two ('QUẢN G TRỊ', 'ĐỊA GIỚ I
    HÀNH', 'VIỆT N ÂM': the gap of a wide letter read as a space) joined again where the rest of the document prints
    the joined word next to the same neighbour ('Quảng Trị', 'địa giới', 'Việt Nam') and never the pieces; the
    joined word is spelt as the document prints it (a piece's mark may be OCR's: 'ÂM')."""
    if not line or not is_caps(line):
        return line
    forms = body_forms(text, line)

    def seen(a: str, b: str) -> bool:
        pair = a.lower() + " " + b.lower()
        return bool(forms.get(fold(pair), Counter())[pair])

    def printed(a: str, b: str) -> list[str] | None:
        got = forms.get(fold(a.lower() + " " + b.lower()))
        return got.most_common(1)[0][0].upper().split() if got else None

    toks = line.split(" ")
    j = 1
    while j < len(toks):
        t, p = toks[j], toks[j - 1]
        if 1 <= len(t) <= 2 and t.isalpha() and p.isalpha() and not seen(p, t) and \
                not (j + 1 < len(toks) and seen(t, toks[j + 1])):
            m = p + t
            after = printed(m, toks[j + 1]) if j + 1 < len(toks) and toks[j + 1].isalpha() else None
            before = printed(toks[j - 2], m) if j >= 2 and toks[j - 2].isalpha() else None
            joined = after[0] if after and len(after) == 2 else before[1] if before and len(before) == 2 else None
            if joined:
                toks[j - 1:j + 1] = [joined]
                continue
        j += 1
    return " ".join(toks)


def _lexicon() -> tuple[object, dict[str, list[str]]] | None:
    """The language model (for its lexicon pairs) and its vocabulary by folded spelling; None without one."""
    global _LEX
    if _LEX is None:
        from ..restoration import lm as lm_mod

        m = lm_mod.load()
        if m.lexicon_pairs is None:
            return None
        by_fold: dict[str, list[str]] = {}
        for w in m.vocab:
            if w.isalpha():
                by_fold.setdefault(fold(w), []).append(w)
        _LEX = (m, by_fold)
    return _LEX


_LEX: tuple[object, dict[str, list[str]]] | None = None


# how much commoner (ln of the unigram ratio) the other marking must be than the word as read: a rare reading
# ('vục') gives way, a common word ('thu', 'mỗi') is never re-marked on the lexicon's word alone
_COMMONER = 2.3  # ten times


def _commoner(m, alt: str, read: str) -> bool:
    from ..restoration.lm import UNK

    u = m.id(normalize_tone_placement(read))
    return u == UNK or float(m.uni_lp[m.id(alt)]) - float(m.uni_lp[u]) >= _COMMONER


def _is_lexicon_pair(m, a: str, b: str) -> bool:
    from ..restoration.lm import UNK

    u, v = m.id(a), m.id(b)
    if UNK in (u, v):
        return False
    key = (u << 16) | v
    i = int(m.lexicon_pairs.searchsorted(key))
    return i < len(m.lexicon_pairs) and int(m.lexicon_pairs[i]) == key


def ocr_marks_from_lexicon(line: str | None) -> str | None:
    """An OCR'd line in capitals with one word's marks misread so that it and its neighbour make no word of the
    lexicon, where exactly one other marking of one of them does ('LĨNH VỤC' → 'LĨNH VỰC', 'MỨC THỤ' → …):
    only marks change, and not a word that makes a lexicon word with its other neighbour as read."""
    if not line or not is_caps(line):
        return line
    lex = _lexicon()
    if lex is None:
        return line
    m, by_fold = lex
    ws = [(mm.start(), mm.end(), mm.group(0)) for mm in _WORD_RE.finditer(line)]
    low = [normalize_tone_placement(w.lower()) for _, _, w in ws]  # the model's spelling ('thuỷ' → 'thủy')
    changes: dict[int, str] = {}
    for i in range(len(ws) - 1):
        if line[ws[i][1]:ws[i + 1][0]].strip() or _is_lexicon_pair(m, low[i], low[i + 1]):
            continue
        cands = []
        for k, other in ((i, i + 1), (i + 1, i)):
            if (k == i and i > 0 and _is_lexicon_pair(m, low[i - 1], low[i])) or \
                    (k == i + 1 and i + 2 < len(ws) and _is_lexicon_pair(m, low[i + 1], low[i + 2])):
                continue  # the word makes a word with its other neighbour: as read
            for alt in by_fold.get(fold(low[k]), []):
                if not _same_word(alt, low[k]) and _is_lexicon_pair(m, *((alt, low[other]) if k == i else (low[other], alt))) \
                        and _commoner(m, alt, low[k]):
                    cands.append((k, alt))
        if len(cands) == 1:
            k, alt = cands[0]
            changes[k] = alt.upper()
    return _apply(line, ws, changes)


def ocr_doubled_vowels(line: str | None) -> str | None:
    """An OCR'd line in capitals with a vowel read twice, with two different marks ('THỰỤC', 'MÚỨC', 'KHOÁNG
    SẲẢN', 'TUYẾN ĐẼÊ', 'CỤC HẢÁI QUAN'; random layouts, dev): a word the lexicon does not know whose two
    neighbouring vowels are one letter under their marks is spelt with one of them, the one that makes a word
    of the lexicon with a neighbour (else the far commoner word). Words the lexicon knows ('ƯU', 'XOONG') stay."""
    if not line or not is_caps(line):
        return line
    lex = _lexicon()
    if lex is None:
        return line
    m: Any = lex[0]
    from ..restoration.lm import UNK

    ws = [(mm.start(), mm.end(), mm.group(0)) for mm in _WORD_RE.finditer(line)]
    low = [normalize_tone_placement(w.lower()) for _, _, w in ws]
    changes: dict[int, str] = {}
    for i, (_, _, word) in enumerate(ws):
        w = word.lower()  # as read (the model's spelling would move the marks of the two vowels into one)
        f = fold(w)
        pairs = [j for j in range(len(w) - 1) if f[j] == f[j + 1] and f[j] in "aeiouy" and w[j] != w[j + 1]]
        if len(pairs) != 1 or len(f) != len(w) or m.id(low[i]) != UNK:
            continue
        j = pairs[0]
        cands = {normalize_tone_placement(w[:j] + w[j + 1:]), normalize_tone_placement(w[:j + 1] + w[j + 2:])}
        cands = {c for c in cands if m.id(c) != UNK}
        left = low[i - 1] if i > 0 and not line[ws[i - 1][1]:ws[i][0]].strip() else None
        right = low[i + 1] if i + 1 < len(ws) and not line[ws[i][1]:ws[i + 1][0]].strip() else None
        with_pair = [c for c in cands if (left is not None and _is_lexicon_pair(m, left, c)) or
                     (right is not None and _is_lexicon_pair(m, c, right))]
        if len(with_pair) == 1:
            changes[i] = with_pair[0].upper()
        elif not with_pair and cands:
            ranked = sorted(cands, key=lambda c: float(m.uni_lp[m.id(c)]), reverse=True)
            if len(ranked) == 1 or float(m.uni_lp[m.id(ranked[0])]) - float(m.uni_lp[m.id(ranked[1])]) >= _COMMONER:
                changes[i] = ranked[0].upper()
    return _apply(line, ws, changes)
