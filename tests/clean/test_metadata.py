"""Dateline parsing and headline detection (clean.metadata)."""

from __future__ import annotations

import pytest

from counterpoint.clean.metadata import (
    looks_like_headline,
    parse_dateline,
    partial_date_from_iso,
)

# (line, (year, month, day, hour, minute, utc_offset_minutes))
DATELINES = [
    ("7 February, 06:46 PM", (None, 2, 7, 18, 46, None)),
    ("February 7, 2023 18:46", (2023, 2, 7, 18, 46, None)),
    ("Feb. 7, 2023", (2023, 2, 7, None, None, None)),
    ("2023-02-07", (2023, 2, 7, None, None, None)),
    ("07.02.2023 14:20", (2023, 2, 7, 14, 20, None)),
    ("Updated: March 3, 2024, 9:15 am ET", (2024, 3, 3, 9, 15, None)),
    ("Feb 7", (None, 2, 7, None, None, None)),
    ("Tuesday, February 7, 2023", (2023, 2, 7, None, None, None)),
    ("Tue 7 Feb 2023 14:20 GMT", (2023, 2, 7, 14, 20, 0)),
    ("2023-02-07T18:46:00+02:00", (2023, 2, 7, 18, 46, 120)),
    ("2023-02-07 09:05", (2023, 2, 7, 9, 5, None)),
    ("18:46, 7 February 2023", (2023, 2, 7, 18, 46, None)),
    ("Published 7 February 2023 | Updated 8 February 2023", (2023, 2, 7, None, None, None)),
    ("Posted on March 3, 2024 at 9:15 am EST", (2024, 3, 3, 9, 15, -300)),
    ("Last updated: 7 February 2023, 18:46", (2023, 2, 7, 18, 46, None)),
    ("Sept. 12, 2022 12:00 AM", (2022, 9, 12, 0, 0, None)),
    ("12 September 12:30 PM", (None, 9, 12, 12, 30, None)),
    ("Feb. 7 at 6:46 p.m.", (None, 2, 7, 18, 46, None)),
    ("7th of March", (None, 3, 7, None, None, None)),
    ("13/04/2023", (2023, 4, 13, None, None, None)),
    ("04/13/2023", (2023, 4, 13, None, None, None)),
    ("2023/04/13", (2023, 4, 13, None, None, None)),
    ("February 2023", (2023, 2, None, None, None, None)),
    ("29 February", (None, 2, 29, None, None, None)),
    ("7 February, 06:46 PM UTC+3", (None, 2, 7, 18, 46, 180)),
]


@pytest.mark.parametrize(("line", "expected"), DATELINES)
def test_dateline_formats(line: str, expected: tuple) -> None:
    date = parse_dateline(line)
    assert date is not None, line
    got = (date.year, date.month, date.day, date.hour, date.minute, date.utc_offset_minutes)
    assert got == expected
    assert date.text == line  # the raw dateline text is kept
    assert date.year_inferred is False


NOT_DATELINES = [
    "He said on Feb. 7, 2023 that the pier would close.",
    "The vote took place on 7 February.",
    "03/04/2023",  # US or European order? refuse rather than guess
    "7",
    "2023",
    "February 30",
    "31 April 2023",
    "29 February 2023",  # not a leap year
    "25:10, 7 February 2023",
    "Harbor council votes to close the pier",
    "March",
    "May the council reconsider",
    "",
]


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_dateline_iso_keeps_unknown_year_as_x() -> None:
    date = parse_dateline("7 February, 06:46 PM")
    assert date is not None
    assert date.iso() == "XXXX-02-07T18:46"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-07", (2023, 2, 7, None, None, None)),
        ("2023-02-07T18:46", (2023, 2, 7, 18, 46, None)),
        ("2023-02-07T18:46:00Z", (2023, 2, 7, 18, 46, 0)),
        ("2023-02-07T18:46:00-05:00", (2023, 2, 7, 18, 46, -300)),
    ],
)
def test_partial_date_from_iso(value: str, expected: tuple) -> None:
    d = partial_date_from_iso(value)
    assert (d.year, d.month, d.day, d.hour, d.minute, d.utc_offset_minutes) == expected
    assert d.text == value


def test_partial_date_from_iso_rejects_prose() -> None:
    with pytest.raises(ValueError):
        partial_date_from_iso("last Tuesday")


HEADLINES = [
    ("Harbor council votes to close the old ferry pier", True),
    ("Will Varnholt keep its ferry?", True),
    ("Ferry strike ends after talks with U.S.", True),
    ("Pier closes, council says", True),
    ("The council voted on Tuesday to close the old ferry pier after inspectors found damage.", False),
    ("Harbor", False),  # one word
    ("According to the council:", False),
    (" ".join(["word"] * 40), False),
    ("", False),
    ("2023", False),
]


@pytest.mark.parametrize(("line", "expected"), HEADLINES)
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected
