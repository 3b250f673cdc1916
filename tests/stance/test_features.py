"""Pair features: each rule on short fictional texts."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.stance.features import HEADLINE_FLAGS, LEAD_SENTENCES, Vocabulary, feature_names, pair_features
from counterpoint.stance.text import capitalised_stems, clean, content_stems, numbers, sentences, tokens, tokens_clean

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



# Batching: every text of a batch is tokenised, counted and stemmed once for the whole
# batch (stance/features.py); a row must not depend on the other pairs in its batch.
ODD_HEADS = [
    "Korvath bridge to close for repairs", "Hoax", "", "Is the 3,400-tonne Korvath bridge safe?",
    "Council says \u2018no evidence\u2019 of fraud", "Hoax", "Korvath bridge to close for repairs",
    "Zorblat", "Mayor Ilse Varga denies \u201cfake\u201d report", "Rates rise 12.5% in Pell Harbour",
]
ODD_BODIES = [
    BODY_ABOUT_BRIDGE, "", BODY_DENIAL, "Engineers said the 3,400-tonne bridge may be unsafe? Others doubt it.",
    "!!! ... ???", BODY_NOT_TRUE, BODY_LATE, "Zorblat Zorblat zorblat.",
    "\u00c9l\u00e9onore Brask\u00e9 confirmed the prank.\n\nNo proof was offered. She was not sure. "
    "It never happened, she said. A fifth sentence. Then a hoax claim in the sixth.",
    "   ",
]


@pytest.mark.parametrize("kind", [0, 1])
def test_odd_batch_equals_batches_of_one(vocab: Vocabulary, kind: int) -> None:
    x, blocks = pair_features(ODD_HEADS, ODD_BODIES, vocab, [kind] * len(ODD_HEADS), with_blocks=True)
    for i, (h, b) in enumerate(zip(ODD_HEADS, ODD_BODIES)):
        xi, bi = pair_features([h], [b], vocab, [kind], with_blocks=True)
        # Only float summation order may differ (terms unseen in training get batch-specific
        # columns): a batching bug moves values far more than this.
        np.testing.assert_allclose(x[i], xi[0], rtol=1e-6, atol=1e-6, err_msg=f"pair {i}")
        np.testing.assert_allclose(blocks[i].toarray(), bi.toarray(), rtol=1e-6, atol=1e-6)


def test_odd_batch_shuffled_rows_follow_their_pairs(vocab: Vocabulary) -> None:
    order = np.random.default_rng(7).permutation(len(ODD_HEADS))
    x = pair_features(ODD_HEADS, ODD_BODIES, vocab)
    y = pair_features([ODD_HEADS[i] for i in order], [ODD_BODIES[i] for i in order], vocab)
    np.testing.assert_allclose(y, x[order], rtol=1e-6, atol=1e-6)


def _plain_lead_flags(body: str) -> dict[str, float]:
    """The definition: a flag is set where a token of the first LEAD_SENTENCES sentences
    starts, in its first 6 characters, with the flag."""
    lead = [t for s in sentences(clean(body))[:LEAD_SENTENCES] for t in tokens_clean(s)]
    return {f"lead_flag_{f}": float(any(t[:6].startswith(f) for t in lead)) for f in HEADLINE_FLAGS}


@pytest.mark.parametrize(
    ("body", "flag", "expected"),
    [
        ("It was a hoax. Two. Three.", "lead_flag_hoax", 1.0),
        ("One. Two. Three. It was a hoax.", "lead_flag_hoax", 0.0),  # 4th sentence: outside the lead
        ("The reporters left.", "lead_flag_report", 1.0),  # a prefix, as in the headline flags
        ("Nothing was denied.", "lead_flag_deni", 1.0),
        ("Nothing was denied.", "lead_flag_no", 1.0),  # "nothing" starts with "no"
        ("", "lead_flag_no", 0.0),
    ],
)
def test_lead_flags(vocab: Vocabulary, body: str, flag: str, expected: float) -> None:
    f = _feat(vocab, "Bridge", body)
    assert f[flag] == expected
    assert {k: f[k] for k in _plain_lead_flags(body)} == _plain_lead_flags(body)


def test_flags_and_stems_equal_plain_definitions_over_a_batch(vocab: Vocabulary) -> None:
    """Headline flags, lead flags and the stem-overlap columns of a batch against the
    per-text definitions (content_stems of each text's tokens)."""
    names = feature_names()
    x = pair_features(ODD_HEADS, ODD_BODIES, vocab)
    for i, (h, b) in enumerate(zip(ODD_HEADS, ODD_BODIES)):
        row = dict(zip(names, x[i].tolist()))
        htoks = tokens(h)
        sents = [tokens_clean(s) for s in sentences(clean(b))]
        for j, f in enumerate(HEADLINE_FLAGS):
            assert row[f"flag_{f}"] == float(any(t[:6].startswith(f) for t in htoks)), (i, f)
        assert {k: row[k] for k in _plain_lead_flags(b)} == _plain_lead_flags(b), i
        hs = content_stems(htoks)
        bs = content_stems([t for s in sents for t in s])
        lead = content_stems([t for s in sents[:LEAD_SENTENCES] for t in s])
        first = content_stems(sents[0])
        assert row["jaccard"] == pytest.approx(len(hs & bs) / max(len(hs | bs), 1)), i
        assert row["head_cover_lead"] == pytest.approx(len(hs & lead) / max(len(hs), 1)), i
        assert row["head_cover_first"] == pytest.approx(len(hs & first) / max(len(hs), 1)), i


@pytest.mark.parametrize(
    ("body", "name", "expected"),
    [
        # 6 tokens; "allegedly" is both a reporting and a modal word: it counts in both.
        ("He allegedly took the last bus.", "body_report_rate2", 100.0 / 6),
        ("He allegedly took the last bus.", "body_modal_rate2", 100.0 / 6),
        ("That is not true and never happened.", "body_srefute_rate2", 200.0 / 7),  # two refuting bigrams
        ("Not. True.", "body_srefute_rate2", 0.0),  # a bigram never spans two sentences
        ('She said "yes" and "no".', "body_quote_rate2", 400.0 / 5),  # 4 quote marks, 5 tokens
    ],
)
def test_focus_counts(vocab: Vocabulary, body: str, name: str, expected: float) -> None:
    assert _feat(vocab, "Bridge", body)[name] == pytest.approx(expected)


def test_overlap_columns_equal_the_per_pair_set_formulas(vocab: Vocabulary) -> None:
    """Columns 9..16 and head_cover_first, computed from sorted stem keys and only the
    body sets some headline reads, against the per-pair set definitions (exact floats)."""
    names = feature_names()
    heads, bodies = ODD_HEADS + ODD_HEADS[:4], ODD_BODIES + ODD_BODIES[::-1][:4]  # bodies under several headlines
    x = pair_features(heads, bodies, vocab)
    for i, (h, b) in enumerate(zip(heads, bodies)):
        row = dict(zip(names, x[i].tolist()))
        sents = [tokens_clean(s) for s in sentences(clean(b))]
        hs, bs = content_stems(tokens(h)), content_stems([t for s in sents for t in s])
        hn, bn = numbers(clean(h)), numbers(clean(b))
        hc, bc = capitalised_stems(clean(h)), capitalised_stems(clean(b))
        expected = {
            "jaccard": len(hs & bs) / max(len(hs | bs), 1), "head_cover": len(hs & bs) / max(len(hs), 1),
            "head_cover_lead": len(hs & content_stems([t for s in sents[:LEAD_SENTENCES] for t in s]))
            / max(len(hs), 1),
            "head_cover_first": len(hs & content_stems(sents[0])) / max(len(hs), 1),
            "num_head": len(hn), "num_cover": len(hn & bn) / len(hn) if hn else -1.0, "num_miss": len(hn - bn),
            "caps_cover": len(hc & bs) / len(hc) if hc else -1.0, "caps_jacc": len(hc & bc) / max(len(hc | bc), 1),
        }
        assert {k: row[k] for k in expected} == {k: float(np.float32(v)) for k, v in expected.items()}, i


def test_body_sums_equal_the_membership_product() -> None:
    from scipy import sparse

    from counterpoint.stance.features import _body_sums

    counts = sparse.random(12, 30, density=0.3, format="csr", random_state=4, dtype=np.float32)
    counts.data = np.ceil(counts.data * 4)
    nsent = np.array([3, 1, 5, 2, 1])
    start = np.concatenate([[0], np.cumsum(nsent)[:-1]])
    member = sparse.csr_matrix((np.ones(12, np.float32), np.repeat(np.arange(5), nsent), np.arange(13)), shape=(12, 5))
    for n in (nsent, np.minimum(nsent, 2)):
        keep = (np.arange(12) - np.repeat(start, nsent)) < np.repeat(n, nsent)
        ref = sparse.csr_matrix(member.multiply(keep[:, None]).tocsr().T @ counts)
        got = _body_sums(counts, start, n)
        assert np.array_equal(got.indptr, ref.indptr) and np.array_equal(got.indices, ref.indices)
        assert np.array_equal(got.data, ref.data)
