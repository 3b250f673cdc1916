"""EXPECTED.md section 4 (time) on the two seed articles, read at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.pipeline import sentences_of
from counterpoint.records import Analysis, Article, PartialDate
from counterpoint.time import find_times, infer_story_years, merge_timeline

pytestmark = pytest.mark.shared

# the cleaning stage is another engineer's: build the articles by hand here
DATELINE = PartialDate(month=2, day=7, hour=18, minute=46, text="7 February, 06:46 PM")


def _article(path: Path, published: PartialDate | None) -> Article:
    body = path.read_text(encoding="utf-8").split("\n", 1)[1]
    return Article(
        id=path.stem, source=str(path), body=body, published=published, produced_by="test/1"
    )


@pytest.fixture(params=["regex-sentences", "spacy-sentences"])
def story(request, seeds_dir: Path) -> tuple[list[Article], list[Analysis]]:
    a000 = _article(next(seeds_dir.glob("000_*.txt")), DATELINE)
    a001 = _article(next(seeds_dir.glob("001_*.txt")), None)
    analyses = []
    for article in (a000, a001):
        doc = request.getfixturevalue("nlp")(article.body) if request.param == "spacy-sentences" else None
        analyses.append(
            Analysis(
                article_id=article.id,
                sentences=sentences_of(doc) if doc is not None else [],
                times=find_times(article, doc),
                published=article.published,
                produced_by="test/1",
            )
        )
    return [a000, a001], infer_story_years([a000, a001], analyses)


def _by_text(analysis: Analysis) -> dict[str, tuple[str | None, bool]]:
    return {t.span.text: (t.value, t.year_inferred) for t in analysis.times}


def test_dateline_year_inferred(story) -> None:
    _, (r000, _) = story
    assert r000.published is not None
    assert r000.published.iso() == "2023-02-07T18:46"
    assert r000.published.year_inferred


@pytest.mark.parametrize(
    ("index", "expression", "value"),
    [
        (0, "7 February, 06:46 PM", "2023-02-07T18:46"),
        (0, "Feb. 7", "2023-02-07"),
        (0, "On Feb. 5", "2023-02-05"),
        (0, "On Jan. 6", "2023-01-06"),
        (0, "back in 2021", "2021"),
        (1, "On Sunday", "2023-02-05"),
        (1, "a Monday tweet", "2023-02-06"),
        (1, "last week", "2023-W05"),  # the ISO week before publication week 2023-W06
        (1, "at the end of December last year", "2022-12"),
    ],
)
def test_expected_rows(story, index: int, expression: str, value: str) -> None:
    _, resolved = story
    analysis = resolved[index]
    matches = [t for t in analysis.times if t.span.text.endswith(expression)]
    assert len(matches) == 1, [t.span.text for t in analysis.times]
    expr = matches[0]
    assert expr.value == value
    # 2023 is written nowhere: every value carrying it is inferred; 2021 is written
    assert expr.year_inferred == (value != "2021")


def test_end_of_modifier_and_story_anchor(story) -> None:
    _, (_, r001) = story
    end = next(t for t in r001.times if "December" in t.span.text)
    assert end.anchor is not None and end.anchor.startswith("end of")
    assert all("no date" in (t.anchor or "") for t in r001.times)
    assert r001.published is not None and r001.published.year == 2023


def test_timeline_merges_the_wsj_report(story) -> None:
    articles, resolved = story
    events = merge_timeline(articles, resolved)
    values = [e.value for e in events]
    assert len(values) == len(set(values))
    assert values == sorted(values, key=lambda v: v.replace("-W05", "-01-30"))
    feb5 = [e for e in events if e.value == "2023-02-05"]
    assert len(feb5) == 1
    assert sorted(s.article_id for s in feb5[0].supports) == sorted(a.id for a in articles)
    assert {"2021", "2022-12", "2023-01-06", "2023-02-06", "2023-02-07"} <= set(values)
