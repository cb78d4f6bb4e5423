#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtualenv and parse seed 003 from there,
# outside the checkout, so grammars/ and templates/ must come from the wheel itself.
set -euo pipefail
py=$1; seed=$(realpath "$2")
rm -rf dist .venv-wheel
"$py" -m build --wheel --outdir dist . >/dev/null
"$py" -m venv .venv-wheel
.venv-wheel/bin/pip install -q dist/*.whl
out=$(mktemp -d)
# With a C compiler at hand (make test installs gcc) the wheel carries the PDF reader's C loops
# (checked from outside the checkout, so the package comes from the wheel).
if command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; then
  (cd "$out" && "$OLDPWD/.venv-wheel/bin/python" -c 'from minutes.read import pdf_loops as p
assert p.compiled() and "venv-wheel" in p.__file__, ("no C loops in the wheel", p.__file__)')
fi
(cd "$out" && "$OLDPWD/.venv-wheel/bin/minutes" parse "$seed" -o seed003.json \
  && "$OLDPWD/.venv-wheel/bin/minutes" sheet "$seed" --format html --as-of 1399-12-01 -o sheet.html \
  && "$OLDPWD/.venv-wheel/bin/minutes" sheet "$seed" --format xlsx --as-of 1399-12-01 -o sheet.xlsx)
# minutes batch's workers warm up on a document the package ships (minutes/batch/warm_up.md).
(cd "$out" && "$OLDPWD/.venv-wheel/bin/minutes" batch "$seed" -o batch --workers 2 2>/dev/null \
  && cmp seed003.json "batch/$(basename "$seed").json")
# The register's migrations must ship inside the package: a register made from the wheel.
.venv-wheel/bin/pip install -q "$(ls dist/*.whl)[register]"
(cd "$out" && "$OLDPWD/.venv-wheel/bin/minutes" register add seed003.json --db register.sqlite \
  && "$OLDPWD/.venv-wheel/bin/minutes" register list --db register.sqlite --json > register.json)
"$py" - "$out/seed003.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
assert m["kind"] == "minutes", m["kind"]
assert len(m["resolutions"]) == 7, len(m["resolutions"])
html = open(sys.argv[1].replace("seed003.json", "sheet.html"), encoding="utf-8").read()
assert 'dir="rtl"' in html and html.count("1399-11-21-s6-r") >= 7, "HTML sheet from the wheel's templates"
listed = json.load(open(sys.argv[1].replace("seed003.json", "register.json"), encoding="utf-8"))
assert len(listed) == 7 and all(r["id"].startswith("1399-11-21-s6-") for r in listed), listed[:1]
print(f"wheel smoke: {len(m['resolutions'])} resolutions, {len(m['turns'])} turns, HTML and XLSX sheets "
      "and a register from the installed wheel")
PY
