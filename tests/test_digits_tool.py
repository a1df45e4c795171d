"""tools/digits.py, the builder of the digit classifier: its optional augmentations (digits8, not kept) leave the
shipped recipe as it was, and draw the shapes they are meant to."""
import numpy as np

from tools import digits as tool


def _bar() -> np.ndarray:
    img = np.zeros((84, 84), np.float32)
    img[12:72, 40:46] = 1.0  # an upright "1", 60 px high
    return img


def test_the_shipped_recipe_has_no_extra_augmentation():
    assert tool.AUG == tool.Augment()
    # off, a "7" is distorted as any digit, drawing no extra random numbers (the shipped model's stream)
    a = tool.distort(_bar(), np.random.default_rng(5), 7)
    assert np.array_equal(a, tool.distort(_bar(), np.random.default_rng(5), -1))
    tool.AUG.crossed_sevens = 1.0
    try:
        assert not np.array_equal(tool.distort(_bar(), np.random.default_rng(5), 7), a)
    finally:
        tool.AUG.crossed_sevens = 0.0


def test_a_long_flag_runs_down_to_the_left_of_the_stem():
    reach = []
    for seed in range(40):
        out = tool.long_flag_one(_bar(), np.random.default_rng(seed))
        added = (out > 0.5) & ~(_bar() > 0.5)
        ys, xs = np.nonzero(added[:, :40])  # the flag: new ink left of the stem
        assert len(ys) > 0
        reach.append((ys.max() - 12) / 60)
    assert max(reach) >= 0.45 and min(reach) < 0.3  # some flags run down to about half the height


def test_a_crossed_seven_gets_a_bar_across_its_stem():
    seven = np.zeros((84, 84), np.float32)
    seven[12:18, 20:64] = 1.0  # the top bar
    for y in range(18, 72):  # the stem, down to the left
        x = int(60 - (y - 18) * 0.4)
        seven[y, x - 3: x + 3] = 1.0
    out = tool.cross_seven(seven, np.random.default_rng(1))
    rows = (out > 0.5).sum(axis=1)
    assert rows[35:52].max() >= 3 * rows[35:52].min()  # a row in the middle now carries a bar


def test_a_drawn_one_is_tall_thin_and_flagged():
    for seed in range(20):
        img = tool.drawn_one(np.random.default_rng(seed))
        ys, xs = np.nonzero(img > 0.5)
        h, w = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
        assert 50 <= h <= 80 and w < h
