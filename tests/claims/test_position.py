"""The outlet's position on a claim, and contents that are not propositions.

Fictional outlets and places; each table row is (content as written, expected).
"""

from __future__ import annotations

import pytest

from counterpoint.claims import extract_claims
from counterpoint.claims.extract import distancing
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

DIRECT, INDIRECT = AttributionKind.DIRECT, AttributionKind.INDIRECT


def _one(
    lead: str,
    content: str,
    *,
    polarity: Polarity = Polarity.ASSERTS,
    kind: AttributionKind = INDIRECT,
    cue_lemma: str | None = None,
    hedged: bool = False,
    source: SourceRef | None = None,
) -> tuple[Article, Attribution]:
    body = f"{lead} {content}."
    start = len(lead) + 1
    span = Span(start=start, end=start + len(content), text=content)
    cue_at = lead.rfind(" ") + 1
    cue = Span(start=cue_at, end=len(lead), text=lead[cue_at:])
    article = Article(id="d" * 40, source="x.txt", outlet="The Lenport Lantern", body=body,
                      produced_by="test/1")
    attribution = Attribution(
        id="a1",
        source=source or SourceRef(name="Varnia", kind=SourceKind.GOVERNMENT, canonical_id="varnia"),
        cue=cue,
        cue_lemma=cue_lemma or lead[cue_at:],
        polarity=polarity,
        content=[span],
        kind=kind,
        hedged_by_outlet=hedged,
        produced_by="test/1",
    )
    return article, attribution


# (lead, content, polarity, kind, cue lemma, hedged_by_outlet, distancing words or None)
DISTANCING = [
    ("Varnia rejected", "the Western claims of Varnia's sale of tanks to Ostrel",
     Polarity.DENIES, INDIRECT, "reject", False, "claims of"),
    ("Varnia dismissed", "allegations that its navy shelled Lenport",
     Polarity.DENIES, INDIRECT, "dismiss", False, "allegations that"),
    ("Varnia denied", "the so-called tank deal with Ostrel",
     Polarity.DENIES, INDIRECT, "deny", False, "so-called"),
    ("The minister said", "Ostrel signed the so-called tank deal in May",
     Polarity.ASSERTS, INDIRECT, "say", False, "so-called"),
    ("The minister said", "Varnia is allegedly trying to calm the crisis",
     Polarity.ASSERTS, INDIRECT, "say", False, "allegedly"),
    ("The Harbor Times claimed", "Varnia plans a tank plant in Ostrel",
     Polarity.ASSERTS, INDIRECT, "claim", False, "claimed"),
    ("A report said", "Varnia sold tanks to Ostrel",
     Polarity.ASSERTS, INDIRECT, "say", True, "hedged"),
    # the outlet only reports: no distance
    ("The minister said", "Varnia will reopen the Kessel bridge in May",
     Polarity.ASSERTS, INDIRECT, "say", False, None),
    ("Varnia denied", "selling tanks to Ostrel", Polarity.DENIES, INDIRECT, "deny", False, None),
    # the source's subject, not the outlet's frame: the minister dismisses the leak
    ("The minister said", "the so-called leak was a crude attempt to scare Ostrel",
     Polarity.ASSERTS, INDIRECT, "say", False, None),
    ("The minister said", "claims of a tank deal were a fantasy",
     Polarity.ASSERTS, INDIRECT, "say", False, None),
    ("The minister said", "the leak was allegedly a crude attempt to scare Ostrel",
     Polarity.ASSERTS, INDIRECT, "say", False, "allegedly"),
    # inside a quotation the words are the source's, not the outlet's
    ("The minister said", "“The so-called leak is a fantasy”",
     Polarity.ASSERTS, DIRECT, "say", False, None),
]


@pytest.mark.parametrize(("lead", "content", "polarity", "kind", "lemma", "hedged", "marker"),
                         DISTANCING)
def test_distancing_table(lead, content, polarity, kind, lemma, hedged, marker) -> None:
    _, attribution = _one(lead, content, polarity=polarity, kind=kind, cue_lemma=lemma,
                          hedged=hedged)
    assert distancing(attribution, content) == marker


def test_distanced_claim_is_the_outlets_hedge_on_the_same_proposition() -> None:
    article, attribution = _one("Varnia rejected",
                                "the Western claims of Varnia's sale of tanks to Ostrel",
                                polarity=Polarity.DENIES, cue_lemma="reject")
    claims = extract_claims(article, None, [attribution])
    assert [(c.holder.kind, c.stance) for c in claims] == [
        (SourceKind.GOVERNMENT, Stance.DENIES), (SourceKind.OUTLET, Stance.HEDGES)]
    source, outlet = claims
    assert outlet.proposition == source.proposition == "Varnia's sale of tanks to Ostrel"
    assert outlet.voice is Voice.OUTLET and outlet.holder.name == "The Lenport Lantern"
    first = outlet.evidence[0]
    assert first.text == "claims of" and article.body[first.start:first.end] == first.text


def test_outlet_adverb_is_not_the_sources_hedge() -> None:
    # "he said X is allegedly trying": the minister asserts, the outlet hedges
    article, attribution = _one("The minister said", "Varnia is allegedly trying to calm the crisis",
                                cue_lemma="say")
    claims = extract_claims(article, None, [attribution])
    assert [(c.voice, c.stance) for c in claims] == [
        (Voice.SOURCE, Stance.ASSERTS), (Voice.OUTLET, Stance.HEDGES)]
    assert claims[0].proposition == "Varnia is trying to calm the crisis"


def test_outlet_voice_never_distances_itself() -> None:
    outlet = SourceRef(name="The Lenport Lantern", kind=SourceKind.OUTLET)
    article, attribution = _one("Meanwhile", "Varnia is allegedly hiding its tanks",
                                source=outlet, cue_lemma="")
    claims = extract_claims(article, None, [attribution])
    assert [(c.voice, c.stance) for c in claims] == [(Voice.OUTLET, Stance.HEDGES)]


@pytest.mark.parametrize(
    ("lead", "content", "polarity", "kept"),
    [
        ("Ana Roth took to social media to express", "her joy", Polarity.ASSERTS, False),
        ("The Lantern has not seen", "the document", Polarity.ASSERTS, False),
        ("Varnia denied", "its participation in any tank project in Ostrel", Polarity.DENIES, True),
        ("The mayor said", "the bridge will reopen in May", Polarity.ASSERTS, True),
    ],
)
def test_contents_without_a_verb_are_not_claims(nlp, lead, content, polarity, kept) -> None:
    article, attribution = _one(lead, content, polarity=polarity)
    doc = nlp(article.body)
    claims = extract_claims(article, doc, [attribution])
    assert bool(claims) is kept


def test_a_restated_figure_without_a_verb_is_kept(nlp) -> None:
    lead = "The union said"
    first = "more than 500 trucks were waiting at the Kessel crossing"
    second = "the figure at about 300"
    body = f"{lead} {first}. The agency put {second}."
    a = body.index(first)
    b = body.index(second)
    article = Article(id="c" * 40, source="x.txt", body=body, produced_by="test/1")
    attributions = [
        Attribution(id="a1", source=SourceRef(name="Hauliers Union", kind=SourceKind.ORGANIZATION),
                    content=[Span(start=a, end=a + len(first), text=first)], kind=INDIRECT,
                    produced_by="test/1"),
        Attribution(id="a2", source=SourceRef(name="Customs Agency", kind=SourceKind.GOVERNMENT),
                    cue_lemma="put", content=[Span(start=b, end=b + len(second), text=second)],
                    kind=INDIRECT, produced_by="test/1"),
    ]
    claims = extract_claims(article, nlp(body), attributions)
    assert [c.proposition for c in claims] == [
        first, "about 300 trucks were waiting at the Kessel crossing"]


@pytest.mark.parametrize(
    ("content", "proposition"),
    [
        ("supplying armored tanks to Ostrel", "Varnia supplies armored tanks to Ostrel"),
        ("selling drones to Ostrel", "Varnia sells drones to Ostrel"),
    ],
)
def test_denied_gerund_becomes_who_does_what(nlp, content, proposition) -> None:
    article, attribution = _one("Varnia has denied", content, polarity=Polarity.DENIES,
                                cue_lemma="deny")
    claims = extract_claims(article, nlp(article.body), [attribution])
    assert [(c.stance, c.proposition) for c in claims] == [(Stance.DENIES, proposition)]


def test_the_outlet_hedges_the_clause_and_its_attribute_as_finally_cut(nlp) -> None:
    article, attribution = _one("The minister said", "Varnia is allegedly building faster tanks",
                                cue_lemma="say")
    claims = extract_claims(article, nlp(article.body), [attribution])
    source = {c.proposition for c in claims if c.voice is Voice.SOURCE}
    outlet = {c.proposition for c in claims if c.voice is Voice.OUTLET}
    assert "the tanks would be faster" in source
    assert outlet == source
    assert all(c.stance is Stance.HEDGES for c in claims if c.voice is Voice.OUTLET)


def test_a_falsity_label_alone_is_no_claim() -> None:
    article, attribution = _one("Officials in Varnia have rejected as", "fabricated",
                                polarity=Polarity.DENIES, cue_lemma="reject")
    assert extract_claims(article, None, [attribution]) == []
