"""Incremental story assignment on two fictional stories."""

from __future__ import annotations

from counterpoint.records import Article, Story
from counterpoint.stories import assign_stories, story_id

FLOOD = [
    ("Floods hit Lenport", "Heavy rain flooded Lenport on Monday. The river Asel burst its banks and "
     "the Lenport mayor Lotte Brenn ordered an evacuation of the harbor district."),
    ("Lenport evacuates harbor as river rises", "Mayor Lotte Brenn said the Asel river rose two meters "
     "and rescue boats moved families out of flooded streets in Lenport."),
    ("Asel flood damage mounts", "Damage from the Asel flood in Lenport reached millions. Brenn asked "
     "for emergency funds as water covered the harbor and rain continued."),
]
TANKS = [
    ("Varnia denies tank plant", "Varnia denied reports that it plans a tank factory in Ostrel. The "
     "Harbor Times reported the factory would produce armored tanks."),
    ("Ostrel tank factory plan", "The Harbor Times said Varnia and Ostrel plan to build a tank factory. "
     "Varnia called the tank reports lies."),
    ("Tank deal under scrutiny", "Officials in Ostrel declined to comment on the Varnia tank factory "
     "report by The Harbor Times about armored tanks."),
]


def _articles(items, prefix: str) -> list[Article]:
    return [
        Article(id=f"{prefix}{i}".ljust(40, "0"), source=f"{prefix}{i}.txt", title=t, body=b,
                produced_by="test/1")
        for i, (t, b) in enumerate(items)
    ]


def test_two_stories_are_separated() -> None:
    flood, tanks = _articles(FLOOD, "f"), _articles(TANKS, "t")
    mixed = [flood[0], tanks[0], flood[1], tanks[1], flood[2], tanks[2]]
    stories = assign_stories(mixed, [], {})
    assert len(stories) == 2
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == sorted([sorted(a.id for a in flood), sorted(a.id for a in tanks)])
    first = stories[0]
    assert first.id == story_id(flood[0].id)
    assert first.title == "Floods hit Lenport"
    assert first.produced_by == "stories.tfidf/1"


def test_new_article_joins_the_right_existing_story() -> None:
    flood, tanks = _articles(FLOOD, "f"), _articles(TANKS, "t")
    stories = assign_stories(flood + tanks, [], {})
    by_id = {a.id: a for a in flood + tanks}
    new = Article(id="n".ljust(40, "0"), source="n.txt", title="Lenport rain eases",
                  body="Rain eased in Lenport and the Asel river fell, Brenn said, as the harbor dried.",
                  produced_by="test/1")
    updated = assign_stories([new], stories, by_id)
    assert len(updated) == 2
    flood_story = next(s for s in updated if flood[0].id in s.article_ids)
    assert flood_story.article_ids[-1] == new.id
    assert flood_story.id == stories[0].id  # ids do not move when a story grows
    # Re-running with the same article changes nothing.
    assert assign_stories([new], updated, {**by_id, new.id: new}) == updated


def test_unrelated_article_starts_a_new_story_and_pinned_are_untouched() -> None:
    flood, tanks = _articles(FLOOD, "f"), _articles(TANKS, "t")
    pinned = Story(id="pinned", title="hand-made", article_ids=[a.id for a in flood], pinned=True,
                   produced_by="user/1")
    by_id = {a.id: a for a in flood}
    out = assign_stories(tanks[:1] + [flood[0]] + _articles(FLOOD[1:2], "g"), [pinned], by_id)
    assert out[0] == pinned  # pinned keeps its members even though a flood article arrives
    assert len(out) == 3
    assert out[1].article_ids == [tanks[0].id]
    assert out[2].article_ids == ["g0".ljust(40, "0")]
