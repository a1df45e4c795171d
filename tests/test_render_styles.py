"""tools.render: random page layouts (Style) for the end-to-end fields benchmark, and the one layout the
field rules were written on kept pixel for pixel. No Tesseract needed."""
from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from tools import render
from tools.render import DocParts, Style, layout_document, random_style

DOC = DocParts(
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], number="Số: 1716/QĐ-UBND",
    place_date="Lâm Đồng, ngày 25 tháng 11 năm 2025", doc_type="QUYẾT ĐỊNH",
    subject="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
    body=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
          "Điều 1. Phê duyệt kế hoạch chuyển đổi số năm 2026 của tỉnh kèm theo Quyết định này.",
          "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./."],
    recipients=["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, KGVX."],
    signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hồ Văn Mười"])

# sha256 of the pages and truth of DOC by layout_document(DOC, dpi=100, seed=3) with the code before Style
# existed (main at 744f7de; Pillow and FreeType of the project venv): style=None must keep these pixels
BEFORE_STYLES = "2f5aaecdcc3d5e7c63c858f1c9aabbff84f08602fb2f43210f5566d1b4d59057"


def digest(pages, truth) -> str:
    h = hashlib.sha256()
    for p in pages:
        h.update(p.tobytes())
    h.update(repr(truth).encode("utf-8"))
    return h.hexdigest()


def test_no_style_is_the_layout_of_before():
    assert digest(*layout_document(DOC, dpi=100, seed=3)) == BEFORE_STYLES
    assert digest(*layout_document(DOC, dpi=100, seed=3, style=Style())) == BEFORE_STYLES


def test_seeds_draw_different_styles_and_the_same_seed_the_same():
    assert random_style(1) != random_style(2)
    assert random_style(7) == random_style(7)
    styles = [random_style(s) for s in range(60)]
    assert len(set(styles)) == 60
    assert {s.family for s in styles} == {"liberation", "dejavu", "noto"}
    assert {s.date_line for s in styles} == {"natural", "below", "above"}
    assert {s.body_pt for s in styles} <= {13, 13.5, 14} and len({s.body_pt for s in styles}) > 1
    assert any(s.motto_break for s in styles) and any(not s.motto_break for s in styles)


@pytest.mark.parametrize("family", ["liberation", "dejavu", "noto"])
def test_every_family_draws_vietnamese(family):
    f = render.font(40, bold=True, family=family)
    assert f.getlength("Ệ") > 0 and f.getbbox("Ệ")[1] < f.getbbox("E")[1]  # the dot and circumflex are drawn


def test_a_random_style_changes_pixels_not_text():
    base_pages, base_truth = layout_document(DOC, dpi=100, seed=3)
    for s in (11, 12):
        pages, truth = layout_document(DOC, dpi=100, seed=3, style=random_style(s))
        assert digest(pages, truth) != BEFORE_STYLES
        assert " ".join(" ".join(t) for t in truth).split() == " ".join(" ".join(t) for t in base_truth).split()


@pytest.mark.parametrize("date_line", ["above", "below"])
def test_date_line_above_or_below_the_number_truth_stays_in_column_order(date_line):
    """The date line may sit above or below the number on the page; the truth still reads the left column
    (issuer, number) before the right one (motto, date)."""
    st = replace(Style(), date_line=date_line)
    pages, truth = layout_document(DOC, dpi=100, seed=3, style=st)
    head = truth[0][:6]
    assert head == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 1716/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 25 tháng 11 năm 2025"]
    # where the number and the date were drawn: the last text line of each header column (header only)
    import numpy as np

    head_only = DocParts(issuer=DOC.issuer, number=DOC.number, place_date=DOC.place_date)
    page = layout_document(head_only, dpi=100, seal=False, style=st)[0][0]
    a = np.asarray(page.convert("L")) < 128
    pg = render._Pager(100)
    rows = lambda m: [y for y in range(m.shape[0]) if m[y].any()]  # noqa: E731
    number_top = _last_run_top(rows(a[:, pg.mm(16):pg.mm(80)]))
    date_top = _last_run_top(rows(a[:, pg.mm(100):pg.mm(200)]))
    if date_line == "above":
        assert date_top < number_top
    else:
        assert date_top > number_top


def _last_run_top(rows: list[int]) -> int:
    """The first row of the last run of consecutive inked rows (the last text line of a column)."""
    top = rows[-1]
    for y in reversed(rows[:-1]):
        if y != top - 1:
            break
        top = y
    return top


def test_motto_break_puts_the_motto_on_two_lines():
    _, truth = layout_document(DOC, dpi=100, seed=3, style=replace(Style(), motto_break=5))
    assert "CỘNG HÒA XÃ HỘI CHỦ" in truth[0] and "NGHĨA VIỆT NAM" in truth[0]


def test_random_styles_keep_columns_apart_and_on_the_page():
    """Drawn geometry stays printable: header columns overlap at most as much as Decree 30's own layout
    (10 mm), the Nơi nhận cell ends before the signature cell starts, everything inside A4."""
    for seed in range(300):
        st = random_style(seed)
        (lx0, lx1), (rx0, rx1) = st.left_col_mm, st.right_col_mm
        assert 0 < lx0 < lx1 and lx1 - rx0 <= 10 and rx1 <= 210
        top, bottom, left, right = st.margins_mm
        assert 0 < st.recipients_mm[1] < st.signature_mm[0] and left + st.recipients_mm[0] > 0
        assert 210 - right + st.signature_mm[1] <= 210
        assert 13 <= st.body_pt <= 14
