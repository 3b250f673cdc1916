"""stories stage: group articles about the same event into stories, incrementally.

Exports are loaded on first use: the store imports `stories.manual` (light), and
should not pay for the vectorizer's imports (scikit-learn) on every CLI call.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "STORIES": "cluster", "assign_stories": "cluster", "day_number": "cluster", "story_id": "cluster",
    "Decision": "grouper", "Grouper": "grouper", "load_embedder": "embed",
    "StoryDecision": "manual", "StoryEdit": "manual", "merge_stories": "manual", "split_story": "manual",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
