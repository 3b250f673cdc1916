"""The TF-IDF + logistic regression yardstick on the stance model's split."""

from __future__ import annotations

import pytest

from counterpoint.errors import CounterpointError
from counterpoint.eval.fnc1 import FncRow
from counterpoint.eval.fnc1_baseline import baseline_predictions

FLOOD = "The river Asel flooded Lenport and mayor Brenn ordered the harbor evacuated overnight."
COMET = "Astronomers in Dornby tracked the comet Kessaly as its tail crossed the night sky."


def _rows(n: int) -> list[FncRow]:
    rows = []
    for i in range(n):
        rows.append(FncRow(f"Lenport flood forces harbor evacuation {i}", f"f{i}", FLOOD, "agree"))
        rows.append(FncRow(f"Lenport flood forces harbor evacuation {i}", f"c{i}", COMET, "unrelated"))
        rows.append(FncRow(f"Comet Kessaly seen over Dornby {i}", f"c{i}", COMET, "discuss"))
    return rows


def test_baseline_learns_related_from_unrelated() -> None:
    test = [FncRow("Harbor evacuation as Lenport floods", "x", FLOOD, "agree"),
            FncRow("Harbor evacuation as Lenport floods", "y", COMET, "unrelated")]
    assert baseline_predictions(_rows(10), test) == ["agree", "unrelated"]


def test_baseline_needs_two_stances() -> None:
    rows = [r for r in _rows(3) if r.stance == "agree"]
    with pytest.raises(CounterpointError, match="two stances"):
        baseline_predictions(rows, rows)


@pytest.mark.slow
@pytest.mark.shared
def test_baseline_figure_on_the_shipped_split(eval_dir) -> None:
    """Measured fnc1_relative 0.665 (0.769 at FNC-1's class mix: the README's "about
    0.78 on unseen stories" is at that mix), disagree F1 0.02."""
    from counterpoint.eval.fnc1_baseline import evaluate_baseline

    result = evaluate_baseline(eval_dir / "fnc1")
    assert 0.6 <= result["fnc1_relative"] <= 0.72, result
    assert 0.72 <= result["fnc1_relative_at_fnc1_mix"] <= 0.8, result
