"""`counterpoint eval emergent`: the stance model on an Emergent-format folder.

Reads `emergent.csv` (id, claimHeadline, articleHeadline, articleHeadlineStance,
articleId, claimId, official_split), scores each (claim, article headline) pair with the
shipped stance model as a headline pair (for / against / observing = agree / disagree /
discuss), and scores **only rows the model never saw**: a row is excluded when its claim
headline or its article headline (normalised, hashed) was used to train or tune the
model. (Emergent's article headlines are often FNC-1 headlines, so both count.)

Metrics: accuracy, macro-F1, per-class P/R/F1, confusion, a 95 % bootstrap interval of
the accuracy over whole claims (eval/bootstrap.py); `accuracy=...` last.
`--out` writes `id,articleHeadlineStance` for every row.

Scorer: `use_head=False` forces the stance model's headline path; otherwise
`counterpoint.stance.headline.route_headline` decides, the same rule `predict_stance`
follows: in order, the stance model's trees for the embeddings variant; the head in
`head_dir` where given; the stance model's trees for an explicit `model_dir`; the
packaged head where one ships; else the stance model's headline path.
With the head, a row counts as seen when either the head or the stance model trained on
its claim or its headline; on a never-seen folder every row counts.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterpoint.errors import CounterpointError
from counterpoint.eval.bootstrap import DRAWS, accuracy_interval
from counterpoint.eval.fnc1 import classification_report, predict_pairs
from counterpoint.eval.predictions import write_csv

EMERGENT_LABELS = ("for", "against", "observing")
TO_FNC = {"for": "agree", "against": "disagree", "observing": "discuss"}
FROM_FNC = {v: k for k, v in TO_FNC.items()}


@dataclass(frozen=True)
class EmergentRow:
    id: str
    claim: str
    headline: str
    stance: str | None
    claim_id: str
    official_split: str


def load_emergent(folder: Path) -> list[EmergentRow]:
    path = Path(folder) / "emergent.csv"
    if not path.exists():
        raise CounterpointError(f"{folder} is not an Emergent folder: emergent.csv missing")
    with path.open(newline="", encoding="utf-8") as f:
        return [
            EmergentRow(r["id"], r["claimHeadline"], r["articleHeadline"],
                        (r.get("articleHeadlineStance") or "").strip().lower() or None,
                        r.get("claimId", ""), r.get("official_split", ""))
            for r in csv.DictReader(f)
        ]


def write_predictions(path: Path, rows: Sequence[EmergentRow], labels: Sequence[str]) -> None:
    write_csv(path, ["id", "articleHeadlineStance"], ([r.id, lab] for r, lab in zip(rows, labels)))


def evaluate_emergent(folder: Path, out: Path | None = None, model_dir: Path | None = None,
                      variant: str | None = None, include_seen: bool = False,
                      embedding_cache: Path | None = None, head_dir: Path | None = None,
                      use_head: bool = True) -> dict[str, Any]:
    """Predict every row; score the unseen ones (all rows with `include_seen`).
    See the module docstring for which scorer runs."""
    from counterpoint.stance.headline import HEAD_LABELS, route_headline
    from counterpoint.stance.model import LABELS

    rows = load_emergent(folder)
    claims, headlines = [r.claim for r in rows], [r.headline for r in rows]
    head = route_headline(variant, model_dir is not None, head_dir) if use_head else None
    if head is not None:
        from counterpoint.stance.model import load_model

        t0 = time.perf_counter()
        probs = head.predict_proba(claims, headlines)
        seconds = time.perf_counter() - t0
        predicted = [FROM_FNC[HEAD_LABELS[i]] for i in probs.argmax(axis=1)]
        seen = head.is_seen(claims) | head.is_seen(headlines)
        try:
            base = load_model(model_dir)
            seen |= base.is_seen(claims) | base.is_seen(headlines)
        except CounterpointError:  # no stance model shipped: only the head's own texts count
            pass
        scorer, used, pps = "headline-head", "lexical", round(len(rows) / seconds, 1) if seconds else None
    else:
        run = predict_pairs(claims, headlines, kind="headline", model_dir=model_dir, variant=variant,
                            embedding_cache=embedding_cache)
        # headline pairs are never "unrelated": the best of agree / disagree / discuss
        predicted = [FROM_FNC[LABELS[i]] for i in run.probabilities[:, :3].argmax(axis=1)]
        seen, scorer, used, pps = run.seen, "stance-model", run.variant, run.pairs_per_second()
    if out is not None:
        write_predictions(Path(out), rows, predicted)
    keep = [i for i, r in enumerate(rows) if r.stance in EMERGENT_LABELS and (include_seen or not seen[i])]
    result: dict[str, Any] = {
        "task": "emergent", "scorer": scorer, "variant": used, "rows": len(rows),
        "excluded_seen": int(seen.sum()) if not include_seen else 0, "scored": len(keep),
        "claims_scored": len({rows[i].claim_id for i in keep}),
        "pairs_per_second": pps,
    }
    if keep:
        report = classification_report([rows[i].stance for i in keep], [predicted[i] for i in keep],  # type: ignore[misc]
                                       EMERGENT_LABELS)
        result.update(report)
        claims = [rows[i].claim_id for i in keep]
        result["accuracy_interval_95"] = list(accuracy_interval(
            [rows[i].stance for i in keep], [predicted[i] for i in keep], claims))  # type: ignore[misc]
        result["interval"] = f"bootstrap over claims ({len(set(claims))}), {DRAWS} draws"
    return result


def format_report(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2) + f"\naccuracy={result.get('accuracy', 0.0)}"
