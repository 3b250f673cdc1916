"""Sourcing profile per article: who is quoted, and what kind of source they are."""

from __future__ import annotations

from collections import Counter

from counterpoint.records import Analysis, SourcingProfile


def sourcing_profile(analysis: Analysis) -> SourcingProfile:
    """Counts of attributions per canonical source name and per `SourceKind`."""
    names: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for attribution in analysis.attributions:
        names[attribution.source.name] += 1
        kinds[attribution.source.kind.value] += 1
    return SourcingProfile(
        article_id=analysis.article_id, sources=dict(names), kinds=dict(kinds)
    )
