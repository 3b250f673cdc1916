"""Story-level year inference on fictional articles."""

from __future__ import annotations

import pytest

from counterpoint.records import Analysis, Article, PartialDate
from counterpoint.time import find_times
from counterpoint.time.years import choose_year, collect_clues, content_words, infer_story_years

# A fictional story: the Kessel Herald's report on a harbour closure, told twice.
HERALD_DAY = (
    "Port officials in Valdoria confirmed the closure on Sunday.\n"
    "On March 10, the Kessel Herald reported that the Valdorian port authority plans to "
    "close the northern harbour for repairs.\n"
    "The harbour was last dredged back in 2019, officials said. Traffic fell last week."
)
HERALD_WEEKDAY = (
    "On Friday, the Kessel Herald said the port authority of Valdoria plans to close the "
    "northern harbour.\n"
    "Fishermen protested in a Saturday rally outside the harbour office.\n"
    "Repairs began at the end of January this year."
)


def _pair(
    body: str, published: PartialDate | None, ident: str
) -> tuple[Article, Analysis]:
    article = Article(id=ident, source=ident, body=body, published=published, produced_by="t/1")
    analysis = Analysis(
        article_id=ident, times=find_times(article), published=published, produced_by="t/1"
    )
    return article, analysis


def _story(*pairs: tuple[Article, Analysis]) -> tuple[list[Article], list[Analysis]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _values(analysis: Analysis) -> dict[str, str | None]:
    return {t.span.text: t.value for t in analysis.times}


DATELINE = PartialDate(month=3, day=12, hour=9, minute=15, text="12 March, 09:15 AM")


def test_two_articles_weekday_coreference() -> None:
    articles, analyses = _story(
        _pair(HERALD_DAY, DATELINE, "day"), _pair(HERALD_WEEKDAY, None, "weekday")
    )
    clues = collect_clues(articles, analyses)
    assert clues.lower_bound == 2020  # "back in 2019": later than 2019
    assert [(c.month, c.day, c.weekday) for c in clues.weekdays] == [(3, 10, 4)]
    assert choose_year(clues) == 2023  # 10 March was a Friday in 2023 (and 2028)

    day, weekday = infer_story_years(articles, analyses)
    assert day.published is not None and day.published.iso() == "2023-03-12T09:15"
    assert day.published.year_inferred
    assert articles[0].published == DATELINE  # the Article is not changed
    assert _values(day) == {
        "on Sunday": "2023-03-12",
        "On March 10": "2023-03-10",
        "back in 2019": "2019",
        "last week": "2023-W09",
    }
    assert all(t.year_inferred for t in day.times if t.span.text != "back in 2019")
    # the undated article borrows the story's year and reference date, and says so
    assert weekday.published == PartialDate(year=2023, year_inferred=True)
    assert _values(weekday) == {
        "On Friday": "2023-03-10",
        "a Saturday rally": "2023-03-11",
        "at the end of January this year": "2023-01",
    }
    friday = weekday.times[0]
    assert friday.year_inferred and friday.produced_by == "time.years/1"
    assert friday.anchor is not None and "this article has no date" in friday.anchor


def test_order_of_analyses_is_kept() -> None:
    articles, analyses = _story(
        _pair(HERALD_DAY, DATELINE, "day"), _pair(HERALD_WEEKDAY, None, "weekday")
    )
    out = infer_story_years(articles, list(reversed(analyses)))
    assert [a.article_id for a in out] == ["weekday", "day"]


def test_unrelated_sentences_do_not_corefer() -> None:
    other = "On Friday, a choir from Ostreva sang at the opening of the new library."
    articles, analyses = _story(_pair(HERALD_DAY, DATELINE, "day"), _pair(other, None, "o"))
    clues = collect_clues(articles, analyses)
    assert clues.weekdays == []
    out = infer_story_years(articles, analyses)
    # refuse rather than guess: no weekday evidence, the year stays unknown
    assert out[0].published == DATELINE
    assert _values(out[0])["On March 10"] == "XXXX-03-10"
    assert _values(out[1])["On Friday"] is None


def test_single_article_with_weekday_written_together() -> None:
    body = "On Friday, March 10, the pier closed. It had opened back in 2019."
    (analysis,) = infer_story_years(*_story(_pair(body, PartialDate(month=3, day=11), "one")))
    assert analysis.published is not None and analysis.published.year == 2023
    assert _values(analysis)["On Friday, March 10"] == "2023-03-10"


def test_dateline_weekday_counts() -> None:
    pub = PartialDate(month=3, day=10, text="Friday, 10 March")
    body = "The pier closed. It had opened back in 2019."
    (analysis,) = infer_story_years(*_story(_pair(body, pub, "one")))
    assert analysis.published is not None and analysis.published.year == 2023


def test_written_year_anchors_the_story() -> None:
    dated = _pair("The pier closed on Tuesday.", PartialDate(year=2024, month=1, day=2), "a")
    undated = _pair("The pier closed on Dec. 31.", PartialDate(month=12, day=31), "b")
    nodate = _pair("The pier closed yesterday.", None, "c")
    a, b, c = infer_story_years(*_story(dated, undated, nodate))
    assert a.published == dated[0].published and _values(a) == {"on Tuesday": "2024-01-02"}
    assert b.published is not None and (b.published.year, b.published.year_inferred) == (2023, True)
    assert _values(b) == {"on Dec. 31": "2023-12-31"}
    assert _values(c) == {"yesterday": "2024-01-01"}


def test_no_articles_and_no_clues() -> None:
    assert infer_story_years([], []) == []
    pair = _pair("The pier closed on Sunday.", None, "x")
    (out,) = infer_story_years(*_story(pair))
    assert out.published is None and _values(out) == {"on Sunday": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ports closed on the islands", {"port", "closed", "island"}),
        ("Valdoria's harbour authorities", {"valdoria", "harbour", "authority"}),
    ],
)
def test_content_words(text: str, expected: set[str]) -> None:
    assert content_words(text) == expected


def test_story_across_new_year() -> None:
    # 30 December fell on a Friday in 2022: the story (dated 2 January) is in 2023
    day = _pair(
        "On Dec. 30, the Kessel Herald reported that the port authority plans to close the "
        "northern harbour. The harbour was dredged back in 2019.",
        PartialDate(month=1, day=2, text="2 January"),
        "day",
    )
    weekday = _pair(
        "On Friday, the Kessel Herald said the port authority plans to close the harbour.",
        None,
        "weekday",
    )
    a, b = infer_story_years(*_story(day, weekday))
    assert a.published is not None and a.published.year == 2023
    assert _values(a)["On Dec. 30"] == "2022-12-30"
    assert _values(b)["On Friday"] == "2022-12-30"


def test_future_weekday_does_not_corefer() -> None:
    day = _pair(HERALD_DAY, DATELINE, "day")
    future = _pair(
        "On Friday, the Kessel Herald will say the port authority of Valdoria plans to close "
        "the northern harbour.",
        None,
        "future",
    )
    assert collect_clues(*_story(day, future)).weekdays == []
