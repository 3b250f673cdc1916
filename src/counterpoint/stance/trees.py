"""A gradient-boosted tree ensemble as flat numpy arrays, and a vectorised walker.

The trainer (LightGBM, a training-only dependency) dumps its model as JSON;
`from_lightgbm_dump` turns it into arrays that are saved in the model's .npz (no
pickle) and evaluated here with numpy alone.

Layout: every node of every tree in one array. A leaf is a node that loops onto itself
(threshold +inf, left = right = itself), so `depth` steps of
`node = left if x[feature] <= threshold else right` take every row of every tree to
its leaf with no masks; the raw score of class c is the sum of the leaf values of the
trees t with t % n_class == c (LightGBM's order: one tree per class per iteration).
Missing values follow LightGBM: NaN (missing_type NaN) or a zero (missing_type Zero)
goes to the default side.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

MISSING_NONE, MISSING_ZERO, MISSING_NAN = 0, 1, 2
_MISSING = {"None": MISSING_NONE, "Zero": MISSING_ZERO, "NaN": MISSING_NAN}
_ZERO = 1e-35


@dataclass(frozen=True)
class TreeEnsemble:
    feature: np.ndarray  # (nodes,) int32
    threshold: np.ndarray  # (nodes,) float64
    left: np.ndarray  # (nodes,) int32
    right: np.ndarray  # (nodes,) int32
    value: np.ndarray  # (nodes,) float64, leaves only
    default_left: np.ndarray  # (nodes,) bool
    missing: np.ndarray  # (nodes,) int8
    roots: np.ndarray  # (trees,) int32
    depth: int
    n_class: int

    def raw_scores(self, x: np.ndarray, chunk: int = 256) -> np.ndarray:
        """(n, n_class) margins; softmax them for probabilities.

        Rows go `chunk` at a time (every array of a step then stays in cache), each step
        walks one level of every (row, tree) pair still inside a tree, and every second
        step the pairs that reached their leaf are set aside (most leaves lie well above
        the deepest one). The leaves reached, and so the sums, are those of the plain
        `depth`-step walk (tests/stance/test_trees.py compares the two)."""
        x = np.asarray(x, dtype=np.float64)
        n, n_feat = x.shape
        n_trees = len(self.roots)
        out = np.zeros((n, self.n_class), np.float64)
        has_missing = bool((self.missing != MISSING_NONE).any())
        child, leaf = self._child, self._leaf
        for lo in range(0, n, chunk):
            xs = np.ascontiguousarray(x[lo : lo + chunk])
            k = xs.shape[0]
            flat = xs.ravel()
            node = np.tile(self.roots, k)  # the leaf each (row, tree) pair ends on
            pair = np.arange(k * n_trees)  # pairs still walking ...
            cur = node  # ... their nodes ...
            offset = np.repeat(np.arange(k, dtype=np.int64) * n_feat, n_trees)  # ... and row offsets
            for step in range(self.depth):
                v = flat[offset + self.feature[cur]]
                go_left = v <= self.threshold[cur]
                if has_missing:
                    m = self.missing[cur]
                    miss = ((m == MISSING_NAN) & np.isnan(v)) | ((m == MISSING_ZERO) & (np.abs(v) <= _ZERO))
                    go_left = np.where(miss, self.default_left[cur], go_left)
                cur = child[2 * cur + go_left]
                if step % 2 or step == self.depth - 1:
                    done = leaf[cur]
                    if done.any():
                        node[pair[done]] = cur[done]
                        walking = ~done
                        pair, cur, offset = pair[walking], cur[walking], offset[walking]
                        if not len(pair):
                            break
            out[lo : lo + k] = self.value[node].reshape(k, -1, self.n_class).sum(axis=1)
        return out

    @cached_property
    def _child(self) -> np.ndarray:
        """Children interleaved, right then left: the next node is `child[2 * node + go_left]`."""
        child = np.empty(2 * len(self.left), np.int32)
        child[0::2], child[1::2] = self.right, self.left
        return child

    @cached_property
    def _leaf(self) -> np.ndarray:
        return self.left == np.arange(len(self.left))

    def raw_scores_plain(self, x: np.ndarray) -> np.ndarray:
        """The plain walk (`depth` steps for every row and tree): the reference of `raw_scores`."""
        x = np.asarray(x, dtype=np.float64)
        flat = np.ascontiguousarray(x).ravel()
        offset = (np.arange(x.shape[0]) * x.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (x.shape[0], len(self.roots))).copy()
        for _ in range(self.depth):
            v = flat[offset + self.feature[node]]
            go_left = v <= self.threshold[node]
            m = self.missing[node]
            miss = ((m == MISSING_NAN) & np.isnan(v)) | ((m == MISSING_ZERO) & (np.abs(v) <= _ZERO))
            go_left = np.where(miss, self.default_left[node], go_left)
            node = np.where(go_left, self.left[node], self.right[node])
        return self.value[node].reshape(x.shape[0], -1, self.n_class).sum(axis=1)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        z = self.raw_scores(x)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def to_arrays(self, prefix: str = "tree_") -> dict[str, np.ndarray]:
        return {
            f"{prefix}feature": self.feature, f"{prefix}threshold": self.threshold,
            f"{prefix}left": self.left, f"{prefix}right": self.right, f"{prefix}value": self.value,
            f"{prefix}default_left": self.default_left, f"{prefix}missing": self.missing,
            f"{prefix}roots": self.roots, f"{prefix}meta": np.array([self.depth, self.n_class], np.int64),
        }

    @classmethod
    def from_arrays(cls, arrays: Any, prefix: str = "tree_") -> "TreeEnsemble":
        depth, n_class = (int(v) for v in arrays[f"{prefix}meta"])
        return cls(
            feature=arrays[f"{prefix}feature"].astype(np.int32), threshold=arrays[f"{prefix}threshold"],
            left=arrays[f"{prefix}left"].astype(np.int32), right=arrays[f"{prefix}right"].astype(np.int32),
            value=arrays[f"{prefix}value"], default_left=arrays[f"{prefix}default_left"].astype(bool),
            missing=arrays[f"{prefix}missing"].astype(np.int8), roots=arrays[f"{prefix}roots"].astype(np.int32),
            depth=depth, n_class=n_class,
        )


def from_lightgbm_dump(dump: dict[str, Any]) -> TreeEnsemble:
    """Arrays from `lightgbm.Booster.dump_model()` (numerical splits only)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    default_left: list[bool] = []
    missing: list[int] = []
    roots: list[int] = []
    max_depth = 0

    def add(node: dict[str, Any], depth: int) -> int:
        nonlocal max_depth
        i = len(feature)
        feature.append(0)
        threshold.append(np.inf)
        left.append(i)
        right.append(i)
        value.append(0.0)
        default_left.append(True)
        missing.append(MISSING_NONE)
        if "split_index" not in node:
            value[i] = float(node["leaf_value"])
            max_depth = max(max_depth, depth)
            return i
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r} (categorical features are not used)")
        feature[i] = int(node["split_feature"])
        threshold[i] = float(node["threshold"])
        default_left[i] = bool(node.get("default_left", True))
        missing[i] = _MISSING.get(str(node.get("missing_type", "None")), MISSING_NONE)
        left[i] = add(node["left_child"], depth + 1)
        right[i] = add(node["right_child"], depth + 1)
        return i

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    return TreeEnsemble(
        feature=np.array(feature, np.int32), threshold=np.array(threshold, np.float64),
        left=np.array(left, np.int32), right=np.array(right, np.int32), value=np.array(value, np.float64),
        default_left=np.array(default_left, bool), missing=np.array(missing, np.int8),
        roots=np.array(roots, np.int32), depth=max_depth, n_class=int(dump.get("num_class", 1)),
    )
