"""`SqlStore`: the Store on SQLAlchemy 2 Core -- SQLite by default, PostgreSQL by URL.

Each record is kept as its JSON (the truth, read back with `model_validate_json`)
plus indexed columns for lookups. Only portable Core constructs are used; the one
SQLite-specific part is the connect/begin hook (and one PostgreSQL table lock, in
`put_articles`):

* pragmas on every new connection: WAL journal (readers never block the writer),
  foreign keys on, a busy timeout, synchronous=NORMAL (safe with WAL);
* the driver's own implicit transactions are turned off and SQLAlchemy emits BEGIN
  itself -- `BEGIN IMMEDIATE` for writes, so a unit of work takes the write lock up
  front instead of failing half-way with "database is locked".

Transactions: every call runs in its own transaction unless a `unit_of_work()` is
open on this thread, in which case it joins it (nested units join the outer one).
Errors from the database are raised as `StoreError` with the database named.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import StaticPool

from counterpoint.errors import CounterpointError, NotFound, StoreError
from counterpoint.records import Analysis, Article, Comparison, Rejection, Story
from counterpoint.store.base import AmbiguousId
from counterpoint.store.migrations import migrate
from counterpoint.stories.manual import StoryDecision

PAGE_SIZE = 200
"""Rows per query when streaming, and ids per IN (...) clause."""

BUSY_TIMEOUT_MS = 10_000

# The current schema, for queries. migrations.py creates it; a test checks they agree.
_MD = sa.MetaData()
ARTICLES = sa.Table(
    "articles",
    _MD,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published_iso", sa.String),
    sa.Column("ingested_at", sa.String, nullable=False),
    sa.Column("produced_by", sa.String, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)
ANALYSES = sa.Table(
    "analyses",
    _MD,
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("produced_by", sa.String, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)
STORIES = sa.Table(
    "stories",
    _MD,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("pinned", sa.Boolean, nullable=False),
    sa.Column("produced_by", sa.String, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)
STORY_ARTICLES = sa.Table(
    "story_articles",
    _MD,
    sa.Column("story_id", sa.String, primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.String, nullable=False),
)
REJECTIONS = sa.Table(
    "rejections",
    _MD,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reason", sa.String, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("at", sa.String, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)
COMPARISONS = sa.Table(
    "comparisons",
    _MD,
    sa.Column("story_id", sa.String, primary_key=True),
    sa.Column("produced_by", sa.String, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)
STORY_DECISIONS = sa.Table(
    "story_decisions",
    _MD,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String, nullable=False),
    sa.Column("at", sa.String, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)
TABLES = (ARTICLES, ANALYSES, STORIES, STORY_ARTICLES, REJECTIONS, COMPARISONS, STORY_DECISIONS)


def _col(text: str | None) -> str | None:
    """An index-column copy of free text: PostgreSQL refuses NUL in TEXT (the JSON
    copy escapes it, so nothing is lost)."""
    return None if text is None else text.replace("\x00", "")


def _chunks(items: Sequence[Any], size: int = PAGE_SIZE) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _cause(err: BaseException) -> str:
    orig = getattr(err, "orig", None)
    return str(orig if orig is not None else err).strip().splitlines()[0]


def _sqlite_hooks(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control away from the driver (see module docstring).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            # busy_timeout first: switching to WAL may itself wait for a lock.
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("counterpoint_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class SqlStore:
    """The Store on a SQLAlchemy URL ("sqlite:///path", "sqlite:///:memory:",
    "postgresql+psycopg://..."). Opening runs pending migrations."""

    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except exc.ArgumentError as e:
            raise StoreError(f"not a database URL: {url!r}") from e
        self.url = parsed
        self.label = parsed.render_as_string(hide_password=True)
        self._sqlite = parsed.get_backend_name() == "sqlite"
        self._local = threading.local()
        database = parsed.database or ""
        memory = self._sqlite and database in ("", ":memory:")
        # One writer per process on SQLite; an in-memory database has one shared
        # connection, so every use of it is serialized.
        self._write_lock = threading.RLock()
        self._all_lock = threading.RLock() if memory else None

        kwargs: dict[str, Any] = {}
        if self._sqlite:
            kwargs["connect_args"] = {"check_same_thread": False}
            if memory:
                self.label = "sqlite:///:memory:"
                kwargs["poolclass"] = StaticPool
            elif not database.startswith("file:"):
                self.label = database
                try:
                    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    raise StoreError(f"cannot create the folder for {database}: {e}") from e
        try:
            self._engine = sa.create_engine(parsed, **kwargs)
        except (exc.SQLAlchemyError, ImportError) as e:
            raise StoreError(f"cannot open {self.label}: {e}") from e
        if self._sqlite:
            _sqlite_hooks(self._engine)
        try:
            self._open()
        except BaseException:
            self._engine.dispose()
            raise

    def _open(self) -> None:
        """Connect once (which runs the pragmas), then migrate in one transaction."""
        try:
            with self._engine.connect():
                pass
        except exc.DatabaseError as e:
            # SQLite says "file is not a database" at the first pragma that reads it.
            raise StoreError(f"{self.label} is not a counterpoint database: {_cause(e)}") from e
        except exc.SQLAlchemyError as e:
            raise StoreError(f"cannot open {self.label}: {_cause(e)}") from e
        try:
            with self._connect(write=True) as conn:
                migrate(conn, self.label)
        except exc.SQLAlchemyError as e:
            raise StoreError(f"cannot bring {self.label} up to date: {_cause(e)}") from e

    # ------------------------------------------------------------ plumbing

    def __repr__(self) -> str:
        return f"SqlStore({self.label!r})"

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        """A connection inside a transaction: this thread's unit of work, else a new one."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        lock = self._all_lock or (self._write_lock if write and self._sqlite else None)
        with lock or nullcontext():
            with self._engine.connect() as conn:
                conn.execution_options(counterpoint_write=write)
                with conn.begin():
                    yield conn

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except CounterpointError:
            raise
        except exc.IntegrityError as e:
            raise StoreError(f"{self.label}: {action} refused: {_cause(e)}") from e
        except exc.SQLAlchemyError as e:
            raise StoreError(f"{self.label}: {action} failed: {_cause(e)}") from e

    @contextmanager
    def unit_of_work(self) -> Iterator[SqlStore]:
        """One transaction for everything inside; rolled back (and the error re-raised)
        on any exception. Nested units join the outer one."""
        if getattr(self._local, "conn", None) is not None:
            yield self
            return
        with self._errors("unit of work"), self._connect(write=True) as conn:
            self._local.conn = conn
            try:
                yield self
            finally:
                self._local.conn = None

    def close(self) -> None:
        self._engine.dispose()

    # ------------------------------------------------------------ articles

    def put_articles(self, articles: Sequence[Article]) -> list[bool]:
        if not articles:
            return []
        with self._errors("storing articles"), self._connect(write=True) as conn:
            if conn.dialect.name == "postgresql":
                # SQLite's BEGIN IMMEDIATE already serializes writers; PostgreSQL needs
                # this so the "already there?" check and the seq numbering cannot race.
                conn.exec_driver_sql("LOCK TABLE articles IN EXCLUSIVE MODE")
            ids = list(dict.fromkeys(a.id for a in articles))
            present: set[str] = set()
            for chunk in _chunks(ids):
                present.update(
                    conn.execute(sa.select(ARTICLES.c.id).where(ARTICLES.c.id.in_(chunk))).scalars()
                )
            seq = conn.execute(sa.select(sa.func.max(ARTICLES.c.seq))).scalar() or 0
            now = dt.datetime.now(dt.timezone.utc).isoformat()
            rows, flags = [], []
            for article in articles:
                new = article.id not in present
                flags.append(new)
                if not new:
                    continue
                present.add(article.id)  # a repeat within the batch is not new either
                seq += 1
                rows.append(
                    {
                        "id": article.id,
                        "seq": seq,
                        "source": _col(article.source),
                        "outlet": _col(article.outlet),
                        "title": _col(article.title),
                        "published_iso": article.published.iso() if article.published else None,
                        "ingested_at": now,
                        "produced_by": article.produced_by,
                        "json": article.model_dump_json(),
                    }
                )
            if rows:
                conn.execute(ARTICLES.insert(), rows)
            return flags

    def get_article(self, id: str) -> Article:
        with self._errors("reading an article"), self._connect() as conn:
            raw = conn.execute(sa.select(ARTICLES.c.json).where(ARTICLES.c.id == id)).scalar()
        if raw is None:
            raise NotFound(f"no article {id!r}")
        return Article.model_validate_json(raw)

    def find_article(self, prefix_or_id: str) -> Article:
        return Article.model_validate_json(self._find(ARTICLES, prefix_or_id, "article"))

    def _find(self, table: sa.Table, key: str, what: str) -> str:
        """The JSON of the row whose id is `key`, else the one row whose id starts with it."""
        if not key:
            raise NotFound(f"no {what} id given")
        with self._errors(f"looking up {what} {key!r}"), self._connect() as conn:
            raw = conn.execute(sa.select(table.c.json).where(table.c.id == key)).scalar()
            if raw is not None:
                return raw
            rows = conn.execute(
                sa.select(table.c.id, table.c.json)
                .where(table.c.id.startswith(key, autoescape=True))
                .order_by(table.c.id)
                .limit(3)
            ).all()
        if not rows:
            raise NotFound(f"no {what} with id or id prefix {key!r}")
        if len(rows) > 1:
            shown = ", ".join(r.id for r in rows[:2]) + (", ..." if len(rows) > 2 else "")
            raise AmbiguousId(f"{what} id prefix {key!r} is ambiguous: {shown}; give more characters")
        return rows[0].json

    def iter_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Page by page (PAGE_SIZE rows a query, no connection held between pages, so
        the caller may write to the store while iterating)."""
        if ids is not None:
            yield from self._iter_ids(list(ids))
            return
        last = 0
        while True:
            with self._errors("listing articles"), self._connect() as conn:
                page = conn.execute(
                    sa.select(ARTICLES.c.seq, ARTICLES.c.json)
                    .where(ARTICLES.c.seq > last)
                    .order_by(ARTICLES.c.seq)
                    .limit(PAGE_SIZE)
                ).all()
            for row in page:
                yield Article.model_validate_json(row.json)
            if len(page) < PAGE_SIZE:
                return
            last = page[-1].seq

    def _iter_ids(self, ids: list[str]) -> Iterator[Article]:
        for chunk in _chunks(ids):
            with self._errors("reading articles"), self._connect() as conn:
                query = sa.select(ARTICLES.c.id, ARTICLES.c.json).where(
                    ARTICLES.c.id.in_(list(dict.fromkeys(chunk)))
                )
                found = {row.id: row.json for row in conn.execute(query)}
            for id in chunk:
                if id not in found:
                    raise NotFound(f"no article {id!r}")
                yield Article.model_validate_json(found[id])

    def count_articles(self) -> int:
        with self._errors("counting articles"), self._connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(ARTICLES)).scalar() or 0

    # ------------------------------------------------------------ analyses

    def put_analyses(self, analyses: Sequence[Analysis]) -> None:
        if not analyses:
            return
        # The last analysis of an article wins, as if they had been put one by one.
        latest = {a.article_id: a for a in analyses}
        with self._errors("storing analyses"), self._connect(write=True) as conn:
            for chunk in _chunks(list(latest)):
                conn.execute(ANALYSES.delete().where(ANALYSES.c.article_id.in_(chunk)))
            conn.execute(
                ANALYSES.insert(),
                [
                    {"article_id": a.article_id, "produced_by": a.produced_by, "json": a.model_dump_json()}
                    for a in latest.values()
                ],
            )

    def get_analysis(self, article_id: str) -> Analysis | None:
        with self._errors("reading an analysis"), self._connect() as conn:
            raw = conn.execute(
                sa.select(ANALYSES.c.json).where(ANALYSES.c.article_id == article_id)
            ).scalar()
        return None if raw is None else Analysis.model_validate_json(raw)

    def articles_without_analysis(self, produced_by: str | None = None) -> list[str]:
        missing = ANALYSES.c.article_id.is_(None)
        if produced_by is not None:
            missing = sa.or_(missing, ANALYSES.c.produced_by != produced_by)
        query = (
            sa.select(ARTICLES.c.id)
            .select_from(ARTICLES.outerjoin(ANALYSES, ANALYSES.c.article_id == ARTICLES.c.id))
            .where(missing)
            .order_by(ARTICLES.c.seq)
        )
        with self._errors("listing unanalyzed articles"), self._connect() as conn:
            return list(conn.execute(query).scalars())

    # ---------------------------------------------------------- rejections

    def put_rejection(self, rejection: Rejection) -> None:
        with self._errors("recording a rejection"), self._connect(write=True) as conn:
            conn.execute(
                REJECTIONS.insert().values(
                    source=_col(rejection.source),
                    reason=_col(rejection.reason),
                    detail=_col(rejection.detail),
                    at=rejection.at.isoformat(),
                    json=rejection.model_dump_json(),
                )
            )

    def rejections(self) -> list[Rejection]:
        with self._errors("listing rejections"), self._connect() as conn:
            raws = conn.execute(sa.select(REJECTIONS.c.json).order_by(REJECTIONS.c.id)).scalars()
            return [Rejection.model_validate_json(r) for r in raws]

    # ------------------------------------------------------------- stories

    def put_stories(self, stories: Sequence[Story]) -> None:
        if not stories:
            return
        latest = {s.id: s for s in stories}
        with self._errors("storing stories"), self._connect(write=True) as conn:
            for story in latest.values():
                values = {
                    "title": _col(story.title),
                    "pinned": story.pinned,
                    "produced_by": story.produced_by,
                    "json": story.model_dump_json(),
                }
                # UPDATE, not DELETE + INSERT: deleting would cascade to the comparison.
                updated = conn.execute(
                    STORIES.update().where(STORIES.c.id == story.id).values(**values)
                ).rowcount
                if not updated:
                    conn.execute(STORIES.insert().values(id=story.id, **values))
                conn.execute(STORY_ARTICLES.delete().where(STORY_ARTICLES.c.story_id == story.id))
                if story.article_ids:
                    conn.execute(
                        STORY_ARTICLES.insert(),
                        [
                            {"story_id": story.id, "position": i, "article_id": aid}
                            for i, aid in enumerate(story.article_ids)
                        ],
                    )

    def stories(self) -> list[Story]:
        with self._errors("listing stories"), self._connect() as conn:
            raws = conn.execute(sa.select(STORIES.c.json).order_by(STORIES.c.title, STORIES.c.id))
            return [Story.model_validate_json(r) for r in raws.scalars()]

    def get_story(self, id_or_prefix: str) -> Story:
        return Story.model_validate_json(self._find(STORIES, id_or_prefix, "story"))

    def story_ids_of_article(self, article_id: str) -> list[str]:
        """Ids of the stories an article belongs to (not part of the Store protocol)."""
        with self._errors("listing stories of an article"), self._connect() as conn:
            query = (
                sa.select(STORY_ARTICLES.c.story_id)
                .where(STORY_ARTICLES.c.article_id == article_id)
                .order_by(STORY_ARTICLES.c.story_id)
            )
            return list(conn.execute(query).scalars())

    def delete_story(self, id: str) -> None:
        with self._errors("deleting a story"), self._connect(write=True) as conn:
            # Explicit deletes: comparisons have no foreign key (ad-hoc stories), and
            # a database opened without foreign-key enforcement would skip a cascade.
            conn.execute(COMPARISONS.delete().where(COMPARISONS.c.story_id == id))
            conn.execute(STORY_ARTICLES.delete().where(STORY_ARTICLES.c.story_id == id))
            if not conn.execute(STORIES.delete().where(STORIES.c.id == id)).rowcount:
                raise NotFound(f"no story {id!r}")

    def put_story_decision(self, decision: StoryDecision) -> None:
        """Log a manual story decision (merge or split)."""
        with self._errors("recording a story decision"), self._connect(write=True) as conn:
            conn.execute(
                STORY_DECISIONS.insert().values(
                    action=decision.action, at=decision.at, json=decision.model_dump_json()
                )
            )

    def story_decisions(self) -> list[StoryDecision]:
        """Every manual story decision, oldest first."""
        with self._errors("listing story decisions"), self._connect() as conn:
            raws = conn.execute(sa.select(STORY_DECISIONS.c.json).order_by(STORY_DECISIONS.c.id))
            return [StoryDecision.model_validate_json(r) for r in raws.scalars()]

    # --------------------------------------------------------- comparisons

    def put_comparison(self, c: Comparison) -> None:
        with self._errors("storing a comparison"), self._connect(write=True) as conn:
            conn.execute(COMPARISONS.delete().where(COMPARISONS.c.story_id == c.story_id))
            conn.execute(
                COMPARISONS.insert().values(
                    story_id=c.story_id, produced_by=c.produced_by, json=c.model_dump_json()
                )
            )

    def get_comparison(self, story_id: str) -> Comparison | None:
        with self._errors("reading a comparison"), self._connect() as conn:
            raw = conn.execute(
                sa.select(COMPARISONS.c.json).where(COMPARISONS.c.story_id == story_id)
            ).scalar()
        return None if raw is None else Comparison.model_validate_json(raw)
