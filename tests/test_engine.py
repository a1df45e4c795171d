"""One interface over tesserocr (in process) and pytesseract (the tesseract program), both for real."""
import pytest

from ocrfix import errors, preprocess
from ocrfix.metrics import cer
from ocrfix.recognition import engine, lines_text


@pytest.mark.parametrize("kind", ["tesserocr", "pytesseract"])
def test_both_engines_read_a_page_the_same_way(kind, paragraph_page, monkeypatch):
    if kind == "tesserocr":
        pytest.importorskip("tesserocr")
    monkeypatch.setenv(engine.ENGINE_ENV, kind)
    img, truth = paragraph_page
    g = preprocess.gray(preprocess.to_bgr(img))
    eng = engine.get_engine("vie")
    assert eng.name == kind and eng is engine.get_engine("vie")  # one engine (one model load) per process
    lines = eng.read(g, 3, 300)
    assert cer(lines_text(lines), truth) < 0.02
    words = [w for ln in lines for w in ln.words]
    assert all(len(w.box) == 4 and 0 <= w.confidence <= 100 for w in words)
    # a region read again lands in page coordinates, on the words the page pass read there
    first = lines[0].words[0]
    x, y, w, h = first.box
    again = eng.read_region(g, (x - 10, y - 10, w + 20, h + 20), 7, 300)
    assert again and again[0].words[0].text == first.text
    assert abs(again[0].words[0].box[0] - x) <= 3 and abs(again[0].words[0].box[1] - y) <= 3


def test_osd_in_process_turns_a_sideways_page_upright(paragraph_page, monkeypatch):
    pytest.importorskip("tesserocr")
    monkeypatch.setenv(engine.ENGINE_ENV, "tesserocr")
    img, _ = paragraph_page
    g = preprocess.gray(preprocess.to_bgr(img.rotate(90, expand=True)))
    upright = preprocess.fix_orientation(g)
    assert upright.shape[0] > upright.shape[1]
    assert preprocess.fix_orientation(preprocess.gray(preprocess.to_bgr(img))).shape == (img.height, img.width)


def test_missing_language_is_a_setup_error(monkeypatch):
    pytest.importorskip("tesserocr")
    monkeypatch.setenv(engine.ENGINE_ENV, "tesserocr")
    with pytest.raises(errors.SetupError, match="not installed"):
        engine.get_engine("xyz")
    monkeypatch.setenv(engine.ENGINE_ENV, "nonsense")
    with pytest.raises(errors.SetupError, match="OCRFIX_ENGINE"):
        engine.get_engine("vie")


def test_a_region_off_the_page_reads_nothing_instead_of_failing():
    """A column crop whose box lies past the page's edge (a rotated, shifted scan) is empty: OpenCV refuses to pad
    an empty image, which failed a whole real page before."""
    import numpy as np

    img = np.full((100, 200), 255, dtype=np.uint8)
    region, _, _ = engine.crop(img, (250, 10, 40, 30), 20)
    assert region.size == 0
    assert engine.Engine().read_region(img, (250, 10, 40, 30), 6, 300, pad=20) == []
