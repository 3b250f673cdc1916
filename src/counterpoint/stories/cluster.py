"""Story grouping over records: `assign_stories(new, existing, articles_by_id)`.

A pure function: the caller passes the new articles, the stories it already has and
the articles those stories contain (by id); it returns every story after placing the
new articles, in a stable order (surviving existing stories first, in the order
given, then new ones in creation order). A story missing from the result was merged
into another (the caller deletes it).

Steps:

1. Skip new articles an existing story already lists, and repeats (idempotent).
2. Replay the existing stories into a `Grouper` (`grouper.py`): their members are
   placed as they are -- no decision is re-made, so earlier grouping and every
   manual decision (pinned stories) stay.
   With an embedder, every article is embedded first (the optional extra).
3. Feed the new articles, in input order, to `Grouper.add`: blocking index ->
   scored candidates -> join / bridge-merge / embedding check / new story -> local
   re-grouping of the story just grown with its closest neighbour (see grouper.py).
   With a `checker` (an embedder), only the articles the embedding check asks about
   are embedded, when it asks, each once.
4. Turn the grouper's stories back into `Story` records: a story keeps its id and
   title; a new one is named after its first article (id = hash of that article's id).

The cost is O(stories' articles) to replay plus O(1) per new article (blocking).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from counterpoint.provenance import stamp
from counterpoint.records import Article, PartialDate, Story
from counterpoint.stories.embed import Embedder, embedding_text
from counterpoint.stories.grouper import THRESHOLD, Grouper

STORIES = stamp("stories.tfidf", 5)
"""v5: novel-names penalty and the embedding check (grouper.py)."""


def story_id(first_article_id: str) -> str:
    """Deterministic id of a story started by an article."""
    return "s" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


def day_number(date: PartialDate | None) -> int | None:
    """Proleptic ordinal of a full date, None when year, month or day is unknown."""
    if date is None or date.year is None or date.month is None or date.day is None:
        return None
    try:
        return dt.date(date.year, date.month, date.day).toordinal()
    except ValueError:
        return None


def lazy_embeddings(embedder: Embedder, articles: Mapping[str, Article]
                    ) -> Callable[[Sequence[Hashable]], list[Any]]:
    """Article ids -> embeddings (None for an unknown id), encoding each article the
    first time it is asked for, the missing ones of a call in one batch."""
    cache: dict[Hashable, Any] = {}

    def embeddings_of(ids: Sequence[Hashable]) -> list[Any]:
        todo = [i for i in dict.fromkeys(ids) if i not in cache and i in articles]
        if todo:
            matrix = embedder([embedding_text(articles[i].title, articles[i].body) for i in todo])
            cache.update(zip(todo, matrix))
        return [cache.get(i) for i in ids]

    return embeddings_of


def _title(article: Article) -> str:
    if article.title:
        return article.title
    first = article.body.strip().split("\n", 1)[0]
    return first[:120] or "untitled story"


def assign_stories(
    new_articles: Sequence[Article],
    existing: Sequence[Story],
    articles_by_id: Mapping[str, Article],
    *,
    threshold: float = THRESHOLD,
    embedder: Embedder | None = None,
    checker: Embedder | None = None,
) -> list[Story]:
    """Every story after adding `new_articles` (see module doc). With `embedder`
    (`stories.embed.load_embedder()`), every article involved is embedded too and the
    scores mix in embedding similarity; with `checker` (the same kind of function),
    articles are embedded only for the embedding check of borderline decisions."""
    known = {aid for s in existing for aid in s.article_ids}
    fresh: dict[str, Article] = {}
    for article in new_articles:
        if article.id not in known and article.id not in fresh:
            fresh[article.id] = article
    if not fresh:
        return list(existing)

    encoder = embedder or checker
    embeddings_of = None if encoder is None else lazy_embeddings(encoder, {**articles_by_id, **fresh})
    vectors: dict[str, Any] = {}
    if embedder is not None and embeddings_of is not None:
        # every article the grouper will see, in one batch; the scores then mix them in
        ids = list(dict.fromkeys([*(a for s in existing for a in s.article_ids if a in articles_by_id), *fresh]))
        vectors = dict(zip(ids, embeddings_of(ids)))
    grouper = Grouper(threshold, embeddings_of=embeddings_of if embedder is None else None)
    record_of: dict[int, Story] = {}
    for story in existing:
        key = grouper.new_story(pinned=story.pinned)
        record_of[key] = story
        for aid in story.article_ids:
            article = articles_by_id.get(aid)
            if article is not None and aid not in grouper.story_of:
                grouper.place(key, aid, article.title, article.body, day_number(article.published),
                              vectors.get(aid))
    for article in fresh.values():
        grouper.add(article.id, article.title, article.body, day_number(article.published),
                    vectors.get(article.id))

    out: list[Story] = []
    for key, state in sorted(grouper.stories.items()):
        old = record_of.get(key)
        if old is None:
            first = fresh[state.members[0]]
            out.append(Story(id=story_id(first.id), title=_title(first),
                             article_ids=list(state.members), produced_by=STORIES))
            continue
        # members the grouper could not see (article not given) stay where they were
        ids = list(dict.fromkeys([*old.article_ids, *state.members]))
        out.append(old if ids == list(old.article_ids)
                   else old.model_copy(update={"article_ids": ids, "produced_by": STORIES}))
    return out
