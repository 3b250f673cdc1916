"""Who a claim says did it, and whether two claims name different actors for one event.

Used by the "actors" contradictions (`compare.contradictions`): on one row of the
claims matrix (one event), one outlet or source says the Harbour Ministry carried out
the strike, another says the Brask militia did.

Who acts (`claim_actor`), in order:

1. `Claim.subject`, when the claims stage filled it (from the parse, resolved:
   "Iran" for "Tehran") and it names a story entity, or a capitalised name written in
   the proposition.
2. The proposition's subject, or its agent in a passive clause
   (`proposition_actor`), when it contains a story entity (the `Termer` knows every
   entity surface of the story's analyses and every holder name). The words before a
   verb alone are not enough: the subject must name an entity, with a capital.
3. Otherwise nobody: a common noun ("the militia"), a pronoun, a copular clause ("the
   reports are lies", predicate "be"), a passive without agent, a proposition with no
   verb found and no predicate given, a denial (which names no one), or a verb of
   saying or thinking ("residents complained that ...": a speaker, not an actor; two
   speakers saying one thing agree).

Either way the actor must be named in the claim's own words in the article (its
content, not the cue or the source's name) when the caller gives them: a subject
resolved from a pronoun may be wrong, and a clash must rest on what the text says.

Two actors clash (`actors_clash`) only when they are different entities (not a
shared id, not one id part of the other, not one name inside the other); both or
neither are persons (a person acts for a body or a country, or belongs to a group
described by nationality); neither appears in the other claim at all (converse
wordings: "Varnia sold tanks to Ostrel" / "Ostrel bought tanks from Varnia"); the
verbs match; and the rest of the two claims is the same event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from counterpoint.claims.stance import past_tense, third_person
from counterpoint.comparison.terms import EVENT_CONCEPTS, Termer, stem, verb_key
from counterpoint.records import Analysis, Claim, SourceKind, Stance

PRONOUNS = {
    "i", "we", "you", "he", "she", "it", "they", "this", "that", "these", "those", "there",
    "someone", "somebody", "nobody", "no one", "who", "which", "one", "them", "him", "her",
}
BE = {"is", "are", "was", "were", "be", "been", "being"}
# words of a verb group before its main verb ("has been carried out", "will not be led")
AUX = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "shall", "should", "must", "does", "did", "do", "not",
    "also", "reportedly", "allegedly", "then", "later", "already", "never",
}
# irregular past forms and participles of event verbs common in news (regular ones end
# in -ed)
IRREGULAR = {
    "struck", "hit", "shot", "led", "sent", "made", "took", "taken", "began", "begun", "built",
    "sold", "gave", "given", "set", "put", "blew", "blown", "broke", "broken", "brought",
    "bought", "caught", "drove", "driven", "fought", "held", "kept", "left", "lost", "met",
    "paid", "sank", "sunk", "spent", "threw", "thrown", "won", "wrote", "written", "ran",
    "stole", "stolen", "done", "shut", "cut", "fled", "overran", "overrun", "withdrew",
    "withdrawn", "beat", "beaten", "seen", "shown", "known",
}
# words that end an agent phrase ("by the militia | on Sunday")
PHRASE_END = {
    "on", "in", "at", "with", "during", "after", "before", "near", "from", "to", "for", "into",
    "over", "under", "against", "since", "while", "when", "as", "that", "which", "who",
    "last", "this", "and", "or", "but", "between", "about",
}
# in a subject, an entity after one of these is not the actor ("cooperation with
# Dolmar rests on ...": the cooperation is the subject, not Dolmar); "of" stays
# ("fighters of the Brask militia")
SUBJECT_PREPOSITIONS = (PHRASE_END - {"and", "this", "last"}) | {
    "across", "through", "around", "within", "without", "behind", "beyond", "toward",
    "towards", "among", "along", "per", "if", "whether",
}
DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.I)
SUBJECT_WORDS = 7
AGENT_WORDS = 6
# predicates of states, not actions ("the drones would be faster")
STATE_VERBS = {"be", "seem", "appear", "remain", "become", "look", "sound"}
# verbs of saying and thinking: their subject is a speaker, and two speakers saying the
# same thing agree ("residents complained that ..." / "unions complained that ...")
SPEECH_VERBS = {
    "say", "tell", "complain", "warn", "argue", "claim", "state", "note", "add", "insist",
    "believe", "think", "fear", "hope", "expect", "suggest", "report", "announce", "accuse",
    "deny", "reject", "confirm", "admit", "acknowledge", "predict", "worry", "allege",
    "stress", "explain", "write", "ask", "urge", "describe", "call", "criticize",
    "criticise", "welcome", "praise", "condemn", "blame", "question", "doubt", "agree",
}
SPEECH_STEMS = {stem(v) for v in SPEECH_VERBS}
# stances under which a claim names who did it (a denial names no one)
ACTOR_STANCES = {Stance.ASSERTS, Stance.HEDGES}
# share of the smaller claim's non-actor terms the other must share (same event)
SAME_EVENT = 0.5
QUOTES = "\"“”‘'()[]"


@dataclass(frozen=True)
class Actor:
    """Who a claim says did it: the words naming it and the story entities in them."""

    name: str
    ids: frozenset[str]
    verb: str = ""  # the main verb as written, or the claim's predicate lemma
    # the proposition's terms without the actor's: what was done, to whom
    rest: frozenset[str] = frozenset()
    person: bool = False  # every entity in it is a person


def _words(text: str) -> list[str]:
    return text.replace("’", "'").split()


def _bare(word: str) -> str:
    return word.strip(".,;:!?" + QUOTES).lower()


def _participle(word: str) -> bool:
    low = _bare(word)
    return low in IRREGULAR or (low.endswith(("ed", "en")) and len(low) > 4)


def _past(low: str) -> bool:
    return low in IRREGULAR or (low.endswith("ed") and len(low) > 4)


def _verb_like(words: list[str], i: int) -> bool:
    """Whether `words[i]` opens the predicate (its subject is `words[:i]`)."""
    word = words[i].strip(QUOTES)
    if not word or word[:1].isupper():
        return False
    low = _bare(word)
    if low in AUX or _past(low):
        return True
    # "Varnia sells tanks": a lowercase -s word right after a name is the verb; after a
    # common noun it is more often a plural ("Western media reports"), and so it is
    # before a verb ("the Shahed drones would be faster")
    prev = words[i - 1].strip(QUOTES)
    after = _bare(words[i + 1]) if i + 1 < len(words) else ""
    return (
        low.endswith("s")
        and not low.endswith(("ss", "us", "is", "'s"))
        and prev[:1].isupper()
        and len(low) > 3
        and after not in AUX
        and not _past(after)
    )


def _agent_phrase(words: list[str], start: int) -> str:
    """The words after "by" up to a preposition, a clause word or punctuation."""
    out: list[str] = []
    for word in words[start : start + AGENT_WORDS]:
        if _bare(word) in PHRASE_END:
            break
        out.append(word.strip(".,;:!?" + QUOTES))
        if word[-1:] in ",;:.!?":
            break
    return " ".join(out)


def _agent_by(words: list[str], start: int) -> int | None:
    """Index of the "by" of a passive's agent: within `AGENT_WORDS` words of the
    participle and in its clause ("shelled on Sunday by the militia", not "shelled,
    as seen by witnesses")."""
    if start and words[start - 1][-1:] in ",;:":
        return None  # the participle ends its clause
    for k in range(start, min(len(words), start + AGENT_WORDS)):
        if _bare(words[k]) == "by":
            return k
        if words[k][-1:] in ",;:":
            return None
    return None


def proposition_actor(text: str) -> tuple[str, str] | None:
    """(words naming who acts, main verb) of a proposition, or None when unclear.

    1. Active clause: the words before the verb group, when a verb opens the predicate
       within the first `SUBJECT_WORDS` words ("the Brask militia | carried out ...");
       a progressive ("are going to build") is active.
    2. Passive clause ("the depot was shelled by the Brask militia"): the agent after
       "by"; a passive without one names no actor.
    3. Copular clauses ("the reports are lies"), a comma before the verb (an appositive
       or a fronted phrase) and pronoun subjects name none: refuse rather than guess.
    """
    words = _words(text)
    for i in range(1, min(len(words), SUBJECT_WORDS + 1)):
        if words[i - 1][-1:] in ",;:":
            return None
        if not _verb_like(words, i):
            continue
        subject = " ".join(words[:i]).strip(QUOTES + ",")
        j = i
        group: list[str] = []
        while j < len(words) and _bare(words[j]) in AUX:
            group.append(_bare(words[j]))
            j += 1
        verb = _bare(words[j]) if j < len(words) else (group[-1] if group else "")
        progressive = verb.endswith("ing")
        if verb == "going" and j + 2 < len(words) and _bare(words[j + 1]) == "to":
            verb = _bare(words[j + 2])  # "are going to build": the action is "build"
        if set(group) & BE and not progressive:
            if j >= len(words) or not _participle(words[j]):
                return None  # copular: a statement about the subject, not an action
            by = _agent_by(words, j + 1)
            agent = _agent_phrase(words, by + 1) if by is not None else ""
            return (agent, verb) if agent else None
        if not group:
            verb = _bare(words[i])
        if DETERMINERS.sub("", subject).lower() in PRONOUNS:
            return None
        return subject, verb
    return None


def _subject_head(phrase: str) -> str:
    """The phrase up to its first preposition other than "of" (see SUBJECT_PREPOSITIONS)."""
    words = _words(phrase)
    for n, word in enumerate(words):
        if n and _bare(word) in SUBJECT_PREPOSITIONS:
            return " ".join(words[:n])
    return phrase


def _named(phrase: str, termer: Termer, *, proper_names: bool) -> tuple[frozenset[str], str] | None:
    """(entity ids, phrase) of an actor phrase naming a story entity, else None.

    With `proper_names` (a subject the claims stage resolved on the parse), a
    capitalised name the entity stage missed counts as an entity of its own."""
    phrase = _subject_head(phrase.strip())
    if not phrase or DETERMINERS.sub("", phrase).lower() in PRONOUNS:
        return None
    words = _words(phrase)
    if not any(w[:1].isupper() for w in _words(DETERMINERS.sub("", phrase))):
        # a name is written with a capital: "the militant group's supporters" is not
        # one, even where the entity stage gave "group" an id
        return None
    ids = frozenset(t for t in termer.terms(phrase) if t.startswith("@"))
    if ids:
        return ids, phrase
    # a name needs a capital that is not the sentence's first letter ("Roughly 300
    # trucks", "Trade across the crossing" are not names) and no figure in it
    if proper_names and not re.search(r"\d", phrase) and any(w[:1].isupper() for w in words[1:]):
        return frozenset({"~" + name_key(phrase)}), phrase
    return None


def _mentioned(ids: frozenset[str], phrase: str, written: str, termer: Termer) -> bool:
    """Whether the actor is named in the written words: one of its entities under any of
    its surfaces ("Tehran" for @iran), or, for a name no entity stage knows, the name."""
    if ids & set(termer.terms(written)):
        return True
    key = name_key(phrase)
    return any(i.startswith("~") for i in ids) and bool(key) and key in name_key(written)


def _speech(verb: str, proposition: str) -> bool:
    """A verb of saying or thinking, or any verb opening a "that" clause."""
    if not verb:
        return False
    if stem(verb) in SPEECH_STEMS:
        return True
    forms = "|".join(re.escape(w) for w in {verb.lower(), *_inflections(verb.lower())})
    return re.search(rf"(?<!\w)(?:{forms})\s+that\b", proposition, re.I) is not None


def _inflections(lemma: str) -> set[str]:
    """Written forms of a verb (the claims stage's conjugation: "supply" -> "supplies",
    "supplied"), and its -ing form."""
    base = lemma[:-1] if lemma.endswith("e") else lemma
    return {third_person(lemma), past_tense(lemma), base + "ing"}


def entity_labels(analyses: Iterable[Analysis], termer: Termer) -> dict[str, str]:
    """Entity term ("@iran") -> its label (PERSON, ORG, GPE, ...), from the story's
    entity mentions, then its holders (a person source is a PERSON)."""
    out: dict[str, str] = {}
    for analysis in analyses:
        for entity in analysis.entities:
            for term in termer.terms(entity.span.text):
                if term.startswith("@"):
                    out.setdefault(term, entity.label)
    for analysis in analyses:
        for claim in analysis.claims:
            if claim.holder.kind is SourceKind.PERSON:
                for term in termer.terms(claim.holder.name):
                    if term.startswith("@"):
                        out.setdefault(term, "PERSON")
    return out


def claim_actor(
    claim: Claim,
    termer: Termer,
    written: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Actor | None:
    """Who the claim says acts, as a story entity; None when it names none (module doc).

    `written`, when given, is the claim's own words in the article (its content, without
    the cue and the source's name): the actor must be named there, so a subject the
    claims stage resolved from a pronoun ("he is making noise" -> the holder's name),
    which may be wrong, never makes a clash on its own."""
    if claim.stance not in ACTOR_STANCES or claim.predicate.lower() in STATE_VERBS:
        return None
    parsed = proposition_actor(claim.proposition)
    if parsed is None and not claim.predicate:
        return None  # no verb found and none given: a state, a fragment, or unclear
    named = _named(claim.subject, termer, proper_names=True) if claim.subject else None
    if named is not None and not any(i.startswith("@") for i in named[0]):
        # a name the entity stage does not know must at least be in the proposition
        # (a subject carried over from a neighbouring clause is not this claim's)
        if name_key(named[1]) not in name_key(claim.proposition):
            named = None
    if named is None and parsed is not None:
        named = _named(parsed[0], termer, proper_names=False)
    if named is None:
        return None
    ids, phrase = named
    verb = claim.predicate or (parsed[1] if parsed else "")
    if _speech(verb, claim.proposition):
        return None
    if written is not None and not _mentioned(ids, phrase, written, termer):
        return None
    actor_terms = set(termer.terms(phrase))
    rest = frozenset(t for t in termer.terms(claim.proposition) if t not in actor_terms)
    person = bool(labels) and all((labels or {}).get(i) == "PERSON" for i in ids)
    return Actor(name=phrase, ids=ids, verb=verb, rest=rest, person=person)


def name_key(name: str) -> str:
    """Lowercase words of a name without its article and possessive, for containment."""
    return " ".join(_bare(w) for w in _words(DETERMINERS.sub("", name))).removesuffix("'s")


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors may be one: a shared entity, one id a part of the other's
    ("kestria" in "kestria-navy"), or one name inside the other ("the ministry" in
    "the Harbour Ministry")."""
    if a.ids & b.ids:
        return True
    for x in a.ids:
        for y in b.ids:
            px, py = set(re.split(r"[-_ ]", x.lstrip("@~"))), set(re.split(r"[-_ ]", y.lstrip("@~")))
            if px <= py or py <= px:
                return True
    ka, kb = name_key(a.name), name_key(b.name)
    return bool(ka and kb) and (
        re.search(rf"(?<!\w){re.escape(ka)}(?!\w)", kb) is not None
        or re.search(rf"(?<!\w){re.escape(kb)}(?!\w)", ka) is not None
    )


def same_verb(a: Actor, b: Actor) -> bool:
    """The two claims' main verbs match, or one's verb is an event concept the other's
    rest names ("attacked the depot" ~ "carried out an attack on the depot"). Unknown
    verbs (no parse, no predicate) leave it to the rest."""
    if not (a.verb and b.verb):
        return True
    ka, kb = verb_key(a.verb), verb_key(b.verb)
    if ka == kb:
        return True
    # only an event noun stands in for a verb: any other verb in the rest may belong to
    # a subordinate clause ("Sarn tightened checks where trucks were waiting")
    return (ka in EVENT_CONCEPTS and ka in {verb_key(t) for t in b.rest}) or (
        kb in EVENT_CONCEPTS and kb in {verb_key(t) for t in a.rest}
    )


def actors_clash(a: tuple[Actor, Claim, str], b: tuple[Actor, Claim, str], termer: Termer) -> bool:
    """Two (actor, claim, article id) items name different actors for the same event.

    They come from different articles or different holders; both or neither are
    persons; the actors are not one (`same_actor`); neither actor appears anywhere in
    the other claim; the verbs match
    (`same_verb`); and at least `SAME_EVENT` of the smaller rest (the claim without
    its actor) is shared, with one word that is not an entity.
    """
    (actor_a, claim_a, aid_a), (actor_b, claim_b, aid_b) = a, b
    if aid_a == aid_b and claim_a.holder.name == claim_b.holder.name:
        return False
    if actor_a.person != actor_b.person:
        # a person acts for a body or a country, or is one of a group described by
        # nationality ("a mother in Lenport" / "Lenport parents"): not another actor
        return False
    if same_actor(actor_a, actor_b):
        return False
    if actor_a.ids & set(termer.terms(claim_b.proposition)) or actor_b.ids & set(
        termer.terms(claim_a.proposition)
    ):
        return False
    if not same_verb(actor_a, actor_b):
        return False
    shared = actor_a.rest & actor_b.rest
    smaller = min(len(actor_a.rest), len(actor_b.rest))
    if not smaller or not any(not t.startswith("@") for t in shared):
        return False
    return len(shared) / smaller >= SAME_EVENT
