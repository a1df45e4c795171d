"""Place names of Vietnam (provinces, districts, communes: dictionaries/places.txt), for the place of issue.

>>> known_place("Lâm Đông", "… Công an tỉnh Lâm Đồng …")   # doctest: +SKIP
'Lâm Đồng'
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import model_path
from ..vntext import fold_line


@lru_cache(maxsize=1)
def _by_fold() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in model_path("places.txt").read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if name:
            out.setdefault(fold_line(name), set()).add(name)
    return out


def known_place(place: str, text: str = "") -> str:
    """An OCR'd place of issue spelled as a place with its letters: 'Lâm Đông' (no such place) → 'Lâm Đồng'.
    Where several places share the letters ('Lâm Đồng', 'Lâm Động'), the one the document's text names most
    often wins; none named, or a tie: the place stays as read. A known place stays as it is."""
    names = _by_fold().get(fold_line(place))
    if not names or place in names:
        return place
    if len(names) == 1:
        return next(iter(names))
    counts = sorted(((text.count(n), n) for n in names), reverse=True)
    return counts[0][1] if counts[0][0] > counts[1][0] else place


# the unit words before a place in a body's name: "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "CÔNG AN THÀNH PHỐ HUẾ"
_UNIT_RE = re.compile(r"\b(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|TP\.)\s+(.+)$")


def known_place_in_name(name: str | None, text: str = "") -> str | None:
    """An OCR'd body's name in capitals whose place is spelled as the one place its letters fit:
    'ỦY BAN NHÂN DÂN TỈNH LÂM ĐÒNG' → '… LÂM ĐỒNG' (the place is the name's last words)."""
    m = _UNIT_RE.search(name or "")
    if not m or not name:
        return name
    read = m.group(1).strip()
    fixed = known_place(read.title(), text)
    if fixed == read.title() or fold_line(fixed) != fold_line(read):
        return name
    return name[:m.start(1)] + fixed.upper()


def is_place(s: str) -> bool:
    """Whether a short text is spelled as one of the places of places.txt, accents and case aside ('Hà nội')."""
    return fold_line(s) in _by_fold()
