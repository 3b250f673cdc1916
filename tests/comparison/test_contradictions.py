"""Contradictions, omissions, sourcing and the assembled Comparison."""

from __future__ import annotations

import re

import pytest

from counterpoint.claims import extract_claims
from counterpoint.comparison import compare_story
from counterpoint.comparison.omissions import find_omissions
from counterpoint.records import (
    Analysis, Article, Attribution, AttributionKind, CellStance, ClaimCell, ClaimRow, Entity, Polarity,
    SourceKind, SourceRef, Span, Story,
)


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
    assert cmp.produced_by == "compare.rules/4"
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


# ------------------------------------------------------------------ evidence carries ids


def test_every_kind_of_evidence_names_its_article(tank_story) -> None:
    cmp = compare_story(tank_story.story, tank_story.articles, tank_story.analyses)
    bodies = {a.id: a.body for a in tank_story.articles}
    assert {c.kind for c in cmp.contradictions} >= {"sources", "outlet_voices", "numbers"}
    for contradiction in cmp.contradictions:
        assert contradiction.evidence
        for span in contradiction.evidence:
            assert span.article_id in contradiction.article_ids
            # the id, not a text search, says whose body the offsets index
            assert bodies[span.article_id][span.start : span.end] == span.text
    # the plant row's evidence comes from all three articles
    sources = next(c for c in cmp.contradictions if c.kind == "sources")
    assert {s.article_id for s in sources.evidence} == set(bodies)


def test_dates_evidence_names_its_article() -> None:
    from counterpoint.records import Story

    a = _dated("a", "Outlet A", "the Kessel bridge reopened on 3 May", "on 3 May", "2024-05-03")
    b = _dated("b", "Outlet B", "the Kessel bridge reopened on 5 May", "on 5 May", "2024-05-05")
    story = Story(id="s", title="t", article_ids=[a[0].id, b[0].id], produced_by="test/1")
    cmp = compare_story(story, [a[0], b[0]], [a[1], b[1]])
    dates = next(c for c in cmp.contradictions if c.kind == "dates")
    # both bodies are the same length and shape: only the id tells the spans apart
    by_article = {s.article_id: s.text for s in dates.evidence if "bridge" in s.text}
    assert by_article == {a[0].id: "the Kessel bridge reopened on 3 May",
                          b[0].id: "the Kessel bridge reopened on 5 May"}


# --------------------------------------------------------- a small story per table case

PER, ORG, GOV, OUT = SourceKind.PERSON, SourceKind.ORGANIZATION, SourceKind.GOVERNMENT, SourceKind.OUTLET
SAYS, DENIES = Polarity.ASSERTS, Polarity.DENIES
# fictional entities: surface -> (canonical id, label)
ENTITIES = {
    "Harbour Ministry": ("harbour-ministry", "ORG"), "Brask militia": ("brask-militia", "ORG"),
    "Brask": ("brask", "NORP"), "Lenport": ("lenport", "GPE"), "Varnia": ("varnia", "GPE"),
    "Ostrel": ("ostrel", "GPE"), "Coastal Guard": ("coastal-guard", "ORG"),
    "Mira Tollen": ("mira-tollen", "PERSON"), "Oskar Venn": ("oskar-venn", "PERSON"), "Varnian": ("varnia", "NORP"),
}


def _told(key: str, parts: list[tuple], subjects: list[tuple[str, str]] | None = None):
    """An article of statements (holder, kind, polarity, content); `subjects`, when
    given, fills (`Claim.subject`, `Claim.predicate`) the way the claims stage does from
    the parse."""
    body = ""
    attributions: list[Attribution] = []
    for i, (holder, kind, polarity, content) in enumerate(parts):
        cue = "but" if kind is OUT else (f"{holder} said" if polarity is SAYS else f"{holder} denied that")
        cue_at = len(body)
        body += cue + " "
        start = len(body)
        body += content + ". "
        attributions.append(Attribution(
            id=f"{key}-a{i}",
            source=SourceRef(name=holder, kind=kind, canonical_id=holder.lower().replace(" ", "-")),
            cue=Span(start=cue_at, end=cue_at + len(cue), text=cue), polarity=polarity,
            content=[Span(start=start, end=start + len(content), text=content)],
            kind=AttributionKind.INDIRECT, produced_by="test/1"))
    entities = [
        Entity(span=Span(start=m.start(), end=m.end(), text=surface), label=label, canonical_id=cid,
               canonical_name=surface, produced_by="test/1")
        for surface, (cid, label) in ENTITIES.items()
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", body)
    ]
    article = Article(id=(key * 40)[:40], source=f"{key}.txt", outlet=f"Outlet {key.upper()}", body=body,
                      produced_by="test/1")
    claims = extract_claims(article, None, attributions)
    if subjects is not None:
        claims = [c.model_copy(update={"subject": s, "predicate": p}) for c, (s, p) in zip(claims, subjects)]
    analysis = Analysis(article_id=article.id, entities=entities, attributions=attributions, claims=claims,
                        produced_by="test/1")
    return article, analysis


def _compare(*built):
    articles = [a for a, _ in built]
    story = Story(id="s", title="t", article_ids=[a.id for a in articles], produced_by="test/1")
    return compare_story(story, articles, [n for _, n in built]), articles


STRIKE_BY_MINISTRY = "the Harbour Ministry carried out the strike on the Lenport depot"
STRIKE_BY_MILITIA = "the Brask militia carried out the strike on the Lenport depot"


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        # sources: one holder asserts what another denies
        pytest.param([("Varnia", GOV, DENIES, "Varnia plans a tank plant in Ostrel")],
                     [("The Harbor Times", SourceKind.MEDIA, SAYS, "Varnia plans a tank plant in Ostrel")],
                     {"sources"}, id="sources"),
        # outlet voices: one outlet asserts in its own voice what the other only reports denied
        pytest.param([("Outlet A", OUT, SAYS, "Varnia sells armored tanks to Ostrel")],
                     [("Varnia", GOV, DENIES, "Varnia sells armored tanks to Ostrel")],
                     {"outlet_voices"}, id="outlet_voices"),
        # numbers: the same quantity, different figures
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "Varnia delivered 300 tanks to Ostrel")],
                     [("Dockworkers Union", ORG, SAYS, "Varnia delivered 500 tanks to Ostrel")],
                     {"numbers"}, id="numbers"),
        # actors: different entities carried out one strike
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, STRIKE_BY_MINISTRY)],
                     [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)],
                     {"actors"}, id="actors-active"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, STRIKE_BY_MINISTRY)],
                     [("Dockworkers Union", ORG, SAYS,
                       "the strike on the Lenport depot was carried out by the Brask militia")],
                     {"actors"}, id="actors-passive-agent"),
        pytest.param([("Outlet A", OUT, SAYS, "the Coastal Guard sank the ferry near Lenport")],
                     [("Mayor Ilse Brandt", PER, SAYS, "the Brask militia sank the ferry near Lenport")],
                     {"actors"}, id="actors-outlet-voice"),
        # auxiliary-led subjects that differ: the aligner (compare.align step 5) puts two
        # named actors of one action on one row, so the clash is seen
        pytest.param([("Outlet A", OUT, SAYS, "the Coastal Guard has sunk the ferry near Lenport")],
                     [("Mayor Ilse Brandt", PER, SAYS, "the Brask militia has sunk the ferry near Lenport")],
                     {"actors"}, id="actors-with-auxiliary"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "Mira Tollen sold the family boat at the Lenport market")],
                     [("Dockworkers Union", ORG, SAYS, "Oskar Venn sold the family boat at the Lenport market")],
                     {"actors"}, id="actors-two-persons"),
        # a person and a group described by nationality may be one side: no clash
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "Mira Tollen sold the family boat at the Lenport market")],
                     [("Dockworkers Union", ORG, SAYS, "Varnian parents sold the family boat at the Lenport market")],
                     set(), id="person-and-group"),
        # no clash: one agrees, one actor in other words, or no named second actor
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, STRIKE_BY_MILITIA)],
                     [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)],
                     set(), id="same-actor"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, STRIKE_BY_MILITIA)],
                     [("Dockworkers Union", ORG, SAYS, "Brask fighters carried out the strike on the Lenport depot")],
                     set(), id="alias-shares-an-entity"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "Brask carried out the strike on the Lenport depot")],
                     [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)],
                     set(), id="one-name-inside-the-other"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "they carried out the strike on the Lenport depot")],
                     [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)],
                     set(), id="pronoun"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "the militia carried out the strike on the Lenport depot")],
                     [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MINISTRY)],
                     set(), id="common-noun-is-not-named"),
        # a denial names nobody: denying the ministry did it is no "actors" clash with blaming
        # the militia (the row's holders still disagree on the row's proposition: "sources")
        pytest.param([("Harbour Ministry", GOV, DENIES, STRIKE_BY_MINISTRY)],
                     [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)],
                     {"sources"}, id="denial"),
        # a converse wording names both parties: not a different actor
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "Varnia sold armored tanks to Ostrel")],
                     [("Dockworkers Union", ORG, SAYS, "Ostrel bought armored tanks from Varnia")],
                     set(), id="converse"),
        pytest.param([("Mayor Ilse Brandt", PER, SAYS, "the Brask militia are the strongest force in Lenport")],
                     [("Dockworkers Union", ORG, SAYS, "the Harbour Ministry are the strongest force in Lenport")],
                     set(), id="copular-is-no-action"),
    ],
)
def test_contradiction_kinds_table(a, b, kinds) -> None:
    cmp, articles = _compare(_told("a", a), _told("b", b))
    assert {c.kind for c in cmp.contradictions} == kinds
    bodies = {x.id: x.body for x in articles}
    for contradiction in cmp.contradictions:
        assert {s.article_id for s in contradiction.evidence} == {x.id for x in articles}
        assert all(bodies[s.article_id][s.start : s.end] == s.text for s in contradiction.evidence)


def test_actors_description_reads_as_one_sentence() -> None:
    cmp, _ = _compare(_told("a", [("Mayor Ilse Brandt", PER, SAYS, STRIKE_BY_MINISTRY)]),
                      _told("b", [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)]))
    (actors,) = [c for c in cmp.contradictions if c.kind == "actors"]
    assert actors.description == (
        "Outlet A (citing Mayor Ilse Brandt) says the Harbour Ministry carried out the strike on the "
        "Lenport depot; Outlet B (citing Dockworkers Union) says it was the Brask militia."
    )
    assert actors.row_id == cmp.rows[0].id and len(cmp.rows) == 1


def test_actors_between_sources_of_one_article() -> None:
    cmp, (article,) = _compare(_told("a", [("Harbour Ministry", GOV, SAYS, STRIKE_BY_MILITIA),
                                           ("Brask militia", ORG, SAYS, STRIKE_BY_MINISTRY)]))
    (actors,) = [c for c in cmp.contradictions if c.kind == "actors"]
    assert actors.article_ids == [article.id]
    assert "citing Harbour Ministry" in actors.description and "citing Brask militia" in actors.description


def test_actors_from_claim_subject_when_filled() -> None:
    # a fronted phrase hides the subject from the proposition rule; the claims stage's
    # subject (from the parse) names it
    fronted = "late on Tuesday, the Brask militia carried out the strike on the Lenport depot"
    ministry = _told("a", [("Mayor Ilse Brandt", PER, SAYS, STRIKE_BY_MINISTRY)])
    cmp, _ = _compare(ministry, _told("b", [("Dockworkers Union", ORG, SAYS, fronted)],
                                      subjects=[("the Brask militia", "carry")]))
    (actors,) = [c for c in cmp.contradictions if c.kind == "actors"]
    assert actors.description.endswith("says it was the Brask militia.")
    cmp, _ = _compare(ministry, _told("b", [("Dockworkers Union", ORG, SAYS, fronted)]))
    assert not [c for c in cmp.contradictions if c.kind == "actors"]


def test_an_actor_must_be_written_in_the_claim() -> None:
    # "it carried out the strike": the claims stage puts the holder's name in the
    # proposition; a resolved pronoun may be wrong, so it makes no clash on its own
    built = [_told("a", [("Harbour Ministry", GOV, SAYS, "it carried out the strike on the Lenport depot")]),
             _told("b", [("Dockworkers Union", ORG, SAYS, STRIKE_BY_MILITIA)])]
    cmp, _ = _compare(*built)
    claims = [c for a in built for c in a[1].claims]
    assert claims[0].proposition.startswith("Harbour Ministry carried out")  # resolved
    assert len(cmp.rows) == 1  # one event
    assert not [c for c in cmp.contradictions if c.kind == "actors"]


def test_no_actors_in_the_tank_story(tank_story) -> None:
    cmp = compare_story(tank_story.story, tank_story.articles, tank_story.analyses)
    assert not [c for c in cmp.contradictions if c.kind == "actors"]
