"""The public Python API: ingest, analyze, compare. The CLI only calls these.

    >>> import counterpoint
    >>> store = counterpoint.open_store("news.sqlite")
    >>> counterpoint.ingest(["articles/"], store=store)
    >>> counterpoint.analyze(store=store)
    >>> result = counterpoint.compare(["a.txt", "b.txt"], store=store)
    >>> result.comparison.contradictions

Each call is a unit of work over the store: a batch commits together, a failure
rolls back only the batch it happened in, and rejected inputs are recorded with
their reason while the rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counterpoint.errors import NotFound, Rejected
from counterpoint.provenance import stamp
from counterpoint.records import Analysis, Article, Comparison, Rejection, Story
from counterpoint.settings import Settings, load_settings

ProgressFn = Callable[[int, int | None], None]

ADHOC_STORY = stamp("story.adhoc", 1)


@dataclass
class IngestResult:
    """What an ingest did: new articles, inputs already stored, rejected inputs."""

    stored: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        """Every distinct accepted article, new or already stored, in input order."""
        unique = {a.id: a for a in self.stored + self.unchanged}
        return sorted(unique.values(), key=lambda a: self._order[a.id])

    _order: dict[str, int] = field(default_factory=dict, repr=False)


@dataclass
class AnalyzeResult:
    analyses: list[Analysis] = field(default_factory=list)
    failed: list[Rejection] = field(default_factory=list)


@dataclass
class CompareResult:
    story: Story
    articles: list[Article]
    analyses: list[Analysis]
    comparison: Comparison
    rejected: list[Rejection] = field(default_factory=list)


def open_store(db: str | None = None, *, settings: Settings | None = None) -> Any:
    """Open (creating and migrating as needed) the store at a path or SQLAlchemy URL."""
    from counterpoint.store import open_store as _open

    settings = settings or load_settings({"db": db} if db else None)
    return _open(settings.db_url)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _reject(source: str, exc: Rejected) -> Rejection:
    return Rejection(source=source, reason=exc.reason, detail=exc.detail, at=_now())


def ingest(
    paths: Iterable[str | Path],
    *,
    store: Any | None = None,
    meta: dict[str, Any] | None = None,
    settings: Settings | None = None,
    on_progress: ProgressFn | None = None,
) -> IngestResult:
    """Read, clean and store plain-text articles (files or folders).

    A bad input (binary, empty, too large, undecodable, bad sidecar) is rejected
    with its reason, recorded in the store, and the batch goes on. Articles are
    keyed by content hash, so re-ingesting a file changes nothing.
    """
    from counterpoint.clean import clean_document
    from counterpoint.sources.text import iter_text_files, read_text_file

    settings = settings or load_settings()
    store = store or open_store(settings=settings)
    result = IngestResult()
    files = list(iter_text_files([Path(p) for p in paths]))
    batch: list[Article] = []
    rejections: list[Rejection] = []

    repeats: list[Article] = []  # the same content twice in one batch

    def flush() -> None:
        with store.unit_of_work():
            if batch:
                fresh = store.put_articles(batch)
                for article, is_new in zip(batch, fresh):
                    (result.stored if is_new else result.unchanged).append(article)
            for rejection in rejections:
                store.put_rejection(rejection)
        result.rejected.extend(rejections)
        result.unchanged.extend(repeats)
        for pending in (batch, rejections, repeats):
            pending.clear()

    seen: set[str] = set()
    for n, path in enumerate(files, start=1):
        try:
            raw = read_text_file(path, max_bytes=settings.max_file_bytes, meta=meta)
            article = clean_document(raw, min_body_chars=settings.min_body_chars)
        except Rejected as exc:
            rejections.append(_reject(str(path), exc))
        else:
            result._order.setdefault(article.id, len(result._order))
            if article.id in seen:
                repeats.append(article)
            else:
                seen.add(article.id)
                batch.append(article)
        if len(batch) + len(rejections) >= settings.batch_size:
            flush()
        if on_progress:
            on_progress(n, len(files))
    flush()
    return result


def _analyze_one(article: Article) -> Analysis:
    from counterpoint.pipeline import analyze_article

    return analyze_article(article)


def _warm_worker(model: str) -> None:
    from counterpoint.nlp.model import load_nlp

    load_nlp(model or None)


def analyze(
    article_ids: Sequence[str] | None = None,
    *,
    store: Any | None = None,
    force: bool = False,
    settings: Settings | None = None,
    progress: bool = False,
) -> AnalyzeResult:
    """Analyse stored articles (all those not analysed yet by default) and store the results.

    Analysis runs through the configured runner (models load once per worker);
    an article whose analysis fails is reported, the others are stored.
    """
    from counterpoint.pipeline import pipeline_version
    from counterpoint.runners import get_runner

    settings = settings or load_settings()
    store = store or open_store(settings=settings)
    if article_ids is None:
        ids = (
            [a.id for a in store.iter_articles()]
            if force
            else store.articles_without_analysis(pipeline_version())
        )
    else:
        ids = [store.find_article(i).id for i in article_ids]
        if not force:
            ids = [i for i in ids if _needs_analysis(store, i, pipeline_version())]
    result = AnalyzeResult()
    runner = get_runner(
        "local",
        workers=settings.workers,
        initializer=_warm_worker,
        initargs=(settings.spacy_model,),
        progress=progress,
    )
    pending: list[Analysis] = []
    for article, outcome in runner.map(
        _analyze_one, store.iter_articles(ids), desc="analyze", total=len(ids)
    ):
        if isinstance(outcome, Exception):
            detail = f"analysis failed: {type(outcome).__name__}: {outcome}"
            result.failed.append(
                Rejection(source=article.source, reason="analysis_failed", detail=detail, at=_now())
            )
            continue
        pending.append(outcome)
        if len(pending) >= settings.batch_size:
            _store_analyses(store, pending, result)
    _store_analyses(store, pending, result)
    if result.failed:
        with store.unit_of_work():
            for rejection in result.failed:
                store.put_rejection(rejection)
    return result


def _needs_analysis(store: Any, article_id: str, produced_by: str) -> bool:
    existing = store.get_analysis(article_id)
    return existing is None or existing.produced_by != produced_by


def _store_analyses(store: Any, pending: list[Analysis], result: AnalyzeResult) -> None:
    if not pending:
        return
    with store.unit_of_work():
        store.put_analyses(pending)
    result.analyses.extend(pending)
    pending.clear()


def adhoc_story(articles: Sequence[Article]) -> Story:
    """A story made of exactly these articles (the user says they tell one story)."""
    ids = [a.id for a in articles]
    digest = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:16]
    title = next((a.title for a in articles if a.title), "untitled story")
    return Story(id=f"adhoc-{digest}", title=title, article_ids=ids, produced_by=ADHOC_STORY)


def compare_story_records(store: Any, story: Story, *, settings: Settings | None = None) -> CompareResult:
    """Compare the (analysed) articles of a stored or ad-hoc story."""
    from counterpoint.pipeline import compare_articles

    articles = [store.get_article(i) for i in story.article_ids]
    missing = [a.id for a in articles if store.get_analysis(a.id) is None]
    if missing:
        analyze(missing, store=store, settings=settings)
    stored = [store.get_analysis(a.id) for a in articles]
    analyses, comparison = compare_articles(story, articles, [a for a in stored if a is not None])
    with store.unit_of_work():
        store.put_comparison(comparison)
    return CompareResult(story=story, articles=articles, analyses=analyses, comparison=comparison)


def compare(
    paths: Iterable[str | Path],
    *,
    store: Any | None = None,
    meta: dict[str, Any] | None = None,
    settings: Settings | None = None,
    on_progress: ProgressFn | None = None,
) -> CompareResult:
    """Ingest and analyse the given files, then compare them as one story."""
    settings = settings or load_settings()
    store = store or open_store(settings=settings)
    ingested = ingest(paths, store=store, meta=meta, settings=settings, on_progress=on_progress)
    articles = ingested.articles
    if not articles:
        why = "; ".join(f"{Path(r.source).name}: {r.detail}" for r in ingested.rejected[:5])
        raise NotFound(
            "no article could be read from the given files" + (f" ({why})" if why else ""),
            reason="no_articles",
        )
    analyze([a.id for a in articles], store=store, settings=settings)
    result = compare_story_records(store, adhoc_story(articles), settings=settings)
    result.rejected = ingested.rejected
    return result


def group_stories(
    *, store: Any | None = None, settings: Settings | None = None, rebuild: bool = False,
    embeddings: bool | None = None,
) -> list[Story]:
    """Put every stored article that is in no story yet into a story (incrementally).

    Existing stories keep their articles; a new article joins one or starts one, and
    may bridge two automatic stories into one (the merged-away story is deleted).
    With `rebuild`, every automatic (unpinned) story is dropped and its articles are
    grouped again -- pinned stories (merged or split by hand) stay exactly as they are.
    With `embeddings` (and the extra installed), sentence-embedding similarity is mixed
    into the scores; without the extra the lexical grouping runs alone. None means the
    `story_embeddings` setting. Otherwise, with the `story_embedding_check` setting (on
    by default) and the extra installed, borderline decisions ask the sentence encoder
    (the grouper's embedding check), embedding only the articles concerned.
    """
    from counterpoint.stories import assign_stories
    from counterpoint.stories.embed import load_embedder

    settings = settings or load_settings()
    use_embeddings = settings.story_embeddings if embeddings is None else embeddings
    store = store or open_store(settings=settings)
    existing = store.stories()
    dropped: list[str] = []
    if rebuild:
        dropped = [s.id for s in existing if not s.pinned]
        existing = [s for s in existing if s.pinned]
    placed = {i for s in existing for i in s.article_ids}
    new: list[Article] = []
    known: list[Article] = []
    for article in store.iter_articles():  # one pass over the store, not two
        (known if article.id in placed else new).append(article)
    if not new and not dropped:
        return existing
    stories = assign_stories(new, existing, {a.id: a for a in known + new},
                             threshold=settings.story_threshold,
                             embedder=load_embedder() if use_embeddings else None,
                             checker=load_embedder() if settings.story_embedding_check and not use_embeddings
                             else None)
    kept = {s.id for s in stories}
    with store.unit_of_work():
        for sid in dict.fromkeys([*dropped, *(s.id for s in existing)]):
            if sid not in kept:
                store.delete_story(sid)
        store.put_stories(stories)
    return store.stories()


def merge_stories(ids: Sequence[str], *, store: Any | None = None,
                  settings: Settings | None = None) -> Story:
    """Merge stories (ids or unique prefixes) by hand into the first; the result is
    pinned and the decision logged, so no later grouping undoes it."""
    from counterpoint.stories.manual import merge_stories as merge

    store = store or open_store(settings=settings)
    edit = merge([store.get_story(i) for i in ids])
    return _apply_edit(store, edit)[0]


def split_story(id: str, article_ids: Sequence[str], *, store: Any | None = None,
                settings: Settings | None = None) -> tuple[Story, Story]:
    """Move articles (ids or unique prefixes) out of a story into a new one, by hand;
    both are pinned and the decision logged. Returns (the story left, the new one)."""
    from counterpoint.stories.manual import split_story as split

    store = store or open_store(settings=settings)
    story = store.get_story(id)
    moving = [_member(store, story, a) for a in article_ids]
    first = store.get_article(moving[0]) if moving else None
    edit = split(story, moving, title=first.title if first else None)
    kept, new = _apply_edit(store, edit)
    return kept, new


def _member(store: Any, story: Story, prefix: str) -> str:
    """The id of the story's article that is `prefix` or starts with it."""
    hits = [a for a in story.article_ids if a == prefix] or [
        a for a in story.article_ids if a.startswith(prefix)]
    if len(hits) != 1:
        raise NotFound(f"{'no' if not hits else 'more than one'} article {prefix!r} in story {story.id}",
                       reason="not_found" if not hits else "ambiguous")
    return hits[0]


def _apply_edit(store: Any, edit: Any) -> list[Story]:
    with store.unit_of_work():
        for sid in edit.delete:
            store.delete_story(sid)
        store.put_stories(edit.put)
        store.put_story_decision(edit.decision)
    return [store.get_story(s.id) for s in edit.put]
