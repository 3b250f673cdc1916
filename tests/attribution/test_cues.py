"""The cue lexicon: size and polarities."""

from __future__ import annotations

import pytest

from counterpoint.attribution import CUES, cue_polarity
from counterpoint.attribution.cues import is_outlet_hedge
from counterpoint.records import Polarity


def test_lexicon_is_large_enough() -> None:
    assert len(CUES) >= 60


@pytest.mark.parametrize(
    ("lemma", "polarity"),
    [
        ("say", Polarity.ASSERTS),
        ("tell", Polarity.ASSERTS),
        ("underscore", Polarity.ASSERTS),
        ("claim", Polarity.ASSERTS),
        ("allege", Polarity.HEDGES),
        ("suggest", Polarity.HEDGES),
        ("deny", Polarity.DENIES),
        ("reject", Polarity.DENIES),
        ("dismiss", Polarity.DENIES),
        ("refute", Polarity.DENIES),
        ("accuse", Polarity.ACCUSES),
        ("blame", Polarity.ACCUSES),
        ("question", Polarity.QUESTIONS),
        ("doubt", Polarity.QUESTIONS),
        ("according to", Polarity.ASSERTS),
        ("Deny", Polarity.DENIES),
        ("banana", Polarity.ASSERTS),  # not a cue: the neutral default
    ],
)
def test_cue_polarity(lemma: str, polarity: Polarity) -> None:
    assert cue_polarity(lemma) == polarity


@pytest.mark.parametrize(("lemma", "hedge"), [("claim", True), ("allege", True), ("say", False)])
def test_outlet_hedge_verbs(lemma: str, hedge: bool) -> None:
    assert is_outlet_hedge(lemma) is hedge
