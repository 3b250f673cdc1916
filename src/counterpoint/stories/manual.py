"""Manual story decisions: merge stories, split articles out of a story.

Pure functions over `Story` records. Each returns the stories to store, the ids of
stories to delete, and a `StoryDecision` (the log entry the store keeps). Stories
they produce are `pinned`: the automatic grouping never merges a pinned story with
another, never moves its articles out, and keeps it through a full regrouping; new
articles may still join it (a story split by hand keeps growing).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from pydantic import BaseModel, Field

from counterpoint.errors import CounterpointError
from counterpoint.provenance import stamp
from counterpoint.records import Story

MANUAL = stamp("stories.manual", 1)


class StoryDecision(BaseModel):
    """One manual decision, as the store logs it."""

    action: str = Field(description="merge | split")
    story_ids: list[str] = Field(description="the stories it acted on")
    article_ids: list[str] = Field(default_factory=list, description="split: the articles moved")
    result_ids: list[str] = Field(description="the stories it produced (pinned)")
    at: str = Field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat())
    produced_by: str = MANUAL


class StoryEdit(BaseModel):
    """What a manual decision changes: stories to put, story ids to delete, the log entry."""

    put: list[Story]
    delete: list[str]
    decision: StoryDecision


def merge_stories(stories: Sequence[Story]) -> StoryEdit:
    """One pinned story with every article of `stories` (the first keeps its id and title)."""
    distinct = list({s.id: s for s in stories}.values())
    if len(distinct) < 2:
        raise CounterpointError("give at least two different stories to merge", reason="story_merge")
    first = distinct[0]
    ids = list(dict.fromkeys(a for s in distinct for a in s.article_ids))
    merged = first.model_copy(update={"article_ids": ids, "pinned": True, "produced_by": MANUAL})
    decision = StoryDecision(action="merge", story_ids=[s.id for s in distinct], result_ids=[first.id])
    return StoryEdit(put=[merged], delete=[s.id for s in distinct[1:]], decision=decision)


def split_story(story: Story, article_ids: Sequence[str], title: str | None = None) -> StoryEdit:
    """Move `article_ids` out of `story` into a new pinned story; both end up pinned."""
    moving = list(dict.fromkeys(article_ids))
    unknown = [a for a in moving if a not in story.article_ids]
    if unknown:
        raise CounterpointError(f"not in story {story.id}: {', '.join(unknown)}", reason="story_split")
    staying = [a for a in story.article_ids if a not in set(moving)]
    if not moving or not staying:
        raise CounterpointError("a split must leave articles on both sides", reason="story_split")
    digest = hashlib.sha1(("split\n" + story.id + "\n" + "\n".join(sorted(moving))).encode()).hexdigest()
    new = Story(id="s" + digest[:12], title=title or f"{story.title} (split)", article_ids=moving,
                pinned=True, produced_by=MANUAL)
    kept = story.model_copy(update={"article_ids": staying, "pinned": True, "produced_by": MANUAL})
    decision = StoryDecision(action="split", story_ids=[story.id], article_ids=moving,
                             result_ids=[kept.id, new.id])
    return StoryEdit(put=[kept, new], delete=[], decision=decision)
