"""``minutes batch``: a folder of mixed inputs (text, Markdown, DOCX, HTML and PDF documents, a
corrupt DOCX, a binary file) converted by 2 local worker processes and by a Dask cluster, each
output identical to ``minutes parse`` of the same file, the failures reported one line each,
exit status 1, and the tables joinable; JSON Lines, --resume, and how inputs are expanded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, SEED_003, SEEDS
from minutes.batch.command import run_batch
from minutes.batch.inputs import expand
from minutes.batch.tables import TABLES
from minutes.cli import main

GOOD = {  # name in the batch → source document
    "003.txt": SEED_003,
    "news/001.txt": next(SEEDS.glob("001_*.txt")),
    "news/board.html": CORPUS / "university_news_board.html",
    "word/company_board_58.docx": CORPUS / "company_board_58.docx",
    "word/seed003.pdf": "seed003_naskh.pdf",  # a PDF built in the set-up (conftest's pdf_fixtures)
    "word/deep/committee.md": CORPUS / "company_committee_7.md",
}
BAD = ("word/broken.docx", "scan.txt")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def archive(tmp_path_factory, pdf_fixtures) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for name, source in GOOD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf_fixtures[source] if isinstance(source, str) else source, root / name)
    (root / "word/broken.docx").write_bytes((CORPUS / "company_board_58.docx").read_bytes()[:2000])  # cut short
    (root / "scan.txt").write_bytes(bytes(range(256)) * 8)  # binary, named as text
    (root / ".hidden.txt").write_text("not a document of the archive", encoding="utf-8")
    (root / "notes.xyz").write_text("a suffix the library does not read", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def single(archive, tmp_path_factory) -> dict[str, bytes]:
    """``minutes parse FILE -o OUT`` of each good document: what the batch must write."""
    out = tmp_path_factory.mktemp("single")
    expected = {}
    for i, name in enumerate(GOOD):
        target = out / f"{i}.json"
        assert main(["parse", str(archive / name), "-o", str(target)]) == 0
        expected[name] = target.read_bytes()
    return expected


def reason(path: Path) -> str:
    """The one line ``minutes parse PATH`` prints for a file it cannot read (after «minutes: »)."""
    import minutes

    with pytest.raises(minutes.MinutesError) as exc:
        minutes.parse_file(str(path))
    return str(exc.value)


def check_outputs(out: Path, single: dict[str, bytes], err: str, archive: Path) -> None:
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == sorted(f"{name}.json" for name in GOOD)
    for name, expected in single.items():
        assert (out / f"{name}.json").read_bytes() == expected, name
    failed = [line for line in err.splitlines() if line.startswith("  failed: ")]
    assert failed == [f"  failed: {reason(archive / name)}" for name in ("scan.txt", "word/broken.docx")]
    assert "binary data" in failed[0] and "zip" in failed[1]
    assert err.startswith(f"minutes batch: {len(GOOD)} document(s) converted, 2 failed in ")
    assert "\r" not in err  # not a terminal: no progress bar


def test_two_workers(archive, single, tmp_path, capsys):
    code, out, err = run(capsys, "batch", str(archive), "-o", str(tmp_path / "json"), "--workers", "2",
                         "--tables", str(tmp_path / "tables"))
    assert (code, out) == (1, "")
    check_outputs(tmp_path / "json", single, err, archive)
    data = {name: json.loads(v) for name, v in single.items()}
    kinds = sorted(d["kind"] for d in data.values())
    assert f"  by kind: minutes {kinds.count('minutes')}, report {kinds.count('report')}" in err.splitlines()
    resolutions = sum(len(d["resolutions"]) for d in data.values())
    resolved = sum(1 for d in data.values() for r in d["resolutions"] if r["deadline"]["jalali"])
    assert f"  resolutions: {resolutions}, deadlines resolved: {resolved}" in err.splitlines()
    check_tables(tmp_path / "tables", data)


def check_tables(folder: Path, data: dict[str, dict]) -> None:
    import duckdb
    import pyarrow.parquet as pq

    for table, columns in TABLES.items():
        assert pq.read_table(folder / f"{table}.parquet").column_names == [c for c, _ in columns]
        assert (folder / f"{table}.csv").read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(c for c, _ in columns)
    # The query the README shows: resolutions per meeting, the tables joined on «document».
    query = (f"SELECT m.document, m.meeting_date_jalali, count(r.id) AS resolutions "
             f"FROM '{folder}/meetings.parquet' m LEFT JOIN '{folder}/resolutions.parquet' r USING (document) "
             f"GROUP BY ALL ORDER BY m.document")
    got = duckdb.sql(query).fetchall()
    assert got == sorted((name, ((d["header"]["meeting"]["date"] or {}).get("jalali")), len(d["resolutions"]))
                         for name, d in data.items())
    seed = data["003.txt"]
    turns = duckdb.sql(f"SELECT speaker, text FROM '{folder}/turns.parquet' WHERE document = '003.txt' ORDER BY turn").fetchall()
    assert turns == [(t["speaker"]["name"] or t["speaker"]["role"], t["text"]) for t in seed["turns"]]
    codes = duckdb.sql(f"SELECT code FROM read_csv('{folder}/diagnostics.csv') WHERE document = '003.txt'").fetchall()
    assert [c for (c,) in codes] == [d["code"] for d in seed["diagnostics"]]
    people = duckdb.sql(f"SELECT count(*) FROM '{folder}/attendees.parquet' WHERE document = '003.txt'").fetchall()[0][0]
    assert people == sum(len(seed["header"][k]) for k in ("attendees", "absentees", "guests"))


def test_dask_local_cluster(archive, single, tmp_path, capsys):
    """The same batch on a Dask cluster: an in-process LocalCluster (threads, processes=False) of
    2 workers, so the test takes seconds; ``--dask`` takes any scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        code, out, err = run(capsys, "batch", str(archive), "-o", str(tmp_path / "json"), "--dask", cluster.scheduler_address)
    assert (code, out) == (1, "")
    check_outputs(tmp_path / "json", single, err, archive)


def test_jsonl_and_resume(archive, single, tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(archive, docs)
    jsonl = tmp_path / "all.jsonl"
    summary = run_batch([str(docs)], jsonl=str(jsonl), workers=1)
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {**json.loads(single[name]), "source": {**json.loads(single[name])["source"], "path": str(docs / name)}}
        for name in GOOD]  # in the folder's walk order: its files, then each subfolder's
    assert (summary.converted, summary.skipped, len(summary.failures)) == (len(GOOD), 0, 2)
    # --resume: nothing changed, nothing parsed again; one document edited, that one alone
    again = run_batch([str(docs)], jsonl=str(jsonl), workers=1, resume=True)
    assert (again.converted, again.skipped, len(again.failures)) == (0, len(GOOD), 2)
    assert jsonl.read_text(encoding="utf-8").splitlines() == lines
    with open(docs / "003.txt", "a", encoding="utf-8") as fh:
        fh.write("\n")
    third = run_batch([str(docs)], jsonl=str(jsonl), workers=1, resume=True)
    assert (third.converted, third.skipped) == (1, len(GOOD) - 1)
    assert third.resolutions == summary.resolutions  # the skipped ones still counted


def test_resume_json_folder(archive, tmp_path, capsys):
    out = tmp_path / "json"
    first = run_batch([str(archive)], outdir=str(out), workers=1, tables=str(tmp_path / "t1"))
    (out / "003.txt.json").write_text("{cut sh", encoding="utf-8")  # a run stopped mid-write
    again = run_batch([str(archive)], outdir=str(out), workers=1, resume=True, tables=str(tmp_path / "t2"))
    assert (again.converted, again.skipped) == (1, len(GOOD) - 1)
    for table in TABLES:  # the skipped documents' rows come from their JSON: the same tables
        assert (tmp_path / "t1" / f"{table}.csv").read_bytes() == (tmp_path / "t2" / f"{table}.csv").read_bytes()


def test_inputs_files_folders_globs(archive, tmp_path):
    items, errors = expand([str(archive / "word"), str(archive / "003.txt"), f"{archive}/**/*.txt",
                            str(archive / "news" / "*.html"), str(tmp_path / "nothing" / "*.txt"), str(tmp_path / "absent.txt")])
    assert [(Path(i.path).relative_to(archive).as_posix(), i.name) for i in items] == [
        ("word/broken.docx", "broken.docx"),
        ("word/company_board_58.docx", "company_board_58.docx"),
        ("word/seed003.pdf", "seed003.pdf"),
        ("word/deep/committee.md", "deep/committee.md"),
        ("003.txt", "003.txt"),
        ("news/001.txt", "news/001.txt"),  # the glob's folder part is the root of its names
        ("scan.txt", "scan.txt"),
        ("news/board.html", "board.html"),
    ]
    assert [str(e) for e in errors] == [f"{tmp_path}/nothing/*.txt: the pattern matches no file",
                                        f"{tmp_path}/absent.txt: no such file or directory"]


def test_same_name_from_two_inputs_kept_apart(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(SEED_003, tmp_path / folder / "x.txt")
    items, _ = expand([str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), str(tmp_path / "a")])
    assert [i.name for i in items] == ["x.txt", "2/x.txt"]  # a/x.txt once, b's under its input's position


def test_an_input_naming_nothing_fails_the_batch(tmp_path, capsys):
    code, _, err = run(capsys, "batch", str(SEED_003), str(tmp_path / "absent.docx"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert f"  failed: {tmp_path / 'absent.docx'}: no such file or directory" in err.splitlines()
    assert (tmp_path / "out" / f"{SEED_003.name}.json").exists()


def test_batch_needs_an_output(capsys):
    code, _, err = run(capsys, "batch", str(SEED_003))
    assert code == 2 and err == "minutes: minutes batch: give -o OUTDIR (a JSON per document) or --jsonl FILE\n"


def test_progress_bar_when_asked(tmp_path, capsys):
    """On a terminal (the command asks sys.stderr.isatty()) the bar counts documents, with a
    rate and the time left; the summary is the command's, not run_batch's."""
    run_batch([str(SEED_003)], outdir=str(tmp_path), workers=1, progress=True)
    err = capsys.readouterr().err
    assert err.startswith("\r[") and "] 1/1  " in err and " doc/s  0:00 left" in err and err.endswith("\n")


def test_a_worker_that_dies_fails_only_the_documents_it_held(tmp_path, monkeypatch):
    """Workers are sent a few documents a call (command._MOST_PER_CALL): when a worker process
    dies (killed, out of memory), the documents of that call are reported failed, one line
    each, and every other document is written. The pool is a thread pool here whose call
    holding «13.txt» breaks as a dead worker's does."""
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool

    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(40):
        shutil.copyfile(SEED_003, docs / f"{i:02d}.txt")

    class DyingPool(cf.ThreadPoolExecutor):
        def __init__(self, max_workers, mp_context=None, initializer=None):
            super().__init__(max_workers, initializer=initializer)

        def submit(self, fn, tasks):
            if any(t.name == "13.txt" for t in tasks):
                dead = cf.Future()
                dead.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
                return dead
            return super().submit(fn, tasks)

    monkeypatch.setattr(cf, "ProcessPoolExecutor", DyingPool)
    summary = run_batch([str(docs)], outdir=str(tmp_path / "out"), workers=2)
    # 40 documents for 2 workers: 2 a call, so «12.txt» shared the dead call
    assert sorted(Path(p).name for p, _ in summary.failures) == ["12.txt", "13.txt"]
    assert all(reason.startswith("the worker stopped: BrokenProcessPool") for _, reason in summary.failures)
    written = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert written == [f"{i:02d}.txt.json" for i in range(40) if i not in (12, 13)]
    assert summary.converted == 38
