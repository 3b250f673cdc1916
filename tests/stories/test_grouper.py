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


# ------------------------------------------------ member scores, bridges, re-grouping

FLOOD3 = "Rescuers in Lenport pulled residents from homes as the Asel flood waters kept rising."
FLOOD5 = "Mayor Lotte Brenn ordered evacuations as the Asel river flooded Lenport again."
TANK2 = "The Harbor Times stood by its report of a tank factory in Ostrel despite Varnia's denial."


def _story(g: Grouper, *texts: str, pinned: bool = False) -> int:
    key = g.new_story(pinned=pinned)
    for i, text in enumerate(texts):
        g.place(key, f"{key}-{i}", None, text, None)
    return key


def test_story_link_is_the_mean_pairwise_cosine() -> None:
    g = Grouper()
    a = _story(g, FLOOD, FLOOD2)
    b = _story(g, TANK, TANK2)
    assert g.story_link(a, b) == pytest.approx(g.story_link(b, a))
    assert g.story_link(a, a) > g.story_link(a, b)  # members of one story are alike
    assert 0.0 <= g.story_link(a, b) < 0.1
    lone = _story(g, FLOOD3)
    assert g.story_link(lone, lone) == 1.0


def test_members_kept_are_capped() -> None:
    from counterpoint.stories import grouper as mod

    g = Grouper()
    a = _story(g, *[f"{FLOOD} Update {i}." for i in range(mod.MEMBER_CAP + 5)])
    assert len(g.stories[a].vectors) == mod.MEMBER_CAP
    assert len(g.stories[a].members) == mod.MEMBER_CAP + 5


def test_bridge_needs_the_two_stories_to_be_alike(monkeypatch) -> None:
    from counterpoint.stories import grouper as mod

    monkeypatch.setattr(mod, "STORY_BAR", 0.99)  # no two different stories reach this
    g = Grouper(merge_factor=1.0)
    a = _story(g, FLOOD)
    b = _story(g, FLOOD2)
    d = g.add("c", None, FLOOD + " " + FLOOD2)
    assert d.merged == [] and set(g.stories) == {a, b}


@pytest.mark.parametrize("pinned", [False, True])
def test_fragments_of_one_story_regroup_unless_pinned(pinned: bool) -> None:
    g = Grouper(threshold=0.99, short_bar=99.0, short_join=1.0)  # joins only via re-grouping
    a = _story(g, FLOOD, FLOOD2, pinned=pinned)
    d = g.add("x", None, FLOOD5)
    if pinned:
        assert d.merged == [] and g.story_of["x"] != a and a in g.stories
    else:
        assert d.story == a and d.merged and g.story_of["x"] == a


def test_different_stories_do_not_regroup() -> None:
    g = Grouper(threshold=0.99, short_bar=99.0, short_join=1.0)
    a = _story(g, FLOOD, FLOOD2)
    d = g.add("x", None, TANK + " " + TANK2)
    assert d.merged == [] and g.story_of["x"] != a


def test_regrouping_respects_time() -> None:
    g = Grouper(threshold=0.99, short_bar=99.0, short_join=1.0)
    a = g.new_story()
    g.place(a, "a", None, FLOOD, 1000)
    g.place(a, "b", None, FLOOD2, 1001)
    assert g.add("near", None, FLOOD5, day=1002).story == a  # control: same days regroup
    d = g.add("x", None, FLOOD5 + " Still.", day=1400)
    assert d.merged == [] and g.story_of["x"] != a


# ------------------------------------------------ v4: short-text join bar, bridge size cap

@pytest.mark.parametrize("headline, short_join, joins", [
    ("Asel waters recede in Lenport", 0.6, True),  # below the long bar, above the short one
    ("Asel waters recede in Lenport", 1.0, False),  # control: the long-article bar
    ("Lenport mayor faces questions", 0.6, True),
    ("Lenport residents count the cost", 0.6, False),  # one shared name is not enough
    ("Varnia tank factory report denied", 0.6, False),  # another story fits it better
])
def test_short_texts_join_at_a_lower_bar(headline: str, short_join: float, joins: bool) -> None:
    g = Grouper(short_join=short_join)
    flood = g.add("a", None, FLOOD).story
    g.add("b", None, FLOOD2)
    g.add("c", None, TANK)
    assert (g.add("h", None, headline).story == flood) is joins


def test_a_long_text_keeps_the_long_bar() -> None:
    from counterpoint.stories import grouper as mod
    from counterpoint.stories.vectorize import terms

    long_text = FLOOD2 + " " + TANK2 + " Officials in Dornby said the comet would be visible all week."
    assert len(terms(None, long_text)) >= mod.SHORT_TERMS
    g = Grouper()
    g.add("a", None, FLOOD)
    d = g.add("x", None, long_text)
    # a score a headline would join with, but not a long article
    assert g.threshold * g.short_join <= d.score < g.threshold
    assert d.story != g.story_of["a"]


@pytest.mark.parametrize("bridge_max, merges", [(4, True), (1, False)])
def test_bridge_only_mends_a_small_fragment(monkeypatch, bridge_max: int, merges: bool) -> None:
    from counterpoint.stories import grouper as mod

    monkeypatch.setattr(mod, "BRIDGE_MAX", bridge_max)
    g = Grouper(merge_factor=1.0)
    a = _story(g, FLOOD, FLOOD5)
    b = _story(g, FLOOD2, FLOOD3)  # both stories have two members
    d = g.add("c", None, FLOOD + " " + FLOOD2)
    assert (d.merged == [b] and set(g.stories) == {a}) if merges else (d.merged == [] and len(g.stories) == 2)


FILM = [
    "Director Osk Varen said the film Harbor Light lost its star when Mira Tolle quit. Varen "
    "praised Tolle and said filming in Lenport would go on.",
    "Mira Tolle left Harbor Light, the Osk Varen film shot in Lenport. Tolle cited the schedule; Varen "
    "thanked her.",
    "Harbor Light, directed by Osk Varen, is recasting after Mira Tolle walked away. Varen told "
    "reporters Tolle's exit would not delay the Lenport shoot.",
]
FOLLOW_UP = ("Actor Jon Pell is in talks to play the harbor master in Harbor Light, the Lenport film. "
             "Pell would join Dana Quist; Quist and Pell met the producers, and the film's "
             "Lenport shoot, delayed after the star quit, could resume with the new cast soon.")


def _film_story(g: Grouper, size: int) -> int:
    key = g.new_story()
    for i in range(size):
        g.place(key, f"film{i}", None, FILM[i % len(FILM)] + f" Update {i}.", None)
    return key


@pytest.mark.parametrize("size, text, penalised", [
    (8, FOLLOW_UP, True),  # a large story that never met Pell or Quist
    (7, FOLLOW_UP, False),  # a small story: too little known about its cast
    (8, FOLLOW_UP.replace("Jon Pell", "Osk Varen").replace("Pell", "Varen")
        .replace("Dana Quist", "Mira Tolle").replace("Quist", "Tolle"), False),  # the story's own cast
])
def test_unmet_lead_names_lower_the_score(size: int, text: str, penalised: bool) -> None:
    from counterpoint.stories import grouper as mod
    from counterpoint.stories.vectorize import lead_names, terms

    g = Grouper()
    story = _film_story(g, size)
    weights = terms(None, text)
    assert len(weights) >= mod.SHORT_TERMS
    g.dfs.add(weights)
    plain = dict((k, s) for s, k in g.scores(weights, None))
    named = dict((k, s) for s, k in g.scores(weights, None, names=lead_names(text)))
    assert plain[story] > 0
    expected = plain[story] * (mod.NOVEL_PENALTY if penalised else 1.0)
    assert named[story] == pytest.approx(expected)


def test_unmet_names_leave_short_texts_alone() -> None:
    g = Grouper()
    story = _film_story(g, 8)
    headline = "Jon Pell Jon Pell in talks for Harbor Light"
    weights = terms_of(headline)
    g.dfs.add(weights)
    plain = g.scores(weights, None)
    assert plain and g.scores(weights, None, names={"pell": 2, "jon": 2}) == plain
    assert story in {k for _, k in plain}


def terms_of(text: str) -> dict[str, float]:
    from counterpoint.stories.vectorize import terms

    return terms(None, text)


RAIN = ("Heavy rain flooded Lenport on Monday. The river Asel burst its banks and mayor Lotte Brenn ordered "
        "the evacuation of the harbor district, where water reached the first floors of warehouses.")
RAIN_RETOLD = ("Days of storms sent the river over its banks; rescuers in boats carried families from homes in "
               "Lenport as shelters opened in schools and churches, and volunteers handed out blankets and hot "
               "soup to those who fled the rising water.")
NEAR, FAR = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]


@pytest.mark.parametrize("threshold, retold_vector, asked, joins", [
    (0.15, NEAR, True, True),  # words fall short (about 0.13), meaning is close: joins
    (0.15, FAR, True, False),  # meaning far: a new story
    (0.15, None, True, False),  # no embedding for it: a new story
    (0.30, NEAR, False, False),  # below GRAY_LOW x the bar: the encoder is not even asked
])
def test_embedding_check_decides_borderline_articles(threshold: float, retold_vector, asked: bool,
                                                     joins: bool) -> None:
    import numpy as np

    vectors = {"a": np.array(NEAR), "b": None if retold_vector is None else np.array(retold_vector)}
    calls: list[list[str]] = []

    def embeddings_of(keys):
        calls.append(list(keys))
        return [vectors.get(k) for k in keys]

    g = Grouper(threshold, embeddings_of=embeddings_of)
    first = g.add("a", None, RAIN).story
    d = g.add("b", None, RAIN_RETOLD)
    assert (d.story == first) is joins
    assert calls == ([["b", "a"]] if asked else [])


def test_without_embeddings_the_borderline_article_starts_a_story() -> None:
    g = Grouper(0.15)
    first = g.add("a", None, RAIN).story
    d = g.add("b", None, RAIN_RETOLD)
    assert 0.15 * 0.6 <= d.score < 0.15 and d.story != first
