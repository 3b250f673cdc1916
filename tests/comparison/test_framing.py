"""Framing: lexicon hits, scare quotes and log-odds distinctive words."""

from __future__ import annotations

import pytest

from counterpoint.comparison.framing import distinctive_words, lexicon_hits, log_odds, scare_quotes
from counterpoint.comparison.lexicon import ENTRIES
from counterpoint.records import Article


def _article(body: str, aid: str = "a" * 40) -> Article:
    return Article(id=aid, source="x.txt", body=body, produced_by="test/1")


def test_lexicon_is_large_enough() -> None:
    assert len(ENTRIES) >= 200
    assert {cat for _, cat in ENTRIES} == {"loaded", "label", "hedge"}


@pytest.mark.parametrize(
    ("body", "text", "category"),
    [
        ("The regime closed the border.", "regime", "label"),
        ("Officials slammed the decision.", "slammed", "loaded"),
        ("Varnia sent kamikaze rocket drones east.", "kamikaze rocket drones", "loaded"),
        ("They called the report sheer lies.", "sheer lies", "loaded"),
        ("The minister allegedly took bribes.", "allegedly", "hedge"),
        ("He rejected it in the strongest terms.", "in the strongest terms", "loaded"),
        ("Western media ran the story.", "Western media", "label"),
        ("The so-called referendum was held.", "so-called", "label"),
        ("Air defenses successfully repelled the attack.", "successfully repelled", "loaded"),
        ("There is copious evidence of it.", "copious evidence", "loaded"),
        ("The dam is believed to be weak.", "is believed to", "hedge"),
    ],
)
def test_lexicon_hits(body: str, text: str, category: str) -> None:
    hits = lexicon_hits(_article(body))
    assert (text, category) in [(h.text, h.category) for h in hits]
    for h in hits:
        assert h.span is not None and body[h.span.start : h.span.end] == h.text


@pytest.mark.parametrize(
    "body",
    ["The bridge opened on time.", "A western wind blew across the plain.", "An anti-aircraft gun."],
)
def test_lexicon_neutral_text_has_no_hits(body: str) -> None:
    assert lexicon_hits(_article(body)) == []


def test_overlaps_keep_the_longest() -> None:
    hits = lexicon_hits(_article("Reports are sheer lies."))
    assert [h.text for h in hits] == ["sheer lies"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The mayor called the plan a “war of nerves” and left.", ["war of nerves"]),
        ('Critics dismissed the "experts" at once.', ["experts"]),
        ("He rejected the reports as “sheer lies.”", ["sheer lies"]),
        # a full quotation is not a scare quote
        ("“We will rebuild the bridge before winter comes,” the mayor said.", []),
        # a one-line quote standing alone is not inside a sentence
        ("“Never again.”", []),
        # a quotation introduced by a speech verb
        ("The mayor said “Lenport will rise.”", []),
        # apostrophes are not quotes
        ("Varnia’s army and Ostrel’s navy met.", []),
    ],
)
def test_scare_quotes(body: str, expected: list[str]) -> None:
    found = scare_quotes(_article(body))
    assert [t.text for t in found] == expected
    for t in found:
        assert t.category == "scare_quote"
        assert t.span is not None and body[t.span.start : t.span.end] == t.text


def test_log_odds_word_used_only_by_one_outlet_ranks_top() -> None:
    shared = "The council met on Tuesday to discuss the harbor budget and the new bridge. "
    a = _article(shared * 3 + "The occupiers fled. Occupiers burned the depot. Occupiers left.", "a" * 40)
    b = _article(shared * 3 + "The soldiers withdrew after talks with the council.", "b" * 40)
    terms = distinctive_words([a, b])
    top_a = [t for t in terms if t.article_id == a.id]
    assert top_a[0].text == "occupiers"
    assert top_a[0].score is not None and top_a[0].score > 0
    assert all(t.category == "distinctive" for t in terms)
    assert "council" not in [t.text for t in top_a[:3]]
    assert len(top_a) <= 10


def test_log_odds_symmetry() -> None:
    from collections import Counter

    i, j = Counter({"x": 5, "y": 1}), Counter({"x": 1, "y": 5})
    prior = i + j
    za, zb = log_odds(i, j, prior, 1.0), log_odds(j, i, prior, 1.0)
    assert za["x"] == pytest.approx(-zb["x"]) and za["x"] > 0


def test_single_article_has_no_distinctive_words() -> None:
    assert distinctive_words([_article("Occupiers left.")]) == []
