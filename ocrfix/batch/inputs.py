"""The archive walk: inputs under IN_DIR, their output paths under OUT_DIR (never outside it), their hashes."""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import errors, sources, writers


@dataclass
class Input:
    rel: str  # POSIX path relative to IN_DIR: the key in the manifest
    path: str  # absolute path to read
    problem: str | None = None  # set when the walk already knows the input cannot be used


def inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk(in_dir: str | os.PathLike, out_dir: str | os.PathLike | None = None) -> list[Input]:
    """Every PDF, image and text file under in_dir, sorted; never descends into symlinked folders or out_dir."""
    root = os.path.realpath(in_dir)
    out_real = os.path.realpath(out_dir) if out_dir is not None else None
    found: list[Input] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) != out_real)
        for name in sorted(filenames):
            if Path(name).suffix.lower() not in sources.SUPPORTED_SUFFIXES or name.startswith(writers.TMP_PREFIX):
                continue
            full = os.path.join(dirpath, name)
            rel = Path(os.path.relpath(full, root)).as_posix()
            item = Input(rel=rel, path=full)
            if os.path.islink(full):
                target = os.path.realpath(full)
                if not inside(target, root):
                    item.problem = "symbolic link to a file outside the input folder (not followed)"
                elif not os.path.exists(target):
                    item.problem = "broken symbolic link"
            if item.problem is None:
                try:
                    st = os.stat(full)
                    if not stat.S_ISREG(st.st_mode):
                        item.problem = "not a regular file"
                except OSError as e:
                    item.problem = f"cannot read ({e.strerror})"
            found.append(item)
    return found


def output_paths(out_dir: str, rel: str) -> tuple[Path, Path]:
    """(NAME.txt, NAME.json) for an input; raises UsageError if they would land outside out_dir."""
    out_real = os.path.realpath(out_dir)
    parent_rel, name = os.path.split(rel)
    parent = os.path.realpath(os.path.join(out_real, parent_rel))  # follows any symlink planted in out_dir
    if not inside(parent, out_real) or not name or name in (".", "..") or "/" in name:
        raise errors.UsageError(f"output path for {rel!r} would leave the output folder")
    return Path(parent, name + ".txt"), Path(parent, name + ".json")


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
