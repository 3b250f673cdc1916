"""Quality gate on real data: story grouping on story_clusters_fnc1.

Floors sit just under the figures measured with `counterpoint eval stories` when the
grouper was tuned (on the "tune" half; the "test" half was not looked at while tuning).
Grouper v4 (short texts join at a lower bar, bridges only mend small fragments, with a
lower bridge bar): B-cubed F1 0.958 on the tune half, 0.9425 on the test half (v3:
0.896) and 0.935 on all documents (v3: 0.881), in file order; shuffled arrival order
(seed 1) 0.852 on the test half and 0.835 on all (v3: 0.826). Grouper v5 (a large
story's score is lowered for a long article whose repeated names it never met): tune
0.958 (unchanged), test 0.951, all 0.944; shuffled (seed 1) test 0.856, all 0.833.
"""

from __future__ import annotations

import pytest

from counterpoint.eval.stories import evaluate_stories

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.mark.parametrize("part, floor", [("test", 0.945), ("all", 0.94)])
def test_story_grouping_quality(eval_dir, part: str, floor: float) -> None:
    result = evaluate_stories(eval_dir / "story_clusters_fnc1", part=part)
    assert result["bcubed_f1"] >= floor, result
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9, result


def test_story_grouping_in_another_arrival_order(eval_dir) -> None:
    """Incremental grouping depends on arrival order; a shuffle must not collapse it
    (measured 0.856 on the test half, seed 1)."""
    result = evaluate_stories(eval_dir / "story_clusters_fnc1", part="test", shuffle_seed=1)
    assert result["bcubed_f1"] >= 0.84, result


def test_story_grouping_with_embeddings(eval_dir) -> None:
    """Measured 0.9554 on the test half with the embeddings extra (v3: 0.9275; v5: 0.962,
    all 0.946; not tuned there: on the tune half they score 0.943, under the lexical
    0.958, so they stay off by default)."""
    from counterpoint.stories.embed import load_embedder

    if load_embedder() is None:
        pytest.skip("the embeddings extra is not installed")
    result = evaluate_stories(eval_dir / "story_clusters_fnc1", part="test", embeddings=True)
    assert result["bcubed_f1"] >= 0.945, result


def test_story_grouping_with_the_embedding_check(eval_dir) -> None:
    """The grouping `analyze` runs where the extra is installed: measured 0.9529 on the
    test half (0.9589 tune, 0.9423 all; lexical alone 0.9512 / 0.9582 / 0.9442)."""
    from counterpoint.stories.embed import load_embedder

    if load_embedder() is None:
        pytest.skip("the embeddings extra is not installed")
    result = evaluate_stories(eval_dir / "story_clusters_fnc1", part="test", embedding_check=True)
    assert result["bcubed_f1"] >= 0.945, result
