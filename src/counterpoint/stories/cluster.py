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
from scipy import sparse
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
    """A story being grown: its member rows, names, and |sum of member vectors|^2."""

    def __init__(self, story: Story, rows: list[int]) -> None:
        self.story = story
        self.rows = rows
        self.article_ids = list(story.article_ids)
        self.names: set[str] = set()
        self.sum_sq = 0.0
        self.changed = False


def candidates(article_row: int, states: Sequence[_StoryState]) -> list[int]:
    """Indices of the stories an article may join: every non-pinned one.

    The seam for a later blocking/ANN index (shared rare names, MinHash, vector
    search): it only has to return a superset of the stories worth scoring.
    """
    del article_row
    return [i for i, s in enumerate(states) if not s.story.pinned and s.rows]


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
        # rows are L2-normalised, so a dot product of two rows is their cosine
        matrix = vectorizer.fit_transform([_text(a) for a in corpus]).tocsr()
    except ValueError:  # only stop words everywhere: no vocabulary
        matrix = sparse.csr_matrix((len(corpus), 1))
    names = [capitalized_names(a) for a in corpus]

    # story_of[row] = index of the story holding that row (-1: not placed yet)
    story_of = np.full(len(corpus), -1, dtype=np.int64)
    states: list[_StoryState] = []
    for story in existing:
        rows = [row_of[aid] for aid in story.article_ids if aid in row_of]
        state = _StoryState(story, rows)
        for r in rows:
            state.names |= names[r]
            story_of[r] = len(states)
        if rows:
            total = np.asarray(matrix[rows].sum(axis=0)).ravel()
            state.sum_sq = float(total @ total)
        states.append(state)

    for article in fresh:
        row = row_of[article.id]
        best, best_score = _best_story(row, matrix, story_of, states, names)
        if best >= 0 and best_score >= threshold:
            state = states[best]
            state.changed = True
        else:
            new = Story(
                id=story_id(article.id),
                title=article.title or article.body.strip().split("\n", 1)[0][:120],
                article_ids=[],
                produced_by=STORIES,
            )
            state = _StoryState(new, [])
            best = len(states)
            states.append(state)
        _add(state, row, article.id, matrix, story_of, best, names)
    return [_finish(s) for s in states]


def _story_dots(row: int, matrix: sparse.csr_matrix, story_of: np.ndarray, n_stories: int) -> np.ndarray:
    """For each story, the sum over its members of cosine(member, row)."""
    placed = story_of >= 0
    if not placed.any() or not n_stories:
        return np.zeros(n_stories)
    sims = np.asarray((matrix @ matrix[row].T).todense()).ravel()
    return np.bincount(story_of[placed], weights=sims[placed], minlength=n_stories)


def _best_story(
    row: int,
    matrix: sparse.csr_matrix,
    story_of: np.ndarray,
    states: list[_StoryState],
    names: list[set[str]],
) -> tuple[int, float]:
    """The best-scoring candidate story for a row and its score (-1 if none).

    cosine(row, centroid) is exact without building centroids: centroid . v is the
    mean of member . v, and |sum|^2 is kept incrementally. The name bonus (a set
    Jaccard) is only computed where it could still change the winner.
    """
    pool = candidates(row, states)
    if not pool:
        return -1, -1.0
    dots = _story_dots(row, matrix, story_of, len(states))
    cosines = {}
    for i in pool:
        norm = float(np.sqrt(states[i].sum_sq))
        cosines[i] = float(dots[i]) / norm if norm else 0.0
    best, best_score = -1, -1.0
    floor = max(cosines.values()) - NAME_BONUS
    for i in sorted(pool, key=lambda k: -cosines[k]):
        if cosines[i] < floor:
            break
        score = cosines[i] + NAME_BONUS * _jaccard(names[row], states[i].names)
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def _add(
    state: _StoryState,
    row: int,
    article_id: str,
    matrix: sparse.csr_matrix,
    story_of: np.ndarray,
    index: int,
    names: list[set[str]],
) -> None:
    """Put a row into a story, keeping |sum|^2 exact: |s+v|^2 = |s|^2 + 2 s.v + |v|^2."""
    cross = 0.0
    if state.rows:
        cross = float((matrix[state.rows] @ matrix[row].T).sum())
    self_sq = float(matrix[row].multiply(matrix[row]).sum())
    state.sum_sq += 2 * cross + self_sq
    state.rows.append(row)
    state.article_ids.append(article_id)
    state.names |= names[row]
    story_of[row] = index


def _finish(state: _StoryState) -> Story:
    if not state.changed and state.article_ids == list(state.story.article_ids):
        return state.story
    return state.story.model_copy(update={"article_ids": state.article_ids, "produced_by": STORIES})
