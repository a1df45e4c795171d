"""Vietnamese text restoration: diacritics and OCR confusions, decoded with a syllable trigram LM.

>>> from ocrfix.restoration import restore
>>> restore("Ket qua thuc hien Quy che phat ngon")   # doctest: +SKIP
'Kết quả thực hiện Quy chế phát ngôn'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..document import Document
from . import syllables as S
from .candidates import CandidateIndex
from .decoder import local_scores, viterbi
from .lm import COMMA, NUM, UNK, load
from .tokens import CODE, NOISY, NUM as K_NUM, PUNCT, SPACE, WORD, tokenize

PROFILES = ("auto", "eng", "vie", "plain", "clean")


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
    """plain: accents stripped; vie: mostly accented text (fresh OCR or clean); eng is added by the channel."""
    toks = [t for t in tokenize(text) if t.kind in (WORD, NOISY)]
    words = [t.text.lower() for t in toks if t.kind == WORD]
    if not words:
        return "clean"
    marked = sum(S.has_marks(w) for w in words) / len(words)
    if marked < 0.05:
        return "plain"
    # OCR with the wrong (English) model keeps only some marks (about 20 % of words against 80 % in
    # Vietnamese text) and leaves digits and symbols inside words
    noisy = (len(toks) - len(words)) / len(toks)
    return "eng" if marked < 0.6 or noisy > 0.03 else "vie"


def _sentences(tokens):
    """Group token indices into sentences of LM positions: [(token index or None, fixed lm id or None)]."""
    sent: list[int] = []
    for i, t in enumerate(tokens):
        if t.kind in (WORD, NOISY, K_NUM, CODE) or t.text == ",":
            sent.append(i)
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
            elif t.kind in (WORD, NOISY):
                f, ids, e = (t.text.lower(),), np.array([index.lm_id(t.text.lower())]), np.zeros(1)
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
                output = S.apply_case(t.text, form)
            choice = TokenChoice(int(offsets[i]), int(offsets[i + 1]), t.text, output)
            if detail and len(forms[j]) > 1:
                s = scores[j]
                p = np.exp(s - s.max())
                p /= p.sum()
                order = np.argsort(-p)[:5]
                choice.alternatives = [(S.apply_case(t.text, forms[j][k]), float(p[k])) for k in order]
                choice.confidence = float(p[path[j]])
            out.append(choice)
    return out


def restore(text: str, profile: str = "auto", style: str = "old") -> str:
    """Same lines, same whitespace and punctuation; only word tokens change."""
    text = S.nfc(text)
    choices = restore_tokens(text, profile, style, detail=False)
    parts, pos = [], 0
    for c in choices:
        parts.append(text[pos:c.start])
        parts.append(c.output)
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)


def restore_document(doc: Document, profile: str = "auto") -> Document:
    """Restore every page; record per-token changes with their confidence on the page."""
    if profile == "auto":
        profile = detect_profile(doc.raw_text)
    doc.meta["profile"] = profile
    for p in doc.pages:
        choices = restore_tokens(p.raw_text, profile)
        parts, pos = [], 0
        for c in choices:
            parts.append(p.raw_text[pos:c.start])
            parts.append(c.output)
            pos = c.end
        parts.append(p.raw_text[pos:])
        p.text = "".join(parts)
        p.corrections = [c.to_dict() for c in choices if c.changed]
    return doc
