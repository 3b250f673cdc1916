"""Migrations: applied in order on open, recorded, refused when the schema is newer."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from counterpoint.errors import StoreError
from counterpoint.records import Article
from counterpoint.store import migrations, open_store
from counterpoint.store import sql as sql_module
from counterpoint.store.migrations import MIGRATIONS, Migration, current_version, latest_version


def versions(path: Path) -> list[tuple[int, str]]:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT version, description FROM schema_migrations ORDER BY version"
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_migrations_are_ordered_and_unique() -> None:
    numbers = [m.version for m in MIGRATIONS]
    assert numbers == sorted(set(numbers))
    assert numbers[0] == 1
    assert all(m.description for m in MIGRATIONS)


def test_empty_database_is_upgraded_to_latest(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()  # an empty file is an empty SQLite database
    open_store(path).close()
    assert [v for v, _ in versions(path)] == [m.version for m in MIGRATIONS]
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert current_version(conn) == latest_version()
    engine.dispose()


def test_migrated_schema_matches_the_tables_the_store_queries() -> None:
    with open_store(":memory:") as store, store.engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table in sql_module.TABLES:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            assert have == {c.name for c in table.columns}, table.name


def _v2_add_notes(conn: sa.Connection) -> None:
    conn.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")


def test_older_database_is_upgraded_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cp.sqlite"
    with open_store(path) as s:
        s.put_articles([Article(id="keep", source="k.txt", body="Kept through the upgrade.", produced_by="t/1")])
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*MIGRATIONS, Migration(latest_version() + 1, "notes", _v2_add_notes)]
    )
    with open_store(path) as s:
        assert s.get_article("keep").body == "Kept through the upgrade."
        with s.engine.connect() as conn:
            assert sa.inspect(conn).has_table("notes")
    assert versions(path)[-1] == (latest_version(migrations.MIGRATIONS), "notes")
    open_store(path).close()  # re-opening applies nothing twice
    assert len(versions(path)) == len(migrations.MIGRATIONS)


def test_failing_migration_leaves_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cp.sqlite"
    open_store(path).close()

    def broken(conn: sa.Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half (id INTEGER)")
        raise sa.exc.OperationalError("ALTER ...", {}, Exception("simulated failure"))

    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, Migration(99, "broken", broken)])
    with pytest.raises(StoreError, match="cannot bring .* up to date: simulated failure"):
        open_store(path)
    assert [v for v, _ in versions(path)] == [m.version for m in MIGRATIONS]
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("half")
    engine.dispose()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cp.sqlite"
    open_store(path).close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO schema_migrations (version, applied_at, description) "
            "VALUES (999, '2099-01-01', 'from the future')"
        )
    engine.dispose()
    with pytest.raises(StoreError, match="created by a newer counterpoint") as err:
        open_store(path)
    assert "999" in str(err.value)


def test_v1_ddl_is_portable_to_postgresql() -> None:
    """Compiling the schema for PostgreSQL catches SQLite-only types or syntax."""
    dialect = postgresql.dialect()
    md = migrations._v1_metadata()
    ddl = [str(CreateTable(t).compile(dialect=dialect)) for t in md.sorted_tables]
    ddl += [str(CreateIndex(i).compile(dialect=dialect)) for t in md.sorted_tables for i in t.indexes]
    ddl.append(str(CreateTable(migrations.SCHEMA_MIGRATIONS).compile(dialect=dialect)))
    text = "\n".join(ddl)
    assert "SERIAL" in text  # rejections.id autoincrements
    assert "AUTOINCREMENT" not in text and "BLOB" not in text
