"""Persistence: the `Store` protocol and its SQL implementation.

`open_store("path/to/file.sqlite")` or `open_store("postgresql+psycopg://...")`.
"""

from __future__ import annotations

import os
from pathlib import Path

from counterpoint.store.base import AmbiguousId, Store
from counterpoint.store.sql import SqlStore

__all__ = ["AmbiguousId", "SqlStore", "Store", "open_store", "store_url"]


def store_url(url_or_path: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a URL (kept as is), ":memory:", or a file path (-> SQLite)."""
    text = os.fspath(url_or_path)
    if "://" in text:
        return text
    if text in ("", ":memory:"):
        return "sqlite:///:memory:"
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def open_store(url_or_path: str | os.PathLike[str]) -> SqlStore:
    """Open (creating and migrating as needed) the store at a path or URL."""
    return SqlStore(store_url(url_or_path))
