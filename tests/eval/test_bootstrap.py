"""Group bootstrap intervals of benchmark figures."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.eval.bootstrap import accuracy_interval, group_bootstrap_interval
from counterpoint.eval.fnc1 import fnc1_relative_interval, fnc_row_scores, fnc_score


def test_all_right_has_no_width() -> None:
    gold = ["for", "against", "observing", "for"]
    assert accuracy_interval(gold, gold, ["c1", "c1", "c2", "c3"]) == (1.0, 1.0)


def test_groups_are_drawn_whole() -> None:
    # one claim all right, one all wrong: a draw holds 0, 1 or 2 copies of each claim,
    # so the accuracy of a draw is 0, 1/2 or 1 -- never a mix of single rows
    gold = ["for"] * 6
    predicted = ["for"] * 3 + ["against"] * 3
    groups = ["a"] * 3 + ["b"] * 3
    seen: set[float] = set()

    def record(rows: np.ndarray) -> float:
        value = float(np.mean([gold[i] == predicted[i] for i in rows]))
        seen.add(value)
        return value

    low, high = group_bootstrap_interval(groups, record, draws=200)
    assert seen <= {0.0, 0.5, 1.0} and (low, high) == (0.0, 1.0)


def test_clustered_errors_widen_the_interval() -> None:
    # 100 claims of 4 headlines, each claim read all right or all wrong: drawing rows
    # one by one would pretend 400 independent trials; whole claims show the real spread
    rng = np.random.default_rng(1)
    right = rng.random(100) < 0.75
    gold = ["for"] * 400
    predicted = ["for" if right[i // 4] else "against" for i in range(400)]
    claims = [str(i // 4) for i in range(400)]
    rows = [str(i) for i in range(400)]
    assert accuracy_interval(gold, predicted, claims) == accuracy_interval(gold, predicted, claims)  # seeded
    width = lambda iv: iv[1] - iv[0]  # noqa: E731
    assert width(accuracy_interval(gold, predicted, claims)) > 1.5 * width(accuracy_interval(gold, predicted, rows))
    low, high = accuracy_interval(gold, predicted, claims)
    assert low < right.mean() < high


def test_fnc_row_scores_sum_to_the_score() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    predicted = ["discuss", "unrelated", "discuss", "unrelated"]
    score, maximum = fnc_row_scores(gold, predicted)
    assert score.tolist() == [0.25, 0.25, 1.0, 0.0] and maximum.tolist() == [1.0, 0.25, 1.0, 1.0]
    assert (score.sum(), maximum.sum()) == fnc_score(gold, predicted)
    low, high = fnc1_relative_interval(gold, predicted, ["s1", "s1", "s2", "s3"])
    assert 0.0 <= low <= 1.5 / 3.25 <= high <= 1.0


def test_no_rows_is_an_error() -> None:
    with pytest.raises(ValueError):
        group_bootstrap_interval([], lambda rows: 0.0)
