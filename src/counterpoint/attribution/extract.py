"""The attribution stage: who said what, through whom, in one article.

`extract_attributions(article, doc, entities)` walks the sentence units in order:

  1. quotations are paired over the whole body (quotes.find_quotes; unclosed ones
     are refused);
  2. per unit, raw candidates come from the parse (reported.unit_candidates);
  3. each candidate's source is resolved in document order (speakers), so pronouns
     and nominals see the sources before them;
  4. route: an outer reporter, "cited ... as saying", "citing ..." and "told <media>"
     give the chain; channels come from the phrase ("in a Monday tweet"), the
     addressee ("told <this outlet>" is an interview), the outer reporter, an earlier
     "took to Twitter" by the same speaker or an earlier "made the remark in ..." by
     the same speaker (chains.py);
     "X made the remark in ..." after a sentence credited to someone else adds X to
     that attribution's chain (and its channel), instead of a second attribution; after
     a sentence credited to no one, X is its source;
  5. kind: DIRECT when the content is all quoted (content becomes the quote pieces,
     several for split and multi-paragraph quotes), MIXED when partly, else INDIRECT;
  6. quotes no candidate covers join the unit's direct candidate (a split quote),
     else the previous unit's direct speaker (a quote continuing the same speaker),
     else they are refused: never guessed;
  7. the trained tagger (model.py, when its weights are shipped) adds its attributions
     whose content overlaps no rule attribution's content (recall: indirect speech,
     beliefs, long content the rules miss); rules first because they handle chains,
     channels and the split quotes; where it overlaps a rule attribution and its
     source phrase contains the rule's source words, the source span is widened to
     the whole phrase ("A spokeswoman for the council"); without the weight file this
     step is skipped;
  8. the outlet's own voice fills claim-like units and concessive clauses that no
     source is credited with (outlet.py), except units that are a speech act of
     their own subject ("X took to Twitter ...", "X made the remark ...", a cue verb
     at the root with nothing reported): those are nobody's claim;
  9. ids are f"{article.id[:12]}:a{n}" in text order; a cue in pieces ("cited ...
     as saying") keeps its first piece as `cue` and all of them in `cue_parts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counterpoint.nlp.model import doc_text
from counterpoint.attribution import model as crf
from counterpoint.attribution.chains import (
    addressee_channel,
    names_outlet,
    build_chain,
    media_channel,
    social_platform,
    statement_channel,
    told_addressee,
)
from counterpoint.attribution.cues import CUES, OUTLET_HEDGE_WORDS, frames_the_content, is_outlet_hedge
from counterpoint.attribution.outlet import outlet_spans
from counterpoint.attribution.quotes import (
    Quote,
    classify_content,
    close_quotes,
    find_quotes,
    inside_quote,
    quote_pieces,
)
from counterpoint.attribution.reported import unit_candidates
from counterpoint.attribution.speakers import SpeakerResolver
from counterpoint.attribution.units import Candidate, Unit, split_units, trim
from counterpoint.provenance import stamp
from counterpoint.records import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    Entity,
    Polarity,
    SourceKind,
    SourceRef,
    Span,
)

PRODUCED_BY = stamp("attribution.rules", 2)  # 2: fast parse, cue parts, unnamed officials


@dataclass
class _Draft:
    """A candidate with its source and route settled, before numbering."""

    cand: Candidate
    source: SourceRef
    content: list[tuple[int, int]]
    kind: AttributionKind
    channel: Channel | None
    chain: list[SourceRef]
    hedged: bool
    produced_by: str = PRODUCED_BY


def _key(ref: SourceRef) -> str:
    return ref.canonical_id or ref.name.lower()


def _span(text: str, se: tuple[int, int]) -> Span:
    return Span(start=se[0], end=se[1], text=text[se[0] : se[1]])


def _hedged(doc: Any, cand: Candidate, content: list[tuple[int, int]], quotes: list[Quote]) -> bool:
    if cand.cue_lemma and is_outlet_hedge(cand.cue_lemma):
        return True
    for s, e in content:
        for tok in doc.char_span(s, e, alignment_mode="expand") or []:
            if tok.lower_ in OUTLET_HEDGE_WORDS and not inside_quote(quotes, tok.idx):
                return True
        text = doc_text(doc)[s:e]
        at = text.lower().find("so-called")
        if at >= 0 and frames_the_content(cand.polarity, text, at):
            return True
    return False


def _quoted_content(
    text: str, quotes: list[Quote], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for q in quotes:
        if any(q.overlaps(s, e) for s, e in spans):
            out.extend(quote_pieces(text, q))
    return out


class _Builder:
    def __init__(self, article: Article, doc: Any, entities: list[Entity]):
        self.article = article
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes = find_quotes(self.text)
        self.units = split_units(doc)
        self.entities = entities
        self.resolver = SpeakerResolver(doc, entities)
        self.drafts: list[_Draft] = []
        self.social: dict[str, tuple[int, Channel]] = {}  # speaker -> (unit, channel)
        self.remarks: dict[str, tuple[int, Channel]] = {}
        self.speech_units: set[int] = set()  # speech acts with nothing to attribute

    # ------------------------------------------------------------------ per candidate
    def settle(self, cand: Candidate, unit: Unit) -> _Draft | None:
        res = self.resolver
        source = res.resolve(cand.source_head, unit)
        intermediaries: list[SourceRef] = []
        origin: list[SourceRef] = [res.resolve(h, unit) for h in cand.cited]
        channel: Channel | None = None

        for head in cand.reporters:  # "X cited officials as saying"
            ref = res.resolve(head, unit)
            intermediaries.append(ref)
            if ref.kind == SourceKind.MEDIA:
                channel = media_channel(ref)
        if cand.nested_in is not None and cand.nested_in.source_head is not None:
            ref = res.resolve(cand.nested_in.source_head, unit)
            intermediaries.append(ref)
            channel = channel or media_channel(ref)
        if cand.cue_token is not None:
            addressee = told_addressee(cand.cue_token)
            words = (self.text[addressee.left_edge.idx : addressee.idx + len(addressee.text)]
                     if addressee is not None else "")
            if addressee is not None and names_outlet(words, self.article.outlet):
                channel = Channel(kind="interview", name=self.article.outlet, span=_span(
                    self.text, (addressee.left_edge.idx, addressee.idx + len(addressee.text))))
            elif addressee is not None:
                ref = res.lookup_media(addressee.text) or res.resolve(addressee, unit)
                found = addressee_channel(ref, addressee)
                if found is not None:
                    channel = channel or found
                    if ref.kind == SourceKind.MEDIA:
                        intermediaries.append(ref.model_copy(update={"span": _span(
                            self.text, (addressee.idx, addressee.idx + len(addressee.text)))}))
        channel = channel or statement_channel(self.doc, unit, self.quotes)
        key = _key(source)
        for memory in (self.social, self.remarks):
            if channel is None and key in memory and unit.index - memory[key][0] <= 2:
                channel = memory[key][1]

        if cand.anaphoric:
            prev = self._previous_unit(unit)
            if prev is None:
                return None
            if channel is not None:
                self.remarks[key] = (unit.index, channel)
            if self._pass_on(prev, source, channel):
                res.remember(cand.source_head.idx, source)
                self.speech_units.add(unit.index)
                return None
            content = [trim(self.text, prev.start, prev.end)]
        else:
            content = cand.content
        kind = classify_content(self.text, self.quotes, content)
        if kind == AttributionKind.DIRECT:
            content = _quoted_content(self.text, self.quotes, content) or content
        else:
            content = close_quotes(self.text, self.quotes, content)
        if cand.anaphoric:
            kind = AttributionKind.INDIRECT
        chain = build_chain(source, intermediaries)
        if origin:
            chain = [*origin, source, *intermediaries]
        res.remember(cand.source_head.idx if cand.source_head is not None else unit.start,
                     source)
        return _Draft(cand, source, content, kind, channel, chain,
                      _hedged(self.doc, cand, content, self.quotes))

    def _pass_on(self, prev: Unit, reporter: SourceRef, channel: Channel | None) -> bool:
        """Add the reporter of "made the remark" to the previous unit's attributions."""
        earlier = [d for d in self.drafts if d.cand.unit == prev.index
                   and d.source.kind != SourceKind.OUTLET and _key(d.source) != _key(reporter)]
        for d in earlier:
            d.chain = [*(d.chain or [d.source]), reporter]
            d.channel = d.channel or channel
        return bool(earlier)

    def _previous_unit(self, unit: Unit) -> Unit | None:
        return self.units[unit.index - 1] if unit.index > 0 else None

    # ------------------------------------------------------------------ per unit
    def run(self) -> list[Attribution]:
        consumed: set[int] = set()
        last_direct: dict[int, _Draft] = {}
        per_unit: list[list[_Draft]] = []
        for unit in self.units:
            found = social_platform(self.doc, unit)
            if found is not None:
                subj, channel = found
                ref = self.resolver.resolve(subj, unit)
                self.resolver.remember(subj.idx, ref)
                self.social[_key(ref)] = (unit.index, channel)
                self.speech_units.add(unit.index)
            cands = unit_candidates(self.doc, unit, self.quotes)
            drafts = []
            for cand in sorted(cands, key=lambda c: c.position):
                draft = self.settle(cand, unit)
                if draft is not None:
                    drafts.append(draft)
            drafts = self._drop_media_reporters(drafts)
            self._mark_consumed(drafts, consumed)
            self._loose_quotes(unit, drafts, consumed, last_direct)
            for d in drafts:
                if d.kind in {AttributionKind.DIRECT, AttributionKind.MIXED}:
                    last_direct[unit.index] = d
            self.drafts.extend(drafts)
            per_unit.append(drafts)
        # the tagger's additions, then the outlet's voice over what is still uncovered
        for d in self._model_drafts():
            per_unit[d.cand.unit].append(d)
            self.drafts.append(d)
        for unit in self.units:
            self._outlet(unit, per_unit[unit.index])
        return self._number()

    def _model_drafts(self) -> list[_Draft]:
        """Tagger attributions whose content overlaps no rule attribution's content."""
        tagger = crf.load_tagger()
        if tagger is None or not self.units:
            return []
        taken = [(s, e) for d in self.drafts for s, e in d.content]
        taken += [d.cand.cue for d in self.drafts if d.cand.cue]
        out: list[_Draft] = []
        for att in crf.predict_attributions(self.doc, self.entities, tagger, self.resolver):
            content = [(c.start, c.end) for c in att.content]
            if any(s < te and ts < e for s, e in content for ts, te in taken):
                self._widen_source(att, content)
                continue
            cue = (att.cue.start, att.cue.end) if att.cue else None
            unit = next((u for u in self.units if cue and u.start <= cue[0] < u.end),
                        self.units[-1])
            cand = Candidate(unit=unit.index, cue=cue, cue_lemma=att.cue_lemma,
                             polarity=att.polarity, content=content)
            out.append(_Draft(cand, att.source, content, att.kind, None, [],
                              _hedged(self.doc, cand, content, self.quotes), att.produced_by))
        return out

    def _widen_source(self, att: Attribution, content: list[tuple[int, int]]) -> None:
        """A rule source the tagger read as part of a longer phrase takes that phrase
        ("A spokeswoman" -> "A spokeswoman for the council"); name and identity stay."""
        tagged = att.source.span
        if tagged is None:
            return
        for d in self.drafts:
            span = d.source.span
            if (span is None or d.source.kind == SourceKind.OUTLET
                    or not (tagged.start <= span.start and span.end <= tagged.end)
                    or (tagged.start, tagged.end) == (span.start, span.end)
                    or not any(s < te and ts < e for s, e in content for ts, te in d.content)):
                continue
            d.source = d.source.model_copy(update={"span": tagged})

    def _drop_media_reporters(self, drafts: list[_Draft]) -> list[_Draft]:
        """An outer media reporter is a channel of the inner statement, not a statement."""
        outers = {id(d.cand.nested_in) for d in drafts if d.cand.nested_in is not None}
        return [d for d in drafts
                if not (id(d.cand) in outers and d.source.kind == SourceKind.MEDIA)]

    def _mark_consumed(self, drafts: list[_Draft], consumed: set[int]) -> None:
        for i, q in enumerate(self.quotes):
            if any(q.overlaps(s, e) for d in drafts for s, e in d.content):
                consumed.add(i)

    def _loose_quotes(
        self, unit: Unit, drafts: list[_Draft], consumed: set[int],
        last_direct: dict[int, _Draft],
    ) -> None:
        for i, q in enumerate(self.quotes):
            if i in consumed or not (unit.start <= q.start < unit.end):
                continue
            pieces = quote_pieces(self.text, q)
            direct = [d for d in drafts if d.kind == AttributionKind.DIRECT]
            if direct:  # a split quote: '"A," X said, "B."'
                direct[-1].content = sorted(direct[-1].content + pieces)
                consumed.add(i)
                continue
            prev = last_direct.get(unit.index - 1)
            if prev is not None and not drafts and q.start <= unit.start + 1:
                cand = Candidate(unit=unit.index, cue=None, cue_lemma=None,
                                 polarity=prev.cand.polarity, content=pieces)
                draft = _Draft(cand, prev.source, pieces, AttributionKind.DIRECT,
                               prev.channel, prev.chain, False)
                drafts.append(draft)
                last_direct[unit.index] = draft
                consumed.add(i)
            # otherwise refused: a quote with no speaker is not guessed

    def _outlet(self, unit: Unit, drafts: list[_Draft]) -> None:
        covered = [
            (s, e) for d in drafts for s, e in d.content
            if s < unit.end and unit.start < e
        ]
        for d in self.drafts:  # multi-paragraph quotes cover later units too
            covered.extend((s, e) for s, e in d.content if s < unit.end and unit.start < e)
        for d in drafts:  # an anaphoric cue's content lies elsewhere: its words count
            if d.cand.cue:
                covered.append(d.cand.cue)
            if d.source.span is not None:
                covered.append((d.source.span.start, d.source.span.end))
        if not drafts and (unit.index in self.speech_units or self._speech_root(unit)):
            return
        cues = [d.cand.cue_token for d in drafts if d.cand.cue_token is not None]
        spans = outlet_spans(self.doc, unit, self.quotes, covered, cues)
        if not spans:
            return
        name = self.article.outlet or "the outlet"
        source = SourceRef(name=name, kind=SourceKind.OUTLET)
        cand = Candidate(unit=unit.index, cue=None, cue_lemma=None,
                         polarity=Polarity.ASSERTS, content=spans)
        self.drafts.append(_Draft(cand, source, spans, AttributionKind.INDIRECT, None, [],
                                  _hedged(self.doc, cand, spans, self.quotes)))

    def _speech_root(self, unit: Unit) -> bool:
        """The unit's main verb is a cue with its own subject ("Drivers described ...")."""
        for tok in self.doc[unit.first : unit.last + 1]:
            if tok.head.i == tok.i or not unit.has(tok.head):
                return (tok.lemma_.lower() in CUES and tok.pos_ == "VERB"
                        and any(c.dep_ == "nsubj" for c in tok.children))
        return False

    def _number(self) -> list[Attribution]:
        def position(d: _Draft) -> tuple[int, int]:
            points = [s for s, _ in d.content]
            if d.cand.cue:
                points.append(d.cand.cue[0])
            if d.source.span is not None and d.source.kind != SourceKind.OUTLET:
                points.append(d.source.span.start)
            return (min(points) if points else 0, d.content[0][0] if d.content else 0)

        out = []
        prefix = self.article.id[:12]
        for n, d in enumerate(sorted(self.drafts, key=position), start=1):
            cue = _span(self.text, d.cand.cue) if d.cand.cue else None
            out.append(Attribution(
                id=f"{prefix}:a{n}",
                source=d.source,
                cue=cue,
                cue_parts=[_span(self.text, p) for p in d.cand.cue_parts]
                if len(d.cand.cue_parts) > 1 else [],
                cue_lemma=d.cand.cue_lemma,
                polarity=d.cand.polarity,
                content=[_span(self.text, c) for c in d.content],
                kind=d.kind,
                channel=d.channel,
                chain=d.chain,
                hedged_by_outlet=d.hedged,
                produced_by=d.produced_by,
            ))
        return out


def extract_attributions(article: Article, doc: Any, entities: list[Entity]) -> list[Attribution]:
    """Every attribution in the article, in text order (see the module docstring)."""
    return _Builder(article, doc, entities).run()
