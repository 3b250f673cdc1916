"""Store fixtures: a fresh store per test, on SQLite and -- when a server is given in
COUNTERPOINT_TEST_PG_URL (e.g. "postgresql+psycopg://user@/db?host=/tmp") -- PostgreSQL.

The PostgreSQL run wipes the `public` schema of that database: point it at a
throwaway database only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from counterpoint.store import SqlStore, open_store

PG_ENV = "COUNTERPOINT_TEST_PG_URL"
# Read at import: the suite's autouse fixture clears COUNTERPOINT_* before each test.
PG_URL = os.environ.get(PG_ENV)


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


# The PostgreSQL parameter exists only when a server is given (no skip noise otherwise).
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def make_store(request: pytest.FixtureRequest) -> Iterator[Callable[[], SqlStore]]:
    """A factory of fresh, empty stores (one backend per parameter)."""
    url = PG_URL if request.param == "postgresql" else None
    opened: list[SqlStore] = []

    def fresh() -> SqlStore:
        while opened:
            opened.pop().close()
        if url is None:
            store = open_store(":memory:")
        else:
            _reset_postgres(url)
            store = open_store(url)
        opened.append(store)
        return store

    yield fresh
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[[], SqlStore]) -> SqlStore:
    return make_store()
