"""Contradictions, omissions, sourcing and the assembled Comparison."""

from __future__ import annotations

import pytest

from counterpoint.comparison import compare_story
from counterpoint.comparison.omissions import find_omissions
from counterpoint.records import CellStance, ClaimCell, ClaimRow


def test_contradiction_kinds(tank_story) -> None:
    cmp = compare_story(tank_story.story, tank_story.articles, tank_story.analyses)
    kinds = {(c.kind, c.row_id) for c in cmp.contradictions}
    plant = cmp.rows[0].id
    supply = next(r.id for r in cmp.rows if "selling" in r.proposition)
    assert ("sources", plant) in kinds
    assert ("numbers", plant) in kinds  # 300 vs 500 tanks
    assert ("outlet_voices", supply) in kinds
    voices = next(c for c in cmp.contradictions if c.kind == "outlet_voices")
    assert "Daily Beacon" in voices.description and "Northern Herald" in voices.description
    sources = next(c for c in cmp.contradictions if c.kind == "sources")
    assert "The Harbor Times" in sources.description and "Varnia" in sources.description
    assert len(sources.article_ids) == 3


def test_no_contradiction_when_everyone_agrees(tank_story) -> None:
    cmp = compare_story(tank_story.story, tank_story.articles[2:], tank_story.analyses)
    assert cmp.contradictions == []


def test_omissions_and_columns(tank_story) -> None:
    cmp = compare_story(tank_story.story, tank_story.articles, tank_story.analyses)
    beacon, herald, today = (a.id for a in tank_story.articles)
    assert cmp.shared_row_ids == [cmp.rows[0].id]
    bridge = next(r.id for r in cmp.rows if "bridge" in r.proposition)
    strike = next(r.id for r in cmp.rows if "strike" in r.proposition)
    assert cmp.only_in == {beacon: [bridge], today: [strike]}
    assert [c.outlet for c in cmp.columns] == ["Daily Beacon", "Northern Herald", "Ostrel Today"]
    assert cmp.produced_by == "compare.rules/2"
    profile = next(p for p in cmp.sourcing if p.article_id == beacon)
    assert profile.sources["Varnia"] == 2
    # on the contested plant row the Beacon quotes both sides: Varnia denies, the
    # Harbor Times asserts
    assert profile.kinds == {"government": 2, "media": 1, "outlet": 1, "person": 1,
                             "side_denying": 1, "side_asserting": 1}


def test_omissions_single_article_is_empty() -> None:
    row = ClaimRow(id="r1", proposition="p", cells=[ClaimCell(article_id="a", stance=CellStance.ASSERTS)])
    assert find_omissions([row], ["a"]) == ([], {})


def test_one_holder_on_both_sides_is_not_a_source_clash():
    from counterpoint.comparison.contradictions import _source_clash
    from counterpoint.records import CellStance, ClaimCell, ClaimRow, SourceKind, SourceRef, Stance

    ministry = SourceRef(name="Harbour Ministry", kind=SourceKind.GOVERNMENT, canonical_id="harbour-ministry")
    row = ClaimRow(id="r1", proposition="the pier was damaged", cells=[
        ClaimCell(article_id="a", stance=CellStance.REPORTS_ASSERTING, holders=[ministry, ministry],
                  holder_stances=[Stance.ASSERTS, Stance.DENIES]),
    ])
    assert _source_clash(row, {"a": "Outlet A"}) is None
    mayor = SourceRef(name="Mayor Ilse Brandt", kind=SourceKind.PERSON, canonical_id="ilse-brandt")
    row = row.model_copy(update={"cells": [row.cells[0].model_copy(update={
        "holders": [ministry, ministry, mayor],
        "holder_stances": [Stance.ASSERTS, Stance.DENIES, Stance.DENIES]})]})
    assert _source_clash(row, {"a": "Outlet A"}) is not None


def _dated(aid: str, outlet: str, content: str, date_text: str, value: str):
    from counterpoint.records import (
        Analysis, Article, Attribution, AttributionKind, SourceKind, SourceRef, Span,
        TimeExpression, TimeType,
    )
    from counterpoint.claims import extract_claims

    body = f"The mayor said {content}."
    start = body.index(content)
    at = body.index(date_text)
    article = Article(id=aid * 40, source=f"{aid}.txt", outlet=outlet, body=body, produced_by="test/1")
    attribution = Attribution(
        id=f"{aid}-a1", source=SourceRef(name="Mayor Ilse Brandt", kind=SourceKind.PERSON),
        content=[Span(start=start, end=start + len(content), text=content)],
        kind=AttributionKind.INDIRECT, produced_by="test/1")
    time = TimeExpression(span=Span(start=at, end=at + len(date_text), text=date_text),
                          type=TimeType.DATE, value=value, produced_by="test/1")
    analysis = Analysis(article_id=article.id, attributions=[attribution], times=[time],
                        claims=extract_claims(article, None, [attribution]), produced_by="test/1")
    return article, analysis


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (("on 3 May", "2024-05-03"), ("on 5 May", "2024-05-05"), True),
        (("on 3 May", "2024-05-03"), ("on 3 May", "2024-05-03"), False),
        # a month and a day inside it do not disagree
        (("in May", "2024-05"), ("on 3 May", "2024-05-03"), False),
    ],
)
def test_dates_contradiction(first, second, clash) -> None:
    from counterpoint.records import Story

    a = _dated("a", "Outlet A", f"the Kessel bridge reopened {first[0]}", *first)
    b = _dated("b", "Outlet B", f"the Kessel bridge reopened {second[0]}", *second)
    story = Story(id="s", title="t", article_ids=[a[0].id, b[0].id], produced_by="test/1")
    cmp = compare_story(story, [a[0], b[0]], [a[1], b[1]])
    assert len(cmp.rows) == 1
    dates = [c for c in cmp.contradictions if c.kind == "dates"]
    assert bool(dates) is clash
    if clash:
        assert "2024-05-03" in dates[0].description and "2024-05-05" in dates[0].description


def test_weekdays_do_not_make_a_dates_contradiction() -> None:
    from counterpoint.records import Story

    # "on Thursday" resolved differently in two articles (a reference-date guess)
    a = _dated("a", "Outlet A", "the Kessel bridge reopened on Thursday", "on Thursday", "2024-05-02")
    b = _dated("b", "Outlet B", "the Kessel bridge reopened on Thursday", "on Thursday", "2024-05-09")
    story = Story(id="s", title="t", article_ids=[a[0].id, b[0].id], produced_by="test/1")
    cmp = compare_story(story, [a[0], b[0]], [a[1], b[1]])
    assert not [c for c in cmp.contradictions if c.kind == "dates"]
