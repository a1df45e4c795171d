"""Where the images of a PDF page are drawn: each image's CTM (its unit square → user space) and pixel size."""
from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from .geometry import IDENTITY, Affine, then

MAX_DEPTH = 8


@dataclass(frozen=True)
class Placement:
    ctm: Affine
    width: int  # pixels
    height: int


def _floats(operands) -> Affine | None:
    try:
        a, b, c, d, e, f = (float(v) for v in operands)
    except (TypeError, ValueError):
        return None
    return a, b, c, d, e, f


def _walk(instructions, resources, ctm: Affine, depth: int, out: list[Placement]) -> None:
    stack: list[Affine] = []
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    for ins in instructions:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            im = ins.iimage
            out.append(Placement(ctm, int(im.width), int(im.height)))
            continue
        op = str(ins.operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            m = _floats(ins.operands)
            if m is not None:
                ctm = then(m, ctm)
        elif op == "Do" and ins.operands and isinstance(xobjects, pikepdf.Dictionary):
            xo = xobjects.get(str(ins.operands[0]))
            if not isinstance(xo, pikepdf.Stream):
                continue
            sub = xo.get("/Subtype")
            if sub == pikepdf.Name.Image:
                try:
                    out.append(Placement(ctm, int(xo.Width), int(xo.Height)))
                except (AttributeError, TypeError, ValueError):
                    pass
            elif sub == pikepdf.Name.Form and depth < MAX_DEPTH:
                m = _floats(xo.get("/Matrix", [1, 0, 0, 1, 0, 0])) or IDENTITY
                try:
                    inner = pikepdf.parse_content_stream(xo)
                except pikepdf.PdfError:
                    continue
                _walk(inner, xo.get("/Resources", resources), then(m, ctm), depth + 1, out)


def image_placements(page: pikepdf.Page) -> list[Placement]:
    """Every image drawn on the page (also inside Form XObjects and inline), with the CTM it is drawn with."""
    try:
        instructions = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return []
    out: list[Placement] = []
    _walk(instructions, page.obj.get("/Resources"), IDENTITY, 0, out)
    return out
