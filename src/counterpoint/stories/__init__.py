"""stories stage: group articles about the same event into stories."""

from counterpoint.stories.cluster import assign_stories, candidates, story_id

__all__ = ["assign_stories", "candidates", "story_id"]
