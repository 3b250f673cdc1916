"""Compare the articles of one story: the claims matrix and everything around it.

`compare_story(story, articles, analyses)` composes, in order:

1. columns: one per article of the story (the order of `articles`), outlet name
   from `Article.outlet`, else the source file stem / URL host.
2. rows: claims aligned across articles (`compare.align`).
3. contradictions (`compare.contradictions`), omissions (`compare.omissions`).
4. framing (`compare.framing`) and sourcing profiles (`compare.sourcing`, with the
   sides each article quotes on the rows where sources contradict each other).
5. timeline: `counterpoint.time.timeline.merge_timeline(articles, analyses)` when
   that module is importable; otherwise the timeline stays empty (the time stage
   ships it separately).

Articles listed in `articles` but not in `story.article_ids` are ignored, so a
caller can pass a whole batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import urlparse

from counterpoint.comparison.align import align_claims, termer_for
from counterpoint.comparison.contradictions import find_contradictions
from counterpoint.comparison.framing import framing_terms
from counterpoint.comparison.omissions import find_omissions, omitted_rows
from counterpoint.comparison.sourcing import contested_claims, sourcing_profile
from counterpoint.provenance import stamp
from counterpoint.records import Analysis, Article, Comparison, OutletColumn, Story, TimelineEvent

# 3: contradiction evidence names its article; the "actors" kind
# 4: align puts two named actors of one action on one row (align step 5)
COMPARE = stamp("compare.rules", 4)


def outlet_name(article: Article) -> str:
    """The outlet's name, else the URL host, else a short name from the source path."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlparse(article.url).netloc
        if host:
            return re.sub(r"^www\.", "", host)
    stem = PurePath(article.source).stem if article.source else ""
    return stem or article.id[:12]


def _timeline(articles: Sequence[Article], analyses: Sequence[Analysis]) -> list[TimelineEvent]:
    from counterpoint.time.timeline import merge_timeline

    return list(merge_timeline(list(articles), list(analyses)))


def compare_story(
    story: Story, articles: list[Article], analyses: list[Analysis]
) -> Comparison:
    """The `Comparison` of one story (see module doc)."""
    members = set(story.article_ids)
    chosen = [a for a in articles if not members or a.id in members]
    ids = [a.id for a in chosen]
    chosen_analyses = [a for a in analyses if a.article_id in set(ids)]
    columns = [
        OutletColumn(article_id=a.id, outlet=outlet_name(a), title=a.title) for a in chosen
    ]
    termer = termer_for(chosen_analyses)
    rows, claims = align_claims(ids, chosen_analyses, termer=termer)
    shared, only_in = find_omissions(rows, ids)
    by_id = {a.article_id: a for a in chosen_analyses}
    contradictions = find_contradictions(
        rows, claims, columns, termer, {a.article_id: a.times for a in chosen_analyses},
        chosen_analyses,
    )
    contested = contested_claims(rows, contradictions, claims)
    return Comparison(
        story_id=story.id,
        columns=columns,
        rows=rows,
        shared_row_ids=shared,
        only_in=only_in,
        omitted_by=omitted_rows(rows, ids),
        contradictions=contradictions,
        framing=framing_terms(chosen),
        sourcing=[sourcing_profile(by_id[i], contested) for i in ids if i in by_id],
        timeline=_timeline(chosen, chosen_analyses),
        produced_by=COMPARE,
    )
