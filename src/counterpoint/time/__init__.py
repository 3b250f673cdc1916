"""Time stage: find time expressions, normalize them, infer years, merge a timeline.

    find_times(article, doc=None)        -> [TimeExpression]   (per article, regex rules)
    infer_story_years(articles, analyses) -> [Analysis]         (story level, years.py)
    merge_timeline(articles, analyses)    -> [TimelineEvent]    (story level, timeline.py)
"""

from __future__ import annotations

from typing import Any

from counterpoint.provenance import stamp
from counterpoint.records import Article, Sentence, Span, TimeExpression
from counterpoint.time.expressions import scan, sentence_bounds
from counterpoint.time.normalize import reference_from, to_expression

RULES = stamp("time.rules", 1)


def find_times(article: Article, doc: Any | None = None) -> list[TimeExpression]:
    """Time expressions in `article.body`, normalized against `article.published`.

    Sentences (for the tense of weekday mentions) come from `doc` when given, else
    from a regex splitter; nothing here needs a parse.
    """
    body = article.body
    sentences = None
    if doc is not None:
        sentences = [
            Sentence(span=Span(start=s.start_char, end=s.end_char, text=s.text)) for s in doc.sents
        ]
    bounds = sentence_bounds(body, sentences)
    ref = reference_from(article.published)
    return [
        to_expression(body, bounds, f.start, f.end, f.mention, ref, RULES) for f in scan(body)
    ]


def __getattr__(name: str) -> Any:
    # the story-level functions load lazily: `from counterpoint.time import find_times`
    # should not import the timeline code
    if name == "infer_story_years":
        from counterpoint.time.years import infer_story_years

        return infer_story_years
    if name == "merge_timeline":
        from counterpoint.time.timeline import merge_timeline

        return merge_timeline
    raise AttributeError(name)


__all__ = ["RULES", "find_times", "infer_story_years", "merge_timeline"]
