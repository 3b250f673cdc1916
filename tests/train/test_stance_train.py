"""`counterpoint train stance` on a small fictional dataset: split, export, card, hashes."""

from __future__ import annotations

import csv
import json
import zlib
from pathlib import Path

import numpy as np
import pytest

PLACES = ["Arlen", "Brask", "Corvo", "Dellin", "Emsby", "Farrow", "Gisla", "Holt", "Ivers", "Jorvik", "Kelda", "Lusk"]
THINGS = ["bridge", "museum", "harbour", "library", "stadium", "tower", "market", "station", "garden", "school", "mill", "dam"]


def _story(i: int) -> tuple[str, dict[str, tuple[str, str]]]:
    p, t = PLACES[i], THINGS[i]
    head = f"{p} {t} to be rebuilt after storm"
    bodies = {
        "agree": f"Officials in {p} confirmed the {t} will be rebuilt. Work on the {t} starts in May. The council approved the plan.",
        "disagree": f"Reports that the {p} {t} will be rebuilt are false, the council said. Officials denied any plan. No money has been set aside.",
        "discuss": f"The {p} {t} may be rebuilt, according to unconfirmed reports. It is not clear whether the council will agree. A vote could come later.",
    }
    return head, {lab: (f"{i * 10 + k}", text) for k, (lab, text) in enumerate(bodies.items())}


def write_dataset(root: Path) -> Path:
    (root / "fnc1").mkdir(parents=True)
    (root / "emergent").mkdir()
    (root / "story_clusters_fnc1").mkdir()
    stories = [_story(i) for i in range(len(PLACES))]
    stances, bodies, docs, emergent = [], [], [], []
    for i, (head, b) in enumerate(stories):
        sid = f"s{i:02d}"
        docs.append([sid, "headline", f"headline:{i}", head])
        for lab, (bid, text) in b.items():
            bodies.append([bid, text])
            docs.append([sid, "body", f"body:{bid}", text])
            stances.append([head, bid, lab])
        other = stories[(i + 1) % len(stories)][1]["agree"][0]
        stances.append([head, other, "unrelated"])
        claim = f"{PLACES[i]} {THINGS[i]} will be rebuilt"
        for k, (lab, art) in enumerate([("for", f"{PLACES[i]} confirms {THINGS[i]} rebuild"),
                                        ("against", f"{PLACES[i]} {THINGS[i]} rebuild story is false"),
                                        ("observing", f"{PLACES[i]} {THINGS[i]} may be rebuilt, reports say")]):
            emergent.append([f"{i}{k}", claim, art, lab, f"a{i}{k}", f"c{i}", "train"])
    for name, header, rows in [("fnc1/stances.csv", ["Headline", "Body ID", "Stance"], stances),
                               ("fnc1/bodies.csv", ["Body ID", "articleBody"], bodies),
                               ("story_clusters_fnc1/documents.csv", ["story_id", "doc_type", "doc_id", "text"], docs),
                               ("emergent/emergent.csv", ["id", "claimHeadline", "articleHeadline", "articleHeadlineStance",
                                                          "articleId", "claimId", "official_split"], emergent)]:
        with (root / name).open("w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
    return root


@pytest.mark.slow
def test_train_stance_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("lightgbm")
    pytest.importorskip("sklearn")
    from counterpoint.eval.fnc1 import evaluate_fnc1
    from counterpoint.stance.model import load_model
    from counterpoint.train.stance import train_stance

    data = write_dataset(tmp_path / "data")
    out = tmp_path / "model"
    meta = train_stance(data, out, seed=3, embeddings=False, cache_dir=tmp_path / "cache")
    assert (out / "stance.npz").exists() and (out / "MODEL_CARD.md").exists()
    assert (out / "stance.npz").stat().st_size < 20_000_000
    with np.load(out / "stance.npz", allow_pickle=False) as z:  # safe format: no object arrays
        assert all(z[k].dtype != object for k in z.files)
    assert meta["training"]["lexical"]["walker_max_abs_diff"] < 1e-6
    cv = meta["training"]["lexical"]["cross_validation"]
    assert cv and meta["training"]["lexical"]["rounds"] in [c["rounds"] for c in cv]
    split = meta["split"]
    assert split["train"]["fnc1_pairs"] > 0 and split["test"]["fnc1_pairs"] > 0
    card = (out / "MODEL_CARD.md").read_text()
    assert "counterpoint train stance" in card and "Held-out" in card
    # Evaluation on the same folder skips exactly the train + tune texts.
    result = evaluate_fnc1(data / "fnc1", model_dir=out, variant="lexical")
    assert result["scored"] == split["test"]["fnc1_pairs"]
    assert result["excluded_seen"] == result["rows"] - result["scored"]
    model = load_model(out)
    assert json.loads((out / "model.json").read_text())["variants"] == ["lexical"]
    assert model.is_seen(["Arlen bridge to be rebuilt after storm"]).dtype == bool


@pytest.mark.parametrize(
    ("groups", "folds"),
    [(["a", "a", "b", "c", "c", "d", "e"], 3), ([f"s{i % 7}" for i in range(40)], 5), (["x", "y"], 2)],
)
def test_group_folds_keep_each_group_in_one_fold(groups: list[str], folds: int) -> None:
    from counterpoint.train.stance import group_folds

    fold = group_folds(np.array(groups), seed=1, folds=folds)
    by_group: dict[str, set[int]] = {}
    for g, f in zip(groups, fold.tolist()):
        by_group.setdefault(g, set()).add(f)
    assert all(len(f) == 1 for f in by_group.values())  # a story never straddles folds
    assert len(set(fold.tolist())) == min(folds, len(set(groups)))
    assert (group_folds(np.array(groups), seed=1, folds=folds) == fold).all()  # seeded


@pytest.mark.slow
def test_train_stance_with_embeddings_keeps_the_lexical_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The embeddings variant (fake encoder: hashed bag of words) trains its heads, ships
    them, scores through `predict_stance`; the lexical trees are the same bytes as a
    lexical-only run with the same seed."""
    pytest.importorskip("lightgbm")
    pytest.importorskip("sklearn")
    from counterpoint.stance import embed
    from counterpoint.stance.model import load_model, predict_stance
    from counterpoint.stance.text import tokens
    from counterpoint.train.stance import train_stance

    def fake_encode(texts, batch_size: int = 64) -> np.ndarray:  # noqa: ANN001 - mirrors shared.encode
        out = np.zeros((len(texts), embed.DIM), np.float32)
        for i, t in enumerate(texts):
            for w in tokens(t):
                out[i, zlib.crc32(w.encode()) % embed.DIM] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)

    monkeypatch.setattr(embed.shared, "encode", fake_encode)
    monkeypatch.setattr(embed, "available", lambda: True)
    # The shipped choice trains no heads; ask for them here so their path runs end to end.
    monkeypatch.setattr("counterpoint.train.stance.EMBEDDING_NAMES", embed.NAMES[:3] + embed.HEAD_NAMES)
    data = write_dataset(tmp_path / "data")
    meta = train_stance(data, tmp_path / "both", seed=3, embeddings=True, cache_dir=tmp_path / "cache")
    train_stance(data, tmp_path / "lex", seed=3, embeddings=False, cache_dir=tmp_path / "cache")
    assert json.loads((tmp_path / "both" / "model.json").read_text())["variants"] == ["embeddings", "lexical"]
    assert meta["embedding_feature_names"] == list(embed.NAMES[:3] + embed.HEAD_NAMES)
    both, lex = load_model(tmp_path / "both"), load_model(tmp_path / "lex")
    assert set(both.heads) == {"body", "headline"} and not lex.heads
    a, b = both.trees["lexical"].to_arrays(), lex.trees["lexical"].to_arrays()
    assert all(np.array_equal(a[k], b[k]) for k in a)
    lex_figures = json.loads((tmp_path / "lex" / "model.json").read_text())["figures"]["lexical"]["fnc1"]
    for key in ("fnc1_relative", "confusion", "scored"):
        assert meta["figures"]["lexical"]["fnc1"][key] == lex_figures[key]
    preds = predict_stance([("Arlen bridge to be rebuilt after storm", "Officials in Arlen confirmed the bridge will be rebuilt.")],
                           variant="embeddings", model=both)
    assert preds[0].variant == "embeddings" and preds[0].produced_by == "stance.gbm-embeddings/1"
    assert (tmp_path / "cache" / "embeddings.npz").exists()
