"""The CLI driven in-process: exit codes, one-line errors, rejections recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterpoint.cli import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, main

GOOD = (
    "Harbour council approves night ferry trial\n\n"
    "The Lindmark harbour council voted on Tuesday to run a night ferry service for three months, "
    "the council's spokeswoman Ada Furlan said.\n\n"
    "\u201cWe expect the trial to ease the morning crowds,\u201d Furlan told the Lindmark Courier.\n"
)
OTHER = (
    "Ferry operators question night service plan\n\n"
    "Two ferry operators said the night service would lose money, according to a letter seen by "
    "the Lindmark Courier. The council denied that the trial would raise fares.\n"
)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite")


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="cp1252")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_mixed_folder_stores_good_and_reports_bad(capsys, db, mixed_folder):
    code, out, err = run(capsys, "--db", db, "ingest", str(mixed_folder))
    assert code == EXIT_REJECTED
    assert "stored 2 new" in out
    assert "empty.txt" in err and "image.txt" in err
    assert "Traceback" not in err

    code, out, _ = run(capsys, "--db", db, "rejections")
    assert code == EXIT_OK
    assert "empty" in out and "binary" in out


def test_reingest_changes_nothing(capsys, db, mixed_folder):
    run(capsys, "--db", db, "ingest", str(mixed_folder / "good.txt"))
    code, out, _ = run(capsys, "--db", db, "ingest", str(mixed_folder / "good.txt"))
    assert code == EXIT_OK
    assert "stored 0 new, 1 already stored" in out


def test_compare_json_emits_records(capsys, db, mixed_folder):
    code, out, err = run(
        capsys, "--db", db, "compare", str(mixed_folder / "good.txt"), str(mixed_folder / "other.txt"), "--format", "json"
    )
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert doc["format"] == "counterpoint.report"
    assert len(doc["articles"]) == 2
    assert {c["article_id"] for c in doc["comparison"]["columns"]} == {a["id"] for a in doc["articles"]}
    speakers = {a["source"]["name"] for an in doc["analyses"] for a in an["attributions"]}
    assert "Ada Furlan" in speakers


def test_compare_markdown_to_file(capsys, db, mixed_folder, tmp_path):
    target = tmp_path / "report.md"
    code, _, _ = run(capsys, "--db", db, "compare", str(mixed_folder / "good.txt"), "-f", "markdown", "-o", str(target))
    assert code == EXIT_OK
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Harbour council approves night ferry trial")
    assert "## Claims × outlets" in text


def test_analyze_then_stories_and_report(capsys, db, mixed_folder):
    run(capsys, "--db", db, "ingest", str(mixed_folder))
    code, out, _ = run(capsys, "--db", db, "analyze")
    assert code == EXIT_OK
    assert "analysed 2 articles" in out
    from counterpoint import open_store

    stories = open_store(db).stories()
    assert stories
    code, out, _ = run(capsys, "--db", db, "report", stories[0].id[:10], "--format", "json")
    assert code == EXIT_OK
    assert json.loads(out)["story"]["id"] == stories[0].id


def test_unknown_story_is_one_clean_line(capsys, db):
    code, _, err = run(capsys, "--db", db, "report", "no-such-story")
    assert code == EXIT_ERROR
    assert err.startswith("error:")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_compare_with_only_bad_files_fails_cleanly(capsys, db, mixed_folder):
    code, _, err = run(capsys, "--db", db, "compare", str(mixed_folder / "empty.txt"))
    assert code == EXIT_ERROR
    assert "Traceback" not in err
    assert "empty.txt" in err and "empty" in err


def test_bad_database_file_is_reported(capsys, tmp_path, mixed_folder):
    bad = tmp_path / "junk.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "--db", str(bad), "ingest", str(mixed_folder / "good.txt"))
    assert code == EXIT_ERROR
    assert "Traceback" not in err
    assert bad.read_bytes() == b"this is not a database" * 100


def test_schema_lists_every_record(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == EXIT_OK
    doc = json.loads(out)
    for name in ("Article", "Span", "Entity", "Attribution", "Claim", "TimeExpression", "Story", "Comparison"):
        assert name in doc
    code, out, _ = run(capsys, "schema", "Attribution")
    assert json.loads(out)["title"] == "Attribution"
    code, _, err = run(capsys, "schema", "Nope")
    assert code == EXIT_ERROR and "unknown record" in err


def test_config_shows_effective_values(capsys, monkeypatch, db):
    monkeypatch.setenv("COUNTERPOINT_WORKERS", "3")
    code, out, _ = run(capsys, "--db", db, "config")
    assert code == EXIT_OK
    assert "workers = 3  # env COUNTERPOINT_WORKERS" in out


def test_usage_error_exits_2(capsys):
    code, _, _ = run(capsys, "ingest")
    assert code == EXIT_ERROR
