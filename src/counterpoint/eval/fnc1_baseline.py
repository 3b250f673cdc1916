"""A plain TF-IDF + logistic regression stance baseline on the shipped model's split.

Why: the relative score of a story split depends on its class mix (few unrelated pairs
survive the split), so a figure alone does not say how hard the split is. This is the
baseline `../shared/eval/README.md` quotes ("about 0.78 on unseen stories"), trained on
the pairs the shipped stance model trained or tuned on (both texts seen, by its stored
hashes) and scored on the pairs it never saw -- the rows `counterpoint eval fnc1` scores.

Model: one TF-IDF vocabulary (5,000 terms, English stop words, sublinear tf) fitted on
the training headlines and bodies; features = headline vector, body vector, and their
cosine; multinomial logistic regression. No tuning: it is a yardstick, not a product.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.errors import CounterpointError
from counterpoint.eval.fnc1 import FncRow, fnc1_metrics, load_fnc1

C = 10.0
MAX_FEATURES = 5000


def baseline_predictions(train: Sequence[FncRow], test: Sequence[FncRow], c: float = C) -> list[str]:
    """Fit the baseline on `train` (rows with gold stances) and predict `test`."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [r.stance for r in train]
    if not train or len(set(labels)) < 2 or None in labels:
        raise CounterpointError("the baseline needs training rows of at least two stances", reason="eval_data")
    vectorizer = TfidfVectorizer(max_features=MAX_FEATURES, stop_words="english", sublinear_tf=True)
    vectorizer.fit([r.headline for r in train] + list({r.body_id: r.body for r in train}.values()))

    def features(rows: Sequence[FncRow]) -> Any:
        heads = vectorizer.transform([r.headline for r in rows])
        bodies = vectorizer.transform([r.body for r in rows])
        cosine = np.asarray(heads.multiply(bodies).sum(axis=1))
        return sp.hstack([heads, bodies, sp.csr_matrix(cosine)]).tocsr()

    model = LogisticRegression(C=c, max_iter=2000).fit(features(train), labels)
    return [str(p) for p in model.predict(features(test))] if test else []


def evaluate_baseline(folder: Path, model_dir: Path | None = None) -> dict[str, Any]:
    """Train on the rows the stance model saw, score the rows it never saw."""
    from counterpoint.stance.model import load_model

    rows = [r for r in load_fnc1(folder) if r.stance is not None]
    model = load_model(model_dir)
    head_seen = model.is_seen([r.headline for r in rows])
    body_seen = model.is_seen([r.body for r in rows])
    train = [r for r, h, b in zip(rows, head_seen, body_seen) if h and b]
    test = [r for r, h, b in zip(rows, head_seen, body_seen) if not h and not b]
    if not test:
        raise CounterpointError(f"no row of {folder} is unseen by the stance model", reason="eval_data")
    result: dict[str, Any] = {"task": "fnc1", "variant": "baseline tfidf+lr", "train_rows": len(train),
                              "scored": len(test)}
    result.update(fnc1_metrics([r.stance for r in test], baseline_predictions(train, test)))  # type: ignore[misc]
    return result
