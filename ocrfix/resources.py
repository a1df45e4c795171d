"""The built models ship inside the package (`ocrfix/dictionaries`, the top-level `dictionaries/` folder):
found with importlib.resources, so a wheel installed anywhere finds them."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from . import errors


def model_path(name: str) -> Path:
    """Path of a model file of the installed package, e.g. model_path("lm.npz")."""
    ref = resources.files("ocrfix.dictionaries").joinpath(name)
    if not ref.is_file():
        raise errors.SetupError(f"model file {name} missing from the installed ocrfix (rebuild: make models)")
    return Path(str(ref))
