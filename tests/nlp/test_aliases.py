"""The alias table, the slug and the lexical pass (no spaCy needed)."""

from __future__ import annotations

import pytest

from counterpoint.nlp.aliases import canonical_key, clean_name, resolve_name, scan_aliases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tehran", ("iran", "Iran", "GPE")),
        ("Iranian", ("iran", "Iran", "GPE")),
        ("Iranians", ("iran", "Iran", "GPE")),
        ("Iran's", ("iran", "Iran", "GPE")),
        ("Iran’s", ("iran", "Iran", "GPE")),
        ("Moscow", ("russia", "Russia", "GPE")),
        ("Russian", ("russia", "Russia", "GPE")),
        ("the Kremlin", ("russia", "Russia", "GPE")),
        ("The Kremlin", ("russia", "Russia", "GPE")),
        ("Kyiv", ("ukraine", "Ukraine", "GPE")),
        ("Kiev", ("ukraine", "Ukraine", "GPE")),
        ("Ukrainian", ("ukraine", "Ukraine", "GPE")),
        ("US", ("united-states", "United States", "GPE")),
        ("U.S.", ("united-states", "United States", "GPE")),
        ("USA", ("united-states", "United States", "GPE")),
        ("the United States", ("united-states", "United States", "GPE")),
        ("American", ("united-states", "United States", "GPE")),
        ("Washington", ("united-states", "United States", "GPE")),
        ("Beijing", ("china", "China", "GPE")),
        ("Chinese", ("china", "China", "GPE")),
        ("Riyadh", ("saudi-arabia", "Saudi Arabia", "GPE")),
        ("Ankara", ("turkey", "Turkey", "GPE")),
        ("Britain", ("united-kingdom", "United Kingdom", "GPE")),
        ("Israeli", ("israel", "Israel", "GPE")),
        ("the West", ("the-west", "the West", "GROUP")),
        ("Western", ("the-west", "the West", "GROUP")),
        ("WSJ", ("the-wall-street-journal", "The Wall Street Journal", "ORG")),
        ("the WSJ", ("the-wall-street-journal", "The Wall Street Journal", "ORG")),
        ("Wall Street Journal", ("the-wall-street-journal", "The Wall Street Journal", "ORG")),
        ("NYT", ("the-new-york-times", "The New York Times", "ORG")),
        ("AP", ("associated-press", "Associated Press", "ORG")),
        ("the Associated Press", ("associated-press", "Associated Press", "ORG")),
        ("AFP", ("agence-france-presse", "Agence France-Presse", "ORG")),
        ("REUTERS", ("reuters", "Reuters", "ORG")),
        ("IRNA", ("islamic-republic-news-agency", "Islamic Republic News Agency", "ORG")),
        ("TASS", ("tass", "TASS", "ORG")),
        ("IRGC", ("islamic-revolutionary-guard-corps", "Islamic Revolutionary Guard Corps", "ORG")),
        ("Twitter", ("twitter", "Twitter", "ORG")),
        ("Zelenskyy", ("volodymyr-zelensky", "Volodymyr Zelensky", "PERSON")),
    ],
)
def test_resolve_name(text: str, expected: tuple[str, str, str]) -> None:
    assert resolve_name(text) == expected


@pytest.mark.parametrize("text", ["us", "who", "Brussels", "Isfahan", "Valdoria", "", "ap"])
def test_resolve_name_unknown(text: str) -> None:
    assert resolve_name(text) is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Iran", "iran"),
        ("The Wall Street Journal", "the-wall-street-journal"),
        ("Nasser Kanaani", "nasser-kanaani"),
        ("U.S.", "us"),
        ("Agence France-Presse", "agence-france-presse"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("Students' News Agency", "students-news-agency"),
        ("AT&T", "at-and-t"),
    ],
)
def test_canonical_key(name: str, key: str) -> None:
    assert canonical_key(name) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps"),
        ("Iran’s", "Iran"),
        ("“Brisk”", "Brisk"),
        ("The  Daily\nPlanet", "Daily Planet"),
    ],
)
def test_clean_name(text: str, expected: str) -> None:
    assert clean_name(text) == expected


def _scan(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], entry.canonical_id) for s, e, entry in scan_aliases(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials in the Kremlin agreed.", [("the Kremlin", "russia")]),
        ("They blamed the West for it.", [("the West", "the-west")]),
        ("Western media disagreed.", [("Western", "the-west")]),
        ("an Iranian-designed drone", [("Iranian", "iran")]),
        ("The Kremlin and Tehran", [("The Kremlin", "russia"), ("Tehran", "iran")]),
        ("a report by the WSJ said", [("the WSJ", "the-wall-street-journal")]),
        # longer names the table does not hold are not split into pieces
        ("in the West Bank today", []),
        ("Western Australia voted", []),
        ("talks with Latin American leaders", []),
        ("trade with New Mexico", []),
        # ambiguous or lower-case forms are never added lexically
        ("Washington said", []),
        ("let us know", []),
        (
            "Russian President Vladimir Putin",
            [("Russian", "russia"), ("Vladimir Putin", "vladimir-putin")],
        ),
    ],
)
def test_scan_aliases(text: str, expected: list[tuple[str, str]]) -> None:
    assert _scan(text) == expected
