"""Real-world survey: how much of a folder of public Persian minutes and meeting reports the parser reads.

For every ``*.txt`` file in FOLDER this runs ``minutes.parse_file`` and prints one row:

    file  kind  resolutions found  [hand count]  speakers  meeting date  unplaced lines

* kind — ``m.kind`` (minutes / report);
* resolutions — ``len(m.resolutions)``; with ``--index`` the hand count from index.tsv stands beside it;
* speakers — distinct speakers among ``m.turns``: by name, or by role when no name was read;
* meeting date — ``m.header.meeting.date.jalali`` or ``-``;
* unplaced — diagnostics whose code is in ``UNPLACED_CODES`` (lines the parser kept but could not place).

Then totals: documents, by kind, resolutions found vs hand count and the sum of min(found, hand) as a
rough recall, documents with a meeting date, speakers, unplaced lines. A document that raises prints one
line ``file: ERROR <message>`` and is counted; the survey goes on.

Repeat the survey: the pages are listed in ``bench/survey-sources.txt`` (one URL a line; the later samples in
``bench/survey-sources-2.txt``, ``-3.txt``, ``-4.txt``, ``-5.txt`` and ``-6.txt``, each index.tsv inside its folder;
the sixth sample's 40 pages come from 40 sites none of the earlier samples used). Fetch
each page's text (the meeting text only, as plain UTF-8) into ``FOLDER/NNN.txt`` in the listed order, keep an
``index.tsv`` beside the folder (columns: file, url, host, body_kind, doc_kind, hand_resolutions,
has_date, forms), then run::

    python bench/survey.py FOLDER --index FOLDER/../index.tsv [--json OUT]

To measure another checkout, put it first on the path: ``PYTHONPATH=/path/to/checkout python bench/survey.py …``
(the script prints which ``minutes`` it imported). The page texts are third-party material and are never
kept in this repository. Standard library plus ``minutes`` only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import minutes

# Diagnostics that mean a line was kept but not placed in the structure.
UNPLACED_CODES = frozenset({"unplaced-paragraph", "unexpected-line", "after-closing", "attendee-unread"})


def read_index(path: Path) -> dict[str, dict[str, str]]:
    """index.tsv rows keyed by file name (the ``file`` column)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def speakers_of(m) -> set[str]:
    """Distinct speakers among ``m.turns``: by name; a speaker with no name read counts by role
    (one per distinct role). A turn with neither name nor role is not counted."""
    names = set()
    for turn in m.turns:
        who = turn.speaker.name or turn.speaker.role
        if who:
            names.add(" ".join(who.split()))
    return names


def survey_one(path: Path) -> dict:
    m = minutes.parse_file(path)
    date = m.header.meeting.date if m.header and m.header.meeting else None
    return {
        "file": path.name,
        "kind": m.kind,
        "resolutions": len(m.resolutions),
        "speakers": sorted(speakers_of(m)),
        "date": (date.jalali if date and date.jalali else None),
        "unplaced": sum(1 for d in m.diagnostics if d.code in UNPLACED_CODES),
    }


def hand_count(index: dict[str, dict[str, str]], name: str) -> int | None:
    row = index.get(name)
    if not row:
        return None
    try:
        return int(row.get("hand_resolutions") or row.get("resolutions") or "")
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="folder of .txt files")
    ap.add_argument("--index", type=Path, help="index.tsv with a hand_resolutions column")
    ap.add_argument("--json", type=Path, help="write the rows and totals as JSON here")
    args = ap.parse_args(argv)

    index = read_index(args.index) if args.index and args.index.exists() else {}
    files = sorted(args.folder.glob("*.txt"))
    print(f"# minutes from {minutes.__file__}; {len(files)} files in {args.folder}")
    print("file\tkind\tfound" + ("\thand" if index else "") + "\tspeakers\tdate\tunplaced")

    rows, errors = [], []
    for path in files:
        try:
            row = survey_one(path)
        except Exception as exc:  # noqa: BLE001 — one bad document must not stop the survey
            msg = " ".join(str(exc).split())[:200]
            print(f"{path.name}: ERROR {type(exc).__name__}: {msg}")
            errors.append({"file": path.name, "error": f"{type(exc).__name__}: {msg}"})
            continue
        row["hand"] = hand_count(index, path.name) if index else None
        rows.append(row)
        cells = [row["file"], row["kind"], str(row["resolutions"])]
        if index:
            cells.append("-" if row["hand"] is None else str(row["hand"]))
        cells += [str(len(row["speakers"])), row["date"] or "-", str(row["unplaced"])]
        print("\t".join(cells))

    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    found = sum(r["resolutions"] for r in rows)
    with_hand = [r for r in rows if r["hand"] is not None]
    totals = {
        "documents": len(files),
        "parsed": len(rows),
        "errors": len(errors),
        "by_kind": kinds,
        "resolutions_found": found,
        "hand_resolutions": sum(r["hand"] for r in with_hand) if index else None,
        "found_in_hand_counted_docs": sum(r["resolutions"] for r in with_hand) if index else None,
        "recall_numerator": sum(min(r["resolutions"], r["hand"]) for r in with_hand) if index else None,
        "with_meeting_date": sum(1 for r in rows if r["date"]),
        "speakers": sum(len(r["speakers"]) for r in rows),
        "unplaced": sum(r["unplaced"] for r in rows),
    }

    print()
    print(f"documents            {totals['documents']}  (parsed {totals['parsed']}, errors {totals['errors']})")
    print("by kind              " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if index:
        hand = totals["hand_resolutions"]
        recall = totals["recall_numerator"] / hand if hand else 0.0
        print(f"resolutions          found {found} vs hand {hand}; "
              f"sum min(found, hand) {totals['recall_numerator']} (rough recall {recall:.1%})")
    else:
        print(f"resolutions          found {found}")
    print(f"with meeting date    {totals['with_meeting_date']}")
    print(f"speakers             {totals['speakers']}")
    print(f"unplaced lines       {totals['unplaced']}")

    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "errors": errors, "totals": totals},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
