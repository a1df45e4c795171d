"""Officials' names known from the corpus (dictionaries/signers.txt, built by tools/signers.py), for OCR'd signers.

Officials sign many documents, so a signer's name OCR was not sure of is often one of a few hundred known ones.
Two uses, both for OCR output only (a name printed in a text layer or a clean text is taken as printed):

- `known_spelling`: a read name that differs from exactly one known name by marks only or by one letter OCR
  confuses ('Phạm Minh Chinh' → 'Phạm Minh Chính'), and is no known name itself, is that name;
- `completed`: the read end of a name whose first syllables were unreadable (debris under a seal's ring before
  'Minh Chính') that ends exactly one known name longer than it is that name — flagged by the caller.

Where the list has posts for the name, the post the document shows must agree: the signer's title read, or the
issuer where no title was read. Where more than one known name fits, or none, nothing is changed.

>>> known_spelling("Phạm Minh Chinh", "THỦ TƯỚNG")
'Phạm Minh Chính'
>>> completed("Minh Chính", "THỦ TƯỚNG")
'Phạm Minh Chính'
>>> completed("Minh Chính", "GIÁM ĐỐC SỞ Y TẾ") is None  # the known Phạm Minh Chính holds no such post
True
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import model_path
from .anchors import fold_line

__all__ = ["completed", "known_names", "known_spelling", "posts_agree"]

# one letter for another that OCR of printed Vietnamese confuses (accents folded away first)
_CONFUSABLE = frozenset(frozenset(p) for p in (
    "nu", "nh", "hb", "li", "il", "ce", "co", "eo", "yv", "uv", "gq", "rt", "mn"))
# the members of the Government: a Bộ trưởng of one year is the Phó Thủ tướng of another
_GOVERNMENT = ("thu tuong", "bo truong")


@lru_cache(maxsize=1)
def known_names() -> dict[str, tuple[str, ...]]:
    """name → the posts it was seen with (folded), from dictionaries/signers.txt."""
    out: dict[str, tuple[str, ...]] = {}
    for line in model_path("signers.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        out[cols[0]] = tuple(p for p in (cols[3].split(";") if len(cols) > 3 else []) if p)
    return out


def _post(s: str) -> str:
    """A post folded, without its deputy's 'phó' ('PHÓ THỦ TƯỚNG' → 'thu tuong')."""
    f = " ".join(fold_line(s).replace(".", " ").split())
    for lead in ("kt ", "tm ", "tl ", "tuq ", "q "):
        if f.startswith(lead):
            f = f[len(lead):]
    return f[4:] if f.startswith("pho ") else f


def posts_agree(posts: tuple[str, ...], shown: str | None) -> bool:
    """Whether a known name's posts agree with the post a document shows (its signer's title, or its issuer):
    one of them named in it ('chu tich' in 'CHỦ TỊCH ỦY BAN NHÂN DÂN'), or both a member of the Government's
    ('bo truong' and 'PHÓ THỦ TƯỚNG'; an issuer 'CHÍNH PHỦ' or 'THỦ TƯỚNG CHÍNH PHỦ' is signed by one)."""
    if not posts:
        return True
    if not shown:
        return False
    f = f" {_post(shown)} "
    if any(_post(p) and f" {_post(p)} " in f for p in posts):
        return True
    gov_shown = any(f" {g} " in f for g in _GOVERNMENT) or f == " chinh phu "
    return gov_shown and any(_post(p) in _GOVERNMENT for p in posts)


def _one_letter_off(a: str, b: str) -> bool:
    """Folded names of one length that differ in one letter OCR confuses."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and frozenset(diff[0]) in _CONFUSABLE


def known_spelling(name: str, shown: str | None) -> str:
    """An OCR'd name spelt as the one known name it differs from by marks only or by one confusable letter; a
    known name, a name without any marks (text stripped of them), a name several known ones fit or whose known
    posts disagree with the post `shown`: as read."""
    names = known_names()
    if name in names or name.isascii() or len(name.split()) < 3:
        return name
    f = fold_line(name)
    fits = [k for k in names if len(k.split()) == len(name.split()) and
            (fold_line(k) == f or _one_letter_off(fold_line(k), f))]
    if len(fits) != 1:
        return name
    k = fits[0]
    if names[k] and shown and not posts_agree(names[k], shown):
        return name  # another person of a like name: the post the document shows is none of his or hers
    return k


def completed(tail: str, shown: str | None) -> str | None:
    """The one known name that `tail` (two or more syllables read surely, the name's first syllables lost) ends,
    longer than the tail, where it agrees with the post `shown`; None where none or more than one known name
    ends so, or the one does not agree."""
    words = tail.split()
    if len(words) < 2:
        return None
    names = known_names()
    fits = [k for k in names if len(k.split()) > len(words) and k.split()[-len(words):] == words]
    return fits[0] if len(fits) == 1 and posts_agree(names[fits[0]], shown) else None
