"""The incremental grouper: join, start, short texts, time, pinned stories, bridges."""

from __future__ import annotations

import pytest

from counterpoint.stories.grouper import Grouper, time_factor, StoryState

FLOOD = "Heavy rain flooded Lenport. The river Asel burst its banks and mayor Lotte Brenn ordered evacuations."
FLOOD2 = "Mayor Lotte Brenn said the Asel river rose and boats moved families out of flooded Lenport."
TANK = "Varnia denied reports of a tank factory in Ostrel, reported by the Harbor Times."


def test_similar_joins_and_unrelated_starts() -> None:
    g = Grouper()
    a = g.add("a", None, FLOOD).story
    assert g.add("b", None, FLOOD2).story == a
    assert g.add("c", None, TANK).story != a
    assert g.add("a", None, FLOOD).story == a  # re-adding is a no-op
    assert g.stories[a].members == ["a", "b"]


@pytest.mark.parametrize("headline, joins", [
    ("Asel flood: Lenport mayor Brenn orders evacuation", True),
    ("Varnia tank factory report denied", False),
])
def test_short_headlines_use_the_lower_bar(headline: str, joins: bool) -> None:
    g = Grouper()
    flood = g.add("a", None, FLOOD).story
    g.add("b", None, FLOOD2)
    assert (g.add("h", None, headline).story == flood) is joins


@pytest.mark.parametrize("day, story_days, expected", [
    (None, (10, 12), 1.0), (11, None, 1.0), (11, (10, 12), 1.0), (15, (10, 12), 1.0),
    (16, (10, 12), pytest.approx(0.867, abs=1e-3)), (6, (10, 12), pytest.approx(0.867, abs=1e-3)),
])
def test_time_factor(day, story_days, expected) -> None:
    state = StoryState(0)
    if story_days:
        state.first_day, state.last_day = story_days
    assert time_factor(day, state) == expected


def test_far_apart_in_time_starts_a_new_story() -> None:
    g = Grouper()
    a = g.add("a", None, FLOOD, day=1000).story
    assert g.add("b", None, FLOOD2, day=1001).story == a
    assert g.add("c", None, FLOOD2 + " Again.", day=1400).story != a


def test_pinned_story_takes_new_articles_but_is_never_merged() -> None:
    g = Grouper()
    pinned = g.new_story(pinned=True)
    g.place(pinned, "a", None, FLOOD, None)
    other = g.new_story()
    g.place(other, "b", None, FLOOD2, None)
    d = g.add("c", None, FLOOD + " " + FLOOD2)
    assert d.merged == []
    assert set(g.stories) == {pinned, other}
    assert g.story_of["a"] == pinned and g.story_of["b"] == other


def test_bridge_merges_a_story_started_twice() -> None:
    g = Grouper(merge_factor=1.0)
    a = g.new_story()
    g.place(a, "a", None, FLOOD, None)
    b = g.new_story()
    g.place(b, "b", None, FLOOD2, None)
    d = g.add("c", None, FLOOD + " " + FLOOD2)
    assert d.story == a and d.merged == [b]
    assert g.stories[a].members == ["a", "b", "c"]
    assert g.story_of["b"] == a
