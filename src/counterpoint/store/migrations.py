"""Schema migrations, as code.

`MIGRATIONS` is an ordered list of (version, description, function(connection)).
`migrate()` applies the ones a database lacks, in order, inside the caller's
transaction, and records each in `schema_migrations` (version, applied_at,
description). Rules:

* never edit a migration once released: add a new one (each migration defines the
  tables as they were *then*, so later changes do not rewrite history);
* a database whose schema is newer than the code knows is refused, never touched;
* a database that has tables but no `schema_migrations` is not ours: refused too.

Only portable SQLAlchemy Core DDL is used here, so the same list runs on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from counterpoint.errors import StoreError


class Migration(NamedTuple):
    version: int
    description: str
    apply: Callable[[Connection], None]


_VERSIONS = sa.MetaData()

SCHEMA_MIGRATIONS = sa.Table(
    "schema_migrations",
    _VERSIONS,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.String, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
)


def _v1_metadata() -> sa.MetaData:
    """The tables as version 1 created them (frozen: later versions alter, not edit)."""
    md = sa.MetaData()
    sa.Table(
        "articles",
        md,
        sa.Column("id", sa.String, primary_key=True),
        # Ingestion order, for listing; assigned by the store (max + 1) under its write lock.
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published_iso", sa.String),
        sa.Column("ingested_at", sa.String, nullable=False),
        sa.Column("produced_by", sa.String, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
        sa.Index("ix_articles_source", "source"),
        sa.Index("ix_articles_outlet", "outlet"),
    )
    sa.Table(
        "analyses",
        md,
        sa.Column(
            "article_id",
            sa.String,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("produced_by", sa.String, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
        sa.Index("ix_analyses_produced_by", "produced_by"),
    )
    sa.Table(
        "stories",
        md,
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("pinned", sa.Boolean, nullable=False),
        sa.Column("produced_by", sa.String, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
    )
    # No foreign key to articles: membership is kept as the story says, and a story
    # may be imported or pinned before all of its articles are ingested.
    sa.Table(
        "story_articles",
        md,
        sa.Column(
            "story_id",
            sa.String,
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("article_id", sa.String, nullable=False),
        sa.Index("ix_story_articles_article_id", "article_id"),
    )
    sa.Table(
        "rejections",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
    )
    # No foreign key to stories: an ad-hoc comparison (files compared directly, the
    # story never stored) is kept too. delete_story removes a stored story's one.
    sa.Table(
        "comparisons",
        md,
        sa.Column("story_id", sa.String, primary_key=True),
        sa.Column("produced_by", sa.String, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
    )
    return md


def _v1_initial(conn: Connection) -> None:
    _v1_metadata().create_all(conn)


def _v2_metadata() -> sa.MetaData:
    """The table version 2 added (frozen)."""
    md = sa.MetaData()
    # Manual story decisions (merge, split), kept as a log: the stories they produce
    # are pinned, and the log says who asked for what so it can be shown or replayed.
    sa.Table(
        "story_decisions",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
    )
    return md


def _v2_story_decisions(conn: Connection) -> None:
    _v2_metadata().create_all(conn)


MIGRATIONS: list[Migration] = [
    Migration(1, "articles, analyses, stories, story_articles, rejections, comparisons", _v1_initial),
    Migration(2, "story_decisions: manual merges and splits of stories", _v2_story_decisions),
]


def latest_version(migrations: Sequence[Migration] | None = None) -> int:
    migrations = MIGRATIONS if migrations is None else migrations
    return max((m.version for m in migrations), default=0)


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database (0 when none is)."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    return conn.execute(sa.select(sa.func.max(SCHEMA_MIGRATIONS.c.version))).scalar() or 0


def migrate(conn: Connection, label: str, migrations: Sequence[Migration] | None = None) -> list[int]:
    """Bring the database on `conn` up to date; returns the versions applied.

    Runs inside the caller's transaction, so a failing migration leaves nothing
    half-done. `label` names the database in error messages.
    Steps, in order:
      1. no `schema_migrations` but other tables -> refuse (not a counterpoint database);
      2. recorded version newer than the code's latest -> refuse (newer counterpoint);
      3. apply each missing migration in version order, recording it.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    ordered = sorted(migrations, key=lambda m: m.version)
    if len({m.version for m in ordered}) != len(ordered):
        raise StoreError("duplicate migration versions")  # a programming error, caught by tests

    inspector = sa.inspect(conn)
    if not inspector.has_table("schema_migrations"):
        foreign = sorted(inspector.get_table_names())
        if foreign:
            raise StoreError(
                f"{label} is not a counterpoint database: it has tables "
                f"({', '.join(foreign[:5])}) but no schema_migrations"
            )
        _VERSIONS.create_all(conn)

    have = current_version(conn)
    known = latest_version(ordered)
    if have > known:
        raise StoreError(
            f"{label} was created by a newer counterpoint (schema version {have}; "
            f"this one knows up to {known}): upgrade counterpoint to open it"
        )
    applied = []
    for m in ordered:
        if m.version <= have:
            continue
        m.apply(conn)
        conn.execute(
            SCHEMA_MIGRATIONS.insert().values(
                version=m.version,
                applied_at=dt.datetime.now(dt.timezone.utc).isoformat(),
                description=m.description,
            )
        )
        applied.append(m.version)
    return applied
