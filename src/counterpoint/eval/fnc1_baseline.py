"""A plain TF-IDF + logistic regression stance baseline on the shipped model's split.

Why: the relative score of a story split depends on its class mix (few unrelated pairs
survive the split), so a figure alone does not say how hard the split is. This is the
baseline `../shared/eval/README.md` quotes ("about 0.78 on unseen stories"), trained on
the pairs the shipped stance model trained or tuned on (both texts seen, by its stored
hashes) and scored on the pairs it never saw -- the rows `counterpoint eval fnc1` scores.

Model: one TF-IDF vocabulary (5,000 terms, English stop words, sublinear tf) fitted on
the training headlines and bodies; features = headline vector, body vector, and their
cosine; multinomial logistic regression. No tuning: it is a yardstick, not a product.

`split_conventions` runs the same baseline under three ways of holding FNC-1 out, to tell
which convention a quoted figure was measured under (the README's "about 0.89" on a Body-ID
split and "about 0.78 on unseen stories"; the issue's 0.82 target sits between them):
- `body_id`: a fifth of the bodies held out, each pair follows its body (leaks headlines);
- `story_headline_side`: a fifth of the stories held out, each pair follows its headline's
  story, so the test part keeps FNC-1's class mix (its unrelated pairs pair an unseen
  headline with a body from any story);
- `story_both_sides`: a pair is held out only when its headline and its body both are --
  the convention `counterpoint eval fnc1` scores the shipped model under; it keeps about
  a fifth of the cross-story pairs, so unrelated pairs fall from 73 % to about a third of
  the rows and the relative score falls with them (`fnc1_relative_at_fnc1_mix` re-weights).
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


CONVENTIONS = ("body_id", "story_headline_side", "story_both_sides")


def split_conventions(folder: Path, stories: Path, seed: int = 0, held_out: float = 0.2) -> list[dict[str, Any]]:
    """The baseline's figures under each of CONVENTIONS (module docstring), one seeded cut.

    `stories` is story_clusters_fnc1's documents.csv. Training rows are the pairs whose
    headline and body are both on the training side, in every convention."""
    from counterpoint.eval.splits import load_story_ids
    from counterpoint.stance.text import normalise

    rows = [r for r in load_fnc1(folder) if r.stance is not None]
    body_story, head_story = load_story_ids(stories)
    rng = np.random.default_rng(seed)

    def cut(keys: Sequence[str]) -> set[str]:
        ordered = sorted(set(keys))
        return {ordered[i] for i in rng.permutation(len(ordered))[: round(held_out * len(ordered))]}

    test_bodies = cut([str(r.body_id) for r in rows])
    test_stories = cut(list(body_story.values()))
    head_out = [head_story.get(normalise(r.headline)) in test_stories for r in rows]
    body_out = [body_story.get(str(r.body_id)) in test_stories for r in rows]
    splits = {
        "body_id": ([str(r.body_id) not in test_bodies for r in rows], [str(r.body_id) in test_bodies for r in rows]),
        "story_headline_side": ([not h and not b for h, b in zip(head_out, body_out)], head_out),
        "story_both_sides": ([not h and not b for h, b in zip(head_out, body_out)],
                             [h and b for h, b in zip(head_out, body_out)]),
    }
    out = []
    for name in CONVENTIONS:
        train_mask, test_mask = splits[name]
        train = [r for r, t in zip(rows, train_mask) if t]
        test = [r for r, t in zip(rows, test_mask) if t]
        metrics = fnc1_metrics([r.stance for r in test], baseline_predictions(train, test))  # type: ignore[misc]
        out.append({"convention": name, "train_rows": len(train), "scored": len(test),
                    "unrelated_share": round(sum(r.stance == "unrelated" for r in test) / len(test), 3),
                    "fnc1_relative": metrics["fnc1_relative"],
                    "fnc1_relative_at_fnc1_mix": metrics["fnc1_relative_at_fnc1_mix"]})
    return out


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
