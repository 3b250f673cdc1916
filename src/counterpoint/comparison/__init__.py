"""compare stage: claims matrix, contradictions, omissions, framing, sourcing, timeline."""

from counterpoint.comparison.story import compare_story

__all__ = ["compare_story"]
