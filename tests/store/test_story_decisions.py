"""Manual story decisions: the v2 table, the log, and merges/splits that stay."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from counterpoint.api import group_stories, merge_stories, split_story
from counterpoint.cli import main
from counterpoint.errors import CounterpointError, NotFound
from counterpoint.records import Article
from counterpoint.settings import load_settings
from counterpoint.store import open_store
from counterpoint.store.migrations import MIGRATIONS
from counterpoint.stories.manual import StoryDecision

TEXTS = {
    "f1": "Heavy rain flooded Lenport. The river Asel burst its banks and mayor Lotte Brenn ordered "
          "the harbor district evacuated.",
    "f2": "Mayor Lotte Brenn said the Asel river rose two meters and rescue boats moved families out "
          "of flooded Lenport streets.",
    "f3": "Damage from the Asel flood in Lenport reached millions; Brenn asked for emergency funds for "
          "the flooded harbor.",
    "t1": "Varnia denied a Harbor Times report that it plans an armored tank factory in Ostrel.",
    "t2": "The Harbor Times said Varnia and Ostrel plan a tank factory; Varnia called the tank report lies.",
}


def _article(key: str) -> Article:
    return Article(id=key.ljust(40, "0"), source=f"{key}.txt", title=None, body=TEXTS[key],
                   produced_by="test/1")


def _id(key: str) -> str:
    return key.ljust(40, "0")


@pytest.fixture
def grouped(store):
    store.put_articles([_article(k) for k in ("f1", "f2", "t1", "t2")])
    # these tests are about manual decisions, not the tuned threshold: pin one that
    # groups the two fictional stories whatever the default becomes
    settings = load_settings({"story_threshold": 0.25})
    stories = group_stories(store=store, settings=settings)
    assert len(stories) == 2
    return store, settings


def _story_of(store, key: str):
    return next(s for s in store.stories() if _id(key) in s.article_ids)


def test_v2_adds_the_story_decisions_table(store) -> None:
    assert [m.version for m in MIGRATIONS][:2] == [1, 2]
    with store.engine.connect() as conn:
        assert sa.inspect(conn).has_table("story_decisions")


def test_decisions_round_trip_in_order(store) -> None:
    first = StoryDecision(action="merge", story_ids=["a", "b"], result_ids=["a"])
    second = StoryDecision(action="split", story_ids=["a"], article_ids=["x"], result_ids=["a", "c"])
    store.put_story_decision(first)
    store.put_story_decision(second)
    assert store.story_decisions() == [first, second]


def test_merge_is_pinned_logged_and_survives_new_articles(grouped) -> None:
    store, settings = grouped
    flood, tanks = _story_of(store, "f1"), _story_of(store, "t1")
    merged = merge_stories([flood.id[:8], tanks.id], store=store)
    assert merged.id == flood.id and merged.pinned
    assert sorted(merged.article_ids) == sorted(_id(k) for k in ("f1", "f2", "t1", "t2"))
    assert [s.id for s in store.stories()] == [flood.id]
    assert store.story_decisions()[-1].action == "merge"
    store.put_articles([_article("f3")])
    group_stories(store=store, settings=settings)
    group_stories(store=store, settings=settings, rebuild=True)
    after = store.get_story(flood.id)
    assert after.pinned and set(merged.article_ids) <= set(after.article_ids)


def test_split_stays_through_ingest_and_full_regrouping(grouped) -> None:
    store, settings = grouped
    flood = _story_of(store, "f1")
    kept, new = split_story(flood.id, [_id("f2")[:6]], store=store)
    assert kept.id == flood.id and kept.article_ids == [_id("f1")] and kept.pinned
    assert new.article_ids == [_id("f2")] and new.pinned
    decision = store.story_decisions()[-1]
    assert (decision.action, decision.article_ids, decision.result_ids) == ("split", [_id("f2")], [kept.id, new.id])
    store.put_articles([_article("f3")])
    for rebuild in (False, True):
        group_stories(store=store, settings=settings, rebuild=rebuild)
        assert store.get_story(kept.id).article_ids[:1] == [_id("f1")]
        assert store.get_story(new.id).article_ids[:1] == [_id("f2")]
        assert _story_of(store, "f1").id != _story_of(store, "f2").id  # never re-merged
    assert sum(_id("f3") in s.article_ids for s in store.stories()) == 1


def test_rebuild_regroups_automatic_stories_only(grouped) -> None:
    store, settings = grouped
    before = {s.id for s in store.stories()}
    after = group_stories(store=store, settings=settings, rebuild=True)
    assert {s.id for s in after} == before  # same articles, same first articles, same ids


@pytest.mark.parametrize("call, message", [
    (lambda store, f, t: merge_stories([f.id], store=store), "at least two"),
    (lambda store, f, t: split_story(f.id, [a for a in f.article_ids], store=store), "both sides"),
    (lambda store, f, t: split_story(f.id, [_id("t1")], store=store), "no article"),
])
def test_bad_manual_decisions_are_refused(grouped, call, message) -> None:
    store, _ = grouped
    flood, tanks = _story_of(store, "f1"), _story_of(store, "t1")
    with pytest.raises(CounterpointError, match=message):
        call(store, flood, tanks)
    assert store.story_decisions() == []


def test_unknown_story_is_not_found(grouped) -> None:
    store, _ = grouped
    with pytest.raises(NotFound):
        merge_stories(["nope", "nada"], store=store)


def test_cli_merge_split_and_list(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cp.sqlite")
    with open_store(db) as store:
        store.put_articles([_article(k) for k in ("f1", "f2", "t1", "t2")])
        group_stories(store=store, settings=load_settings({"db": db, "story_threshold": 0.25}))
        flood, tanks = _story_of(store, "f1"), _story_of(store, "t1")
    assert main(["--db", db, "stories", "split", flood.id[:10], _id("f2")[:5]]) == 0
    assert "both pinned" in capsys.readouterr().out
    assert main(["--db", db, "stories", "merge", flood.id[:10], tanks.id[:10]]) == 0
    assert "pinned" in capsys.readouterr().out
    assert main(["--db", db, "stories"]) == 0
    listing = capsys.readouterr().out
    assert flood.id[:16] in listing and "yes" in listing and tanks.id[:16] not in listing
    assert main(["--db", db, "stories", "--regroup"]) == 0
    with open_store(db) as store:
        assert [d.action for d in store.story_decisions()] == ["split", "merge"]
