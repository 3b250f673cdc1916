"""Finding time expressions in text with regular-expression rules (no parse needed).

Each rule turns a regex match into a `Mention`: what the words say about time, before
any normalization ("Feb. 5" -> month 2, day 5; "last week" -> week, -1). The same rules
re-parse a stored span on its own (`parse_mention`), which is what lets the story-level
year inference re-resolve expressions found earlier without keeping private state.

Rules, tried together; overlapping matches are settled longest-first, then leftmost
(so "at the end of December last year" wins over "last year"):

  1. iso            "2023-02-07", "2023-02-07T18:46"
  2. month_day      "Feb. 7", "on Jan. 6", "Sunday, Feb. 5, 2023", "February 7 at 6 pm"
  3. day_month      "7 February", "7 February, 06:46 PM", "the 5th of March"
  4. month          "in December", "in early March", "at the end of December last year"
  5. year           "in 2021", "back in 2021", "since 2019", "in late 2020"
  6. relative_day   "yesterday", "today", "tomorrow", "tonight"
  7. relative_unit  "last week", "next month", "earlier this month", "the end of last year"
  8. offset         "two days ago", "three weeks earlier"
  9. duration       "for two days", "over the past three weeks", "a 10-year deal"
 10. reference      "now", "currently" (PRESENT_REF), "recently" (PAST_REF)
 11. weekday        "On Sunday", "a Monday tweet", "next Tuesday", "Friday night"
 12. set            "daily", "every week", "Daily at 9am EST", "every Sunday"
 13. clock          "06:46 PM", "9am EST", "at 18:30 GMT"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from counterpoint.records import Sentence

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
FUZZY_NUMBERS = ("a few", "few", "several", "many", "some")
TIMEZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "CET": 60, "CEST": 120,
    "EET": 120, "EEST": 180, "MSK": 180, "IRST": 210, "BST": 60,
}  # fmt: skip

# Month names are matched capitalized only: lowercase "march"/"may" are verbs.
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TZ = "|".join(TIMEZONES)
_CLOCK = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?!\w)"
    rf"(?:\s+(?P<tz>{_TZ})\b)?"
)
_CLOCK24 = rf"(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})(?:\s+(?P<tz>{_TZ})\b)?"
_NUM = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|a few|few|several|many|some)"
)
_UNIT = r"(?:day|week|month|year|decade|hour|minute)"
_MOD = r"(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)"
_FREQ = (
    r"(?:[Dd]aily|[Ww]eekly|[Mm]onthly|[Yy]early|[Aa]nnually|[Hh]ourly"
    r"|[Ee](?:very|ach)\s+(?:day|week|month|year))"
)


@dataclass(frozen=True)
class Mention:
    """What a time expression says, before normalization.

    `kind` names the rule family: "date", "month", "year", "relative_day",
    "relative_unit", "offset", "duration", "reference", "weekday", "set", "clock".
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    tz: str | None = None
    modifier: str | None = None  # "end of", "early", "earlier", ...
    shift: int = 0  # -1 last/ago/yesterday, +1 next/tomorrow, 0 this/today
    unit: str | None = None  # day/week/month/year/weekend/decade/hour/minute
    amount: int | None = None  # None for fuzzy amounts ("several days")
    lead: str | None = None  # the preposition or determiner before it ("back in", "a")
    value: str | None = None  # fixed values: PRESENT_REF, PAST_REF, P1D ...


@dataclass(frozen=True)
class Found:
    """A rule match in a text: character offsets and the mention."""

    start: int
    end: int
    mention: Mention


def _norm_mod(text: str | None) -> str | None:
    return re.sub(r"\s+", " ", text.lower()) if text else None


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _clock(m: re.Match[str]) -> tuple[int, int, str | None] | None:
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or 0)
    ampm = (m.groupdict().get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute, m.group("tz")


def _amount(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text in FUZZY_NUMBERS:
        return None
    return NUMBERS[text]


def _starts_sentence(m: re.Match[str]) -> bool:
    """A capitalized 'Today' is a date only at a sentence start (not 'Ukraine Today')."""
    before = m.string[: m.start()].rstrip(" \t\"“'‘(")
    return not before or before[-1] in ".!?\n:"


# ----------------------------------------------------------------------- the rules


def _iso(m: re.Match[str]) -> Mention | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    hour = int(m["H"]) if m["H"] else None
    minute = int(m["M"]) if m["M"] else None
    return Mention("date", year=y, month=mo, day=d, hour=hour, minute=minute)


def _day_date(m: re.Match[str]) -> Mention | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    hour = minute = None
    tz = None
    if m["hour"]:
        clock = _clock(m)
        if clock is None:
            return None
        hour, minute, tz = clock
    return Mention(
        "date",
        year=int(m["y"]) if m["y"] else None,
        month=_month(m["mon"]),
        day=day,
        weekday=WEEKDAYS[m["wd"].lower()] if m["wd"] else None,
        hour=hour,
        minute=minute,
        tz=tz,
        lead=m["lead"].lower() if m["lead"] else None,
    )


def _month_rule(m: re.Match[str]) -> Mention | None:
    if not (m["lead"] or m["mod"] or m["y"] or m["rel"]):
        return None  # a bare "March" is too often a name or a verb
    shift = {"last": -1, "this": 0, "next": 1}.get((m["rel"] or "").lower())
    return Mention(
        "month",
        year=int(m["y"]) if m["y"] else None,
        month=_month(m["mon"]),
        modifier=_norm_mod(m["mod"]),
        shift=shift if shift is not None else 0,
        unit="year" if m["rel"] else None,  # "December last year": the year is relative
        lead=_norm_mod(m["lead"]),
    )


def _year_rule(m: re.Match[str]) -> Mention | None:
    return Mention(
        "year", year=int(m["y"]), modifier=_norm_mod(m["mod"]), lead=_norm_mod(m["lead"])
    )


def _relative_day(m: re.Match[str]) -> Mention | None:
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if m.group(0)[0].isupper() and not _starts_sentence(m):
        return None
    shifts = {
        "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }  # fmt: skip
    return Mention("relative_day", shift=shifts[word], unit="day", lead=word)


def _relative_unit(m: re.Match[str]) -> Mention | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if rel in ("past", "coming"):
        return Mention("duration", unit=unit, amount=1, shift=-1 if rel == "past" else 1)
    modifier = _norm_mod(m["pre"]) or (f"{m['mod'].lower()} of" if m["mod"] else None)
    return Mention(
        "relative_unit",
        unit=unit,
        shift={"last": -1, "previous": -1, "this": 0, "next": 1}[rel],
        modifier=modifier,
    )


def _offset(m: re.Match[str]) -> Mention | None:
    direction = m["dir"].lower()
    return Mention(
        "offset",
        unit=m["unit"].lower(),
        amount=_amount(m["n"]),
        shift=1 if direction in ("later", "after") else -1,
        lead=direction,  # "ago" counts from publication; the others from a narrated event
    )


def _duration(m: re.Match[str]) -> Mention | None:
    if m.groupdict().get("old"):
        return None  # "a 5-year-old": an age, not a time
    return Mention("duration", unit=m["unit"].lower(), amount=_amount(m["n"]))


def _reference(m: re.Match[str]) -> Mention | None:
    word = m.group(0).lower()
    value = "PAST_REF" if word in ("recently", "lately") else "PRESENT_REF"
    return Mention("reference", value=value, lead=word)


def _weekday(m: re.Match[str]) -> Mention | None:
    lead = (m["lead"] or m["art"] or "").lower() or None
    shift = {"last": -1, "next": 1, "this": 0}.get(lead or "")
    return Mention(
        "weekday",
        weekday=WEEKDAYS[m["wd"].lower()],
        shift=shift if shift is not None else 0,
        lead=lead,
        modifier=m["part"].lower() if m["part"] else None,
    )


def _set_rule(m: re.Match[str]) -> Mention | None:
    if m.groupdict().get("wd"):
        return Mention("set", weekday=WEEKDAYS[m["wd"].lower()], unit="week")
    freq = re.sub(r"\s+", " ", m["freq"].lower())
    unit = {
        "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
        "annually": "year", "hourly": "hour",
    }.get(freq) or freq.split()[-1]  # fmt: skip
    hour = minute = None
    tz = None
    if m["hour"]:
        clock = _clock(m)
        if clock is None:
            return None
        hour, minute, tz = clock
    return Mention("set", unit=unit, hour=hour, minute=minute, tz=tz)


def _set_rule_wd(m: re.Match[str]) -> Mention | None:
    wd = m["wd"] or m["wd2"]
    return Mention("set", weekday=WEEKDAYS[wd.lower()], unit="week")


def _clock_rule(m: re.Match[str]) -> Mention | None:
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute, tz = clock
    return Mention("clock", hour=hour, minute=minute, tz=tz)


def _clock24_rule(m: re.Match[str]) -> Mention | None:
    if not (m["tz"] or m["at"]):
        return None  # a bare "2:1" is a score or a ratio; need "at" or a time zone
    return _clock_rule(m)


_DATE_TAIL = rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?(?:,?\s+(?:at\s+)?{_CLOCK})?"

Rule = tuple[str, "re.Pattern[str]", Callable[[re.Match[str]], Mention | None]]

RULES: list[Rule] = [
    (
        "iso",
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2}))?\b"),
        _iso,
    ),
    (
        "month_day",
        re.compile(
            rf"(?:\b(?P<lead>[Oo]n)\s+)?(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s+"
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]\d)\b{_DATE_TAIL}"
        ),
        _day_date,
    ),
    (
        "day_month",
        re.compile(
            rf"(?:\b(?P<lead>[Oo]n)\s+)?(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?\b(?P<d>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON}){_DATE_TAIL}"
        ),
        _day_date,
    ),
    (
        "month",
        re.compile(
            r"(?:\b(?P<lead>[Bb]ack\s+in|[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Aa]t|[Ff]rom"
            r"|[Ss]tarting\s+in)\s+)?"
            rf"(?:(?:the\s+)?(?P<mod>{_MOD})(?:-|\s+))?(?:the\s+month\s+of\s+)?"
            rf"(?P<mon>{_MON})"
            r"(?:\s+(?:of\s+)?(?:(?P<y>\d{4})(?!\d)|(?P<rel>last|this|next)\s+year\b))?"
        ),
        _month_rule,
    ),
    (
        "year",
        re.compile(
            r"\b(?P<lead>[Bb]ack\s+in|[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ss]tarting\s+in"
            r"|[Aa]s\s+(?:early|far\s+back)\s+as)\s+"
            rf"(?:(?:the\s+)?(?P<mod>{_MOD})(?:-|\s+))?(?:the\s+year\s+)?"
            r"(?P<y>(?:1[89]|20)\d{2})\b(?![-–]\d|\s*(?:%|percent))"
        ),
        _year_rule,
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?:[Tt]he day (?:before yesterday|after tomorrow)|[Yy]esterday|[Tt]oday|[Tt]omorrow"
            r"|[Tt]onight)\b"
        ),
        _relative_day,
    ),
    (
        "relative_unit",
        re.compile(
            r"\b(?:(?P<pre>[Ee]arlier|[Ll]ater)\s+)?(?:(?:[Aa]t\s+|[Bb]y\s+|[Ii]n\s+)?(?:the\s+)?"
            r"(?P<mod>end|beginning|start|middle)\s+of\s+)?"
            r"(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming|[Pp]revious)\s+"
            r"(?P<unit>week|month|year|weekend)\b"
        ),
        _relative_unit,
    ),
    (
        "offset",
        re.compile(
            rf"\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})s?\s+"
            r"(?P<dir>ago|earlier|later|before|after|prior)\b",
            re.IGNORECASE,
        ),
        _offset,
    ),
    (
        "duration",
        re.compile(
            r"\b(?:(?:for|over|during|within|in)\s+(?:the\s+(?:past|last|next|coming)\s+)?"
            rf"|the\s+(?:past|last|next|coming)\s+)(?P<n>{_NUM})\s+(?P<unit>{_UNIT})s?\b",
            re.IGNORECASE,
        ),
        _duration,
    ),
    (
        "duration_compound",
        re.compile(rf"\b(?P<n>{_NUM})-(?P<unit>{_UNIT})(?P<old>-old)?\b", re.IGNORECASE),
        _duration,
    ),
    (
        "reference",
        re.compile(
            r"\b(?:[Cc]urrently|[Nn]owadays|[Aa]t present|[Rr]ight now|[Nn]ow|[Rr]ecently"
            r"|[Ll]ately)\b"
        ),
        _reference,
    ),
    (
        "weekday",
        re.compile(
            r"(?:\b(?P<lead>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly"
            r"|[Ll]ate)\s+)?"
            rf"(?:\b(?P<art>[Aa]n?)\s+)?\b(?P<wd>{_WD})\b"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
            r"(?(art)\s+(?P<noun>[a-z]+)\b)"
        ),
        _weekday,
    ),
    (
        "set",
        re.compile(rf"\b(?P<freq>{_FREQ})(?:\s+at\s+{_CLOCK})?"),
        _set_rule,
    ),
    (
        "set_weekday",
        re.compile(rf"\b(?:(?:[Ee]very|[Ee]ach)\s+(?P<wd>{_WD})\b|(?:[Oo]n\s+)?(?P<wd2>{_WD})s\b)"),
        _set_rule_wd,
    ),
    ("clock", re.compile(rf"(?:\b(?:at|by|around|from|until)\s+)?\b{_CLOCK}"), _clock_rule),
    ("clock24", re.compile(rf"(?:\b(?P<at>at)\s+)?\b{_CLOCK24}"), _clock24_rule),
]


def scan(text: str) -> list[Found]:
    """Every rule match in `text`, overlaps settled longest-first then leftmost."""
    candidates: list[Found] = []
    for _name, pattern, build in RULES:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            mention = build(m)
            if mention is not None:
                start, end = m.start(), m.end()
                # trailing spaces can be eaten by optional groups; keep spans tight
                while end > start and text[end - 1].isspace():
                    end -= 1
                candidates.append(Found(start, end, mention))
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[Found] = []
    for cand in candidates:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda f: f.start)


def parse_mention(text: str) -> Mention | None:
    """Re-parse one stored expression: the mention of the rule matching all of `text`."""
    found = scan(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.rstrip()):
        return found[0].mention
    return None


# ------------------------------------------------------------------- sentence context

_SENT_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z])|\n+")
_ABBREV_END = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|St|Prof"
    r"|Sen|Rep|Gov|No|vs|[A-Z]))\.$"
)


def sentence_bounds(
    text: str, sentences: Sequence[Sentence] | None = None
) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets: from the given sentences, else a regex splitter.

    The fallback splits at sentence punctuation followed by a capital, and at newlines,
    except after a known abbreviation ("Feb.", "Mr.", an initial).
    """
    if sentences:
        return [(s.span.start, s.span.end) for s in sentences]
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_BREAK.finditer(text):
        if "\n" not in m.group(0) and _ABBREV_END.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        if text[start : m.start()].strip():
            bounds.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


def sentence_at(bounds: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The (start, end) of the sentence containing `offset`, if any."""
    for start, end in bounds:
        if start <= offset < end:
            return start, end
    return None
