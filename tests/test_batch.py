"""The archive batch: mirroring, bad inputs, kill-and-resume, idempotence, symlinks, Dask, fields.csv."""
import csv
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ocrfix import writers
from tools import render

from conftest import run_cli

pytestmark = pytest.mark.tesseract  # these run the real Tesseract (make test-fast skips them)

VENV_BIN = Path(sys.executable).parent
LETTER = "Số: 12/BC-UBND\nKim Bảng, ngày 01 tháng 12 năm 2020\nBÁO CÁO\nKết quả thực hiện công tác văn thư"


@pytest.fixture(scope="module")
def scans():
    """Three small damaged page images (a few short lines each, ~1 s of OCR) and their text."""
    rng = random.Random(7)
    out = []
    for i, text in enumerate(["Ủy ban nhân dân huyện Kim Bảng", "Báo cáo kết quả công tác quý một",
                              "Nơi nhận: Văn phòng tỉnh Hà Nam"], 1):
        img, _ = render.render_page([render.Block(f"Trang {i}. {text}", size_pt=14)])
        scan, dpi = render.damage(img, "mild", rng)
        out.append((scan, dpi, f"Trang {i}"))
    return out


def _pdf(path: Path, scans, pages=(0,)):
    path.parent.mkdir(parents=True, exist_ok=True)
    render.save_pdf([scans[i][0] for i in pages], path, scans[0][1])


def _txt(path: Path, text: str = LETTER):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _manifest(out: Path) -> dict:
    recs = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    by_path = {r["path"]: r for r in recs}
    assert len(by_path) == len(recs), "compacted manifest has one line per input"
    return by_path


def _batch(in_dir, out_dir, *extra, timeout=300):
    return run_cli("batch", in_dir, "-o", out_dir, "--workers", 2, *extra, timeout=timeout)


def test_mirrors_folders_and_writes_every_output(tmp_path, scans):
    src, out = tmp_path / "in", tmp_path / "out"
    _pdf(src / "2020" / "quy1" / "scan.pdf", scans, pages=(0, 1, 2))  # pages spread over the workers
    _txt(src / "2020" / "quy1" / "scan.txt")  # legacy text beside its PDF: no name collision
    _txt(src / "Báo cáo số 12.txt")
    (src / "notes.docx").write_bytes(b"PK\x03\x04")  # not a document type: not walked
    r = _batch(src, out)
    assert r.returncode == 0, r.stderr
    assert "3 documents" in r.stderr and "pages/min" in r.stderr
    assert "Traceback" not in r.stderr
    for rel in ("2020/quy1/scan.pdf", "2020/quy1/scan.txt", "Báo cáo số 12.txt"):
        assert (out / f"{rel}.txt").is_file() and (out / f"{rel}.json").is_file(), rel
    doc = json.loads((out / "2020/quy1/scan.pdf.json").read_text(encoding="utf-8"))
    assert doc["source"] == "2020/quy1/scan.pdf"
    assert [p["number"] for p in doc["pages"]] == [1, 2, 3]
    for page, (_img, _dpi, mark) in zip(doc["pages"], scans):
        assert mark in page["raw_text"] and page["words"] and len(page["words"][0]["box"]) == 4
    assert doc["meta"]["versions"]["tesseract"] and doc["meta"]["config"] and "timings" in doc["meta"]
    text = (out / "2020/quy1/scan.pdf.txt").read_text(encoding="utf-8")
    assert text == doc["text"] and text.count("\f") == 2
    m = _manifest(out)
    assert set(m) == {"2020/quy1/scan.pdf", "2020/quy1/scan.txt", "Báo cáo số 12.txt"}
    rec = m["2020/quy1/scan.pdf"]
    assert rec["status"] == "ok" and rec["pages"] == 3 and rec["error"] is None and len(rec["sha256"]) == 64
    assert rec["seconds"] > 0 and rec["config"] == doc["meta"]["config"]
    assert not list(out.rglob(writers.TMP_PREFIX + "*"))


def _png_header_only(w, h):
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path, scans):
    from pypdf import PdfReader, PdfWriter

    src, out = tmp_path / "in", tmp_path / "out"
    _txt(src / "good.txt")
    _pdf(tmp_path / "plain.pdf", scans)
    w = PdfWriter()
    for p in PdfReader(tmp_path / "plain.pdf").pages:
        w.add_page(p)
    w.encrypt(user_password="secret", owner_password="owner")
    with open(src / "encrypted.pdf", "wb") as f:
        w.write(f)
    (src / "empty.pdf").write_bytes(b"")
    (src / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n" + b"\x00" * 200)
    scans[0][0].resize((200, 280)).save(src / "photo.pdf", "JPEG")
    (src / "bomb.png").write_bytes(_png_header_only(40000, 40000))
    (src / "fake.tiff").write_bytes(b"<html>not an image</html>")
    (src / "latin1.txt").write_bytes("S\xf4\xcc\x81 12".encode("latin-1"))
    os.symlink(src / "gone.pdf", src / "dangling.pdf")
    expect = {"empty.pdf": "empty file", "corrupt.pdf": "corrupt PDF", "encrypted.pdf": "encrypted",
              "photo.pdf": "is an image", "bomb.png": "too large", "fake.tiff": "not a valid TIFF",
              "latin1.txt": "not UTF-8", "dangling.pdf": "broken symbolic link"}
    r = _batch(src, out)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    m = _manifest(out)
    assert m["good.txt"]["status"] == "ok" and (out / "good.txt.txt").is_file()
    for name, reason in expect.items():
        assert m[name]["status"] == "failed", name
        assert reason in m[name]["error"] and "\n" not in m[name]["error"], (name, m[name]["error"])
        assert str(src) not in m[name]["error"]  # paths are shown relative to IN_DIR
        assert not (out / f"{name}.json").exists()
    assert "8 failed" in r.stderr


def test_unreadable_input_is_recorded(tmp_path, monkeypatch):
    from ocrfix import batch
    from ocrfix.batch import inputs as batch_inputs
    from ocrfix.config import Config

    src, out = tmp_path / "in", tmp_path / "out"
    _txt(src / "a.txt")
    _txt(src / "locked.txt")
    if os.geteuid() == 0:  # root reads through chmod 000: simulate the refusal instead
        real = batch_inputs.sha256_of

        def refuse(path):
            if path.endswith("locked.txt"):
                raise PermissionError(13, "Permission denied", path)
            return real(path)
        monkeypatch.setattr(batch_inputs, "sha256_of", refuse)
    else:
        (src / "locked.txt").chmod(0)
    assert batch.run_batch(batch.BatchOptions(str(src), str(out), workers=1, quiet=True), Config()) == 1
    m = _manifest(out)
    assert m["a.txt"]["status"] == "ok"
    assert m["locked.txt"]["status"] == "failed" and "Permission denied" in m["locked.txt"]["error"]


def test_tesseract_crash_on_one_page_is_recorded(tmp_path, scans):
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    real = shutil.which("tesseract")
    fake.write_text(f'#!/bin/sh\ncase "$1" in --version|--list-langs) exec {real} "$@";; esac\nkill -SEGV $$\n')
    fake.chmod(0o755)
    src, out = tmp_path / "in", tmp_path / "out"
    _txt(src / "a.txt")
    scans[0][0].save(src / "scan.png")
    # the `tesseract` program crashes: the pytesseract engine's case (in process, a crash is a worker's death)
    env = {**os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}", "OCRFIX_ENGINE": "pytesseract"}
    r = subprocess.run([sys.executable, "-m", "ocrfix", "batch", src, "-o", out, "--workers", "1"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    m = _manifest(out)
    assert m["a.txt"]["status"] == "ok"
    assert m["scan.png"]["status"] == "failed"
    # one line naming the page and the engine ("failed", or "timed out" while recognize.py files pytesseract's
    # TesseractError, a RuntimeError subclass, under its time-out branch)
    assert m["scan.png"]["error"].startswith("page 1: Tesseract "), m["scan.png"]["error"]


def test_killed_run_resumes_with_complete_outputs(tmp_path, scans):
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(6):
        _pdf(src / f"d{i}" / f"scan{i}.pdf", scans, pages=(i % 3, (i + 1) % 3))
        _txt(src / f"d{i}" / f"legacy{i}.txt", f"{LETTER}\n{i}")
    docs = {p.relative_to(src).as_posix() for p in src.rglob("*.*")}
    proc = subprocess.Popen([sys.executable, "-m", "ocrfix", "batch", src, "-o", out, "--workers", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # kill once some PDFs are done and others are under way
            man = out / "manifest.jsonl"
            if man.exists() and man.read_bytes().count(b'.pdf", "sha256"') >= 2:
                break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done_before = {r["path"] for r in writers.read_manifest(out / "manifest.jsonl") if r["status"] == "ok"}
    assert done_before and done_before != docs, "the kill should land mid-run"
    for p in out.rglob("*.json"):  # whatever has its final name is complete
        json.loads(p.read_text(encoding="utf-8"))

    r = _batch(src, out)
    assert r.returncode == 0, r.stderr
    m = _manifest(out)
    assert set(m) == docs
    for rel in docs:
        assert m[rel]["status"] == ("skipped" if rel in done_before else "ok"), rel
        doc = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert (out / f"{rel}.txt").read_text(encoding="utf-8") == doc["text"]
        assert doc["meta"]["sha256"] == m[rel]["sha256"]
    assert not list(out.rglob(writers.TMP_PREFIX + "*"))


def test_worker_process_death_is_survived(tmp_path, scans):
    psutil = pytest.importorskip("psutil")
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(6):  # enough pages that the run outlasts the watcher's first look on an idle machine
        _pdf(src / f"scan{i}.pdf", scans, pages=(i % 3, (i + 1) % 3))
    proc = subprocess.Popen([sys.executable, "-m", "ocrfix", "batch", src, "-o", out, "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 60
    while proc.poll() is None and killed is None and time.monotonic() < deadline:
        try:  # the OOM killer's way: SIGKILL a pool worker while it reads a page (Tesseract runs in it)
            for p in psutil.Process(proc.pid).children(recursive=True):
                # pool workers are the forkserver's children, not the batch process's own (forkserver, tracker)
                if ("python" in p.name() and p.parent().pid != proc.pid and p.cpu_times().user > 0.5):
                    killed = p.pid
                    p.kill()
                    break
        except psutil.Error:
            pass
        time.sleep(0.05)
    _, err = proc.communicate(timeout=180)
    assert killed, "no worker was caught running Tesseract"
    assert proc.returncode == 0, err
    assert "worker process died" in err
    assert {r["status"] for r in _manifest(out).values()} == {"ok"}


def test_rerun_skips_done_inputs_and_force_redoes_them(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(3):
        _txt(src / f"{i}.txt", f"{LETTER}\n{i}")
    assert _batch(src, out).returncode == 0
    stamp = (out / "0.txt.json").stat().st_mtime_ns
    r = _batch(src, out)
    assert r.returncode == 0 and "0 done, 3 skipped" in r.stderr
    assert {rec["status"] for rec in _manifest(out).values()} == {"skipped"}
    assert (out / "0.txt.json").stat().st_mtime_ns == stamp
    _txt(src / "1.txt", "Số: 13/BC-UBND")  # changed content: new sha256
    (out / "2.txt.txt").unlink()  # a lost output is redone
    r = _batch(src, out)
    assert "2 done, 1 skipped" in r.stderr
    assert "13/BC-UBND" in (out / "1.txt.txt").read_text(encoding="utf-8")
    assert "3 done" in _batch(src, out, "--profile", "eng").stderr  # another config fingerprint
    assert "3 done, 0 skipped" in _batch(src, out, "--profile", "eng", "--force").stderr


def test_symlinks_never_lead_outside(tmp_path):
    src, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    _txt(src / "ok.txt")
    _txt(outside / "secret.txt", "bí mật")
    os.symlink(outside / "secret.txt", src / "secret.txt")  # file link leaving IN_DIR
    os.symlink(outside, src / "linked_dir")  # folder link: never descended into
    _txt(src / "inner" / "real.txt")
    os.symlink(src / "inner" / "real.txt", src / "alias.txt")  # a link inside IN_DIR is fine
    _txt(src / "planted" / "x.txt")
    out.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    os.symlink(victim, out / "planted")  # an OUT_DIR subfolder that points elsewhere
    before = sorted(p.name for p in outside.rglob("*"))
    r = _batch(src, out)
    assert r.returncode == 1, r.stderr
    m = _manifest(out)
    assert m["secret.txt"]["status"] == "failed" and "outside the input folder" in m["secret.txt"]["error"]
    assert m["planted/x.txt"]["status"] == "failed" and "leave the output folder" in m["planted/x.txt"]["error"]
    assert not any(k.startswith("linked_dir") for k in m)
    assert m["alias.txt"]["status"] == "ok" and m["ok.txt"]["status"] == "ok"
    assert sorted(p.name for p in outside.rglob("*")) == before and not list(victim.iterdir())
    assert not (out / "secret.txt.txt").exists()


def test_out_dir_inside_in_dir_is_not_walked_and_usage_errors(tmp_path):
    src = tmp_path / "in"
    _txt(src / "a.txt")
    assert _batch(src, src / "out").returncode == 0
    r = _batch(src, src / "out")
    assert r.returncode == 0 and "1 documents" in r.stderr
    assert set(_manifest(src / "out")) == {"a.txt"}
    assert _batch(tmp_path / "missing", tmp_path / "o").returncode == 2
    assert _batch(src, tmp_path).returncode == 2  # IN_DIR inside OUT_DIR


def test_fields_csv_and_jsonl_stream_keep_vietnamese(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _txt(src / "Báo cáo 12.txt")
    _txt(src / "cv" / "Công văn 7.txt", LETTER.replace("12/BC-UBND", "7/UBND-VP"))
    r = _batch(src, out, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    stream = [json.loads(line) for line in r.stdout.splitlines()]
    assert sorted(d["source"] for d in stream) == ["Báo cáo 12.txt", "cv/Công văn 7.txt"]
    assert all("Kim Bảng, ngày 01 tháng 12 năm 2020" in d["text"] for d in stream)
    raw = (out / "fields.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # BOM: Excel opens it as UTF-8
    with open(out / "fields.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["source"] for r in rows] == ["Báo cáo 12.txt", "cv/Công văn 7.txt"]
    fields = json.loads((out / "Báo cáo 12.txt.json").read_text(encoding="utf-8"))["fields"]
    if fields:  # the fields extractor exists: its values reach the CSV intact
        assert "12/BC-UBND" in " ".join(rows[0].values()) and "7/UBND-VP" in " ".join(rows[1].values())


def test_torn_manifest_line_is_tolerated(tmp_path):
    man = tmp_path / "manifest.jsonl"
    writers.append_record(man, {"path": "a.txt", "status": "ok"})
    with open(man, "ab") as f:
        f.write('{"path": "b.txt", "sta'.encode())
    assert [r["path"] for r in writers.read_manifest(man)] == ["a.txt"]
    writers.fence_torn_line(man)
    writers.append_record(man, {"path": "c.txt", "status": "failed"})
    assert [r["path"] for r in writers.read_manifest(man)] == ["a.txt", "c.txt"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = []

    def start(*cmd):
        log = open(tmp_path / f"dask{len(procs)}.log", "w")
        procs.append(subprocess.Popen([str(VENV_BIN / "dask"), *cmd], stdout=log, stderr=subprocess.STDOUT,
                                      cwd=tmp_path, start_new_session=True))
    try:
        start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        for _ in range(2):
            start("worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard")
        from distributed import Client

        with Client(address, timeout=60) as c:
            c.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def test_dask_cluster_gives_the_same_text_as_the_local_pool(tmp_path, scans, dask_cluster):
    src = tmp_path / "in"
    _pdf(src / "a.pdf", scans, pages=(0, 1))
    _pdf(src / "sub" / "b.pdf", scans, pages=(2,))
    _txt(src / "c.txt")
    local = _batch(src, tmp_path / "local")
    assert local.returncode == 0, local.stderr
    dask = run_cli("batch", src, "-o", tmp_path / "dask", "--scheduler", dask_cluster, timeout=300)
    assert dask.returncode == 0, dask.stderr
    for rel in ("a.pdf.txt", "sub/b.pdf.txt", "c.txt.txt"):
        assert (tmp_path / "dask" / rel).read_text(encoding="utf-8") == \
            (tmp_path / "local" / rel).read_text(encoding="utf-8"), rel
    assert {r["status"] for r in _manifest(tmp_path / "dask").values()} == {"ok"}
