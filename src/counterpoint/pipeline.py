"""Stage composition: how the pure stages turn inputs into records.

    path/bytes --ingest.text--> RawDocument --clean--> Article
    Article --nlp (spaCy, once per process)--> Doc
    (Article, Doc) --entities--> [Entity] --attribution--> [Attribution]
                   --claims--> [Claim]   --time--> [TimeExpression]
    => Analysis (one per article)
    [Article], [Analysis] --time.years (story-level year inference)-->
                          --compare--> Comparison

Every stage is a plain function over typed records; none imports the store, the
CLI, the web layer or a runner. That is what lets a runner (local process pool,
later Ray) map the same functions over many records.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from counterpoint.provenance import stamp
from counterpoint.records import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Comparison,
    Entity,
    Sentence,
    Span,
    Story,
    TimeExpression,
)

PIPELINE = stamp("pipeline.analyze", 1)


class Stage(Protocol):
    """A stage: a pure function from records to records."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


def sentences_of(doc: Any) -> list[Sentence]:
    return [
        Sentence(span=Span(start=s.start_char, end=s.end_char, text=s.text)) for s in doc.sents
    ]


def analyze_article(article: Article, nlp: Any | None = None) -> Analysis:
    """Run every per-article analysis stage on one cleaned article."""
    from counterpoint.attribution import extract_attributions
    from counterpoint.claims import extract_claims
    from counterpoint.nlp.entities import find_entities
    from counterpoint.nlp.model import load_nlp
    from counterpoint.time import find_times

    nlp = nlp or load_nlp()
    doc = nlp(article.body)
    entities = find_entities(article, doc)
    attributions = extract_attributions(article, doc, entities)
    claims = extract_claims(article, doc, attributions)
    times = find_times(article, doc)
    return assemble_analysis(article, doc, entities, attributions, claims, times)


def assemble_analysis(
    article: Article,
    doc: Any,
    entities: list[Entity],
    attributions: list[Attribution],
    claims: list[Claim],
    times: list[TimeExpression],
) -> Analysis:
    """The Analysis record from the stages' outputs (also used by bench/run.py,
    which runs the same stages one by one to time each)."""
    return Analysis(
        article_id=article.id,
        sentences=sentences_of(doc),
        entities=entities,
        attributions=attributions,
        claims=claims,
        times=times,
        published=article.published,
        produced_by=PIPELINE,
    )


def compare_articles(
    story: Story, articles: Sequence[Article], analyses: Sequence[Analysis]
) -> tuple[list[Analysis], Comparison]:
    """Story-level stages: infer missing years across the story, then compare.

    Returns the analyses with years and dates resolved in the story's context
    (the stored per-article analyses stay story-independent) and the comparison.
    """
    from counterpoint.comparison import compare_story
    from counterpoint.time.years import infer_story_years

    resolved = infer_story_years(list(articles), list(analyses))
    return resolved, compare_story(story, list(articles), resolved)
