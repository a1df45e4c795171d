"""What `ocrfix batch` is asked to do: typed options (the CLI builds them from its arguments)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum


class OutputFormat(str, Enum):
    FILES = "files"  # NAME.ext.txt and NAME.ext.json per input (and NAME.ext.pdf with pdf=True)
    JSONL = "jsonl"  # the same, and one JSON document per line on stdout


class TaskKind(str, Enum):
    """The three kinds of work a batch hands to its workers."""

    PROBE = "probe"  # sniff and count pages (a text input is read, restored and finished right there)
    PAGE = "page"  # read and OCR one page
    FINISH = "finish"  # restore, lay out and extract fields of an assembled document


@dataclass(frozen=True)
class BatchOptions:
    in_dir: str
    out_dir: str
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    scheduler: str | None = None  # a Dask scheduler address tcp://HOST:PORT; None: a local process pool
    force: bool = False  # redo inputs already done with the same content and settings
    format: OutputFormat = OutputFormat.FILES
    quiet: bool = False
    pdf: bool = False  # also a searchable PDF/A per PDF or image input
    rewrite_signed: bool = False  # with pdf: a signed input as a new PDF/A, not an incremental update

    def __post_init__(self) -> None:
        object.__setattr__(self, "format", OutputFormat(self.format))
