"""Text helpers of the stance model: tokens, stems, sentences, hashes."""

from __future__ import annotations

import pytest

from counterpoint.stance.text import capitalised, numbers, sentences, stem, text_hash, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Mayor of Velmora denied it.", ["the", "mayor", "of", "velmora", "denied", "it"]),
        ("It isn’t true, she said", ["it", "isn't", "true", "she", "said"]),
        ("3,000 ducks", ["3", "000", "ducks"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("denies", "deni"), ("denied", "deni"), ("reporting", "report"), ("hoax", "hoax"), ("is", "is")],
)
def test_stem(token: str, expected: str) -> None:
    assert stem(token) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence here. Another one follows! A third?", ["One sentence here.", "Another one follows!", "A third?"]),
        ("Dr. nobody split here", ["Dr. nobody split here"]),
        ("First para\n\nsecond para", ["First para", "second para"]),
        ("", [""]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_limit_joins_the_tail() -> None:
    text = " ".join(f"Sentence number {i} ends." for i in range(10))
    parts = sentences(text, limit=4)
    assert len(parts) == 4 and parts[-1].endswith("9 ends.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sold 1,200 hats in 2019", {"1200", "2019"}), ("no digits", set()), ("3.5 percent", {"3.5"})],
)
def test_numbers(text: str, expected: set[str]) -> None:
    assert numbers(text) == expected


def test_capitalised_skips_sentence_starts() -> None:
    assert capitalised("The council of Brindle Vale met. Then Ostra Lumen left.") == {"brindle", "vale", "ostra", "lumen"}


def test_hash_ignores_case_and_spacing_but_not_words() -> None:
    assert text_hash("Giant  squid found") == text_hash("giant squid found ")
    assert text_hash("Giant squid found") != text_hash("Giant squid lost")
