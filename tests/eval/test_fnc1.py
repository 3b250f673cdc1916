"""`counterpoint eval fnc1`: scoring rules, and the CLI end to end on a fictional folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from counterpoint.cli import main
from counterpoint.eval.fnc1 import fnc1_metrics, fnc_score, load_fnc1
from counterpoint.stance.features import Vocabulary, feature_names
from counterpoint.stance.linear import LinearStance
from counterpoint.stance.model import save_model
from counterpoint.stance.text import text_hashes
from counterpoint.stance.trees import from_lightgbm_dump

BODIES = {
    "7": "Rangers in Tallow Park said a wolf pack returned to the valley this winter. They counted six wolves.",
    "9": "The Tallow Park wolf story is a hoax, rangers said. No wolves have been seen there.",
    "12": "A new ferry line links Orrin Bay with the islands from June.",
}
STANCES = [
    ("Wolves return to Tallow Park", "7", "agree"),
    ("Wolves return to Tallow Park", "9", "disagree"),
    ("Wolves return to Tallow Park", "12", "unrelated"),
    ("Ferry line opens in Orrin Bay", "12", "discuss"),
    ("Ferry line opens in Orrin Bay", "7", "unrelated"),
]


def write_fnc1(folder: Path, stances=STANCES, bodies=BODIES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "bodies.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(bodies.items())
    with (folder / "stances.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(stances)
    return folder


def tiny_model(folder: Path, texts: list[str], seen: list[str]) -> Path:
    """A hand-made stance model (no trainer needed): unrelated when the headline/body
    TF-IDF cosine is low, else agree; linear scorers all zero."""
    vocab = Vocabulary.fit(texts, min_df=1)
    cos = feature_names().index("cos_body")
    leaf = lambda v: {"leaf_value": v}  # noqa: E731
    split = lambda f, t, a, b: {"split_index": 0, "split_feature": f, "threshold": t, "decision_type": "<=",  # noqa: E731
                                "default_left": True, "missing_type": "None", "left_child": a, "right_child": b}
    dump = {"num_class": 4, "tree_info": [
        {"tree_structure": split(cos, 0.05, leaf(0.0), leaf(2.0))},  # agree
        {"tree_structure": leaf(0.0)},  # disagree
        {"tree_structure": split(cos, 0.05, leaf(0.0), leaf(1.0))},  # discuss
        {"tree_structure": split(cos, 0.05, leaf(3.0), leaf(0.0))},  # unrelated
    ]}
    zero = LinearStance(np.zeros((3 * len(vocab.idf), 3), np.float32), np.zeros(3, np.float32))
    save_model(folder, vocab, {"body": zero, "headline": zero}, {"lexical": from_lightgbm_dump(dump)},
               text_hashes(seen), {"name": "tiny"})
    return folder


@pytest.mark.parametrize(
    ("gold", "pred", "score", "maximum"),
    [
        (["unrelated"], ["unrelated"], 0.25, 0.25),
        (["agree"], ["agree"], 1.0, 1.0),
        (["agree"], ["discuss"], 0.25, 1.0),
        (["agree"], ["unrelated"], 0.0, 1.0),
        (["unrelated"], ["disagree"], 0.0, 0.25),
        (["disagree", "unrelated"], ["disagree", "unrelated"], 1.25, 1.25),
    ],
)
def test_fnc_score(gold: list[str], pred: list[str], score: float, maximum: float) -> None:
    assert fnc_score(gold, pred) == (score, maximum)


def test_metrics_report_disagree_f1_and_confusion() -> None:
    m = fnc1_metrics(["agree", "disagree", "disagree", "unrelated"], ["agree", "disagree", "discuss", "unrelated"])
    assert m["disagree_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["confusion"]["rows_gold_cols_predicted"][1] == [0, 1, 1, 0]
    assert m["accuracy"] == 0.75
    assert m["fnc1_relative"] == pytest.approx((1 + 1 + 0.25 + 0.25) / 3.25, abs=1e-4)


def test_load_joins_bodies(tmp_path: Path) -> None:
    rows = load_fnc1(write_fnc1(tmp_path / "fnc"))
    assert len(rows) == 5 and rows[1].body.startswith("The Tallow Park wolf story") and rows[1].stance == "disagree"


def test_cli_end_to_end_with_seen_rows_excluded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_fnc1(tmp_path / "fnc")
    model = tiny_model(tmp_path / "model", [s[0] for s in STANCES] + list(BODIES.values()),
                       seen=["Ferry line opens in Orrin Bay"])
    pred = tmp_path / "pred.csv"
    rc = main(["eval", "fnc1", str(data), "--model", str(model), "--out", str(pred)])
    assert rc == 0
    text = capsys.readouterr().out.strip()
    last = text.splitlines()[-1]
    assert last.startswith("fnc1_relative=")
    result = json.loads(text[: text.rindex("\n")])
    assert result["rows"] == 5 and result["excluded_seen"] == 2 and result["scored"] == 3
    assert result["variant"] == "lexical"
    assert float(last.split("=")[1]) == result["fnc1_relative"]
    with pred.open(newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Headline", "Body ID", "Stance"]
    assert [r[:2] for r in rows[1:]] == [[h, b] for h, b, _ in STANCES]  # every row, same order
    assert rows[3][2] == "unrelated" and rows[1][2] == "agree"


def test_never_seen_folder_scores_every_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_fnc1(tmp_path / "fnc")
    model = tiny_model(tmp_path / "model", [s[0] for s in STANCES] + list(BODIES.values()), seen=["something else"])
    assert main(["eval", "fnc1", str(data), "--model", str(model)]) == 0
    out = capsys.readouterr().out
    result = json.loads(out[: out.rindex("\n", 0, len(out) - 1)])
    assert result["excluded_seen"] == 0 and result["scored"] == 5


def test_packaged_model_predicts(tmp_path: Path) -> None:
    from counterpoint.stance import predict_stance
    from counterpoint.stance.model import MODEL_DIR

    if not (MODEL_DIR / "stance.npz").exists():
        pytest.skip("no packaged stance model yet")
    preds = predict_stance([("Wolves return to Tallow Park", BODIES["7"]), ("Wolves return to Tallow Park", BODIES["12"])],
                           variant="lexical")
    assert preds[1].label == "unrelated" and preds[0].label != "unrelated"
    assert abs(sum(preds[0].probabilities.values()) - 1) < 1e-4 and preds[0].produced_by.startswith("stance.gbm-lexical/")


@pytest.mark.slow
@pytest.mark.shared
def test_gate_held_out_fnc1(eval_dir: Path) -> None:
    """Issue 4 gate: FNC-1 relative score on stories the shipped model never saw."""
    from counterpoint.eval.fnc1 import evaluate_fnc1
    from counterpoint.stance.model import MODEL_DIR

    if not (MODEL_DIR / "stance.npz").exists():
        pytest.skip("no packaged stance model yet")
    result = evaluate_fnc1(eval_dir / "fnc1", variant="lexical")
    assert result["excluded_seen"] > 0.8 * result["rows"]  # the training stories are left out
    assert result["scored"] > 1000
    assert result["fnc1_relative"] >= GATE_FNC1_LEXICAL
    # On the published scale (FNC-1's class mix, the eval README's convention for its
    # baseline figures): the 0.82.
    assert result["fnc1_relative_unseen_headlines"] >= GATE_FNC1_PUBLISHED_SCALE
    assert result["fnc1_relative_at_fnc1_mix"] >= GATE_FNC1_PUBLISHED_SCALE
    assert result["scored_unseen_headlines"] > result["scored"]


GATE_FNC1_LEXICAL = 0.78  # reached 0.7830 on both sides held out (35 % unrelated rows)
GATE_FNC1_PUBLISHED_SCALE = 0.82  # reached 0.8562 unseen headlines, 0.8526 at FNC-1's mix


@pytest.mark.parametrize(
    ("gold", "pred", "share", "expected"),
    [
        (["agree", "unrelated"], ["agree", "unrelated"], 0.5, 1.0),
        # 1 related right (1.0/1.0) + unrelated wrong weighted 3x (0/0.75) -> 1 / 1.75
        (["agree", "unrelated"], ["agree", "discuss"], 0.75, round(1 / 1.75, 4)),
        (["agree"], ["agree"], 0.7, None),
    ],
)
def test_score_at_mix(gold: list[str], pred: list[str], share: float, expected: float | None) -> None:
    from counterpoint.eval.fnc1 import fnc_score_at_mix

    assert fnc_score_at_mix(gold, pred, share) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "macro"),
    [([0, 1, 2], [0, 1, 2], 1.0), ([0, 0, 1, 1], [0, 0, 0, 0], (2 / 3 + 0 + 0) / 3), ([2, 2], [0, 0], 0.0)],
)
def test_classification_report_macro_f1(gold: list[int], predicted: list[int], macro: float) -> None:
    from counterpoint.eval.fnc1 import classification_report

    report = classification_report(gold, predicted, range(3))
    assert report["macro_f1"] == pytest.approx(macro, abs=1e-4)
    assert report["confusion"]["rows_gold_cols_predicted"][0][0] == sum(g == p == 0 for g, p in zip(gold, predicted))
