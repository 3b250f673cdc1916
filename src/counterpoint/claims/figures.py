"""Numbers, places and dates named in a claim's clause, verbatim.

`figures(doc, tokens, aligned, proposition)` reads the entity annotations of the
aligned tokens (`claims.align`): numbers are CARDINAL/QUANTITY/MONEY/PERCENT spans
("at least 6,000", "$5 million"), places GPE/LOC/FAC, dates DATE/TIME ("Jan. 6",
"the end of December last year"). An entity counts when most of its words are in
the proposition. Left out: "one" in "one of" (a selection, not a figure), numbers
the caller marks (those of a description that names nobody: "the two countries"),
places the caller marks (the subject: "Iran supplies ..."). Without entity
annotations, numbers come from a pattern over the proposition (`numbers_in`).
"""

from __future__ import annotations

import re
from typing import Any

NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
DATE_LABELS = {"DATE", "TIME"}
QUANTITY = re.compile(
    r"(?:(?:more than|over|at least|about|around|roughly|nearly|almost|some|fewer than|less than|"
    r"under|up to)\s+)?\$?\d[\d,.]*%?(?:\s+(?:million|thousand|hundred|billion|percent|per cent))?",
    re.I,
)


def figures(
    doc: Any, tokens: list[Any], aligned: dict[int, tuple[int, int]], proposition: str,
    not_numbers: set[int] | None = None, actor: set[int] | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """(numbers, places, dates) named inside the aligned words (step 5); numbers in
    `not_numbers` (a blanked subject: "the two countries") and places in `actor` (the
    subject: "Iran supplies") are left out."""
    not_numbers = not_numbers or set()
    actor = actor or set()
    numbers: list[str] = []
    places: list[str] = []
    dates: list[str] = []
    if not tokens:
        return numbers, places, dates
    has_ents = doc.has_annotation("ENT_IOB") if hasattr(doc, "has_annotation") else False
    for ent in _entities(tokens):
        inside = [t for t in ent if t.i in aligned]
        if len(inside) * 2 < len(ent):
            continue
        label = ent[0].ent_type_
        if label in NUMBER_LABELS:
            if any(t.i in not_numbers for t in ent):
                continue
            if len(ent) == 1 and ent[0].lower_ == "one" and ent[0].i + 1 < len(doc) \
                    and doc[ent[0].i + 1].lower_ == "of":
                continue  # "one of its complexes": a selection, not a figure
            target = numbers
        elif label in PLACE_LABELS:
            if any(t.i in actor for t in ent):
                continue
            target = places
        elif label in DATE_LABELS:
            target = dates
        else:
            continue
        text = "".join(t.text_with_ws for t in ent).strip()
        if text and text not in target:
            target.append(text)
    if not has_ents:
        numbers = numbers_in(proposition)
    return numbers, places, dates


def _entities(tokens: list[Any]) -> list[list[Any]]:
    """Named-entity runs among the tokens (read from the tokens: cheaper than
    `doc.ents`, which builds every span of the document for each claim)."""
    out: list[list[Any]] = []
    for token in tokens:
        iob = token.ent_iob_
        if iob == "B" or (iob == "I" and (not out or out[-1][-1].i != token.i - 1)):
            out.append([token])
        elif iob == "I":
            out[-1].append(token)
    return out


def numbers_in(text: str) -> list[str]:
    """Quantities written in the text, verbatim ("at least 6,000")."""
    out: list[str] = []
    for match in QUANTITY.finditer(text):
        value = match.group(0).strip(" ,.")
        if value and value not in out:
            out.append(value)
    return out
