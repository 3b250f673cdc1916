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

    def raw_scores(self, x: np.ndarray, chunk: int = 4096) -> np.ndarray:
        """(n, n_class) margins; softmax them for probabilities."""
        x = np.asarray(x, dtype=np.float64)
        out = np.zeros((x.shape[0], self.n_class), np.float64)
        has_missing = bool((self.missing != MISSING_NONE).any())
        for lo in range(0, x.shape[0], chunk):
            xs = x[lo : lo + chunk]
            flat = np.ascontiguousarray(xs).ravel()
            offset = (np.arange(xs.shape[0]) * xs.shape[1])[:, None]
            node = np.broadcast_to(self.roots, (xs.shape[0], len(self.roots))).copy()
            for _ in range(self.depth):
                v = flat[offset + self.feature[node]]
                go_left = v <= self.threshold[node]
                if has_missing:
                    m = self.missing[node]
                    miss = ((m == MISSING_NAN) & np.isnan(v)) | ((m == MISSING_ZERO) & (np.abs(v) <= _ZERO))
                    go_left = np.where(miss, self.default_left[node], go_left)
                node = np.where(go_left, self.left[node], self.right[node])
            leaf = self.value[node]
            out[lo : lo + chunk] = leaf.reshape(xs.shape[0], -1, self.n_class).sum(axis=1)
        return out

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
