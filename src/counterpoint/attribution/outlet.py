"""The outlet's own voice: claim-like text no source is credited with.

`outlet_spans(doc, unit, quotes, covered, cue_tokens)` returns the spans of a unit
the outlet says itself, in this order:

  1. a unit with no attribution at all that is claim-like (a finite verb, at least
     five words, ending like a sentence, not a question, not mostly quoted words)
     -> the whole unit; scene-setting fragments, headings and questions are no claim;
  2. in a unit with attributions: a concessive clause ("although ...", "though ...",
     "even as ...", "whereas ...") hanging on a cue verb and outside every
     attributed content -> that clause, without its conjunction.
"""

from __future__ import annotations

from typing import Any

from counterpoint.nlp.model import doc_text
from counterpoint.attribution.quotes import QUOTE_CHARS, Quote, inside_quote
from counterpoint.attribution.units import Unit, contiguous_spans

CONCESSIVE = {"although", "though", "whereas", "while", "despite", "even"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def claim_like(doc: Any, unit: Unit, quotes: list[Quote]) -> bool:
    """Declarative, with a finite verb, not a question or a heading, mostly unquoted."""
    toks = doc[unit.first : unit.last + 1]
    words = [t for t in toks if t.is_alpha]
    if len(words) < 5 or toks[-1].text == "?":
        return False
    if doc_text(doc)[unit.start : unit.end].rstrip(QUOTE_CHARS + ")]' ")[-1:] not in {".", "!", "…"}:
        return False  # a heading or a fragment, not a sentence
    if not any(t.tag_ in _FINITE for t in toks if not inside_quote(quotes, t.idx)):
        return False
    marks = [t for t in toks if any(ch in QUOTE_CHARS for ch in t.text)]
    if any(not inside_quote(quotes, t.idx) for t in marks):
        return False  # a refused (unclosed) quote: whose words these are is unknown
    quoted = sum(1 for t in words if inside_quote(quotes, t.idx))
    return quoted * 2 < len(words)


def _overlaps(span: tuple[int, int], covered: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in covered)


def outlet_spans(
    doc: Any,
    unit: Unit,
    quotes: list[Quote],
    covered: list[tuple[int, int]],
    cue_tokens: list[Any],
) -> list[tuple[int, int]]:
    """Spans of the unit in the outlet's own voice (see the module docstring)."""
    if not covered:
        if claim_like(doc, unit, quotes):
            return contiguous_spans(list(doc[unit.first : unit.last + 1]), doc_text(doc))
        return []
    out: list[tuple[int, int]] = []
    for cue in cue_tokens:
        for child in cue.children:
            if child.dep_ != "advcl" or not unit.has(child):
                continue
            marks = [m for m in child.children if m.dep_ == "mark" and m.i < child.i]
            if not marks or marks[0].lower_ not in CONCESSIVE:
                continue
            toks = [t for t in child.subtree if unit.has(t) and t not in marks]
            spans = contiguous_spans(toks, doc_text(doc))
            if spans and not any(_overlaps(s, covered) for s in spans):
                out.extend(spans)
    return out
