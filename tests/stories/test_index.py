"""The blocking index: candidates come from shared heavy terms, postings stay bounded."""

from __future__ import annotations

from counterpoint.stories.index import StoryIndex


def test_candidates_rank_by_shared_weight() -> None:
    index = StoryIndex()
    index.update("flood", ["river", "flood", "lenport"])
    index.update("tanks", ["tank", "factory", "varnia"])
    index.update("comet", ["comet", "river"])
    assert index.candidates({"river": 0.5, "flood": 0.5}, limit=1) == ["flood"]
    assert set(index.candidates({"river": 1.0})) == {"flood", "comet"}
    assert index.candidates({"unknown": 1.0}) == []


def test_update_replaces_terms_and_remove_forgets() -> None:
    index = StoryIndex()
    index.update("a", ["river"])
    index.update("a", ["comet"])
    assert index.candidates({"river": 1.0}) == []
    assert index.candidates({"comet": 1.0}) == ["a"]
    index.remove("a")
    assert index.candidates({"comet": 1.0}) == [] and len(index) == 0


def test_postings_keep_the_most_recent_stories_only() -> None:
    index = StoryIndex(max_postings=3)
    for key in range(10):
        index.update(key, ["common", f"own{key}"])
    assert sorted(index.candidates({"common": 1.0}, limit=10)) == [7, 8, 9]
    assert index.candidates({"own0": 1.0}) == [0]  # still found by its own rare term
