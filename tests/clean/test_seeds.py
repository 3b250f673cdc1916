"""Seed checks for cleaning (EXPECTED.md section 1), reading ../shared at test time.

The expected furniture lines come from the EXPECTED.md table itself (rows whose
destination is "removed"), so no seed text is copied into the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from counterpoint.clean import clean_document
from counterpoint.sources import read_text_file
from counterpoint.records import Article

pytestmark = pytest.mark.shared


def _seed(seeds_dir: Path, prefix: str) -> Path:
    found = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} is absent")
    return found[0]


def _lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for line in read_text_file(path).text.split("\n")]


def _section1_rows(seeds_dir: Path) -> list[tuple[list[str], str]]:
    """(backticked line texts, destination) for each table row of EXPECTED.md section 1."""
    text = (seeds_dir / "EXPECTED.md").read_text(encoding="utf-8")
    section = text.split("## 1.", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append((re.findall(r"`([^`]+)`", cells[0]), cells[-1]))
    return rows


def _matching_line_nos(lines: list[str], pattern: str) -> list[int]:
    """Line numbers equal to `pattern`, or starting with it when it ends with '...'."""
    if pattern.endswith("..."):
        prefix = pattern[:-3].strip()
        return [i for i, line in enumerate(lines) if line and line.startswith(prefix)]
    return [i for i, line in enumerate(lines) if line == pattern]


@pytest.fixture(scope="module")
def seed000(seeds_dir: Path) -> tuple[Path, Article]:
    path = _seed(seeds_dir, "000")
    return path, clean_document(read_text_file(path))


@pytest.fixture(scope="module")
def seed001(seeds_dir: Path) -> tuple[Path, Article]:
    path = _seed(seeds_dir, "001")
    return path, clean_document(read_text_file(path))


def test_000_title_is_first_line(seed000) -> None:
    path, art = seed000
    first = next(line for line in _lines(path) if line)
    assert art.title == first


def test_000_dateline(seed000) -> None:
    _, art = seed000
    p = art.published
    assert p is not None
    assert (p.year, p.month, p.day, p.hour, p.minute) == (None, 2, 7, 18, 46)
    assert p.text  # the raw dateline text
    assert [r.text for r in art.removed if r.reason == "dateline"] == [p.text]
    assert p.text not in art.body


def test_000_one_caption_with_reuters_credit(seed000) -> None:
    path, art = seed000
    assert len(art.captions) == 1
    cap = art.captions[0]
    assert cap.credit and "REUTERS" in cap.credit
    assert cap.text and cap.text not in art.body
    reasons = [r.reason for r in art.removed if r.reason in {"caption", "duplicate_caption"}]
    assert reasons == ["caption", "duplicate_caption"]


def test_000_furniture_from_expected_md(seeds_dir: Path, seed000) -> None:
    path, art = seed000
    lines = _lines(path)
    removed = {r.line_no: r for r in art.removed}
    furniture_rows = [texts for texts, where in _section1_rows(seeds_dir) if where == "removed"]
    assert furniture_rows, "EXPECTED.md section 1 lists no removed lines"
    checked = 0
    for texts in furniture_rows:
        for pattern in texts:
            nos = _matching_line_nos(lines, pattern)
            assert nos, f"furniture line {pattern!r} not found in the seed"
            for no in nos:
                assert no in removed, f"furniture line {lines[no]!r} was kept"
                assert removed[no].reason and removed[no].detail
                assert lines[no] not in art.body.split("\n\n")
                checked += 1
    assert checked >= 6


def test_000_nothing_else_removed(seeds_dir: Path, seed000) -> None:
    path, art = seed000
    lines = _lines(path)
    expected: set[int] = set()
    for texts, _where in _section1_rows(seeds_dir):
        for pattern in texts:
            expected.update(_matching_line_nos(lines, pattern))
    assert {r.line_no for r in art.removed} == expected
    paragraphs = set(art.body.split("\n\n"))
    for i, line in enumerate(lines):
        if line and i not in expected:
            assert line in paragraphs, f"body line {i} missing from the body"


def test_001_title_artifact_and_nothing_else(seed001) -> None:
    path, art = seed001
    lines = _lines(path)
    nonempty = [i for i, line in enumerate(lines) if line]
    first, last = nonempty[0], nonempty[-1]
    assert art.title == lines[first]
    assert lines[last].isdigit()
    removed = {r.line_no: r.reason for r in art.removed}
    assert removed == {first: "headline", last: "artifact"}
    assert art.published is None
    assert art.captions == []
    paragraphs = art.body.split("\n\n")
    assert paragraphs == [lines[i] for i in nonempty[1:-1]]


def test_ids_differ_and_are_stable(seeds_dir: Path, seed000, seed001) -> None:
    path0, art0 = seed000
    _, art1 = seed001
    assert art0.id != art1.id
    assert clean_document(read_text_file(path0)).id == art0.id
