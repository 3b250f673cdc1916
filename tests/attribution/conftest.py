"""Helpers for the attribution tests: Articles and Entity lists built from text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counterpoint.attribution import extract_attributions
from counterpoint.records import Article, Attribution, Entity, Span

from counterpoint.nlp.entities import find_entities


def fallback_entities(doc) -> list[Entity]:
    """Plain spaCy entities, one identity per surface form: lets the tagger tests
    run on fixed, simple entity input independent of the canonicalization rules."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "FAC"}:
            continue
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        out.append(
            Entity(
                span=Span(start=ent.start_char, end=ent.end_char, text=ent.text),
                label=ent.label_,
                canonical_id=name.lower().replace(" ", "-"),
                canonical_name=name,
                produced_by="test/1",
            )
        )
    return out


def make_article(text: str, outlet: str | None = None, id: str = "0123456789abcdef") -> Article:
    return Article(id=id, source="test", body=text, outlet=outlet, produced_by="test/1")


@pytest.fixture(scope="session")
def attribute(nlp) -> Callable[..., list[Attribution]]:
    """attribute(text, outlet=None) -> the attributions of an article with that body."""

    def run(text: str, outlet: str | None = None) -> list[Attribution]:
        article = make_article(text, outlet)
        doc = nlp(article.body)
        return extract_attributions(article, doc, find_entities(article, doc))

    return run
