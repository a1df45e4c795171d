# Two commands for a newcomer on a fresh Debian 12 machine:
#   make run    installs what is missing, then runs the main job over samples/ into out/
#   make test   installs what is missing, then runs the test suite
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
APT_PKGS := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils fonts-liberation2 fonts-dejavu-core fonts-noto-core python3-venv python3-pip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast lint deps system venv models samples bench clean

run: deps
	@$(VENV)/bin/ocrfix batch samples -o out; rc=$$?; \
	echo "results: $(CURDIR)/out (NAME.txt and NAME.json per document, manifest.jsonl, fields.csv)"; exit $$rc

test: deps lint
	$(PY) -m pytest -q

test-fast: venv       # the pure text tests only (no Tesseract), in seconds
	$(PY) -m pytest -q -m "not tesseract"

lint: venv
	$(VENV)/bin/ruff check ocrfix tools tests benchmarks
	$(VENV)/bin/mypy ocrfix

deps: system venv

system:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

# build-time targets: need ../shared/corpus
models: deps
	$(PY) -m tools.models
	$(PY) -m tools.symbols
	$(PY) -m tools.layer_pairs

samples: deps
	$(PY) -m tools.samples

bench: deps
	$(PY) benchmarks/ocr.py
	$(PY) benchmarks/restore.py

clean:
	rm -rf out $(VENV) *.egg-info
