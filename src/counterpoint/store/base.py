"""The `Store` interface: where articles, analyses, stories and comparisons live.

Every implementation keeps each record as its JSON (`model_dump_json`) plus a few
indexed columns for lookups, so a stored record always reads back equal to what was
put. Writes made inside `unit_of_work()` commit together or not at all.

Only `SqlStore` (SQLite by default, PostgreSQL through a URL) implements it today;
stages never import a store -- the CLI, the web app and the batch code do.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from counterpoint.errors import NotFound
from counterpoint.records import Analysis, Article, Comparison, Rejection, Story
from counterpoint.stories.manual import StoryDecision


class AmbiguousId(NotFound):
    """An id prefix that matches more than one record.

    A subclass of NotFound so that callers resolving user input can catch both with
    one clause; `reason` tells them apart.
    """

    reason = "ambiguous"


@runtime_checkable
class Store(Protocol):
    """Persistence for every record counterpoint produces."""

    # ----------------------------------------------------------------- articles

    def put_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store articles; one flag per input: True = newly stored, False = already there.

        Idempotent on `Article.id` (a content hash): storing the same article again
        changes nothing, not even its ingestion time.
        """
        ...

    def get_article(self, id: str) -> Article:
        """The article with exactly this id; raises NotFound."""
        ...

    def find_article(self, prefix_or_id: str) -> Article:
        """The article with this id, else the one whose id starts with it.

        Raises NotFound when nothing matches, AmbiguousId when several do.
        """
        ...

    def iter_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Stream articles (all, in ingestion order; or `ids`, in that order) page by page.

        A missing id raises NotFound when the stream reaches it.
        """
        ...

    def count_articles(self) -> int: ...

    # ----------------------------------------------------------------- analyses

    def put_analyses(self, analyses: Sequence[Analysis]) -> None:
        """Store analyses, replacing any earlier analysis of the same article."""
        ...

    def get_analysis(self, article_id: str) -> Analysis | None: ...

    def articles_without_analysis(self, produced_by: str | None = None) -> list[str]:
        """Ids (ingestion order) of articles with no analysis, or -- when `produced_by`
        is given -- with an analysis made by anything else (so it can be re-run)."""
        ...

    # --------------------------------------------------------------- rejections

    def put_rejection(self, rejection: Rejection) -> None: ...

    def rejections(self) -> list[Rejection]:
        """Every recorded rejection, oldest first."""
        ...

    # ------------------------------------------------------------------ stories

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or replace stories by id, membership included."""
        ...

    def stories(self) -> list[Story]: ...

    def get_story(self, id_or_prefix: str) -> Story:
        """Like `find_article`, for stories."""
        ...

    def delete_story(self, id: str) -> None:
        """Delete a story, its membership and its comparison; raises NotFound."""
        ...

    def put_story_decision(self, decision: StoryDecision) -> None:
        """Log a manual story decision (merge or split); the stories it produced are
        stored, pinned, with `put_stories`."""
        ...

    def story_decisions(self) -> list[StoryDecision]:
        """Every manual story decision, oldest first."""
        ...

    # -------------------------------------------------------------- comparisons

    def put_comparison(self, comparison: Comparison) -> None:
        """Store (or replace) the comparison of a story -- stored, or ad hoc (never
        stored as a Story: files compared directly)."""
        ...

    def get_comparison(self, story_id: str) -> Comparison | None: ...

    # ------------------------------------------------------------- transactions

    def unit_of_work(self) -> AbstractContextManager[Store]:
        """One transaction: every store call inside commits together or rolls back
        together (on any exception, which is then re-raised)."""
        ...

    def close(self) -> None: ...
