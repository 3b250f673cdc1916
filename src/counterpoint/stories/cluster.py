"""Story grouping: incremental assignment of new articles to stories.

`assign_stories(new_articles, existing_stories, articles_by_id)` is a pure function:
the caller passes the new articles, the stories it already has, and the articles
those stories contain (by id); it returns every story, updated and new, in a stable
order (existing stories first, in the order given, then new ones in creation order).

For each new article, in input order:

1. Skip it if an existing story already lists it (re-running is idempotent).
2. `candidates()` proposes the stories it may join: today every non-pinned story
   (pinned stories were split or merged by hand and keep their membership). A
   blocking or approximate-nearest-neighbour index can replace this function
   without touching the scoring.
3. Score each candidate: cosine between the article's TF-IDF vector (title + body,
   sublinear tf, English stop words) and the story centroid, plus
   `NAME_BONUS` x the Jaccard overlap of capitalized names (people, places, outlets).
4. Join the best story when its score reaches `threshold`; otherwise start a new
   story whose id is a hash of this first article's id and whose title is its title.

The TF-IDF model is fitted on the new articles plus the existing stories' articles,
so the result depends only on the arguments.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from counterpoint.provenance import stamp
from counterpoint.records import Article, Story

STORIES = stamp("stories.tfidf", 1)
NAME_BONUS = 0.2
NAME_STOP = {
    "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "i", "but", "and",
    "this", "that", "these", "those", "as", "for", "of", "to", "by", "with", "from", "after",
    "before", "his", "her", "their", "its", "our", "if", "when", "while", "there", "what",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "photo",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "mr", "mrs", "ms", "dr",
}


def story_id(first_article_id: str) -> str:
    """Deterministic id of a story started by an article."""
    return "s" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


def _text(article: Article) -> str:
    return f"{article.title or ''}\n{article.body}"


def capitalized_names(article: Article) -> set[str]:
    """Capitalized words (likely names) of title and body, lowercased."""
    words = re.findall(r"(?<![\w'’])[A-Z][\w-]+", _text(article))
    return {w.lower() for w in words if w.lower() not in NAME_STOP and len(w) > 1}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class _StoryState:
    def __init__(self, story: Story, rows: list[int]) -> None:
        self.story = story
        self.rows = rows
        self.names: set[str] = set()


def candidates(article_row: int, states: Sequence[_StoryState]) -> list[int]:
    """Indices of the stories an article may join: every non-pinned one.

    The seam for a later blocking/ANN index (shared rare names, MinHash, vector
    search): it only has to return a superset of the stories worth scoring.
    """
    del article_row
    return [i for i, s in enumerate(states) if not s.story.pinned]


def assign_stories(
    new_articles: Sequence[Article],
    existing: Sequence[Story],
    articles_by_id: Mapping[str, Article],
    *,
    threshold: float = 0.25,
) -> list[Story]:
    """Every story after adding `new_articles` (see module doc)."""
    known = {aid for s in existing for aid in s.article_ids}
    fresh: list[Article] = []
    for article in new_articles:
        if article.id not in known and all(a.id != article.id for a in fresh):
            fresh.append(article)
    if not fresh:
        return list(existing)

    corpus: list[Article] = []
    row_of: dict[str, int] = {}
    for story in existing:
        for aid in story.article_ids:
            if aid in articles_by_id and aid not in row_of:
                row_of[aid] = len(corpus)
                corpus.append(articles_by_id[aid])
    for article in fresh:
        row_of[article.id] = len(corpus)
        corpus.append(article)

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    try:
        matrix = vectorizer.fit_transform([_text(a) for a in corpus]).toarray()
    except ValueError:  # only stop words everywhere: no vocabulary
        matrix = np.zeros((len(corpus), 1))
    names = [capitalized_names(a) for a in corpus]

    states: list[_StoryState] = []
    for story in existing:
        rows = [row_of[aid] for aid in story.article_ids if aid in row_of]
        state = _StoryState(story, rows)
        for r in rows:
            state.names |= names[r]
        states.append(state)

    for article in fresh:
        row = row_of[article.id]
        vec = matrix[row]
        best, best_score = -1, -1.0
        for i in candidates(row, states):
            state = states[i]
            if not state.rows:
                continue
            centroid = matrix[state.rows].mean(axis=0)
            norm = float(np.linalg.norm(centroid)) * float(np.linalg.norm(vec))
            cosine = float(centroid @ vec) / norm if norm else 0.0
            score = cosine + NAME_BONUS * _jaccard(names[row], state.names)
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= threshold:
            state = states[best]
            state.rows.append(row)
            state.names |= names[row]
            state.story = state.story.model_copy(
                update={
                    "article_ids": [*state.story.article_ids, article.id],
                    "produced_by": STORIES,
                }
            )
        else:
            new = Story(
                id=story_id(article.id),
                title=article.title or article.body.strip().split("\n", 1)[0][:120],
                article_ids=[article.id],
                produced_by=STORIES,
            )
            state = _StoryState(new, [row])
            state.names = set(names[row])
            states.append(state)
    return [s.story for s in states]
