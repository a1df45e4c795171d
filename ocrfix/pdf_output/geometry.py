"""Where a page's OCR pixels are on the PDF page: affine maps from the OCR'd image frame to PDF user space.

An affine is a PDF matrix (a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f. `then(m1, m2)` is m1
followed by m2 (PDF's `cm` order).

The OCR'd frame is the input image after ocrfix's preprocessing: turned upright by a quarter turn
(`Page.rotation`, clockwise) and straightened by `Page.skew` degrees (OpenCV's sense: counter-clockwise on
screen), both about the image centre, and possibly scaled (upscale). Rotations about the centre commute, so
the whole step is centre → rotate → centre, undone here exactly.
"""
from __future__ import annotations

import math

Affine = tuple[float, float, float, float, float, float]
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def then(m1: Affine, m2: Affine) -> Affine:
    """m1 applied first, then m2."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def translate(x: float, y: float) -> Affine:
    return (1.0, 0.0, 0.0, 1.0, x, y)


def scale(sx: float, sy: float) -> Affine:
    return (sx, 0.0, 0.0, sy, 0.0, 0.0)


def _linear(m11: float, m12: float, m21: float, m22: float) -> Affine:
    """The column-vector matrix [[m11, m12], [m21, m22]] as a PDF affine."""
    return (m11, m21, m12, m22, 0.0, 0.0)


def unturn(width: int, height: int, rotation: int, skew: float) -> tuple[Affine, tuple[int, int]]:
    """Map from the OCR'd frame (width × height px) back to the input image frame, and that frame's size.

    Pipeline, in column vectors about the centres c_in, c_out: p_out = c_out + Q·R(skew)·(p_in − c_in), with Q
    the clockwise quarter turn and R OpenCV's rotation [[cos, sin], [−sin, cos]]."""
    rotation %= 360
    in_w, in_h = (width, height) if rotation in (0, 180) else (height, width)
    t = math.radians(skew)
    cos, sin = math.cos(t), math.sin(t)
    r_inv = _linear(cos, -sin, sin, cos)  # R(skew)⁻¹
    q_inv = {0: _linear(1, 0, 0, 1), 90: _linear(0, 1, -1, 0), 180: _linear(-1, 0, 0, -1),
             270: _linear(0, -1, 1, 0)}[rotation]  # Qᵀ
    m = then(translate(-width / 2, -height / 2), then(q_inv, then(r_inv, translate(in_w / 2, in_h / 2))))
    return m, (in_w, in_h)


def image_to_user(ctm: Affine, width: float, height: float) -> Affine:
    """Pixels (y down) of an image drawn with `ctm` (its unit square → user space) → user space."""
    return then((1.0 / width, 0.0, 0.0, -1.0 / height, 0.0, 1.0), ctm)


def display_to_user(box: tuple[float, float, float, float], rotate: int, width: float, height: float) -> Affine:
    """Pixels (y down) of a rendering of the displayed page (its box turned by /Rotate), width × height px,
    → user space."""
    x0, y0, x1, y1 = box
    rotate %= 360
    disp_w, disp_h = (x1 - x0, y1 - y0) if rotate in (0, 180) else (y1 - y0, x1 - x0)
    to_disp = scale(disp_w / width, disp_h / height)  # display points, y down from the top left
    to_user = {
        0: (1.0, 0.0, 0.0, -1.0, x0, y1),      # (X, Y) → (x0 + X, y1 − Y)
        90: (0.0, 1.0, 1.0, 0.0, x0, y0),      # → (x0 + Y, y0 + X)
        180: (-1.0, 0.0, 0.0, 1.0, x1, y0),    # → (x1 − X, y0 + Y)
        270: (0.0, -1.0, -1.0, 0.0, x1, y1),   # → (x1 − Y, y1 − X)
    }[rotate]
    return then(to_disp, to_user)


def displayed_size(box: tuple[float, float, float, float], rotate: int) -> tuple[float, float]:
    x0, y0, x1, y1 = box
    return (x1 - x0, y1 - y0) if rotate % 180 == 0 else (y1 - y0, x1 - x0)


def snap_to_quarter(m: Affine, max_degrees: float) -> Affine:
    """`m` with its rotation rounded to a multiple of 90° when it is within `max_degrees` of one (same scales,
    same origin): text drawn a few degrees askew has a baseline that drifts inside a word, and poppler starts a
    new word when it drifts by half a point."""
    a, b, c, d, e, f = m
    angle = math.atan2(b, a)
    quarter = round(angle / (math.pi / 2)) * (math.pi / 2)
    if abs(angle - quarter) > math.radians(max_degrees):
        return m
    sx, sy = math.hypot(a, b), math.hypot(c, d)
    flip = -1.0 if a * d - b * c < 0 else 1.0
    cos, sin = round(math.cos(quarter)), round(math.sin(quarter))
    return (sx * cos, sx * sin, -flip * sy * sin, flip * sy * cos, e, f)
