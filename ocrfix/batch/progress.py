"""Progress of a batch on stderr."""
from __future__ import annotations

import sys
import time


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
