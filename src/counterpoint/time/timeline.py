"""One merged timeline for a story: each dated event once, with every article behind it.

Cascade for each time expression of each analysis:
  1. keep DATE expressions whose value has at least a year ("2021", "2022-12",
     "2023-W05", "2023-02-05"); drop durations, sets, clock times, unresolved (None)
     values, "XXXX-..." values and PRESENT_REF/PAST_REF;
  2. group by value: one event per distinct value, supports listed in article order;
  3. label: the sentence of the first mention (from `Analysis.sentences`, else a
     regex splitter) when it fits in ~120 characters; else the clause containing the
     date, grown with the following clauses (then preceding ones) until it has ~60
     characters and does not end with the date, cut at ~120 on a word boundary;
  4. sort chronologically by the period's start, wider periods first on ties.
"""

from __future__ import annotations

import datetime as dt
import re

from counterpoint.records import Analysis, Article, TimelineEvent, TimelineSupport, TimeType
from counterpoint.time.expressions import sentence_at, sentence_bounds

LABEL_MAX = 120
LABEL_MIN = 60

_DATED = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?|-W(?P<w>\d{2})(?P<we>-WE)?)?$"
)
_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+[—–]\s+")


def period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a dated TIMEX3 value; None if it is not one."""
    m = _DATED.match(value)
    if not m:
        return None
    year = int(m["y"])
    try:
        if m["w"]:
            monday = dt.date.fromisocalendar(year, int(m["w"]), 1)
            if m["we"]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if m["d"]:
            day = dt.date(year, int(m["m"]), int(m["d"]))
            return day, day
        if m["m"]:
            month = int(m["m"])
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def label_for(body: str, sentence: tuple[int, int] | None, start: int, end: int) -> str:
    """A short description: the clause containing body[start:end], grown and trimmed."""
    s_start, s_end = sentence or (max(0, start - LABEL_MAX), min(len(body), end + LABEL_MAX))
    text = body[s_start:s_end]
    if len(" ".join(text.split())) <= LABEL_MAX:
        return " ".join(text.split())
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    rel = start - s_start
    i = next((k for k, (a, b) in enumerate(pieces) if a <= rel < b or rel < a), len(pieces) - 1)
    lo = hi = i
    def wanting() -> bool:
        short = pieces[hi][1] - pieces[lo][0] < LABEL_MIN
        # a clause that ends with the date ("noted that on Feb. 5,") says little yet
        ends_with_date = pieces[hi][1] - (end - s_start) < 15
        return short or (ends_with_date and hi < len(pieces) - 1)

    while wanting() and (lo > 0 or hi < len(pieces) - 1):
        if hi < len(pieces) - 1:  # the words after a date usually say what happened
            hi += 1
        else:
            lo -= 1
    label = " ".join(text[pieces[lo][0] : pieces[hi][1]].split())
    if len(label) > LABEL_MAX:
        cut = label[: LABEL_MAX - 1]
        label = cut[: cut.rfind(" ")].rstrip(",;:") + "…" if " " in cut else cut + "…"
    return label


def merge_timeline(articles: list[Article], analyses: list[Analysis]) -> list[TimelineEvent]:
    """One TimelineEvent per distinct dated value across the story (see the cascade)."""
    by_id = {a.id: a for a in articles}
    supports: dict[str, list[TimelineSupport]] = {}
    labels: dict[str, str] = {}
    for analysis in analyses:
        article = by_id.get(analysis.article_id)
        if article is None:
            continue
        bounds = sentence_bounds(article.body, analysis.sentences)
        for expr in sorted(analysis.times, key=lambda t: t.span.start):
            if expr.type != TimeType.DATE or expr.value is None or period(expr.value) is None:
                continue
            supports.setdefault(expr.value, []).append(
                TimelineSupport(article_id=article.id, span=expr.span)
            )
            if expr.value not in labels:
                sentence = sentence_at(bounds, expr.span.start)
                labels[expr.value] = label_for(
                    article.body, sentence, expr.span.start, expr.span.end
                )

    def order(value: str) -> tuple[dt.date, int, str]:
        first, last = period(value) or (dt.date.max, dt.date.max)
        return first, -(last - first).days, value

    return [
        TimelineEvent(value=value, label=labels[value], supports=supports[value])
        for value in sorted(supports, key=order)
    ]
