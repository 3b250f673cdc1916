"""assign_stories over records: separation, incremental use, manual decisions, order."""

from __future__ import annotations

import random

import pytest

from counterpoint.eval.stories import bcubed
from counterpoint.records import Story
from counterpoint.stories import assign_stories, day_number, story_id
from counterpoint.records import PartialDate


def _groups(stories: list[Story]) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in stories)


def test_three_stories_are_separated(story_corpus) -> None:
    articles, gold = story_corpus
    stories = assign_stories(articles, [], {})
    expected = {}
    for aid, g in gold.items():
        expected.setdefault(g, []).append(aid)
    assert _groups(stories) == sorted(sorted(v) for v in expected.values())
    first = stories[0]
    assert first.id == story_id(articles[0].id)
    assert first.title == articles[0].title
    assert first.produced_by == "stories.tfidf/5"


def test_new_article_joins_the_right_story_and_ids_stay(story_corpus, make_article) -> None:
    articles, gold = story_corpus
    stories = assign_stories(articles, [], {})
    by_id = {a.id: a for a in articles}
    new = make_article("n", "Lenport rain eases", "Rain eased in Lenport and the Asel river fell, Brenn "
                       "said, as the harbor dried.")
    updated = assign_stories([new], stories, by_id)
    assert [s.id for s in updated] == [s.id for s in stories]
    flood = next(s for s in updated if new.id in s.article_ids)
    assert {gold[a] for a in flood.article_ids if a != new.id} == {"flood"}
    assert flood.article_ids[-1] == new.id
    # earlier members never move, and re-running with the same article changes nothing
    for old, now in zip(stories, updated):
        assert now.article_ids[: len(old.article_ids)] == old.article_ids
    assert assign_stories([new], updated, {**by_id, new.id: new}) == updated


def test_manual_decisions_stay_when_articles_arrive(story_corpus, make_article) -> None:
    articles, gold = story_corpus
    by_id = {a.id: a for a in articles}
    floods = [a.id for a in articles if gold[a.id] == "flood"]
    # by hand: one flood article is its own story, and a comet article sits with the tanks
    comet = next(a.id for a in articles if gold[a.id] == "comet")
    tanks = [a.id for a in articles if gold[a.id] == "tanks"]
    pinned = [
        Story(id="alone", title="by hand", article_ids=floods[:1], pinned=True, produced_by="user/1"),
        Story(id="odd", title="by hand", article_ids=[*tanks, comet], pinned=True, produced_by="user/1"),
    ]
    rest = [a for a in articles if a.id not in set(floods[:1] + tanks + [comet])]
    out = assign_stories(rest, pinned, by_id)
    alone = next(s for s in out if s.id == "alone")
    odd = next(s for s in out if s.id == "odd")
    assert alone.article_ids[:1] == floods[:1] and alone.pinned
    assert odd.article_ids[: len(tanks) + 1] == [*tanks, comet] and odd.pinned
    for s in out:  # no pinned article was taken into another story
        if s.id not in ("alone", "odd"):
            assert not set(s.article_ids) & set(floods[:1] + tanks + [comet])


def test_bridge_merge_removes_the_absorbed_story(make_article) -> None:
    a = make_article("a", None, "Comet Kessaly crossed the Dornby sky, the observatory said.")
    b = make_article("b", None, "Dornby observatory photographs of comet Kessaly tail released.")
    existing = [Story(id="s1", title="a", article_ids=[a.id], produced_by="t/1"),
                Story(id="s2", title="b", article_ids=[b.id], produced_by="t/1")]
    c = make_article("c", None, "Comet Kessaly over Dornby: observatory photographs of the comet tail "
                     "crossing the sky.")
    out = assign_stories([c], existing, {a.id: a, b.id: b}, threshold=0.2)
    assert len(out) in (1, 2)
    if len(out) == 1:  # merged: the older story survives with every article
        assert out[0].id == "s1" and sorted(out[0].article_ids) == sorted([a.id, b.id, c.id])


@pytest.mark.parametrize("seed", range(6))
def test_order_sensitivity_is_small(story_corpus, seed: int) -> None:
    articles, gold = story_corpus
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    stories = assign_stories(shuffled, [], {})
    predicted = {a: s.id for s in stories for a in s.article_ids}
    assert bcubed(gold, predicted)["f1"] >= 0.9


@pytest.mark.parametrize("date, expected", [
    (None, None), (PartialDate(year=2031, month=5), None), (PartialDate(month=5, day=2), None),
    (PartialDate(year=2031, month=5, day=2), 741564),
])
def test_day_number(date, expected) -> None:
    assert day_number(date) == expected
