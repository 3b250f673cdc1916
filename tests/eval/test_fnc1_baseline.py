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


@pytest.mark.slow
@pytest.mark.shared
def test_split_conventions_reproduce_the_quoted_baseline_figures(eval_dir) -> None:
    """The README quotes the baseline at about 0.89 on a Body-ID split and about 0.78 on
    unseen stories. Measured (seed 0): Body ID 0.8805; story split with pairs following the
    headline 0.795 (FNC-1's mix kept); both sides held out 0.67 raw, about 0.78 at the mix.
    So the quoted figures are at FNC-1's class mix, the figure `fnc1_relative_at_fnc1_mix`
    gives for the shipped model's split."""
    from counterpoint.eval.fnc1_baseline import split_conventions

    rows = {r["convention"]: r for r in split_conventions(eval_dir / "fnc1",
                                                          eval_dir / "story_clusters_fnc1" / "documents.csv")}
    assert 0.86 <= rows["body_id"]["fnc1_relative"] <= 0.91, rows
    assert 0.75 <= rows["story_headline_side"]["fnc1_relative"] <= 0.82, rows
    assert rows["story_headline_side"]["unrelated_share"] > 0.6, rows
    both = rows["story_both_sides"]
    assert both["unrelated_share"] < 0.5 and both["fnc1_relative"] < 0.72, rows
    assert 0.74 <= both["fnc1_relative_at_fnc1_mix"] <= 0.82, rows
