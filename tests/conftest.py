import random
import subprocess
import sys

import pytest

from tools import render

PARAGRAPH = (
    "Thực hiện Kế hoạch số 25/KH-UBND ngày 15 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh về việc "
    "tăng cường công tác cải cách hành chính, Ủy ban nhân dân huyện báo cáo kết quả triển khai như sau: "
    "các cơ quan, đơn vị đã quán triệt đầy đủ nội dung, phân công nhiệm vụ cụ thể cho từng cán bộ, "
    "công chức; kịp thời cung cấp thông tin cho báo chí và giải quyết dứt điểm những vướng mắc phát sinh."
)


@pytest.fixture(scope="session")
def paragraph_page():
    """(image, ground-truth text) of a clean rendered A4 page."""
    img, truth = render.render_page(render.paragraph_blocks(PARAGRAPH))
    return img, "\n".join(truth)


def run_cli(*args, stdin=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "ocrfix", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def rng():
    return random.Random(1234)
