"""Article metadata found in the text itself: the headline line and the dateline line.

`parse_dateline(line)` reads a line that is nothing but a publication date, with an
optional label ("Updated:", "Published"), weekday, time and time zone, into a
`PartialDate`. A missing year stays None: the year is inferred later across the story
(time.years), never guessed here. Anything else on the line (words that are not part
of a date) means it is not a dateline, so body sentences that contain dates are safe.

Date forms, tried in order on what is left after removing label, weekday, zone, time:

1. ISO 8601: 2023-02-07, 2023-02-07T18:46, 2023-02-07 18:46:00+02:00;
2. day month [year]: "7 February", "7th Feb. 2023";
3. month day [year]: "February 7, 2023", "Feb. 7";
4. numeric day.month.year (dots are European); with "/" or "-" only when the order is
   unambiguous (one part above 12) -- otherwise refuse rather than guess;
5. month year: "February 2023".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from counterpoint.records import PartialDate

MONTHS: dict[str, int] = {}
for _num in range(1, 13):
    MONTHS[calendar.month_name[_num].lower()] = _num
    MONTHS[calendar.month_abbr[_num].lower()] = _num
MONTHS["sept"] = 9

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"

# Fixed offsets only: "ET"/"PT" change with daylight saving, so their offset stays None.
ZONES: dict[str, int | None] = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120,
    "eest": 180, "msk": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "jst": 540, "ist": None,
    "et": None, "pt": None, "ct": None, "mt": None, "kyiv time": None,
    "local time": None,
}  # fmt: skip

_LABEL_RE = re.compile(
    r"^(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified|created|date|dated|"
    r"issued|released)(?:\s+(?:on|at))?\s*[:\-–—]?\s*)",
    re.I,
)
_WEEKDAY_RE = re.compile(rf"^{_WEEKDAY}\s*,?\s+", re.I)
_ZONE_RE = re.compile(
    r"(?:^|[\s,(])(?P<zone>" + "|".join(sorted((re.escape(z) for z in ZONES), key=len, reverse=True))
    + r")(?P<offset>\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?$"
    r"|(?:^|\s)(?P<bare>[+-]\d{2}:?\d{2})$",
    re.I,
)
_TIME = r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?::\d{2})?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
_TIME_END_RE = re.compile(rf"(?:^|[\s,]+|\s+at\s+|\s*[|\-–—]\s*){_TIME}$", re.I)
_TIME_START_RE = re.compile(rf"^{_TIME}\s*(?:,|\s[|\-–—]|\s)\s*", re.I)

_ISO_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$",
    re.I,
)
_DMY_RE = re.compile(
    rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH}),?(?:\s+(?P<y>\d{{4}}))?$", re.I
)
_MDY_RE = re.compile(
    rf"^(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?$", re.I
)
_NUMERIC_RE = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})$")
_YMD_SLASH_RE = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")
_MY_RE = re.compile(rf"^(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})$", re.I)

MAX_DATELINE_CHARS = 80


def parse_dateline(line: str) -> PartialDate | None:
    """The `PartialDate` a dateline line states, or None when the line is not one.

    Several dates joined by "|" or "•" ("Published ... | Updated ...") give the first.
    """
    text = " ".join(line.split())
    if not text or len(text) > MAX_DATELINE_CHARS:
        return None
    parts = [p.strip() for p in re.split(r"\s+[|•·]\s+", text) if p.strip()]
    parsed = [_parse_one(p) for p in parts]
    if not parsed or any(p is None for p in parsed):
        return None
    first = parsed[0]
    assert first is not None
    return first.model_copy(update={"text": line.strip()})


def _parse_one(text: str) -> PartialDate | None:
    s = _LABEL_RE.sub("", text, count=1).strip(" ,;")
    s = _WEEKDAY_RE.sub("", s, count=1).strip()
    iso = _ISO_RE.match(s)
    if iso:
        return _build(
            iso["y"], iso["m"], iso["d"], iso["H"], iso["M"], None, _offset(iso["tz"]), text
        )
    offset: int | None = None
    zone = _ZONE_RE.search(s)
    if zone:
        offset = _zone_offset(zone)
        s = s[: zone.start()].strip(" ,")
    hour = minute = ampm = None
    time = _TIME_END_RE.search(s) or _TIME_START_RE.match(s)
    # A bare number is only a time with minutes or am/pm ("7" alone is a day).
    if time and (time["minute"] or time["ampm"]):
        hour, minute, ampm = time["hour"], time["minute"] or "00", time["ampm"]
        s = (s[: time.start()] + " " + s[time.end() :]).strip(" ,")
    elif zone:
        return None  # a zone with no time ("February 7 GMT") is not a dateline form
    s = _WEEKDAY_RE.sub("", s, count=1).strip(" ,")
    for regex in (_DMY_RE, _MDY_RE):
        m = regex.match(s)
        if m:
            return _build(m["y"], _month(m["m"]), m["d"], hour, minute, ampm, offset, text)
    m = _NUMERIC_RE.match(s)
    if m:
        a, b = int(m["a"]), int(m["b"])
        if m["sep"] == "." or a > 12:
            day, month = a, b
        elif b > 12 or a == b:
            day, month = b, a
        else:
            return None  # 03/04/2023: US or European order? Refuse rather than guess.
        return _build(m["y"], month, day, hour, minute, ampm, offset, text)
    m = _YMD_SLASH_RE.match(s)
    if m:
        return _build(m["y"], m["m"], m["d"], hour, minute, ampm, offset, text)
    m = _MY_RE.match(s)
    if m and hour is None:
        return _build(m["y"], _month(m["m"]), None, None, None, None, None, text)
    return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _offset(tz: str | None) -> int | None:
    if not tz:
        return None
    if tz.upper() == "Z":
        return 0
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "").strip()
    hours = int(digits[:2]) if len(digits) >= 2 else int(digits)
    mins = int(digits[2:4]) if len(digits) >= 4 else 0
    return sign * (hours * 60 + mins)


def _zone_offset(m: re.Match[str]) -> int | None:
    if m["bare"]:
        return _offset(m["bare"])
    base = ZONES.get(m["zone"].lower())
    extra = m["offset"]
    if extra:
        extra = extra.replace(" ", "")
        sign = -1 if extra[0] == "-" else 1
        digits = extra[1:].replace(":", "")
        hours = int(digits[:-2]) if len(digits) > 2 else int(digits)
        mins = int(digits[-2:]) if len(digits) > 2 else 0
        return (base or 0) + sign * (hours * 60 + mins)
    return base


def _build(
    year: str | int | None,
    month: str | int | None,
    day: str | int | None,
    hour: str | int | None,
    minute: str | int | None,
    ampm: str | None,
    offset: int | None,
    text: str,
) -> PartialDate | None:
    y = int(year) if year is not None else None
    mo = int(month) if month is not None else None
    d = int(day) if day is not None else None
    h = int(hour) if hour is not None else None
    mi = int(minute) if minute is not None else None
    if mo is None or not 1 <= mo <= 12:
        return None
    if d is not None:
        # Without a year, allow 29 February (it may be a leap year).
        last = calendar.monthrange(y if y is not None else 2024, mo)[1]
        if not 1 <= d <= last:
            return None
    if h is not None:
        if ampm:
            if not 1 <= h <= 12:
                return None
            pm = ampm.lower().startswith("p")
            h = (h % 12) + (12 if pm else 0)
        if not 0 <= h <= 23 or mi is None or not 0 <= mi <= 59:
            return None
    return PartialDate(
        year=y, month=mo, day=d, hour=h, minute=mi, utc_offset_minutes=offset, text=text
    )


def partial_date_from_iso(value: str | dt.date) -> PartialDate:
    """A full `PartialDate` from an ISO date/datetime (sidecar `published`); ValueError if not ISO."""
    text = value if isinstance(value, str) else value.isoformat()
    if isinstance(value, str):
        # A date alone stays a day-precision date (datetime would invent midnight).
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        return PartialDate(
            year=value.year,
            month=value.month,
            day=value.day,
            hour=value.hour,
            minute=value.minute,
            utc_offset_minutes=int(offset.total_seconds() // 60) if offset is not None else None,
            text=text,
        )
    return PartialDate(year=value.year, month=value.month, day=value.day, text=text)


# ----------------------------------------------------------------------- headline

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def ends_like_sentence(line: str) -> bool:
    """True when the line ends with sentence-final punctuation (closing quotes allowed)."""
    return bool(_SENTENCE_END_RE.search(line.rstrip()))


def looks_like_headline(line: str) -> bool:
    """A headline: short-ish (2..30 words, <= 200 chars), not ending like a body sentence
    (a final period; "?" and "!" are fine), nor with ":" or "," (a lead-in)."""
    text = " ".join(line.split())
    words = text.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or len(text) > MAX_HEADLINE_CHARS:
        return False
    if text.endswith((":", ",", ";")):
        return False
    if ends_like_sentence(text) and not re.search(r"[?!][\"'”’»)\]]*$", text):
        # "U.S." or "Inc." at the end of a headline is an abbreviation, not a full stop.
        return bool(re.search(r"\b(?:[A-Z]\.){2,}$|\b(?:Inc|Ltd|Co|Corp|Jr|Sr)\.$", text))
    return any(c.isalpha() for c in text)
