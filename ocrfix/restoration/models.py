"""The restorer's loaded models: one candidate index (over the LM) per spelling style and tuning."""
from __future__ import annotations

import hashlib
from functools import lru_cache

from ..resources import model_path
from ..tuning import DEFAULT_RESTORE, RestoreTuning
from .candidates import CandidateIndex
from .lm import load


@lru_cache(maxsize=4)
def candidate_index(style: str = "old", tuning: RestoreTuning = DEFAULT_RESTORE) -> CandidateIndex:
    return CandidateIndex(load(tuning=tuning), style, tuning)


def model_version() -> str | None:
    """The LM's content hash (12 hex digits), or None when no model is installed."""
    try:
        return load().info.get("sha256", "")[:12] or None
    except Exception:
        return None


@lru_cache(maxsize=1)
def models_fingerprint() -> str:
    """A hash of the installed models' descriptions (lm.json carries the LM's hash) and channels, read
    without loading the LM: part of a batch's resume key, so a rebuilt model redoes the outputs."""
    h = hashlib.sha256()
    for name in ("lm.json", "channel_eng.json", "channel_vie.json"):
        h.update(model_path(name).read_bytes())
    return h.hexdigest()[:12]
