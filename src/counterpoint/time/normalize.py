"""Normalizing time mentions to TIMEX3 values against a reference (publication) date.

Plain `datetime` arithmetic, no dateparser: the same input always gives the same
value, whatever the clock or locale of the machine.

Values follow TIMEX3: "2023-02-07", "2023-02" (a month), "2023" (a year), "2023-W05"
(an ISO week), "2023-W05-WE" (a weekend), "XXXX-02-07" (year unknown),
"2023-02-07T18:46" (a time), "P2D" (a duration), "PRESENT_REF"/"PAST_REF".

Resolution cascade for one mention (`resolve`):
  1. the expression writes its own year ("Feb. 5, 2023", "back in 2021"): used as is;
  2. a reference date with a year: the missing parts come from it (an undated
     "Feb. 5" takes the year that puts it nearest the reference; "On Sunday" is the
     latest Sunday on or before it, or the next one in a future-tense sentence);
  3. a reference with month/day but no year: month/day arithmetic that does not
     depend on the year still resolves ("yesterday" -> "XXXX-02-06"); weekdays,
     weeks and relative years do not: value None, anchor "publication (year unknown)";
  4. no reference at all: relative expressions get value None, anchor "unresolved".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from counterpoint.records import PartialDate, Span, TimeExpression, TimeType
from counterpoint.time.expressions import Mention, sentence_at

UNRESOLVED = "unresolved"
YEAR_UNKNOWN = "publication (year unknown)"

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|is (?:due|scheduled|set|expected) to|are (?:due|scheduled|set|expected)"
    r" to|upcoming)\b|'ll\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    """The date relative expressions are resolved against, and how it is described.

    `inferred` is True when its year was deduced (the story-level inference), so every
    value taking its year from it is marked `year_inferred`.
    """

    year: int | None
    month: int | None
    day: int | None
    label: str
    inferred: bool = False

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


@dataclass(frozen=True)
class Resolved:
    type: TimeType
    value: str | None
    anchor: str | None
    year_inferred: bool = False


def reference_from(published: PartialDate | None, label: str | None = None) -> Reference | None:
    """The publication date as a reference, or None when the article has no date."""
    if published is None or (published.month is None and published.year is None):
        return None
    if label is None:
        if published.year is None:
            label = YEAR_UNKNOWN
        else:
            label = f"publication {published.iso()[:10]}"
            if published.year_inferred:
                label += " (year inferred)"
    return Reference(
        published.year, published.month, published.day, label, inferred=published.year_inferred
    )


def is_future_context(sentence: str) -> bool:
    """A future-tense sentence ("will meet on Sunday") points weekdays forward."""
    return bool(_FUTURE.search(sentence))


# --------------------------------------------------------------------- arithmetic


def nearest_year(month: int, day: int | None, ref: dt.date) -> int:
    """The year that puts month/day closest to `ref` (Dec 30 seen on Jan 2 -> last year)."""
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day or 15)
        except ValueError:
            continue  # Feb 29 in a common year
        gap = abs((cand - ref).days)
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else ref.year


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _shift_month(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def _day_shift_without_year(month: int, day: int, shift: int) -> str | None:
    """Month/day arithmetic when the year is unknown: only if leap years do not matter."""
    values = set()
    for year in (2001, 2004):  # a common and a leap year
        try:
            values.add((dt.date(year, month, day) + dt.timedelta(days=shift)).strftime("%m-%d"))
        except ValueError:
            return None
    return f"XXXX-{values.pop()}" if len(values) == 1 else None


def _duration(unit: str, amount: int | None) -> str:
    n = "X" if amount is None else str(amount)
    if unit == "decade":
        return f"P{'X' if amount is None else amount * 10}Y"
    if unit in ("hour", "minute"):
        return f"PT{n}{unit[0].upper()}"
    return f"P{n}{unit[0].upper()}"


def _clock(mention: Mention) -> str:
    return f"T{mention.hour:02d}:{(mention.minute or 0):02d}"


def _join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "; ".join(kept) if kept else None


# ------------------------------------------------------------------------ resolve


def resolve(mention: Mention, ref: Reference | None, *, future: bool = False) -> Resolved:
    """TIMEX3 type, value and anchor for one mention (see the module cascade)."""
    handler = _HANDLERS[mention.kind]
    return handler(mention, ref, future)


def _date(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    kind = TimeType.TIME if m.hour is not None else TimeType.DATE
    clock = _clock(m) if m.hour is not None else ""
    tz = m.tz
    if m.year is not None:
        return Resolved(kind, f"{m.year:04d}-{m.month:02d}-{m.day:02d}{clock}", tz)
    assert m.month is not None and m.day is not None
    if ref is not None and ref.year is not None:
        base = ref.date or dt.date(ref.year, ref.month or 7, 1)
        year = nearest_year(m.month, m.day, base) if ref.month is not None else ref.year
        value = f"{year:04d}-{m.month:02d}-{m.day:02d}{clock}"
        return Resolved(kind, value, _join(tz, ref.label), ref.inferred)
    return Resolved(kind, f"XXXX-{m.month:02d}-{m.day:02d}{clock}", _join(tz, ref and ref.label))


def _month(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    assert m.month is not None
    if m.year is not None:
        return Resolved(TimeType.DATE, f"{m.year:04d}-{m.month:02d}", m.modifier)
    if ref is None or ref.year is None:
        anchor = UNRESOLVED if ref is None else ref.label
        if m.unit == "year":  # "December last year" needs the year
            return Resolved(TimeType.DATE, None, _join(m.modifier, anchor))
        return Resolved(TimeType.DATE, f"XXXX-{m.month:02d}", _join(m.modifier, anchor))
    if m.unit == "year":
        year = ref.year + m.shift
    elif ref.month is not None:
        year = nearest_year(m.month, None, dt.date(ref.year, ref.month, ref.day or 15))
    else:
        year = ref.year
    value = f"{year:04d}-{m.month:02d}"
    return Resolved(TimeType.DATE, value, _join(m.modifier, ref.label), ref.inferred)


def _year(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    return Resolved(TimeType.DATE, f"{m.year:04d}", m.modifier)


def _relative_day(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    if ref is None or ref.month is None or ref.day is None:
        return Resolved(TimeType.DATE, None, UNRESOLVED)
    if ref.date is not None:
        value = (ref.date + dt.timedelta(days=m.shift)).isoformat()
        return Resolved(TimeType.DATE, value, ref.label, ref.inferred)
    return Resolved(TimeType.DATE, _day_shift_without_year(ref.month, ref.day, m.shift), ref.label)


def _relative_unit(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    if ref is None:
        return Resolved(TimeType.DATE, None, _join(m.modifier, UNRESOLVED))
    anchor = _join(m.modifier, ref.label)
    if m.unit == "month" and ref.month is not None:
        if ref.year is None:
            _, month = _shift_month(2001, ref.month, m.shift)
            return Resolved(TimeType.DATE, f"XXXX-{month:02d}", anchor)
        year, month = _shift_month(ref.year, ref.month, m.shift)
        return Resolved(TimeType.DATE, f"{year:04d}-{month:02d}", anchor, ref.inferred)
    if m.unit == "year" and ref.year is not None:
        return Resolved(TimeType.DATE, f"{ref.year + m.shift:04d}", anchor, ref.inferred)
    if m.unit in ("week", "weekend") and ref.date is not None:
        value = _week(ref.date + dt.timedelta(weeks=m.shift))
        value += "-WE" if m.unit == "weekend" else ""
        return Resolved(TimeType.DATE, value, anchor, ref.inferred)
    return Resolved(TimeType.DATE, None, anchor)


def _offset(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    assert m.unit is not None
    if m.lead != "ago":
        # "three weeks earlier" counts from a narrated event we do not track: keep the span
        anchor = "an event in the text (not resolved)"
        return Resolved(TimeType.DURATION, _duration(m.unit, m.amount), anchor)
    if ref is None or ref.date is None:
        return Resolved(TimeType.DATE, None, UNRESOLVED if ref is None else ref.label)
    if m.amount is None:
        return Resolved(TimeType.DATE, "PAST_REF", ref.label)
    n = -m.amount
    base = ref.date
    if m.unit == "day":
        value = (base + dt.timedelta(days=n)).isoformat()
    elif m.unit == "week":
        value = _week(base + dt.timedelta(weeks=n))
    elif m.unit == "month":
        year, month = _shift_month(base.year, base.month, n)
        value = f"{year:04d}-{month:02d}"
    elif m.unit == "year":
        value = f"{base.year + n:04d}"
    elif m.unit == "decade":
        value = f"{(base.year + 10 * n) // 10:03d}"
    else:  # hours/minutes ago: the day is the best we can say
        value = base.isoformat()
    return Resolved(TimeType.DATE, value, ref.label, ref.inferred)


def _duration_kind(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    assert m.unit is not None
    unit = "week" if m.unit == "weekend" else m.unit
    return Resolved(TimeType.DURATION, _duration(unit, m.amount), None)


def _reference(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    return Resolved(TimeType.DATE, m.value, ref.label if ref else None)


def _weekday(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    assert m.weekday is not None
    if ref is None:
        return Resolved(TimeType.DATE, None, UNRESOLVED)
    if ref.date is None:
        return Resolved(TimeType.DATE, None, YEAR_UNKNOWN if ref.year is None else ref.label)
    base = ref.date
    back = (base.weekday() - m.weekday) % 7  # days back to the latest such day, 0..6
    if m.lead == "last":
        day = base - dt.timedelta(days=back or 7)
    elif m.lead == "next":
        day = base + dt.timedelta(days=(m.weekday - base.weekday()) % 7 or 7)
    elif m.lead == "this":
        day = base + dt.timedelta(days=m.weekday - base.weekday())  # the same ISO week
    elif future:
        day = base + dt.timedelta(days=(m.weekday - base.weekday()) % 7)
    else:  # news default: the past, on or before publication
        day = base - dt.timedelta(days=back)
    return Resolved(TimeType.DATE, day.isoformat(), ref.label, ref.inferred)


def _set(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    if m.weekday is not None:
        return Resolved(TimeType.SET, f"XXXX-WXX-{m.weekday + 1}", None)
    if m.hour is not None:
        return Resolved(TimeType.SET, f"XXXX-XX-XX{_clock(m)}", _join(f"every {m.unit}", m.tz))
    return Resolved(TimeType.SET, _duration(m.unit or "day", 1), None)


def _clock_kind(m: Mention, ref: Reference | None, future: bool) -> Resolved:
    clock = _clock(m)
    if ref is None or ref.month is None or ref.day is None:
        return Resolved(TimeType.TIME, f"XXXX-XX-XX{clock}", _join(m.tz, UNRESOLVED))
    year = f"{ref.year:04d}" if ref.year is not None else "XXXX"
    value = f"{year}-{ref.month:02d}-{ref.day:02d}{clock}"
    inferred = ref.inferred and ref.year is not None
    return Resolved(TimeType.TIME, value, _join(m.tz, ref.label), inferred)


_HANDLERS = {
    "date": _date,
    "month": _month,
    "year": _year,
    "relative_day": _relative_day,
    "relative_unit": _relative_unit,
    "offset": _offset,
    "duration": _duration_kind,
    "reference": _reference,
    "weekday": _weekday,
    "set": _set,
    "clock": _clock_kind,
}


def to_expression(
    body: str,
    bounds: Sequence[tuple[int, int]],
    start: int,
    end: int,
    mention: Mention,
    ref: Reference | None,
    produced_by: str,
) -> TimeExpression:
    """The TimeExpression record for a mention at body[start:end], tense from its sentence."""
    sentence = sentence_at(bounds, start)
    future = is_future_context(body[sentence[0] : sentence[1]]) if sentence else False
    res = resolve(mention, ref, future=future)
    return TimeExpression(
        span=Span(start=start, end=end, text=body[start:end]),
        type=res.type,
        value=res.value,
        anchor=res.anchor,
        year_inferred=res.year_inferred,
        produced_by=produced_by,
    )
