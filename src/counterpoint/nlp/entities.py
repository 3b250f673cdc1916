"""Named entities with one canonical identity per real-world entity.

`find_entities(article, doc)` takes the spaCy Doc of `article.body` (so Doc character
offsets are body offsets) and returns one `Entity` per mention, sorted by position,
never overlapping. Dates, times and numbers are left to the time stage.

Cascade, in order:

1. Mentions. spaCy's entities (possessive trimmed; "Iran's Foo Council" split into
   "Iran" + "Foo Council" when the owner is in the alias table), overlaid by
   general rules for systematic small-model errors, which win where they overlap:
   "<Name> news agency" -> a media ORG ("Mehr news agency" -> Mehr News Agency);
   "<Name> News|TV|Radio" and "<Name> Industries|Corporation|..." -> ORG;
   "city|town|province of <Name>" -> GPE;
   plural acronyms ("UAVs", "Micro Aerial Vehicles (MAVs)") are things, not ORGs,
   and are dropped. Then a dictionary pass over the body adds alias-table names
   the model missed ("the Kremlin", "the West", "Western"), on word boundaries.
2. Alias table (`counterpoint.nlp.aliases`): Tehran/Iranian -> Iran, WSJ -> The Wall
   Street Journal, Twitter -> an ORG even when tagged PERSON. A PERSON-tagged mention
   never resolves to a country ("Jordan" the person). A "the" just before a name the
   table knows with "the" ("the West", "the Kremlin", "the WSJ") joins the span.
3. Per-mention rules: a single capitalized word modifying a weapon noun ("Shahed
   drones") is a PRODUCT; a government body next to a country ("Iranian Foreign
   Ministry", "Iran's Defense Ministry") is qualified with the country adjective,
   "Ministry of Foreign Affairs" read as "Foreign Ministry"; person names lose their
   titles ("General", "Mr."); other names lose "the" and possessives.
4. Within the article: a surname, "Mr. Surname" or first + last name links to the full
   name (nearest earlier, else first later); an acronym links to an organisation
   written out in the article ("... Guard Corps (IRGC)", or whose initials it is); a
   short form links to its organisation ("Mehr" -> Mehr News Agency); a bare
   government body links to the one qualified body it shortens. Names established in
   the article (surnames, acronyms, short forms, products) are then found where
   spaCy missed them, when the Doc tags that word a proper noun.
5. One identity, one name and one label: every mention carries its identity's
   label (the table's, else the most common unlinked label), so "Iranian" is GPE Iran.
6. Across articles: `canonical_id` is `canonical_key(canonical_name)`, so the same
   entity gets the same id in every article with no shared registry.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from counterpoint.nlp.aliases import (
    TITLES,
    AliasEntry,
    canonical_key,
    clean_name,
    load_aliases,
    lookup,
    resolve_name,
    scan_aliases,
)
from counterpoint.provenance import stamp
from counterpoint.records import Article, Entity, Span

__all__ = [
    "NLP_ENTITIES",
    "SKIP_LABELS",
    "canonical_key",
    "entity_kind",
    "find_entities",
    "resolve_name",
]

NLP_ENTITIES = stamp("nlp.entities", 1)
SKIP_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

_CAP_WORD = r"[A-Z][A-Za-z0-9-]*"
_NEWS_AGENCY = re.compile(rf"((?:{_CAP_WORD}[ \t]+){{1,4}})[Nn]ews[ \t]+[Aa]gency\b")
_NEWS_OUTLET = re.compile(
    rf"((?:{_CAP_WORD}[ \t]+){{1,4}})(?:News|TV|Television|Radio)\b(?![ \t]+[Aa]gency)"
)
_ORG_NAME = re.compile(
    rf"((?:{_CAP_WORD}[ \t]+){{1,4}})(?:Industries|Corporation|Company|Group|Holdings|Airlines|"
    rf"Airways|Institute|University|Foundation|Association|Organi[sz]ation|Committee|"
    rf"Systems|Technologies|Motors|Aerospace)\b"
)
_PLACE_OF = re.compile(
    rf"\b(?:city|town|village|province|region|port|capital|district) of "
    rf"({_CAP_WORD}(?:[ \t]+{_CAP_WORD})*)"
)
_ACRONYM_DEF = re.compile(r"^\s*\(\s*([A-Z][A-Za-z&.-]{1,11})\s*\)")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
_WEAPON_AFTER = re.compile(
    r"^(?:-[\w-]+)?(?:\s+[a-z][\w-]*){0,3}?\s+(?:drones?|missiles?|rockets?|UAVs?|jets?|"
    r"fighters?|tanks?|aircraft|helicopters?|howitzers?|launchers?|bombers?|warships?|"
    r"submarines?|rifles?|munitions?|interceptors?)\b"
)
_GOV_BODY = re.compile(
    r"\b(?:Ministry|Ministries|Department|Council|Parliament|Cabinet|Embassy|Army|Navy|"
    r"Air Force|Armed Forces|Government|Presidency|Foreign Office|Senate|Assembly|Police|"
    r"Central Bank|Military|Defen[cs]e Forces|Intelligence|Duma|Knesset|Majlis)\b"
)
_MINISTRY_OF = re.compile(r"^(Ministry|Department) of (?:the )?(.+)$")
_ORG_SUFFIX = re.compile(
    r"\s+(?:News Agency|Agency|News|Group|Corporation|Corp\.?|Inc\.?|Company|Co\.|"
    r"Ltd\.?|Holdings|Organi[sz]ation)$"
)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?\s+)+"
)
_LEADING_STOP = frozenset(
    "The A An And But In On At Of For From To By As After Before Both While When "
    "Meanwhile However Also Since Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday January February March April May June July August September October "
    "November December Breaking Latest Fake Show More Follow".split()
)
_INITIAL_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "&", "to", "al"})


@dataclass
class _Mention:
    """A working mention: position, label, and (once resolved) its identity."""

    start: int
    end: int
    label: str
    origin: str  # spacy | rule | lexical | propagated
    name: str = ""
    canonical: str = ""
    entry: AliasEntry | None = None
    linked: bool = False
    acronym: str | None = None  # the acronym this mention's expansion defines
    extra: dict[str, Any] = field(default_factory=dict)

    def overlaps(self, other: _Mention) -> bool:
        return self.start < other.end and other.start < self.end


# ------------------------------------------------------------------ public helpers


def entity_kind(entity_label: str, canonical_name: str) -> str:
    """One of person, government, media, organization, group, place, other.

    Cascade: the alias table's kind for the name (countries act as governments,
    platforms are organizations); a PERSON label; media words in the name (News,
    Times, Agency after News/Press, TV...); government words (Ministry, Kremlin, White
    House...); then by label (GROUP/NORP -> group, GPE/LOC/FAC -> place, ORG ->
    organization); anything else -> other.
    """
    entry = lookup(canonical_name)
    if entry is not None:
        return {
            "country": "government",
            "platform": "organization",
        }.get(entry.kind, entry.kind)
    if entity_label == "PERSON":
        return "person"
    if _MEDIA_WORDS.search(canonical_name):
        return "media"
    if _GOV_BODY.search(canonical_name) or _GOV_WORDS.search(canonical_name):
        return "government"
    if entity_label in ("GROUP", "NORP"):
        return "group"
    if entity_label in ("GPE", "LOC", "FAC"):
        return "place"
    if entity_label == "ORG":
        return "organization"
    return "other"


_MEDIA_WORDS = re.compile(
    r"\b(?:News|(?:News|Press) Agency|Times|Journal|Post|TV|Television|Radio|Broadcasting|"
    r"Gazette|Herald|Tribune|Telegraph|Chronicle|Daily|Press|Newspaper|Magazine|Media)\b"
)
_GOV_WORDS = re.compile(
    r"\b(?:Kremlin|White House|Pentagon|Downing Street|Elys[ée]e|Ministry|Government)\b"
)


# ----------------------------------------------------------------------- the stage


def find_entities(article: Article, doc: Any) -> list[Entity]:
    """Entities of `article`, each tied to a canonical identity (see module docstring)."""
    body = article.body
    mentions = (_spacy_mentions(doc, body) if doc.has_annotation("ENT_IOB")
                else _propn_mentions(doc, body))
    mentions = _overlay(mentions, _rule_mentions(body))
    mentions = _drop_plural_acronyms(mentions, body)
    mentions = _add_lexical(mentions, body)
    for m in mentions:
        _resolve(m, body)
    _qualify_gov_bodies(mentions, body)
    _link_persons(mentions)
    _link_acronyms(mentions, body)
    _link_short_forms(mentions)
    mentions = _propagate(mentions, body, doc)
    return _to_entities(mentions, body)


# ------------------------------------------------------------------------ mentions


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    text = body[start:end]
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix):
            end -= len(suffix)
            break
    while end > start and body[end - 1] in " ,;:\"“”":
        end -= 1
    # spaCy sometimes ends a span on a function word ("Ministry of Foreign Affairs of")
    tail = re.search(r"\s+(?:of|and|the|for|in|on)$", body[start:end])
    if tail:
        end = start + tail.start()
    while start < end and body[start] in " \"“”'‘(":
        start += 1
    return start, end


def _spacy_mentions(doc: Any, body: str) -> list[_Mention]:
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ in SKIP_LABELS:
            continue
        start, end = _trim(body, ent.start_char, ent.end_char)
        if end <= start:
            continue
        owner = re.match(r"^((?:the |The )?[A-Z][\w. ]*?)['’]s\s+", body[start:end])
        if owner and lookup(owner.group(1)) is not None:
            out.append(_Mention(start, start + owner.end(1), "GPE", "spacy"))
            start += owner.end()
        out.append(_Mention(start, end, ent.label_, "spacy"))
    return out


_RUN_JOINERS = frozenset({"of", "for", "&", "de", "al", "bin", "van", "von"})
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Jan Feb Mar Apr "
    "Jun Jul Aug Sep Sept Oct Nov Dec".split()
)


def _propn_runs(doc: Any, body: str) -> list[tuple[int, int]]:
    """Character ranges of runs of capitalized PROPN tokens (joined by "of", "for",
    "&"... between two of them), trimmed like recognizer spans."""
    toks = list(doc)
    out = []
    i, n = 0, len(toks)
    while i < n:
        if toks[i].pos_ != "PROPN" or not toks[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = toks[j]
            if nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                j += 1
            elif (nxt.lower_ in _RUN_JOINERS and j + 1 < n and toks[j + 1].pos_ == "PROPN"
                  and toks[j + 1].text[:1].isupper()):
                j += 2
            else:
                break
        start, end = _trim(body, toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text))
        i = j
        if end > start:
            start = _strip_leading(body, start, end) if " " in body[start:end] else start
            out.append((start, end))
    return out


def _propn_mentions(doc: Any, body: str) -> list[_Mention]:
    """Mentions without the entity recognizer (the fast parse skips it), from PROPN
    runs (`_propn_runs`).

    Label cascade per run: a calendar word -> dropped; the alias table's label; an
    acronym, or a single word before a weapon noun -> ORG (made PRODUCT in step 3); a
    single word ending a longer organisation run of the article ("the Herald" after "the
    Coastal Herald") -> ORG; other single words -> dropped (a surname is found from its
    full name in step 4); an organisation, media or government word (Corporation, News,
    Ministry, ...), or "the" before the run ("the Meridian Ledger") -> ORG; otherwise PERSON (in news a proper-name run of two or more
    words is most often a person), its span starting after its last title word as the
    recognizer's does ("Energy Minister Ola Brisk" -> "Ola Brisk")."""
    runs = [(s, e, body[s:e]) for s, e in _propn_runs(doc, body)]
    def org_like(start: int, text: str) -> bool:
        return bool(_ORG_NAME.search(text + " ") or _GOV_BODY.search(text)
                    or _MEDIA_WORDS.search(text) or _GOV_WORDS.search(text)
                    # "the" before a name: people's names take none ("the Meridian Ledger")
                    or re.search(r"\b[Tt]he\s+$", body[max(0, start - 4):start]))

    org_tails = {text.split()[-1] for s, _, text in runs if " " in text and org_like(s, text)}
    out: list[_Mention] = []
    for start, end, text in runs:
        if not text or text.rstrip(".") in _CALENDAR or text in _LEADING_STOP:
            continue
        entry = lookup(text)
        if entry is not None:
            label = entry.label
        elif re.fullmatch(r"[A-Z][A-Z&.-]+", text) or (" " not in text and _WEAPON_AFTER.match(
                body[end:])):
            label = "ORG"
        elif " " not in text:
            if text not in org_tails:
                continue
            label = "ORG"
        elif org_like(start, text):
            label = "ORG"
        else:
            label = "PERSON"
            words = list(re.finditer(r"\S+", text))
            titled = [k for k, w in enumerate(words) if w.group().rstrip(".") in TITLES]
            if titled and titled[-1] + 1 < len(words):
                start += words[titled[-1] + 1].start()
        out.append(_Mention(start, end, label, "spacy"))
    return out


def _strip_leading(body: str, start: int, end: int) -> int:
    """Move `start` past leading stop words and country words ("Iranian Nour News")."""
    while True:
        m = re.match(r"(\S+)[ \t]+", body[start:end])
        if not m:
            return start
        word = m.group(1)
        entry = lookup(word)
        if word in _LEADING_STOP or (entry is not None and entry.kind == "country"):
            start += m.end()
            continue
        return start


def _rule_mentions(body: str) -> list[_Mention]:
    out: list[_Mention] = []
    for m in _NEWS_AGENCY.finditer(body):
        start = _strip_leading(body, m.start(1), m.end(1))
        if start < m.end(1):
            rule = _Mention(start, m.end(), "ORG", "rule")
            words = body[start : m.end(1)].strip()
            entry = lookup(words)
            rule.extra["name"] = entry.canonical_name if entry else f"{words} News Agency"
            out.append(rule)
    for m in _NEWS_OUTLET.finditer(body):
        start = _strip_leading(body, m.start(1), m.end(1))
        if start < m.end(1) and not any(r.start <= start < r.end for r in out):
            out.append(_Mention(start, m.end(), "ORG", "rule"))
    for m in _ORG_NAME.finditer(body):
        start = _strip_leading(body, m.start(1), m.end(1))
        if start < m.end(1) and not any(r.overlaps(_Mention(start, m.end(), "", "")) for r in out):
            out.append(_Mention(start, m.end(), "ORG", "rule"))
    for m in _PLACE_OF.finditer(body):
        out.append(_Mention(m.start(1), m.end(1), "GPE", "rule"))
    return out


def _overlay(base: list[_Mention], rules: list[_Mention]) -> list[_Mention]:
    kept = [m for m in base if not any(m.overlaps(r) for r in rules)]
    return sorted(kept + rules, key=lambda m: m.start)


def _drop_plural_acronyms(mentions: list[_Mention], body: str) -> list[_Mention]:
    """Plural acronyms name kinds of things ("UAVs"), not organisations: drop the ORG
    tag on them and on the expansion they define ("Micro Aerial Vehicles (MAVs)")."""
    out = []
    for m in mentions:
        text = body[m.start : m.end]
        if m.label == "ORG" and _PLURAL_ACRONYM.match(text):
            continue
        definition = _ACRONYM_DEF.match(body[m.end :])
        if m.label == "ORG" and definition and _PLURAL_ACRONYM.match(definition.group(1)):
            continue
        out.append(m)
    return out


def _add_lexical(mentions: list[_Mention], body: str) -> list[_Mention]:
    added = []
    for start, end, entry in scan_aliases(body):
        cand = _Mention(start, end, entry.label, "lexical")
        if not any(cand.overlaps(m) for m in mentions):
            added.append(cand)
    return sorted(mentions + added, key=lambda m: m.start)


# ---------------------------------------------------------------------- resolution


def _person_name(text: str) -> str:
    return _TITLE_PREFIX.sub("", clean_name(text)).strip()


def _resolve(m: _Mention, body: str) -> None:
    text = body[m.start : m.end]
    if "name" in m.extra:
        text = m.extra["name"]
    entry = lookup(text)
    if m.label == "PERSON" and entry is None:
        entry = lookup(_person_name(text))
    if entry is not None and m.label == "PERSON" and entry.kind == "country":
        entry = None  # "Jordan" tagged PERSON is a person
    if entry is not None:
        m.entry, m.label, m.name, m.canonical = entry, entry.label, text, entry.canonical_name
        # "the West", "the Kremlin": the article's "the" belongs to the name the table knows
        if body[max(0, m.start - 4) : m.start] in ("the ", "The ") and (
            f"the {text}" in load_aliases().lexical
        ):
            m.start -= 4
        return
    if m.label in ("NORP", "ORG", "PERSON", "GPE") and " " not in text.strip():
        if _WEAPON_AFTER.match(body[m.end :]):
            m.label = "PRODUCT"
    m.name = _person_name(text) if m.label == "PERSON" else clean_name(text)
    m.canonical = m.name


def _country_before(mentions: list[_Mention], i: int, body: str) -> AliasEntry | None:
    if i == 0:
        return None
    prev = mentions[i - 1]
    gap = body[prev.end : mentions[i].start]
    if prev.entry is not None and prev.entry.kind == "country" and re.fullmatch(
        r"(?:['’]s?)?\s+", gap
    ):
        return prev.entry
    return None


def _body_name(name: str) -> str:
    name = name.replace("Defence", "Defense")
    m = _MINISTRY_OF.match(name)
    if m:
        topic = {"Foreign Affairs": "Foreign", "Internal Affairs": "Interior"}.get(
            m.group(2), m.group(2)
        )
        name = f"{topic} {m.group(1)}"
    return name


def _qualify_gov_bodies(mentions: list[_Mention], body: str) -> None:
    """Country-qualified government bodies get one name however they are written."""
    for i, m in enumerate(mentions):
        if m.entry is not None or m.label not in ("ORG", "FAC") or not _GOV_BODY.search(m.name):
            continue
        first, _, rest = m.name.partition(" ")
        lead = lookup(first) if rest else None
        if lead is not None and lead.kind == "country" and lead.qualifier:
            m.canonical = f"{lead.qualifier} {_body_name(rest)}"
            m.extra["body"] = _body_name(rest)
            continue
        country = _country_before(mentions, i, body)
        if country is not None and country.qualifier:
            m.canonical = f"{country.qualifier} {_body_name(m.name)}"
            m.extra["body"] = _body_name(m.name)
        else:
            m.canonical = _body_name(m.name)


# ------------------------------------------------------------------------- linking


def _link(m: _Mention, target: _Mention) -> None:
    m.canonical, m.label, m.entry, m.linked = target.canonical, target.label, target.entry, True


def _link_persons(mentions: list[_Mention]) -> None:
    full = [
        m
        for m in mentions
        if m.label == "PERSON" and len(m.canonical.split()) >= 2 and not m.linked
    ]
    for i, m in enumerate(mentions):
        if m in full or (m.entry is not None and m.entry.kind != "platform"):
            continue
        if m.label not in ("PERSON", "ORG", "GPE", "NORP") or not m.name:
            continue
        words = _person_name(m.name).split()
        if not words:
            continue
        if len(words) == 1:
            cands = [f for f in full if f.canonical.split()[-1] == words[0]]
        elif m.label == "PERSON":
            cands = [
                f
                for f in full
                if len(f.canonical.split()) > len(words)
                and f.canonical.split()[0] == words[0]
                and f.canonical.split()[-1] == words[-1]
            ]
        else:
            continue
        if not cands:
            continue
        before = [f for f in cands if f.start < m.start]
        _link(m, before[-1] if before else cands[0])
        m.label = "PERSON"


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _INITIAL_STOP)


def _link_acronyms(mentions: list[_Mention], body: str) -> None:
    orgs = [m for m in mentions if m.label == "ORG" and len(m.canonical.split()) >= 2]
    defined: dict[str, _Mention] = {}
    for m in orgs:
        d = _ACRONYM_DEF.match(body[m.end :])
        if d:
            defined[d.group(1).replace(".", "")] = m
            m.acronym = d.group(1).replace(".", "")
    for m in mentions:
        if m.entry is not None or m.linked:
            continue
        acr = m.name.replace(".", "")
        if not (acr.isupper() and acr.isalpha() and 2 <= len(acr) <= 8):
            continue
        target = defined.get(acr)
        if target is None:
            matches = [o for o in orgs if o is not m and _initials(o.canonical).upper() == acr]
            target = matches[0] if matches else None
        if target is not None:
            _link(m, target)
            target.acronym = target.acronym or acr


def _link_short_forms(mentions: list[_Mention]) -> None:
    """"Mehr" -> Mehr News Agency; a bare "Foreign Ministry" -> the one qualified one."""
    shorts: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.label != "ORG" or m.linked:
            continue
        short = _ORG_SUFFIX.sub("", m.canonical)
        if short != m.canonical and short:
            shorts.setdefault(short, []).append(m)
        if "body" in m.extra and m.extra["body"] != m.canonical:
            shorts.setdefault(m.extra["body"], []).append(m)
    for m in mentions:
        if m.linked or m.label not in ("ORG", "GPE", "PERSON", "NORP", "FAC"):
            continue
        targets = {t.canonical: t for t in shorts.get(m.canonical, []) if t is not m}
        if len(targets) == 1:
            _link(m, next(iter(targets.values())))


# --------------------------------------------------------------------- propagation


def _propagate(mentions: list[_Mention], body: str, doc: Any) -> list[_Mention]:
    """Find in-article names where spaCy missed them (only on PROPN tokens)."""
    names: dict[str, _Mention] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.canonical.split()) >= 2:
            names.setdefault(m.canonical.split()[-1], m)
        if m.acronym:
            names.setdefault(m.acronym, m)
        if m.label == "PRODUCT" and " " not in m.name:
            names.setdefault(m.name, m)
        if m.label == "ORG" and m.linked and " " not in m.name and m.name[:1].isupper():
            names.setdefault(m.name, m)
        short = _ORG_SUFFIX.sub("", m.canonical) if m.label == "ORG" else ""
        if short and short != m.canonical and short[:1].isupper():
            names.setdefault(short, m)
    if not names:
        return mentions
    propn = {tok.idx for tok in doc if tok.pos_ == "PROPN"}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    added = []
    for hit in pattern.finditer(body):
        cand = _Mention(hit.start(), hit.end(), "", "propagated", name=hit.group(1))
        if hit.start() not in propn or any(cand.overlaps(m) for m in mentions + added):
            continue
        _link(cand, names[hit.group(1)])
        added.append(cand)
    return sorted(mentions + added, key=lambda m: m.start)


# ------------------------------------------------------------------------- records


def _to_entities(mentions: list[_Mention], body: str) -> list[Entity]:
    """One name and one label per identity: the table's, else the fullest mention's."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.canonical:
            groups.setdefault(canonical_key(m.canonical), []).append(m)
    chosen: dict[str, tuple[str, str]] = {}
    for key, group in groups.items():
        table = next((m for m in group if m.entry is not None), None)
        if table is not None:
            entry = table.entry
            assert entry is not None
            chosen[key] = (entry.canonical_name, entry.label)
            continue
        name = max((m.canonical for m in group), key=lambda n: (sum(c.isupper() for c in n), n))
        label = Counter(m.label for m in group if not m.linked).most_common(1)
        chosen[key] = (name, label[0][0] if label else group[0].label)
    out = []
    for m in sorted(mentions, key=lambda m: m.start):
        if not m.canonical:
            continue
        key = canonical_key(m.canonical)
        name, label = chosen[key]
        out.append(
            Entity(
                span=Span(start=m.start, end=m.end, text=body[m.start : m.end]),
                label=label,
                canonical_id=key,
                canonical_name=name,
                produced_by=NLP_ENTITIES,
            )
        )
    return out
