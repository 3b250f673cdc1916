"""The typed records every layer of counterpoint shares.

One definition of each record, used by ingest, the analysis stages, the store, the
CLI and (later) the web API, serialized with one JSON Schema (`counterpoint schema`).

Conventions:

* Character offsets (`Span.start`/`Span.end`) index into `Article.body` unless a
  record says otherwise; `end` is exclusive, `body[start:end] == text`.
* Every produced record carries `produced_by`, "<implementation>/<version>"
  (e.g. "attribution.rules/1"), so stored results can be compared and re-run.
* Records are immutable values (frozen); stages build new ones instead of mutating.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base for all records: frozen, no unknown fields, JSON round-trippable."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- spans


class Span(Record):
    """A stretch of text: `Article.body[start:end] == text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


# ------------------------------------------------------------------------ articles


class DatePrecision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"


class PartialDate(Record):
    """A calendar date that may lack its year (a dateline like "7 February, 06:46 PM").

    `year_inferred` is True when `year` was not written but deduced (from the
    story's other dates); `year is None` means the year is unknown.
    """

    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    hour: int | None = Field(default=None, ge=0, le=23)
    minute: int | None = Field(default=None, ge=0, le=59)
    utc_offset_minutes: int | None = None
    year_inferred: bool = False
    text: str = ""

    @property
    def precision(self) -> DatePrecision:
        if self.minute is not None or self.hour is not None:
            return DatePrecision.MINUTE
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def iso(self) -> str:
        """TimeML-style value: unknown parts are X ("XXXX-02-07T18:46")."""
        year = f"{self.year:04d}" if self.year is not None else "XXXX"
        out = year
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
                if self.hour is not None:
                    out += f"T{self.hour:02d}:{(self.minute or 0):02d}"
        return out

    def to_date(self) -> dt.date | None:
        """The calendar date, when year, month and day are all known."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


class RemovedLine(Record):
    """A line cleaning took out of the text, with the rule that removed it."""

    line_no: int = Field(ge=0, description="0-based line number in the raw text")
    text: str
    reason: str = Field(description="machine-readable rule name, e.g. 'social_promo'")
    detail: str = Field(default="", description="human-readable explanation")


class Caption(Record):
    """A photo/video caption kept out of the body, with its credit when one is given."""

    text: str
    credit: str | None = None
    line_no: int = Field(ge=0)


class Article(Record):
    """One cleaned article. `id` is a content hash: the same input gives the same id."""

    id: str
    source: str = Field(description="where it came from: a path or URL")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    language: str = "en"
    body: str
    removed: list[RemovedLine] = Field(default_factory=list)
    captions: list[Caption] = Field(default_factory=list)
    produced_by: str


# ------------------------------------------------------------------------ analysis


class Sentence(Record):
    span: Span


class Entity(Record):
    """One mention of a named entity, tied to a canonical identity.

    `canonical_id` is stable within and across articles ("iran" for "Tehran",
    "Iranian", "Iran"), so mentions in different articles can be joined on it.
    """

    span: Span
    label: str = Field(description="spaCy-style label: PERSON, ORG, GPE, NORP, ...")
    canonical_id: str
    canonical_name: str
    produced_by: str


class SourceKind(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    MEDIA = "media"
    ANONYMOUS = "anonymous"
    OUTLET = "outlet"  # the article's own voice
    UNKNOWN = "unknown"


class SourceRef(Record):
    """Who a statement comes from, as written and as resolved."""

    name: str = Field(description="canonical name, or the description for anonymous sources")
    kind: SourceKind
    canonical_id: str | None = None
    span: Span | None = Field(default=None, description="the words naming the source here")
    description: str | None = Field(
        default=None, description="e.g. 'officials from a country aligned with the US'"
    )


class Polarity(str, Enum):
    """What a cue (or a holder) does with the content it introduces."""

    ASSERTS = "asserts"
    DENIES = "denies"
    HEDGES = "hedges"
    QUESTIONS = "questions"
    ACCUSES = "accuses"


class AttributionKind(str, Enum):
    DIRECT = "direct"  # quoted words
    INDIRECT = "indirect"  # reported speech
    MIXED = "mixed"  # reported speech with a quoted part


class Channel(Record):
    """How a statement reached the outlet: "told Mehr", "in a Monday tweet"."""

    kind: Literal["agency", "media", "social", "statement", "interview", "report", "other"]
    name: str | None = None
    span: Span | None = None
    date_text: str | None = None


class Attribution(Record):
    """Who said what, through whom: one source-cue-content triple with its route."""

    id: str
    source: SourceRef
    cue: Span | None = None
    cue_parts: list[Span] = Field(
        default_factory=list,
        description="the cue's pieces when it is discontinuous ('cited ... as saying'); "
        "empty when the cue is the one span `cue`",
    )
    cue_lemma: str | None = None
    polarity: Polarity = Polarity.ASSERTS
    content: list[Span] = Field(description="one span, or several for split quotes")
    kind: AttributionKind
    channel: Channel | None = None
    chain: list[SourceRef] = Field(
        default_factory=list,
        description="intermediaries from the original source to the outlet, in order",
    )
    hedged_by_outlet: bool = Field(
        default=False, description="the outlet distances itself ('allegedly', 'claims')"
    )
    produced_by: str


class Voice(str, Enum):
    SOURCE = "source"  # the outlet reports someone's statement
    OUTLET = "outlet"  # the outlet says it itself


class Stance(str, Enum):
    ASSERTS = "asserts"
    DENIES = "denies"
    HEDGES = "hedges"
    QUESTIONS = "questions"


class Claim(Record):
    """A proposition held by someone in an article, with the holder's stance."""

    id: str
    proposition: str = Field(description="normalized: who does what to whom")
    holder: SourceRef
    stance: Stance
    voice: Voice
    evidence: list[Span]
    attribution_id: str | None = None
    # The proposition broken into its parts, so claims can be compared field by field
    # ("different actors for the same event"). Empty when the clause has no clear parts.
    subject: str = Field(default="", description="who acts (resolved, e.g. 'Iran')")
    predicate: str = Field(default="", description="the main verb's lemma, e.g. 'supply'")
    object: str = Field(default="", description="to whom / what, e.g. 'drones to Russia'")
    numbers: list[str] = Field(default_factory=list, description="quantities kept verbatim")
    places: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list, description="date phrases kept verbatim")
    produced_by: str


class TimeType(str, Enum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TimeExpression(Record):
    """A time expression and its TimeML-style normalized value ("2023-02-05", "2022-12")."""

    span: Span
    type: TimeType
    value: str | None = Field(description="TIMEX3 value; None when it cannot be resolved")
    anchor: str | None = Field(
        default=None, description="what a relative expression was resolved against"
    )
    year_inferred: bool = False
    produced_by: str


class Analysis(Record):
    """Everything the analysis stages found in one article."""

    article_id: str
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    published: PartialDate | None = Field(
        default=None, description="publication date after year inference"
    )
    produced_by: str


# ------------------------------------------------------------------ stories, comparison


class Story(Record):
    id: str
    title: str
    article_ids: list[str]
    pinned: bool = Field(default=False, description="split or merged by hand: keep as is")
    produced_by: str


class CellStance(str, Enum):
    """A cell of the claims-by-outlets matrix: what the article does with a claim."""

    ASSERTS = "asserts"  # the outlet in its own voice
    DENIES = "denies"
    HEDGES = "hedges"
    REPORTS_ASSERTING = "reports_asserting"  # the outlet reports a source asserting
    REPORTS_DENYING = "reports_denying"
    REPORTS_HEDGING = "reports_hedging"
    ABSENT = "absent"


class OutletPosition(str, Enum):
    """The outlet's own position on a claim, whoever else holds it (issue 4.2)."""

    ASSERTS = "asserts"  # says it in its own voice
    DISPUTES = "disputes"  # denies it in its own voice
    DISTANCES = "distances"  # keeps it at arm's length: "allegedly", "so-called", "claims"
    REPORTS = "reports"  # only reports what sources say
    ABSENT = "absent"


class ClaimCell(Record):
    article_id: str
    stance: CellStance
    outlet_position: OutletPosition | None = Field(
        default=None, description="the outlet's own position; None in records made before it"
    )
    holders: list[SourceRef] = Field(default_factory=list)
    holder_stances: list[Stance] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    claim_ids: list[str] = Field(default_factory=list)


class ClaimRow(Record):
    id: str
    proposition: str
    cells: list[ClaimCell]


class ArticleSpan(Span):
    """A span together with the article it is in (evidence that crosses articles)."""

    article_id: str = ""


class Contradiction(Record):
    row_id: str
    kind: Literal["sources", "outlet_voices", "numbers", "dates", "actors"]
    description: str
    article_ids: list[str]
    evidence: list[ArticleSpan] = Field(default_factory=list)


class FramingTerm(Record):
    article_id: str
    text: str
    category: Literal["loaded", "hedge", "label", "scare_quote", "distinctive"]
    span: Span | None = None
    score: float | None = None


class SourcingProfile(Record):
    article_id: str
    sources: dict[str, int] = Field(description="canonical source name -> attributions")
    kinds: dict[str, int] = Field(description="SourceKind -> attributions")


class TimelineSupport(Record):
    article_id: str
    span: Span


class TimelineEvent(Record):
    value: str = Field(description="normalized date (TIMEX3 value)")
    label: str = Field(description="what happened, from the sentence around the date")
    supports: list[TimelineSupport]


class OutletColumn(Record):
    article_id: str
    outlet: str
    title: str | None = None


class Comparison(Record):
    story_id: str
    columns: list[OutletColumn]
    rows: list[ClaimRow]
    shared_row_ids: list[str] = Field(default_factory=list)
    only_in: dict[str, list[str]] = Field(
        default_factory=dict, description="article id -> rows only that article carries"
    )
    omitted_by: dict[str, list[str]] = Field(
        default_factory=dict,
        description="article id -> rows that at least half of the other outlets carry "
        "and this one leaves out",
    )
    contradictions: list[Contradiction] = Field(default_factory=list)
    framing: list[FramingTerm] = Field(default_factory=list)
    sourcing: list[SourcingProfile] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    produced_by: str


class Rejection(Record):
    """An input that was refused, with its reason: recorded, never silently dropped."""

    source: str
    reason: str = Field(description="machine-readable, e.g. 'binary', 'empty', 'too_large'")
    detail: str
    at: dt.datetime


ALL_RECORDS: tuple[type[Record], ...] = (
    Span,
    PartialDate,
    RemovedLine,
    Caption,
    Article,
    Sentence,
    Entity,
    SourceRef,
    Channel,
    Attribution,
    Claim,
    TimeExpression,
    Analysis,
    Story,
    ClaimCell,
    ClaimRow,
    Contradiction,
    FramingTerm,
    SourcingProfile,
    TimelineEvent,
    Comparison,
    Rejection,
)
