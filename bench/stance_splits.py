"""Repeated hold-out: the stance model and the headline head retrained on other story splits.

Why: one held-out part is 38 FNC-1 stories and 39 Emergent claims, and its 95 % bootstrap
intervals are about +-0.05 wide (`counterpoint eval fnc1|emergent` print them), so one
split cannot tell 0.78 from 0.82. Retraining on several seeded splits (each holds out a
different fifth of the stories) and averaging the held-out figures gives a steadier
estimate of how the same recipe does on unseen stories and claims.

    python bench/stance_splits.py ../shared/eval --seeds 0 1 2 3 4 --out /tmp/stance-splits

Per seed (lexical variant; about 4 minutes a seed on 2 cores): `train stance --seed S`,
`train headline-stance --model <that model>`, then both evals on that model's unseen rows.
With `--embeddings` the embeddings variant is trained and scored on the same split too,
with its gain over the lexical one (paired: same split, same rows).
Prints one JSON line per seed, then the means and standard deviations.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

FNC1_FIGURES = ("fnc1_relative", "fnc1_relative_at_fnc1_mix", "fnc1_relative_unseen_headlines", "disagree_f1")
FIGURES = (*FNC1_FIGURES, "emergent_accuracy", "emergent_macro_f1", "embeddings_fnc1_relative", "embeddings_gain")


def one_split(data: Path, out: Path, seed: int, embeddings: bool = False) -> dict[str, float]:
    from counterpoint.eval.emergent import evaluate_emergent
    from counterpoint.eval.fnc1 import evaluate_fnc1
    from counterpoint.train.headline_stance import train_headline_stance
    from counterpoint.train.stance import train_stance

    train_stance(data, out, seed=seed, embeddings=embeddings)
    train_headline_stance(data, out, seed=seed, model_dir=out)
    fnc = evaluate_fnc1(data / "fnc1", model_dir=out, variant="lexical")
    emergent = evaluate_emergent(data / "emergent", model_dir=out, head_dir=out)
    row = {"seed": seed, "fnc1_scored": fnc["scored"], "emergent_scored": emergent["scored"],
           "emergent_claims": emergent["claims_scored"],
           **{k: fnc.get(k) for k in FNC1_FIGURES},
           "emergent_accuracy": emergent.get("accuracy"), "emergent_macro_f1": emergent.get("macro_f1")}
    if embeddings:  # the same split's embeddings variant, and its gain over the lexical one
        emb = evaluate_fnc1(data / "fnc1", model_dir=out, variant="embeddings",
                            embedding_cache=Path(".cache/stance/embeddings.npz"))
        row["embeddings_fnc1_relative"] = emb.get("fnc1_relative")
        row["embeddings_gain"] = round(emb["fnc1_relative"] - fnc["fnc1_relative"], 4)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="the ../shared/eval folder")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--out", type=Path, required=True, help="a scratch folder for the models")
    ap.add_argument("--embeddings", action="store_true",
                    help="also train and score the embeddings variant (the extra; .cache/stance for encodings)")
    args = ap.parse_args()
    rows = []
    for seed in args.seeds:
        row = one_split(args.data, args.out / f"seed{seed}", seed, args.embeddings)
        rows.append(row)
        print(json.dumps(row), flush=True)
    summary = {}
    for key in FIGURES:
        values = [r[key] for r in rows if r.get(key) is not None]
        if values:
            summary[key] = {"mean": round(statistics.mean(values), 4),
                            "sd": round(statistics.stdev(values), 4) if len(values) > 1 else None}
    print(json.dumps({"seeds": args.seeds, **summary}))


if __name__ == "__main__":
    main()
