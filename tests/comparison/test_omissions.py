"""Shared rows, single-outlet rows and omissions per outlet."""

from __future__ import annotations

from counterpoint.comparison.omissions import find_omissions, omitted_rows
from counterpoint.records import CellStance, ClaimCell, ClaimRow

OUTLETS = "wxyz"


def _row(row_id: str, present: str) -> ClaimRow:
    return ClaimRow(
        id=row_id,
        proposition=row_id,
        cells=[
            ClaimCell(article_id=a, stance=CellStance.ASSERTS if a in present else CellStance.ABSENT)
            for a in OUTLETS
        ],
    )


ROWS = [_row("all", "wxyz"), _row("three", "wxy"), _row("two", "wx"), _row("one", "w")]


def test_omitted_when_at_least_half_of_the_others_carry_it() -> None:
    got = omitted_rows(ROWS, list(OUTLETS))
    assert got["z"] == ["three", "two"]  # two of the three others is enough
    assert got["y"] == ["two"]
    assert "w" not in got  # w carries every row


def test_two_outlets_omit_each_others_single_rows() -> None:
    rows = [
        ClaimRow(id="a-only", proposition="p", cells=[
            ClaimCell(article_id="a", stance=CellStance.ASSERTS),
            ClaimCell(article_id="b", stance=CellStance.ABSENT),
        ])
    ]
    assert omitted_rows(rows, ["a", "b"]) == {"b": ["a-only"]}


def test_shared_and_single_outlet_rows() -> None:
    shared, only_in = find_omissions(ROWS, list(OUTLETS))
    assert shared == ["all"]
    assert only_in == {"w": ["one"]}


def test_one_article_has_nothing_shared_or_omitted() -> None:
    assert find_omissions(ROWS, ["w"]) == ([], {})
    assert omitted_rows(ROWS, ["w"]) == {}
