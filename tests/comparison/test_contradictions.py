"""Contradictions, omissions, sourcing and the assembled Comparison."""

from __future__ import annotations

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
    assert cmp.produced_by == "compare.rules/1"
    profile = next(p for p in cmp.sourcing if p.article_id == beacon)
    assert profile.sources["Varnia"] == 2
    assert profile.kinds == {"government": 2, "media": 1, "outlet": 1, "person": 1}


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
