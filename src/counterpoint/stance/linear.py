"""A linear bag-of-words stance scorer whose outputs feed the trees (stacking).

Why: the pair features say *whether* a body talks about the headline; which words a
body (and its lead) uses to talk about it ("confirmed", "reportedly", "if true",
"a spokesman denied") separate agree / discuss / disagree better than any short cue
list. A multinomial logistic regression over the TF-IDF of the headline, the body and
the body's lead (first sentences), in three blocks over the training vocabulary,
scores the three related classes; its log-probabilities become three more features.
One such model per pair kind: article bodies (FNC-1) and other headlines (Emergent),
whose wording differs too much to share weights.

At training time (train/stance.py) the scores of training pairs are out-of-fold (folds
by story), so the trees learn how far to trust them on unseen stories. At run time it
is a sparse matrix times a dense weight matrix (numpy/scipy only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from counterpoint.stance.features import Vocabulary, pair_features

NAMES = ("lin_agree", "lin_disagree", "lin_discuss")


def pair_blocks(headlines: Sequence[str], bodies: Sequence[str], vocab: Vocabulary) -> sparse.csr_matrix:
    """[headline TF-IDF | body TF-IDF | lead TF-IDF] over the known vocabulary, one row per pair
    (computed with the pair features; use `pair_features(..., with_blocks=True)` for both)."""
    return pair_features(headlines, bodies, vocab, with_blocks=True)[1]


@dataclass(frozen=True)
class LinearStance:
    coef: np.ndarray  # (3 * V, 3)
    intercept: np.ndarray  # (3,)

    def scores(self, blocks: sparse.csr_matrix) -> np.ndarray:
        """Log-probabilities of agree / disagree / discuss, (n, 3)."""
        z = np.asarray(blocks @ self.coef.astype(np.float32)) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        return (z - np.log(np.exp(z).sum(axis=1, keepdims=True))).astype(np.float32)

    def to_arrays(self, prefix: str = "linear_") -> dict[str, np.ndarray]:
        return {f"{prefix}coef": self.coef.astype(np.float16), f"{prefix}intercept": self.intercept.astype(np.float32)}

    @classmethod
    def from_arrays(cls, arrays, prefix: str = "linear_") -> "LinearStance":  # noqa: ANN001 - an NpzFile or a dict
        return cls(arrays[f"{prefix}coef"].astype(np.float32), arrays[f"{prefix}intercept"].astype(np.float32))

    @classmethod
    def fit(cls, blocks: sparse.csr_matrix, y: np.ndarray, weight: np.ndarray | None = None, c: float = 1.0,
            seed: int = 0) -> "LinearStance":
        """Multinomial logistic regression (scikit-learn, training only) on related rows (y in 0..2)."""
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=c, max_iter=300, random_state=seed)
        lr.fit(blocks, y, sample_weight=weight)
        coef = np.zeros((blocks.shape[1], 3), np.float32)
        intercept = np.full(3, -30.0, np.float32)  # a class missing from y is never predicted
        if len(lr.classes_) == 2:  # one weight vector: class 1 against class 0
            a, b = (int(c_) for c_ in lr.classes_)
            coef[:, b], intercept[a], intercept[b] = lr.coef_[0], 0.0, lr.intercept_[0]
        else:
            for k, cls_ in enumerate(lr.classes_):
                coef[:, int(cls_)], intercept[int(cls_)] = lr.coef_[k], lr.intercept_[k]
        return cls(coef, intercept)
