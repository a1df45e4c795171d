"""Render Vietnamese text to synthetic scanned pages: A4, Liberation Serif (Times-compatible) or, with a
random `Style`, DejaVu or Noto Serif and other margins and column geometry; with scan damage levels. Used by
tests, benchmarks, the sample builder and the channel-model builder."""
from __future__ import annotations

import io
import math
import re
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocrfix.fields.header import is_authority_line

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2",)  # 2.x: 1.x lacks Vietnamese glyphs
A4_MM = (210, 297)
# serif families a random Style draws from: (directory, file stem, name of the regular face, apt package)
FAMILIES = {
    "liberation": ("/usr/share/fonts/truetype/liberation2", "LiberationSerif-", "Regular", "fonts-liberation2"),
    "dejavu": ("/usr/share/fonts/truetype/dejavu", "DejaVuSerif", "", "fonts-dejavu-core"),
    "noto": ("/usr/share/fonts/truetype/noto", "NotoSerif-", "Regular", "fonts-noto-core"),
}


def font(size_px: int, bold: bool = False, italic: bool = False, family: str = "liberation") -> ImageFont.FreeTypeFont:
    if family != "liberation":
        d, stem, regular, pkg = FAMILIES[family]
        face = "BoldItalic" if bold and italic else "Bold" if bold else "Italic" if italic else regular
        p = Path(d) / f"{stem}{('-' if not stem.endswith('-') and face else '')}{face}.ttf"
        if not p.exists():
            raise FileNotFoundError(f"{p} not found: apt-get install {pkg}")
        return ImageFont.truetype(str(p), size_px)
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


def add_seal(img: Image.Image, center: tuple[int, int], radius: int, color=(200, 30, 40),
             text: str = "ỦY BAN NHÂN DÂN") -> Image.Image:
    """A red round seal stamped over what is there. Ink multiplies (black print under it stays black)."""
    from PIL import ImageChops

    over = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(over)
    cx, cy = center
    for r, wdt in ((radius, max(3, radius // 18)), (int(radius * 0.72), max(2, radius // 30))):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=wdt)
    f = font(max(10, radius // 6), bold=True)
    d.text((cx, cy), "★", font=f, fill=color, anchor="mm")
    if len(text) > 15:  # a long name: smaller letters further round the ring
        f = font(max(10, int(radius / 6 * max(0.75, 15 / len(text)))), bold=True)
    span = 0.8 if len(text) <= 15 else min(1.6, 0.8 + 0.04 * (len(text) - 15))  # longer names run further round the ring
    for i, ch in enumerate(text):
        a = math.pi * (1.5 - span / 2 + span * i / max(1, len(text) - 1))
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


def damage(img: Image.Image, level: str, rng: random.Random, src_dpi: int = 300,
           dpi: int | None = None) -> tuple[Image.Image, int]:
    """Simulate a scan: skew, downsampling, blur, noise, JPEG. Returns (image, its dpi).
    `dpi` overrides the level's resolution (the rest of the level stays)."""
    level_dpi, blur, quality, noise, skew = LEVELS[level]
    dpi = dpi or level_dpi
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


def save_pdf(pages: list[Image.Image], path: str | Path, dpi: int, quality: int = 60, date=None) -> None:
    """An image-only PDF: each page one embedded JPEG scan at `dpi`.

    `date` (a time.struct_time) fixes the creation and modification dates, so the same pages give the
    same bytes on every run; without it they are the current time."""
    pages = [p.convert("RGB") for p in pages]
    extra = {"creationDate": date, "modDate": date, "producer": "tools.render"} if date else {}
    pages[0].save(str(path), "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:], quality=quality,
                  **extra)


def paragraph_blocks(text: str, size_pt: float = 13) -> list[Block]:
    return [Block(p.strip(), size_pt=size_pt) for p in text.split("\n") if p.strip()]


# ---------------------------------------------------------------------------------------------------------
# Whole documents laid out like Decree 30/2020/NĐ-CP (Phụ lục I): the sample builder and the OCR benchmark.

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass
class DocParts:
    """The components of an administrative document, top to bottom (see shared/reference/decree30.md)."""

    issuer: list[str]  # body issuing it, capitals, bold (one entry per printed line)
    number: str  # "Số: 5348/CT-CS"
    place_date: str  # "Hà Nội, ngày 20 tháng 11 năm 2025"
    parent: list[str] = None  # parent body above the issuer, regular weight
    motto: tuple[str, ...] = MOTTO  # the national motto (a Party document: "ĐẢNG CỘNG SẢN VIỆT NAM")
    vv: str = ""  # "V/v …" under the number (công văn)
    doc_type: str = ""  # "QUYẾT ĐỊNH"; empty for a công văn
    subject: str = ""  # trích yếu under the type
    body: list[str] = None  # paragraphs
    recipients: list[str] = None  # "Nơi nhận:" then "- …;" lines
    signature: list[str] = None  # authority and title lines, then the signer's name last
    annex: list[str] = None  # what follows the signature (phụ lục, danh mục), from a new page


_PUNCT_END = tuple(".;:!?”\")]")


def _join_broken(lines: list[str]) -> list[str]:
    """Undo the line breaks a scraper put inside sentences: join a line to the previous one when that one
    does not end a sentence and this one goes on in lower case or with a number."""
    out: list[str] = []
    for ln in lines:
        if out and not out[-1].endswith(_PUNCT_END) and ln[:1] and (ln[0].islower() or ln[0].isdigit()):
            out[-1] += " " + ln
        else:
            out.append(ln)
    return out


def _join_caps_fragments(lines: list[str]) -> list[str]:
    """Header lines broken after one word ("BỘ" / "CÔNG THƯƠNG", "ỦY BAN NHÂN" / "DÂN") joined again."""
    out: list[str] = []
    for ln in lines:
        if out and (len(ln.split()) == 1 or len(out[-1].split()) == 1 or out[-1].endswith(("ỦY BAN", "NHÂN"))
                    or ln.startswith("NHÂN DÂN")):
            out[-1] += " " + ln
        else:
            out.append(ln)
    return out


_RULE = re.compile(r"[-_–—=.]{3,}")  # the rule printed under the issuer, scraped as a line of dashes
_LAW_NUMBER = re.compile(r"(Bộ luật|Luật|Pháp lệnh) số:")  # a law's number line: "Luật số: 103/2016/QH13"
_PLACE_FRAGMENT = re.compile(r"[A-ZĐ][^\s,:;/]*( [A-ZĐ][^\s,:;/]*)?")  # "Hà", "Tây": a place cut off its date


def _join_cut_anchors(lines: list[str]) -> list[str]:
    """"Nơi" / "nhận:" and "Kính" / "gửi: …" cut over two lines by the scraper, joined again."""
    out: list[str] = []
    for ln in lines:
        if out and out[-1] in ("Nơi", "Kính") and ln.startswith(("nhận", "gửi")):
            out[-1] += " " + ln
        else:
            out.append(ln)
    return out


def _closing(lines: list[str], i_recv: int | None, body_from: int
             ) -> tuple[int, list[str], list[str], list[str]]:
    """(end of the body, "Nơi nhận" lines, signature lines: authority and titles, then the name, annex lines).
    Without a "Nơi nhận" (a quyết định whose annex follows), the signature follows the body's closing "./."."""
    if i_recv is not None:
        recv_end = next((i for i in range(i_recv, len(lines)) if not lines[i]), len(lines))
        recipients = [ln for ln in lines[i_recv:recv_end] if ln]
        body_end, sig = i_recv, [ln for ln in lines[recv_end:] if ln]
    else:
        ends = [i for i in range(body_from, len(lines)) if lines[i].endswith("./.")]
        tail = _closing_block(lines, body_from) if not ends else None
        if not ends and tail is None:
            return len(lines), [], [], []
        body_end, recipients = (ends[0] + 1 if ends else tail or 0), []
        sig = [ln for ln in lines[body_end:] if ln]
    if not sig:
        return body_end, recipients, [], []
    k = next((i for i, ln in enumerate(sig) if ln != ln.upper()), len(sig) - 1)  # the signer's name
    name = re.sub(r"(\s+[^\s]*[A-ZĐ][^\s]*)+$", lambda m: m.group(0) if m.group(0) != m.group(0).upper() else "",
                  sig[k])  # text glued after the name ("… Tân PHỤ LỤC")
    annex = ([sig[k][len(name):].strip()] if sig[k][len(name):].strip() else []) + sig[k + 1:]
    return body_end, recipients, _join_caps_fragments(sig[:k]) + [name], annex


_NAME = re.compile(r"[A-ZĐ\u00c0-\u1ef9][^\s,.;:()]*( [A-ZĐ\u00c0-\u1ef9][^\s,.;:()]*){1,4}")


def _closing_block(lines: list[str], body_from: int) -> int | None:
    """Where a closing signature block starts in a text with neither "Nơi nhận" nor a closing "./." (a law:
    "… thông qua ngày …" / "CHỦ TỊCH QUỐC HỘI" / "Nguyễn Sinh Hùng"): the last lines are one to three title
    lines in capitals and a name; None when they are not."""
    idx = [i for i in range(body_from, len(lines)) if lines[i]]
    if len(idx) < 3 or not _NAME.fullmatch(lines[idx[-1]]) or lines[idx[-1]].isupper():
        return None
    k = len(idx) - 1
    while k > 0 and len(idx) - 1 - k < 3 and lines[idx[k - 1]].isupper() and len(lines[idx[k - 1]]) <= 60 \
            and not lines[idx[k - 1]].rstrip().endswith((".", ":", ";")):
        k -= 1
    return idx[k] if k < len(idx) - 1 and k > 0 else None


def parse_document(text: str) -> DocParts:
    """Split a corpus document (header, "Số: …", place and date, type, subject, body, "Nơi nhận:",
    signature) into its components. A text without the header (it starts at "Kính gửi") gives a document
    without one; a Party document has "ĐẢNG CỘNG SẢN VIỆT NAM" for its motto."""
    lines = _join_cut_anchors([ln.strip() for ln in text.split("\n")])
    i_recv = next((i for i, ln in enumerate(lines) if ln.startswith("Nơi nhận")), None)
    i_motto = next((i for i, ln in enumerate(lines[:30]) if ln.startswith("CỘNG")), None)
    i_so = next((i for i, ln in enumerate(lines[:40]) if ln.startswith("Số") or _LAW_NUMBER.match(ln)), None)
    i_date = next((i for i, ln in enumerate(lines[:40]) if re.search(r", ngày \S+ tháng \S+ năm \d{4}", ln)), None)
    if i_motto is None or i_so is None or i_date is None:  # no header: the text opens with "Kính gửi"
        body_end, recipients, sig, annex = _closing(lines, i_recv, 0)
        return DocParts(issuer=[], number="", place_date="", motto=(),
                        body=_join_broken([ln for ln in lines[:body_end] if ln]), recipients=recipients,
                        signature=sig, annex=annex)
    head = [ln for ln in lines[:i_motto] if ln and not _RULE.fullmatch(ln)]
    motto = MOTTO
    if head and head[-1] == "ĐẢNG" and lines[i_motto] == "CỘNG SẢN VIỆT NAM":
        head, motto = head[:-1], ("ĐẢNG CỘNG SẢN VIỆT NAM",)
    head = _join_caps_fragments(head)
    if len(head) >= 2 and not head[0].startswith(("ỦY BAN", "HỘI ĐỒNG")):
        parent, issuer = head[:-1], head[-1:]
    else:
        parent, issuer = [], head
    between = [ln for ln in lines[i_so:i_date] if ln]
    place_date = lines[i_date]
    if len(between) > 1 and _PLACE_FRAGMENT.fullmatch(between[-1]) and not between[-1].startswith("V/v"):
        place_date = between.pop() + " " + place_date  # "Hà" / "Nội, ngày …" broken by the scraper
    number = between[0]
    rest = between[1:]
    if number.rstrip().endswith(":") and rest:  # "Số:" / "100/2025/QĐ-UBND"
        number, rest = number + " " + rest[0], rest[1:]
    vv = " ".join(rest)
    body_end, recipients, sig, annex = _closing(lines, i_recv, i_date + 1)
    after = [ln for ln in lines[i_date + 1:body_end] if ln]
    doc_type, subject = "", []
    if not vv and after and after[0].isupper():
        doc_type = after.pop(0)
        while after and after[0] == after[0].upper() and any(c.isalpha() for c in after[0]):
            if (issuer and after[0] == issuer[-1]) or is_authority_line(after[0], " ".join(issuer)):
                break  # the authority line of a quyết định ("THỦ TƯỚNG CHÍNH PHỦ" / "Căn cứ …")
            if len(after) > 1 and issuer and issuer[-1].startswith(after[0] + " ") and \
                    (after[0] + " " + after[1]).startswith(issuer[-1]):
                frag = after.pop(0)  # "THỦ" / "TƯỚNG CHÍNH PHỦ điện:" cut by the scraper
                after[0] = frag + " " + after[0]
                break
            subject.append(after.pop(0))
    return DocParts(issuer=issuer, parent=parent, number=number, vv=vv, place_date=place_date, motto=motto,
                    doc_type=doc_type, subject=" ".join(subject), body=_join_broken(after),
                    recipients=recipients, signature=sig, annex=annex)


@dataclass(frozen=True)
class Style:
    """The geometry and type of one printed layout. `Style()` is the one layout the field rules were written on
    (Liberation Serif, Decree 30's margins); `random_style(seed)` draws another from the ranges real documents
    show. Lengths in mm (columns from the page's left edge; Nơi nhận and signature columns from the left
    margin, the signature's right end from the right margin), sizes in pt."""

    family: str = "liberation"  # liberation | dejavu | noto
    body_pt: float = 13
    margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15)  # top, bottom, left, right
    header_pt: float = 12.5  # parent body, issuer, the motto's first line
    motto2_pt: float = 13.5  # "Độc lập - Tự do - Hạnh phúc"
    number_pt: float = 13
    date_pt: float = 14
    left_col_mm: tuple[float, float] = (15, 95)  # issuer, number, V/v
    right_col_mm: tuple[float, float] = (85, 205)  # motto, place and date
    motto_break: int = 0  # 0: the motto's first line wraps only where its column ends; k: after its k-th word
    date_line: str = "natural"  # natural: where the columns put it | below: under the number | above: over it
    issuer_rule_mm: float = 22
    header_gap_mm: float = 8
    title_pt: float = 14
    body_spacing: float = 1.18
    indent_mm: float = 10
    recipients_mm: tuple[float, float] = (-10, 68)
    signature_mm: tuple[float, float] = (75, 5)
    sig_pt: float = 13.5
    name_pt: float = 14
    sig_gap_mm: float = 28  # from the last title line to the name (signature and seal go there)
    seal_radius_mm: float = 18
    seal_dx: float | None = None  # seal centre from the name's left end, in radii (None: drawn from the seed)
    seal_dy_mm: float | None = None  # seal centre below the last title line (None: drawn from the seed)


def random_style(seed: int) -> Style:
    """A Style drawn from `seed` (the same seed, the same Style). Ranges: what real 2025 documents show (fonts
    Liberation/Times, DejaVu, Noto serif; 13–14 pt body; the motto on one line or wrapped; the date line level
    with, above or below the number; seal over the name's left half or beside it)."""
    r = random.Random(seed * 7919 + 13)  # not the layout's own rng(seed): signature strokes stay independent
    u = r.uniform
    family = r.choice(("liberation", "dejavu", "noto"))
    wide = family == "dejavu"  # DejaVu Serif sets ~15 % wider: its header type is smaller in practice
    lx0 = u(8, 20)
    lx1 = lx0 + u(68, 84)
    rx0 = lx1 - u(0, 8)
    rx1 = u(198, 207)
    left = u(25, 35)
    rec1 = u(58, 74)
    header_pt = round(u(11.5, 12.5) if wide else u(12, 13.5), 1)
    return Style(
        family=family,
        body_pt=r.choice((13, 13.5, 14)),
        margins_mm=(round(u(15, 25), 1), round(u(15, 25), 1), round(left, 1), round(u(10, 20), 1)),
        header_pt=header_pt,
        motto2_pt=round(header_pt + u(0.5, 1.5), 1),
        number_pt=r.choice((13, 13.5, 14)),
        date_pt=r.choice((13, 13.5, 14)),
        left_col_mm=(round(lx0, 1), round(lx1, 1)),
        right_col_mm=(round(rx0, 1), round(rx1, 1)),
        motto_break=r.choice((0, 0, 0, 5, 6)),
        date_line=r.choice(("natural", "below", "above")),
        issuer_rule_mm=round(u(15, 35), 1),
        header_gap_mm=round(u(5, 12), 1),
        title_pt=r.choice((13.5, 14, 14.5)),
        body_spacing=round(u(1.1, 1.35), 2),
        indent_mm=round(u(8, 15), 1),
        recipients_mm=(round(-u(0, 12), 1), round(rec1, 1)),
        signature_mm=(round(rec1 + u(3, 20), 1), round(u(-2, 8), 1)),
        sig_pt=r.choice((13, 13.5, 14)),
        name_pt=r.choice((13, 13.5, 14)),
        sig_gap_mm=round(u(22, 34), 1),
        seal_radius_mm=round(u(15, 20), 1),
        seal_dx=round(u(-0.4, 0.6), 2),
        seal_dy_mm=round(u(10, 20), 1),
    )


class _Pager:
    """Draws lines top to bottom on A4 pages, starting a new page when one is full; keeps per page the
    text lines drawn (the ground truth) in reading order."""

    def __init__(self, dpi: int, margins_mm=(20, 20, 30, 15), family: str = "liberation"):  # top, bottom, left, right (Decree 30)
        self.dpi = dpi
        self.family = family
        self.w, self.h = int(A4_MM[0] / 25.4 * dpi), int(A4_MM[1] / 25.4 * dpi)
        top, bottom, left, right = (self.mm(m) for m in margins_mm)
        self.top, self.bottom, self.left, self.right = top, self.h - bottom, left, self.w - right
        self.pages: list[Image.Image] = []
        self.truth: list[list[str]] = []
        self.new_page()

    def mm(self, v: float) -> int:
        return int(round(v / 25.4 * self.dpi))

    def px(self, pt: float) -> int:
        return int(round(pt / 72 * self.dpi))

    def font(self, pt: float, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
        return font(self.px(pt), bold, italic, self.family)

    def new_page(self) -> None:
        self.pages.append(Image.new("RGB", (self.w, self.h), "white"))
        self.truth.append([])
        self.draw = ImageDraw.Draw(self.pages[-1])
        self.y = self.top
        n = len(self.pages)
        if n > 1:  # page numbers from page 2, centred in the top margin
            f = self.font(13)
            s = str(n)
            self.draw.text(((self.w - self.draw.textlength(s, font=f)) / 2, self.mm(8)), s, font=f, fill="black")
            self.truth[-1].append(s)

    def text_lines(self, text: str, x0: int, x1: int, y: int, size_pt: float, bold=False, italic=False,
                   align="left", indent: int = 0, spacing: float = 1.2, paginate: bool = True) -> int:
        """Draw one paragraph between x0 and x1 from y; returns the y below it."""
        f = self.font(size_pt, bold, italic)
        line_h = int(self.px(size_pt) * spacing)
        words = text.split()
        first = True
        while words:
            width = x1 - x0 - (indent if first else 0)
            n = 1
            while n < len(words) and f.getlength(" ".join(words[:n + 1])) <= width:
                n += 1
            line, words = " ".join(words[:n]), words[n:]
            if paginate and y + line_h > self.bottom:
                self.new_page()
                y = self.y
            lx = x0 + (indent if first else 0)
            lw = self.draw.textlength(line, font=f)
            if align == "center":
                self.draw.text((x0 + (x1 - x0 - lw) / 2, y), line, font=f, fill="black")
            elif align == "right":
                self.draw.text((x1 - lw, y), line, font=f, fill="black")
            elif align == "justify" and words and " " in line:
                _draw_justified(self.draw, lx, y, line, f, width)
            else:
                self.draw.text((lx, y), line, font=f, fill="black")
            self.truth[-1].append(line)
            y += line_h
            first = False
        return y

    def rule(self, xc: int, y: int, length: float) -> None:
        self.draw.line((xc - length / 2, y, xc + length / 2, y), fill="black", width=max(1, self.dpi // 150))


def _draw_header(pg: "_Pager", doc: DocParts, st: Style = Style()) -> int:
    """The two header columns (left about 40 % of the page): issuer, number and V/v left; motto and place/date
    right. Returns the y below them. The truth lists the left column, then the right one, whatever
    `st.date_line` puts higher on the page."""
    lx0, lx1 = pg.mm(st.left_col_mm[0]), pg.mm(st.left_col_mm[1])
    rx0, rx1 = pg.mm(st.right_col_mm[0]), pg.mm(st.right_col_mm[1])
    y = pg.top
    for ln in doc.parent or []:
        y = pg.text_lines(ln, lx0, lx1, y, st.header_pt, align="center", paginate=False)
    for ln in doc.issuer:
        y = pg.text_lines(ln, lx0, lx1, y, st.header_pt, bold=True, align="center", paginate=False)
    pg.rule((lx0 + lx1) // 2, y + pg.mm(0.8), pg.mm(st.issuer_rule_mm))
    y += pg.mm(3)
    y_number = y
    truth = pg.truth[-1]
    n_issuer = len(truth)

    def left_rest(y: int) -> int:  # number and V/v
        y = pg.text_lines(doc.number, lx0, lx1, y, st.number_pt, align="center", paginate=False)
        if doc.vv:
            y = pg.text_lines(doc.vv, lx0 + pg.mm(4), lx1 - pg.mm(4), y, 12, align="center", paginate=False)
        return y

    def motto(y: int) -> int:
        for k, ln in enumerate(doc.motto):
            pt = st.header_pt if k == 0 else st.motto2_pt
            words = ln.split()
            if k == 0 and st.motto_break and len(words) > st.motto_break:
                y = pg.text_lines(" ".join(words[:st.motto_break]), rx0, rx1, y, pt, bold=True, align="center",
                                  paginate=False)
                ln = " ".join(words[st.motto_break:])
            y = pg.text_lines(ln, rx0, rx1, y, pt, bold=True, align="center", paginate=False)
        if doc.motto:
            f = pg.font(st.header_pt if len(doc.motto) == 1 else st.motto2_pt, bold=True)
            pg.rule((rx0 + rx1) // 2, y + pg.mm(0.8), pg.draw.textlength(doc.motto[-1], font=f))
        return y + pg.mm(4)

    def date(y: int) -> int:
        return pg.text_lines(doc.place_date, rx0, rx1, y, st.date_pt, italic=True, align="center", paginate=False)

    if st.date_line == "above":  # the right column first: the number goes at least a line under the date
        y_date = motto(pg.top)
        n_motto = len(truth)
        y_left = left_rest(max(y_number, y_date + int(pg.px(st.date_pt) * 1.2)))
        n_left = len(truth)
        y = date(y_date)
        # reading order: issuer, number, V/v, then motto and date
        truth[n_issuer:] = truth[n_motto:n_left] + truth[n_issuer:n_motto] + truth[n_left:]
    else:
        y_left = left_rest(y_number)
        y = motto(pg.top)
        if st.date_line == "below":  # a line under the number at least
            y = max(y, y_number + int(pg.px(st.number_pt) * 1.2))
        y = date(y)
    return max(y, y_left) + pg.mm(st.header_gap_mm)


def layout_document(doc: DocParts, dpi: int = 300, seal: bool = True, seed: int = 0,
                    body_pt: float = 13, style: Style | None = None) -> tuple[list[Image.Image], list[list[str]]]:
    """Lay a document out on A4 pages like Decree 30: two-column header (issuer and number left, motto and
    place/date right), centred type and subject, justified body, then "Nơi nhận:" bottom left and the
    signature block bottom right with a red seal and a blue signature over it.

    `style` (a Style, e.g. random_style(seed)) sets fonts, margins and column geometry; None is the one
    layout of `Style(body_pt=body_pt)`, the same pixels as before styles existed.

    Returns the page images (clean, `dpi`) and per page the text lines in reading order (ground truth:
    left header column, right header column, then the rest; recipients before the signature block)."""
    rng = random.Random(seed)
    st = style if style is not None else Style(body_pt=body_pt)
    body_pt = st.body_pt
    pg = _Pager(dpi, st.margins_mm, st.family)
    y = pg.top
    if doc.issuer or doc.number:
        y = _draw_header(pg, doc, st)
    if doc.doc_type:
        y = pg.text_lines(doc.doc_type, pg.left, pg.right, y, st.title_pt, bold=True, align="center")
        if doc.subject:
            y = pg.text_lines(doc.subject, pg.left + pg.mm(10), pg.right - pg.mm(10), y, st.title_pt, bold=True,
                              align="center")
            pg.rule((pg.left + pg.right) // 2, y + pg.mm(0.8), pg.mm(40))
        y += pg.mm(6)
    indent = pg.mm(st.indent_mm)
    for para in doc.body or []:
        if para.startswith("Kính gửi"):
            y = pg.text_lines(para, pg.left + pg.mm(15), pg.right - pg.mm(10), y + pg.mm(2), body_pt + 1,
                              align="left") + pg.mm(2)
        else:
            y = pg.text_lines(para, pg.left, pg.right, y, body_pt, align="justify", indent=indent,
                              spacing=st.body_spacing) + pg.px(body_pt) // 5
        pg.y = y
        if y >= pg.bottom:
            pg.new_page()
            y = pg.y
    # closing: recipients (left) and signature (right) side by side; start a page if they do not fit
    sig = doc.signature or []
    rec = doc.recipients or []
    # the two cells of Decree 30's closing table, with a gutter between them (recipients wrap in theirs)
    cx0, cx1 = pg.left + pg.mm(st.recipients_mm[0]), pg.left + pg.mm(st.recipients_mm[1])
    f11 = pg.font(11)
    rec_lines = sum(1 + int(f11.getlength(ln) // (cx1 - cx0)) for ln in rec)
    need = max(pg.px(12) * 1.2 * (rec_lines + 1), pg.px(14) * 1.2 * len(sig) + pg.mm(st.sig_gap_mm + 2)) + pg.mm(6)
    if y + need > pg.bottom:
        pg.new_page()
        y = pg.y
    y += pg.mm(6)
    yr = y
    for k, ln in enumerate(rec):
        yr = pg.text_lines(ln, cx0, cx1, yr, 12 if k == 0 else 11, bold=k == 0, italic=k == 0, paginate=False,
                           spacing=1.15)
    sx0, sx1 = pg.left + pg.mm(st.signature_mm[0]), pg.right + pg.mm(st.signature_mm[1])
    ys = y
    for ln in sig[:-1]:
        ys = pg.text_lines(ln, sx0, sx1, ys, st.sig_pt, bold=True, align="center", paginate=False)
    ys_title = ys
    ys += pg.mm(st.sig_gap_mm)
    if sig:
        pg.text_lines(sig[-1], sx0, sx1, ys, st.name_pt, bold=True, align="center", paginate=False)
    if seal:
        img = pg.pages[-1]
        cx = (sx0 + sx1) // 2
        f = pg.font(st.name_pt, bold=True)
        name_w = pg.draw.textlength(sig[-1], font=f) if sig else pg.mm(40)
        r = pg.mm(st.seal_radius_mm)
        seal_text = " ".join(doc.issuer).upper()
        dx, dy = rng.uniform(-0.1, 0.3), rng.uniform(-2, 2) * pg.mm(1)
        if st.seal_dx is not None:
            dx = st.seal_dx
        y_seal = ys_title + pg.mm(14) + dy if st.seal_dy_mm is None else ys_title + pg.mm(st.seal_dy_mm)
        seal_c = (int(cx - name_w / 2 + dx * r), int(y_seal))
        img = add_signature(img, (int(cx - pg.mm(18)), ys_title + pg.mm(6), int(cx + pg.mm(22)), ys - pg.mm(4)), rng)
        img = add_seal(img, seal_c, r, text=seal_text[:34])
        pg.pages[-1] = img
    if doc.annex:  # phụ lục, danh mục: from a new page; a table scraped one cell per line stays a line per cell
        pg.new_page()
        y = pg.y
        for para in doc.annex:
            if para.isupper() and len(para) <= 200:
                y = pg.text_lines(para, pg.left, pg.right, y, 13, bold=True, align="center")
            else:
                y = pg.text_lines(para, pg.left, pg.right, y, body_pt, align="left", spacing=st.body_spacing) + pg.px(body_pt) // 5
            if y >= pg.bottom:
                pg.new_page()
                y = pg.y
    return pg.pages, pg.truth


def render_document(text: str, dpi: int = 300, seal: bool = True, seed: int = 0, style: Style | None = None):
    """parse_document + layout_document: corpus text → (clean page images, ground-truth lines per page)."""
    return layout_document(parse_document(text), dpi=dpi, seal=seal, seed=seed, style=style)


def scan(pages: list[Image.Image], level: str, rng: random.Random, src_dpi: int = 300,
         dpi: int | None = None) -> tuple[list[Image.Image], int]:
    """damage() every page of a document at one level; returns (pages, dpi)."""
    out = []
    for p in pages:
        im, dpi = damage(p, level, rng, src_dpi, dpi)
        out.append(im)
    return out, dpi


def white_point(img: Image.Image, white: int = 225) -> Image.Image:
    """A scanner's white-point correction: every level at or above `white` becomes paper white and the rest
    is stretched linearly. Flattens background noise, as scanner drivers do, so the JPEG stays small."""
    lut = [min(255, round(v * 255 / white)) for v in range(256)]
    return img.point(lut * len(img.getbands()))
