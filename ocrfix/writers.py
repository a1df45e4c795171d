"""Crash-safe output files: a reader never sees a partial file, whatever moment the writer is killed.

Every file is written to a temporary name in its own folder, flushed, fsync'ed and renamed over the
final name (`os.replace` is atomic on POSIX). The archive manifest is append-only: each record is one
line written with a single `write`, flushed and fsync'ed; a torn last line (the writer was killed inside
the write) is skipped on read and fenced off with a newline before the next append.

>>> from ocrfix.writers import write_text_atomic, read_manifest
>>> write_text_atomic("out/a.txt", "Số: 12/BC-UBND\\n")  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

TMP_PREFIX = ".ocrfix-tmp-"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `path` so that `path` is either the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def write_text_atomic(path: str | os.PathLike, text: str, bom: bool = False) -> None:
    write_bytes_atomic(path, (("\ufeff" if bom else "") + text).encode("utf-8"))


def dumps(obj: Any, **kw) -> str:
    """JSON with Vietnamese kept readable; falls back to \\u escapes for undecodable file names."""
    s = json.dumps(obj, ensure_ascii=False, **kw)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a non-UTF-8 file name
        s = json.dumps(obj, ensure_ascii=True, **kw)
    return s


def write_json_atomic(path: str | os.PathLike, obj: Any) -> None:
    write_text_atomic(path, dumps(obj, indent=1) + "\n")


def write_document(doc, txt_path: str | os.PathLike, json_path: str | os.PathLike) -> None:
    """NAME.txt (restored text) and NAME.json (doc.to_dict()), each atomically."""
    write_text_atomic(txt_path, doc.text)
    write_json_atomic(json_path, doc.to_dict())


def remove_stale_temps(root: str | os.PathLike) -> int:
    """Delete temporary files left by a writer that was killed (call only while holding the run lock)."""
    n = 0
    for dirpath, _dirs, files in os.walk(os.fspath(root)):
        for name in files:
            if name.startswith(TMP_PREFIX):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    n += 1
                except OSError:
                    pass
    return n


# -- manifest ------------------------------------------------------------------------------------

def append_record(path: str | os.PathLike, record: dict) -> None:
    """Append one JSON line with one write + flush + fsync (a kill leaves at most a torn last line)."""
    line = (dumps(record) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, line)
        while written < len(line):  # short writes are rare on local files, but not impossible
            written += os.write(fd, line[written:])
        os.fsync(fd)
    finally:
        os.close(fd)


def fence_torn_line(path: str | os.PathLike) -> None:
    """If the file does not end with a newline (a torn record), end it so the next record starts clean."""
    try:
        with open(path, "rb+") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() == 0:
                return
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                f.write(b"\n")
                f.flush()
                os.fsync(f.fileno())
    except FileNotFoundError:
        pass


def read_manifest(path: str | os.PathLike) -> list[dict]:
    """All well-formed records, in order; torn or garbled lines are skipped."""
    out = []
    try:
        with open(path, "rb") as f:
            for raw in f:
                try:
                    rec = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    continue
                if isinstance(rec, dict) and "path" in rec and "status" in rec:
                    out.append(rec)
    except FileNotFoundError:
        pass
    return out


def write_manifest_atomic(path: str | os.PathLike, records: Iterable[dict]) -> None:
    write_text_atomic(path, "".join(dumps(r) + "\n" for r in records))


# -- fields.csv ----------------------------------------------------------------------------------

def write_fields_csv(rows: Sequence[tuple[str, dict | None]], path: str | os.PathLike) -> Path:
    """Rows of (source path, fields) as CSV, UTF-8 with BOM (Excel and LibreOffice show Vietnamese), atomically.

    >>> write_fields_csv([("kim_bang.txt", {"issuer": "UBND HUYỆN KIM BẢNG"})], "/tmp/fields.csv")  # doctest: +SKIP
    """
    from .fields.table import COLUMNS, fields_row

    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for source, f in rows:
        w.writerow(fields_row(source, f or {}))
    path = Path(path)
    write_text_atomic(path, buf.getvalue(), bom=True)
    _fsync_dir(path.parent)
    return path
