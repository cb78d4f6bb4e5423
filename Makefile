# The README's two commands:
#   make run    — set everything up on a fresh machine and parse seed 003 to out/003.json
#   make test   — set everything up and run the whole test suite (and the wheel smoke test)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SEED   := $(wildcard seeds/003_*.txt)

.PHONY: run test setup cc browser ocr-tools postgres office pdf-fonts wheel-smoke bench bench-attack clean

$(VENV)/.installed: pyproject.toml hatch_build.py minutes/read/_pdfloops.c
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python >= 3.12 needed (hazm 0.12)"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

run: setup
	mkdir -p out
	$(VENV)/bin/minutes parse $(SEED) -o out/003.json
	@echo "wrote out/003.json"

# A C compiler, so the install builds the PDF reader's C loops (minutes/read/_pdfloops.c,
# hatch_build.py) and the tests compare them with its Python loops. Without one the package
# still installs and reads PDFs, more slowly.
cc:
	@command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null; \
	  else echo "make cc: no apt-get; install a C compiler to build the PDF reader's C loops" >&2; fi; }

# Debian's Chromium for the browser test of the HTML sheet.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "make browser: no apt-get; install Chromium to run the browser test" >&2; fi; }

# Debian's Tesseract and its Persian model for the OCR tests (scans, image-only PDF pages).
ocr-tools:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx fas; } || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-fas >/dev/null; \
	  else echo "make ocr-tools: no apt-get; install tesseract-ocr and tesseract-ocr-fas to run the OCR tests" >&2; fi; }

# Debian's PostgreSQL server programs for the register's tests (tests/pgserver.py starts a
# temporary cluster with them; no service is started here).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "make postgres: no apt-get; install PostgreSQL to run the register's tests" >&2; fi; }

# Debian's LibreOffice Writer (no GUI), which the letters' test opens a Word letter with.
office:
	@command -v soffice >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
	  else echo "make office: no apt-get; install LibreOffice Writer to run the letters' test" >&2; fi; }

# The fonts the PDF tests print seed 003 in (tests/pdfdata.py, in the tests' set-up): Nazli,
# Noto Naskh Arabic, and DejaVu Sans for digits.
pdf-fonts:
	@{ fc-list :family=Nazli family | grep -q . && fc-list ":family=Noto Naskh Arabic" family | grep -q . \
	   && fc-list ":family=DejaVu Sans" family | grep -q .; } 2>/dev/null || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-farsiweb fonts-noto-core fonts-dejavu-core >/dev/null; \
	  else echo "make pdf-fonts: no apt-get; install the fonts Nazli, Noto Naskh Arabic and DejaVu Sans to run the PDF tests" >&2; fi; }

# CI set (tests/conftest.py): hypothesis draws the same examples on every run, so the README's
# test command passes or fails alike on any machine; run pytest without it to explore more.
test: cc setup browser ocr-tools postgres office pdf-fonts
	CI=$${CI:-1} $(PY) -m pytest
	$(MAKE) wheel-smoke

wheel-smoke: setup
	bash scripts/wheel_smoke.sh $(PY) $(SEED)

bench: setup
	$(PY) bench/bench_parse.py

# Pathological inputs (20,000 lines each at this scale; --scale 1.0 for the issue's 200,000).
bench-attack: setup
	$(PY) bench/bench_attack.py --scale 0.1

# PDF text layers: time per page as a ratio to pypdfium2's raw extraction, similarity to the
# seed; bench-pdf-scan also OCRs seed 003 as a 200-dpi degraded scan (minutes).
bench-pdf: setup browser office pdf-fonts
	$(PY) bench/bench_pdf.py

bench-pdf-scan: setup browser office pdf-fonts ocr-tools
	$(PY) bench/bench_pdf.py --scan

clean:
	rm -rf $(VENV) .venv-wheel dist out
