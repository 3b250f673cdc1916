"""SqlStore behaviour: idempotence, lookups, transactions, SQLite discipline, errors."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from counterpoint.errors import NotFound, StoreError
from counterpoint.records import Analysis, Article, Comparison, OutletColumn, Rejection, Story
from counterpoint.store import AmbiguousId, SqlStore, Store, open_store, store_url
from counterpoint.store import sql as sql_module


def art(id: str, body: str = "Officials in Norland said the bridge would reopen.", **kw) -> Article:
    return Article(id=id, source=f"{id}.txt", body=body, produced_by="clean.rules/1", **kw)


def analysis(article_id: str, by: str = "pipeline.analyze/1") -> Analysis:
    return Analysis(article_id=article_id, produced_by=by)


def story(id: str, ids: list[str], title: str = "Bridge", pinned: bool = False) -> Story:
    return Story(id=id, title=title, article_ids=ids, pinned=pinned, produced_by="stories.tfidf/1")


@pytest.fixture
def file_store(tmp_path: Path):
    with open_store(tmp_path / "deep" / "er" / "cp.sqlite") as s:
        yield s


def raw_rows(s: SqlStore, table: str) -> list[tuple]:
    with s.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table}")]


# ------------------------------------------------------------------ opening


def test_is_a_store(store: SqlStore) -> None:
    assert isinstance(store, Store)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (":memory:", "sqlite:///:memory:"),
        ("sqlite:///x.db", "sqlite:///x.db"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
    ],
)
def test_store_url(given: str, expected: str) -> None:
    assert store_url(given) == expected


def test_store_url_bare_path_is_absolute_sqlite(tmp_path: Path) -> None:
    assert store_url(tmp_path / "a.sqlite") == f"sqlite:///{tmp_path}/a.sqlite"
    assert store_url("rel.sqlite") == f"sqlite:///{Path.cwd()}/rel.sqlite"


def test_file_store_creates_parent_and_uses_wal(file_store: SqlStore, tmp_path: Path) -> None:
    assert (tmp_path / "deep" / "er" / "cp.sqlite").is_file()
    with file_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == sql_module.BUSY_TIMEOUT_MS


def test_file_store_persists_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "cp.sqlite"
    with open_store(path) as s:
        s.put_articles([art("aaa111")])
    with open_store(str(path)) as s:
        assert s.get_article("aaa111") == art("aaa111")


def test_random_bytes_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    junk = os.urandom(4096)
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="is not a counterpoint database") as err:
        open_store(path)
    assert err.value.reason == "store"
    assert path.read_bytes() == junk


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    engine.dispose()
    with pytest.raises(StoreError, match="not a counterpoint database.*recipes"):
        open_store(path)


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        SqlStore("not a url at all://")


# ----------------------------------------------------------------- articles


def test_put_articles_is_idempotent_even_timestamps(store: SqlStore) -> None:
    assert store.put_articles([art("a1"), art("b2")]) == [True, True]
    before = raw_rows(store, "articles")
    assert store.put_articles([art("b2"), art("c3"), art("c3")]) == [False, True, False]
    after = raw_rows(store, "articles")
    assert after[:2] == before
    assert store.count_articles() == 3
    assert store.put_articles([]) == []


def test_get_article_missing_raises_not_found(store: SqlStore) -> None:
    with pytest.raises(NotFound) as err:
        store.get_article("nope")
    assert err.value.reason == "not_found"


def test_indexed_columns(store: SqlStore) -> None:
    from counterpoint.records import PartialDate

    a = art("x1", outlet="Norland Post", title="Bridge", published=PartialDate(month=2, day=7))
    store.put_articles([a])
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(sql_module.ARTICLES).where(sql_module.ARTICLES.c.id == "x1")).one()
    assert (row.outlet, row.title, row.published_iso, row.source) == ("Norland Post", "Bridge", "XXXX-02-07", "x1.txt")
    assert dt.datetime.fromisoformat(row.ingested_at).tzinfo is not None


@pytest.mark.parametrize(
    ("key", "expected"),
    [("abc123", "abc123"), ("abc1234", "abc1234"), ("abd", "abd999"), ("abc1", AmbiguousId), ("ab", AmbiguousId), ("zz", NotFound), ("", NotFound), ("a%", NotFound), ("a_c", NotFound)],
)
def test_find_article_by_prefix(store: SqlStore, key: str, expected) -> None:
    store.put_articles([art("abc123"), art("abc1234"), art("abd999")])
    if isinstance(expected, str):
        assert store.find_article(key).id == expected
    else:
        with pytest.raises(expected) as err:
            store.find_article(key)
        assert err.type is expected  # "zz" must not raise the ambiguous subclass


def test_ambiguous_message_names_candidates(store: SqlStore) -> None:
    store.put_articles([art("abc123"), art("abd999")])
    with pytest.raises(AmbiguousId, match="abc123, abd999") as err:
        store.find_article("ab")
    assert err.value.reason == "ambiguous"


def test_iter_articles_streams_page_by_page(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql_module, "PAGE_SIZE", 2)
    store.put_articles([art(f"id{i}") for i in range(5)])
    selects: list[str] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def count(conn, cursor, statement, *args):  # noqa: ANN001
        if "articles.seq >" in statement:  # a page of the stream
            selects.append(statement)

    stream = store.iter_articles()
    assert next(stream).id == "id0"
    assert len(selects) == 1  # only the first page has been read
    # Writing while a stream is open works: no connection is held between pages.
    store.put_articles([art("late")])
    assert [a.id for a in stream] == ["id1", "id2", "id3", "id4", "late"]
    assert len(selects) == 4  # three full pages of 2, then an empty one ends it


def test_iter_articles_by_ids_keeps_order_and_reports_missing(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql_module, "PAGE_SIZE", 2)
    store.put_articles([art(f"id{i}") for i in range(4)])
    assert [a.id for a in store.iter_articles(["id3", "id0", "id2", "id0"])] == ["id3", "id0", "id2", "id0"]
    stream = store.iter_articles(["id1", "missing"])
    with pytest.raises(NotFound, match="missing"):
        list(stream)


# ----------------------------------------------------------------- analyses


def test_put_analyses_replaces_and_tracks_producer(store: SqlStore) -> None:
    store.put_articles([art("a1"), art("b2"), art("c3")])
    assert store.articles_without_analysis() == ["a1", "b2", "c3"]
    store.put_analyses([analysis("a1", "old/1"), analysis("b2", "new/2")])
    assert store.articles_without_analysis() == ["c3"]
    assert store.articles_without_analysis("new/2") == ["a1", "c3"]
    store.put_analyses([analysis("a1", "new/2")])
    assert store.get_analysis("a1") == analysis("a1", "new/2")
    assert store.articles_without_analysis("new/2") == ["c3"]
    assert len(raw_rows(store, "analyses")) == 2
    assert store.get_analysis("c3") is None


def test_analysis_of_unknown_article_is_refused(store: SqlStore) -> None:
    with pytest.raises(StoreError, match="refused"):
        store.put_analyses([analysis("ghost")])


# ------------------------------------------------------------------ stories


def test_put_stories_upserts_membership(store: SqlStore) -> None:
    store.put_stories([story("s1", ["a", "b", "c"]), story("s2", ["c"], title="Another")])
    store.put_stories([story("s1", ["c", "a"], pinned=True)])
    assert store.get_story("s1") == story("s1", ["c", "a"], pinned=True)
    rows = sorted(raw_rows(store, "story_articles"))
    assert rows == [("s1", 0, "c"), ("s1", 1, "a"), ("s2", 0, "c")]
    assert [s.id for s in store.stories()] == ["s2", "s1"]  # by title
    assert store.story_ids_of_article("c") == ["s1", "s2"]


def test_get_story_by_prefix(store: SqlStore) -> None:
    store.put_stories([story("story-aa", []), story("story-ab", [])])
    assert store.get_story("story-aa").id == "story-aa"
    assert store.get_story("story-ab").id == "story-ab"
    with pytest.raises(AmbiguousId):
        store.get_story("story-a")


def _comparison(story_id: str, by: str = "compare.rules/1") -> Comparison:
    return Comparison(
        story_id=story_id,
        columns=[OutletColumn(article_id="a", outlet="Norland Post")],
        rows=[],
        produced_by=by,
    )


def test_comparison_replace_and_survives_story_update(store: SqlStore) -> None:
    store.put_stories([story("s1", ["a"])])
    store.put_comparison(_comparison("s1", "compare.rules/1"))
    store.put_comparison(_comparison("s1", "compare.rules/2"))
    store.put_stories([story("s1", ["a", "b"])])
    assert store.get_comparison("s1") == _comparison("s1", "compare.rules/2")
    assert store.get_comparison("nope") is None


def test_comparison_of_an_adhoc_story(store: SqlStore) -> None:
    """Files compared directly: the story is never stored, its comparison is."""
    store.put_comparison(_comparison("adhoc-1234"))
    assert store.get_comparison("adhoc-1234") == _comparison("adhoc-1234")
    assert store.stories() == []


def test_delete_story_removes_membership_and_comparison(store: SqlStore) -> None:
    store.put_stories([story("s1", ["a"]), story("s2", ["a"])])
    store.put_comparison(_comparison("s1"))
    store.delete_story("s1")
    assert [s.id for s in store.stories()] == ["s2"]
    assert store.get_comparison("s1") is None
    assert raw_rows(store, "story_articles") == [("s2", 0, "a")]
    with pytest.raises(NotFound):
        store.delete_story("s1")


def test_rejections_in_order(store: SqlStore) -> None:
    at = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    first = Rejection(source="x.bin", reason="binary", detail="NUL bytes", at=at)
    second = Rejection(source="y.txt", reason="empty", detail="no text", at=at)
    store.put_rejection(first)
    store.put_rejection(second)
    assert store.rejections() == [first, second]
    assert [r[1:4] for r in raw_rows(store, "rejections")] == [
        ("x.bin", "binary", "NUL bytes"),
        ("y.txt", "empty", "no text"),
    ]


# ------------------------------------------------------------- transactions


class Boom(Exception):
    pass


@pytest.mark.parametrize("kind", ["memory", "file"])
def test_unit_of_work_rolls_back_everything(kind: str, tmp_path: Path) -> None:
    s = open_store(":memory:" if kind == "memory" else tmp_path / "cp.sqlite")
    s.put_articles([art("a1"), art("b2")])
    s.put_stories([story("s1", ["a1"])])
    before = {t: raw_rows(s, t) for t in ("articles", "stories", "story_articles")}
    with pytest.raises(Boom):
        with s.unit_of_work():
            assert s.put_articles([art("c3")]) == [True]
            s.put_stories([story("s1", ["a1", "c3"])])
            s.put_rejection(Rejection(source="z", reason="empty", detail="", at=dt.datetime(2024, 1, 1)))
            assert s.count_articles() == 3  # reads inside see the unit's own writes
            raise Boom
    assert {t: raw_rows(s, t) for t in before} == before
    assert [a.id for a in s.iter_articles()] == ["a1", "b2"]
    assert s.get_article("a1") == art("a1")
    assert s.rejections() == []
    s.close()


def test_unit_of_work_rollback_on_every_backend(store: SqlStore) -> None:
    store.put_articles([art("a1"), art("b2")])
    with pytest.raises(Boom):
        with store.unit_of_work():
            store.put_articles([art("c3")])
            store.put_analyses([analysis("a1")])
            raise Boom
    assert [a.id for a in store.iter_articles()] == ["a1", "b2"]
    assert store.get_analysis("a1") is None


def test_unit_of_work_commits_together_and_nests(store: SqlStore) -> None:
    with store.unit_of_work() as uow:
        uow.put_articles([art("a1")])
        with store.unit_of_work():
            store.put_analyses([analysis("a1")])
    assert store.get_analysis("a1") == analysis("a1")


def test_store_error_inside_unit_rolls_back(store: SqlStore) -> None:
    with pytest.raises(StoreError):
        with store.unit_of_work():
            store.put_articles([art("a1")])
            store.put_analyses([analysis("ghost")])
    assert store.count_articles() == 0


def test_file_store_reader_sees_committed_only(tmp_path: Path) -> None:
    """A second connection (another process would do the same) never sees a unit's
    uncommitted writes, and is not blocked from reading while it is open (WAL)."""
    path = tmp_path / "cp.sqlite"
    writer = open_store(path)
    reader = open_store(path)
    writer.put_articles([art("a1")])
    seen: list[int] = []
    with writer.unit_of_work():
        writer.put_articles([art("b2")])
        t = threading.Thread(target=lambda: seen.append(reader.count_articles()))
        t.start()
        t.join(timeout=20)
    assert seen == [1]
    assert reader.count_articles() == 2
    writer.close()
    reader.close()
