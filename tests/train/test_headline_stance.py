"""`train headline-stance`: claim folds, the fit, the split that follows the stance model,
the end-to-end run on a tiny folder, the CLI command; the held-out gate on Emergent."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from counterpoint.cli import main  # noqa: E402
from counterpoint.eval.emergent import load_emergent  # noqa: E402
from counterpoint.stance.features import Vocabulary  # noqa: E402
from counterpoint.stance.headline import HEAD_LABELS, load_head  # noqa: E402
from counterpoint.stance.linear import LinearStance  # noqa: E402
from counterpoint.stance.model import save_model  # noqa: E402
from counterpoint.stance.text import text_hashes  # noqa: E402
from counterpoint.stance.trees import from_lightgbm_dump  # noqa: E402
from counterpoint.train.headline_stance import (  # noqa: E402
    choose_blend,
    cross_validate,
    fit_head,
    fit_trees,
    out_of_fold,
    train_headline_stance,
    training_claims,
)

HEADER = ["id", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId", "official_split"]
# Fictional claims; each gets an asserting, a refuting and a hedging headline.
STORIES = [
    ("c1", "A giant eel was found in Lake Ormsby", "Giant eel pulled from Lake Ormsby",
     "Lake Ormsby eel photo is a hoax", "Report: giant eel may live in Lake Ormsby"),
    ("c2", "The Dunmore baker sold a gold loaf", "Dunmore baker sells gold loaf",
     "Gold loaf story is fake, Dunmore baker says", "Dunmore baker reportedly sold gold loaf?"),
    ("c3", "Mayor Brill of Tarsk resigned", "Tarsk mayor Brill resigns",
     "Brill denies resigning, calls rumor false", "Tarsk mayor Brill could resign, sources claim"),
    ("c4", "A comet will pass over Velm", "Comet passes over Velm tonight",
     "No, a comet is not passing over Velm", "Astronomers say comet may pass over Velm"),
    ("c5", "Ferry service to Isle Quon ends", "Isle Quon ferry service ends",
     "Quon ferry is not ending, operator insists", "Quon ferry may end, report claims"),
]
STANCES = ("for", "against", "observing")


def write_folder(folder: Path) -> Path:
    (folder / "emergent").mkdir(parents=True, exist_ok=True)
    with (folder / "emergent" / "emergent.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        i = 0
        for cid, claim, *heads in STORIES:
            for head, stance in zip(heads, STANCES):
                w.writerow([str(i), claim, head, stance, f"a{i}", cid, "train"])
                i += 1
    return folder


def base_model(folder: Path, seen: list[str]) -> Path:
    """A stance model that only matters for its seen hashes (the head's split)."""
    vocab = Vocabulary.fit([s[1] for s in STORIES], min_df=1)
    zero = LinearStance(np.zeros((3 * len(vocab.idf), 3), np.float32), np.zeros(3, np.float32))
    dump = {"num_class": 4, "tree_info": [{"tree_structure": {"leaf_value": 0.0}}] * 4}
    save_model(folder, vocab, {"body": zero, "headline": zero}, {"lexical": from_lightgbm_dump(dump)},
               text_hashes(seen), {"name": "tiny"})
    return folder


def test_fit_head_learns_the_wording_and_stores_hashes() -> None:
    claims = [s[1] for s in STORIES for _ in STANCES]
    heads = [h for s in STORIES for h in s[2:]]
    y = np.array([0, 1, 2] * len(STORIES))
    head = fit_head(claims, heads, y, c=10.0, min_df=1)
    assert (head.predict_proba(claims, heads).argmax(axis=1) == y).mean() >= 0.9
    assert head.is_seen(claims + heads).all() and not head.is_seen(["A sentence never used"]).any()
    # unseen claim, same wording patterns
    p = head.predict_proba(["The Kell bridge collapsed"] * 2, ["Kell bridge collapse is a hoax", "Report: Kell bridge may have collapsed"])
    assert [HEAD_LABELS[i] for i in p.argmax(axis=1)] == ["disagree", "discuss"]


def test_cross_validate_reports_both_figures() -> None:
    claims = [s[1] for s in STORIES for _ in STANCES]
    heads = [h for s in STORIES for h in s[2:]]
    y = np.array([0, 1, 2] * len(STORIES))
    groups = [s[0] for s in STORIES for _ in STANCES]
    score = cross_validate(claims, heads, y, groups, {"c": 10.0, "min_df": 1, "balanced": False}, folds=5)
    assert set(score) == {"cv_accuracy", "cv_macro_f1"} and 0.0 <= score["cv_accuracy"] <= 1.0


def _table() -> tuple[list[str], list[str], np.ndarray, list[str]]:
    claims = [s[1] for s in STORIES for _ in STANCES]
    heads = [h for s in STORIES for h in s[2:]]
    return claims, heads, np.array([0, 1, 2] * len(STORIES)), [s[0] for s in STORIES for _ in STANCES]


def test_fit_head_cue_weight_scales_the_cue_block() -> None:
    claims, heads, y, _ = _table()
    head = fit_head(claims, heads, y, c=1.0, min_df=1, cue_weight=0.3)
    assert head.cue_weight == 0.3
    x = head.design(claims[:1], heads[:1]).toarray()[0, len(head.terms):]
    full = fit_head(claims, heads, y, c=1.0, min_df=1).design(claims[:1], heads[:1]).toarray()[0, len(head.terms):]
    np.testing.assert_allclose(x, 0.3 * full)


def test_fit_trees_and_out_of_fold() -> None:
    pytest.importorskip("lightgbm")
    claims, heads, y, groups = _table()
    # repeat the table so the trees have enough rows for a split (min 20 per leaf)
    trees = fit_trees(claims * 4, heads * 4, np.tile(y, 4))
    assert trees.n_class == 3
    p = out_of_fold(claims, heads, y, groups, None, folds=5)
    assert p.shape == (15, 3) and np.allclose(p.sum(axis=1), 1.0)
    q = out_of_fold(claims, heads, y, groups, {"c": 10.0, "min_df": 1, "balanced": False}, folds=5)
    assert q.shape == (15, 3) and np.allclose(q.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("p_trees_right", "expected"),
    [
        (True, 0.3),  # the trees fix every row from 0.3 on: ties go to the smaller weight
        (False, 0.0),  # the trees are wrong everywhere: the regression alone
    ],
)
def test_choose_blend(p_trees_right: bool, expected: float) -> None:
    y = np.array([0, 1, 2, 0])
    p_lr = np.array([[0.6, 0.3, 0.1], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.7, 0.2, 0.1]])
    p_tr = np.eye(3)[y if p_trees_right else (y + 1) % 3]
    w, table = choose_blend(y, p_lr, p_tr)
    assert w == expected and [r["tree_weight"] for r in table] == [0.0, 0.2, 0.3, 0.4, 0.5, 0.6]


def test_training_claims_follow_the_stance_model(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data")
    model = base_model(tmp_path / "model", seen=[STORIES[0][1], STORIES[2][1]])
    rows = load_emergent(data / "emergent")
    mask = training_claims(rows, data, model)
    assert {r.claim_id for r, m in zip(rows, mask) if m} == {"c1", "c3"}


def test_train_end_to_end_and_eval_skips_its_texts(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data")
    model = base_model(tmp_path / "model", seen=[s[1] for s in STORIES[:4]])
    out = tmp_path / "head"
    grid = [{"c": 10.0, "min_df": 1, "balanced": False}, {"c": 1.0, "min_df": 1, "balanced": False}]
    meta = train_headline_stance(data, out, seed=0, grid=grid, model_dir=model)
    assert {p.name for p in out.iterdir()} == {"headline.npz", "headline.json", "headline.md"}
    assert meta["train"] == {"rows": 12, "claims": 4} and meta["held_out"] == {"rows": 3, "claims": 1}
    fig = meta["held_out_figures"]
    assert fig["scored"] == 3 and fig["claims_scored"] == 1 and fig["excluded_seen"] == 12
    assert len(meta["grid"]) == 2 and {k: v for k, v in meta["chosen"].items() if k != "cue_weight"} in grid
    assert [b["tree_weight"] for b in meta["blend"]] == [0.0, 0.2, 0.3, 0.4, 0.5, 0.6]
    assert 0.0 <= meta["chosen_tree_weight"] <= 0.6 and "cv_accuracy" in meta["trees"]
    head = load_head(out)
    assert head is not None and head.is_seen([STORIES[0][2]]).all() and not head.is_seen([STORIES[4][2]]).any()
    card = (out / "headline.md").read_text()
    assert "counterpoint train headline-stance" in card and str(fig["accuracy"]) in card


def test_cli_train_headline_stance(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import counterpoint.train.headline_stance as trainer

    data = write_folder(tmp_path / "data")
    model = base_model(tmp_path / "model", seen=[s[1] for s in STORIES[:4]])
    monkeypatch.setattr(trainer, "GRID", ({"c": 10.0, "min_df": 1, "balanced": False},))
    real = trainer.train_headline_stance
    monkeypatch.setattr(trainer, "train_headline_stance",
                        lambda d, o, seed=0, model_dir=None: real(d, o, seed=seed, grid=trainer.GRID,
                                                                  model_dir=model_dir))
    assert main(["train", "headline-stance", str(data), "--out", str(tmp_path / "head"),
                 "--model", str(model)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["held_out_figures"]["scored"] == 3


@pytest.mark.slow
@pytest.mark.shared
def test_packaged_head_matches_its_card(eval_dir: Path) -> None:
    """The shipped head's stored held-out figure is what `eval emergent` measures now."""
    from counterpoint.eval.emergent import evaluate_emergent

    head = load_head()
    if head is None:
        pytest.skip("no packaged headline head yet")
    result = evaluate_emergent(eval_dir / "emergent")
    assert result["scorer"] == "headline-head"
    assert result["accuracy"] == pytest.approx(head.meta["held_out_figures"]["accuracy"], abs=1e-4)
