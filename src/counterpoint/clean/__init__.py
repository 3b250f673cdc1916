"""Cleaning stage: `RawDocument` -> `Article` (title, dateline, captions, furniture out).

`clean_document` works line by line on the raw text and records every line it takes
out of the body as a `RemovedLine` (reason + human detail). Steps, in order:

1. top of the text (the first few non-empty lines, up to the first body paragraph):
   the first line that parses as a dateline -> `published` (reason "dateline"); the
   first other line, when it looks like a headline -> `title` (reason "headline");
2. captions anywhere (`captions.parse_caption`): the first occurrence -> `captions`
   (reason "caption"), identical repeats -> reason "duplicate_caption";
3. page furniture anywhere (`boilerplate.find_furniture`);
4. the body: every remaining non-empty line is a paragraph (internal whitespace
   collapsed, words untouched); a hard-wrapped line (no final punctuation, next line
   in the same block starting lowercase) is joined with the next; paragraphs are
   joined with a blank line;
5. sidecar metadata overrides: `meta["title"]` replaces the headline as title,
   `meta["published"]` (ISO) replaces the dateline date; outlet/url/language from meta.

A body shorter than `min_body_chars` is Rejected("empty_body"). `Article.id` is a hash
of the normalized raw text only, so re-ingesting the same text gives the same id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from counterpoint.clean.boilerplate import classify_line, find_furniture, is_body_like
from counterpoint.clean.captions import parse_caption
from counterpoint.clean.metadata import (
    ends_like_sentence,
    looks_like_headline,
    parse_dateline,
    partial_date_from_iso,
)
from counterpoint.errors import Rejected
from counterpoint.sources.text import RawDocument
from counterpoint.provenance import stamp
from counterpoint.records import Article, Caption, PartialDate, RemovedLine

__all__ = ["clean_document", "article_id"]

CLEANER = stamp("clean.text_rules", 1)
DEFAULT_MIN_BODY_CHARS = 40
# How many non-empty lines at the top may hold the headline and the dateline.
TOP_LINES = 6

# remove(line_no, reason, detail): records one line taken out of the body.
_Remove = Callable[[int, str, str], None]


def article_id(text: str) -> str:
    """Content hash of a raw text: sha256 (first 32 hex chars) of its normalized form
    (outer whitespace and trailing spaces on each line ignored)."""
    normalized = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:32]


def clean_document(raw: RawDocument, *, min_body_chars: int = DEFAULT_MIN_BODY_CHARS) -> Article:
    """Clean one raw document into an `Article` (see the module docstring for the steps)."""
    lines = [" ".join(line.split()) for line in raw.text.split("\n")]
    removed: dict[int, RemovedLine] = {}

    def remove(i: int, reason: str, detail: str) -> None:
        removed[i] = RemovedLine(line_no=i, text=lines[i], reason=reason, detail=detail)

    title, published = _top_matter(lines, remove)
    captions = _captions(lines, removed, remove)
    for i, hit in sorted(find_furniture(lines, claimed=set(removed)).items()):
        remove(i, hit.reason, hit.detail)

    body = _body(lines, removed)
    if len(body) < min_body_chars:
        raise Rejected(
            raw.source,
            "empty_body",
            f"after cleaning, the body has {len(body)} characters, fewer than the minimum of "
            f"{min_body_chars} ({len(removed)} lines removed)",
        )

    meta = raw.meta
    if meta.get("title"):
        title = " ".join(str(meta["title"]).split())
    if meta.get("published"):
        try:
            published = partial_date_from_iso(meta["published"])
        except ValueError:
            raise Rejected(
                raw.source, "bad_metadata", f"'published' is not an ISO date: {meta['published']!r}"
            ) from None
    return Article(
        id=article_id(raw.text),
        source=raw.source,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        title=title,
        published=published,
        language=meta.get("language") or "en",
        body=body,
        removed=[removed[i] for i in sorted(removed)],
        captions=captions,
        produced_by=CLEANER,
    )


def _top_matter(lines: list[str], remove: _Remove) -> tuple[str | None, PartialDate | None]:
    """Headline and dateline among the first non-empty lines, before the first paragraph."""
    nonempty = [i for i, line in enumerate(lines) if line]
    title: str | None = None
    published: PartialDate | None = None
    headline_tried = False
    for i in nonempty[:TOP_LINES]:
        line = lines[i]
        if published is None:
            date = parse_dateline(line)
            if date is not None:
                published = date
                remove(i, "dateline", f"dateline, publication date {date.iso()}")
                continue
        if not headline_tried:
            headline_tried = True
            is_last = i == nonempty[-1]
            if (
                not is_last
                and looks_like_headline(line)
                and parse_caption(line) is None
                and classify_line(line) is None
            ):
                title = line
                remove(i, "headline", "first line, a headline: kept as the title")
                continue
        if is_body_like(line):
            break
    return title, published


def _captions(
    lines: list[str], removed: dict[int, RemovedLine], remove: _Remove
) -> list[Caption]:
    captions: list[Caption] = []
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if not line or i in removed:
            continue
        parts = parse_caption(line)
        if parts is None:
            continue
        key = line.casefold()
        if key in seen:
            remove(i, "duplicate_caption", f"repeats the caption on line {seen[key]}")
            continue
        seen[key] = i
        captions.append(Caption(text=parts.text, credit=parts.credit, line_no=i))
        credit = f" (credit: {parts.credit})" if parts.credit else ""
        remove(i, "caption", f"photo/video caption{credit}: kept in captions")
    return captions


_LOWER_START_RE = re.compile(r"^[a-z]")


def _body(lines: list[str], removed: dict[int, RemovedLine]) -> str:
    """Kept lines as paragraphs; hard-wrapped lines of one paragraph joined back."""
    paragraphs: list[str] = []
    previous: int | None = None
    for i, line in enumerate(lines):
        if not line or i in removed:
            continue
        if (
            paragraphs
            and previous == i - 1
            and _LOWER_START_RE.match(line)
            and not ends_like_sentence(paragraphs[-1])
            and not paragraphs[-1].endswith(":")
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous = i
    return "\n\n".join(paragraphs)
