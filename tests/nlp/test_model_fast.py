"""The fast parse: the small model without its attribute ruler, lemmatizer and entity
recognizer, POS and lemmas from a cache that must equal what those components set."""

from __future__ import annotations

import pytest

from counterpoint.nlp.model import FAST_SKIPPED, _POS_LEMMA, add_entities, parse_fast

# texts written for these tests; they exercise the ruler's two-token and dependency
# patterns ("There is", "gon na", "let 's", auxiliaries, "but" as an adverb, "that" as a
# pronoun) and ordinary reported speech
TEXTS = [
    "There is a bridge in Varnholm, and there were two ferries.",
    "We're gon na close the harbour, the mayor said, but let's wait.",
    "Officials in Calder did not say what had happened; they have denied it.",
    "That is what she told the Daily Lantern on Monday, adding that it rained.",
    "\"We will rebuild,\" said Ola Brisk. It was all but finished.",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("cold", [True, False])
def test_fast_parse_equals_the_full_pipeline(nlp, text: str, cold: bool) -> None:
    if cold:
        _POS_LEMMA.clear()
    full = nlp(text)
    fast = parse_fast(text)
    assert [t.text for t in fast] == [t.text for t in full]
    for a, b in zip(full, fast):
        assert (b.tag_, b.dep_, b.head.i, b.pos_, b.lemma_, b.is_sent_start) == (
            a.tag_, a.dep_, a.head.i, a.pos_, a.lemma_, a.is_sent_start), a.text


def test_fast_parse_has_no_entities_until_asked(nlp) -> None:
    text = "Ola Brisk of the Calder Water Board said the dam would hold."
    fast = parse_fast(text)
    assert not fast.has_annotation("ENT_IOB")
    assert set(FAST_SKIPPED) <= set(nlp.pipe_names)
    with_ents = add_entities(fast)
    assert [(e.text, e.label_) for e in with_ents.ents] == [
        (e.text, e.label_) for e in nlp(text).ents]


def test_empty_text() -> None:
    assert len(parse_fast("")) == 0
