"""The restoration driver: each sentence's tokens → candidates → one Viterbi decode → restored text."""
from __future__ import annotations

from collections import Counter

import bisect
import re
from typing import Iterator, Sequence

import numpy as np

from ..document import Document
from ..tuning import DEFAULT_RESTORE, RestoreTuning
from . import syllables as S
from .choices import TokenChoice, apply_choices
from .codes import code_choices
from .context import proposals
from .decoder import local_scores, viterbi
from .garble import code_like, join_garbled
from .listmarks import marker_choices
from .header import header_choices
from .lm import COMMA, NUM, UNK
from .candidates import CandidateIndex
from .models import candidate_index
from .profiles import detect_profile
from .words import set_word_texts
from .tokens import CODE, NOISY, NUM as K_NUM, PUNCT, ROMAN, SPACE, WORD, Token, case_of, tokenize

_QUOTES = {"'", "‘", "’", "`"}


def _sentences(tokens: list[Token]) -> Iterator[list[int]]:
    """Group token indices into sentences: the LM positions (words, numbers, codes, commas) between
    sentence punctuation or blank lines."""
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


def _restorable(t: Token, profile: str) -> bool:
    return t.kind == WORD or (t.kind == NOISY and profile == "eng")


def token_confidences(text: str, tokens: list[Token], confidences: Sequence[float] | None) -> list[float | None]:
    """Per token, the OCR confidence (0–100) of the whitespace-separated word it lies in; None without them
    or when they are not one per word of `text`."""
    if confidences is None:
        return [None] * len(tokens)
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    if len(starts) != len(confidences):
        return [None] * len(tokens)
    out: list[float | None] = []
    pos = 0
    for t in tokens:
        k = bisect.bisect_right(starts, pos) - 1
        out.append(float(confidences[k]) if k >= 0 and t.kind != SPACE else None)
        pos += len(t.text)
    return out


def _confidence_scale(conf: float | None, tuning: RestoreTuning) -> float:
    """Factor on a vie-profile word's channel scores from its OCR confidence: an unsure word gets a wider
    channel (other readings cost less against the one OCR gave), a surely read one a narrower channel."""
    if conf is None:
        return 1.0
    if conf < tuning.unsure_confidence:
        return tuning.unsure_channel_scale
    if conf >= tuning.sure_confidence:
        return tuning.sure_channel_scale
    return 1.0


def _position(index: CandidateIndex, tokens: list[Token], sent: list[int], j: int, profile: str,
              conf: float | None, tuning: RestoreTuning) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """(forms, LM ids, emission scores) of sentence position j."""
    t = tokens[sent[j]]
    if _restorable(t, profile) and not index.protected(t.text, profile):
        f, ids, e = index.for_token(t.text.lower(), profile)
        if profile == "eng" and code_like(t) and t.text.lower() not in f:
            # "T6" is mostly Tổ, but "A4" is a paper size: the code as printed stays a choice, as a number
            f, ids, e = f + (t.text.lower(),), np.append(ids, NUM), np.append(e, tuning.code_keep)
        return f, ids, _adjust(index, tokens, sent, j, profile, conf, tuning, f, ids, e)
    if t.kind in (WORD, NOISY):
        lid = NUM if t.kind == WORD and ROMAN.match(t.text) else index.lm_id(t.text.lower())
        return (t.text.lower(),), np.array([lid]), np.zeros(1)
    return (t.text,), np.array([NUM if t.kind != PUNCT else COMMA]), np.zeros(1)


def _adjust(index: CandidateIndex, tokens: list[Token], sent: list[int], j: int, profile: str,
            conf: float | None, tuning: RestoreTuning, f: tuple[str, ...], ids: np.ndarray,
            e: np.ndarray) -> np.ndarray:
    """A word's channel scores adjusted for what surrounds it: its OCR confidence and names (vie), its
    capitalisation inside a sentence (plain)."""
    i = sent[j]
    t = tokens[i]
    lm = index.lm
    if profile == "vie":
        # a word of a run of capitalised words is a name ("Trương Minh Đương" read at 84–90 %): OCR's reading
        # is trusted more there, so an unsure reading does not widen its channel
        scale = 1.0 if _in_name_run(tokens, sent, j) else _confidence_scale(conf, tuning)
        if scale != 1.0:
            e = e * scale
        keep = _name_keep(tokens, sent, j, index.lm_id(t.text.lower()) == UNK, tuning)
        if keep:
            # a capitalised word inside a sentence is mostly a name or an initial ("Ban", "My"), and
            # one of a run of them surely a name ("Hồ Đức Phớc", "TT. Trương Hải Long"): the language
            # model knows least about it, so what OCR read is trusted more
            low = S.normalize_tone_placement(t.text.lower())
            e = np.where(np.array([x == low for x in f]), e, e - keep)
    elif profile == "plain" and lm.case_weight and len(ids) > 1 and _inside_line(tokens, i, j):
        c = case_of(t.text)  # inside a sentence a capital marks a name or title: which fit?
        if c < 2:
            e = e + lm.case_weight * lm.case_lp[c, ids]  # type: ignore[index]  # case_weight > 0 only with case_lp
    elif profile == "eng" and tuning.case_weight_eng and lm.case_lp is not None and len(ids) > 1 and _inside_line(
            tokens, i, j) and not (len(t.text) > 1 and t.text.isupper()):
        # the same evidence from the first letter: a capital inside a sentence is a name's ("Nguyén" Nguyễn,
        # "Hanh" Hạnh), a small letter a common word's
        c = 1 if t.text[:1].isupper() else 0
        e = e + tuning.case_weight_eng * lm.case_lp[c, ids]
    return e


def _inside_line(tokens: list[Token], i: int, j: int) -> bool:
    """Not the first position of its sentence, nor the first of a line."""
    return bool(j) and not (tokens[i - 1].kind == SPACE and "\n" in tokens[i - 1].text)


Lattice = list[tuple[tuple[str, ...], np.ndarray, np.ndarray]]


def _widen_by_context(index: CandidateIndex, tokens: list[Token], sent: list[int], profile: str,
                      confs: list[float | None], tuning: RestoreTuning, lattice: Lattice, path: list[int]) -> bool:
    """Add to each garbled word's candidates what its decoded left context strongly expects (context.py);
    True when any position got one."""
    lm = index.lm
    ch = index.channel(profile)
    beta = tuning.channel_weight(profile)
    chosen = [int(ids[k]) for (_, ids, _), k in zip(lattice, path)]
    added = False
    for j, i in enumerate(sent):
        f, ids, _ = lattice[j]
        if len(f) < 2:
            continue  # kept as it is: protected, a number, punctuation
        low = tokens[i].text.lower()
        new = proposals(lm, chosen, j, ids, ch.skeletons(low), tuning.context_min_lp)
        if not new:
            continue
        forms = f + tuple(lm.vocab[c] for c in new)
        ids2 = np.concatenate([ids, np.array(new, ids.dtype)])
        raw = np.array([beta * ch.logp(low, w) for w in forms])
        lattice[j] = (forms, ids2, _adjust(index, tokens, sent, j, profile, confs[i], tuning, forms, ids2, raw))
        added = True
    return added


def _choice(t: Token, start: int, end: int, forms: tuple[str, ...], k: int, score: np.ndarray | None,
            tokens: list[Token], sent: list[int], j: int, profile: str, style: str) -> TokenChoice:
    """The decoded form k of a token written back with its case pattern, with alternatives from `score`."""
    form = forms[k]
    if form == t.text.lower() or S.normalize_tone_placement(t.text.lower(), "old") == form:
        output = t.text
    else:
        if style == "new":
            form = S.normalize_tone_placement(form, "new")
        if profile == "eng" and _in_caps_line(t.text, tokens, sent, j):
            output = form.upper()
        else:
            pattern = _case_pattern(t.text, tokens, sent, j) if profile == "eng" else t.text
            output = S.apply_case(pattern, form)
    choice = TokenChoice(start, end, t.text, output)
    if score is not None and len(forms) > 1:
        p = np.exp(score - score.max())
        p /= p.sum()
        order = np.argsort(-p)[:5]
        choice.alternatives = [(S.apply_case(t.text, forms[m]), float(p[m])) for m in order]
        choice.confidence = float(p[k])
    return choice


def restore_tokens(text: str, profile: str = "auto", style: str = "old", detail: bool = True,
                   tuning: RestoreTuning = DEFAULT_RESTORE,
                   confidences: Sequence[float] | None = None) -> list[TokenChoice]:
    """Per word token: the chosen form, alternatives with probabilities, and a confidence.

    A token goes through once: tokenized, given its candidates and channel scores (candidates.py,
    channel.py), decoded with its sentence (decoder.py), then written back with its case pattern.
    `confidences`: the OCR's confidence (0–100) of each whitespace-separated word of `text`, if known."""
    text = S.nfc(text)
    if profile == "auto":
        profile = detect_profile(text)
    index = candidate_index("old", tuning)
    tokens = tokenize(text)
    if profile == "eng":
        tokens = join_garbled(tokens)
    confs = token_confidences(text, tokens, confidences)
    offsets = np.cumsum([0] + [len(t.text) for t in tokens]).tolist()
    out: list[TokenChoice] = []
    for sent in _sentences(tokens):
        lattice = [_position(index, tokens, sent, j, profile, confs[i], tuning) for j, i in enumerate(sent)]
        path = viterbi(index.lm, [c for _, c, _ in lattice], [e for _, _, e in lattice])
        if profile in tuning.context_profiles and _widen_by_context(index, tokens, sent, profile, confs, tuning,
                                                                    lattice, path):
            path = viterbi(index.lm, [c for _, c, _ in lattice], [e for _, _, e in lattice])
        forms = [f for f, _, _ in lattice]
        cands = [ids for _, ids, _ in lattice]
        emis = [e for _, _, e in lattice]
        scores = local_scores(index.lm, cands, emis, path) if detail else None
        for j, i in enumerate(sent):
            if _restorable(tokens[i], profile):
                out.append(_choice(tokens[i], offsets[i], offsets[i + 1], forms[j], path[j],
                                   scores[j] if scores is not None else None, tokens, sent, j, profile, style))
    if profile in ("eng", "plain"):
        out = _replaced(out, code_choices(tokens, offsets, profile))
    if profile in ("eng", "vie"):
        out = _replaced(out, marker_choices(tokens, offsets) + header_choices(tokens, offsets))
    return out


def _replaced(out: list[TokenChoice], extra: list[TokenChoice]) -> list[TokenChoice]:
    """The decoder's choices with those of the tokens `extra` spans replaced by it ("VI", the motto's words, an
    abbreviation given back its Đ), in text order."""
    return sorted([c for c in out if not any(x.start <= c.start < x.end for x in extra)] + extra,
                  key=lambda c: c.start)


def _is_title(text: str) -> bool:
    return text[:1].isupper() and not text.isupper()


def _name_keep(tokens, sent: list[int], j: int, unknown: bool, tuning: RestoreTuning) -> float:
    """Extra ln-odds for keeping the vie-profile word at sentence position j as it was read. A capitalised
    word next to another capitalised word is part of a name, even first in its sentence ("TT. Trương Hải
    Long"); if the LM never saw it, it is a rare name ("Hồ Đức Phớc") and gets the larger bonus — a known
    word in such a run may be an OCR slip in an organisation's name ("Bộ Tải chính" for Tài). Any other
    capitalised word inside a sentence gets the name bonus."""
    text = tokens[sent[j]].text
    if not text[:1].isupper():
        return 0.0
    if _in_name_run(tokens, sent, j):
        return tuning.name_run_bonus if unknown else tuning.name_keep_bonus
    return tuning.name_keep_bonus if j else 0.0


def _in_name_run(tokens, sent: list[int], j: int) -> bool:
    """Whether sentence position j is a title-case word next to another one (a name: "Trương Minh Đương")."""
    return _is_title(tokens[sent[j]].text) and any(
        0 <= k < len(sent) and tokens[sent[k]].kind == WORD and _is_title(tokens[sent[k]].text) for k in (j - 1, j + 1))


def _neighbour_words(tokens, sent: list[int], j: int) -> list[str]:
    """The words before and after sentence position j on its line."""
    return [tokens[sent[k]].text for k in _neighbours(tokens, sent, j)]


def _neighbours(tokens, sent: list[int], j: int) -> list[int]:
    """Sentence positions of the words before and after position j on its line."""
    out = []
    for k in (j - 1, j + 1):
        if 0 <= k < len(sent):
            a, b = sorted((sent[j], sent[k]))
            if any(c.isalpha() for c in tokens[sent[k]].text) and not any(
                    "\n" in tokens[m].text for m in range(a + 1, b)):
                out.append(k)
    return out


def _in_caps_line(text: str, tokens, sent: list[int], j: int) -> bool:
    """eng profile: a capital with a digit for a marked vowel ("B6" Bộ) or with a small letter for an accented
    capital ("CHi" CHỈ, "CHiNH" CHÍNH) next to a word in capitals is a word of a line of capitals (a header)."""
    if not text[:1].isupper() or text.isupper() and sum(c.isalpha() for c in text) > 1:
        return False  # all capitals already (apply_case keeps them), or not capitalised
    if not (text.isupper() or sum(c.isupper() for c in text) >= 2):
        return False  # "Noi": a capitalised word
    words = _neighbour_words(tokens, sent, j)
    return bool(words) and all(_capitals(w) for w in words)  # "BO NOi vu" is Bộ Nội vụ


def _capitals(word: str) -> bool:
    """A word in capitals ("NOI", "VU"; not a code "10/BNV-CQDP")."""
    return word.isupper() and not any(c.isdigit() for c in word) and sum(c.isalpha() for c in word) > 1


def _case_pattern(text: str, tokens, sent: list[int], j: int) -> str:
    """Case to copy in the wrong-model profile: English OCR reads accented small letters as capitals
    ('cAp' for 'cấp', 'BO' for 'Bộ'), so a stray capital inside a word, or a short all-caps word among
    lower-case ones, is not trusted."""
    if len(text) > 1 and any(c.isupper() for c in text[1:]):
        if not text.isupper():
            return text[0] + text[1:].lower()
        ks = _neighbours(tokens, sent, j)
        # a neighbour in capitals, or one of the line of capitals ("CHi THI": CHỈ THỊ), says a header
        if len(text) <= 3 and ks and not any(tokens[sent[k]].text.isupper() or _in_caps_line(
                tokens[sent[k]].text, tokens, sent, k) for k in ks):
            return text[0] + text[1:].lower()
    return text


def restore(text: str, profile: str = "auto", style: str = "old", tuning: RestoreTuning = DEFAULT_RESTORE) -> str:
    """Same lines, same whitespace and punctuation; only word tokens change.

    >>> restore("Ket qua thuc hien Quy che phat ngon")   # doctest: +SKIP
    'Kết quả thực hiện Quy chế phát ngôn'
    >>> restore("Uy ban nhan dan", style="new")           # doctest: +SKIP
    'Uỷ ban nhân dân'
    """
    text = S.nfc(text)
    return apply_choices(text, restore_tokens(text, profile, style, detail=False, tuning=tuning))


def restore_document(doc: Document, profile: str = "auto", tuning: RestoreTuning = DEFAULT_RESTORE) -> Document:
    """Restore every page; record per-token changes with their confidence on the page.

    With profile "auto", a page in another language (an English certificate form annexed to a thông tư) is left
    alone and does not vote on the profile of the rest: counted in, it made a Vietnamese document look OCR'd
    with the English model. Where most of the other pages agree on a profile, it is the document's: one table page
    read by the vie model (noisy cells, real scan 15557/BTC-PTHT) made the whole letter look like an English-model
    layer, and its signer's 'Đố' became 'Số'."""
    page_profiles = [profile] * len(doc.pages)
    if profile == "auto":
        page_profiles = [detect_profile(p.raw_text) for p in doc.pages]
        viet = [p.raw_text for p, pp in zip(doc.pages, page_profiles) if pp != "clean"]
        votes = Counter(pp for pp in page_profiles if pp != "clean").most_common(2)
        if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
            profile = votes[0][0]
        else:
            profile = detect_profile("\n".join(viet)) if viet else detect_profile(doc.raw_text)
        page_profiles = ["clean" if pp == "clean" and viet else profile for pp in page_profiles]
    doc.meta["profile"] = profile
    for p, page_profile in zip(doc.pages, page_profiles):
        raw = S.nfc(p.raw_text)
        confs = [w.confidence for w in p.words] if p.words else None
        choices = restore_tokens(raw, page_profile, tuning=tuning, confidences=confs)
        p.text = apply_choices(raw, choices)
        p.corrections = [c.to_dict() for c in choices if c.changed]
        set_word_texts(p, tuning)
    return doc
