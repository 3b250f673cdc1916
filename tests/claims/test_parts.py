"""Claim parts: subject, predicate, object, numbers, places and dates.

Fictional sources over real place names (the recognizer knows them as places); each
table row is (sentence as written, the attributed content, expected parts).
"""

from __future__ import annotations

import pytest

from counterpoint.claims import extract_claims
from counterpoint.claims.parts import (
    ClaimParts,
    attribute_parts,
    clean_subject,
    numbers_in,
    parts_from_text,
    parts_of,
    verb_of_noun,
)
from counterpoint.records import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Polarity,
    SourceKind,
    SourceRef,
    Span,
    Stance,
)

GOV, MEDIA, PERSON = SourceKind.GOVERNMENT, SourceKind.MEDIA, SourceKind.PERSON
ASSERTS, DENIES, ACCUSES = Polarity.ASSERTS, Polarity.DENIES, Polarity.ACCUSES


def _claims(nlp, body: str, content: str, holder: str, kind: SourceKind,
            polarity: Polarity) -> list[Claim]:
    start = body.index(content)
    article = Article(id="b" * 40, source="tidewater.txt", body=body, produced_by="test/1")
    attribution = Attribution(
        id="a1", source=SourceRef(name=holder, kind=kind), polarity=polarity,
        content=[Span(start=start, end=start + len(content), text=content)],
        kind=AttributionKind.INDIRECT, produced_by="test/1",
    )
    return extract_claims(article, nlp(body), [attribution])


def _parts(claim: Claim) -> tuple:
    return (claim.subject, claim.predicate, claim.object, claim.numbers, claim.places, claim.dates)


# (sentence, content, holder, kind, cue polarity,
#  (subject, predicate, object, numbers, places, dates))
TABLE = [
    # a gerund under a denial: the holder acts, the verb in its lemma
    ("Norway has denied supplying armored tanks to Chile.", "supplying armored tanks to Chile",
     "Norway", GOV, DENIES, ("Norway", "supply", "armored tanks to Chile", [], ["Chile"], [])),
    # passive with an agent: the agent acts, the patient opens the object
    ("The Tidewater Post reported that tanks were supplied to Chile by Norway in March.",
     "tanks were supplied to Chile by Norway in March", "The Tidewater Post", MEDIA, ASSERTS,
     ("Norway", "supply", "tanks to Chile", [], ["Chile"], ["March"])),
    # a pronoun subject resolved to the holder; date phrase out of the object
    ("Lotte Brenn said she signed the treaty in Oslo on Monday.",
     "she signed the treaty in Oslo on Monday", "Lotte Brenn", PERSON, ASSERTS,
     ("Lotte Brenn", "sign", "treaty in Oslo", [], ["Oslo"], ["Monday"])),
    # intent verb hands over to its infinitive; the number verbatim with its qualifier
    ("The Tidewater Post reported that Peru and Chile plan to build a factory in Lima to make "
     "at least 300 tanks.",
     "Peru and Chile plan to build a factory in Lima to make at least 300 tanks",
     "The Tidewater Post", MEDIA, ASSERTS,
     ("Peru and Chile", "build", "factory in Lima to make at least 300 tanks", ["at least 300"],
      ["Lima"], [])),
    # "it" in a denied clause is the holder
    ("Peru denied that it had sent 40 soldiers to Bolivia.", "it had sent 40 soldiers to Bolivia",
     "Peru", GOV, DENIES, ("Peru", "send", "40 soldiers to Bolivia", ["40"], ["Bolivia"], [])),
    # an accusation: the accused acts
    ("Peru accused Chile of hiding its role in the floods.", "Chile of hiding its role in the floods",
     "Peru", GOV, ACCUSES, ("Chile", "hide", "its role in the floods", [], [], [])),
    # a nominal proposition: the possessor acts, the noun gives the verb
    ("Peru rejected reports of its purchase of jets from Spain.",
     "reports of its purchase of jets from Spain", "Peru", GOV, DENIES,
     ("Peru", "purchase", "jets from Spain", [], ["Spain"], [])),
    # passive without an agent: nobody named acts
    ("Ana Ruiz said the bridge was destroyed.", "the bridge was destroyed", "Ana Ruiz", PERSON,
     ASSERTS, ("", "destroy", "bridge", [], [], [])),
    # a common noun names nobody in particular: no subject; relative date verbatim
    ("Ana Ruiz said police arrested 30 protesters in Quito last week.",
     "police arrested 30 protesters in Quito last week", "Ana Ruiz", PERSON, ASSERTS,
     ("", "arrest", "30 protesters in Quito", ["30"], ["Quito"], ["last week"])),
    # money keeps its currency sign; a definite description is not a name
    ("Ana Ruiz said the company paid $5 million to the mayor.",
     "the company paid $5 million to the mayor", "Ana Ruiz", PERSON, ASSERTS,
     ("", "pay", "$5 million to the mayor", ["$5 million"], [], [])),
    # negation goes to the stance, not the predicate
    ("“Chile does not buy gas from Peru,” Ana Ruiz said.", "Chile does not buy gas from Peru",
     "Ana Ruiz", PERSON, ASSERTS, ("Chile", "buy", "gas from Peru", [], ["Peru"], [])),
    # particles of the verb stay out of the predicate
    ("Ana Ruiz said prices rose by 12 percent in 2022.", "prices rose by 12 percent in 2022",
     "Ana Ruiz", PERSON, ASSERTS, ("", "rise", "by 12 percent", ["12 percent"], [], ["2022"])),
    # a figure in an unnamed subject is still the claim's figure
    ("Ana Ruiz said about 300 trucks were waiting at the border.",
     "about 300 trucks were waiting at the border", "Ana Ruiz", PERSON, ASSERTS,
     ("", "wait", "at the border", ["about 300"], [], [])),
    # a possessive the extractor resolved: the subject as the proposition has it
    ("Ana Ruiz said her government would inspect every truck.",
     "her government would inspect every truck", "Ana Ruiz", PERSON, ASSERTS,
     ("Ana Ruiz's government", "inspect", "truck", [], [], [])),
    # "the two countries" names nobody: no subject, and its "two" is not a figure
    ("The Tidewater Post said the two countries are aiming to build a dam.",
     "the two countries are aiming to build a dam", "The Tidewater Post", MEDIA, ASSERTS,
     ("", "build", "dam", [], [], [])),
    # "is about to": the infinitive carries the event; a nationality makes a name
    ("Ana Ruiz said the Chilean navy is about to take over part of the port.",
     "the Chilean navy is about to take over part of the port", "Ana Ruiz", PERSON, ASSERTS,
     ("Chilean navy", "take", "part of the port", [], [], [])),
    # a named apposition stands for its common-noun head
    ("The Tidewater Post said the shipping firm Calder Maritime bought a stake in the terminal.",
     "the shipping firm Calder Maritime bought a stake in the terminal", "The Tidewater Post",
     MEDIA, ASSERTS, ("Calder Maritime", "buy", "stake in the terminal", [], [], [])),
    # a stative participle: the subject is in a state, not acted upon
    ("Ana Ruiz said Peru is engaged in talks with Chile.", "Peru is engaged in talks with Chile",
     "Ana Ruiz", PERSON, ASSERTS, ("Peru", "engage", "in talks with Chile", [], ["Chile"], [])),
]


@pytest.mark.parametrize(("body", "content", "holder", "kind", "polarity", "expected"), TABLE)
def test_parts_from_the_parse(nlp, body, content, holder, kind, polarity, expected) -> None:
    claims = _claims(nlp, body, content, holder, kind, polarity)
    assert claims
    assert _parts(claims[0]) == expected


def test_negation_is_the_stance_not_a_part(nlp) -> None:
    body = "“Chile does not buy gas from Peru,” Ana Ruiz said."
    claim = _claims(nlp, body, "Chile does not buy gas from Peru", "Ana Ruiz", PERSON, ASSERTS)[0]
    assert claim.stance is Stance.DENIES
    assert "not" not in f"{claim.subject} {claim.predicate} {claim.object}".split()


def test_coordinated_clauses_each_get_their_parts(nlp) -> None:
    body = "Ana Ruiz said the army will close the border and evacuate 2,000 residents of Tacna."
    content = "the army will close the border and evacuate 2,000 residents of Tacna"
    claims = _claims(nlp, body, content, "Ana Ruiz", PERSON, ASSERTS)
    assert [(c.predicate, c.object, c.numbers) for c in claims] == [
        ("close", "border", []),
        ("evacuate", "2,000 residents of Tacna", ["2,000"]),
    ]


def test_a_denial_restated_by_the_outlet_shares_the_parts(nlp) -> None:
    body = ("Norway has denied supplying armored tanks to Chile. "
            "There is ample evidence these denials are false.")
    article = Article(id="c" * 40, source="x.txt", body=body, produced_by="test/1")
    first = "supplying armored tanks to Chile"
    second = "these denials are false"
    spans = [Span(start=body.index(t), end=body.index(t) + len(t), text=t) for t in (first, second)]
    attributions = [
        Attribution(id="a1", source=SourceRef(name="Norway", kind=GOV), polarity=DENIES,
                    content=[spans[0]], kind=AttributionKind.INDIRECT, produced_by="test/1"),
        Attribution(id="a2", source=SourceRef(name="Tidewater Post", kind=SourceKind.OUTLET),
                    content=[spans[1]], kind=AttributionKind.INDIRECT, produced_by="test/1"),
    ]
    denial, outlet = extract_claims(article, nlp(body), attributions)
    assert outlet.stance is Stance.ASSERTS
    assert _parts(outlet) == _parts(denial) == (
        "Norway", "supply", "armored tanks to Chile", [], ["Chile"], [])


def test_comparative_attribute_claim(nlp) -> None:
    body = "The Tidewater Post reported that Peru will build faster Condor boats."
    content = "Peru will build faster Condor boats"
    claims = _claims(nlp, body, content, "The Tidewater Post", MEDIA, ASSERTS)
    event, attribute = claims
    assert (event.subject, event.predicate, event.object) == ("Peru", "build", "Condor boats")
    assert (attribute.subject, attribute.predicate, attribute.object) == ("Condor boats", "be", "faster")


def test_subject_is_never_a_pronoun(nlp) -> None:
    body = "Ana Ruiz said they linked their payment systems in May."
    claim = _claims(nlp, body, "they linked their payment systems in May", "Ana Ruiz", PERSON,
                    ASSERTS)[0]
    assert (claim.subject, claim.predicate, claim.dates) == ("", "link", ["May"])


def test_without_a_parse_only_holder_and_numbers() -> None:
    body = "Somebody: it sent 40 trucks to Lima"
    content = "it sent 40 trucks to Lima"
    start = body.index(content)
    article = Article(id="d" * 40, source="x.txt", body=body, produced_by="test/1")
    attribution = Attribution(
        id="a1", source=SourceRef(name="Peru", kind=GOV),
        content=[Span(start=start, end=start + len(content), text=content)],
        kind=AttributionKind.INDIRECT, produced_by="test/1",
    )
    claim = extract_claims(article, None, [attribution])[0]
    assert claim.proposition == "Peru sent 40 trucks to Lima"
    assert _parts(claim) == ("Peru", "", "", ["40"], [], [])


def test_parts_of_empty_proposition() -> None:
    assert parts_of(None, [], "", SourceRef(name="Peru", kind=GOV)) == ClaimParts()


@pytest.mark.parametrize(("noun", "verb"), [
    ("participation", "participate"), ("delivery", "deliver"), ("sale", "sell"),
    ("deployment", "deploy"), ("production", "produce"), ("mobilization", "mobilize"),
    ("withdrawal", "withdraw"), ("tank", "tank"),
])
def test_verb_of_noun(noun, verb) -> None:
    assert verb_of_noun(noun) == verb


@pytest.mark.parametrize(("text", "expected"), [
    ("the West", "West"),
    ("Peru and Chile", "Peru and Chile"),
    ("the two countries", ""),
    ("it", ""),
    ("They", ""),
    ("its army", ""),
    ("Western strategists", "Western strategists"),
    ("the United Nations", "United Nations"),
])
def test_clean_subject(text, expected) -> None:
    assert clean_subject(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a plant to make at least 300 tanks", ["at least 300"]),
    ("paid $5 million and 2,000 euros", ["$5 million", "2,000"]),
    ("rose by 12 percent", ["12 percent"]),
    ("no figures here", []),
])
def test_numbers_in(text, expected) -> None:
    assert numbers_in(text) == expected


@pytest.mark.parametrize(("proposition", "expected"), [
    ("the Condor boats would be faster", ("Condor boats", "be", "faster")),
    ("the boat would be cheaper", ("", "be", "cheaper")),
    ("not an attribute", ("", "", "")),
])
def test_attribute_parts_without_parse(proposition, expected) -> None:
    parts = attribute_parts(proposition)
    assert (parts.subject, parts.predicate, parts.object) == expected


@pytest.mark.parametrize(("proposition", "kind", "subject"), [
    ("Peru sent trucks", GOV, "Peru"),
    ("Peruvian trucks arrived", GOV, ""),  # a word that starts with the name is not the name
    ("Peru sent trucks", SourceKind.OUTLET, ""),
])
def test_parts_from_text_subject(proposition, kind, subject) -> None:
    assert parts_from_text(proposition, SourceRef(name="Peru", kind=kind)).subject == subject


def test_a_restated_figure_takes_the_earlier_parts_with_the_new_number(nlp) -> None:
    body = "Ana Ruiz said 300 trucks crossed the border at Tacna. The union put the figure at 500."
    article = Article(id="e" * 40, source="x.txt", body=body, produced_by="test/1")
    first = "300 trucks crossed the border at Tacna"
    second = "The union put the figure at 500"
    spans = [Span(start=body.index(t), end=body.index(t) + len(t), text=t) for t in (first, second)]
    attributions = [
        Attribution(id="a1", source=SourceRef(name="Ana Ruiz", kind=PERSON),
                    content=[spans[0]], kind=AttributionKind.INDIRECT, produced_by="test/1"),
        Attribution(id="a2", source=SourceRef(name="Tidewater Post", kind=SourceKind.OUTLET),
                    content=[spans[1]], kind=AttributionKind.INDIRECT, produced_by="test/1"),
    ]
    original, restated = extract_claims(article, nlp(body), attributions)
    assert restated.proposition == "500 trucks crossed the border at Tacna"
    assert (original.predicate, original.object, original.numbers) == (
        "cross", "border at Tacna", ["300"])
    assert (restated.predicate, restated.object, restated.numbers) == (
        "cross", "border at Tacna", ["500"])


def test_two_statements_differing_in_a_date_number_keep_their_own_parts(nlp) -> None:
    body = ("Ana Ruiz said Peru closed the border on May 6. "
            "Lotte Brenn said Peru closed the border on May 9.")
    article = Article(id="f" * 40, source="x.txt", body=body, produced_by="test/1")
    texts = ["Peru closed the border on May 6", "Peru closed the border on May 9"]
    attributions = [
        Attribution(id=f"a{n}", source=SourceRef(name=name, kind=PERSON),
                    content=[Span(start=body.index(t), end=body.index(t) + len(t), text=t)],
                    kind=AttributionKind.INDIRECT, produced_by="test/1")
        for n, (name, t) in enumerate(zip(["Ana Ruiz", "Lotte Brenn"], texts))
    ]
    first, second = extract_claims(article, nlp(body), attributions)
    assert (first.dates, second.dates) == (["May 6"], ["May 9"])
    assert first.numbers == second.numbers == []
