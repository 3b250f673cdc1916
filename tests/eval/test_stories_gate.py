"""Quality gate on real data: story grouping on story_clusters_fnc1.

Floors sit just under the figures measured with `counterpoint eval stories` when the
grouper was tuned (on the "tune" half; the "test" half was not looked at while tuning).
Grouper v3 (nearest-member score, stricter bridges, local re-grouping): B-cubed F1
0.928 on the tune half, 0.896 on the test half (v2: 0.902) and 0.881 on all documents
(v2: 0.874), in file order. The issue's target (0.94) is not reached yet: these floors
only stop regressions.
"""

from __future__ import annotations

import pytest

from counterpoint.eval.stories import evaluate_stories

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.mark.parametrize("part, floor", [("test", 0.885), ("all", 0.87)])
def test_story_grouping_quality(eval_dir, part: str, floor: float) -> None:
    result = evaluate_stories(eval_dir / "story_clusters_fnc1", part=part)
    assert result["bcubed_f1"] >= floor, result
    assert result["precision"] >= 0.8 and result["recall"] >= 0.8, result


def test_story_grouping_with_embeddings(eval_dir) -> None:
    """Measured 0.9275 on the test half with the embeddings extra (v2: 0.9225; not tuned
    there)."""
    from counterpoint.stories.embed import load_embedder

    if load_embedder() is None:
        pytest.skip("the embeddings extra is not installed")
    result = evaluate_stories(eval_dir / "story_clusters_fnc1", part="test", embeddings=True)
    assert result["bcubed_f1"] >= 0.92, result
