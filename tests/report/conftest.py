"""A hand-built comparison for the HTML report tests, with hostile text in every field a
report shows (article body, outlet, title, proposition, source names, framing terms)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from counterpoint.records import (
    ArticleSpan, Analysis, Article, Attribution, AttributionKind, CellStance, Claim, ClaimCell, ClaimRow, Comparison,
    Contradiction, FramingTerm, OutletColumn, PartialDate, Polarity, SourceKind, SourceRef, SourcingProfile,
    Span, Stance, Story, TimeExpression, TimelineEvent, TimelineSupport, TimeType, Voice, Caption,
)

EVIL_SCRIPT = "<script>window.__pwned = 1; alert('owned')</script>"
EVIL_IMG = '<img src="https://evil.example/x.png" onerror="window.__pwned = 2">'

BODY_A = (
    "The harbour board denied on Monday that the night ferry would stop. "
    f"A reader wrote {EVIL_SCRIPT} in the comments. "
    "Critics called the plan a \u201cslow collapse\u201d."
)
BODY_B = (
    "Officials familiar with the plan said the night ferry would stop in May. "
    f"The caption read {EVIL_IMG} and nothing else."
)


def span(body: str, text: str) -> Span:
    start = body.index(text)
    return Span(start=start, end=start + len(text), text=text)


def at(article_id: str, s: Span) -> ArticleSpan:
    """The span as evidence that names its article."""
    return ArticleSpan(start=s.start, end=s.end, text=s.text, article_id=article_id)


@dataclass
class Result:
    story: Story
    articles: list[Article]
    analyses: list[Analysis]
    comparison: Comparison


@pytest.fixture()
def hostile() -> Result:
    board = SourceRef(name="Harbour <b>Board</b>", kind=SourceKind.GOVERNMENT, canonical_id="harbour-board",
                      span=span(BODY_A, "The harbour board"))
    officials = SourceRef(name="officials familiar with the plan", kind=SourceKind.ANONYMOUS,
                          description="officials familiar with the plan",
                          span=span(BODY_B, "Officials familiar with the plan"))
    a = Article(id="a" * 32, source="a.txt", outlet=f"Daily {EVIL_IMG}", title=f"Ferry </title>{EVIL_SCRIPT}",
                published=PartialDate(year=2025, month=5, day=2, text="2 May 2025"), body=BODY_A,
                captions=[Caption(text=f"Photo {EVIL_SCRIPT}", credit="<i>Staff</i>", line_no=2)],
                produced_by="test/1")
    b = Article(id="b" * 32, source="b.txt", outlet="Coast Wire", title="Night ferry to stop", body=BODY_B,
                produced_by="test/1")
    att_a = Attribution(id="a:a1", source=board, cue=span(BODY_A, "denied"), cue_lemma="deny",
                        polarity=Polarity.DENIES, content=[span(BODY_A, "the night ferry would stop")],
                        kind=AttributionKind.INDIRECT, produced_by="test/1")
    att_b = Attribution(id="b:a1", source=officials, cue=span(BODY_B, "said"), cue_lemma="say",
                        polarity=Polarity.ASSERTS, content=[span(BODY_B, "the night ferry would stop in May")],
                        kind=AttributionKind.INDIRECT, produced_by="test/1")
    claim_a = Claim(id="a:c1", proposition="the night ferry would stop", holder=board, stance=Stance.DENIES,
                    voice=Voice.SOURCE, evidence=[span(BODY_A, "the night ferry would stop")], attribution_id="a:a1",
                    produced_by="test/1")
    monday = TimeExpression(span=span(BODY_A, "on Monday"), type=TimeType.DATE, value="2025-04-28",
                            anchor="publication 2025-05-02", produced_by="test/1")
    analyses = [
        Analysis(article_id=a.id, attributions=[att_a], claims=[claim_a], times=[monday], published=a.published,
                 produced_by="test/1"),
        Analysis(article_id=b.id, attributions=[att_b], produced_by="test/1"),
    ]
    row = ClaimRow(id="r1", proposition="the night ferry would stop", cells=[
        # no evidence on this cell: the report falls back to the claim's evidence
        ClaimCell(article_id=a.id, stance=CellStance.REPORTS_DENYING, holders=[board], holder_stances=[Stance.DENIES],
                  claim_ids=["a:c1"]),
        ClaimCell(article_id=b.id, stance=CellStance.REPORTS_ASSERTING, holders=[officials],
                  holder_stances=[Stance.ASSERTS], evidence=[span(BODY_B, "the night ferry would stop in May")]),
    ])
    evil_row = ClaimRow(id="r2", proposition=f"a reader wrote {EVIL_SCRIPT}", cells=[
        ClaimCell(article_id=a.id, stance=CellStance.ASSERTS, holders=[SourceRef(name="outlet", kind=SourceKind.OUTLET)],
                  holder_stances=[Stance.ASSERTS], evidence=[span(BODY_A, EVIL_SCRIPT)]),
        ClaimCell(article_id=b.id, stance=CellStance.ABSENT),
    ])
    comparison = Comparison(
        story_id="s1",
        columns=[OutletColumn(article_id=a.id, outlet=a.outlet), OutletColumn(article_id=b.id, outlet="Coast Wire")],
        rows=[row, evil_row], shared_row_ids=["r1"], only_in={a.id: ["r2"]},
        contradictions=[Contradiction(
            row_id="r1", kind="sources", description=f"The board denies what officials assert {EVIL_IMG}",
            article_ids=[a.id, b.id],
            evidence=[at(a.id, span(BODY_A, "the night ferry would stop")),
                      at(b.id, span(BODY_B, "the night ferry would stop in May"))],
        )],
        framing=[FramingTerm(article_id=a.id, text="slow collapse", category="scare_quote",
                             span=span(BODY_A, "slow collapse")),
                 FramingTerm(article_id=b.id, text="<u>ferry</u>", category="distinctive", score=2.5)],
        sourcing=[SourcingProfile(article_id=a.id, sources={"Harbour <b>Board</b>": 1}, kinds={"government": 1}),
                  SourcingProfile(article_id=b.id, sources={"officials": 1}, kinds={"anonymous": 1})],
        timeline=[
            TimelineEvent(value="2025-05", label="The ferry stops <blink>", supports=[
                TimelineSupport(article_id=b.id, span=span(BODY_B, "in May"))]),
            TimelineEvent(value="2025-04-28", label=f"The board denies {EVIL_SCRIPT}", supports=[
                TimelineSupport(article_id=a.id, span=span(BODY_A, "on Monday"))]),
            TimelineEvent(value="XXXX-06-01", label="a June date of unknown year", supports=[]),
        ],
        produced_by="test/1",
    )
    story = Story(id="s1", title=f"Night ferry {EVIL_SCRIPT}", article_ids=[a.id, b.id], produced_by="test/1")
    return Result(story, [a, b], analyses, comparison)


TWIN_LEAD = "The night ferry will stop in May. "


@pytest.fixture()
def twins() -> Result:
    """Two articles that open with the same sentence: a span of the second article's lead
    has the same offsets and text in the first, so only its article id says where it is."""
    body_a = TWIN_LEAD + "The harbour board says it will not."
    body_b = TWIN_LEAD + "Officials say the board agreed."
    a = Article(id="a" * 32, source="a.txt", outlet="Harbour Daily", body=body_a, produced_by="test/1")
    b = Article(id="b" * 32, source="b.txt", outlet="Coast Wire", body=body_b, produced_by="test/1")
    lead = span(body_b, "The night ferry will stop in May")
    row = ClaimRow(id="r1", proposition="the night ferry will stop in May", cells=[
        ClaimCell(article_id=a.id, stance=CellStance.DENIES, evidence=[span(body_a, "it will not")]),
        ClaimCell(article_id=b.id, stance=CellStance.ASSERTS, evidence=[lead]),
    ])
    comparison = Comparison(
        story_id="s2",
        columns=[OutletColumn(article_id=a.id, outlet=a.outlet or ""), OutletColumn(article_id=b.id, outlet="Coast Wire")],
        rows=[row], shared_row_ids=["r1"],
        contradictions=[Contradiction(
            row_id="r1", kind="outlet_voices", description="Harbour Daily denies what Coast Wire asserts.",
            article_ids=[a.id, b.id],
            evidence=[at(a.id, span(body_a, "it will not")), at(b.id, lead),
                      # evidence from an article the report does not show: listed, never guessed
                      at("c" * 32, Span(start=0, end=9, text="The night"))],
        )],
        produced_by="test/1",
    )
    story = Story(id="s2", title="Night ferry", article_ids=[a.id, b.id], produced_by="test/1")
    return Result(story, [a, b], [Analysis(article_id=a.id, produced_by="test/1"),
                                  Analysis(article_id=b.id, produced_by="test/1")], comparison)
