"""The numpy tree walker: hand-made dumps, and a tiny LightGBM model when installed."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.stance.trees import TreeEnsemble, from_lightgbm_dump


def _leaf(v: float) -> dict:
    return {"leaf_value": v}


def _split(feature: int, threshold: float, left: dict, right: dict, missing: str = "None", default_left: bool = True) -> dict:
    return {"split_index": 0, "split_feature": feature, "threshold": threshold, "decision_type": "<=",
            "default_left": default_left, "missing_type": missing, "left_child": left, "right_child": right}


DUMP = {
    "num_class": 2,
    "tree_info": [
        {"tree_structure": _split(0, 0.5, _leaf(1.0), _split(1, 2.0, _leaf(2.0), _leaf(3.0)))},  # class 0
        {"tree_structure": _leaf(-1.0)},  # class 1
        {"tree_structure": _split(1, 0.0, _leaf(10.0), _leaf(20.0), missing="NaN", default_left=False)},  # class 0
        {"tree_structure": _leaf(0.5)},  # class 1
    ],
}


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([0.0, -1.0], [11.0, -0.5]),
        ([0.5, 1.0], [21.0, -0.5]),  # threshold is inclusive: 0.5 <= 0.5 goes left
        ([1.0, 1.0], [22.0, -0.5]),
        ([1.0, 5.0], [23.0, -0.5]),
        ([0.0, np.nan], [21.0, -0.5]),  # NaN on a NaN-aware split takes the default (right)
    ],
)
def test_walker_on_hand_made_trees(x: list[float], expected: list[float]) -> None:
    ens = from_lightgbm_dump(DUMP)
    assert ens.raw_scores(np.array([x])).tolist()[0] == expected


def test_arrays_round_trip_and_probabilities_sum_to_one() -> None:
    ens = from_lightgbm_dump(DUMP)
    again = TreeEnsemble.from_arrays(ens.to_arrays(prefix="t_"), prefix="t_")
    x = np.random.default_rng(0).normal(size=(50, 2))
    assert np.array_equal(ens.raw_scores(x), again.raw_scores(x))
    assert np.allclose(again.predict_proba(x).sum(axis=1), 1.0)


def test_walker_reproduces_lightgbm() -> None:
    lgb = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(1)
    x = rng.normal(size=(600, 5))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int) + (x[:, 2] > 1).astype(int)
    x[rng.random(x.shape) < 0.05] = 0.0
    booster = lgb.train({"objective": "multiclass", "num_class": 4, "num_leaves": 7, "verbose": -1,
                         "num_threads": 1, "seed": 0}, lgb.Dataset(x, y), 30)
    ens = from_lightgbm_dump(booster.dump_model())
    probe = rng.normal(size=(200, 5))
    probe[:5, 0] = 0.0
    assert np.abs(ens.predict_proba(probe) - booster.predict(probe)).max() < 1e-9
    assert np.abs(ens.raw_scores(probe) - booster.predict(probe, raw_score=True)).max() < 1e-9


def _random_dump(rng: np.random.Generator, n_trees: int, n_features: int, n_class: int, max_depth: int) -> dict:
    """A random LightGBM-style dump: uneven depths, every missing type."""

    def node(depth: int) -> dict:
        if depth >= max_depth or rng.random() < 0.25:
            return _leaf(float(rng.normal()))
        return _split(int(rng.integers(n_features)), float(rng.normal()), node(depth + 1), node(depth + 1),
                      missing=str(rng.choice(["None", "Zero", "NaN"])), default_left=bool(rng.random() < 0.5))

    return {"num_class": n_class, "tree_info": [{"tree_structure": node(0)} for _ in range(n_trees)]}


@pytest.mark.parametrize(("seed", "n_rows", "chunk"), [(0, 1, 256), (1, 300, 7), (2, 513, 256), (3, 64, 1)])
def test_fast_walker_equals_the_plain_walk(seed: int, n_rows: int, chunk: int) -> None:
    rng = np.random.default_rng(seed)
    ens = from_lightgbm_dump(_random_dump(rng, n_trees=24, n_features=5, n_class=3, max_depth=7))
    x = rng.normal(size=(n_rows, 5))
    x[rng.random(x.shape) < 0.1] = np.nan
    x[rng.random(x.shape) < 0.1] = 0.0
    assert np.array_equal(ens.raw_scores(x, chunk=chunk), ens.raw_scores_plain(x))


def test_fast_walker_without_missing_splits_equals_the_plain_walk() -> None:
    rng = np.random.default_rng(4)
    dump = _random_dump(rng, n_trees=40, n_features=6, n_class=4, max_depth=9)

    def strip(node: dict) -> None:
        if "split_index" in node:
            node["missing_type"] = "None"
            strip(node["left_child"])
            strip(node["right_child"])

    for tree in dump["tree_info"]:
        strip(tree["tree_structure"])
    ens = from_lightgbm_dump(dump)
    x = rng.normal(size=(700, 6)).astype(np.float32)  # the stance features are float32
    assert np.array_equal(ens.raw_scores(x), ens.raw_scores_plain(x))


def test_shipped_model_trees_walk_like_the_plain_walk() -> None:
    from counterpoint.stance.model import load_model

    try:
        model = load_model()
    except Exception as exc:  # noqa: BLE001 - no packaged model in this checkout
        pytest.skip(f"no stance model: {exc}")
    rng = np.random.default_rng(5)
    for ens in model.trees.values():
        x = rng.normal(size=(300, int(ens.feature.max()) + 1)).astype(np.float32)
        assert np.array_equal(ens.raw_scores(x), ens.raw_scores_plain(x))
