"""Rule tables: each expression kind, found in a sentence and normalized."""

from __future__ import annotations

import pytest

from counterpoint.records import Article, PartialDate, TimeType
from counterpoint.time import find_times
from counterpoint.time.expressions import parse_mention, scan, sentence_bounds

TUESDAY = PartialDate(year=2023, month=2, day=7)  # a Tuesday, ISO week 2023-W06
NO_YEAR = PartialDate(month=2, day=7, text="7 February")


def _article(body: str, published: PartialDate | None = TUESDAY) -> Article:
    return Article(id="t", source="test", body=body, published=published, produced_by="test/1")


def _only(body: str, published: PartialDate | None = TUESDAY):
    found = find_times(_article(body, published))
    assert len(found) == 1, [t.span.text for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "kind"),
    [
        ("The mayor of Lindmark spoke on Feb. 7 about the bridge.", "on Feb. 7", "2023-02-07", "DATE"),
        ("The council met February 3 in Lindmark.", "February 3", "2023-02-03", "DATE"),
        ("The council met 3 February in Lindmark.", "3 February", "2023-02-03", "DATE"),
        ("The council met on Feb. 3, 2021, in Lindmark.", "on Feb. 3, 2021", "2021-02-03", "DATE"),
        ("The report was filed 2022-11-30 by the clerk.", "2022-11-30", "2022-11-30", "DATE"),
        ("Posted 7 February, 06:46 PM by the desk.", "7 February, 06:46 PM", "2023-02-07T18:46", "TIME"),
        ("On Jan. 6, the ferry line stopped running.", "On Jan. 6", "2023-01-06", "DATE"),
        ("The strike began on Dec. 28 at the docks.", "on Dec. 28", "2022-12-28", "DATE"),
        ("On Sunday, the Lindmark Courier printed the plan.", "On Sunday", "2023-02-05", "DATE"),
        ("The mayor replied in a Monday interview.", "a Monday interview", "2023-02-06", "DATE"),
        ("The mayor replied on Tuesday.", "on Tuesday", "2023-02-07", "DATE"),
        ("The mayor replied last Tuesday.", "last Tuesday", "2023-01-31", "DATE"),
        ("The mayor will reply next Tuesday.", "next Tuesday", "2023-02-14", "DATE"),
        ("The mayor will reply on Friday.", "on Friday", "2023-02-10", "DATE"),
        ("The mayor replied yesterday.", "yesterday", "2023-02-06", "DATE"),
        ("The mayor replies today at the hall.", "today", "2023-02-07", "DATE"),
        ("The mayor replies tomorrow.", "tomorrow", "2023-02-08", "DATE"),
        ("The ferry stopped last week.", "last week", "2023-W05", "DATE"),
        ("The ferry stops this week.", "this week", "2023-W06", "DATE"),
        ("The ferry stopped last month.", "last month", "2023-01", "DATE"),
        ("The ferry stopped earlier this month.", "earlier this month", "2023-02", "DATE"),
        ("The ferry stopped last year.", "last year", "2022", "DATE"),
        ("The ferry stopped at the end of last year.", "at the end of last year", "2022", "DATE"),
        ("The ferry stopped at the end of December last year.", "at the end of December last year", "2022-12", "DATE"),
        ("The ferry restarts in early March.", "in early March", "2023-03", "DATE"),
        ("The ferry stopped in December.", "in December", "2022-12", "DATE"),
        ("The ferry opened in May 2019.", "in May 2019", "2019-05", "DATE"),
        ("The ferry opened back in 2021.", "back in 2021", "2021", "DATE"),
        ("The ferry opened in 2021.", "in 2021", "2021", "DATE"),
        ("The ferry stopped two days ago.", "two days ago", "2023-02-05", "DATE"),
        ("The ferry stopped three weeks ago.", "three weeks ago", "2023-W03", "DATE"),
        ("The ferry had stopped three weeks earlier.", "three weeks earlier", "P3W", "DURATION"),
        ("The ferry stopped for two days.", "for two days", "P2D", "DURATION"),
        ("The ferry signed a 10-year lease.", "10-year", "P10Y", "DURATION"),
        ("The ferry is currently idle.", "currently", "PRESENT_REF", "DATE"),
        ("The ferry is idle now.", "now", "PRESENT_REF", "DATE"),
        ("The ferry sails daily.", "daily", "P1D", "SET"),
        ("The ferry sails every Sunday.", "every Sunday", "XXXX-WXX-7", "SET"),
        ("Newsletter daily at 9am EST.", "daily at 9am EST", "XXXX-XX-XXT09:00", "SET"),
        ("The ferry left at 9am EST.", "at 9am EST", "2023-02-07T09:00", "TIME"),
        ("The ferry left at 18:30 GMT.", "at 18:30 GMT", "2023-02-07T18:30", "TIME"),
    ],
)
def test_rule_table(text: str, span: str, value: str, kind: str) -> None:
    expr = _only(text)
    assert expr.span.text == span
    assert text[expr.span.start : expr.span.end] == span
    assert expr.value == value
    assert expr.type == TimeType(kind)
    assert expr.produced_by == "time.rules/1"


@pytest.mark.parametrize(
    "text",
    [
        "The Lindmark Today newsletter is free.",  # a name, not a date
        "They may march on the hall.",  # lowercase verbs
        "At least 6,000 people came.",
        "The score was 2:1 at the end.",
        "A 5-year-old boy won.",
    ],
)
def test_not_time(text: str) -> None:
    assert find_times(_article(text)) == []


@pytest.mark.parametrize(
    ("text", "value", "anchor"),
    [
        ("The council met on Feb. 3.", "XXXX-02-03", "publication (year unknown)"),
        ("The council met on Sunday.", None, "publication (year unknown)"),
        ("The council met yesterday.", "XXXX-02-06", "publication (year unknown)"),
        ("The council met last month.", "XXXX-01", "publication (year unknown)"),
        ("The council met last week.", None, "publication (year unknown)"),
        ("The council met back in 2020.", "2020", None),
    ],
)
def test_year_unknown(text: str, value: str | None, anchor: str | None) -> None:
    expr = _only(text, NO_YEAR)
    assert (expr.value, expr.anchor) == (value, anchor)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council met on Sunday.", None),
        ("The council met last week.", None),
        ("The council met yesterday.", None),
        ("The council met on Feb. 3.", "XXXX-02-03"),
        ("The council met on Feb. 3, 2020.", "2020-02-03"),
    ],
)
def test_no_publication_date(text: str, value: str | None) -> None:
    expr = _only(text, None)
    assert expr.value == value
    if value is None:
        assert expr.anchor == "unresolved"


@pytest.mark.parametrize(
    ("published", "text", "value"),
    [
        # weekday resolution: the latest such day on or before publication (a Tuesday)
        (PartialDate(year=2023, month=2, day=7), "It rained on Tuesday.", "2023-02-07"),
        (PartialDate(year=2023, month=2, day=7), "It rained on Wednesday.", "2023-02-01"),
        (PartialDate(year=2023, month=2, day=7), "It rained on Monday.", "2023-02-06"),
        (PartialDate(year=2023, month=1, day=2), "It rained on Saturday.", "2022-12-31"),
        (PartialDate(year=2024, month=3, day=1), "It rained on Thursday.", "2024-02-29"),
        # a future-tense sentence points forward
        (PartialDate(year=2023, month=2, day=7), "It will rain on Monday.", "2023-02-13"),
        # an undated day-month takes the year nearest to publication
        (PartialDate(year=2024, month=1, day=2), "It rained on Dec. 30.", "2023-12-30"),
    ],
)
def test_weekday_and_nearest_year(published: PartialDate, text: str, value: str) -> None:
    assert _only(text, published).value == value


def test_longest_match_wins_and_spans_are_exact() -> None:
    body = "At the end of December last year the pier closed; on Sunday, Feb. 5 it reopened."
    found = scan(body)
    assert [body[f.start : f.end] for f in found] == [
        "At the end of December last year",
        "on Sunday, Feb. 5",
    ]
    assert found[1].mention.weekday == 6 and found[1].mention.day == 5


@pytest.mark.parametrize(
    "text", ["On Sunday", "a Monday tweet", "last week", "Feb. 5", "back in 2021", "9am EST"]
)
def test_reparse_round_trip(text: str) -> None:
    assert parse_mention(text) is not None


def test_sentence_fallback_keeps_abbreviations() -> None:
    body = "The pier closed on Feb. 5. It reopened later. Mr. Ovel said so."
    bounds = sentence_bounds(body)
    assert [body[a:b] for a, b in bounds] == [
        "The pier closed on Feb. 5.",
        "It reopened later.",
        "Mr. Ovel said so.",
    ]


def test_doc_sentences_are_optional(nlp) -> None:
    body = "On Sunday, the pier closed. It will reopen on Friday."
    with_doc = find_times(_article(body), nlp(body))
    without = find_times(_article(body))
    assert [t.value for t in with_doc] == [t.value for t in without] == ["2023-02-05", "2023-02-10"]
