"""The attribution stage as the product runs it, from an article's text.

`attribute_article(article)` is the one path that the pipeline, the evaluation
(`counterpoint eval polnear`) and the benchmark (bench/attribution.py) all run, so the
figures measure what ships:

  1. parse with the fast path (`nlp.model.parse_fast`: tokens, tags, dependencies and
     sentences of the small model; POS and lemmas from a cache equal to the attribute
     ruler and lemmatizer; no entity recognizer);
  2. entities from that Doc (`nlp.entities.find_entities`, which falls back to PROPN runs,
     the alias table, titles and organisation words when the Doc has no entities);
  3. attributions (`attribution.extract.extract_attributions`: rules, then the tagger).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counterpoint.attribution.extract import extract_attributions
from counterpoint.nlp.entities import find_entities
from counterpoint.nlp.model import parse_fast
from counterpoint.records import Article, Attribution, Entity


@dataclass
class StageResult:
    """What the stage made: the Doc (fast path), its entities and the attributions."""

    doc: Any
    entities: list[Entity]
    attributions: list[Attribution]


def attribute_article(article: Article, nlp: Any | None = None) -> StageResult:
    """Parse (fast path), find entities, extract attributions (module docstring).
    `nlp`: the spaCy Language to parse with (default: the shared `load_nlp()`)."""
    doc = parse_fast(article.body, nlp=nlp)
    entities = find_entities(article, doc)
    return StageResult(doc, entities, extract_attributions(article, doc, entities))
