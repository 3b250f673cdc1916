"""A claim's proposition broken into its parts: who does what to whom, with figures.

`parts_of(doc, spans, proposition, holder)` reads the spaCy parse the claims stage
already has (no second parse) over the claim's content spans and returns the parts
of `proposition` (the content as the stance step rewrote it): `subject`, `predicate`
(main verb lemma), `object`, `numbers`, `places`, `dates`.

Cascade, in order:

1. Align the proposition to the parse (`claims.align`): parse tokens with no
   counterpart in the proposition (the cue, "any truth to reports that", "faster"
   moved to its own claim) take no part.
2. The clause: the aligned words fall into fragments, each hanging from a word
   outside the proposition; the largest fragment carries it. Its root is the
   fragment's shallowest verb (auxiliaries excluded); a fragment headed by a noun
   that is not a subject is a nominal proposition ("Iran's participation in P"):
   predicate from the noun (`verb_of_noun`: a table, then -ment/-ization/-ation/
   -ery), subject its possessor, object its complements. Aspect and intent verbs
   hand over to their infinitive ("are going to build", "plans to build", "try to
   hide", "is about to take": build, hide, take), and so does a light verb with a
   plan noun ("have plans to build": build). The predicate is the lemma: particles
   and negation stay out (negation is the stance's).
3. Subject: the nsubj of the root or of the verbs above it in its chain (xcomp,
   conj); in the passive the agent ("by Iran"), the nsubjpass then opening the
   object. A pronoun or nominal the extractor replaced ("it" -> the holder), or a
   missing subject (a gerund, an accusation "the West of trying to X"), falls back
   to the proposition's words before the root verb. The subject is the actor as
   written without determiners or relative clauses (a named apposition replaces a
   common head: "the firm Calder Maritime" -> Calder Maritime); it is empty unless it
   names someone (a proper noun or a person/organization/place/group entity): not
   for a pronoun, nor a description ("the two countries", "the drone", "police").
4. Object: the root's complements after it (dobj, attr, acomp, dative, oprd,
   prep, xcomp, ccomp), only the aligned words, without a leading article:
   "drones to Russia". A prepositional phrase that is only a date goes to dates.
   A nominal's "of" phrase is its object ("delivery of drones" -> "drones").
5. Figures (`claims.figures`): entity spans inside the aligned words, verbatim:
   numbers ("at least 6,000"), places that are not the subject, dates ("Jan. 6").

`parts_from_text(proposition, holder)` is the fallback without a parse: the holder
as subject when the proposition opens with its name, numbers by pattern.
`attribute_parts(proposition)` gives the parts of a comparative attribute claim
("the Shahed drones would be faster": subject Shahed drones, be, faster).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from counterpoint.claims.align import WORD, align, tokens_of
from counterpoint.claims.figures import DATE_LABELS, figures, numbers_in
from counterpoint.records import SourceKind, SourceRef, Span


@dataclass(frozen=True)
class ClaimParts:
    """The fields of `Claim` that break the proposition down."""

    subject: str = ""
    predicate: str = ""
    object: str = ""
    numbers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def update(self) -> dict[str, Any]:
        """The `model_copy(update=...)` mapping for a Claim."""
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "numbers": list(self.numbers),
            "places": list(self.places),
            "dates": list(self.dates),
        }


# ------------------------------------------------------------------ vocabularies

# Verbs whose infinitive complement carries the event ("are going to build").
CATENATIVE = {
    "go", "try", "attempt", "seek", "aim", "plan", "intend", "continue", "begin", "start",
    "prepare", "decide", "want", "hope", "wish", "have", "need", "expect", "mean", "set",
    "resume", "keep", "strive", "endeavor", "endeavour", "move", "look",
}
# "have plans to build": a light verb whose plan noun carries the event.
LIGHT_VERBS = {"have", "make", "advance", "hatch", "draw", "lay", "finalize", "finalise", "unveil"}
PLAN_NOUNS = {"plan", "intention", "intent", "ambition", "aim", "goal", "bid", "effort", "attempt"}
# Participles of a state, not of an act done to the subject ("is engaged in").
STATIVE = {
    "engage", "involve", "commit", "interest", "oppose", "determine", "prepare", "dedicate",
    "devote", "base", "locate", "ally", "align", "link", "tie", "connect", "concern",
    "oblige", "obligate", "entitle", "equip", "poise", "set",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
OBJECT_DEPS = {"dobj", "attr", "acomp", "dative", "oprd", "prep", "xcomp", "ccomp", "pcomp", "obj"}
# Parts of a noun phrase that describe rather than name it.
SUBJECT_DROP = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "case"}
DETERMINERS = re.compile(
    r"^(?:the|a|an|this|that|these|those|any|no|some|such|every|each|all)\s+", re.I
)
PRONOUNS = {
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "this",
    "that", "these", "those", "who", "which", "what", "one", "someone", "somebody",
    "everyone", "anyone", "nobody", "there", "its", "their", "his", "our", "my", "your",
}
# Words between a subject and its verb in the proposition ("Tehran is trying").
AUX_WORDS = re.compile(
    r"(?:\s+(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|can|"
    r"could|may|might|must|do|does|did|not|also|still|already|now|then|recently|reportedly|"
    r"allegedly|previously|again|never|n't))+$",
    re.I,
)
DEFINITE = {"the", "this", "that", "these", "those"}
# Nominalizations -> verbs: irregular ones first, then suffix rules (step 2).
VERB_OF_NOUN = {
    "participation": "participate", "production": "produce", "delivery": "deliver",
    "sale": "sell", "supply": "supply", "construction": "construct", "invasion": "invade",
    "decision": "decide", "provision": "provide", "denial": "deny", "approval": "approve",
    "refusal": "refuse", "arrival": "arrive", "departure": "depart", "transfer": "transfer",
    "purchase": "purchase", "attack": "attack", "use": "use", "support": "support",
    "shipment": "ship", "involvement": "involve", "deployment": "deploy", "export": "export",
    "import": "import", "acquisition": "acquire", "reduction": "reduce", "expansion": "expand",
    "withdrawal": "withdraw", "seizure": "seize", "destruction": "destroy", "growth": "grow",
    "loss": "lose", "killing": "kill", "arrest": "arrest", "closure": "close",
    "cooperation": "cooperate", "collaboration": "collaborate", "agreement": "agree",
    "payment": "pay", "investment": "invest", "election": "elect", "assistance": "assist",
    "help": "help", "aid": "aid", "failure": "fail", "visit": "visit", "meeting": "meet",
    "plan": "plan", "build": "build", "building": "build",
}


# ------------------------------------------------------------------ the clause


def _is_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod")


def _descend(verb: Any, aligned: dict[int, tuple[int, int]]) -> Any:
    """The verb that carries the event under aspect/intent verbs (step 2)."""
    for _ in range(4):
        nxt = None
        lemma = verb.lemma_.lower()
        if lemma in CATENATIVE or lemma == "be":
            # "is about to take", "is ready to sign": the infinitive under the adjective
            holders = [verb]
            if lemma == "be":
                holders += [c for c in verb.children if c.dep_ == "acomp"]
            nxt = next((c for h in holders for c in h.children if c.dep_ == "xcomp"
                        and c.pos_ in ("VERB", "AUX") and c.i in aligned), None)
        if nxt is None and verb.lemma_.lower() in LIGHT_VERBS:
            for obj in verb.children:
                if obj.dep_ == "dobj" and obj.lemma_.lower() in PLAN_NOUNS:
                    nxt = next((c for c in obj.children if c.dep_ in ("acl", "relcl")
                                and c.pos_ == "VERB" and c.i in aligned), None)
        if nxt is None:
            return verb
        verb = nxt
    return verb


def _chain_up(verb: Any, top: Any) -> list[tuple[Any, bool]]:
    """(verb, reached through a conjunct) from `verb` up to the clause root and its
    first conjunct (step 3)."""
    chain = [(verb, False)]
    node = verb
    while node.i != top.i and node.head.i != node.i:
        node = node.head
        chain.append((node, False))
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        chain.append((node, True))
    return chain


def _phrase(head: Any, aligned: dict[int, tuple[int, int]], drop: set[str]) -> list[Any]:
    """The head's subtree, aligned words only, without the dropped dependents."""
    removed: set[int] = set()
    for child in head.children:
        if child.dep_ in drop:
            removed.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in removed and _kept(t, aligned)]


def _kept(token: Any, aligned: dict[int, tuple[int, int]]) -> bool:
    """Aligned words, and the punctuation between them ("Iranian-designed", "(UAVs)")."""
    return token.i in aligned or not (WORD.search(token.text) or token.is_quote)


def _text(tokens: list[Any]) -> str:
    """Tokens' words as written (their own spacing), trimmed of punctuation."""
    ordered = sorted(tokens, key=lambda t: t.i)
    # punctuation at the edges is not part of the phrase; inside it is ("(UAVs)")
    while ordered and not WORD.search(ordered[0].text) and not ordered[0].is_currency \
            and ordered[0].text != "(":
        ordered.pop(0)
    while ordered and not WORD.search(ordered[-1].text) and ordered[-1].text not in ")]":
        ordered.pop()
    if not ordered:
        return ""
    out = ""
    for a, b in zip(ordered, ordered[1:]):
        out += a.text + (a.whitespace_ if b.i == a.i + 1 else " ")
    out += ordered[-1].text
    return re.sub(r"\s+", " ", out).strip(" ,;:.-–—\"“”'")


def _strip_det(text: str) -> str:
    return DETERMINERS.sub("", text, count=1).strip()


def _names_someone(tokens: list[Any]) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in tokens)


def _subject_from_tokens(
    head: Any, aligned: dict[int, tuple[int, int]]
) -> tuple[str, list[Any], bool] | None:
    """(subject as written, its tokens, whether it is a definite description), or None
    when the proposition rewrote it (a pronoun resolved to a name: the caller then
    reads the proposition's words). The subject is empty unless it names someone."""
    if head.pos_ == "PRON" or head.lower_ in PRONOUNS or head.i not in aligned:
        return None
    removed: set[int] = set()
    for child in head.children:
        if child.dep_ in SUBJECT_DROP:
            removed.update(t.i for t in child.subtree)
    written = [t for t in head.subtree if t.i not in removed]
    if any(t.i not in aligned and WORD.search(t.text) and t.dep_ != "det" for t in written):
        return None  # "his government" -> "Kanaan's government": the proposition's words
    if head.pos_ != "PROPN":
        # "the state shipping firm Calder Maritime": the apposition is the name
        named = next((c for c in head.children if c.dep_ == "appos" and c.i in aligned
                      and _names_someone([c])), None)
        if named is not None:
            head = named
    tokens = _phrase(head, aligned, SUBJECT_DROP)
    # the core: the noun with its modifiers, without prepositional phrases
    core = _phrase(head, aligned, SUBJECT_DROP | {"prep"})
    first = written[0]
    definite = first.lower_ in DEFINITE or (first.dep_ == "poss" and first.pos_ == "PRON")
    if not _names_someone(core):
        return "", tokens, definite  # "the two countries", "300 trucks": no name
    return _strip_det(_text(tokens)), tokens, definite


def _subject_from_prefix(
    proposition: str, root_start: int, tokens: list[Any] | None = None,
    aligned: dict[int, tuple[int, int]] | None = None,
) -> str:
    """The proposition's words before the root verb, without auxiliaries (step 3);
    empty unless they name someone: a proper noun of the parse, or a capitalised
    word the extractor put there (the holder's name for "it")."""
    prefix = proposition[:root_start].strip(" ,;:")
    prefix = AUX_WORDS.sub("", prefix).strip(" ,;:")
    if not prefix or len(prefix.split()) > 8 or "," in prefix:
        return ""
    if tokens is None or aligned is None:
        return prefix
    end = len(proposition[:root_start].rstrip())
    inside = [t for t in tokens if t.i in aligned and aligned[t.i][0] < end]
    covered = [aligned[t.i] for t in inside]
    added = [
        m.group(0) for m in WORD.finditer(prefix)
        if not any(a <= m.start() and m.end() <= b for a, b in covered)
    ]
    if _names_someone(inside) or any(w[:1].isupper() for w in added):
        return prefix
    return ""


def clean_subject(text: str) -> str:
    """The subject without determiners; empty for pronouns and bare definite nouns."""
    text = text.strip(" ,;:.\"“”'")
    words = text.split()
    if words and words[0].lower() in DEFINITE and not any(w[:1].isupper() for w in words[1:]):
        return ""  # "the two countries": a description of someone named elsewhere
    text = _strip_det(text)
    if not text or text.lower() in PRONOUNS:
        return ""
    if text.split()[0].lower() in PRONOUNS:
        return ""  # "its workshop", "one of its complexes": a reference, not a name
    return text


def _object(verb: Any, aligned: dict[int, tuple[int, int]], passive_subject: Any | None) -> str:
    """The verb's complements after it, aligned words only (step 4)."""
    parts: list[Any] = []
    if passive_subject is not None:
        parts.extend(_phrase(passive_subject, aligned, {"relcl", "appos", "punct"}))
    for child in verb.children:
        purpose = child.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )  # "build a plant to produce drones": the purpose belongs to the object
        if child.i < verb.i or (child.dep_ not in OBJECT_DEPS and not purpose):
            continue
        subtree = [t for t in child.subtree if _kept(t, aligned)]
        if not any(t.i in aligned for t in subtree):
            continue
        if child.dep_ == "prep" and _only_date(child):
            continue
        parts.extend(subtree)
    return _strip_det(_text(parts))


def _only_date(prep: Any) -> bool:
    """'in March', 'on Jan. 6', 'back in 2021': a prepositional phrase that is a date."""
    words = [t for t in prep.subtree if t.i != prep.i and not t.is_punct]
    return bool(words) and all(t.ent_type_ in DATE_LABELS for t in words)


def _nominal_object(noun: Any, aligned: dict[int, tuple[int, int]]) -> str:
    """'participation in P' -> 'in P'; 'delivery of drones to X' -> 'drones to X'."""
    parts: list[Any] = []
    for child in noun.children:
        if child.i < noun.i or child.dep_ not in ("prep", "acl", "relcl", "pobj"):
            continue
        subtree = [t for t in child.subtree if _kept(t, aligned)]
        if not any(t.i in aligned for t in subtree):
            continue
        if child.dep_ == "prep" and child.lower_ == "of" and not parts:
            subtree = [t for t in subtree if t.i != child.i]
        parts.extend(subtree)
    return _strip_det(_text(parts))


def verb_of_noun(lemma: str) -> str:
    """'participation' -> 'participate', 'deployment' -> 'deploy' (step 2)."""
    low = lemma.lower()
    if low in VERB_OF_NOUN:
        return VERB_OF_NOUN[low]
    if low.endswith("ment") and len(low) > 7:
        return low[:-4]
    if low.endswith(("ization", "isation")) and len(low) > 9:
        return low[:-5] + "e"  # mobilization -> mobilize
    if low.endswith("ation") and len(low) > 7:
        return low[:-3] + "e"
    if low.endswith("ery") and len(low) > 6:
        return low[:-1]
    return low


# ------------------------------------------------------------------ entry points


def parts_from_text(proposition: str, holder: SourceRef) -> ClaimParts:
    """Parts without a parse: the named holder as subject when the proposition opens
    with its name, numbers by pattern."""
    subject = ""
    if holder.kind not in (SourceKind.OUTLET, SourceKind.ANONYMOUS) and holder.name and \
            re.match(rf"{re.escape(holder.name)}\b", proposition):
        subject = holder.name
    return ClaimParts(subject=subject, numbers=numbers_in(proposition))


ATTRIBUTE = re.compile(r"^(?:the\s+)?(?P<thing>.+?)\s+would\s+be\s+(?P<quality>\w+)$", re.I)


def attribute_parts(
    proposition: str, doc: Any | None = None, spans: list[Span] | None = None
) -> ClaimParts:
    """'the Shahed drones would be faster' -> (Shahed drones, be, faster).

    The thing is the subject only when it names something (a proper noun): "the
    drone" is a definite description, unknown as an actor."""
    match = ATTRIBUTE.match(proposition.strip())
    if match is None:
        return ClaimParts()
    thing = match.group("thing")
    named = any(w[:1].isupper() for w in thing.split())
    if doc is not None and spans:
        tokens = tokens_of(doc, spans)
        words = set(thing.lower().split())
        named = any(t.lower_ in words and t.pos_ == "PROPN" for t in tokens)
    return ClaimParts(subject=thing if named else "", predicate="be",
                      object=match.group("quality"))


def parts_of(doc: Any | None, spans: list[Span], proposition: str, holder: SourceRef) -> ClaimParts:
    """The parts of `proposition`, read from the parse over `spans` (module doc)."""
    if doc is None or not proposition.strip():
        return parts_from_text(proposition, holder)
    tokens = tokens_of(doc, spans)
    aligned = align(tokens, proposition)
    if not aligned:
        return parts_from_text(proposition, holder)
    inside = [t for t in tokens if t.i in aligned]
    heads: dict[int, int] = {}  # token index -> head index, read once per token
    depths: dict[int, int] = {}

    def head(i: int) -> int:
        if i not in heads:
            heads[i] = doc[i].head.i
        return heads[i]

    def depth(token: Any) -> int:
        path = [token.i]
        while path[-1] not in depths and head(path[-1]) != path[-1]:
            path.append(head(path[-1]))
        base = depths.get(path[-1], 0)
        for n, i in enumerate(reversed(path)):
            depths.setdefault(i, base + n)
        return depths[token.i]

    # fragments: aligned words hanging from a word outside the proposition (the cue's
    # clause, "any truth to reports that"); the largest one carries the proposition
    size = {t.i: 0 for t in inside}
    root_of: dict[int, int] = {}
    for token in inside:
        path = [token.i]
        while path[-1] not in root_of and head(path[-1]) != path[-1] and head(path[-1]) in aligned:
            path.append(head(path[-1]))
        root = root_of.get(path[-1], path[-1])
        for i in path:
            root_of[i] = root
        size[root] += 1
    frag = max((t for t in inside if size[t.i]), key=lambda t: (size[t.i], -depth(t), -t.i))
    members = [t for t in frag.subtree if t.i in aligned]
    verbs = [t for t in members if _is_verb(t)]
    if frag.pos_ in ("NOUN", "PROPN") and frag.dep_ not in SUBJECT_DEPS:
        # a nominal proposition ("Iran's delivery of P"): verbs inside are modifiers
        verbs = [v for v in verbs if v.i == frag.i]
    if verbs:
        top = min(verbs, key=lambda t: (depth(t), t.i))
        return _verbal_parts(doc, tokens, aligned, proposition, top)
    nouns = [t for t in members if t.pos_ in ("NOUN", "PROPN")]
    if nouns:
        noun = min(nouns, key=lambda t: (depth(t), t.i))
        return _nominal_parts(doc, tokens, aligned, proposition, noun)
    numbers, places, dates = figures(doc, tokens, aligned, proposition)
    return ClaimParts(numbers=numbers, places=places, dates=dates)


def _verbal_parts(
    doc: Any, tokens: list[Any], aligned: dict[int, tuple[int, int]], proposition: str, top: Any,
) -> ClaimParts:
    verb = _descend(top, aligned)
    subject_head = agent = passive_subject = None
    via_conj = False
    for node, via_conj in _chain_up(verb, top):
        for child in node.children:
            if child.dep_ == "agent" and agent is None:
                agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ in SUBJECT_DEPS and subject_head is None:
                subject_head = child
        if subject_head is not None or agent is not None:
            break
    passive = subject_head is not None and subject_head.dep_ in ("nsubjpass", "csubjpass")
    if passive and via_conj and not any(c.dep_ == "auxpass" for c in verb.children) \
            and verb.tag_ in ("VBZ", "VBD", "VBP"):
        passive = False  # "X has been engaged in P and pursues Q": Q is active
    if passive and agent is None and verb.lemma_.lower() in STATIVE:
        passive = False  # "Iran is engaged in P": a state of the subject, not an act on it
    if passive:
        passive_subject, subject_head = subject_head, agent
    blank: set[int] = set()  # words of a blanked subject: their numbers are not the claim's
    subject = resolved_object = ""
    found = _subject_from_tokens(subject_head, aligned) if subject_head is not None else None
    if found is not None:
        subject, subject_tokens, definite = found
        if not subject and definite:
            blank = {t.i for t in subject_tokens}
    elif not passive and top.i in aligned:
        subject = _subject_from_prefix(proposition, aligned[top.i][0], tokens, aligned)
    elif passive and passive_subject is not None and passive_subject.i not in aligned:
        # "it was attacked" -> "Iran was attacked": the resolved words are the object
        passive_subject = None
        if top.i in aligned:
            resolved_object = _strip_det(_subject_from_prefix(proposition, aligned[top.i][0]))
    obj = " ".join(p for p in (resolved_object, _object(verb, aligned, passive_subject)) if p)
    actor: set[int] = set()
    if subject_head is not None and subject:
        actor = {t.i for t in _phrase(subject_head, aligned, SUBJECT_DROP | {"prep"})}
    numbers, places, dates = figures(doc, tokens, aligned, proposition, blank, actor)
    subject = clean_subject(subject)
    if subject:
        places = [p for p in places if _strip_det(p) != subject]
    return ClaimParts(subject=subject, predicate=verb.lemma_.lower(), object=obj,
                      numbers=numbers, places=places, dates=dates)


def _nominal_parts(
    doc: Any, tokens: list[Any], aligned: dict[int, tuple[int, int]], proposition: str,
    noun: Any,
) -> ClaimParts:
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    subject = ""
    if owner is not None:
        found = _subject_from_tokens(owner, aligned)
        if found is not None:
            subject = found[0]
        elif aligned.get(noun.i):
            prefix = _subject_from_prefix(proposition, aligned[noun.i][0], tokens, aligned)
            subject = re.sub(r"'s?$", "", prefix)
    subject = re.sub(r"\s*'s?$", "", clean_subject(subject))
    actor = {t.i for t in owner.subtree} if owner is not None and subject else set()
    numbers, places, dates = figures(doc, tokens, aligned, proposition, None, actor)
    if subject:
        places = [p for p in places if _strip_det(p) != subject]
    return ClaimParts(subject=subject, predicate=verb_of_noun(noun.lemma_),
                      object=_nominal_object(noun, aligned), numbers=numbers, places=places,
                      dates=dates)
