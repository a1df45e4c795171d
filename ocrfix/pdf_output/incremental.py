"""An incremental update: the input's bytes unchanged, followed by the objects changed or added and a new
cross-reference section. A signature's /ByteRange covers the signed revision only, so that revision stays
verifiable, and viewers show what was added after signing.

qpdf (pikepdf) cannot write incremental updates, so the document is changed in memory with pikepdf and the
objects that differ from a snapshot taken before are written here by hand.
"""
from __future__ import annotations

import re
import shutil
import zlib
from typing import Any, BinaryIO

import pikepdf

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)
TAIL = 4096  # bytes searched from the end for the last startxref


def _key(obj: pikepdf.Object) -> bytes:
    if isinstance(obj, pikepdf.Stream):
        return b"S" + obj.stream_dict.unparse(resolved=True)
    return b"O" + obj.unparse(resolved=True)


def _indirect(pdf: pikepdf.Pdf):
    """The document's indirect objects (pikepdf hands indirect numbers and booleans back as Python values,
    without their object number: nothing here changes or makes those)."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Object) and obj.objgen != (0, 0):
            yield obj


def snapshot(pdf: pikepdf.Pdf) -> dict[tuple[int, int], bytes]:
    """Every indirect object's serialized form (a stream's dictionary), before the document is changed."""
    return {obj.objgen: _key(obj) for obj in _indirect(pdf)}


def changed_objects(pdf: pikepdf.Pdf, before: dict[tuple[int, int], bytes]) -> list[pikepdf.Object]:
    """Objects added since the snapshot, or whose serialized form changed (stream data is never changed in
    place here: a changed content stream is a new object)."""
    out = []
    for obj in _indirect(pdf):
        og = obj.objgen
        if og not in before or before[og] != _key(obj):
            out.append(obj)
    return sorted(out, key=lambda o: o.objgen)


def _last_startxref(data_tail: bytes) -> int:
    m = list(_STARTXREF.finditer(data_tail))
    if not m:
        raise ValueError("no startxref at the end of the file")
    return int(m[-1].group(1))


def _object_bytes(obj: pikepdf.Object) -> bytes:
    num, gen = obj.objgen
    head = f"{num} {gen} obj\n".encode("ascii")
    if isinstance(obj, pikepdf.Stream):
        d = pikepdf.Dictionary({k: obj.stream_dict[k] for k in obj.stream_dict.keys()})
        try:
            raw = obj.read_raw_bytes()
        except pikepdf.PdfError:
            raw = b""
        if "/Filter" not in d and len(raw) > 64:  # a stream made here: compress it
            raw = zlib.compress(obj.read_bytes(), 9)
            d["/Filter"] = pikepdf.Name.FlateDecode
            if "/DecodeParms" in d:
                del d["/DecodeParms"]
        d["/Length"] = len(raw)
        return head + d.unparse(resolved=True) + b"\nstream\n" + raw + b"\nendstream\nendobj\n"
    return head + obj.unparse(resolved=True) + b"\nendobj\n"


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][0] + runs[-1][1] == n:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((n, 1))
    return runs


def write_update(src_path: str, pdf: pikepdf.Pdf, objects: list[pikepdf.Object], out: BinaryIO) -> None:
    """The input's bytes, then `objects` and a cross-reference section of the same kind as the input's last
    one (a table, or a cross-reference stream)."""
    with open(src_path, "rb") as f:
        shutil.copyfileobj(f, out)
        size = f.tell()
        f.seek(max(0, size - TAIL))
        tail = f.read()
        prev = _last_startxref(tail)
        f.seek(prev)
        xref_is_stream = not f.read(4).startswith(b"xref")
        f.seek(size - 1)
        ends_with_newline = f.read(1) in (b"\n", b"\r")
    pos = size
    if not ends_with_newline:
        out.write(b"\n")
        pos += 1
    offsets: dict[int, tuple[int, int]] = {}
    for obj in objects:
        data = _object_bytes(obj)
        offsets[obj.objgen[0]] = (pos, obj.objgen[1])
        out.write(data)
        pos += len(data)
    trailer = pdf.trailer
    top = max([o.objgen[0] for o in _indirect(pdf)] + [int(trailer.get("/Size", 1)) - 1])
    ids = trailer.get("/ID")
    id0 = bytes(ids[0]) if isinstance(ids, pikepdf.Array) and len(ids) == 2 else b"ocrfix"
    new_id = zlib.crc32(id0 + str(pos).encode()).to_bytes(4, "big") * 4
    entries: dict[str, object] = {
        "/Root": pdf.Root,
        "/Prev": prev,
        "/ID": pikepdf.Array([pikepdf.String(id0), pikepdf.String(new_id)]),
    }
    if "/Info" in trailer:
        entries["/Info"] = trailer.Info
    if xref_is_stream:
        xnum = top + 1
        offsets[xnum] = (pos, 0)
        nums = sorted(offsets)
        rows = b"".join(b"\x01" + offsets[n][0].to_bytes(4, "big") + offsets[n][1].to_bytes(2, "big") for n in nums)
        index = [v for start, count in _runs(nums) for v in (start, count)]
        d = pikepdf.Dictionary(Type=pikepdf.Name.XRef, Size=xnum + 1, W=[1, 4, 2], Index=index,
                               Filter=pikepdf.Name.FlateDecode, **_named(entries))
        data = zlib.compress(rows, 9)
        d["/Length"] = len(data)
        out.write(f"{xnum} 0 obj\n".encode() + _direct(d) + b"\nstream\n" + data + b"\nendstream\nendobj\n")
    else:
        nums = sorted(offsets)
        parts = [b"xref\n"]
        for start, count in _runs(nums):
            parts.append(f"{start} {count}\n".encode())
            for n in range(start, start + count):
                parts.append(f"{offsets[n][0]:010d} {offsets[n][1]:05d} n \n".encode())
        d = pikepdf.Dictionary(Size=top + 1, **_named(entries))
        out.write(b"".join(parts) + b"trailer\n" + _direct(d) + b"\n")
    out.write(f"startxref\n{pos}\n%%EOF\n".encode("ascii"))


def _named(entries: dict[str, object]) -> dict[str, Any]:
    """Trailer entries as keyword arguments of pikepdf.Dictionary ('/Root' → 'Root')."""
    return {k[1:]: v for k, v in entries.items()}


def _direct(d: pikepdf.Dictionary) -> bytes:
    """A trailer-style dictionary: indirect values as references."""
    items = []
    for k in d.keys():
        v = d[k]
        items.append(k.encode() + b" " + (v.unparse() if isinstance(v, pikepdf.Object) else str(v).encode()))
    return b"<< " + b" ".join(items) + b" >>"
