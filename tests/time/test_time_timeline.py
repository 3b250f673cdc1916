"""Merging one timeline across articles."""

from __future__ import annotations

import pytest

from counterpoint.records import Analysis, Article, PartialDate
from counterpoint.time import find_times, merge_timeline
from counterpoint.time.timeline import label_for, period

PUB = PartialDate(year=2023, month=3, day=12)


def _pair(body: str, ident: str) -> tuple[Article, Analysis]:
    article = Article(id=ident, source=ident, body=body, published=PUB, produced_by="t/1")
    return article, Analysis(article_id=ident, times=find_times(article), produced_by="t/1")


def test_same_day_from_two_articles_is_one_event() -> None:
    a = _pair("On March 10, the Kessel Herald reported the closure. The pier opened in 2019.", "a")
    b = _pair(
        "On Friday, the harbour closed for repairs. It had been sold in January. "
        "Crews will work for two weeks.",
        "b",
    )
    events = merge_timeline([a[0], b[0]], [a[1], b[1]])
    assert [e.value for e in events] == ["2019", "2023-01", "2023-03-10"]
    merged = events[-1]
    assert [(s.article_id, s.span.text) for s in merged.supports] == [
        ("a", "On March 10"),
        ("b", "On Friday"),
    ]
    assert merged.label == "On March 10, the Kessel Herald reported the closure."


def test_drops_durations_unknown_and_unresolved() -> None:
    article = Article(
        id="u", source="u", body="On Sunday it rained for two days. On Feb. 3 it snowed. Now it is dry.",
        produced_by="t/1",
    )  # no publication date: "On Sunday" is None, "Feb. 3" is XXXX-02-03
    analysis = Analysis(article_id="u", times=find_times(article), produced_by="t/1")
    assert merge_timeline([article], [analysis]) == []


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2023", "2023-01-01", "2023-12-31"),
        ("2022-12", "2022-12-01", "2022-12-31"),
        ("2023-W05", "2023-01-30", "2023-02-05"),
        ("2023-W05-WE", "2023-02-04", "2023-02-05"),
        ("2023-02-05", "2023-02-05", "2023-02-05"),
    ],
)
def test_period(value: str, first: str, last: str) -> None:
    span = period(value)
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == (first, last)


@pytest.mark.parametrize("value", ["XXXX-02-05", "P2D", "PRESENT_REF", "2023-02-07T18:46"])
def test_period_rejects(value: str) -> None:
    assert period(value) is None


def test_sorting_wider_first_on_same_start() -> None:
    body = "The plan began in 2023. Work started in January. Crews met on Jan. 1 and on Jan. 3."
    a = _pair(body, "s")
    assert [e.value for e in merge_timeline([a[0]], [a[1]])] == [
        "2023", "2023-01", "2023-01-01", "2023-01-03",
    ]  # fmt: skip


def test_long_sentence_label_prefers_the_clause_with_the_date() -> None:
    body = (
        "Long before any of the current disputes about tariffs, quotas and berths had begun, "
        "and after years of quiet negotiation between the two harbour towns, "
        "on March 3 the council voted to merge the port authorities into one body."
    )
    start = body.index("on March 3")
    label = label_for(body, (0, len(body)), start, start + len("on March 3"))
    assert label.startswith("on March 3 the council voted")
    assert len(label) <= 120
