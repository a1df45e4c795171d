"""Vietnamese text restoration: diacritics and OCR confusions, decoded with a syllable trigram LM.

>>> from ocrfix.restoration import restore
>>> restore("Ket qua thuc hien Quy che phat ngon")   # doctest: +SKIP
'Kết quả thực hiện Quy chế phát ngôn'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..document import Document
from . import syllables as S
from .candidates import CandidateIndex
from .decoder import local_scores, viterbi
from .lm import COMMA, NUM, UNK, load
from .tokens import CODE, NOISY, NUM as K_NUM, PUNCT, ROMAN, SPACE, WORD, case_of, tokenize

PROFILES = ("auto", "eng", "vie", "plain", "clean")
NAME_KEEP_BONUS = 3.0  # extra ln-odds for keeping a capitalised word inside a sentence (vie; tuned on dev)


@dataclass
class TokenChoice:
    """One word token: what came in, what went out, the alternatives and how sure we are."""

    start: int
    end: int
    text: str
    output: str
    confidence: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.output != self.text

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "output": self.output,
                "changed": self.changed, "confidence": round(self.confidence, 4),
                "alternatives": [[f, round(p, 4)] for f, p in self.alternatives]}


@lru_cache(maxsize=2)
def _index(style: str = "old") -> CandidateIndex:
    return CandidateIndex(load(), style)


def model_version() -> str | None:
    try:
        return load().info.get("sha256", "")[:12] or None
    except Exception:
        return None


def detect_profile(text: str) -> str:
    """Which channel fits the text: plain (accents stripped), eng (OCR'd with a non-Vietnamese model),
    vie (Vietnamese OCR or correct text), or clean (not Vietnamese: leave it alone).

    Counted over words of two or more letters that are not all capitals (abbreviations say nothing)."""
    toks = [t for t in tokenize(text) if t.kind in (WORD, NOISY) and len(t.text) > 1 and not t.text.isupper()]
    words = [t.text.lower() for t in toks if t.kind == WORD]
    index = _index()
    n = max(1, len(words))
    marked = sum(S.has_marks(w) for w in words) / n
    foreign = sum(S.fold(w) not in index.by_fold for w in words) / n
    noisy = (len(toks) - len(words)) / max(1, len(toks))
    if len(words) < 5:  # too little to tell: judge by the words that can be Vietnamese at all
        viet = [w for w in (t.text.lower() for t in tokenize(text) if t.kind == WORD) if S.fold(w) in index.by_fold]
        if any(S.has_marks(w) for w in viet):
            return "vie"
        return "plain" if viet else "clean"
    if foreign > 0.4 and noisy < 0.03:
        return "clean"  # English or another language: not ours to change
    if marked < 0.05:
        return "plain"
    # OCR with the wrong (English) model keeps only some marks (about 20 % of words against 80 % in
    # Vietnamese text), leaves letter runs that are no Vietnamese syllable, and digits inside words
    if (marked < 0.6 and foreign >= 0.05) or noisy > 0.03:
        return "eng"
    return "vie"


_QUOTES = {"'", "‘", "’", "`"}


def _sentences(tokens):
    """Group token indices into sentences of LM positions: [(token index or None, fixed lm id or None)]."""
    sent: list[int] = []
    for i, t in enumerate(tokens):
        if t.kind in (WORD, NOISY, K_NUM, CODE) or t.text == ",":
            sent.append(i)
        elif t.text in _QUOTES:
            continue  # a speck OCR reads as a single quote ("Cống 'TTĐTCP") must not cut the context; double
            # quotes stay boundaries (quoted speech: keeping them so leaves news text exactly as it was)
        elif t.kind == SPACE:
            if t.text.count("\n") >= 2 and sent:  # a blank line ends a paragraph
                yield sent
                sent = []
        else:
            if sent:
                yield sent
            sent = []
    if sent:
        yield sent


def restore_tokens(text: str, profile: str = "auto", style: str = "old", detail: bool = True) -> list[TokenChoice]:
    """Per word token: the chosen form, alternatives with probabilities, and a confidence."""
    text = S.nfc(text)
    if profile == "auto":
        profile = detect_profile(text)
    index = _index("old")
    lm = index.lm
    tokens = tokenize(text)
    offsets = np.cumsum([0] + [len(t.text) for t in tokens])
    out: list[TokenChoice] = []
    for sent in _sentences(tokens):
        cands, emis, forms = [], [], []
        for i in sent:
            t = tokens[i]
            if (t.kind == WORD or (t.kind == NOISY and profile == "eng")) and not index.protected(t.text, profile):
                f, ids, e = index.for_token(t.text.lower(), profile)
                if profile == "vie" and len(sent) > 1 and i != sent[0] and t.text[:1].isupper():
                    # a capitalised word inside a sentence is mostly a name or an initial ("Ban", "My"):
                    # the language model knows least about it, so what OCR read is trusted more
                    low = S.normalize_tone_placement(t.text.lower())
                    e = np.where(np.array([x == low for x in f]), e, e - NAME_KEEP_BONUS)
                elif profile == "plain" and lm.case_weight and len(ids) > 1 and i != sent[0] and not (
                        tokens[i - 1].kind == SPACE and "\n" in tokens[i - 1].text):
                    c = case_of(t.text)  # inside a sentence a capital marks a name or title: which fit?
                    if c < 2:
                        e = e + lm.case_weight * lm.case_lp[c, ids]
            elif t.kind in (WORD, NOISY):
                lid = NUM if t.kind == WORD and ROMAN.match(t.text) else index.lm_id(t.text.lower())
                f, ids, e = (t.text.lower(),), np.array([lid]), np.zeros(1)
            else:
                f, ids, e = (t.text,), np.array([NUM if t.kind != PUNCT else COMMA]), np.zeros(1)
            forms.append(f)
            cands.append(ids)
            emis.append(e)
        path = viterbi(lm, cands, emis)
        scores = local_scores(lm, cands, emis, path) if detail else None
        for j, i in enumerate(sent):
            t = tokens[i]
            if not (t.kind == WORD or (t.kind == NOISY and profile == "eng")):
                continue
            form = forms[j][path[j]]
            if form == t.text.lower() or S.normalize_tone_placement(t.text.lower(), "old") == form:
                output = t.text
            else:
                if style == "new":
                    form = S.normalize_tone_placement(form, "new")
                pattern = _case_pattern(t.text, tokens, sent, j) if profile == "eng" else t.text
                output = S.apply_case(pattern, form)
            choice = TokenChoice(int(offsets[i]), int(offsets[i + 1]), t.text, output)
            if detail and len(forms[j]) > 1:
                s = scores[j]
                p = np.exp(s - s.max())
                p /= p.sum()
                order = np.argsort(-p)[:5]
                choice.alternatives = [(S.apply_case(t.text, forms[j][k]), float(p[k])) for k in order]
                choice.confidence = float(p[path[j]])
            out.append(choice)
    if profile in ("eng", "plain"):
        out = _merge_choices(out, _code_choices(tokens, offsets, profile))
    return out


_TYPE_CODES_WITH_D = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "QyD": "QyĐ", "CD": "CĐ", "TTLT": "TTLT"}
_CODE_PART = re.compile(r"[A-Za-z]+")
_SPLIT_NUMBER = re.compile(r"^\d{1,2}$")


def fix_code(code: str) -> str:
    """Document symbols as officials write them: 'QD-UBND' → 'QĐ-UBND', 'ND-CP' → 'NĐ-CP'."""
    if "/" not in code:
        return code
    return _CODE_PART.sub(lambda m: _TYPE_CODES_WITH_D.get(m.group(), m.group()), code)


def _code_choices(tokens, offsets, profile: str) -> list[TokenChoice]:
    """Fixes to codes, and numbers OCR split before a code ('1 140/STTTT' → '1140/STTTT')."""
    out = []
    skip = set()
    for i, t in enumerate(tokens):
        if t.kind != CODE or i in skip:
            continue
        fixed = fix_code(t.text)
        start = int(offsets[i])
        if (profile == "eng" and i >= 2 and tokens[i - 1].text == " " and tokens[i - 2].kind == K_NUM
                and _SPLIT_NUMBER.match(tokens[i - 2].text) and re.match(r"^\d{2,3}/", t.text)):
            start = int(offsets[i - 2])
            fixed = tokens[i - 2].text + fixed
            original = tokens[i - 2].text + " " + t.text
        else:
            original = t.text
        if fixed != original:
            out.append(TokenChoice(start, int(offsets[i + 1]), original, fixed, 0.9))
    return out


def _merge_choices(words: list[TokenChoice], codes: list[TokenChoice]) -> list[TokenChoice]:
    return sorted(words + codes, key=lambda c: c.start)


def _case_pattern(text: str, tokens, sent: list[int], j: int) -> str:
    """Case to copy in the wrong-model profile: English OCR reads accented small letters as capitals
    ('cAp' for 'cấp', 'BO' for 'Bộ'), so a stray capital inside a word, or a short all-caps word among
    lower-case ones, is not trusted."""
    if len(text) > 1 and any(c.isupper() for c in text[1:]):
        if not text.isupper():
            return text[0] + text[1:].lower()
        neighbours = [tokens[sent[k]].text for k in (j - 1, j + 1) if 0 <= k < len(sent)]
        neighbours = [w for w in neighbours if any(c.isalpha() for c in w)]
        if len(text) <= 3 and neighbours and not any(w.isupper() for w in neighbours):
            return text[0] + text[1:].lower()
    return text


def apply_choices(text: str, choices: list[TokenChoice]) -> str:
    """`text` with each choice's span replaced by its output (choices sorted, not overlapping)."""
    parts, pos = [], 0
    for c in choices:
        parts.append(text[pos:c.start])
        parts.append(c.output)
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)


def restore(text: str, profile: str = "auto", style: str = "old") -> str:
    """Same lines, same whitespace and punctuation; only word tokens change."""
    text = S.nfc(text)
    return apply_choices(text, restore_tokens(text, profile, style, detail=False))


def restore_document(doc: Document, profile: str = "auto") -> Document:
    """Restore every page; record per-token changes with their confidence on the page.

    With profile "auto", a page in another language (an English certificate form annexed to a thông tư) is left
    alone and does not vote on the profile of the rest: counted in, it made a Vietnamese document look OCR'd
    with the English model."""
    page_profiles = [profile] * len(doc.pages)
    if profile == "auto":
        page_profiles = [detect_profile(p.raw_text) for p in doc.pages]
        viet = [p.raw_text for p, pp in zip(doc.pages, page_profiles) if pp != "clean"]
        profile = detect_profile("\n".join(viet)) if viet else detect_profile(doc.raw_text)
        page_profiles = ["clean" if pp == "clean" and viet else profile for pp in page_profiles]
    doc.meta["profile"] = profile
    for p, page_profile in zip(doc.pages, page_profiles):
        raw = S.nfc(p.raw_text)
        choices = restore_tokens(raw, page_profile)
        p.text = apply_choices(raw, choices)
        p.corrections = [c.to_dict() for c in choices if c.changed]
    return doc
