"""The built models (LM, OCR channels), shipped inside the wheel as the package data `ocrfix.dictionaries`.

Built by `tools/` from ../shared/corpus; provenance in SOURCES.md, the corpus split in SPLIT.md."""
