"""`counterpoint eval stories`: B-cubed, the half split, the CLI end to end on a tiny folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from counterpoint.cli import main
from counterpoint.eval.stories import bcubed, evaluate_stories, load_documents, select, split_stories

ROWS = [
    ("flood", "body", "b1", "Heavy rain flooded Lenport and the river Asel burst its banks; mayor Lotte "
     "Brenn ordered the harbor district evacuated."),
    ("flood", "body", "b2", "Mayor Lotte Brenn said the Asel river rose two meters and boats moved "
     "families out of flooded Lenport streets."),
    ("flood", "headline", "h1", "Asel flood forces Lenport harbor evacuation"),
    ("tanks", "body", "b3", "Varnia denied a Harbor Times report that it plans an armored tank factory "
     "in Ostrel."),
    ("tanks", "body", "b4", "The Harbor Times said Varnia and Ostrel plan a tank factory; Varnia called "
     "the tank report lies."),
    ("tanks", "headline", "h2", "Varnia denies Ostrel tank factory report"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "clusters"
    root.mkdir()
    with (root / "documents.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["story_id", "doc_type", "doc_id", "text"])
        writer.writerows(ROWS)
    return root


@pytest.mark.parametrize("gold, predicted, p, r", [
    ({"a": "x", "b": "x"}, {"a": "1", "b": "1"}, 1.0, 1.0),
    ({"a": "x", "b": "x"}, {"a": "1", "b": "2"}, 1.0, 0.5),
    ({"a": "x", "b": "y"}, {"a": "1", "b": "1"}, 0.5, 1.0),
    ({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "1"}, 5 / 9, 1.0),
    ({"a": "x", "b": "x"}, {"a": "1"}, 1.0, 0.5),  # a missing prediction is a singleton
])
def test_bcubed(gold, predicted, p, r) -> None:
    got = bcubed(gold, predicted)
    assert got["precision"] == pytest.approx(p)
    assert got["recall"] == pytest.approx(r)
    assert got["f1"] == pytest.approx(2 * p * r / (p + r))


def test_split_is_by_story_seeded_and_disjoint(folder: Path) -> None:
    docs = load_documents(folder)
    tune, test = split_stories(docs, seed=1)
    assert tune | test == {"flood", "tanks"} and not tune & test
    assert split_stories(docs, seed=1) == (tune, test)
    assert {d.story_id for d in select(docs, "tune", 1)} == tune
    assert len(select(docs, "all")) == 6


def test_evaluate_groups_the_tiny_folder_perfectly(folder: Path, tmp_path: Path) -> None:
    result = evaluate_stories(folder, out=tmp_path / "pred.csv")
    assert result["documents"] == 6 and result["stories"] == 2
    assert result["clusters"] == 2 and result["bcubed_f1"] == 1.0
    rows = list(csv.DictReader((tmp_path / "pred.csv").open(encoding="utf-8")))
    assert [r["doc_id"] for r in rows] == ["b1", "b2", "h1", "b3", "b4", "h2"]
    assert len({r["story_id"] for r in rows}) == 2


def test_cli_end_to_end(folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "p" / "pred.csv"
    assert main(["eval", "stories", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed[-1] == "bcubed_f1=1.0000"
    result = json.loads("\n".join(printed[:-1]))
    assert {"precision", "recall", "bcubed_f1", "clusters", "seconds"} <= set(result)
    assert out.read_text(encoding="utf-8").startswith("doc_id,story_id\n")


def test_cli_threshold_changes_the_grouping(folder: Path, capsys) -> None:
    # a bar anything clears: the two stories (they share "harbor") become one
    assert main(["eval", "stories", str(folder), "--threshold", "0.01"]) == 0
    result = json.loads("\n".join(capsys.readouterr().out.strip().splitlines()[:-1]))
    assert result["clusters"] < 2 and result["recall"] == 1.0 and result["precision"] < 1.0


def test_missing_folder_is_a_clean_error(tmp_path: Path, capsys) -> None:
    assert main(["eval", "stories", str(tmp_path)]) != 0
    assert "documents.csv" in capsys.readouterr().err
