"""Blocking index: which stories are worth scoring for a new article.

An inverted index from a term to the stories that have it among their `TOP_TERMS`
heaviest centroid terms. A new article looks up its own `QUERY_TERMS` heaviest
terms and the stories met most (weighted by the article's term weights) become the
`CANDIDATES` that get an exact score.

Why this is sub-quadratic: each posting list keeps at most `MAX_POSTINGS` stories,
the most recently updated ones (a term shared by thousands of stories -- "police",
"government" -- says little, and an old story that grew no more rarely gets a new
article). A lookup therefore touches at most QUERY_TERMS x MAX_POSTINGS entries and
an update at most 2 x TOP_TERMS, whatever the number of stories: O(1) per article,
O(n) for n articles, memory O(stories x TOP_TERMS).
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable

TOP_TERMS = 40
QUERY_TERMS = 20
MAX_POSTINGS = 400
CANDIDATES = 12


class StoryIndex:
    """Term -> most recently updated stories having it among their top terms."""

    def __init__(self, max_postings: int = MAX_POSTINGS) -> None:
        self.max_postings = max_postings
        # dict as an ordered set: insertion order = recency of the story's update
        self._postings: dict[str, dict[Hashable, None]] = {}
        self._terms_of: dict[Hashable, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._terms_of)

    def update(self, key: Hashable, top_terms: Iterable[str]) -> None:
        """(Re)index a story under its current top terms, marking it most recent."""
        self.remove(key)
        terms = tuple(top_terms)
        self._terms_of[key] = terms
        for t in terms:
            posting = self._postings.setdefault(t, {})
            posting[key] = None
            if len(posting) > self.max_postings:
                # evict the story updated longest ago (first in insertion order)
                del posting[next(iter(posting))]

    def remove(self, key: Hashable) -> None:
        for t in self._terms_of.pop(key, ()):
            posting = self._postings.get(t)
            if posting is not None:
                posting.pop(key, None)
                if not posting:
                    del self._postings[t]

    def candidates(self, weights: dict[str, float], limit: int = CANDIDATES,
                   query_terms: int = QUERY_TERMS) -> list[Hashable]:
        """Up to `limit` stories sharing the most weight with the article's top terms."""
        top = heapq.nlargest(query_terms, weights.items(), key=lambda kv: kv[1])
        score: dict[Hashable, float] = {}
        for term, w in top:
            for key in self._postings.get(term, ()):
                score[key] = score.get(key, 0.0) + w
        if len(score) <= limit:
            return list(score)
        return [k for k, _ in heapq.nlargest(limit, score.items(), key=lambda kv: kv[1])]
