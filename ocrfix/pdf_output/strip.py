"""Removing an old invisible text layer (text rendering mode 3) from a page, also inside its Form XObjects.

Only the text-showing operators drawn in mode 3 go; the `'` and `"` operators keep their line moves (T*, Tw,
Tc), so visible text after them in the same text object stays where it was. Streams with nothing to remove
are not rewritten, and a Form XObject is changed as a copy for this page only (another page may share it).
"""
from __future__ import annotations

import pikepdf

INVISIBLE = 3
SHOW_OPS = {"Tj", "TJ", "'", '"'}
MAX_FORM_DEPTH = 8


def _filter(instructions, tr: int) -> tuple[list, int, dict[str, set[int]]]:
    """(kept instructions, shows removed, XObject names → the Tr values in force where each is invoked)."""
    out: list = []
    removed = 0
    stack: list[int] = []
    calls: dict[str, set[int]] = {}
    font: str | None = None
    fstack: list[str | None] = []
    used: set[str | None] = set()  # the fonts a kept show draws with
    for ins in instructions:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            out.append(ins)
            continue
        op = str(ins.operator)
        if op == "q":
            stack.append(tr)
            fstack.append(font)
        elif op == "Q":
            tr = stack.pop() if stack else tr
            font = fstack.pop() if fstack else font
        elif op == "Tf" and ins.operands:
            font = str(ins.operands[0])
        elif op == "Tr" and ins.operands:
            try:
                tr = int(ins.operands[0])
            except (TypeError, ValueError):
                pass
        elif op == "Do" and ins.operands:
            calls.setdefault(str(ins.operands[0]), set()).add(tr)
        if op in SHOW_OPS and tr == INVISIBLE:
            removed += 1
            if op == "'":
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
            elif op == '"' and len(ins.operands) == 3:
                aw, ac = ins.operands[0], ins.operands[1]
                out.append(pikepdf.ContentStreamInstruction([aw], pikepdf.Operator("Tw")))
                out.append(pikepdf.ContentStreamInstruction([ac], pikepdf.Operator("Tc")))
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
            continue
        if op in SHOW_OPS:
            used.add(font)
        out.append(ins)
    if removed:  # a Tf of a font only the removed text used sets nothing a kept show reads
        out = [ins for ins in out if isinstance(ins, pikepdf.ContentStreamInlineImage) or str(ins.operator) != "Tf"
               or not ins.operands or str(ins.operands[0]) in used]
    return out, removed, calls


def _strip_forms(pdf: pikepdf.Pdf, resources, calls: dict[str, set[int]], depth: int) -> tuple[object, int]:
    """Resources with the invoked forms' invisible text removed (a changed copy, or the same object)."""
    if depth > MAX_FORM_DEPTH or not isinstance(resources, pikepdf.Dictionary):
        return resources, 0
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return resources, 0
    removed, new_x = 0, {}
    for name, trs in calls.items():
        form = xobjects.get(name)
        if not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != pikepdf.Name.Form:
            continue
        changed, n = strip_stream(pdf, form, min(trs) if len(trs) == 1 else 0, depth + 1)
        if n:
            new_x[name] = changed
            removed += n
    if not new_x:
        return resources, 0
    x_copy = pikepdf.Dictionary({k: xobjects[k] for k in xobjects.keys()})
    for name, form in new_x.items():
        x_copy[name] = form
    r_copy = pikepdf.Dictionary({k: resources[k] for k in resources.keys()})
    r_copy["/XObject"] = x_copy
    return r_copy, removed


def strip_stream(pdf: pikepdf.Pdf, form: pikepdf.Stream, tr: int = 0, depth: int = 0) -> tuple[pikepdf.Stream, int]:
    """A Form XObject without its invisible text: a new stream (the same one if nothing was removed)."""
    try:
        instructions = pikepdf.parse_content_stream(form)
    except pikepdf.PdfError:
        return form, 0
    kept, removed, calls = _filter(instructions, tr)
    resources, n = _strip_forms(pdf, form.get("/Resources"), calls, depth)
    if not removed and not n:
        return form, 0
    new = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    for key in form.keys():
        if key not in ("/Length", "/Filter", "/DecodeParms"):
            new[key] = form[key]
    if n or removed:
        new["/Resources"] = _without_unused_fonts(resources, kept)
    return new, removed + n


def _without_unused_fonts(resources, kept):
    """A copy of a form's resources without the fonts no kept Tf selects (the old layer's fonts, often not
    embedded, which PDF/A would refuse)."""
    if not isinstance(resources, pikepdf.Dictionary) or not isinstance(resources.get("/Font"), pikepdf.Dictionary):
        return resources
    used = {str(ins.operands[0]) for ins in kept
            if isinstance(ins, pikepdf.ContentStreamInstruction) and str(ins.operator) == "Tf" and ins.operands}
    fonts = resources["/Font"]
    r_copy = pikepdf.Dictionary({k: resources[k] for k in resources.keys()})
    r_copy["/Font"] = pikepdf.Dictionary({k: fonts[k] for k in fonts.keys() if k in used})
    return r_copy


def strip_invisible_text(pdf: pikepdf.Pdf, page: pikepdf.Page) -> int:
    """Remove the page's mode-3 text (content and Form XObjects); returns how many show operators went."""
    try:
        instructions = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return 0
    kept, removed, calls = _filter(instructions, 0)
    resources, n = _strip_forms(pdf, page.obj.get("/Resources"), calls, 0)
    if removed:
        page.obj["/Contents"] = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    if n:
        page.obj["/Resources"] = resources
    if removed or n:
        try:
            page.remove_unreferenced_resources()
        except Exception:  # a malformed resource tree: leave the (unused) entries
            pass
    return removed + n
