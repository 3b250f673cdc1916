"""counterpoint: compare how news outlets tell one story, with evidence.

Public API (the CLI and the web app only call these):

    ingest(paths, store=...)      read, clean and store articles; bad inputs rejected with reasons
    analyze(ids=None, store=...)  entities, attributions, claims, time expressions per article
    compare(paths, store=...)     ingest + analyze + compare the files as one story
    open_store(db)                the store (SQLite file by default, or a SQLAlchemy URL)
"""

from counterpoint.api import (
    AnalyzeResult,
    CompareResult,
    IngestResult,
    analyze,
    compare,
    group_stories,
    ingest,
    open_store,
)

__version__ = "0.1.0"

__all__ = [
    "AnalyzeResult",
    "CompareResult",
    "IngestResult",
    "__version__",
    "analyze",
    "compare",
    "group_stories",
    "ingest",
    "open_store",
]
