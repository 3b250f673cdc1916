"""Pair features: each rule on short fictional texts."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.stance.features import Vocabulary, feature_names, pair_features

BODY_ABOUT_BRIDGE = (
    "Officials in Korvath said on Monday that the old river bridge will close for repairs. "
    "The bridge, built in 1911, carries 4,000 cars a day. "
    "Engineers found cracks in two of its piers. "
    "The mayor said the closure would last three months."
)
BODY_DENIAL = (
    "A viral post claimed the Korvath river bridge had collapsed. "
    "City officials denied the report, calling it a hoax. "
    "The bridge is not damaged and remains open, they said."
)
BODY_OTHER = (
    "A bakery in Pell Harbour won a regional prize for its rye loaf. "
    "The owners plan to open a second shop next spring."
)
TEXTS = [BODY_ABOUT_BRIDGE, BODY_DENIAL, BODY_OTHER, "Korvath bridge to close for repairs", "Bakery wins prize"]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    v = Vocabulary.fit(TEXTS * 2, min_df=1)
    return v


def _feat(vocab: Vocabulary, head: str, body: str, kind: int = 0) -> dict[str, float]:
    row = pair_features([head], [body], vocab, [kind])[0]
    return dict(zip(feature_names(), row.tolist()))


def test_width_matches_names(vocab: Vocabulary) -> None:
    x = pair_features(["a", "b"], [BODY_OTHER, BODY_DENIAL], vocab)
    assert x.shape == (2, len(feature_names())) and np.isfinite(x).all()


@pytest.mark.parametrize("name", ["cos_body", "cos_max", "cos_lead", "jaccard", "head_cover"])
def test_related_pair_is_more_similar_than_unrelated(vocab: Vocabulary, name: str) -> None:
    head = "Korvath bridge to close for repairs"
    assert _feat(vocab, head, BODY_ABOUT_BRIDGE)[name] > _feat(vocab, head, BODY_OTHER)[name]


@pytest.mark.parametrize(
    ("head", "flag", "expected"),
    [
        ("Bridge collapse was a hoax", "flag_hoax", 1.0),
        ("Bridge collapse was fake news", "flag_fake", 1.0),
        ("Mayor denies bridge closure", "flag_deni", 1.0),
        ("Bridge will close for repairs", "flag_hoax", 0.0),
        ("Bridge may close", "flag_may", 1.0),
    ],
)
def test_headline_flags(vocab: Vocabulary, head: str, flag: str, expected: float) -> None:
    assert _feat(vocab, head, BODY_OTHER)[flag] == expected


@pytest.mark.parametrize(
    ("body", "name", "minimum"),
    [(BODY_DENIAL, "body_refute_rate", 1.0), (BODY_DENIAL, "lead_refute", 2.0), (BODY_DENIAL, "best_refute", 1.0)],
)
def test_refuting_cues_in_body(vocab: Vocabulary, body: str, name: str, minimum: float) -> None:
    f = _feat(vocab, "Korvath river bridge collapsed", body)
    assert f[name] >= minimum
    assert _feat(vocab, "Korvath river bridge collapsed", BODY_ABOUT_BRIDGE)[name] < f[name]


@pytest.mark.parametrize(
    ("head", "num_head", "num_cover"),
    [("Bridge built in 1911 to close", 1.0, 1.0), ("Bridge built in 1922 to close", 1.0, 0.0), ("Bridge to close", 0.0, -1.0)],
)
def test_number_overlap(vocab: Vocabulary, head: str, num_head: float, num_cover: float) -> None:
    f = _feat(vocab, head, BODY_ABOUT_BRIDGE)
    assert (f["num_head"], f["num_cover"]) == (num_head, num_cover)


def test_negation_mismatch(vocab: Vocabulary) -> None:
    # The best-matching sentence says "is not damaged"; the headline has no negation.
    assert _feat(vocab, "Korvath bridge is damaged", BODY_DENIAL)["neg_mismatch_best"] == 1.0
    assert _feat(vocab, "Korvath bridge is not damaged", BODY_DENIAL)["neg_mismatch_best"] == 0.0


def test_kind_and_question_features(vocab: Vocabulary) -> None:
    f = _feat(vocab, "Will the bridge close?", "Bridge to close", kind=1)
    assert f["kind"] == 1.0 and f["head_question"] == 1.0 and f["body_sents"] == pytest.approx(np.log1p(1))


def test_batch_equals_single_rows(vocab: Vocabulary) -> None:
    heads = ["Korvath bridge to close", "Bakery wins prize", "Korvath bridge to close"]
    bodies = [BODY_ABOUT_BRIDGE, BODY_OTHER, BODY_DENIAL]
    batch = pair_features(heads, bodies, vocab)
    singles = np.vstack([pair_features([h], [b], vocab) for h, b in zip(heads, bodies)])
    assert np.allclose(batch, singles, atol=1e-5)


# Focus features: how the sentences that match the headline best talk about it.
HEAD_BRIDGE = "Korvath river bridge to close for repairs"
BODY_HEDGED = (
    "The Korvath river bridge may close for repairs, according to unconfirmed reports. "
    "It is unclear whether the council will agree. A vote could come later."
)
BODY_CONFIRMED = (
    "The Korvath council confirmed the river bridge will close for repairs. "
    "Officials indeed set a date in May for the repairs."
)
BODY_QUOTED = 'The river bridge in Korvath is "unsafe" and will close for "urgent" repairs, a "senior" engineer wrote.'
BODY_NOT_TRUE = "Posts claiming the Korvath river bridge will close for repairs are not true."
BODY_LATE = (
    "Pell Harbour held its spring fair on Sunday. Bakers sold rye loaves and cakes. "
    "Farmers brought goats and geese. In other news, the Korvath river bridge will close for repairs."
)


@pytest.mark.parametrize(
    ("name", "higher", "lower"),
    [
        ("top_modal_rate", BODY_HEDGED, BODY_CONFIRMED),
        ("top_assert_rate", BODY_CONFIRMED, BODY_HEDGED),
        ("top_report_rate", BODY_HEDGED, BODY_CONFIRMED),
        ("top_srefute_rate", BODY_DENIAL, BODY_CONFIRMED),
        ("top_srefute_rate", BODY_NOT_TRUE, BODY_CONFIRMED),  # "not true" counts as a refuting bigram
        ("top_quote_rate", BODY_QUOTED, BODY_CONFIRMED),
        ("first_assert", BODY_CONFIRMED, BODY_HEDGED),
        ("first_modal", BODY_HEDGED, BODY_CONFIRMED),
        ("body_modal_rate2", BODY_HEDGED, BODY_CONFIRMED),
        ("first_mention_pos", BODY_LATE, BODY_CONFIRMED),
        ("head_cover_first", BODY_CONFIRMED, BODY_LATE),
    ],
)
def test_focus_features_order_bodies(vocab: Vocabulary, name: str, higher: str, lower: str) -> None:
    assert _feat(vocab, HEAD_BRIDGE, higher)[name] > _feat(vocab, HEAD_BRIDGE, lower)[name]


def test_focus_question_share_and_gap(vocab: Vocabulary) -> None:
    f = _feat(vocab, HEAD_BRIDGE, "Will the Korvath river bridge close for repairs? Nobody knows.")
    assert f["top_question_rate"] == pytest.approx(0.5)  # one of the two sentences asks
    assert f["cos_gap"] == pytest.approx(f["cos_max"] - f["cos_second"])


def test_focus_block_off_by_default(vocab: Vocabulary) -> None:
    """The linear scorer's input is three TF-IDF blocks (the focus block measured no gain)."""
    _, blocks = pair_features([HEAD_BRIDGE], [BODY_CONFIRMED], vocab, with_blocks=True)
    assert blocks.shape[1] == 3 * len(vocab.idf)

