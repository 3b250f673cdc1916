"""Where a claim's proposition lies in the article's parse.

The claims stage rewrites contents ("denied supplying drones" -> "Iran supplies
drones", "does not participate" -> "participates", "any" dropped, an attribute moved
to its own claim), so the proposition is not a span of the text. `align` maps the
parse tokens of the content back to the words of the proposition:

1. Both sides are cut into word pieces (`\\w+`), so tokenization differences
   ("Iran's", "6,000", "U.S.") cut the same way on both.
2. The pieces are matched in order (difflib, no junk heuristic).
3. Unmatched stretches facing each other match by lemma forms: the token's own
   word, its lemma, the lemma's third person and past ("supplying" ~ "supplies").

Tokens with no counterpart (the cue, "any truth to reports that") are not aligned.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from counterpoint.claims.stance import past_tense, third_person
from counterpoint.records import Span

WORD = re.compile(r"\w+")


def forms(token: Any) -> set[str]:
    """Spellings a rewrite may give this token's word ("supplying" -> "supplies")."""
    lemma = token.lemma_.lower()
    out = {token.lower_, lemma}
    if lemma.isalpha():
        out |= {third_person(lemma), past_tense(lemma)}
    return out


def tokens_of(doc: Any, spans: list[Span]) -> list[Any]:
    """Tokens of the spans in text order, each once."""
    seen: dict[int, Any] = {}
    for span in spans:
        try:
            part = doc.char_span(span.start, span.end, alignment_mode="expand")
        except (AttributeError, IndexError, ValueError):
            continue
        for token in part or ():
            seen.setdefault(token.i, token)
    return [seen[i] for i in sorted(seen)]


def align(tokens: list[Any], proposition: str) -> dict[int, tuple[int, int]]:
    """token index -> (start, end) of its words in `proposition` (step 1)."""
    doc_words: list[tuple[str, Any]] = []
    for token in tokens:
        for piece in WORD.findall(token.text):
            doc_words.append((piece.lower(), token))
    prop_words = [(m.group(0).lower(), m.start(), m.end()) for m in WORD.finditer(proposition)]
    out: dict[int, tuple[int, int]] = {}

    def put(token: Any, start: int, end: int) -> None:
        old = out.get(token.i)
        out[token.i] = (min(start, old[0]), max(end, old[1])) if old else (start, end)

    matcher = SequenceMatcher(
        None, [w for w, _ in doc_words], [w for w, _, _ in prop_words], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                _, start, end = prop_words[j1 + k]
                put(doc_words[i1 + k][1], start, end)
        elif tag == "replace":
            # inflected words of the rewrite: match by lemma forms, in order
            j = j1
            for i in range(i1, i2):
                token = doc_words[i][1]
                spellings = forms(token)
                for k in range(j, j2):
                    if prop_words[k][0] in spellings:
                        put(token, prop_words[k][1], prop_words[k][2])
                        j = k + 1
                        break
    return out
