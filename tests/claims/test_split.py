"""Clause splitting and comparative attributes over real parses (fictional sentences)."""

from __future__ import annotations

import pytest

from counterpoint.claims.split import comparative_attributes, split_clauses

SPLITS = [
    (
        "The council has been reviewing the budget for months and publishes its findings on Friday.",
        ["The council has been reviewing the budget for months",
         "The council publishes its findings on Friday."],
    ),
    (
        "The storm did not damage the pier and only flooded two cellars.",
        ["The storm did not damage the pier", "The storm only flooded two cellars."],
    ),
    (
        "Lindmark and Ostra are expanding rail links and are going to build a bridge.",
        ["Lindmark and Ostra are expanding rail links",
         "Lindmark and Ostra are going to build a bridge."],
    ),
    ("The mayor builds and sells houses.", ["The mayor builds and sells houses."]),
    ("The ferry left at noon.", ["The ferry left at noon."]),
    # a noun read as a verb after a comma: no clause of its own
    (
        "Brenn met Ostrel's envoy last week to discuss a new ferry timetable, projects the council "
        "described as purely local.",
        ["Brenn met Ostrel's envoy last week to discuss a new ferry timetable, projects the council "
         "described as purely local."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_clauses(nlp, text, expected):
    doc = nlp(text)
    assert [p.rstrip(".") for p in split_clauses(doc, 0, len(text))] == [e.rstrip(".") for e in expected]


ATTRIBUTES = [
    ("The yard will build faster Tarvo ferries.", ["the Tarvo ferries would be faster"]),
    ("The two towns want closer ties.", []),
    ("The agency wants more inspectors.", []),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTES)
def test_comparative_attributes(nlp, text, expected):
    assert comparative_attributes(nlp(text), 0, len(text)) == expected


def test_two_comparatives_in_one_clause_each_get_a_claim(nlp):
    from counterpoint.claims import extract_claims
    from counterpoint.records import Article, Attribution, AttributionKind, SourceKind, SourceRef, Span

    body = "The yard said it will build faster and cheaper Tarvo ferries next year."
    content = "it will build faster and cheaper Tarvo ferries next year"
    start = body.index(content)
    article = Article(id="f" * 32, source="t", body=body, produced_by="t/1")
    attribution = Attribution(
        id="f:a1", source=SourceRef(name="the yard", kind=SourceKind.ORGANIZATION),
        content=[Span(start=start, end=start + len(content), text=content)],
        kind=AttributionKind.INDIRECT, produced_by="t/1",
    )
    claims = extract_claims(article, nlp(body), [attribution])
    propositions = [c.proposition for c in claims]
    assert len(propositions) == len(set(propositions))
    assert any("faster" in p for p in propositions)
