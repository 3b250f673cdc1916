"""`counterpoint eval emergent`: loading, the CLI end to end, seen-row exclusion, --out,
which scorer runs (the headline head or the stance model), the held-out gates."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from counterpoint.cli import main
from counterpoint.eval.emergent import evaluate_emergent, load_emergent
from counterpoint.stance.features import Vocabulary, feature_names, pair_features
from counterpoint.stance.headline import CUE_NAMES, HeadlineHead, fit_terms, save_head
from counterpoint.stance.linear import LinearStance
from counterpoint.stance.model import save_model
from counterpoint.stance.text import text_hashes
from counterpoint.stance.trees import from_lightgbm_dump

HEADER = ["id", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId", "official_split"]
ROWS = [
    ["0", "Giant eel found in Lake Ormsby", "Fishermen land giant eel in Lake Ormsby", "for", "a1", "c1", "train"],
    ["1", "Giant eel found in Lake Ormsby", "Lake Ormsby eel photo is a hoax, say rangers", "against", "a2", "c1", "train"],
    ["2", "Giant eel found in Lake Ormsby", "Reports of a giant eel in Lake Ormsby", "observing", "a3", "c1", "train"],
    ["3", "Baker in Dunmore sells gold loaf", "Dunmore baker's gold loaf sells out", "for", "a4", "c2", "test"],
]


def write_emergent(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "emergent.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(ROWS)
    return folder


def tiny_model(folder: Path, seen: list[str]) -> Path:
    """Hand-made trees: 'against' when the article headline has a refuting flag
    (hoax, fake, ...), else 'for'; a discuss tree that never wins."""
    texts = [r[1] for r in ROWS] + [r[2] for r in ROWS]
    vocab = Vocabulary.fit(texts, min_df=1)
    names = feature_names()
    hoax = names.index("lead_flag_hoax")
    leaf = lambda v: {"leaf_value": v}  # noqa: E731
    split = lambda f, t, a, b: {"split_index": 0, "split_feature": f, "threshold": t, "decision_type": "<=",  # noqa: E731
                                "default_left": True, "missing_type": "None", "left_child": a, "right_child": b}
    dump = {"num_class": 4, "tree_info": [
        {"tree_structure": split(hoax, 0.5, leaf(2.0), leaf(0.0))},
        {"tree_structure": split(hoax, 0.5, leaf(0.0), leaf(3.0))},
        {"tree_structure": leaf(0.0)},
        {"tree_structure": leaf(5.0)},  # unrelated: ignored for headline pairs
    ]}
    width = pair_features(["x"], ["y"], vocab, with_blocks=True)[1].shape[1]  # however many TF-IDF blocks
    zero = LinearStance(np.zeros((width, 3), np.float32), np.zeros(3, np.float32))
    save_model(folder, vocab, {"body": zero, "headline": zero}, {"lexical": from_lightgbm_dump(dump)},
               text_hashes(seen), {"name": "tiny"})
    return folder


def test_load(tmp_path: Path) -> None:
    rows = load_emergent(write_emergent(tmp_path / "em"))
    assert [r.stance for r in rows] == ["for", "against", "observing", "for"] and rows[3].claim_id == "c2"


def test_cli_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_emergent(tmp_path / "em")
    model = tiny_model(tmp_path / "model", seen=["Baker in Dunmore sells gold loaf"])
    pred = tmp_path / "pred.csv"
    assert main(["eval", "emergent", str(data), "--model", str(model), "--out", str(pred)]) == 0
    out = capsys.readouterr().out.strip()
    last = out.splitlines()[-1]
    result = json.loads(out[: out.rindex("\n")])
    assert last == f"accuracy={result['accuracy']}"
    assert result["excluded_seen"] == 1 and result["scored"] == 3 and result["claims_scored"] == 1
    # for, against right; observing predicted as for -> 2/3
    assert result["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    with pred.open(newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["id", "articleHeadlineStance"], ["0", "for"], ["1", "against"], ["2", "for"], ["3", "for"]]


def test_include_seen_scores_everything(tmp_path: Path) -> None:
    data = write_emergent(tmp_path / "em")
    model = tiny_model(tmp_path / "model", seen=["Baker in Dunmore sells gold loaf"])
    result = evaluate_emergent(data, model_dir=model, include_seen=True)
    assert result["scored"] == 4 and result["excluded_seen"] == 0


def hand_head(folder: Path, seen: list[str]) -> Path:
    """A head that says 'observing' when the headline has "reports", else 'for'."""
    terms = fit_terms([r[1] for r in ROWS], [r[2] for r in ROWS], min_df=1)
    coef = np.zeros((len(terms) + len(CUE_NAMES), 3))
    coef[terms["reports"], 2] = 10.0
    save_head(folder, HeadlineHead(terms=terms, cue_mean=np.zeros(len(CUE_NAMES)), cue_scale=np.ones(len(CUE_NAMES)),
                                   coef=coef, intercept=np.array([1.0, 0.0, 0.0]), seen=text_hashes(seen),
                                   meta={"name": "hand"}))
    return folder


def test_cli_with_head(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_emergent(tmp_path / "em")
    model = tiny_model(tmp_path / "model", seen=["Baker in Dunmore sells gold loaf"])
    head = hand_head(tmp_path / "head", seen=["Fishermen land giant eel in Lake Ormsby"])
    pred = tmp_path / "pred.csv"
    assert main(["eval", "emergent", str(data), "--model", str(model), "--head", str(head), "--out", str(pred)]) == 0
    out = capsys.readouterr().out.strip()
    result = json.loads(out[: out.rindex("\n")])
    assert result["scorer"] == "headline-head"
    # row 0 seen by the head, row 3 by the stance model: rows 1 (for, wrong) and 2 (observing, right)
    assert result["excluded_seen"] == 2 and result["scored"] == 2 and result["accuracy"] == 0.5
    with pred.open(newline="") as f:
        assert [r[1] for r in csv.reader(f)][1:] == ["for", "for", "observing", "for"]


def test_no_head_uses_the_stance_model(tmp_path: Path) -> None:
    data = write_emergent(tmp_path / "em")
    model = tiny_model(tmp_path / "model", seen=[])
    head = hand_head(tmp_path / "head", seen=[])
    result = evaluate_emergent(data, model_dir=model, head_dir=head, use_head=False)
    assert result["scorer"] == "stance-model" and result["accuracy"] == 0.75
    assert evaluate_emergent(data, model_dir=model, head_dir=head)["accuracy"] == 0.75  # head: 3 of 4 too
    assert evaluate_emergent(data, model_dir=model)["scorer"] == "stance-model"  # explicit model, no head given


@pytest.mark.parametrize(
    ("explicit_model", "with_head", "use_head"),
    [(True, False, True), (True, True, True), (True, True, False), (False, True, True)],
)
def test_scorer_follows_route_headline(tmp_path: Path, explicit_model: bool, with_head: bool, use_head: bool) -> None:
    """eval emergent picks its scorer through route_headline, the rule predict_stance uses."""
    from counterpoint.stance.headline import route_headline

    data = write_emergent(tmp_path / "em")
    model = tiny_model(tmp_path / "model", seen=[]) if explicit_model else None
    head = hand_head(tmp_path / "head", seen=[]) if with_head else None
    result = evaluate_emergent(data, model_dir=model, head_dir=head, use_head=use_head)
    routed = route_headline(None, explicit_model, head) if use_head else None
    assert result["scorer"] == ("headline-head" if routed is not None else "stance-model")


def test_missing_head_folder_is_an_error(tmp_path: Path) -> None:
    from counterpoint.errors import CounterpointError

    with pytest.raises(CounterpointError):
        evaluate_emergent(write_emergent(tmp_path / "em"), head_dir=tmp_path / "nothing")


@pytest.mark.slow
@pytest.mark.shared
def test_gate_held_out_emergent(eval_dir: Path) -> None:
    """Issue 4 gate: Emergent accuracy on claims neither the head nor the stance model saw."""
    from counterpoint.stance.headline import load_head

    if load_head() is None:
        pytest.skip("no packaged headline head yet")
    result = evaluate_emergent(eval_dir / "emergent", variant="lexical")
    assert result["scorer"] == "headline-head"
    assert result["excluded_seen"] > 0.5 * result["rows"]
    assert result["claims_scored"] >= 20
    assert result["accuracy"] >= GATE_EMERGENT_HEAD


@pytest.mark.slow
@pytest.mark.shared
def test_gate_held_out_emergent_stance_model(eval_dir: Path) -> None:
    """The stance model's own headline path (the fallback) on the same held-out claims."""
    from counterpoint.stance.model import MODEL_DIR

    if not (MODEL_DIR / "stance.npz").exists():
        pytest.skip("no packaged stance model yet")
    result = evaluate_emergent(eval_dir / "emergent", variant="lexical", use_head=False)
    assert result["scorer"] == "stance-model" and result["claims_scored"] >= 20
    assert result["accuracy"] >= GATE_EMERGENT_LEXICAL


# Head 2 reached 0.7483 (head 1: 0.7653; the gap is inside the claim-bootstrap 95%
# interval, see headline.md; head 2 wins the CV over training claims). Target 0.80: not reached.
GATE_EMERGENT_HEAD = 0.74
GATE_EMERGENT_LEXICAL = 0.72  # reached 0.7279
