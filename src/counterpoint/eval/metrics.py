"""Span metrics for attribution extraction: per role and for whole attributions.

An attribution is a `GoldAttribution` (predicted ones use the same record): for each role
(source, cue, content) a tuple of character ranges into the document text, empty when the
role is missing, several ranges when the span is discontinuous.

Definitions (all counts are micro-averaged: summed over every span of every evaluated
document, then divided once):

- **Normalized ranges** of a span: each range is trimmed of surrounding whitespace and
  punctuation (quotes, commas, periods, dashes, colons...); empty pieces are dropped;
  pieces are sorted and merged where only whitespace/punctuation separates them. A span
  that would trim to nothing (a cue that is just ":") keeps its raw ranges, so it can
  still be matched.
- **Spans of a role** in a document: the distinct normalized spans of that role over the
  document's attributions (a source named once and shared by three attributions counts
  once; the attribution-level scores are where sharing matters).
- **Tokens**: whitespace-separated tokens by character offsets, computed once per
  document. A span's tokens are those whose characters overlap its normalized ranges.
- **Exact** P/R/F1 per role: a predicted span is correct when its normalized ranges equal
  those of some gold span of the same role; P = correct predicted / predicted,
  R = gold spans equalled by some predicted span / gold.
- **Overlap** P/R/F1 per role (soft, proportional): P = mean over predicted spans of the
  best fraction of its tokens that lie in one gold span; R = mean over gold spans of the
  best fraction of its tokens covered by one predicted span.
- **Whole attributions**: predicted and gold attributions are paired one-to-one, greedily,
  in decreasing order of content-token overlap (Dice), ties broken by cue-token overlap;
  pairs with no content and no cue token in common stay unpaired. A pair is *exact* when
  every role present in either side is present in both with equal normalized ranges;
  exact P = exact pairs / predicted, R = exact pairs / gold. *Overlap* of a pair is the
  mean, over the roles present in either side, of the role's token fraction (of the
  predicted span for P, of the gold span for R; 0 where that side lacks the role);
  overlap P = sum over pairs / predicted, R = sum over pairs / gold.
- F1 = 2PR / (P + R); every figure is 0.0 (never an error) when its denominator is 0.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from counterpoint.eval.polnear_data import ROLES, GoldAttribution, Ranges

# Predictions are written with the same record as the gold annotations.
RangeAttribution = GoldAttribution
Tokens = tuple[tuple[int, int], ...]

_TOKEN = re.compile(r"\S+")


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim_range(text: str, start: int, end: int) -> tuple[int, int]:
    """`(start, end)` without surrounding whitespace/punctuation (may become empty)."""
    start, end = max(0, start), min(len(text), end)
    while start < end and _is_trim(text[start]):
        start += 1
    while end > start and _is_trim(text[end - 1]):
        end -= 1
    return start, end


def normalize_ranges(text: str, ranges: Ranges) -> Ranges:
    """Trimmed, sorted, merged ranges; the raw ranges where trimming leaves nothing."""
    pieces = sorted(r for r in (trim_range(text, s, e) for s, e in ranges) if r[0] < r[1])
    if not pieces:
        return tuple(sorted((s, e) for s, e in ranges if s < e))
    merged = [pieces[0]]
    for start, end in pieces[1:]:
        last_start, last_end = merged[-1]
        # A gap of only quotes/commas/spaces is the same span written in two pieces.
        if start <= last_end or all(_is_trim(c) for c in text[last_end:start]):
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return tuple(merged)


def word_tokens(text: str) -> Tokens:
    """Whitespace tokens of a document as character ranges."""
    return tuple((m.start(), m.end()) for m in _TOKEN.finditer(text))


def span_tokens(tokens: Tokens, ranges: Ranges) -> frozenset[int]:
    """Indices of the tokens whose characters overlap any of `ranges`."""
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    out: set[int] = set()
    for start, end in ranges:
        if start >= end:
            continue
        first = bisect_right(ends, start)  # first token ending after `start`
        last = bisect_left(starts, end)  # tokens starting before `end`
        out.update(range(first, last))
    return frozenset(out)


def _fraction(part: frozenset[int], whole: frozenset[int]) -> float:
    return len(part & whole) / len(whole) if whole else 0.0


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


@dataclass
class Counts:
    """Additive tallies for one role (or for whole attributions)."""

    predicted: int = 0
    gold: int = 0
    exact_predicted: float = 0.0  # predicted items judged exact
    exact_gold: float = 0.0  # gold items matched exactly
    overlap_predicted: float = 0.0  # sum of proportional scores of predicted items
    overlap_gold: float = 0.0  # sum of proportional scores of gold items

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass
class DocumentCounts:
    """Tallies per role plus whole attributions; add them up over documents."""

    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    attribution: Counts = field(default_factory=Counts)

    def __add__(self, other: DocumentCounts) -> DocumentCounts:
        return DocumentCounts(
            roles={r: self.roles[r] + other.roles[r] for r in ROLES},
            attribution=self.attribution + other.attribution,
        )


def prf(correct_predicted: float, predicted: int, correct_gold: float, gold: int) -> dict[str, float]:
    """Precision, recall, F1 rounded to 4 places; 0.0 where a denominator is 0."""
    p = correct_predicted / predicted if predicted else 0.0
    r = correct_gold / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def _role_counts(
    text: str, tokens: Tokens, predicted: Iterable[Ranges], gold: Iterable[Ranges]
) -> Counts:
    pred = sorted({normalize_ranges(text, r) for r in predicted if r})
    gold_spans = sorted({normalize_ranges(text, r) for r in gold if r})
    gold_set = set(gold_spans)
    pred_set = set(pred)
    pred_tok = [span_tokens(tokens, r) for r in pred]
    gold_tok = [span_tokens(tokens, r) for r in gold_spans]
    return Counts(
        predicted=len(pred),
        gold=len(gold_spans),
        exact_predicted=sum(1 for r in pred if r in gold_set),
        exact_gold=sum(1 for r in gold_spans if r in pred_set),
        overlap_predicted=sum(
            max((_fraction(g, p) for g in gold_tok), default=0.0) for p in pred_tok
        ),
        overlap_gold=sum(max((_fraction(p, g) for p in pred_tok), default=0.0) for g in gold_tok),
    )


@dataclass(frozen=True)
class _Prepared:
    ranges: dict[str, Ranges]
    tokens: dict[str, frozenset[int]]


def _prepare(text: str, tokens: Tokens, attribution: GoldAttribution) -> _Prepared:
    ranges = {r: normalize_ranges(text, attribution.role(r)) for r in ROLES}
    return _Prepared(ranges, {r: span_tokens(tokens, ranges[r]) for r in ROLES})


def pair_attributions(
    text: str,
    predicted: Sequence[GoldAttribution],
    gold: Sequence[GoldAttribution],
    tokens: Tokens | None = None,
) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs, greedy by content then cue overlap."""
    tokens = word_tokens(text) if tokens is None else tokens
    preds = [_prepare(text, tokens, a) for a in predicted]
    golds = [_prepare(text, tokens, a) for a in gold]
    return _pair(preds, golds)


def _pair(preds: list[_Prepared], golds: list[_Prepared]) -> list[tuple[int, int]]:
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            content = _dice(p.tokens["content"], g.tokens["content"])
            cue = _dice(p.tokens["cue"], g.tokens["cue"])
            if content or cue:
                candidates.append((-content, -cue, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _attribution_counts(
    text: str, tokens: Tokens, predicted: Sequence[GoldAttribution], gold: Sequence[GoldAttribution]
) -> Counts:
    preds = [_prepare(text, tokens, a) for a in predicted]
    golds = [_prepare(text, tokens, a) for a in gold]
    counts = Counts(predicted=len(preds), gold=len(golds))
    for i, j in _pair(preds, golds):
        p, g = preds[i], golds[j]
        roles = [r for r in ROLES if p.ranges[r] or g.ranges[r]]
        if all(p.ranges[r] == g.ranges[r] for r in roles):
            counts.exact_predicted += 1
            counts.exact_gold += 1
        n = len(roles)
        counts.overlap_predicted += sum(_fraction(g.tokens[r], p.tokens[r]) for r in roles) / n
        counts.overlap_gold += sum(_fraction(p.tokens[r], g.tokens[r]) for r in roles) / n
    return counts


def score_document(
    text: str, predicted: Sequence[GoldAttribution], gold: Sequence[GoldAttribution]
) -> DocumentCounts:
    """The tallies of one document (tokens computed once here)."""
    tokens = word_tokens(text)
    predicted = [a for a in predicted if any(a.role(r) for r in ROLES)]
    gold = [a for a in gold if any(a.role(r) for r in ROLES)]
    roles = {
        r: _role_counts(text, tokens, (a.role(r) for a in predicted), (a.role(r) for a in gold))
        for r in ROLES
    }
    return DocumentCounts(roles=roles, attribution=_attribution_counts(text, tokens, predicted, gold))


def summarize(counts: DocumentCounts) -> dict[str, dict]:
    """{role and "attribution": {"exact": prf, "overlap": prf, "predicted": n, "gold": n}}."""
    out: dict[str, dict] = {}
    for name, c in [*counts.roles.items(), ("attribution", counts.attribution)]:
        out[name] = {
            "exact": prf(c.exact_predicted, c.predicted, c.exact_gold, c.gold),
            "overlap": prf(c.overlap_predicted, c.predicted, c.overlap_gold, c.gold),
            "predicted": c.predicted,
            "gold": c.gold,
        }
    return out


def score_documents(
    documents: Iterable[tuple[str, Sequence[GoldAttribution], Sequence[GoldAttribution]]],
) -> dict[str, dict]:
    """Micro-averaged metrics over (text, predicted, gold) triples."""
    total = DocumentCounts()
    for text, predicted, gold in documents:
        total = total + score_document(text, predicted, gold)
    return summarize(total)
