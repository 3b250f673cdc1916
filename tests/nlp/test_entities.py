"""find_entities on text written for these tests (fictional people and outlets)."""

from __future__ import annotations

import pytest

from counterpoint.nlp.entities import NLP_ENTITIES, entity_kind, find_entities
from counterpoint.records import Article, Entity

FICTION_A = (
    "France has denied plans to sell Talon missiles to Ukraine, the Brisk news agency "
    "reported on Monday.\n"
    "French Foreign Ministry spokeswoman Elodie Marchetti told Brisk that Paris had never "
    "discussed such a deal. Marchetti added that the report was false.\n"
    "The Northern Maritime Security Council (NMSC) said in a statement that the NMSC would "
    "review the matter. Kyiv, Moscow and the Kremlin made no comment, and the West stayed "
    "silent.\n"
    "Ms. Marchetti later spoke to the WSJ. Western officials, citing the AP, said the Talon "
    "missiles were never delivered to the U.S. or Iranian ports."
)

FICTION_B = (
    "Officials in Paris, speaking to Reuters, said the Kremlin and Tehran were close. "
    "The Wall Street Journal said Ukrainian forces had seen Talon missiles near the city of "
    "Dnipro.\n"
    "Gen. Oskar Lindqvist told Kestrel Radio, which is affiliated with the Swedish army, "
    "that Lindqvist had no comment. The French Defence Ministry declined to comment."
)


def _article(body: str) -> Article:
    return Article(id="t", source="test", body=body, produced_by="test/1")


@pytest.fixture(scope="module")
def ents_a(nlp) -> list[Entity]:
    return find_entities(_article(FICTION_A), nlp(FICTION_A))


@pytest.fixture(scope="module")
def ents_b(nlp) -> list[Entity]:
    return find_entities(_article(FICTION_B), nlp(FICTION_B))


def _ids(ents: list[Entity], text: str) -> set[str]:
    return {e.canonical_id for e in ents if e.span.text == text}


def test_spans_index_the_body(ents_a: list[Entity]) -> None:
    for e in ents_a:
        assert FICTION_A[e.span.start : e.span.end] == e.span.text
        assert e.produced_by == NLP_ENTITIES
    spans = [(e.span.start, e.span.end) for e in ents_a]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "mentions overlap"


def test_no_dates_or_numbers(ents_a: list[Entity]) -> None:
    assert not [e for e in ents_a if e.label in {"DATE", "TIME", "CARDINAL"}]
    assert "Monday" not in {e.span.text for e in ents_a}


@pytest.mark.parametrize(
    ("text", "canonical_id"),
    [
        ("France", "france"),
        ("French", "france"),
        ("Paris", "france"),
        ("Kyiv", "ukraine"),
        ("Moscow", "russia"),
        ("the Kremlin", "russia"),
        ("the West", "the-west"),
        ("Western", "the-west"),
        ("the WSJ", "the-wall-street-journal"),
        ("AP", "associated-press"),
        ("the U.S.", "united-states"),
        ("Iranian", "iran"),
        ("Brisk news agency", "brisk-news-agency"),
        ("Foreign Ministry", "french-foreign-ministry"),
    ],
)
def test_alias_and_rule_ids(ents_a: list[Entity], text: str, canonical_id: str) -> None:
    assert _ids(ents_a, text) == {canonical_id}


def test_surname_linking(ents_a: list[Entity]) -> None:
    marchetti = [e for e in ents_a if "Marchetti" in e.span.text]
    assert len(marchetti) == 3  # full name, bare surname, "Ms." form
    assert {e.canonical_id for e in marchetti} == {"elodie-marchetti"}
    assert {e.canonical_name for e in marchetti} == {"Elodie Marchetti"}
    assert {e.label for e in marchetti} == {"PERSON"}


def test_acronym_linking(ents_a: list[Entity]) -> None:
    council = [e for e in ents_a if e.canonical_id == "northern-maritime-security-council"]
    assert [e.span.text for e in council].count("NMSC") == 2
    assert len(council) == 3
    assert {e.canonical_name for e in council} == {"Northern Maritime Security Council"}


def test_agency_short_form_links(ents_a: list[Entity]) -> None:
    brisk = [e for e in ents_a if e.canonical_id == "brisk-news-agency"]
    assert [e.span.text for e in brisk] == ["Brisk news agency", "Brisk"]
    assert {e.canonical_name for e in brisk} == {"Brisk News Agency"}
    assert entity_kind(brisk[0].label, brisk[0].canonical_name) == "media"


def test_product_modifier(ents_a: list[Entity]) -> None:
    talon = [e for e in ents_a if e.span.text == "Talon"]
    assert len(talon) == 2
    assert {e.label for e in talon} == {"PRODUCT"}


def test_second_article_rules(ents_b: list[Entity]) -> None:
    assert _ids(ents_b, "Dnipro") == {"dnipro"}
    assert {e.label for e in ents_b if e.span.text == "Dnipro"} == {"GPE"}
    assert _ids(ents_b, "Kestrel Radio") == {"kestrel-radio"}
    assert _ids(ents_b, "Lindqvist") == {"oskar-lindqvist"}
    # "Defence" and "Defense", adjective or possessive: one ministry
    assert {e.canonical_name for e in ents_b if "Ministry" in e.span.text} == {
        "French Defense Ministry"
    }


def test_cross_article_identity(ents_a: list[Entity], ents_b: list[Entity]) -> None:
    def by_id(ents: list[Entity]) -> dict[str, str]:
        return {e.canonical_id: e.canonical_name for e in ents}

    a, b = by_id(ents_a), by_id(ents_b)
    for shared in ("france", "russia", "ukraine", "the-wall-street-journal", "talon"):
        assert shared in a and shared in b
        assert a[shared] == b[shared]
    assert "iran" in a and "iran" in b  # "Iranian" in one text, "Tehran" in the other


@pytest.mark.parametrize(
    ("body", "text", "label", "canonical_id"),
    [
        ("He posted the video on Twitter and Telegram.", "Twitter", "ORG", "twitter"),
        (
            "The Islamic Revolutionary Guard Corps (IRGC) said the IRGC was ready.",
            "IRGC",
            "ORG",
            "islamic-revolutionary-guard-corps",
        ),
        (
            "Iran's Defense Ministry said the strike failed.",
            "Defense Ministry",
            "ORG",
            "iranian-defense-ministry",
        ),
        (
            "The Ministry of Foreign Affairs of Norland was silent, but the Iranian Ministry "
            "of Foreign Affairs spoke.",
            "the Iranian Ministry of Foreign Affairs",
            "ORG",
            "iranian-foreign-ministry",
        ),
        (
            "Zorva News, which is affiliated with the navy, said Zorva was right.",
            "Zorva News",
            "ORG",
            "zorva-news",
        ),
        (
            "Talks on the West Bank stalled as the West watched.",
            "the West",
            "GROUP",
            "the-west",
        ),
        (
            "The firm Varkon Aerospace builds engines.",
            "Varkon Aerospace",
            "ORG",
            "varkon-aerospace",
        ),
    ],
)
def test_rule_table(nlp, body: str, text: str, label: str, canonical_id: str) -> None:
    ents = find_entities(_article(body), nlp(body))
    hits = [e for e in ents if e.span.text == text]
    assert hits, [(e.span.text, e.label) for e in ents]
    assert {(e.label, e.canonical_id) for e in hits} == {(label, canonical_id)}


def test_west_bank_is_not_the_west(nlp) -> None:
    body = "Talks on the West Bank stalled as the West watched."
    ents = find_entities(_article(body), nlp(body))
    assert [e.span.text for e in ents if e.canonical_id == "the-west"] == ["the West"]


def test_plural_acronyms_are_not_orgs(nlp) -> None:
    body = "The army shot down several Small Aerial Drones (SADs) and two UAVs near the port."
    ents = find_entities(_article(body), nlp(body))
    assert not [e for e in ents if e.label == "ORG"]


@pytest.mark.parametrize(
    ("label", "name", "kind"),
    [
        ("PERSON", "Elodie Marchetti", "person"),
        ("GPE", "Iran", "government"),
        ("GPE", "Russia", "government"),
        ("GPE", "Dnipro", "place"),
        ("ORG", "The Wall Street Journal", "media"),
        ("ORG", "Reuters", "media"),
        ("ORG", "Nour News", "media"),
        ("ORG", "Brisk News Agency", "media"),
        ("ORG", "Kestrel Radio", "media"),
        ("ORG", "Iranian Defense Ministry", "government"),
        ("ORG", "Foreign Ministry", "government"),
        ("ORG", "White House", "government"),
        ("GPE", "Kremlin", "government"),
        ("ORG", "Varkon Aerospace", "organization"),
        ("ORG", "Twitter", "organization"),
        ("ORG", "Central Intelligence Agency", "government"),
        ("ORG", "Red Cross Relief Agency", "organization"),
        ("GROUP", "the West", "group"),
        ("NORP", "Shia", "group"),
        ("PRODUCT", "Talon", "other"),
    ],
)
def test_entity_kind(label: str, name: str, kind: str) -> None:
    assert entity_kind(label, name) == kind


# ------------------------------------------------- without the entity recognizer
# The fast parse (nlp.model.parse_fast) carries no entities: mentions then come from
# PROPN runs, the alias table, titles and organisation words.
NO_NER = [
    ("General Oskar Lindqvist said the base was closed.", "Oskar Lindqvist", "PERSON",
     "oskar-lindqvist"),
    ("The Northern Maritime Security Council said it would review the deal.",
     "Northern Maritime Security Council", "ORG", "northern-maritime-security-council"),
    ("Officials in Tehran said the talks had ended.", "Tehran", "GPE", "iran"),
    ("The Kremlin declined to comment on the report.", "The Kremlin", "GPE", "russia"),
    ("Varkon Aerospace Corporation builds engines for the navy.",
     "Varkon Aerospace Corporation", "ORG", "varkon-aerospace-corporation"),
]


@pytest.mark.parametrize(("body", "text", "label", "canonical_id"), NO_NER)
def test_mentions_without_the_recognizer(body: str, text: str, label: str,
                                         canonical_id: str) -> None:
    from counterpoint.nlp.model import parse_fast

    ents = find_entities(_article(body), parse_fast(body))
    hits = [e for e in ents if e.span.text == text]
    assert hits, [(e.span.text, e.label) for e in ents]
    assert {(e.label, e.canonical_id) for e in hits} == {(label, canonical_id)}


@pytest.mark.parametrize("body, absent", [
    ("On Monday, Ola Brisk said the dam held.", "Monday"),
    ("In Feb. the dam held, Ola Brisk said.", "Feb."),
    ("Photo: the harbour at dawn.", "Photo"),
])
def test_calendar_and_lone_words_are_not_mentions(body: str, absent: str) -> None:
    from counterpoint.nlp.model import parse_fast

    ents = find_entities(_article(body), parse_fast(body))
    assert absent not in {e.span.text for e in ents}
