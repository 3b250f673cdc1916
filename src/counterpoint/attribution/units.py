"""Sentence units and span helpers shared by the attribution modules.

A unit is a spaCy sentence cut again at line breaks: the parser sometimes runs a
sentence across paragraphs ("Video of day\\n\\nHe said ..."), and a paragraph break
always ends a statement in news text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from counterpoint.records import AttributionKind, Channel, Polarity, SourceRef

TRIM_CHARS = " \t\n,;:.-–—()[]"


@dataclass(frozen=True)
class Unit:
    """A sentence (or the part of one inside a paragraph): tokens [first, last]."""

    index: int
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # char offset
    end: int  # char offset, exclusive

    def has(self, token: Any) -> bool:
        return self.first <= token.i <= self.last


@dataclass
class Candidate:
    """An attribution before its source is resolved and its id is assigned.

    Spans are (start, end) char offsets into the body. `source_head` is the token
    naming the source (None for an implicit source, e.g. the outlet); `reporters`
    are the heads of intermediaries after the source, in order (chain).
    """

    unit: int
    cue: tuple[int, int] | None
    cue_lemma: str | None
    polarity: Polarity
    content: list[tuple[int, int]]
    source_head: Any | None = None
    source_ref: SourceRef | None = None  # preset (outlet voice, anonymous via cite)
    kind: AttributionKind | None = None
    channel: Channel | None = None
    reporters: list[Any] = field(default_factory=list)
    cited: list[Any] = field(default_factory=list)  # "said, citing officials"
    cue_token: Any | None = None
    nested_in: Candidate | None = None  # an outer reporter ("..., Mehr reported")
    hedged: bool = False
    merged: bool = False  # folded into its head cue's candidate
    anaphoric: bool = False  # "made the remark": content is the previous unit
    cue_parts: list[tuple[int, int]] = field(default_factory=list)  # "cited ... as saying"

    @property
    def position(self) -> int:
        points = [s for s, _ in self.content]
        if self.cue:
            points.append(self.cue[0])
        if self.source_head is not None:
            points.append(self.source_head.idx)
        return min(points) if points else 0


def split_units(doc: Any) -> list[Unit]:
    """doc.sents cut at tokens containing a line break; whitespace-only parts dropped."""
    units: list[Unit] = []
    for sent in doc.sents:
        run: list[Any] = []
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                _flush(run, units)
                run = []
            else:
                run.append(tok)
        _flush(run, units)
    return units


def _flush(run: list[Any], units: list[Unit]) -> None:
    toks = [t for t in run if not t.is_space]
    if not toks:
        return
    units.append(
        Unit(
            index=len(units),
            first=toks[0].i,
            last=toks[-1].i,
            start=toks[0].idx,
            end=toks[-1].idx + len(toks[-1].text),
        )
    )


def trim(text: str, start: int, end: int, chars: str = TRIM_CHARS) -> tuple[int, int]:
    """Shrink [start, end) past leading/trailing whitespace and clause punctuation.

    Parentheses are kept when balanced inside the span ("(MAVs)").
    """
    while True:
        s0, e0 = start, end
        while start < end and text[start] in chars and text[start] not in "()":
            start += 1
        while end > start and text[end - 1] in chars and text[end - 1] not in "()":
            end -= 1
        inner = text[start:end]
        if inner.startswith("(") and inner.count("(") > inner.count(")"):
            start += 1
        elif inner.startswith(")"):
            start += 1
        if inner.endswith(")") and inner.count(")") > inner.count("("):
            end -= 1
        elif inner.endswith("("):
            end -= 1
        if (start, end) == (s0, e0):
            return start, end


def token_range(tokens: Iterable[Any]) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_tokens(token: Any, unit: Unit, exclude: Iterable[Any] = ()) -> list[Any]:
    """The token's subtree inside the unit, minus the subtrees of `exclude`."""
    banned: set[int] = set()
    for ex in exclude:
        banned.update(t.i for t in ex.subtree)
    return [t for t in token.subtree if unit.has(t) and t.i not in banned]


def contiguous_spans(tokens: list[Any], text: str) -> list[tuple[int, int]]:
    """Group tokens into runs of consecutive indices; one trimmed char span per run."""
    spans: list[tuple[int, int]] = []
    toks = sorted(tokens, key=lambda t: t.i)
    run: list[Any] = []
    for tok in toks:
        if run and tok.i != run[-1].i + 1:
            spans.append(_run_span(run, text))
            run = []
        run.append(tok)
    if run:
        spans.append(_run_span(run, text))
    return [s for s in spans if s[1] > s[0]]


def _run_span(run: list[Any], text: str) -> tuple[int, int]:
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    return trim(text, start, end)
