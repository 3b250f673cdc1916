"""Reports render every section from hand-built records, in all three formats."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from counterpoint.records import (
    Analysis, Article, Attribution, AttributionKind, CellStance, Channel, ClaimCell, ClaimRow,
    Comparison, Contradiction, FramingTerm, OutletColumn, OutletPosition, PartialDate, Polarity, RemovedLine,
    SourceKind, SourceRef, SourcingProfile, Stance, Story, TimelineEvent, TimelineSupport,
)
from counterpoint.report import render_json, render_markdown
from counterpoint.report.common import cell_label, route_label, source_label
from counterpoint.report.terminal import render_terminal

from .conftest import Result, span

BODY_A = "The ferry company denied that the night service would end. Critics called it a \u201cslow collapse\u201d."
BODY_B = "Officials familiar with the plan said the night service would end in May."


@pytest.fixture()
def result() -> Result:
    company = SourceRef(name="Tarvo Ferries", kind=SourceKind.ORGANIZATION, canonical_id="tarvo-ferries",
                        span=span(BODY_A, "The ferry company"))
    officials = SourceRef(name="officials familiar with the plan", kind=SourceKind.ANONYMOUS,
                          description="officials familiar with the plan", span=span(BODY_B, "Officials familiar with the plan"))
    herald = SourceRef(name="Lindmark Herald", kind=SourceKind.MEDIA, canonical_id="lindmark-herald")
    a = Article(id="a" * 32, source="a.txt", outlet="Harbour Daily", title="Night ferry stays",
                published=PartialDate(month=5, day=2, text="2 May"), body=BODY_A,
                removed=[RemovedLine(line_no=3, text="Follow us on Fedisocial", reason="social_promo")],
                produced_by="test/1")
    b = Article(id="b" * 32, source="b.txt", outlet="Coast Wire", title="Night ferry to end", body=BODY_B,
                produced_by="test/1")
    att_a = Attribution(id="a:a1", source=company, cue=span(BODY_A, "denied"), cue_lemma="deny",
                        polarity=Polarity.DENIES, content=[span(BODY_A, "the night service would end")],
                        kind=AttributionKind.INDIRECT, produced_by="test/1")
    att_b = Attribution(id="b:a1", source=officials, cue=span(BODY_B, "said"), cue_lemma="say",
                        polarity=Polarity.ASSERTS, content=[span(BODY_B, "the night service would end in May")],
                        kind=AttributionKind.INDIRECT, chain=[officials, herald],
                        channel=Channel(kind="media", name="Lindmark Herald"), produced_by="test/1")
    analyses = [
        Analysis(article_id=a.id, attributions=[att_a], published=a.published.model_copy(update={"year": 2025, "year_inferred": True}), produced_by="test/1"),
        Analysis(article_id=b.id, attributions=[att_b], produced_by="test/1"),
    ]
    row = ClaimRow(id="r1", proposition="the night service would end", cells=[
        ClaimCell(article_id=a.id, stance=CellStance.REPORTS_DENYING, holders=[company], holder_stances=[Stance.DENIES]),
        ClaimCell(article_id=b.id, stance=CellStance.REPORTS_ASSERTING, holders=[officials], holder_stances=[Stance.ASSERTS]),
    ])
    only = ClaimRow(id="r2", proposition="critics see a slow collapse", cells=[
        ClaimCell(article_id=a.id, stance=CellStance.ASSERTS, holders=[SourceRef(name="Harbour Daily", kind=SourceKind.OUTLET)],
                  holder_stances=[Stance.ASSERTS], outlet_position=OutletPosition.ASSERTS),
        ClaimCell(article_id=b.id, stance=CellStance.ABSENT, outlet_position=OutletPosition.ABSENT),
    ])
    comparison = Comparison(
        story_id="s1",
        columns=[OutletColumn(article_id=a.id, outlet="Harbour Daily"), OutletColumn(article_id=b.id, outlet="Coast Wire")],
        rows=[row, only], shared_row_ids=["r1"], only_in={a.id: ["r2"]}, omitted_by={b.id: ["r2"]},
        sourcing=[SourcingProfile(article_id=b.id, sources={"officials familiar with the plan": 1},
                                  kinds={"anonymous": 1})],
        contradictions=[Contradiction(row_id="r1", kind="sources", description="Officials assert and Tarvo Ferries denies the end of the night service.", article_ids=[a.id, b.id])],
        framing=[FramingTerm(article_id=a.id, text="slow collapse", category="scare_quote")],
        timeline=[TimelineEvent(value="2025-05-02", label="The company denied the plan",
                                supports=[TimelineSupport(article_id=a.id, span=span(BODY_A, "denied"))])],
        produced_by="test/1",
    )
    story = Story(id="s1", title="Night ferry", article_ids=[a.id, b.id], produced_by="test/1")
    return Result(story, [a, b], analyses, comparison)


def test_cell_labels():
    officials = SourceRef(name="officials", kind=SourceKind.ANONYMOUS)
    cell = ClaimCell(article_id="x", stance=CellStance.REPORTS_ASSERTING, holders=[officials], holder_stances=[Stance.ASSERTS])
    assert cell_label(cell) == "reports: officials asserts"
    assert cell_label(ClaimCell(article_id="x", stance=CellStance.ABSENT)) == "—"


def test_source_and_route_labels(result):
    att_a, att_b = result.analyses[0].attributions[0], result.analyses[1].attributions[0]
    assert source_label(att_a) == "Tarvo Ferries (as “The ferry company”)"
    assert source_label(att_b) == "anonymous: officials familiar with the plan"
    assert route_label(att_b) == "officials familiar with the plan → Lindmark Herald → outlet; media: Lindmark Herald"


def test_markdown_has_every_section(result):
    text = render_markdown(result)
    for heading in ("# Night ferry", "## Articles", "## Who says what: Harbour Daily", "## Claims × outlets",
                    "## Contradictions", "## Told by one outlet only", "## Framing", "## Timeline",
                    "## The outlet's own position", "## Told by every outlet", "## Omissions", "## Sourcing"):
        assert heading in text
    assert "| critics see a slow collapse | asserts | absent |" in text
    assert "- Coast Wire: critics see a slow collapse" in text  # the omission
    assert "- Coast Wire: anonymous 1 (most quoted: officials familiar with the plan 1)" in text
    assert "- the night service would end" in text  # told by every outlet
    assert "| Harbour Daily | Night ferry stays | 2025-05-02 | social_promo |" in text
    assert "reports: Tarvo Ferries denies" in text
    assert "slow collapse (scare_quote)" in text
    assert "**2025-05-02**" in text


def test_json_round_trips_the_records(result):
    doc = json.loads(render_json(result))
    assert doc["format"] == "counterpoint.report"
    assert Comparison.model_validate(doc["comparison"]) == result.comparison
    assert [Article.model_validate(a) for a in doc["articles"]] == result.articles


def test_terminal_report_renders(result):
    console = Console(record=True, width=160)
    render_terminal(result, console)
    text = console.export_text()
    for needle in ("Claims × outlets", "Who says what — Harbour Daily", "Contradictions",
                   "2025-05-02 (year inferred)", "slow collapse (scare_quote)", "Removed from Harbour Daily",
                   "Coast Wire leaves out: critics see a slow collapse",
                   "Coast Wire: anonymous 1 (most quoted: officials familiar with the plan 1)"):
        assert needle in text
