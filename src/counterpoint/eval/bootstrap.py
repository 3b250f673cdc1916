"""Uncertainty of a benchmark figure: a percentile bootstrap over whole groups.

Why groups: rows of one story (FNC-1) or one claim (Emergent) are not independent -- a
model that misreads a claim misreads most of its headlines -- so resampling single rows
would give intervals far too narrow. Whole groups are drawn with replacement, the
statistic is recomputed on the rows they hold, and the 2.5th and 97.5th percentiles of
`draws` such figures are reported. Seeded, so a figure and its interval reproduce.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import numpy as np

DRAWS = 1000


def group_bootstrap_interval(
    groups: Sequence[Hashable], statistic: Callable[[np.ndarray], float], *, draws: int = DRAWS,
    seed: int = 0, level: float = 0.95,
) -> tuple[float, float]:
    """(low, high) percentile interval of `statistic(rows)`, where `rows` is an index
    array (with repeats) over the rows of `groups` drawn as whole groups."""
    if not len(groups):
        raise ValueError("no rows to bootstrap")
    _, group_of_row = np.unique(np.array([str(g) for g in groups]), return_inverse=True)
    n_groups = int(group_of_row.max()) + 1
    rows_of = [np.flatnonzero(group_of_row == g) for g in range(n_groups)]
    rng = np.random.default_rng(seed)
    figures = np.empty(draws)
    for d in range(draws):
        chosen = rng.integers(0, n_groups, n_groups)
        figures[d] = statistic(np.concatenate([rows_of[g] for g in chosen]))
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(figures, [tail, 100 - tail])
    return round(float(low), 4), round(float(high), 4)


def accuracy_interval(gold: Sequence[str], predicted: Sequence[str], groups: Sequence[Hashable],
                      **kwargs: float) -> tuple[float, float]:
    """Bootstrap interval of the accuracy, groups drawn whole."""
    correct = np.array([g == p for g, p in zip(gold, predicted)], dtype=float)
    return group_bootstrap_interval(groups, lambda rows: float(correct[rows].mean()), **kwargs)  # type: ignore[arg-type]
