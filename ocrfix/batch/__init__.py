"""The archive batch: walk a folder, OCR/restore every document in parallel, resumably.

Modules: `options` (BatchOptions), `inputs` (the walk, output paths), `tasks` (what workers run), `progress`,
`run` (the scheduling loop, the manifest and fields.csv).

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

>>> from ocrfix import Config
>>> from ocrfix.batch import BatchOptions, run_batch
>>> run_batch(BatchOptions("archive", "out", workers=2, quiet=True), Config())  # doctest: +SKIP
0
>>> import json
>>> [json.loads(l)["status"] for l in open("out/manifest.jsonl", encoding="utf-8")]  # doctest: +SKIP
['ok', 'ok', 'failed']
"""
from __future__ import annotations

from .options import BatchOptions, OutputFormat, TaskKind
from .run import FIELDS_CSV, MANIFEST, rebuild_fields_csv, read_state, run_batch
from .inputs import Input, output_paths, sha256_of, walk

__all__ = ["BatchOptions", "OutputFormat", "TaskKind", "run_batch", "walk", "Input", "output_paths", "sha256_of",
           "read_state", "rebuild_fields_csv", "MANIFEST", "FIELDS_CSV"]
