"""Story-level year inference: the year nobody wrote, deduced from every article.

A dateline like "7 February, 06:46 PM" has no year, and an article may have no date
at all. Articles of one story are published within days of each other, so their
clues can be pooled. Rules, in order:

  1. Anchor. If any article's publication date has a written year, the story is
     anchored there (the lower median of those dates): no search.
  2. Otherwise, collect constraints from all articles:
     a. lower bounds: an explicit year in a past-tense sentence ("in 2021",
        "since 2019") means publication year >= that year; "back in 2021" means >.
        Full dates with a written year ("Feb. 5, 2021") also count as >=.
     b. weekday constraints: a (month, day) that fell on a known weekday.
        - written together: "Sunday, Feb. 5" (also in the dateline text);
        - co-reference: a relative weekday ("On Sunday", in any article) and an
          explicit day-month ("On Feb. 5", in any article, a different sentence)
          whose sentences talk about the same thing. Sameness is the IDF-weighted
          overlap of content words (crudely lemmatized) plus canonical entity ids of
          entities in the sentence; it must pass `MIN_SHARED` words and
          `MIN_SCORE`. The day-month must also lie close before a known
          publication month/day (relative weekdays point at the last week).
        Each weekday mention keeps only its best-matching date (it names one day),
        weighted by the overlap score (written together: a high fixed weight). A
        late-December date in an early-January story counts for the year before.
        Weekdays in future-tense sentences ("will meet on Friday") are skipped.
     c. year votes: a full written date close before an article's publication
        month/day ("Feb. 5, 2023" in an article dated "7 February") votes for that year.
  3. Search: with a lower bound L, try years L .. L+15 and keep the one with the
     highest total weight of satisfied constraints (ties: the smallest year). With no
     lower bound or no satisfied constraint, refuse: years stay unknown (a weekday
     alone repeats every few years, so guessing would be wrong as often as right).
  4. Resolution: each article gets a publication date. A written year stays; a
     month/day without a year gets the year placing it nearest the story reference
     (`year_inferred=True`); an article with no date at all gets the story year only
     (`year_inferred=True`) and its relative expressions are resolved against the
     story's reference date, which the `anchor` text says.
  5. Every time expression is re-resolved against its article's reference; records
     whose span no rule re-parses are kept unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from counterpoint.provenance import stamp
from counterpoint.records import Analysis, Article, PartialDate, TimeExpression
from counterpoint.time.expressions import Mention, parse_mention, scan, sentence_at, sentence_bounds
from counterpoint.time.normalize import (
    Reference,
    is_future_context,
    nearest_year,
    reference_from,
    to_expression,
)

YEARS = stamp("time.years", 1)

SEARCH_WINDOW = 15
MIN_SHARED = 3  # content words two sentences must share to be about the same thing
MIN_SCORE = 4.0  # and their summed IDF
TOGETHER_WEIGHT = 100.0  # "Sunday, Feb. 5": the text says it outright
VOTE_WEIGHT = 2.0
NEAR_DAYS = 10  # a relative weekday points into the last week or so

_STOP = frozenset(
    """a an the and or but of in on at to for from by with without as is are was were be been
    being has have had do does did not no this that these those it its they them their he she
    his her him we our you your i which who whom whose what when where while than then there
    also any all some more most other such into over under after before about against between
    through during said says say told tell according reported report would could should will
    can may might must shall one two three first last next new since back just only very
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec week month year day today yesterday tomorrow ago earlier later""".split()
)
# leads that put an explicit year in the past of the publication ("by 2030" may not)
_PAST_LEADS = (None, "in", "back in", "since", "during", "as early as", "as far back as", "on")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(frozen=True)
class WeekdayConstraint:
    """(month, day) fell on `weekday` (Monday=0) in the story year + `offset`.

    The offset is -1 for a late-December date told in an early-January story.
    """

    month: int
    day: int
    weekday: int
    weight: float
    reason: str
    offset: int = 0


@dataclass(frozen=True)
class Clues:
    lower_bound: int | None
    weekdays: list[WeekdayConstraint]
    votes: dict[int, float]


@dataclass(frozen=True)
class _Item:
    """One parsed time expression with its article and sentence context."""

    article: int
    start: int
    mention: Mention
    sentence: tuple[int, int] | None
    future: bool
    words: frozenset[str]


def _lemma(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """Crude lemmas of the content words of a sentence (no parse needed)."""
    lemmas = (_lemma(w) for w in _WORD.findall(text))
    return frozenset(w for w in lemmas if len(w) > 2 and w not in _STOP)


def _published(article: Article, analysis: Analysis | None) -> PartialDate | None:
    return analysis.published if analysis is not None and analysis.published else article.published


def _year_offset(month: int, day: int, ref_md: tuple[int, int] | None) -> int:
    """-1/+1 when (month, day), taken nearest to `ref_md`, falls in the year before/after."""
    if ref_md is None:
        return 0
    gap = _day_gap(month, day, ref_md)
    if gap >= 0 and (month, day) > ref_md:
        return -1
    if gap < 0 and (month, day) < ref_md:
        return 1
    return 0


def _day_gap(month: int, day: int, near: tuple[int, int]) -> int:
    """Days from (month, day) forward to `near`, across a year end if needed (-180..185)."""
    try:
        a = dt.date(2001, month, min(day, 28 if month == 2 else day))
        b = dt.date(2001, near[0], min(near[1], 28 if near[0] == 2 else near[1]))
    except ValueError:
        return 999
    gap = (b - a).days
    return gap - 365 if gap > 185 else gap + 365 if gap < -180 else gap


# ------------------------------------------------------------------------ clues


def _items(articles: Sequence[Article], analyses: Sequence[Analysis]) -> list[_Item]:
    out: list[_Item] = []
    for index, (article, analysis) in enumerate(zip(articles, analyses, strict=True)):
        body = article.body
        bounds = sentence_bounds(body, analysis.sentences)
        entity_ids = [(e.span.start, e.canonical_id) for e in analysis.entities]
        for expr in analysis.times:
            mention = parse_mention(expr.span.text)
            if mention is None:
                continue
            sent = sentence_at(bounds, expr.span.start)
            text = body[sent[0] : sent[1]] if sent else expr.span.text
            ids = {f"@{cid}" for pos, cid in entity_ids if sent and sent[0] <= pos < sent[1]}
            # the words around the expression, not the date words themselves
            outside = (
                body[sent[0] : expr.span.start] + body[expr.span.end : sent[1]] if sent else ""
            )
            out.append(
                _Item(
                    index,
                    expr.span.start,
                    mention,
                    sent,
                    is_future_context(text),
                    content_words(outside) | frozenset(ids),
                )
            )
    return out


def _idf(articles: Sequence[Article], analyses: Sequence[Analysis]) -> dict[str, float]:
    docs: list[frozenset[str]] = []
    for article, analysis in zip(articles, analyses, strict=True):
        for start, end in sentence_bounds(article.body, analysis.sentences):
            docs.append(content_words(article.body[start:end]))
    n = max(len(docs), 1)
    df: dict[str, int] = {}
    for words in docs:
        for w in words:
            df[w] = df.get(w, 0) + 1
    # smoothed so that a word shared by two of three sentences still counts in a short story
    return {w: math.log(1 + n / c) for w, c in df.items()}


def overlap_score(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> tuple[int, float]:
    """How much two sentence contexts share: (shared words, summed IDF)."""
    shared = a & b
    default = max(idf.values(), default=1.0)  # entity ids and unseen words count as rare
    return len(shared), sum(idf.get(w, default) for w in shared)


def collect_clues(
    articles: Sequence[Article], analyses: Sequence[Analysis]
) -> Clues:
    """Lower bound, weekday constraints and year votes from every article (rule 2)."""
    items = _items(articles, analyses)
    idf = _idf(articles, analyses)
    pubs = [_published(a, x) for a, x in zip(articles, analyses, strict=True)]
    pub_md = [(p.month, p.day) if p and p.month and p.day else None for p in pubs]
    # the story year is the year of the first dated publication (see _story_reference)
    story_md = next((md for md in pub_md if md), None)

    def constraint(
        month: int, day: int, weekday: int, weight: float, reason: str
    ) -> WeekdayConstraint:
        offset = _year_offset(month, day, story_md)
        return WeekdayConstraint(month, day, weekday, weight, reason, offset)

    bounds: list[int] = []
    votes: dict[int, float] = {}
    weekdays: list[WeekdayConstraint] = []
    for item in items:
        m = item.mention
        if m.kind in ("year", "month", "date") and m.year is not None and not item.future:
            if m.lead in _PAST_LEADS:
                bounds.append(m.year + 1 if m.lead == "back in" else m.year)
            near = pub_md[item.article]
            gap = _day_gap(m.month or 1, m.day or 1, near) if near else None
            if m.kind == "date" and gap is not None and 0 <= gap <= NEAR_DAYS:
                votes[m.year] = votes.get(m.year, 0.0) + VOTE_WEIGHT
        if m.kind == "date" and m.weekday is not None and m.year is None:
            weekdays.append(
                constraint(m.month or 1, m.day or 1, m.weekday, TOGETHER_WEIGHT, "written together")
            )

    for pub in pubs:  # a dateline that names its weekday: "Tuesday, 7 February"
        if pub is not None and pub.year is None and pub.text:
            for found in scan(pub.text):
                m = found.mention
                if m.kind == "date" and m.weekday is not None:
                    weekdays.append(
                        constraint(m.month or 1, m.day or 1, m.weekday, TOGETHER_WEIGHT, "dateline")
                    )

    # a relative weekday in a past-tense sentence points into the last week
    relative = [
        i for i in items
        if i.mention.kind == "weekday" and i.mention.lead != "next" and not i.future
    ]  # fmt: skip
    dated = [i for i in items if i.mention.kind == "date" and i.mention.year is None]
    for w in relative:
        # one weekday mention names one day: keep only its best-matching date
        best: tuple[float, WeekdayConstraint] | None = None
        for d in dated:
            if w.article == d.article and w.sentence == d.sentence:
                continue  # one sentence can name two different days
            month, day = d.mention.month or 1, d.mention.day or 1
            near_w, near_d = pub_md[w.article], pub_md[d.article]
            if near_w and not 0 <= _day_gap(month, day, near_w) <= 7:
                continue
            if near_d and not -2 <= _day_gap(month, day, near_d) <= NEAR_DAYS:
                continue
            shared, score = overlap_score(w.words, d.words, idf)
            if shared >= MIN_SHARED and score >= MIN_SCORE and (best is None or score > best[0]):
                reason = f"co-reference: article {w.article} weekday, article {d.article} date"
                best = (score, constraint(month, day, w.mention.weekday or 0, score, reason))
        if best is not None:
            weekdays.append(best[1])
    return Clues(max(bounds) if bounds else None, weekdays, votes)


def choose_year(clues: Clues) -> int | None:
    """The story year (rule 3), or None when the clues do not settle it."""
    if clues.lower_bound is None or not (clues.weekdays or clues.votes):
        return None
    best: tuple[float, int] | None = None
    for year in range(clues.lower_bound, clues.lower_bound + SEARCH_WINDOW + 1):
        score = clues.votes.get(year, 0.0)
        for c in clues.weekdays:
            try:
                if dt.date(year + c.offset, c.month, c.day).weekday() == c.weekday:
                    score += c.weight
            except ValueError:
                continue
        if score > 0 and (best is None or score > best[0]):
            best = (score, year)
    return best[1] if best else None


# -------------------------------------------------------------------- resolution


def _story_reference(
    articles: Sequence[Article], pubs: Sequence[PartialDate | None], clues: Clues | None
) -> tuple[dt.date | None, str]:
    """The story's reference date (a written publication date, else the inferred one)
    and where it comes from, for the `anchor` text."""
    written = sorted(
        (d, a.id) for a, p in zip(articles, pubs, strict=True)
        if p and p.year and not p.year_inferred and (d := p.to_date())
    )  # fmt: skip
    if written:
        date, source = written[(len(written) - 1) // 2]
        return date, f"article {source[:12]}"
    year = choose_year(clues) if clues is not None else None
    if year is None or clues is None:
        return None, ""
    for a, p in zip(articles, pubs, strict=True):
        if p and p.month and p.day:
            day = min(p.day, 28) if p.month == 2 else p.day  # 29 Feb in a common year
            return dt.date(year, p.month, day), f"article {a.id[:12]}, year inferred"
    if not clues.weekdays:
        return None, ""
    first = clues.weekdays[0]
    return (
        dt.date(year + first.offset, first.month, first.day),
        "a date the story mentions, year inferred",
    )


def _resolve_published(pub: PartialDate | None, story_ref: dt.date | None) -> PartialDate | None:
    if story_ref is None or (pub is not None and pub.year is not None):
        return pub
    if pub is None or pub.month is None:
        base = pub or PartialDate()
        return base.model_copy(update={"year": story_ref.year, "year_inferred": True})
    year = nearest_year(pub.month, pub.day, story_ref)
    return pub.model_copy(update={"year": year, "year_inferred": True})


def _reference(
    pub: PartialDate | None, story_ref: dt.date | None, own: PartialDate | None, ref_id: str
) -> Reference | None:
    if pub is not None and pub.to_date() is not None:
        return reference_from(pub)
    if story_ref is not None and (own is None or own.month is None):
        label = f"story publication {story_ref.isoformat()} ({ref_id}; this article has no date)"
        return Reference(story_ref.year, story_ref.month, story_ref.day, label, inferred=True)
    return reference_from(pub)


def _reresolve(article: Article, analysis: Analysis, ref: Reference | None) -> list[TimeExpression]:
    bounds = sentence_bounds(article.body, analysis.sentences)
    out: list[TimeExpression] = []
    for expr in analysis.times:
        mention = parse_mention(expr.span.text)
        if mention is None or article.body[expr.span.start : expr.span.end] != expr.span.text:
            out.append(expr)
            continue
        new = to_expression(
            article.body, bounds, expr.span.start, expr.span.end, mention, ref, YEARS
        )
        out.append(new if new != expr.model_copy(update={"produced_by": YEARS}) else expr)
    return out


def infer_story_years(articles: list[Article], analyses: list[Analysis]) -> list[Analysis]:
    """New Analysis records with publication years inferred and times re-resolved.

    `analyses` are matched to `articles` by `article_id`; the result keeps the order
    of `analyses`. Articles themselves are never changed: the resolved publication
    date goes to `Analysis.published`. See the module docstring for the rules.
    """
    if not analyses:
        return []
    by_id = {a.id: a for a in articles}
    pairs = [(by_id[x.article_id], x) for x in analyses if x.article_id in by_id]
    arts = [a for a, _ in pairs]
    anas = [x for _, x in pairs]
    pubs = [_published(a, x) for a, x in pairs]

    has_written = any(p and p.year and not p.year_inferred and p.to_date() for p in pubs)
    clues = None if has_written else collect_clues(arts, anas)
    story_ref, ref_source = _story_reference(arts, pubs, clues)

    resolved: dict[str, Analysis] = {}
    for (article, analysis), pub in zip(pairs, pubs, strict=True):
        new_pub = _resolve_published(pub, story_ref)
        ref = _reference(new_pub, story_ref, pub, ref_source)
        times = _reresolve(article, analysis, ref)
        resolved[analysis.article_id] = analysis.model_copy(
            update={"published": new_pub, "times": times}
        )
    return [resolved.get(x.article_id, x) for x in analyses]
