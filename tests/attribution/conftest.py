"""Helpers for the attribution tests: Articles and Entity lists built from text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counterpoint.records import Article, Attribution, Entity, Span



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
    """attribute(text, outlet=None) -> the attributions of an article with that body,
    from the stage as the product runs it (attribution.stage.attribute_article: the fast
    parse, entities without the recognizer, rules and tagger)."""
    from counterpoint.attribution.stage import attribute_article

    def run(text: str, outlet: str | None = None) -> list[Attribution]:
        return attribute_article(make_article(text, outlet), nlp).attributions

    return run
