"""The batch run: admission (skip what is done), the scheduling loop over an Executor, the manifest and
fields.csv."""
from __future__ import annotations

import fcntl
import json
import logging
import os
import sys
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, CancelledError, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import errors, pipeline, sources, writers
from ..config import Config
from ..document import Document, Page
from ..executors import capacity, open_executor
from . import inputs as _inputs
from .options import BatchOptions, OutputFormat, TaskKind
from .progress import Progress
from .tasks import finish_task, page_task, probe_task
from .inputs import Input, inside, output_paths

log = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
FIELDS_CSV = "fields.csv"
LOCK = ".ocrfix-batch.lock"
DONE = ("ok", "skipped")  # statuses that mean "outputs are there for this sha256 and config"
MAX_CRASHES = 2  # a document in flight when a worker died this many times is recorded as failed
MAX_POOL_RESTARTS = 20


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


class Run:
    """One batch run's state: inputs still to admit, documents in flight, counts."""

    def __init__(self, options: BatchOptions, config: Config, inputs: list[Input], out_dir: str,
                 previous: dict[str, dict]):
        self.options, self.config, self.out_dir = options, config, out_dir
        self.inputs = deque(inputs)
        self.previous = previous
        self.manifest = os.path.join(out_dir, MANIFEST)
        self.fp = config.fingerprint()
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self.pages = 0
        self.progress = Progress(len(inputs), options.quiet)
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
            from ..pdf_output import write_pdf

            try:
                res = write_pdf(doc, job.pdf, source=job.item.path,
                                signed="rewrite" if self.options.rewrite_signed else "update")
            except (errors.OcrfixError, OSError) as e:
                self.fail(job, f"cannot write the PDF: {_message(e, job.item)}")
                return
            extra["pdf"] = {"pdfa": res.pdfa, "signed": res.signed, "signature": res.signature, "notes": res.notes}
        if self.options.format is OutputFormat.JSONL:
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
            sha = _inputs.sha256_of(item.path)
        except OSError as e:
            self.record(item, "failed", None, f"{item.rel}: cannot read ({e.strerror or e})")
            return None
        pdf = None
        if self.options.pdf and Path(item.path).suffix.lower() not in sources.TEXT_SUFFIXES:
            pdf = txt.with_name(txt.name[:-len(".txt")] + ".pdf")  # NAME.ext.pdf beside NAME.ext.txt
        prev = self.previous.get(item.rel)
        if (not self.options.force and prev and prev.get("status") in DONE and prev.get("sha256") == sha
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
        window = max(2, 2 * capacity(executor, self.options.workers or 1))
        inflight: dict = {}  # future → (task kind, job, page number)
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
        while self.inputs or self.retry or self.open_jobs or self.to_finish or inflight:
            while len(inflight) < window and self._submit_next(submit):
                pass
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
                    self.fail(job, e if what is not TaskKind.PAGE else _PageError(number, _message(e, job.item)))
                    continue
                self._collect(what, job, number, result)

    def _submit_next(self, submit) -> bool:
        """Submit the most urgent task: finish > pages of open documents > retries > new documents, so memory
        stays bounded and documents complete roughly in order. False when there is nothing to submit."""
        if self.to_finish:
            job = self.to_finish.popleft()
            doc = Document(source=job.item.rel, pages=[job.pages[i] for i in sorted(job.pages)])
            doc.meta["timings"] = {"read": round(sum(p.seconds for p in doc.pages), 3)}
            job.pages = {}
            submit(TaskKind.FINISH, job, finish_task, doc, self.config)
        elif self.open_jobs:
            job = self.open_jobs[0]
            if job.dead:
                self.open_jobs.popleft()
                return True
            submit(TaskKind.PAGE, job, page_task, job.item.path, job.next_page, self.config, number=job.next_page)
            job.next_page += 1
            if job.next_page > job.npages:
                self.open_jobs.popleft()
        elif self.retry:
            job = self.retry.popleft()
            submit(TaskKind.PROBE, job, probe_task, job.item.path, self.config)
        elif self.inputs:
            new = self.admit(self.inputs.popleft())
            if new is not None:
                submit(TaskKind.PROBE, new, probe_task, new.item.path, self.config)
        else:
            return False
        return True

    def _collect(self, what: TaskKind, job: Job, number: int, result) -> None:
        """Take one finished task's result into its document."""
        if what is TaskKind.PROBE:
            job.kind, job.npages, doc, secs = result
            job.seconds += secs
            if doc is not None:
                self.done(job, doc)
            elif job.npages == 0:
                self.to_finish.append(job)
            else:
                self.open_jobs.append(job)
        elif what is TaskKind.PAGE:
            page, secs = result
            job.seconds += secs
            job.pages[number] = page
            if len(job.pages) == job.npages:
                self.to_finish.append(job)
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


def run_batch(options: BatchOptions, config: Config) -> int:
    """Run the archive batch `options` describe with the pipeline settings `config`; returns the exit code."""
    args = options
    in_dir = os.path.realpath(args.in_dir)
    if not os.path.isdir(in_dir):
        raise errors.UsageError(f"{args.in_dir}: no such folder")
    out_dir = os.path.realpath(args.out_dir)
    if inside(in_dir, out_dir):
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


def _run_locked(args: BatchOptions, config: Config, in_dir: str, out_dir: str) -> int:
    t0 = time.monotonic()
    writers.remove_stale_temps(out_dir)  # left by a run that was killed while writing
    manifest = os.path.join(out_dir, MANIFEST)
    writers.fence_torn_line(manifest)
    previous = read_state(manifest)
    inputs = _inputs.walk(in_dir, out_dir)
    if not args.scheduler and any(Path(i.rel).suffix.lower() not in sources.TEXT_SUFFIXES and not i.problem
                                  for i in inputs):
        from .. import recognition

        # a missing Tesseract is a set-up error (exit 2), not 1000 failures; on Dask the workers run Tesseract
        recognition.check_tesseract(config.lang)
    run = Run(args, config, inputs, out_dir, previous)
    try:
        for _attempt in range(MAX_POOL_RESTARTS):
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
