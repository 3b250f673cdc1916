"""Channels and chains: how a statement reached the outlet.

Channels, first match wins for a cue:
  1. "in a (Monday) tweet/post" -> social; "in a statement" -> statement;
     "in an interview" -> interview; "at a briefing" and other statement nouns -> other.
     A DATE inside the phrase becomes `date_text` ("Monday", "last week");
  2. "told <media>" -> agency (a news agency) or media; "told reporters" -> interview;
     "told <this outlet>" (its name, a word of it or its initials: "told KPA") ->
     interview with the outlet's name (and no chain: the outlet is not an intermediary);
  3. an outer reporter ("..., Mehr news agency reported") -> agency/media/report.
"took to Twitter" is remembered by the caller for the same speaker's next statement.

Chains list the route from the original source to the outlet, source first, and
never include the outlet itself: "X cited officials as saying" -> [officials, X];
"X told Mehr" -> [X, Mehr]; "X denied ..., Mehr reported" -> [X, Mehr].
"""

from __future__ import annotations

from typing import Any

from counterpoint.nlp.model import doc_text
from counterpoint.attribution.cues import NOUN_CUES
from counterpoint.attribution.quotes import Quote, inside_quote
from counterpoint.attribution.units import Unit
from counterpoint.records import Channel, SourceKind, SourceRef, Span

PLATFORMS = {
    "twitter", "x", "facebook", "telegram", "instagram", "tiktok", "youtube",
    "weibo", "linkedin", "threads", "bluesky", "vk", "truth social",
}  # fmt: skip
_NOUN_CHANNEL = {
    "tweet": "social",
    "post": "social",
    "statement": "statement",
    "communique": "statement",
    "announcement": "statement",
    "interview": "interview",
}
_AUDIENCE = {"reporter", "journalist", "press", "conference", "media", "newspaper"}


def _span(doc: Any, tokens: list[Any]) -> Span:
    toks = sorted(tokens, key=lambda t: t.i)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec week weekend month year yesterday today tonight "
    "morning afternoon evening night".split()
)
_DATE_MODIFIERS = frozenset({"last", "next", "this", "earlier", "later", "early", "late"})


def _date_tokens(tokens: list[Any]) -> list[Any]:
    """Date words of a phrase without entity annotation: calendar words (a month only
    when capitalized: "may" is a verb), the numbers beside a month, and "last", "next",
    "this"... before them."""
    words = {t.i for t in tokens if t.lower_.rstrip(".") in _DATE_WORDS
             and (t.text[:1].isupper() or t.lower_ not in {"may", "march"})}
    by_i = {t.i: t for t in tokens}
    for i in list(words):
        for j in (i - 1, i + 1):
            if j in by_i and (by_i[j].like_num or (j == i - 1 and by_i[j].lower_ in _DATE_MODIFIERS)):
                words.add(j)
    return [by_i[i] for i in sorted(words)]


def _date_text(tokens: list[Any]) -> str | None:
    """The date words of a channel phrase: the recognizer's DATE/TIME tokens when the
    Doc has entities, else `_date_tokens` (the fast parse has none)."""
    if tokens and tokens[0].doc.has_annotation("ENT_IOB"):
        dates = [t for t in tokens if t.ent_type_ in {"DATE", "TIME"}]
    else:
        dates = _date_tokens(tokens)
    if not dates:
        return None
    return " ".join(t.text for t in sorted(dates, key=lambda t: t.i))


def statement_channel(doc: Any, unit: Unit, quotes: list[Quote]) -> Channel | None:
    """A channel named by a statement noun in the unit ("in a Monday tweet")."""
    for tok in doc[unit.first : unit.last + 1]:
        lemma = tok.lemma_.lower()
        if lemma not in NOUN_CUES or tok.pos_ != "NOUN" or inside_quote(quotes, tok.idx):
            continue
        if tok.dep_ != "pobj" or tok.head.lower_ not in {"in", "via", "through", "at", "during"}:
            continue
        phrase = [t for t in tok.subtree]
        kind = _NOUN_CHANNEL.get(lemma, "other")
        name = "Twitter" if lemma == "tweet" else None
        return Channel(
            kind=kind,  # type: ignore[arg-type]
            name=name,
            span=_span(doc, [tok.head, *phrase]),
            date_text=_date_text(phrase),
        )
    return None


def social_platform(doc: Any, unit: Unit) -> tuple[Any, Channel] | None:
    """("took to Twitter") -> (the subject token, a social channel), else None."""
    for tok in doc[unit.first : unit.last + 1]:
        if tok.lemma_.lower() != "take":
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lower_ in PLATFORMS:
                    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                    if subj is None:
                        continue
                    channel = Channel(
                        kind="social", name=obj.text, span=_span(doc, [tok, prep, obj])
                    )
                    return subj, channel
    return None


def media_channel(ref: SourceRef, span: Span | None = None) -> Channel:
    """The channel for a statement passed on by a media source (or another reporter)."""
    if ref.kind == SourceKind.MEDIA:
        kind = "agency" if "agency" in ref.name.lower() else "media"
    else:
        kind = "report"
    return Channel(kind=kind, name=ref.name, span=span or ref.span)  # type: ignore[arg-type]


def told_addressee(cue: Any) -> Any | None:
    """The addressee of "tell" ("told Mehr", "told reporters"), if any."""
    if cue.lemma_.lower() != "tell":
        return None
    for child in cue.children:
        if child.dep_ in {"dobj", "dative", "iobj"}:
            return child
    return None


def names_outlet(words: str, outlet: str | None) -> bool:
    """True when `words` name the outlet: its name, one of its proper words, its initials."""
    if not outlet or not words.strip():
        return False
    words = words.strip().lower()
    if words.startswith("the "):
        words = words[4:]
    parts = [w for w in outlet.replace("-", " ").split() if w.lower() != "the"]
    initials = "".join(w[0] for w in parts if w[:1].isupper()).lower()
    proper = {w.lower() for w in parts if w[:1].isupper()}
    return words in {outlet.lower(), initials} or words in proper or outlet.lower().endswith(
        words) and len(words) > 3


def addressee_channel(ref: SourceRef, head: Any) -> Channel | None:
    """"told <media>" -> agency/media channel; "told reporters" -> interview."""
    if ref.kind == SourceKind.MEDIA:
        return media_channel(ref)
    if head.lemma_.lower() in _AUDIENCE:
        return Channel(kind="interview", name=None, span=ref.span)
    return None


def build_chain(source: SourceRef, intermediaries: list[SourceRef]) -> list[SourceRef]:
    """[source, *intermediaries], empty when the source spoke to the outlet directly."""
    route = [r for r in intermediaries if r.kind != SourceKind.OUTLET]
    if not route:
        return []
    return [source, *route]
