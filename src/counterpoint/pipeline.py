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
from functools import lru_cache
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

PIPELINE = stamp("pipeline.analyze", 2)


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """The `produced_by` of an Analysis: this composition's stamp plus the stamp of every
    stage it runs ("pipeline.analyze/2 (attribution.rules/2, ..., time.rules/1)").

    Bumping any stage's version therefore marks every stored analysis as stale, and
    `counterpoint analyze` / `compare` redo them instead of serving old output.
    Imported lazily: the stage modules pull in spaCy-facing code.
    """
    from counterpoint.attribution.extract import PRODUCED_BY as ATTRIBUTION_RULES
    from counterpoint.attribution.model import PRODUCED_BY as ATTRIBUTION_CRF
    from counterpoint.claims.extract import CLAIMS
    from counterpoint.nlp.entities import NLP_ENTITIES
    from counterpoint.time import RULES as TIME_RULES

    stages = (ATTRIBUTION_RULES, ATTRIBUTION_CRF, NLP_ENTITIES, CLAIMS, TIME_RULES)
    return f"{PIPELINE} ({', '.join(stages)})"


class Stage(Protocol):
    """A stage: a pure function from records to records."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


def sentences_of(doc: Any) -> list[Sentence]:
    return [
        Sentence(span=Span(start=s.start_char, end=s.end_char, text=s.text)) for s in doc.sents
    ]


def analyze_article(article: Article, nlp: Any | None = None) -> Analysis:
    """Run every per-article analysis stage on one cleaned article.

    1. the attribution stage as a unit (`attribution.stage.attribute_article`: the fast
       parse without the entity recognizer, entities from that parse, attributions), the
       same path `counterpoint eval polnear` scores and bench/attribution.py times;
    2. the entity recognizer is then run on that Doc (it has its own embedding, so the
       parse is not repeated) and the entities stage reads it: the Analysis keeps the
       recognizer's entities, as before;
    3. claims and times read the same (whole, fully parsed) Doc.
    """
    from counterpoint.attribution.stage import attribute_article
    from counterpoint.claims import extract_claims
    from counterpoint.nlp.entities import find_entities
    from counterpoint.nlp.model import add_entities
    from counterpoint.time import find_times

    stage = attribute_article(article, nlp)
    doc = add_entities(stage.doc, nlp=nlp)
    entities = find_entities(article, doc)
    claims = extract_claims(article, doc, stage.attributions)
    times = find_times(article, doc)
    return assemble_analysis(article, doc, entities, stage.attributions, claims, times)


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
        produced_by=pipeline_version(),
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
