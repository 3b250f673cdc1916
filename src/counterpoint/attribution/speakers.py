"""Who a source phrase stands for: entities, pronouns, nominals, anonymous sources.

`SpeakerResolver.resolve(head, unit)` turns the head token of a source phrase into a
SourceRef. Cascade, first match wins:

  1. pronouns: he/she -> the most recent person source (then person entity) before
     it; it/they -> the most recent non-person source (then entity);
  2. a PERSON entity inside the phrase ("Iranian Foreign Ministry spokesman Nasser
     Kanaani" -> Nasser Kanaani; the full phrase is kept as description);
  3. anonymous sources: an indefinite or bare "officials"/"sources"/"a person
     familiar with ..." -> ANONYMOUS, description = the phrase without "unnamed" and
     quote marks;
  4. definite nominals: "the minister"/"the spokesman" -> the most recent person
     introduced with that role ("Maritime Minister X"), else the most recent person;
     "the agency"/"the ministry"/"the newspaper"... -> the most recent source or entity
     of matching type (a ministry for "the ministry"); a nominal with its own
     modifiers ("the maritime ministry") only matches a source whose name has them,
     else it is a new described organisation (step 5);
  5. an organisation described, not named ("the Kestrian maritime ministry") -> a
     described organisation; a role word whose phrase names an organisation, a
     country, a capital or a government but no person ("the Kremlin spokesman", "the
     ministry spokeswoman") -> ANONYMOUS, an unnamed official: name = the words,
     description "unnamed <role> of <organisation>" (the organisation resolved by the
     alias table: Kremlin -> Russia), id = organisation + role so that outlets agree;
     any other role word ("the new envoy") -> an unnamed person;
  6. a media head noun with a proper name ("Mehr news agency") -> MEDIA, remembered
     so that a later bare "Mehr" resolves to it;
  7. an entity overlapping the phrase (the one covering the head first; owners in a
     possessive are skipped) -> its canonical id/name and kind; a one-word name that
     ends an earlier, longer source name ("the Ledger" after "The Meridian Ledger")
     -> that source; an entity described somewhere in the article by a media noun
     ("X, a daily based in ...", "the newspaper X") is MEDIA;
  8. `resolve_name` from counterpoint.nlp.entities (aliases: capitals, acronyms);
  9. an acronym matching the initials of an earlier source ("WSJ");
 10. otherwise UNKNOWN with the phrase as name.

A lower-case word the tagger calls PROPN ("the maritime ministry") is treated as a
common noun: case is the stronger signal in edited news text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from counterpoint.nlp.model import doc_text
from counterpoint.attribution.quotes import QUOTE_CHARS
from counterpoint.attribution.units import Unit, trim
from counterpoint.records import Entity, SourceKind, SourceRef, Span

from counterpoint.nlp.entities import canonical_key, entity_kind, resolve_name

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it", "they", "them"}
ANONYMOUS_HEADS = {
    "official", "source", "person", "people", "insider", "aide", "diplomat",
    "officer", "expert", "analyst", "witness", "resident", "someone",
}  # fmt: skip
PERSON_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "diplomat", "official",
    "president", "adviser", "advisor", "ambassador", "envoy", "general", "commander",
    "chief", "director", "secretary", "senator", "lawmaker", "leader", "head",
    "governor", "mayor", "prosecutor", "lawyer", "ceo", "chairman", "premier",
}  # fmt: skip
MEDIA_HEADS = {
    "agency", "newspaper", "outlet", "paper", "daily", "broadcaster", "channel",
    "network", "magazine", "website", "tabloid", "weekly", "radio", "television",
}  # fmt: skip
ORG_HEADS = {
    "ministry", "company", "firm", "government", "department", "group", "organization",
    "organisation", "council", "committee", "office", "army", "military", "agency",
    "embassy", "administration", "parliament", "court", "union", "bank", "party",
    "authority", "commission", "police", "regulator", "board", "association",
    "institute", "university", "hospital", "operator", "federation", "coalition",
}  # fmt: skip
GOVERNMENT_HEADS = {
    "ministry", "government", "department", "council", "office", "army", "military",
    "embassy", "administration", "parliament", "kremlin", "cabinet", "presidency",
    "authority", "commission", "police", "regulator",
}  # fmt: skip
_MEDIA_NAME = re.compile(
    r"\b(news|times|journal|post|press|agency|tv|radio|herald|gazette|tribune|"
    r"telegraph|guardian|reuters|bloomberg|broadcasting|daily|wire|observer|"
    r"chronicle|express|courier|monitor|dispatch|bulletin)\b",
    re.I,
)
_GOV_NAME = re.compile(
    r"\b(ministry|government|kremlin|white house|council|parliament|army|"
    r"department|embassy|cabinet|presidency|military|forces|administration)\b",
    re.I,
)
_ORG_NAME = re.compile(
    r"\b(energy|corporation|corp|inc|ltd|llc|group|company|co|bank|industries|holdings|"
    r"airlines|motors|systems|technologies|partners|foundation|institute|university)\.?$",
    re.I,
)
_NEWS_AGENCY = re.compile(r"\b(news|press|wire|telegraph)\b", re.I)
DEFINITE = {"the", "this", "that"}
# modifiers that make a different office of a role word: "the minister" is not the
# prime minister, "the president" not the vice president
_DISTINCT_TITLE_MODS = {"prime", "vice", "deputy", "former", "ex"}
_SKIP_DEPS = {"relcl", "appos", "acl", "prep", "punct", "cc", "conj", "advcl"}


def slug(name: str) -> str:
    """The canonical key the entities stage uses, so sources join entities by id."""
    return canonical_key(name)


def kind_of(label: str, name: str) -> SourceKind:
    """SourceKind for an entity: `entity_kind`, else (kind "other") label + name rules."""
    if label == "PERSON" and _ORG_NAME.search(name):
        return SourceKind.ORGANIZATION  # the tagger often calls "Greenfield Energy" a PERSON
    if re.search(r"\bagency\b", name, re.I) and not _NEWS_AGENCY.search(name):
        # "Customs Agency", "Environment Agency": public bodies, not news agencies
        return SourceKind.GOVERNMENT
    mapped = {
        "person": SourceKind.PERSON,
        "government": SourceKind.GOVERNMENT,
        "media": SourceKind.MEDIA,
        "organization": SourceKind.ORGANIZATION,
        "group": SourceKind.ORGANIZATION,
        "place": SourceKind.GOVERNMENT,  # a country that speaks is its government
    }.get(entity_kind(label, name))
    if mapped is not None:
        return mapped
    if _MEDIA_NAME.search(name):
        return SourceKind.MEDIA
    if label == "PERSON":
        return SourceKind.PERSON
    if label in {"GPE", "NORP"} or _GOV_NAME.search(name):
        return SourceKind.GOVERNMENT
    if label in {"ORG", "FAC"}:
        return SourceKind.ORGANIZATION
    return SourceKind.UNKNOWN


def phrase_tokens(head: Any, unit: Unit) -> tuple[list[Any], list[Any]]:
    """(core, full) tokens of the noun phrase headed by `head`.

    core: the head and its pre-modifiers (no relative clauses, appositions or
    prepositional phrases); full: the whole subtree inside the unit.
    """
    banned: set[int] = set()
    for child in head.children:
        if child.dep_ in _SKIP_DEPS or child.i > head.i:
            banned.update(t.i for t in child.subtree)
    core = [t for t in head.subtree if unit.has(t) and t.i not in banned and t.i <= head.i]
    finite = {"VBD", "VBZ", "VBP"} | ({"VBN"} if head.dep_ == "ROOT" else set())
    cues = {t.i for c in head.children if c.dep_ == "acl" and c.tag_ in finite
            for t in c.subtree}  # a broken parse hung the statement itself on the noun
    full = [t for t in head.subtree if unit.has(t) and t.i not in cues
            and not (t.dep_ == "cc" and t.head == head)]
    return core, full


def _text(doc: Any, tokens: list[Any]) -> tuple[str, int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    start, end = trim(doc_text(doc), start, end, chars=" \t\n,;:.()" + QUOTE_CHARS)
    return doc_text(doc)[start:end], start, end


def describe(doc: Any, tokens: list[Any]) -> str:
    """The phrase as a description: 'unnamed' and quote marks dropped, spaces folded."""
    text, _, _ = _text(doc, tokens)
    text = re.sub(r"\bunnamed\s+", "", text, flags=re.I)
    text = "".join(ch for ch in text if ch not in QUOTE_CHARS)
    return re.sub(r"\s+", " ", text).strip()


class SpeakerResolver:
    """Resolves source phrases in document order, remembering earlier sources."""

    def __init__(self, doc: Any, entities: list[Entity]):
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.span.start)
        self.history: list[tuple[int, SourceRef]] = []
        self.media: dict[str, SourceRef] = {}
        self.media_ids: set[str] = set()  # entities described as media somewhere
        self._register_media()
        self._register_described_media()

    def _register_media(self) -> None:
        """Remember every "<Name> news agency"-style phrase, so "told <Name>" resolves."""
        for tok in self.doc:
            if tok.lemma_.lower() not in MEDIA_HEADS or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            owned = {t.i for c in tok.children if c.dep_ == "poss" for t in c.subtree}
            named = [t for t in tok.subtree if t.i <= tok.i and t.i not in owned
                     and t.dep_ in {"compound", "amod", "nmod"} or t == tok]
            named = [t for t in named if t.i not in owned]
            proper = [t for t in named if t.pos_ == "PROPN"]
            if not proper:
                continue
            first = min(t.i for t in proper)
            phrase = self.doc[first : tok.i + 1]
            name = phrase.text
            ref = SourceRef(name=name, kind=SourceKind.MEDIA, canonical_id=slug(name),
                            span=Span(start=phrase.start_char, end=phrase.end_char, text=name))
            for t in proper:
                self.media.setdefault(t.lower_, ref)
            self.media.setdefault(name.lower(), ref)

    def _register_described_media(self) -> None:
        """Entities in apposition with a media noun ("X, a daily ...", "the paper X")."""
        for tok in self.doc:
            if tok.lemma_.lower() not in MEDIA_HEADS or not _is_noun(tok):
                continue
            named = [c for c in tok.children if c.dep_ == "appos"]
            if tok.dep_ == "appos":
                named.append(tok.head)
            for node in named:
                for ent in self.entities:
                    if ent.label != "PERSON" and ent.span.start <= node.idx < ent.span.end:
                        self.media_ids.add(ent.canonical_id)

    # -- memory ---------------------------------------------------------------------
    def remember(self, pos: int, ref: SourceRef) -> None:
        if ref.kind not in {SourceKind.OUTLET, SourceKind.UNKNOWN}:
            self.history.append((pos, ref))

    def _entity_ref(self, ent: Entity) -> SourceRef:
        kind = kind_of(ent.label, ent.canonical_name)
        if ent.canonical_id in self.media_ids and kind != SourceKind.PERSON:
            kind = SourceKind.MEDIA
        return SourceRef(
            name=ent.canonical_name,
            kind=kind,
            canonical_id=ent.canonical_id,
            span=ent.span,
        )

    def most_recent(self, pos: int, accept: Callable[[SourceRef], bool]) -> SourceRef | None:
        """The latest earlier source that `accept`s, else the latest such entity."""
        for p, ref in reversed(self.history):
            if p < pos and accept(ref):
                return ref
        for ent in reversed(self.entities):
            if ent.span.end <= pos:
                ref = self._entity_ref(ent)
                if accept(ref):
                    return ref
        return None

    def lookup_media(self, text: str) -> SourceRef | None:
        """A media source met earlier whose name contains `text` ("Mehr")."""
        return self.media.get(text.lower())

    # -- resolution -----------------------------------------------------------------
    def resolve(self, head: Any, unit: Unit) -> SourceRef:
        """The SourceRef for the phrase headed by `head` (cascade in the module doc)."""
        doc = self.doc
        core, full = phrase_tokens(head, unit)
        # a head the unit does not contain (odd parses of tables, lists) is its own phrase
        core, full = core or [head], full or [head]
        core_text, cs, ce = _text(doc, core)
        _, fs, fe = _text(doc, full)
        span = Span(start=cs, end=ce, text=doc_text(doc)[cs:ce])
        description = describe(doc, full)
        low = head.lower_
        lemma = head.lemma_.lower()

        def anaphor(ref: SourceRef | None) -> SourceRef | None:
            if ref is None:
                return None
            return ref.model_copy(update={"span": span, "description": None})

        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | THING_PRONOUNS:
            if low in PERSON_PRONOUNS:
                ref = self.most_recent(head.idx, lambda r: r.kind == SourceKind.PERSON)
            else:
                ref = self.most_recent(
                    head.idx,
                    lambda r: r.kind not in {SourceKind.PERSON, SourceKind.ANONYMOUS},
                )
            return anaphor(ref) or SourceRef(name=head.text, kind=SourceKind.UNKNOWN, span=span)

        person = self._entities_in(core, head, labels={"PERSON"})
        if person:
            ref = self._entity_ref(person[-1])
            before = [t for t in core if t.idx < person[-1].span.start and t.dep_ != "det"]
            if before and before[-1].lemma_.lower() in ORG_HEADS and _is_noun(before[-1]):
                # "the shipping company Calder Maritime": a company the tagger called a PERSON
                ref = ref.model_copy(update={"kind": SourceKind.ORGANIZATION})
            return ref.model_copy(
                update={"span": span, "description": description if fe - fs > len(
                    ref.name) else None}
            )

        appositive = self._appositive(head, unit)
        if appositive is not None:  # "Its director, Mira Castell, said"
            named = core + [t for c in head.children if c.dep_ == "appos" and unit.has(c)
                            for t in c.subtree if unit.has(t)]
            _, ns, ne = _text(doc, named)
            return appositive.model_copy(update={
                "span": Span(start=ns, end=ne, text=doc_text(doc)[ns:ne]),
                "description": description})

        dets = {c.lower_ for c in head.children if c.dep_ == "det"}
        modifiers = [c for c in head.children if c.dep_ in {"compound", "poss", "amod", "nmod"}
                     and c.lower_ != "unnamed"]
        proper_mods = [c for c in modifiers if c.pos_ == "PROPN" or self._in_entity(c)]
        noun = _is_noun(head)
        if lemma in ANONYMOUS_HEADS and not (dets & DEFINITE) and noun:
            return SourceRef(name=description, kind=SourceKind.ANONYMOUS, span=span,
                             description=description)

        proper_mods = [c for c in proper_mods if not c.text.islower()]
        if (dets & DEFINITE) and not proper_mods and noun:
            words = [c.lower_ for c in modifiers if c.dep_ in {"amod", "compound"}]
            ref = self._nominal(lemma, head.idx, words)
            if ref is not None:
                return anaphor(ref)

        if lemma in ORG_HEADS and noun and lemma not in MEDIA_HEADS:
            # an organisation described, not named ("the regional water authority")
            name = re.sub(r"^(the|a|an)\s+", "", core_text, flags=re.I)
            kind = SourceKind.GOVERNMENT if lemma in GOVERNMENT_HEADS else SourceKind.ORGANIZATION
            return SourceRef(name=name, kind=kind, canonical_id=slug(name), span=span,
                             description=description if description != core_text else None)

        if lemma in PERSON_ROLES and noun:
            name = re.sub(r"^(the|a|an)\s+", "", core_text, flags=re.I)
            org = self._role_org(head, core)
            if org is not None:  # "the Kremlin spokesman": an unnamed official of Russia
                return SourceRef(name=name, kind=SourceKind.ANONYMOUS,
                                 canonical_id=slug(f"{org} {lemma}"), span=span,
                                 description=f"unnamed {lemma} of {org}")
            return SourceRef(name=name, kind=SourceKind.PERSON, canonical_id=slug(name),
                             span=span, description=description)

        news = lemma != "agency" or bool(_NEWS_AGENCY.search(core_text))
        if lemma in MEDIA_HEADS and proper_mods and news:
            owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            named = [t for t in core if t.i not in owned and t.dep_ != "det"]
            if any(t.pos_ == "PROPN" for t in named):
                name_text, _, _ = _text(doc, named)
                ref = SourceRef(name=name_text, kind=SourceKind.MEDIA,
                                canonical_id=slug(name_text), span=span,
                                description=description if description != name_text else None)
                for tok in named:
                    if tok.pos_ == "PROPN":
                        self.media[tok.lower_] = ref
                self.media[name_text.lower()] = ref
                return ref

        known = self.lookup_media(core_text) if core_text else None
        if known is not None:
            return known.model_copy(update={"span": span})

        ents = self._entities_in(core, head, labels=None)
        if ents:
            covering = [e for e in ents if e.span.start <= head.idx < e.span.end]
            ent = (covering or ents)[-1]
            ref = self._entity_ref(ent).model_copy(update={"span": span})
            expanded = self._acronym(ref.name, head.idx) or self._longer(ref, head.idx)
            if expanded is not None:  # "WSJ" after "The Wall Street Journal"
                ref = expanded.model_copy(update={"span": span})
            if description and description.lower() not in {ref.name.lower(),
                                                           core_text.lower()}:
                ref = ref.model_copy(update={"description": description})
            return ref

        bare = re.sub(r"^(the|a|an)\s+", "", core_text, flags=re.I)
        if bare:
            hit = resolve_name(bare)
            if hit is not None:
                cid, cname, label = hit
                return SourceRef(name=cname, kind=kind_of(label, cname), canonical_id=cid,
                                 span=span)

        acronym = self._acronym(bare, head.idx)
        if acronym is not None:
            return acronym.model_copy(update={"span": span})

        if bare and all(t.pos_ == "PROPN" for t in core if t.dep_ != "det"):
            # a name the tagger missed: keep it as a name, typed by its words if possible
            return SourceRef(name=bare, kind=kind_of("", bare), canonical_id=slug(bare),
                             span=span, description=description if description != core_text
                             else None)
        return SourceRef(name=core_text or head.text, kind=SourceKind.UNKNOWN, span=span,
                         description=description or None)

    def _appositive(self, head: Any, unit: Unit) -> SourceRef | None:
        """A named person or organisation in apposition to a role ("its director, X")."""
        for child in head.children:
            if child.dep_ != "appos" or not unit.has(child):
                continue
            tokens = [t for t in child.subtree if unit.has(t)]
            chars = [(t.idx, t.idx + len(t.text)) for t in tokens]
            for ent in self.entities:
                if ent.label in {"PERSON", "ORG"} and any(
                    ent.span.start < e and s < ent.span.end for s, e in chars
                ):
                    return self._entity_ref(ent)
        return None

    def _in_entity(self, tok: Any) -> bool:
        return any(e.span.start <= tok.idx < e.span.end for e in self.entities)

    def _role_org(self, head: Any, core: list[Any]) -> str | None:
        """The organisation a role word with no name belongs to ("the Kremlin
        spokesman" -> Russia, "the ministry spokeswoman" -> ministry), or None.

        Cascade over the words before the role (determiners left out): the alias table
        for the whole run ("Kremlin" -> Russia); the entities covering those words, an
        organisation first ("Russian Foreign Ministry"), then a place; an organisation
        head noun ("ministry", "council") -> the words up to it; the alias table word by
        word (capitals, adjectives such as "Russian" -> the country)."""
        before = [t for t in core if t.i < head.i and t.dep_ != "det" and t.pos_ != "PUNCT"
                  and t.dep_ != "case"]
        if not before:
            return None
        text = doc_text(self.doc)
        run = text[before[0].idx:before[-1].idx + len(before[-1].text)]
        hit = resolve_name(run)
        if hit is not None and entity_kind(hit[2], hit[1]) != "person":
            return hit[1]
        covering = [e for tok in before for e in self.entities
                    if e.span.start <= tok.idx < e.span.end and e.label in {"ORG", "GPE", "NORP"}]
        if covering:  # an organisation before a country ("Russian Foreign Ministry")
            return max(covering, key=lambda e: (e.label == "ORG", e.span.end - e.span.start)
                       ).canonical_name
        for k in range(len(before) - 1, -1, -1):
            if before[k].lemma_.lower() in ORG_HEADS and _is_noun(before[k]):
                org = text[before[0].idx:before[k].idx + len(before[k].text)]
                return org if org[:1].isupper() else f"the {org}"
        for tok in before:
            hit = resolve_name(tok.text)
            if hit is not None and entity_kind(hit[2], hit[1]) != "person":
                return hit[1]
        return None

    def _entities_in(self, core: list[Any], head: Any, labels: set[str] | None) -> list[Entity]:
        """Entities overlapping the core phrase, skipping possessive owners."""
        owners: set[int] = set()
        for child in head.children:
            if child.dep_ == "poss":
                owners.update(t.idx for t in child.subtree)
        core_chars = [(t.idx, t.idx + len(t.text)) for t in core if t.idx not in owners]
        out = []
        for ent in self.entities:
            if labels is not None and ent.label not in labels:
                continue
            if any(ent.span.start < e and s < ent.span.end for s, e in core_chars):
                out.append(ent)
        return out

    def _nominal(self, lemma: str, pos: int, words: list[str] | None = None) -> SourceRef | None:
        """The antecedent of a definite nominal ("the ministry", "the diplomat").

        `words` are the nominal's own modifiers ("maritime"): an antecedent must
        carry them in its name or description, else there is none.
        """
        if words:
            def carries(r: SourceRef) -> bool:
                names = f"{r.name} {r.description or ''}".lower()
                return lemma in names and all(w in names for w in words)
            return self.most_recent(pos, carries)
        if lemma in PERSON_ROLES or lemma in ANONYMOUS_HEADS:
            role = self.most_recent(pos, lambda r: r.kind == SourceKind.PERSON
                                    and self._has_role(r, lemma))
            return role or self.most_recent(pos, lambda r: r.kind == SourceKind.PERSON)
        if lemma in MEDIA_HEADS:
            found = self.most_recent(
                pos,
                lambda r: r.kind == SourceKind.MEDIA or lemma in r.name.lower(),
            )
            if found is None:  # "The paper said" after "the Ledger": a named org source
                found = next((r for p, r in reversed(self.history)
                              if p < pos and r.kind == SourceKind.ORGANIZATION), None)
                if found is not None:
                    found = found.model_copy(update={"kind": SourceKind.MEDIA})
            return found
        if lemma in ORG_HEADS:
            named = self.most_recent(pos, lambda r: lemma in r.name.lower())
            if named is not None:
                return named
            wanted = (
                {SourceKind.GOVERNMENT} if lemma in GOVERNMENT_HEADS
                else {SourceKind.ORGANIZATION, SourceKind.MEDIA}
            )
            return self.most_recent(pos, lambda r: r.kind in wanted)
        return None

    def _has_role(self, ref: SourceRef, lemma: str) -> bool:
        """The person was introduced with this role ("Maritime Minister X")."""
        words = (ref.description or "").lower()
        if not words and ref.span is not None:  # an entity: the words before its name
            words = doc_text(self.doc)[max(0, ref.span.start - 40) : ref.span.end].lower()
        for m in re.finditer(rf"(\w+)?[\s-]*\b{re.escape(lemma)}\b", words):
            if (m.group(1) or "") not in _DISTINCT_TITLE_MODS:
                return True  # a "Prime Minister" is not "the minister"
        return False

    def _longer(self, ref: SourceRef, pos: int) -> SourceRef | None:
        """An earlier source whose longer name ends with this one-word name."""
        if " " in ref.name.strip() or not ref.name[:1].isupper():
            return None
        tail = " " + ref.name.lower()
        found = self.most_recent(
            pos, lambda r: r.canonical_id != ref.canonical_id and r.name.lower().endswith(tail)
        )
        if found is not None and SourceKind.MEDIA in {found.kind, ref.kind}:
            found = found.model_copy(update={"kind": SourceKind.MEDIA})
        return found

    def _acronym(self, text: str, pos: int) -> SourceRef | None:
        if not (2 <= len(text) <= 6 and text.isupper() and text.isalpha()):
            return None

        def initials(ref: SourceRef) -> bool:
            words = [w for w in re.findall(r"[A-Za-z]+", ref.name) if w.lower() != "the"]
            return "".join(w[0] for w in words).upper() == text

        return self.most_recent(pos, initials)


def _is_noun(tok: Any) -> bool:
    """A common noun: NOUN, or a lower-case word the tagger called PROPN."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())
