"""The archive batch: walk a folder, OCR/restore every document in parallel, resumably.

`ocrfix batch IN_DIR -o OUT_DIR` mirrors IN_DIR's folders in OUT_DIR. For each input `a/b/scan.pdf` it writes
`a/b/scan.pdf.txt` (restored text) and `a/b/scan.pdf.json` (`Document.to_dict()`): the full input name is kept
so that `scan.pdf` and its legacy OCR text `scan.txt` side by side never collide. The archive gets
`manifest.jsonl` (one line per input: path, sha256, status ok|failed|skipped, error, pages, seconds, config)
and `fields.csv` (one row per done document).

How the work is cut: a document is a *probe* task (sniff + count pages; a `.txt` document is read, restored
and finished right there), one task per *page* (the worker re-opens the file and reads only that page, so no
page image crosses a process boundary and a 500-page PDF never holds 500 images), and a *finish* task
(restore + fields on the assembled Document). Finish runs in a worker, not in the parent: restoration is a
CPU-bound decoder with a language model, so in the parent it would serialize behind one core and load the
model there too; in workers it scales with them and the parent only schedules, hashes and writes. At most
`2 × capacity` tasks are in flight and finish > pages of open documents > new documents, so memory stays
bounded and documents complete roughly in order.

Resumability: outputs are written to a temp file + fsync + rename, then one manifest line is appended
(single write + fsync). A rerun skips an input whose latest manifest line is ok (or skipped) with the same
sha256 and `Config.fingerprint()` and whose outputs exist; `--force` redoes everything. At the end the
manifest is compacted to one line per input and `fields.csv` is rebuilt from the JSON of every done document.

Library use (the CLI is a thin front over this):

>>> import argparse
>>> from ocrfix import Config
>>> from ocrfix.batch import run_batch
>>> args = argparse.Namespace(in_dir="archive", out_dir="out", workers=2, scheduler=None, force=False,
...                          format="files", quiet=True)
>>> run_batch(args, Config())  # doctest: +SKIP
0
>>> import json
>>> [json.loads(l)["status"] for l in open("out/manifest.jsonl", encoding="utf-8")]  # doctest: +SKIP
['ok', 'ok', 'failed']
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import stat
import sys
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, CancelledError, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import errors, pipeline, sources, writers
from .config import Config
from .document import Document, Page
from .executors import capacity, open_executor

log = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
FIELDS_CSV = "fields.csv"
LOCK = ".ocrfix-batch.lock"
DONE = ("ok", "skipped")
MAX_CRASHES = 2  # a document in flight when a worker died this many times is recorded as failed  # statuses that mean "outputs are there for this sha256 and config"


# -- worker tasks: top-level functions, arguments are paths and numbers (cheap to pickle) ------------

_PDF_CACHE: dict = {}  # one open PdfReader per worker process, for consecutive pages of one file


def _pdf_reader(path: str):
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    reader = _PDF_CACHE.get(key)
    if reader is None:
        _PDF_CACHE.clear()
        reader = _PDF_CACHE[key] = sources.open_pdf(path)
    return reader


def read_page(path: str, number: int, config: Config) -> sources.PageInput:
    """Page `number` (1-based) of a PDF or image, reading nothing else of the file."""
    reader = _pdf_reader(path) if sources.sniff(path) == sources.KIND_PDF else None
    return sources.read_page(path, number, config.dpi, config.force_ocr, pdf_reader=reader,
                             text_layer=config.text_layer)


def probe_task(path: str, config: Config) -> tuple[str, int, Document | None, float]:
    """(kind, page count, finished Document for text inputs else None, seconds)."""
    t0 = time.perf_counter()
    kind = sources.sniff(path)
    if kind == sources.KIND_TEXT:
        doc = Document(source=path)
        doc.pages = pipeline.read_pages(path, config)
        read = time.perf_counter() - t0
        pipeline.finish(doc, config)
        doc.meta["timings"]["read"] = round(read, 3)
        return kind, len(doc.pages), doc, time.perf_counter() - t0
    return kind, sources.count_pages(path), None, time.perf_counter() - t0


def page_task(path: str, number: int, config: Config) -> tuple[Page, float]:
    t0 = time.perf_counter()
    page = pipeline.ocr_page(read_page(path, number, config), config)
    return page, time.perf_counter() - t0


def finish_task(doc: Document, config: Config) -> tuple[Document, float]:
    t0 = time.perf_counter()
    doc = pipeline.finish(doc, config)
    return doc, time.perf_counter() - t0


# -- the walk --------------------------------------------------------------------------------------

@dataclass
class Input:
    rel: str  # POSIX path relative to IN_DIR: the key in the manifest
    path: str  # absolute path to read
    problem: str | None = None  # set when the walk already knows the input cannot be used


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk(in_dir: str | os.PathLike, out_dir: str | os.PathLike | None = None) -> list[Input]:
    """Every PDF, image and text file under in_dir, sorted; never descends into symlinked folders or out_dir."""
    root = os.path.realpath(in_dir)
    out_real = os.path.realpath(out_dir) if out_dir is not None else None
    found: list[Input] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) != out_real)
        for name in sorted(filenames):
            if Path(name).suffix.lower() not in sources.SUPPORTED_SUFFIXES or name.startswith(writers.TMP_PREFIX):
                continue
            full = os.path.join(dirpath, name)
            rel = Path(os.path.relpath(full, root)).as_posix()
            item = Input(rel=rel, path=full)
            if os.path.islink(full):
                target = os.path.realpath(full)
                if not _inside(target, root):
                    item.problem = "symbolic link to a file outside the input folder (not followed)"
                elif not os.path.exists(target):
                    item.problem = "broken symbolic link"
            if item.problem is None:
                try:
                    st = os.stat(full)
                    if not stat.S_ISREG(st.st_mode):
                        item.problem = "not a regular file"
                except OSError as e:
                    item.problem = f"cannot read ({e.strerror})"
            found.append(item)
    return found


def output_paths(out_dir: str, rel: str) -> tuple[Path, Path]:
    """(NAME.txt, NAME.json) for an input; raises UsageError if they would land outside out_dir."""
    out_real = os.path.realpath(out_dir)
    parent_rel, name = os.path.split(rel)
    parent = os.path.realpath(os.path.join(out_real, parent_rel))  # follows any symlink planted in out_dir
    if not _inside(parent, out_real) or not name or name in (".", "..") or "/" in name:
        raise errors.UsageError(f"output path for {rel!r} would leave the output folder")
    return Path(parent, name + ".txt"), Path(parent, name + ".json")


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- the run ---------------------------------------------------------------------------------------

@dataclass
class Job:
    item: Input
    txt: Path
    json: Path
    sha: str
    kind: str = ""
    npages: int = 0
    next_page: int = 1
    pages: dict[int, Page] = field(default_factory=dict)
    seconds: float = 0.0
    dead: bool = False
    futures: set = field(default_factory=set)
    crashes: int = 0  # times a worker process died while this document was in flight
    pdf: Path | None = None  # NAME.ext.pdf with --pdf (PDF and image inputs)


def _message(e: BaseException, item: Input) -> str:
    """The one-line reason for the manifest, with the input's path shown relative to IN_DIR."""
    if isinstance(e, errors.OcrfixError):
        msg = str(e)
    elif isinstance(e, BrokenProcessPool):
        msg = "worker process died (out of memory or crashed)"
    elif isinstance(e, OSError):
        msg = f"cannot read ({e.strerror or e})"
    else:
        msg = f"internal error: {type(e).__name__}: {e}"
    msg = msg.replace(item.path + ":", item.rel + ":").replace(item.path, item.rel)
    first = msg.strip().splitlines()
    return first[0] if first else type(e).__name__


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Progress:
    """tqdm on a terminal, one log line per document otherwise, nothing with --quiet."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.quiet, self.n = total, quiet, 0
        self.pages, self.t0 = 0, time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread in a process that starts worker processes
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)

    def update(self, rel: str, status: str, pages: int = 0, seconds: float = 0.0, error: str | None = None):
        self.n += 1
        if status == "ok":
            self.pages += pages
        if self.bar is not None:
            rate = self.pages / max(1e-9, time.monotonic() - self.t0)
            self.bar.set_postfix_str(f"{self.pages} pages, {rate:.2f} pages/s", refresh=False)
            self.bar.update(1)
            if status == "failed":
                self.bar.write(f"ocrfix: failed: {rel}: {error}", file=sys.stderr)
        elif not self.quiet and status != "skipped":
            what = f"ok, {pages} page{'s' if pages != 1 else ''}, {seconds:.1f} s" if status == "ok" else \
                f"failed: {error}"
            print(f"ocrfix: [{self.n}/{self.total}] {rel}: {what}", file=sys.stderr, flush=True)

    def close(self):
        if self.bar is not None:
            self.bar.close()


class Run:
    def __init__(self, args, config: Config, inputs: list[Input], out_dir: str, previous: dict[str, dict]):
        self.args, self.config, self.out_dir = args, config, out_dir
        self.inputs = deque(inputs)
        self.previous = previous
        self.manifest = os.path.join(out_dir, MANIFEST)
        self.fp = config.fingerprint()
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self.pages = 0
        self.progress = Progress(len(inputs), args.quiet)
        self._versions: dict | None = None
        self.open_jobs: deque[Job] = deque()  # documents with pages not yet submitted
        self.to_finish: deque[Job] = deque()  # documents with every page read
        self.retry: deque[Job] = deque()  # documents in flight when a worker process died

    # bookkeeping --------------------------------------------------------------------------------
    def versions(self) -> dict:
        if self._versions is None:
            self._versions = pipeline.versions()
        return self._versions

    def record(self, item: Input, status: str, sha: str | None = None, error: str | None = None, pages: int = 0,
               seconds: float = 0.0, extra: dict | None = None):
        rec: dict[str, Any] = {"path": item.rel, "sha256": sha, "status": status, "error": error, "pages": pages,
                               "seconds": round(seconds, 3), "config": self.fp, "time": _now()}
        if extra:
            rec.update(extra)
        writers.append_record(self.manifest, rec)
        self.counts[status] += 1
        self.progress.update(item.rel, status, pages, seconds, error)

    def fail(self, job: Job, e: BaseException | str):
        if job.dead:
            return
        job.dead = True
        for f in job.futures:
            f.cancel()
        msg = e if isinstance(e, str) else _message(e, job.item)
        self.record(job.item, "failed", job.sha, msg, job.npages, job.seconds)

    def done(self, job: Job, doc: Document):
        doc.source = job.item.rel
        timings = doc.meta.pop("timings", {})
        doc.meta.update(self.versions())
        doc.meta.update(config=self.fp, sha256=job.sha, timings=timings)
        try:
            writers.write_document(doc, job.txt, job.json)
        except OSError as e:
            self.fail(job, f"cannot write outputs: {e.strerror or e}")
            return
        extra: dict[str, Any] = {}
        if job.pdf is not None:
            from .pdf_output import write_pdf

            try:
                res = write_pdf(doc, job.pdf, source=job.item.path,
                                signed="rewrite" if getattr(self.args, "rewrite_signed", False) else "update")
            except (errors.OcrfixError, OSError) as e:
                self.fail(job, f"cannot write the PDF: {_message(e, job.item)}")
                return
            extra["pdf"] = {"pdfa": res.pdfa, "signed": res.signed, "signature": res.signature, "notes": res.notes}
        if self.args.format == "jsonl":
            sys.stdout.write(writers.dumps(doc.to_dict()) + "\n")
            sys.stdout.flush()
        self.pages += len(doc.pages)
        outputs = [p for p in (job.txt, job.json, job.pdf) if p is not None]
        self.record(job.item, "ok", job.sha, None, len(doc.pages), job.seconds,
                    {"outputs": [Path(os.path.relpath(p, self.out_dir)).as_posix() for p in outputs], **extra})

    # admission ----------------------------------------------------------------------------------
    def admit(self, item: Input) -> Job | None:
        """A Job to run, or None when the input is settled at once (skipped, or failed in the walk)."""
        if item.problem:
            self.record(item, "failed", None, item.problem)
            return None
        try:
            txt, js = output_paths(self.out_dir, item.rel)
        except errors.OcrfixError as e:
            self.record(item, "failed", None, str(e))
            return None
        try:
            sha = sha256_of(item.path)
        except OSError as e:
            self.record(item, "failed", None, f"{item.rel}: cannot read ({e.strerror or e})")
            return None
        pdf = None
        if getattr(self.args, "pdf", False) and Path(item.path).suffix.lower() not in sources.TEXT_SUFFIXES:
            pdf = txt.with_name(txt.name[:-len(".txt")] + ".pdf")  # NAME.ext.pdf beside NAME.ext.txt
        prev = self.previous.get(item.rel)
        if (not self.args.force and prev and prev.get("status") in DONE and prev.get("sha256") == sha
                and prev.get("config") == self.fp and txt.is_file() and js.is_file()
                and (pdf is None or pdf.is_file())):
            self.record(item, "skipped", sha, None, prev.get("pages") or 0, 0.0,
                        {"outputs": prev.get("outputs"), **({"pdf": prev["pdf"]} if "pdf" in prev else {})})
            return None
        return Job(item=item, txt=txt, json=js, sha=sha, pdf=pdf)

    # the loop -----------------------------------------------------------------------------------
    def execute(self, executor) -> None:
        """Run every input through `executor`. Raises BrokenProcessPool (state kept) if a worker process died:
        the caller opens a new pool and calls again; documents that were in flight are retried, up to
        MAX_CRASHES times each, then recorded as failed."""
        window = max(2, 2 * capacity(executor, self.args.workers or 1))
        inflight: dict = {}  # future → (what, job, page number)
        open_jobs, to_finish = self.open_jobs, self.to_finish

        def submit(what, job, fn, *a, number=0):
            fut = executor.submit(fn, *a)
            inflight[fut] = (what, job, number)
            job.futures.add(fut)

        try:
            self._loop(executor, window, inflight, submit)
        except BrokenProcessPool:
            hit = {id(job): job for _what, job, _n in inflight.values() if not job.dead}
            for job in hit.values():
                for q in (open_jobs, to_finish):
                    if job in q:
                        q.remove(job)
                job.crashes += 1
                if job.crashes >= MAX_CRASHES:
                    job.futures = set()
                    self.fail(job, "worker process died while reading it (out of memory or a crash)")
                else:
                    job.pages, job.next_page, job.npages, job.futures = {}, 1, 0, set()
                    self.retry.append(job)
            raise

    def _loop(self, executor, window: int, inflight: dict, submit) -> None:
        open_jobs, to_finish = self.open_jobs, self.to_finish
        while self.inputs or self.retry or open_jobs or to_finish or inflight:
            while len(inflight) < window:
                if to_finish:
                    job = to_finish.popleft()
                    doc = Document(source=job.item.rel, pages=[job.pages[i] for i in sorted(job.pages)])
                    doc.meta["timings"] = {"read": round(sum(p.seconds for p in doc.pages), 3)}
                    job.pages = {}
                    submit("finish", job, finish_task, doc, self.config)
                elif open_jobs:
                    job = open_jobs[0]
                    if job.dead:
                        open_jobs.popleft()
                        continue
                    submit("page", job, page_task, job.item.path, job.next_page, self.config, number=job.next_page)
                    job.next_page += 1
                    if job.next_page > job.npages:
                        open_jobs.popleft()
                elif self.retry:
                    job = self.retry.popleft()
                    submit("probe", job, probe_task, job.item.path, self.config)
                elif self.inputs:
                    job = self.admit(self.inputs.popleft())
                    if job is not None:
                        submit("probe", job, probe_task, job.item.path, self.config)
                else:
                    break
            if not inflight:
                continue
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            for fut in finished:
                what, job, number = inflight.pop(fut)
                job.futures.discard(fut)
                if job.dead or fut.cancelled():
                    continue
                try:
                    result = fut.result()
                except CancelledError:
                    continue
                except BrokenProcessPool:
                    raise
                except Exception as e:  # noqa: BLE001  (every failure of one input is recorded, the run goes on)
                    self.fail(job, e if what != "page" else _PageError(number, _message(e, job.item)))
                    continue
                if what == "probe":
                    job.kind, job.npages, doc, secs = result
                    job.seconds += secs
                    if doc is not None:
                        self.done(job, doc)
                    elif job.npages == 0:
                        to_finish.append(job)
                    else:
                        open_jobs.append(job)
                elif what == "page":
                    page, secs = result
                    job.seconds += secs
                    job.pages[number] = page
                    if len(job.pages) == job.npages:
                        to_finish.append(job)
                else:
                    doc, secs = result
                    job.seconds += secs
                    self.done(job, doc)


class _PageError(errors.OcrfixError):
    def __init__(self, number: int, msg: str):
        super().__init__(f"page {number}: {msg}")


def read_state(manifest: str) -> dict[str, dict]:
    """Latest manifest record per input path (torn lines skipped)."""
    latest: dict[str, dict] = {}
    for rec in writers.read_manifest(manifest):
        latest[rec["path"]] = rec
    return latest


def rebuild_fields_csv(out_dir: str, state: dict[str, dict]) -> int:
    """fields.csv from the JSON of every done document; returns the row count."""
    import json

    rows = []
    for rel in sorted(state):
        rec = state[rel]
        if rec.get("status") not in DONE:
            continue
        try:
            _txt, js = output_paths(out_dir, rel)
            with open(js, encoding="utf-8") as f:
                fields = json.load(f).get("fields") or {}
        except (OSError, ValueError, errors.OcrfixError):
            continue
        rows.append((rel, fields if isinstance(fields, dict) else {}))
    writers.write_fields_csv(rows, os.path.join(out_dir, FIELDS_CSV))
    return len(rows)


def run_batch(args, config: Config) -> int:
    """Run the archive batch described by `args` (see ocrfix.cli); returns the exit code."""
    in_dir = os.path.realpath(args.in_dir)
    if not os.path.isdir(in_dir):
        raise errors.UsageError(f"{args.in_dir}: no such folder")
    out_dir = os.path.realpath(args.out_dir)
    if _inside(in_dir, out_dir):
        raise errors.UsageError("the input folder must not be the output folder or inside it")
    if args.workers is not None and args.workers < 1:
        raise errors.UsageError(f"--workers must be at least 1 (got {args.workers})")
    try:
        os.makedirs(out_dir, exist_ok=True)
        lock = open(os.path.join(out_dir, LOCK), "a")
    except OSError as e:
        raise errors.SetupError(f"{args.out_dir}: cannot create the output folder ({e.strerror})") from None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise errors.UsageError(f"{args.out_dir}: another ocrfix batch is writing there") from None
    try:
        return _run_locked(args, config, in_dir, out_dir)
    finally:
        lock.close()


def _run_locked(args, config: Config, in_dir: str, out_dir: str) -> int:
    t0 = time.monotonic()
    writers.remove_stale_temps(out_dir)  # left by a run that was killed while writing
    manifest = os.path.join(out_dir, MANIFEST)
    writers.fence_torn_line(manifest)
    previous = read_state(manifest)
    inputs = walk(in_dir, out_dir)
    if not args.scheduler and any(Path(i.rel).suffix.lower() not in sources.TEXT_SUFFIXES and not i.problem
                                  for i in inputs):
        from . import recognition

        # a missing Tesseract is a set-up error (exit 2), not 1000 failures; on Dask the workers run Tesseract
        recognition.check_tesseract(config.lang)
    run = Run(args, config, inputs, out_dir, previous)
    try:
        for _attempt in range(20):
            try:
                with open_executor(args.workers, args.scheduler) as executor:
                    run.execute(executor)
                break
            except BrokenProcessPool:
                log.warning("a worker process died; starting a new pool")
        else:
            raise errors.SetupError("worker processes keep dying; giving up (out of memory?)")
    finally:
        run.progress.close()
    state = read_state(manifest)
    seen = {i.rel for i in inputs}
    # compact: one line per input of this walk (latest state), then the ones no longer in IN_DIR
    writers.write_manifest_atomic(manifest, [state[r] for r in sorted(state, key=lambda r: (r not in seen, r))])
    rebuild_fields_csv(out_dir, state)
    secs = time.monotonic() - t0
    c = run.counts
    # the summary is printed even with --quiet, which silences only the progress
    print(f"ocrfix: batch: {len(inputs)} documents ({c['ok']} done, {c['skipped']} skipped, "
          f"{c['failed']} failed), {run.pages} pages in {secs:.1f} s, "
          f"{run.pages / secs * 60 if secs > 0 else 0:.1f} pages/min; results in {out_dir}",
          file=sys.stderr)
    return int(errors.ExitCode.INPUT_FAILED if c["failed"] else errors.ExitCode.OK)
