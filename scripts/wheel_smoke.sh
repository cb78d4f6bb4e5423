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
(cd "$out" && "$OLDPWD/.venv-wheel/bin/minutes" parse "$seed" -o seed003.json \
  && "$OLDPWD/.venv-wheel/bin/minutes" sheet "$seed" --format html --as-of 1399-12-01 -o sheet.html \
  && "$OLDPWD/.venv-wheel/bin/minutes" sheet "$seed" --format xlsx --as-of 1399-12-01 -o sheet.xlsx)
# minutes batch's workers warm up on a document the package ships (minutes/batch/warm_up.md).
(cd "$out" && "$OLDPWD/.venv-wheel/bin/minutes" batch "$seed" -o batch --workers 2 2>/dev/null \
  && cmp seed003.json "batch/$(basename "$seed").json")
"$py" - "$out/seed003.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
assert m["kind"] == "minutes", m["kind"]
assert len(m["resolutions"]) == 7, len(m["resolutions"])
html = open(sys.argv[1].replace("seed003.json", "sheet.html"), encoding="utf-8").read()
assert 'dir="rtl"' in html and html.count("1399-11-21-s6-r") >= 7, "HTML sheet from the wheel's templates"
print(f"wheel smoke: {len(m['resolutions'])} resolutions, {len(m['turns'])} turns, HTML and XLSX sheets "
      "from the installed wheel")
PY
