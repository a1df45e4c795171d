"""One executor interface for the batch: a local process pool, or an existing Dask cluster.

Both are `concurrent.futures.Executor`s, so the batch is written once against `submit` / `wait`:

>>> from ocrfix.executors import open_executor
>>> with open_executor(workers=2) as ex:  # doctest: +SKIP
...     ex.submit(pow, 2, 10).result()
1024
>>> with open_executor(scheduler="tcp://127.0.0.1:8786") as ex:  # doctest: +SKIP
...     ex.submit(pow, 2, 10).result()
1024
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any, Iterator

from .errors import SetupError, UsageError


def _init_worker() -> None:
    # one single-threaded Tesseract per worker process (also set in ocrfix.recognize, but a worker may import
    # pytesseract-driven code before it); OpenCV's own thread pool would fight the other workers for the cores
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        import cv2

        cv2.setNumThreads(1)
    except Exception:
        pass


def local_executor(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool of `workers` processes (default: one per core)."""
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    # forkserver: workers start from a clean process, not from a copy of a parent that may hold threads
    # (tqdm, the Dask client) or large objects
    ctx = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)


def dask_executor(address: str) -> tuple[Executor, Any]:
    """(executor, client) for an existing Dask distributed scheduler at `address` (tcp://HOST:PORT)."""
    try:
        from distributed import Client
    except ImportError:
        raise SetupError("--scheduler needs the 'distributed' package (pip install 'dask[distributed]')") from None
    try:
        client = Client(address, timeout=20)
    except Exception as e:
        raise SetupError(f"cannot connect to the Dask scheduler at {address} ({type(e).__name__}: {e})") from None
    # pure=False: every submit is a new task (Dask would otherwise dedupe equal calls by key and hash arguments)
    return client.get_executor(pure=False), client


def capacity(executor: Executor, default: int = 1) -> int:
    """How many tasks the executor runs at once (process count, or the cluster's total threads)."""
    if isinstance(executor, ProcessPoolExecutor):
        return executor._max_workers  # type: ignore[attr-defined]  # (no public accessor)
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            info = client.scheduler_info()
            n = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
            return max(1, n)
        except Exception:
            pass
    return default


@contextlib.contextmanager
def open_executor(workers: int | None = None, scheduler: str | None = None) -> Iterator[Executor]:
    """The executor for a run: Dask when `scheduler` is given, else a local process pool. Shut down on exit."""
    if scheduler:
        executor, client = dask_executor(scheduler)
        try:
            yield executor
        finally:
            try:
                executor.shutdown(wait=False)
            finally:
                client.close()
    else:
        executor = local_executor(workers)
        try:
            yield executor
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
