"""extract_claims over hand-made attributions of a fictional article."""

from __future__ import annotations

from counterpoint.claims import extract_claims
from counterpoint.records import (
    Article,
    Attribution,
    AttributionKind,
    Polarity,
    SourceKind,
    SourceRef,
    Span,
    Stance,
    Voice,
)

PARTS = [
    ("Varnia", SourceKind.GOVERNMENT, Polarity.DENIES,
     "there is any truth to reports that it plans to open a tank plant in Ostrel"),
    ("The Harbor Times", SourceKind.MEDIA, Polarity.ASSERTS,
     "Varnia and Ostrel will build a factory to produce 300 tanks"),
    ("Varnia", SourceKind.GOVERNMENT, Polarity.DENIES, "selling armored tanks to Ostrel"),
    ("", SourceKind.OUTLET, Polarity.ASSERTS, "there is ample evidence these denials are false"),
    ("Lotte Brenn", SourceKind.PERSON, Polarity.ASSERTS, "the bridge is fine"),
    ("Lotte Brenn", SourceKind.PERSON, Polarity.ASSERTS, "“Reports in this regard are lies.”"),
]


def _article_and_attributions() -> tuple[Article, list[Attribution]]:
    body = ""
    spans: list[Span] = []
    for *_, text in PARTS:
        start = len(body) + 10
        body += "Somebody: " + text + "\n"
        spans.append(Span(start=start, end=start + len(text), text=text))
    article = Article(id="f" * 40, source="beacon.txt", body=body, produced_by="test/1")
    attributions = [
        Attribution(
            id=f"a{i}",
            source=SourceRef(name=name or "Daily Beacon", kind=kind),
            polarity=polarity,
            content=[spans[i]],
            kind=AttributionKind.INDIRECT,
            produced_by="test/1",
        )
        for i, (name, kind, polarity, _) in enumerate(PARTS)
    ]
    return article, attributions


def test_claims_ids_voice_stance_and_positive_propositions() -> None:
    article, attributions = _article_and_attributions()
    claims = extract_claims(article, None, attributions)
    assert [c.id for c in claims] == [f"ffffffffffff:c{n}" for n in range(1, 7)]
    assert all(c.produced_by == "claims.rules/4" for c in claims)
    first = claims[0]
    # "it" resolves to the holder; the denial of the report is a denial of the plan.
    assert first.proposition == "Varnia plans to open a tank plant in Ostrel"
    assert first.stance is Stance.DENIES and first.voice is Voice.SOURCE
    # A subjectless gerund gets the holder as subject.
    assert claims[2].proposition == "Varnia selling armored tanks to Ostrel"
    # "these denials are false" in the outlet's voice asserts what was denied.
    outlet = claims[3]
    assert outlet.voice is Voice.OUTLET
    assert outlet.proposition == claims[2].proposition
    assert outlet.stance is Stance.ASSERTS
    # "Reports in this regard are lies" denies the latest earlier proposition.
    assert claims[5].proposition == claims[4].proposition
    assert claims[5].stance is Stance.DENIES
    # Evidence is the content span, which indexes the body.
    for claim, attribution in zip(claims, attributions):
        span = claim.evidence[0]
        assert article.body[span.start : span.end] == span.text
        assert claim.attribution_id == attribution.id


def test_no_attributions_no_claims() -> None:
    article, _ = _article_and_attributions()
    assert extract_claims(article, None, []) == []


def test_split_content_spans_into_sentences() -> None:
    body = "“The port is not closed,” he said, adding, “Claims of that are lies.”"
    first = Span(start=1, end=23, text=body[1:23])
    second = Span(start=body.index("Claims"), end=len(body) - 2, text=body[body.index("Claims") : -2])
    article = Article(id="e" * 40, source="x.txt", body=body, produced_by="test/1")
    attribution = Attribution(
        id="a1", source=SourceRef(name="Port Authority", kind=SourceKind.ORGANIZATION),
        content=[first, second], kind=AttributionKind.DIRECT, produced_by="test/1",
    )
    claims = extract_claims(article, None, [attribution])
    assert [(c.stance, c.proposition) for c in claims] == [
        (Stance.DENIES, "The port is closed"),
        (Stance.DENIES, "The port is closed"),
    ]
