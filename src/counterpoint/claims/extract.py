"""Claims: one proposition per attribution, held by its source with a stance.

`extract_claims(article, doc, attributions)` turns each attribution (including the
outlet's own voice, `source.kind == OUTLET`) into a `Claim` whose proposition is the
content stated positively (see `claims.stance`), so claims align across sources.

Cascade per attribution, in order:

1. Group the content spans: a split quote within one sentence ("We will," he said,
   "rebuild") is one text; a span that starts a new sentence (capital letter after
   the previous span) is a separate claim with the same holder.
2. `stance_of(cue polarity, content)` -> stance + positive proposition.
3. Anaphoric report nouns: a proposition that is only "these denials" / "reports
   in this regard" refers to an earlier claim of the same article: "denials" take
   the latest earlier *denied* proposition and flip the stance ("these denials are
   false" asserts what was denied); "reports"/"claims" take the latest earlier
   proposition and keep the stance. Without an antecedent the claim is kept as is.
4. Minimal subject resolution: a leading "it"/"its"/"the country" (or "he"/"his"
   for people) becomes the holder's name; a subjectless gerund ("supplying drones")
   gets the holder as subject. Only for named holders (not the outlet, not anonymous).
5. Skip empty propositions (nothing left to claim) instead of inventing one.

`doc` is accepted for the pipeline's signature and unused in this rule version.
"""

from __future__ import annotations

import re
from typing import Any

from counterpoint.claims.stance import FLIP, REPORT_NOUNS, stance_of
from counterpoint.provenance import stamp
from counterpoint.records import (
    Article,
    Attribution,
    Claim,
    SourceKind,
    SourceRef,
    Span,
    Stance,
    Voice,
)

CLAIMS = stamp("claims.rules", 1)

ANAPHORIC = re.compile(
    rf"^(?:the|these|those|such|this|that|its|their|his|her|all)?\s*(?:[\w-]+\s+){{0,3}}?"
    rf"(?P<noun>denials?|rejections?|{REPORT_NOUNS})"
    rf"(?:\s+(?:by|from|in|of|about|on)\s+[\w' -]+)?$",
    re.I,
)
DENIAL_NOUN = re.compile(r"^(?:denials?|rejections?)$", re.I)
NAMED_KINDS = {
    SourceKind.PERSON,
    SourceKind.ORGANIZATION,
    SourceKind.GOVERNMENT,
    SourceKind.MEDIA,
}
# Gerunds that are usually nouns at the start of a content: do not give them a subject.
NOUN_GERUNDS = {"building", "meeting", "funding", "spending", "shooting", "bombing", "housing"}


def _content_groups(spans: list[Span]) -> list[list[Span]]:
    """Spans of one attribution grouped into sentences (step 1)."""
    groups: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.start):
        text = span.text.strip().lstrip("\"“‘'«")
        if not text:
            continue
        if groups and not text[:1].isupper():
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _resolve_subject(text: str, holder: SourceRef) -> str:
    """Replace a leading pronoun/nominal with the holder's name (step 4)."""
    if holder.kind not in NAMED_KINDS or not holder.name:
        return text
    name = holder.name
    if holder.kind is SourceKind.PERSON:
        pron = r"he|she"
        poss = r"his|her"
    else:
        pron = r"it|they|the country|the government|the ministry|the company|the agency"
        poss = r"its|their"
    match = re.match(rf"^(?:{poss})\s+", text, flags=re.I)
    if match:
        return f"{name}'s {text[match.end():]}"
    match = re.match(rf"^(?:{pron})\b\s*", text, flags=re.I)
    if match:
        return f"{name} {text[match.end():]}"
    first = text.split(" ", 1)[0].lower()
    if first.endswith("ing") and first not in NOUN_GERUNDS and len(first) > 4:
        return f"{name} {text}"
    return text


def _antecedent(noun: str, earlier: list[Claim]) -> Claim | None:
    """The earlier claim an anaphoric report noun refers to (step 3)."""
    wants_denial = bool(DENIAL_NOUN.match(noun))
    for claim in reversed(earlier):
        if ANAPHORIC.match(claim.proposition):
            continue
        if wants_denial and claim.stance is not Stance.DENIES:
            continue
        return claim
    return None


def _claim_of(
    article: Article, attribution: Attribution, spans: list[Span], earlier: list[Claim]
) -> Claim | None:
    text = " ".join(s.text.strip() for s in spans)
    stance, proposition = stance_of(attribution.polarity, text)
    anaphor = ANAPHORIC.match(proposition)
    if anaphor:
        ref = _antecedent(anaphor.group("noun"), earlier)
        if ref is not None:
            proposition = ref.proposition
            if DENIAL_NOUN.match(anaphor.group("noun")) and stance in FLIP:
                stance = FLIP[stance]
    else:
        proposition = _resolve_subject(proposition, attribution.source)
    if not proposition.strip():
        return None  # step 5: nothing left to claim
    voice = Voice.OUTLET if attribution.source.kind is SourceKind.OUTLET else Voice.SOURCE
    evidence = list(spans)
    if attribution.cue is not None:
        evidence.append(attribution.cue)
    return Claim(
        id=f"{article.id[:12]}:c{len(earlier) + 1}",
        proposition=proposition,
        holder=attribution.source,
        stance=stance,
        voice=voice,
        evidence=evidence,
        attribution_id=attribution.id,
        produced_by=CLAIMS,
    )


def extract_claims(
    article: Article, doc: Any | None, attributions: list[Attribution]
) -> list[Claim]:
    """One `Claim` per attribution content, in text order (see module doc)."""
    del doc  # rules work on the attribution spans alone
    ordered = sorted(
        attributions,
        key=lambda a: (min((s.start for s in a.content), default=0), a.id),
    )
    claims: list[Claim] = []
    for attribution in ordered:
        for group in _content_groups(list(attribution.content)):
            claim = _claim_of(article, attribution, group, claims)
            if claim is not None:
                claims.append(claim)
    return claims
