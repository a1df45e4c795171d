"""Render Vietnamese text to synthetic scanned pages: A4, Liberation Serif (Times-compatible), with
scan damage levels. Used by tests, benchmarks, the sample builder and the channel-model builder."""
from __future__ import annotations

import io
import math
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2",)  # 2.x: 1.x lacks Vietnamese glyphs
A4_MM = (210, 297)


def font(size_px: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-" + ("BoldItalic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular")
    for d in FONT_DIRS:
        p = Path(d) / f"{name}.ttf"
        if p.exists():
            return ImageFont.truetype(str(p), size_px)
    raise FileNotFoundError("Liberation Serif not found: apt-get install fonts-liberation")


@dataclass
class Block:
    """A run of text on the page: `align` is left | center | right | justify; `column` is full | left | right."""

    text: str
    size_pt: float = 13
    bold: bool = False
    italic: bool = False
    align: str = "justify"
    column: str = "full"
    space_after: float = 0.3  # in lines


def render_page(blocks: list[Block], dpi: int = 300, margins_mm=(30, 20, 20, 20)) -> tuple[Image.Image, list[str]]:
    """Draw blocks on an A4 page; returns the image and the text lines as drawn (the ground truth)."""
    w = int(A4_MM[0] / 25.4 * dpi)
    h = int(A4_MM[1] / 25.4 * dpi)
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    left_m, right_m, top_m = (int(m / 25.4 * dpi) for m in margins_mm[:3])
    y = top_m
    y_cols = {"left": top_m, "right": top_m}
    truth: list[str] = []
    for b in blocks:
        size_px = int(round(b.size_pt / 72 * dpi))
        f = font(size_px, b.bold, b.italic)
        if b.column == "full":
            x0, x1 = left_m, w - right_m
            y = max(y, *y_cols.values()) if b.column == "full" and any(v > top_m for v in y_cols.values()) else y
        else:
            mid = (left_m + w - right_m) // 2
            x0, x1 = (left_m - size_px, mid - size_px // 2) if b.column == "left" else (mid, w - right_m + size_px // 2)
            y = y_cols[b.column]
        line_h = int(size_px * 1.25)
        for para in b.text.split("\n"):
            for line in _wrap(para, f, x1 - x0):
                lw = draw.textlength(line, font=f)
                if b.align == "center":
                    x = x0 + (x1 - x0 - lw) / 2
                elif b.align == "right":
                    x = x1 - lw
                else:
                    x = x0
                if b.align == "justify" and line is not _last_line(para, f, x1 - x0, draw) and " " in line:
                    _draw_justified(draw, x0, y, line, f, x1 - x0)
                else:
                    draw.text((x, y), line, font=f, fill="black")
                truth.append(line)
                y += line_h
                if y > h - top_m:
                    break
        y += int(line_h * b.space_after)
        if b.column != "full":
            y_cols[b.column] = y
            y = top_m if all(v == top_m for v in y_cols.values()) else y
        else:
            y_cols = {"left": y, "right": y}
    return img, truth


def _wrap(para: str, f, width: float) -> list[str]:
    words = para.split()
    if not words:
        return []
    lines, cur = [], words[0]
    for wd in words[1:]:
        if f.getlength(cur + " " + wd) <= width:
            cur += " " + wd
        else:
            lines.append(cur)
            cur = wd
    lines.append(cur)
    return lines


def _last_line(para, f, width, draw):
    lines = _wrap(para, f, width)
    return lines[-1] if lines else None


def _draw_justified(draw, x0, y, line, f, width):
    words = line.split(" ")
    total = sum(f.getlength(w) for w in words)
    gap = (width - total) / (len(words) - 1)
    if gap > f.size * 1.2:  # do not stretch a short line absurdly
        draw.text((x0, y), line, font=f, fill="black")
        return
    x = x0
    for w in words:
        draw.text((x, y), w, font=f, fill="black")
        x += f.getlength(w) + gap


def add_seal(img: Image.Image, center: tuple[int, int], radius: int, color=(200, 30, 40)) -> Image.Image:
    """A red round seal stamped over what is there. Ink multiplies (black print under it stays black)."""
    from PIL import ImageChops

    over = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(over)
    cx, cy = center
    for r, wdt in ((radius, max(3, radius // 18)), (int(radius * 0.72), max(2, radius // 30))):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=wdt)
    f = font(max(10, radius // 6), bold=True)
    d.text((cx, cy), "★", font=f, fill=color, anchor="mm")
    text = "ỦY BAN NHÂN DÂN"
    for i, ch in enumerate(text):
        a = math.pi * (1.1 + 0.8 * i / max(1, len(text) - 1))
        x, y = cx + radius * 0.86 * math.cos(a), cy + radius * 0.86 * math.sin(a)
        d.text((x, y), ch, font=f, fill=color, anchor="mm")
    return ImageChops.multiply(img.convert("RGB"), over)


def add_signature(img: Image.Image, box: tuple[int, int, int, int], rng: random.Random, color=(20, 40, 160)) -> Image.Image:
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    pts = []
    for i in range(40):
        t = i / 39
        pts.append((x0 + t * (x1 - x0), (y0 + y1) / 2 + math.sin(t * 12 + rng.random()) * (y1 - y0) / 3))
    d.line(pts, fill=color, width=4)
    return img


# damage levels: (name, dpi, blur radius, jpeg quality, noise sigma, max skew degrees)
LEVELS = {
    "clean": (300, 0.0, 95, 0.0, 0.0),
    "mild": (200, 0.4, 75, 4.0, 0.5),
    "medium": (150, 0.6, 40, 6.0, 1.0),
    "heavy": (120, 0.7, 30, 8.0, 1.5),
    "severe": (100, 0.8, 25, 10.0, 1.5),
}


def damage(img: Image.Image, level: str, rng: random.Random, src_dpi: int = 300) -> tuple[Image.Image, int]:
    """Simulate a scan: skew, downsampling, blur, noise, JPEG. Returns (image, its dpi)."""
    dpi, blur, quality, noise, skew = LEVELS[level]
    if skew:
        img = img.rotate(rng.uniform(-skew, skew), resample=Image.BICUBIC, fillcolor="white", expand=False)
    if dpi != src_dpi:
        f = dpi / src_dpi
        img = img.resize((int(img.width * f), int(img.height * f)), Image.LANCZOS)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        a = np.asarray(img).astype(np.int16)
        nrng = np.random.default_rng(rng.randrange(1 << 30))
        a = np.clip(a + nrng.normal(0, noise, a.shape), 0, 255).astype(np.uint8)
        img = Image.fromarray(a)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out.convert("RGB"), dpi


def save_pdf(pages: list[Image.Image], path: str | Path, dpi: int, quality: int = 60) -> None:
    """An image-only PDF: each page one embedded JPEG scan at `dpi`."""
    pages = [p.convert("RGB") for p in pages]
    pages[0].save(str(path), "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:], quality=quality)


def paragraph_blocks(text: str, size_pt: float = 13) -> list[Block]:
    return [Block(p.strip(), size_pt=size_pt) for p in text.split("\n") if p.strip()]
