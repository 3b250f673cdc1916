"""Hypothesis round trips: every record type put into the store reads back equal."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterpoint.provenance import stamp
from counterpoint.records import (
    ArticleSpan,
    Analysis,
    Article,
    Attribution,
    AttributionKind,
    Caption,
    CellStance,
    Channel,
    Claim,
    ClaimCell,
    ClaimRow,
    Comparison,
    Contradiction,
    Entity,
    FramingTerm,
    OutletColumn,
    PartialDate,
    Polarity,
    Rejection,
    RemovedLine,
    Sentence,
    SourceKind,
    SourceRef,
    SourcingProfile,
    Span,
    Stance,
    Story,
    TimeExpression,
    TimelineEvent,
    TimelineSupport,
    TimeType,
    Voice,
)

# make_store hands out a fresh store per call, so sharing the fixture across examples is safe.
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Any unicode text, NUL and newlines included: the store must not care.
texts = st.text(max_size=30)
short = st.text(max_size=12)
idents = st.text(alphabet=string.ascii_lowercase + string.digits + "-_%", min_size=1, max_size=16)
produced = st.builds(stamp, st.sampled_from(["clean.rules", "attribution.rules", "x.y"]), st.integers(1, 9))
maybe = st.none().__or__

partial_dates = st.builds(
    PartialDate,
    year=maybe(st.integers(1900, 2100)),
    month=maybe(st.integers(1, 12)),
    day=maybe(st.integers(1, 31)),
    hour=maybe(st.integers(0, 23)),
    minute=maybe(st.integers(0, 59)),
    utc_offset_minutes=maybe(st.integers(-720, 840)),
    year_inferred=st.booleans(),
    text=short,
)


@st.composite
def spans(draw: st.DrawFn, body: str) -> Span:
    """A span whose text is the body's slice, as records.py promises."""
    start = draw(st.integers(0, len(body)))
    end = draw(st.integers(start, len(body)))
    return Span(start=start, end=end, text=body[start:end])


@st.composite
def articles(draw: st.DrawFn) -> Article:
    return Article(
        id=draw(idents),
        source=draw(texts),
        url=draw(maybe(st.just("https://example.test/a") | texts)),
        outlet=draw(maybe(short)),
        title=draw(maybe(texts)),
        published=draw(maybe(partial_dates)),
        language=draw(st.sampled_from(["en", "fr", "uk"])),
        body=draw(st.text(max_size=200)),
        removed=draw(
            st.lists(
                st.builds(
                    RemovedLine,
                    line_no=st.integers(0, 500),
                    text=texts,
                    reason=st.sampled_from(["social_promo", "newsletter", "artifact"]),
                    detail=texts,
                ),
                max_size=4,
            )
        ),
        captions=draw(
            st.lists(
                st.builds(Caption, text=texts, credit=maybe(short), line_no=st.integers(0, 500)),
                max_size=3,
            )
        ),
        produced_by=draw(produced),
    )


@st.composite
def source_refs(draw: st.DrawFn, body: str) -> SourceRef:
    return SourceRef(
        name=draw(short),
        kind=draw(st.sampled_from(SourceKind)),
        canonical_id=draw(maybe(idents)),
        span=draw(maybe(spans(body))),
        description=draw(maybe(texts)),
    )


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    body = draw(st.text(min_size=0, max_size=120))
    by = draw(produced)
    span = spans(body)
    attributions = [
        Attribution(
            id=f"a{i}",
            source=draw(source_refs(body)),
            cue=draw(maybe(span)),
            cue_lemma=draw(maybe(short)),
            polarity=draw(st.sampled_from(Polarity)),
            content=draw(st.lists(span, min_size=1, max_size=3)),
            kind=draw(st.sampled_from(AttributionKind)),
            channel=draw(
                maybe(
                    st.builds(
                        Channel,
                        kind=st.sampled_from(
                            ["agency", "media", "social", "statement", "interview", "report", "other"]
                        ),
                        name=maybe(short),
                        span=maybe(span),
                        date_text=maybe(short),
                    )
                )
            ),
            chain=draw(st.lists(source_refs(body), max_size=3)),
            hedged_by_outlet=draw(st.booleans()),
            produced_by=by,
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    claims = [
        Claim(
            id=f"c{i}",
            proposition=draw(texts),
            holder=draw(source_refs(body)),
            stance=draw(st.sampled_from(Stance)),
            voice=draw(st.sampled_from(Voice)),
            evidence=draw(st.lists(span, max_size=2)),
            attribution_id=draw(maybe(st.sampled_from([a.id for a in attributions] or ["none"]))),
            produced_by=by,
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return Analysis(
        article_id=draw(idents),
        sentences=draw(st.lists(st.builds(Sentence, span=span), max_size=3)),
        entities=draw(
            st.lists(
                st.builds(
                    Entity,
                    span=span,
                    label=st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]),
                    canonical_id=idents,
                    canonical_name=short,
                    produced_by=st.just(by),
                ),
                max_size=4,
            )
        ),
        attributions=attributions,
        claims=claims,
        times=draw(
            st.lists(
                st.builds(
                    TimeExpression,
                    span=span,
                    type=st.sampled_from(TimeType),
                    value=maybe(st.sampled_from(["2023-02-05", "2022-12", "XXXX-02-07T18:46", "P3D"])),
                    anchor=maybe(short),
                    year_inferred=st.booleans(),
                    produced_by=st.just(by),
                ),
                max_size=3,
            )
        ),
        published=draw(maybe(partial_dates)),
        produced_by=by,
    )


stories = st.builds(
    Story,
    id=idents,
    title=texts,
    article_ids=st.lists(idents, max_size=5),
    pinned=st.booleans(),
    produced_by=produced,
)

rejections = st.builds(
    Rejection,
    source=texts,
    reason=st.sampled_from(["binary", "empty", "too_large", "undecodable"]),
    detail=texts,
    # Whole-minute offsets: ISO 8601 (and so the JSON) has no seconds in an offset.
    at=st.datetimes(
        timezones=st.none()
        | st.integers(-1439, 1439).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
    ),
)


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    body = draw(st.text(max_size=60))
    span = spans(body)
    article_ids = draw(st.lists(idents, min_size=1, max_size=3, unique=True))
    aid = st.sampled_from(article_ids)
    rows = [
        ClaimRow(
            id=f"r{i}",
            proposition=draw(texts),
            cells=[
                ClaimCell(
                    article_id=a,
                    stance=draw(st.sampled_from(CellStance)),
                    holders=draw(st.lists(source_refs(body), max_size=2)),
                    holder_stances=draw(st.lists(st.sampled_from(Stance), max_size=2)),
                    evidence=draw(st.lists(span, max_size=2)),
                    claim_ids=draw(st.lists(idents, max_size=2)),
                )
                for a in article_ids
            ],
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    row_ids = [r.id for r in rows] or ["r0"]
    return Comparison(
        story_id=draw(idents),
        columns=[OutletColumn(article_id=a, outlet=draw(short), title=draw(maybe(texts))) for a in article_ids],
        rows=rows,
        shared_row_ids=draw(st.lists(st.sampled_from(row_ids), max_size=2)),
        only_in=draw(st.dictionaries(aid, st.lists(st.sampled_from(row_ids), max_size=2), max_size=2)),
        contradictions=draw(
            st.lists(
                st.builds(
                    Contradiction,
                    row_id=st.sampled_from(row_ids),
                    kind=st.sampled_from(["sources", "outlet_voices", "numbers", "dates", "actors"]),
                    description=texts,
                    article_ids=st.lists(aid, max_size=2),
                    evidence=st.lists(
                        st.builds(lambda s, a: ArticleSpan(**s.model_dump(), article_id=a), span, aid),
                        max_size=2,
                    ),
                ),
                max_size=2,
            )
        ),
        framing=draw(
            st.lists(
                st.builds(
                    FramingTerm,
                    article_id=aid,
                    text=short,
                    category=st.sampled_from(["loaded", "hedge", "label", "scare_quote", "distinctive"]),
                    span=maybe(span),
                    score=maybe(st.floats(allow_nan=False, allow_infinity=False)),
                ),
                max_size=3,
            )
        ),
        sourcing=draw(
            st.lists(
                st.builds(
                    SourcingProfile,
                    article_id=aid,
                    sources=st.dictionaries(short, st.integers(0, 50), max_size=3),
                    kinds=st.dictionaries(st.sampled_from([k.value for k in SourceKind]), st.integers(0, 50)),
                ),
                max_size=2,
            )
        ),
        timeline=draw(
            st.lists(
                st.builds(
                    TimelineEvent,
                    value=st.sampled_from(["2023-02-05", "2023-02", "XXXX-02-07"]),
                    label=texts,
                    supports=st.lists(st.builds(TimelineSupport, article_id=aid, span=span), max_size=2),
                ),
                max_size=3,
            )
        ),
        produced_by=draw(produced),
    )


def _stub_article(id: str) -> Article:
    return Article(id=id, source="stub.txt", body="A stub.", produced_by="test/1")


@SETTINGS
@given(st.lists(articles(), max_size=4, unique_by=lambda a: a.id))
def test_articles_round_trip(make_store, batch: list[Article]) -> None:
    with make_store() as store:
        assert store.put_articles(batch) == [True] * len(batch)
        for article in batch:
            assert store.get_article(article.id) == article
        assert list(store.iter_articles()) == batch
        assert list(store.iter_articles([a.id for a in reversed(batch)])) == batch[::-1]
        assert store.count_articles() == len(batch)


@SETTINGS
@given(analyses())
def test_analysis_round_trip(make_store, analysis: Analysis) -> None:
    with make_store() as store:
        store.put_articles([_stub_article(analysis.article_id)])
        store.put_analyses([analysis])
        assert store.get_analysis(analysis.article_id) == analysis


@SETTINGS
@given(st.lists(stories, max_size=4, unique_by=lambda s: s.id))
def test_stories_round_trip(make_store, batch: list[Story]) -> None:
    with make_store() as store:
        store.put_stories(batch)
        assert sorted(store.stories(), key=lambda s: s.id) == sorted(batch, key=lambda s: s.id)
        for story in batch:
            assert store.get_story(story.id) == story


@SETTINGS
@given(comparisons())
def test_comparison_round_trip(make_store, comparison: Comparison) -> None:
    with make_store() as store:
        store.put_comparison(comparison)
        assert store.get_comparison(comparison.story_id) == comparison


@SETTINGS
@given(st.lists(rejections, max_size=4))
def test_rejections_round_trip(make_store, batch: list[Rejection]) -> None:
    with make_store() as store:
        for rejection in batch:
            store.put_rejection(rejection)
        assert store.rejections() == batch
