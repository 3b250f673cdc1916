"""Batch counts of the stance model (stance/counts.py): word ids, term counts, cue groups,
cue bigrams, content stems per group, and the sort helpers behind them.

Each batch function is compared with the plain per-list definition it stands for (a
Counter bag, a loop, a set of stems): the stance trees were trained on those definitions'
output, so the batch path must return exactly the same (tables, random lists, the seeds)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.stance.counts import (
    content_stem_groupings,
    content_stem_sets,
    group_counts,
    pair_counts,
    term_counts,
    token_batch,
)
from counterpoint.stance.text import clean, content_stems, sentences, tokens_clean


# The batch functions against plain reference definitions.


def ref_term_counts(token_lists, terms, base, unknown):  # noqa: ANN001, ANN201
    keys, vals, lens = [], [], []
    for toks in token_lists:
        bag = Counter(toks)
        bag.update(" ".join(p) for p in zip(toks, toks[1:]))
        keys += list(bag)
        vals += list(bag.values())
        lens.append(len(bag))
    data, indices, indptr = [], [], [0]
    pos = 0
    for n in lens:
        for key, val in zip(keys[pos : pos + n], vals[pos : pos + n]):
            col = terms.get(key)
            if col is None and unknown is not None:
                col = unknown.setdefault(key, base + len(unknown))
            if col is not None:
                data.append(val)
                indices.append(col)
        indptr.append(len(data))
        pos += n
    return data, indices, indptr


TERMS = {"mayor": 0, "denied": 1, "the mayor": 2, "mayor denied": 3, "harbour": 4, "sale": 5, "harbour sale": 6}
TOKEN_LISTS = [
    ["the", "mayor", "denied", "the", "harbour", "sale"],
    [],
    ["mayor"],
    ["sale", "sale", "sale", "harbour", "sale"],
    ["velmora", "mayor", "denied", "velmora", "mayor"],
    ["the", "mayor", "the", "mayor", "the"],
]


@pytest.mark.parametrize("unknown", [None, {}, {"velmora": 7, "the the": 8}])
def test_term_counts_equals_counter_bags(unknown: dict | None) -> None:
    ref_unknown = None if unknown is None else dict(unknown)
    data, indices, indptr = ref_term_counts(TOKEN_LISTS, TERMS, 7, ref_unknown)
    got = term_counts(TOKEN_LISTS, TERMS, 7, unknown)
    assert got.data.tolist() == data and got.indices.tolist() == indices and got.indptr.tolist() == indptr
    assert got.data.dtype == np.float32 and got.indices.dtype == np.int32
    assert unknown == ref_unknown


def test_term_counts_keep_unknown_numbers_like_the_dict() -> None:
    named: dict[str, int] = {}
    a = term_counts(TOKEN_LISTS, TERMS, 7, named)
    b = term_counts(token_batch(TOKEN_LISTS), TERMS, 7, keep_unknown=True)
    assert np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data)
    assert b.n_unknown == len(named) == a.n_unknown


def test_term_counts_tokens_with_spaces_take_the_plain_path() -> None:
    lists = [["a b", "c"], ["a", "b c"], ["a b"], [""]]
    unknown: dict[str, int] = {}
    ref_unknown: dict[str, int] = {}
    got = term_counts(lists, {"a b c": 0}, 1, unknown)
    assert (got.data.tolist(), got.indices.tolist(), got.indptr.tolist()) == ref_term_counts(lists, {"a b c": 0}, 1,
                                                                                              ref_unknown)
    assert unknown == ref_unknown
    again = term_counts(token_batch(lists), {"a b c": 0}, 1, {})  # a TokenBatch takes the same path
    assert np.array_equal(again.indices, got.indices) and np.array_equal(again.data, got.data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["the", "mayor", "denied", "harbour", "sale", "x", "y"]), max_size=8),
                max_size=6))
def test_term_counts_random_lists(lists: list[list[str]]) -> None:
    unknown: dict[str, int] = {}
    ref_unknown: dict[str, int] = {}
    got = term_counts(lists, TERMS, 7, unknown)
    assert (got.data.tolist(), got.indices.tolist(), got.indptr.tolist()) == ref_term_counts(lists, TERMS, 7,
                                                                                              ref_unknown)
    assert unknown == ref_unknown


def test_group_counts_equals_the_loop() -> None:
    groups = {"denied": (0,), "not": (0, 2), "reportedly": (1,)}
    lists = [["it", "was", "not", "denied", "not"], [], ["reportedly", "x"], ["y"]]
    expected = np.zeros((len(lists), 3), np.float32)
    for r, toks in enumerate(lists):
        for t in toks:
            for g in groups.get(t, ()):
                expected[r, g] += 1
    got = group_counts(lists, groups, 3)
    assert got.dtype == np.float32 and np.array_equal(got, expected)
    assert np.array_equal(group_counts(lists, {}, 3), np.zeros((4, 3), np.float32))


def test_term_counts_on_the_seed_articles(seeds_dir) -> None:  # noqa: ANN001
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    assert texts
    for text in texts:
        sent_toks = [tokens_clean(s) for s in sentences(clean(text))]
        unknown: dict[str, int] = {}
        ref_unknown: dict[str, int] = {}
        got = term_counts(sent_toks, TERMS, 7, unknown)
        assert (got.data.tolist(), got.indices.tolist(), got.indptr.tolist()) == ref_term_counts(
            sent_toks, TERMS, 7, ref_unknown)
        assert unknown == ref_unknown


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ([["it", "is", "not", "true"], ["not"], ["true", "no", "evidence", "not", "true"]], [1, 0, 2]),
        ([["not"], ["true"]], [0, 0]),  # a pair never spans two lists
        ([[], ["no", "truth"], []], [0, 1, 0]),
        ([["x", "y"]], [0]),
    ],
)
def test_pair_counts_equals_the_loop(lists: list[list[str]], expected: list[int]) -> None:
    pairs = {("not", "true"), ("no", "evidence"), ("no", "truth")}
    assert [sum(1 for bg in zip(t, t[1:]) if bg in pairs) for t in lists] == expected
    assert pair_counts(lists, pairs).tolist() == expected


@pytest.mark.parametrize(
    ("groups", "n_groups"),
    [(np.array([0, 1, 0, -1, 2]), 4), (np.array([-1, -1, -1, -1, -1]), 2), (np.array([0, 0, 0, 0, 0]), 1),
     (np.array([2, 2, 0, 0, 2]), 3), (np.array([-1, 0, -1, 0, -1]), 1)],
)
def test_content_stem_sets_equals_content_stems_of_each_group(groups: np.ndarray, n_groups: int) -> None:
    lists = [["the", "mayor", "denied", "it"], [], ["mayors", "x", "harbour"], ["the"], ["denies", "ducks"]]
    expected = [content_stems([t for r, toks in enumerate(lists) if groups[r] == g for t in toks]) for g in range(n_groups)]
    assert content_stem_sets(lists, groups, n_groups) == expected
    both = content_stem_groupings(token_batch(lists), [(groups, n_groups), (np.array([0, 0, 0, 0, 1]), 2)])
    assert both == [expected, [content_stems([t for toks in lists[:4] for t in toks]), content_stems(lists[4])]]


def test_sort_helpers_fall_back_to_np_unique_on_wide_keys() -> None:
    from counterpoint.stance import counts as t

    keys = np.array([5, 2**61, 5, 7, 2**61, 0], np.int64)  # too wide to pack with positions
    values, inverse = t._unique_inverse(keys)
    assert values.tolist() == [0, 5, 7, 2**61] and np.array_equal(values[inverse], keys)
    narrow = np.array([5, 9, 5, 7, 9, 0], np.int64)
    values, inverse = t._unique_inverse(narrow)
    assert values.tolist() == [0, 5, 7, 9] and np.array_equal(values[inverse], narrow)
    assert t._in_first_order(narrow).tolist() == [5, 9, 7, 0] == t._in_first_order(narrow, 10).tolist()
    # (row, term) first occurrences: the packed sort and the np.unique fallback agree.
    item_row = np.array([0, 0, 0, 1, 1, 2], np.int64)
    term = np.array([3, 1, 3, 1, 1, 0], np.int64)
    row_start = np.array([0, 3, 5], np.int64)
    packed = t._first_occurrences(item_row, term, row_start, 4, 3)
    wide = t._first_occurrences(item_row, term, row_start, 2**62, 3)
    assert packed[0].tolist() == wide[0].tolist() == [0, 1, 3, 5]
    assert packed[1].tolist() == wide[1].tolist() == [2, 1, 2, 1]


def test_first_occurrences_global_and_local_positions_agree() -> None:
    """The batch-position packing, the row-position packing (terms too wide for the first)
    and np.unique give the same first occurrences and counts."""
    from counterpoint.stance import counts as t

    rng = np.random.default_rng(11)
    lengths = rng.integers(0, 9, 40)
    item_row = np.repeat(np.arange(40), lengths)
    term = rng.integers(0, 6, len(item_row))
    row_start = np.cumsum(lengths) - lengths
    width = int(lengths.max())
    # 6: batch positions; 2**50: row positions; 2**53: np.unique (keys still fit an int64)
    results = [t._first_occurrences(item_row, term, row_start, n, width) for n in (6, 2**50, 2**53)]
    for first, counts in results[1:]:
        assert first.tolist() == results[0][0].tolist() and counts.tolist() == results[0][1].tolist()
    expected = [(i, int(np.sum((item_row == item_row[i]) & (term == term[i]))))
                for i in range(len(term)) if not np.any((item_row[:i] == item_row[i]) & (term[:i] == term[i]))]
    assert list(zip(results[0][0].tolist(), results[0][1].tolist())) == expected
