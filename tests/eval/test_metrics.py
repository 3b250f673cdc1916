"""Span metrics on tiny hand-made cases (fictional text)."""

from __future__ import annotations

import pytest

from counterpoint.eval.metrics import (
    normalize_ranges,
    pair_attributions,
    score_document,
    score_documents,
    span_tokens,
    summarize,
    word_tokens,
)
from counterpoint.eval.polnear_data import GoldAttribution as A

TEXT = 'Mayor Lena Vosk said, "The new bridge over the Olm will open in May," on Tuesday.'
SPLIT = '"The ferry is late," Captain Aro Penn said, "and the river is high."'


def r(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase))


def rr(text: str, *phrases: str) -> tuple[tuple[int, int], ...]:
    return tuple(r(text, p) for p in phrases)


GOLD = A(
    source=rr(TEXT, "Mayor Lena Vosk"),
    cue=rr(TEXT, "said"),
    content=rr(TEXT, '"The new bridge over the Olm will open in May,"'),
)


def metrics(predicted, gold=(GOLD,), text=TEXT):
    return summarize(score_document(text, list(predicted), list(gold)))


@pytest.mark.parametrize(
    ("text", "ranges", "expected"),
    [
        ('x "quoted words," y', ((2, 16),), ((3, 15),)),  # quotes and comma trimmed
        ("a  said  b", ((1, 9),), ((3, 7),)),  # spaces trimmed
        ("one x, two", ((0, 3), (5, 6), (7, 10)), ((0, 3), (7, 10))),  # punctuation-only piece dropped
        ('"ab", "cd"', ((0, 5), (6, 10)), ((1, 9),)),  # pieces split only by quotes merge
        ("ab x cd", ((5, 7), (0, 2)), ((0, 2), (5, 7))),  # sorted, a real word between: kept apart
        ("He said: yes", ((7, 8),), ((7, 8),)),  # a ":" cue keeps its raw range
    ],
)
def test_normalize_ranges(text, ranges, expected):
    assert normalize_ranges(text, ranges) == expected


@pytest.mark.parametrize(
    ("text", "ranges", "expected"),
    [
        ("alpha beta gamma", ((0, 5),), {0}),
        ("alpha beta gamma", ((3, 8),), {0, 1}),  # partial characters still touch a token
        ("alpha beta gamma", ((0, 5), (11, 16)), {0, 2}),
        ("alpha beta gamma", ((5, 6),), set()),  # whitespace only
        ("alpha beta gamma", (), set()),
    ],
)
def test_span_tokens(text, ranges, expected):
    assert span_tokens(word_tokens(text), ranges) == expected


def test_exact_hit_scores_one_everywhere():
    m = metrics([GOLD])
    for role in ("source", "cue", "content", "attribution"):
        assert m[role]["exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
        assert m[role]["overlap"] == {"p": 1.0, "r": 1.0, "f1": 1.0}


def test_exact_ignores_surrounding_quotes_and_commas():
    pred = A(
        source=rr(TEXT, "Mayor Lena Vosk "),
        cue=rr(TEXT, "said,"),
        content=rr(TEXT, "The new bridge over the Olm will open in May"),
    )
    m = metrics([pred])
    assert m["content"]["exact"]["f1"] == 1.0
    assert m["cue"]["exact"]["f1"] == 1.0
    assert m["attribution"]["exact"]["f1"] == 1.0


def test_partial_content_overlap_is_proportional():
    # gold content has 10 tokens; the prediction covers 5 of them and nothing else
    pred = A(source=GOLD.source, cue=GOLD.cue, content=rr(TEXT, "the Olm will open in"))
    m = metrics([pred])
    assert m["content"]["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert m["content"]["overlap"]["p"] == 1.0
    assert m["content"]["overlap"]["r"] == 0.5
    assert m["content"]["overlap"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    # source and cue exact, content partial: the pair is not exact; its overlap is the role mean
    assert m["attribution"]["exact"]["f1"] == 0.0
    assert m["attribution"]["overlap"]["p"] == 1.0
    assert m["attribution"]["overlap"]["r"] == pytest.approx((1 + 1 + 0.5) / 3, abs=1e-4)


def test_prediction_spilling_over_gold_loses_precision():
    pred = A(content=rr(TEXT, '"The new bridge over the Olm will open in May," on Tuesday.'))
    m = metrics([pred])
    assert m["content"]["overlap"]["r"] == 1.0
    assert m["content"]["overlap"]["p"] == pytest.approx(10 / 12, abs=1e-4)


def test_discontinuous_content():
    gold = A(
        source=rr(SPLIT, "Captain Aro Penn"),
        cue=rr(SPLIT, "said"),
        content=rr(SPLIT, '"The ferry is late,"', '"and the river is high."'),
    )
    same = A(source=gold.source, cue=gold.cue, content=rr(SPLIT, "The ferry is late", "and the river is high"))
    m = metrics([same], [gold], SPLIT)
    assert m["content"]["exact"]["f1"] == 1.0
    assert m["attribution"]["exact"]["f1"] == 1.0
    half = A(source=gold.source, cue=gold.cue, content=rr(SPLIT, '"The ferry is late,"'))
    m = metrics([half], [gold], SPLIT)
    assert m["content"]["exact"]["f1"] == 0.0
    assert m["content"]["overlap"]["p"] == 1.0
    assert m["content"]["overlap"]["r"] == pytest.approx(4 / 9, abs=1e-4)
    # one range swallowing the speaker in between is not the discontinuous gold span
    whole = A(content=(r(SPLIT, SPLIT),))
    m = metrics([whole], [gold], SPLIT)
    assert m["content"]["exact"]["f1"] == 0.0
    assert m["content"]["overlap"]["r"] == 1.0
    assert m["content"]["overlap"]["p"] == pytest.approx(9 / 13, abs=1e-4)


def test_missing_role():
    pred = A(cue=GOLD.cue, content=GOLD.content)  # no source predicted
    m = metrics([pred])
    assert m["source"]["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert m["source"]["predicted"] == 0 and m["source"]["gold"] == 1
    assert m["cue"]["exact"]["f1"] == 1.0
    # the gold has a source the prediction lacks: not exact, overlap 2 of 3 roles
    assert m["attribution"]["exact"]["f1"] == 0.0
    assert m["attribution"]["overlap"]["r"] == pytest.approx(2 / 3, abs=1e-4)


def test_role_missing_on_both_sides_is_ignored():
    gold = A(cue=GOLD.cue, content=GOLD.content)
    m = metrics([gold], [gold])
    assert m["attribution"]["exact"]["f1"] == 1.0
    assert m["source"]["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


@pytest.mark.parametrize(("predicted", "gold"), [([], [GOLD]), ([GOLD], []), ([], []), ([A()], [A()])])
def test_empty_sides_give_zeros_not_errors(predicted, gold):
    m = metrics(predicted, gold)
    for role in ("source", "cue", "content", "attribution"):
        assert m[role]["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
        assert m[role]["overlap"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_shared_source_span_counts_once_per_role():
    other = A(source=GOLD.source, cue=rr(TEXT, "on Tuesday"), content=rr(TEXT, "May"))
    m = metrics([GOLD], [GOLD, other])
    assert m["source"]["gold"] == 1 and m["source"]["exact"]["r"] == 1.0
    assert m["attribution"]["gold"] == 2 and m["attribution"]["exact"]["r"] == 0.5


def test_pairing_is_one_to_one_by_content_then_cue():
    a = A(cue=rr(TEXT, "said"), content=rr(TEXT, "The new bridge"))
    b = A(cue=rr(TEXT, "on Tuesday"), content=rr(TEXT, "will open in May"))
    assert sorted(pair_attributions(TEXT, [b, a], [a, b])) == [(0, 1), (1, 0)]
    # two predictions for one gold: only one pairs, the other is a false positive
    m = metrics([a, a], [a])
    assert m["attribution"]["predicted"] == 2
    assert m["attribution"]["exact"]["p"] == 0.5 and m["attribution"]["exact"]["r"] == 1.0
    # no content and no cue token in common: unpaired
    assert pair_attributions(TEXT, [A(source=GOLD.source)], [b]) == []


def test_micro_average_over_documents():
    miss = A(content=rr(SPLIT, "The ferry is late"))
    result = score_documents([(TEXT, [GOLD], [GOLD]), (SPLIT, [], [miss])])
    assert result["content"]["gold"] == 2
    assert result["content"]["exact"] == {"p": 1.0, "r": 0.5, "f1": pytest.approx(0.6667, abs=1e-4)}
