"""Terms and running document frequencies."""

from __future__ import annotations

import math

import pytest

from counterpoint.stories.vectorize import DocumentFrequencies, fold, terms


@pytest.mark.parametrize("word, expected", [
    ("Drones", "dron"), ("drone", "dron"), ("reports", "report"), ("reported", "report"),
    ("reporting", "report"), ("Varnia's", "varnia"), ("countries", "country"), ("press", "press"),
    ("virus", "virus"), ("analysis", "analysis"), ("U.S.", "us"), ("gas", "gas"), ("red", "red"),
    ("evacuation", "evacuat"), ("evacuated", "evacuat"), ("flooded", "flood"), ("2031", "2031"),
])
def test_fold(word: str, expected: str) -> None:
    assert fold(word) == expected


@pytest.mark.parametrize("text, present, absent", [
    ("The mayor said the river rose", {"mayor", "river", "rose"}, {"the", "said"}),
    ("In 2031 some 12 boats and 6000 people", {"2031", "6000", "boat"}, {"12", "people"}),
    ("Varnia's tanks; Varnia denied it", {"varnia", "tank", "deni"}, {"it", "s"}),
])
def test_terms_keep_content_words(text: str, present: set[str], absent: set[str]) -> None:
    got = terms(None, text)
    assert present <= set(got)
    assert not absent & set(got)


def test_terms_are_unit_length_and_title_counts_more() -> None:
    got = terms("Comet seen", "A comet was seen over the harbor.")
    assert math.isclose(sum(w * w for w in got.values()), 1.0)
    assert got["comet"] > got["harbor"]
    assert terms(None, "the and of") == {}


def test_document_frequencies_and_idf() -> None:
    dfs = DocumentFrequencies()
    for text in ["river flood", "river comet", "tank plant"]:
        dfs.add(terms(None, text))
    assert dfs.n_docs == 3 and dfs.df["river"] == 2
    assert dfs.idf("flood") > dfs.idf("river") > 1.0
    assert dfs.idf("never-seen") > dfs.idf("flood")
    weighted = dfs.weigh(terms(None, "river flood"))
    assert weighted["flood"] > weighted["river"]
    assert math.isclose(sum(v * v for v in weighted.values()), 1.0)


@pytest.mark.parametrize("body, expected", [
    ("Mayor Lotte Brenn spoke. Later that day Brenn said the mayor and Brenn agreed.", {"brenn": 3}),
    ("Only once does Brenn appear here, and the Asel only once.", {}),
    ("It rained. Then The rain stopped and The river fell.", {}),  # stop words are no names
    ("In Lenport the flood rose; in Lenport the river fell.", {"lenport": 2}),
    ("", {}),
])
def test_lead_names(body: str, expected: dict[str, int]) -> None:
    from counterpoint.stories.vectorize import lead_names

    assert lead_names(body) == expected
