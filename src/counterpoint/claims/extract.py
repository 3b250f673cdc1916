"""Claims: one proposition per attribution, held by its source with a stance.

`extract_claims(article, doc, attributions)` turns each attribution (including the
outlet's own voice, `source.kind == OUTLET`) into a `Claim` whose proposition is the
content stated positively (see `claims.stance`), so claims align across sources.

Cascade per attribution, in order:

1. Group the content spans: a split quote within one sentence ("We will," he said,
   "rebuild") is one text; a span that starts a new sentence (capital letter after
   the previous span) is a separate claim with the same holder.
2. Split each group at coordinated full clauses (`claims.split.split_clauses`, on
   the article's parse; a conjunct without a subject takes the main clause's):
   one claim per clause. Comparative attributes ("faster drones") add a claim of
   their own ("the drones would be faster") with the stance of their clause.
3. `stance_of(cue polarity, content)` -> stance + positive proposition.
4. Anaphoric report nouns: a proposition that is only "these denials" / "reports
   in this regard" / "the report" / "it" (left of "dismissed it as a fabrication")
   refers to an earlier claim of the same article: "denials" take the latest earlier
   *denied* proposition and flip the stance ("these denials are false" asserts what
   was denied); "report"/"story"/"claims" take the first earlier claim made by a
   reporting cue ("reported", "revealed", "cited": the report itself), else the
   latest earlier proposition, and keep the stance. Without an antecedent the claim
   is kept as is.
5. Statements the outlet reports in its own sentence ("X stood by their denials of
   a report that P", "X called the report a fantasy", "X has denied that P"): the
   holder becomes X (kind unknown, source voice), not the outlet.
6. Figure anaphora: "X put the figure at more than 500" restates the latest earlier
   claim with a number, with the new figure, held by X.
7. Minimal subject resolution: a leading "it"/"its"/"the country" (or "he"/"his"
   for people) becomes the holder's name; a subjectless gerund ("supplying drones")
   gets the holder as subject, and with the parse its lemma in the present ("Iran
   supplies drones"). Only for named holders (not the outlet, not anonymous).
8. Skip empty propositions (nothing left to claim) instead of inventing one, and,
   with a parse, stated contents without a verb ("took to Twitter to express his
   joy", "has not seen the document"): a noun phrase is not a proposition unless it
   refers back to one (step 4) or is the object of a denial or accusation ("denied
   its participation in the project").
9. The outlet's position: when the outlet keeps a reported claim at a distance
   (`distancing`: "allegedly", "so-called", "the Western claims of P", a cue like
   "claimed"), a second claim follows the source's, held by the outlet's own voice
   with stance HEDGES and the distancing words as first evidence. Its cell reads
   "hedges" (the outlet distances itself) while the reported holders stay listed.
   The outlet asserting or disputing in its own voice comes from its own sentences
   (attribution kind OUTLET) and steps 4-5 ("these denials are false").
10. The proposition's parts (`claims.parts`): subject, predicate, object, numbers,
   places, dates, read from the parse over the claim's content spans (the cue left
   out). A proposition already broken down (an anaphor's antecedent, the outlet's
   distanced copy) reuses those parts; one that restates an earlier proposition
   with another figure (step 6) takes its parts with the new numbers; an attribute
   claim ("the drones would be faster") has the thing, "be" and the quality.

`doc` (the article's spaCy parse) is optional: without it step 2 keeps each group
whole and step 10 keeps only the holder as subject (when the proposition opens with
its name) and the numbers.
"""

from __future__ import annotations

import re
from typing import Any

from counterpoint.attribution.cues import frames_the_content
from counterpoint.claims.align import tokens_of
from counterpoint.claims.parts import ClaimParts, attribute_parts, numbers_in, parts_of
from counterpoint.claims.split import comparative_attributes, split_clauses
from counterpoint.claims.stance import (
    FALSITY,
    FLIP,
    REPORT_NOUNS,
    clean_content,
    stance_of,
    third_person,
)
from counterpoint.provenance import stamp
from counterpoint.records import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Polarity,
    SourceKind,
    SourceRef,
    Span,
    Stance,
    Voice,
)

CLAIMS = stamp("claims.rules", 4)

ANAPHORIC = re.compile(
    rf"^(?:the|these|those|such|this|that|its|their|his|her|all)?\s*(?:[\w-]+\s+){{0,3}}?"
    rf"(?P<noun>denials?|rejections?|leaks?|{REPORT_NOUNS})"
    rf"(?:\s+(?:by|from|in|of|about|on)\s+[\w' -]+)?$"
    r"|^(?P<pronoun>it|this|that|them)$",
    re.I,
)
# Cues by which a source publishes a report (its first claim is "the report").
REPORTING_CUES = {"report", "reveal", "publish", "write", "cite", "claim", "leak", "expose"}
REPORTED_INSIDE = re.compile(
    r"^(?P<who>(?:[\w'.-]+\s+){0,6}?[\w'.-]+)\s+(?:on\s+\w+\s+)?(?:has\s+|have\s+|had\s+)?"
    r"(?:also\s+|again\s+|repeatedly\s+)?"
    r"(?:"
    r"(?P<denial>stood\s+by|stand\s+by|stands\s+by|reiterated|repeated)\s+(?:their|its|his|her)\s+"
    r"denials?\s+of\s+(?P<denied>.+)"
    r"|(?P<deny>denied|denies|deny|rejected|rejects|dismissed|dismisses)\s+(?P<object>.+)"
    rf"|(?:called|calls|described|describes|branded|brands|labell?ed)\s+(?P<called>(?:the|this|that)\s+"
    rf"(?:{REPORT_NOUNS}|leak))\s+(?:as\s+)?(?:{FALSITY})\b.*"
    r")$",
    re.I,
)
FIGURE = re.compile(
    r"^(?:(?P<who>(?:[\w'.-]+\s+){0,7}?[\w'.-]+)\s+(?:put|puts|putting|placed|places|estimated|"
    r"estimates|gave|gives)\s+)?(?:the|that|this|its)\s+(?:figure|number|total|count|tally|toll)\s+"
    r"(?:at|as)\s+"
    r"(?P<figure>(?:more than|over|at least|about|around|roughly|nearly|almost|some|fewer than|"
    r"less than|under|up to)?\s*[\d,.]+(?:\s+(?:million|thousand|hundred|billion))?)\b",
    re.I,
)
QUANTITY = re.compile(
    r"(?:(?:more than|over|at least|about|around|roughly|nearly|almost|some|fewer than|less than|"
    r"under|up to)\s+)?\d[\d,.]*(?:\s+(?:million|thousand|hundred|billion))?",
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


def _resolve_subject(
    text: str, holder: SourceRef, gerunds: dict[str, str] | None = None
) -> str:
    """Replace a leading pronoun/nominal with the holder's name (step 4)."""
    if holder.kind not in NAMED_KINDS or not holder.name:
        return text
    name = holder.name
    if holder.kind is SourceKind.PERSON:
        pron = r"he|she"
        poss = r"his|her"
    else:
        # a nominal stands for the holder only when it names the holder's kind of body:
        # "the ministry" for a ministry; "the government", "the country" for a state,
        # not for one of its ministries ("the ministry rejected reports that the
        # government intends ...": the government is not the ministry)
        low = name.lower()
        nominals = [n for n in ("ministry", "company", "agency") if n in low]
        if not re.search(r"\b(?:ministry|agency|office|department|company|council)\b", low):
            nominals += ["country", "government"]
        pron = "|".join(["it", "they", *(f"the {n}" for n in nominals)])
        poss = r"its|their"
    match = re.match(rf"^(?:{poss})\s+", text, flags=re.I)
    if match:
        return f"{name}'s {text[match.end():]}"
    match = re.match(rf"^(?:{pron})\b\s*", text, flags=re.I)
    if match:
        return f"{name} {text[match.end():]}"
    first, _, rest = text.partition(" ")
    low = first.lower()
    if low.endswith("ing") and low not in NOUN_GERUNDS and len(low) > 4:
        lemma = (gerunds or {}).get(low)
        if lemma:
            # "denied supplying drones" -> "Iran supplies drones": who does what, in
            # the present, the normal form of a proposition (needs the parse's lemma)
            return f"{name} {third_person(lemma)} {rest}".strip()
        return f"{name} {text}"
    return text


def _antecedent(noun: str, earlier: list[Claim], cues: dict[str, str]) -> Claim | None:
    """The earlier claim an anaphoric report noun refers to (step 4)."""
    candidates = [c for c in earlier if not ANAPHORIC.match(c.proposition)]
    if DENIAL_NOUN.match(noun):
        return next((c for c in reversed(candidates) if c.stance is Stance.DENIES), None)
    reported = [c for c in candidates if cues.get(c.attribution_id or "") in REPORTING_CUES]
    if reported:
        return reported[0]
    return candidates[-1] if candidates else None


def _anonymous_holder(name: str) -> SourceRef:
    """A source named inside the outlet's own sentence: kind unknown, no id (step 5)."""
    return SourceRef(name=name.strip(), kind=SourceKind.UNKNOWN)


def _reported_inside(
    text: str, earlier: list[Claim], cues: dict[str, str]
) -> tuple[SourceRef, Stance, str] | None:
    """(holder, stance, proposition) of a statement the outlet reports itself (step 5)."""
    match = REPORTED_INSIDE.match(clean_content(text)[0])
    if not match:
        return None
    who = re.sub(r"\s+on\s+\w+$", "", match.group("who"))
    if who.lower() in ("it", "this", "that", "there", "which", "who"):
        return None
    holder = _anonymous_holder(who)
    if match.group("called"):
        ref = _antecedent("report", earlier, cues)
        return None if ref is None else (holder, Stance.DENIES, ref.proposition)
    content = match.group("denied") or match.group("object")
    stance, proposition = stance_of(Polarity.DENIES, content)
    anaphor = ANAPHORIC.match(proposition)
    if anaphor:
        ref = _antecedent(anaphor.group("noun") or "report", earlier, cues)
        if ref is None:
            return None
        proposition = ref.proposition
    return holder, stance, proposition


def _restated_figure(proposition: str, earlier: list[Claim]) -> tuple[str | None, str] | None:
    """(who, proposition with the new figure) for "X put the figure at N" (step 6)."""
    match = FIGURE.match(proposition)
    if not match:
        return None
    for claim in reversed(earlier):
        if QUANTITY.search(claim.proposition) and not FIGURE.match(claim.proposition):
            restated = QUANTITY.sub(match.group("figure").strip(), claim.proposition, count=1)
            return match.group("who"), restated
    return None


def _new_claim(
    article: Article,
    attribution: Attribution,
    spans: list[Span],
    earlier: list[Claim],
    *,
    proposition: str,
    stance: Stance,
    holder: SourceRef | None = None,
) -> Claim:
    holder = holder or attribution.source
    voice = Voice.OUTLET if holder.kind is SourceKind.OUTLET else Voice.SOURCE
    evidence = list(spans)
    if attribution.cue is not None:
        evidence.append(attribution.cue)
    return Claim(
        id=f"{article.id[:12]}:c{len(earlier) + 1}",
        proposition=proposition,
        holder=holder,
        stance=stance,
        voice=voice,
        evidence=evidence,
        attribution_id=attribution.id,
        produced_by=CLAIMS,
    )


def _claim_of(
    article: Article,
    attribution: Attribution,
    spans: list[Span],
    text: str,
    earlier: list[Claim],
    cues: dict[str, str],
    *,
    verbless: bool = False,
    gerunds: dict[str, str] | None = None,
) -> Claim | None:
    holder = attribution.source
    if holder.kind is SourceKind.OUTLET:
        inside = _reported_inside(text, earlier, cues)
        if inside is not None:
            who, stance, proposition = inside
            return _new_claim(article, attribution, spans, earlier, proposition=proposition,
                              stance=stance, holder=who)
    if attribution.kind is not AttributionKind.DIRECT and holder.kind is not SourceKind.OUTLET:
        # "he said Tehran is allegedly trying ...": in reported speech the adverb is the
        # outlet's distance (step 9), not the source's hedge
        text = re.sub(r"\s{2,}", " ", DISTANCING_ADVERB.sub("", text))
    stance, proposition = stance_of(attribution.polarity, text)
    anaphor = ANAPHORIC.match(proposition)
    if anaphor:
        if attribution.polarity is Polarity.ACCUSES:
            return None  # "criticised the report": no proposition of its own to hold
        noun = anaphor.group("noun") or "report"
        ref = _antecedent(noun, earlier, cues)
        if ref is not None:
            proposition = ref.proposition
            if DENIAL_NOUN.match(noun) and stance in FLIP:
                stance = FLIP[stance]
    else:
        figure = _restated_figure(proposition, earlier)
        if figure is not None:
            who, proposition = figure
            if holder.kind is SourceKind.OUTLET and who:
                holder = _anonymous_holder(who)
        elif verbless:
            return None  # step 8: "his joy", "the document": a phrase, not a proposition
        else:
            proposition = _resolve_subject(proposition, holder, gerunds)
    if not proposition.strip() or re.fullmatch(FALSITY, proposition.strip(), flags=re.I):
        # step 8: nothing left to claim ("rejected as 'fabricated' ...": the label alone,
        # the thing labelled lies outside the content)
        return None
    return _new_claim(article, attribution, spans, earlier, proposition=proposition,
                      stance=stance, holder=holder)


def _gerunds(doc: Any | None, spans: list[Span]) -> dict[str, str]:
    """Gerund -> lemma inside the spans, from the parse (step 7)."""
    out: dict[str, str] = {}
    if doc is None:
        return out
    for token in tokens_of(doc, spans):
        if token.tag_ == "VBG" and token.lemma_:
            out.setdefault(token.lower_, token.lemma_.lower())
    return out


def _has_verb(doc: Any, spans: list[Span]) -> bool:
    """Whether the parse has a verb (or auxiliary) inside the spans (step 8)."""
    for span in spans:
        try:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        except (AttributeError, IndexError, ValueError):
            return True
        if tokens is None or any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return True
    return False


# The outlet's own words that keep a reported proposition at a distance (step 9).
DISTANCING_NOUNS = re.compile(
    r"\b(?:so-called|(?:claims?|allegations?|accusations?|insinuations?|rumou?rs?|"
    r"assertions?)\s+(?:of|that|about|regarding)\b)",
    re.I,
)
DISTANCING_CUES = {"claim", "allege", "purport"}
DISTANCING_ADVERB = re.compile(r"\b(?:allegedly|purportedly|supposedly|reportedly)\b", re.I)


def distancing(attribution: Attribution, text: str) -> str | None:
    """The words by which the outlet distances itself from a reported claim, or None.

    In order: the attribution is marked `hedged_by_outlet`; the cue is a verb of
    distance ("claims", "alleged"); the content, in the outlet's words (reported
    speech, not a quotation), names the proposition as someone's "claims of" /
    "allegations that" / a "so-called" thing (not when that thing is only the subject
    a statement talks about: `attribution.cues.frames_the_content`), or carries "allegedly"/"reportedly".
    The outlet's own voice never distances itself from itself.
    """
    if attribution.source.kind is SourceKind.OUTLET:
        return None
    if attribution.cue_lemma and attribution.cue_lemma.lower() in DISTANCING_CUES:
        return attribution.cue.text if attribution.cue is not None else attribution.cue_lemma
    if attribution.kind is not AttributionKind.DIRECT:
        match = DISTANCING_NOUNS.search(text)
        if match and not frames_the_content(attribution.polarity, text, match.start()):
            match = None  # the subject the source talks about, not a frame
        match = match or DISTANCING_ADVERB.search(text)
        if match:
            return match.group(0)
    if attribution.hedged_by_outlet:
        match = DISTANCING_ADVERB.search(text)
        return match.group(0) if match else "hedged"
    return None


def outlet_ref(article: Article) -> SourceRef:
    """The outlet's own voice as a holder (the same name the attribution stage uses)."""
    return SourceRef(name=article.outlet or "the outlet", kind=SourceKind.OUTLET)


def _distanced(
    article: Article, attribution: Attribution, claim: Claim, marker: str, earlier: list[Claim]
) -> Claim:
    """The outlet's own position on a claim it keeps at a distance (step 9): the
    outlet hedges the proposition; the evidence starts with the distancing words."""
    evidence: list[Span] = []
    for span in attribution.content:
        at = span.text.lower().find(marker.lower())
        if at >= 0:
            evidence.append(Span(start=span.start + at, end=span.start + at + len(marker),
                                 text=span.text[at:at + len(marker)]))
            break
    if not evidence and attribution.cue is not None and marker == attribution.cue.text:
        evidence.append(attribution.cue)
    evidence.extend(s for s in claim.evidence if s not in evidence)
    return Claim(
        id=f"{article.id[:12]}:c{len(earlier) + 1}",
        proposition=claim.proposition,
        holder=outlet_ref(article),
        stance=Stance.HEDGES,
        voice=Voice.OUTLET,
        evidence=evidence,
        attribution_id=attribution.id,
        produced_by=CLAIMS,
    )


def _pieces(doc: Any | None, spans: list[Span]) -> list[str]:
    """The group's text, cut at coordinated clauses when the parse allows (step 2)."""
    if doc is not None and len(spans) == 1:
        pieces = split_clauses(doc, spans[0].start, spans[0].end)
        if pieces:
            return pieces
    return [" ".join(s.text.strip() for s in spans)]


def _attributes(doc: Any | None, spans: list[Span]) -> list[str]:
    if doc is None:
        return []
    return [a for s in spans for a in comparative_attributes(doc, s.start, s.end)]


def extract_claims(
    article: Article, doc: Any | None, attributions: list[Attribution]
) -> list[Claim]:
    """Claims of every attribution content, in text order (see module doc)."""
    if doc is not None and getattr(doc, "text", None) != article.body:
        doc = None  # offsets would not line up: fall back to whole contents
    ordered = sorted(
        attributions,
        key=lambda a: (min((s.start for s in a.content), default=0), a.id),
    )
    cues = {a.id: (a.cue_lemma or "").lower() for a in attributions}
    claims: list[Claim] = []
    attribute_ids: set[str] = set()
    for attribution in ordered:
        for group in _content_groups(list(attribution.content)):
            made: list[Claim] = []
            gerunds = _gerunds(doc, group)
            # a denial or accusation takes a noun phrase that stands for a proposition
            # ("denied its participation in the project"); a statement does not
            verbless = (
                doc is not None
                and attribution.polarity in (Polarity.ASSERTS, Polarity.HEDGES)
                and not _has_verb(doc, group)
            )
            markers: dict[str, str] = {}  # claim id -> the outlet's distancing words
            for piece in _pieces(doc, group):
                claim = _claim_of(article, attribution, group, piece, claims, cues,
                                  verbless=verbless, gerunds=gerunds)
                if claim is not None:
                    claims.append(claim)
                    made.append(claim)
                    marker = distancing(attribution, piece)
                    if marker is not None:
                        markers[claim.id] = marker
            for attribute in _attributes(doc, group):
                word = attribute.rsplit(" ", 1)[-1]
                source = next((c for c in made if c.id not in attribute_ids
                               and word in c.proposition.lower()), None)
                if source is None:
                    continue
                # The attribute now has its own claim: the clause keeps the event alone,
                # so it aligns with reports of the event that do not mention the attribute.
                plain = re.sub(rf"\b{re.escape(word)}\s+", "", source.proposition, count=1, flags=re.I)
                updated = source.model_copy(update={"proposition": plain})
                # keep `made` current too: a second attribute of the same clause must
                # find (and further trim) the updated claim, not the replaced one
                claims[claims.index(source)] = updated
                made[made.index(source)] = updated
                extra = _new_claim(article, attribution, group, claims, proposition=attribute,
                                   stance=source.stance, holder=source.holder)
                claims.append(extra)
                made.append(extra)
                attribute_ids.add(extra.id)
                if source.id in markers:
                    markers[extra.id] = markers[source.id]
            # step 9 last, so that the outlet hedges the propositions as finally cut
            for claim in made:
                if claim.id in markers:
                    claims.append(_distanced(article, attribution, claim, markers[claim.id], claims))
    by_id = {a.id: a for a in attributions}
    return _with_parts(doc, claims, by_id, attribute_ids)


FIGURE_SLOT = "#"


def _content_spans(claim: Claim, attribution: Attribution | None) -> list[Span]:
    """The claim's evidence without its cue: the words the proposition comes from."""
    if attribution is None:
        return list(claim.evidence)
    cue = {(s.start, s.end) for s in [attribution.cue, *attribution.cue_parts] if s is not None}
    return [s for s in claim.evidence if (s.start, s.end) not in cue]


def _refigured(parts: ClaimParts, numbers: list[str]) -> ClaimParts:
    """An earlier proposition's parts with its figures replaced by the new ones."""
    fields = parts.update()
    for old, new in zip(parts.numbers, numbers):
        for name in ("subject", "object"):
            fields[name] = fields[name].replace(old, new)
    return ClaimParts(**{**fields, "numbers": numbers})


def _restates(proposition: str, spans: list[Span]) -> bool:
    """Whether the proposition's words (its figures aside) are mostly not in its own
    content: "X put the figure at N" restates an earlier claim rather than stating it."""
    words = re.findall(r"[a-z]+", QUANTITY.sub(" ", proposition).lower())
    content = set(re.findall(r"[a-z]+", " ".join(s.text for s in spans).lower()))
    return bool(words) and sum(w in content for w in words) * 2 < len(words)


def _with_parts(
    doc: Any | None,
    claims: list[Claim],
    attributions: dict[str, Attribution],
    attribute_ids: set[str],
) -> list[Claim]:
    """Each claim with its proposition's parts (step 10)."""
    done: dict[str, ClaimParts] = {}  # proposition -> its parts
    by_figure: dict[str, ClaimParts] = {}  # proposition with figures blanked -> parts
    out: list[Claim] = []
    for claim in claims:
        proposition = claim.proposition
        parts = done.get(proposition)
        if parts is None:
            spans = _content_spans(claim, attributions.get(claim.attribution_id or ""))
            if claim.id in attribute_ids:
                parts = attribute_parts(proposition, doc, spans)
            else:
                blanked = QUANTITY.sub(FIGURE_SLOT, proposition)
                earlier = by_figure.get(blanked) if blanked != proposition else None
                if earlier is not None and _restates(proposition, spans):
                    # step 6: "put the figure at N" restates an earlier proposition
                    parts = _refigured(earlier, numbers_in(proposition))
                else:
                    parts = parts_of(doc, spans, proposition, claim.holder)
            done[proposition] = parts
            by_figure.setdefault(QUANTITY.sub(FIGURE_SLOT, proposition), parts)
        out.append(claim.model_copy(update=parts.update()))
    return out
