"""Place names of Vietnam (provinces, districts, communes: dictionaries/places.txt), for the place of issue.

>>> known_place("Lâm Đông", "… Công an tỉnh Lâm Đồng …")   # doctest: +SKIP
'Lâm Đồng'
"""
from __future__ import annotations

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
