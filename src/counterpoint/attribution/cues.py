"""The cue lexicon: which words introduce someone's statement, and with what polarity.

A cue is a verb lemma ("say", "deny", "accuse"), a multiword cue ("according to",
"take to Twitter") or a noun that names a statement ("statement", "tweet"). Each cue
carries the polarity it gives its content (records.Polarity) and whether choosing it
signals the outlet's distance from the content ("claim", "allege").

Lookups (`cue_info`, `cue_polarity`) are by lemma, lower-case; unknown lemmas are not
cues (`cue_info` -> None, `cue_polarity` -> ASSERTS so callers never crash on them).
"""

from __future__ import annotations

from dataclasses import dataclass

from counterpoint.records import Polarity


@dataclass(frozen=True)
class CueInfo:
    """What a cue does to the content it introduces.

    `outlet_hedge`: the outlet picked a verb that distances it from the content
    ("X claimed ..."), so the attribution is marked `hedged_by_outlet`.
    `content_deps`: the dependency labels of the cue verb's children that carry its
    content, in the order they are tried.
    `pos`: "verb", "noun" or "phrase".
    """

    polarity: Polarity
    outlet_hedge: bool = False
    content_deps: tuple[str, ...] = ("ccomp", "xcomp")
    pos: str = "verb"


A = Polarity.ASSERTS
D = Polarity.DENIES
H = Polarity.HEDGES
Q = Polarity.QUESTIONS
X = Polarity.ACCUSES

# Complement clauses first; objects for verbs that take a noun-phrase content
# ("X denied the report", "X confirmed the strike").
_CLAUSE = ("ccomp", "xcomp")
_CLAUSE_OR_OBJECT = ("ccomp", "xcomp", "dobj")

CUES: dict[str, CueInfo] = {
    # neutral reporting verbs
    "say": CueInfo(A),
    "tell": CueInfo(A),
    "state": CueInfo(A),
    "add": CueInfo(A),
    "report": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "announce": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "note": CueInfo(A),
    "underscore": CueInfo(A),
    "underline": CueInfo(A),
    "stress": CueInfo(A),
    "emphasize": CueInfo(A),
    "emphasise": CueInfo(A),
    "explain": CueInfo(A),
    "write": CueInfo(A),
    "tweet": CueInfo(A),
    "post": CueInfo(A),
    "declare": CueInfo(A),
    "assert": CueInfo(A),
    "reiterate": CueInfo(A),
    "observe": CueInfo(A),
    "remark": CueInfo(A),
    "comment": CueInfo(A),
    "mention": CueInfo(A),
    "reveal": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "disclose": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "indicate": CueInfo(A),
    "argue": CueInfo(A),
    "maintain": CueInfo(A),
    "insist": CueInfo(A),
    "warn": CueInfo(A),
    "predict": CueInfo(A),
    "promise": CueInfo(A),
    "pledge": CueInfo(A),
    "vow": CueInfo(A),
    "confirm": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "acknowledge": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "admit": CueInfo(A, content_deps=_CLAUSE_OR_OBJECT),
    "concede": CueInfo(A),
    "recall": CueInfo(A),
    "estimate": CueInfo(A),
    "conclude": CueInfo(A),
    "describe": CueInfo(A, content_deps=("dobj",)),  # only "describe Y as Z"
    "call": CueInfo(A, content_deps=("dobj",)),  # only "call Y Z" (reported.py)
    "urge": CueInfo(A),
    "cite": CueInfo(A, content_deps=("ccomp",)),
    "quote": CueInfo(A, content_deps=("ccomp",)),
    "reply": CueInfo(A),
    # distancing: the source asserts, but the outlet's verb keeps its distance
    "claim": CueInfo(A, outlet_hedge=True),
    "contend": CueInfo(A, outlet_hedge=True),
    "purport": CueInfo(A, outlet_hedge=True),
    # hedges
    "allege": CueInfo(H, outlet_hedge=True),
    "suggest": CueInfo(H),
    "speculate": CueInfo(H),
    "hint": CueInfo(H),
    "believe": CueInfo(H),
    "suspect": CueInfo(H),
    "guess": CueInfo(H),
    "imply": CueInfo(H),
    # denials
    "deny": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "reject": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "dismiss": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "refute": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "rebut": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "dispute": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "contradict": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "disavow": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "repudiate": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    "debunk": CueInfo(D, content_deps=_CLAUSE_OR_OBJECT),
    # accusations: the object and its "of"/"for" phrase are the content
    "accuse": CueInfo(X, content_deps=("dobj", "prep")),
    "blame": CueInfo(X, content_deps=("dobj", "prep")),
    "charge": CueInfo(X, content_deps=("ccomp",)),
    "condemn": CueInfo(X, content_deps=("dobj", "prep")),
    "denounce": CueInfo(X, content_deps=("dobj", "prep")),
    "criticize": CueInfo(X, content_deps=("dobj", "prep")),
    "criticise": CueInfo(X, content_deps=("dobj", "prep")),
    # questions and doubts
    "question": CueInfo(Q, content_deps=_CLAUSE_OR_OBJECT),
    "doubt": CueInfo(Q, content_deps=_CLAUSE_OR_OBJECT),
    "wonder": CueInfo(Q),
    "challenge": CueInfo(Q, content_deps=_CLAUSE_OR_OBJECT),
}

# Multiword cues: matched on token text, not on a single lemma.
PHRASE_CUES: dict[str, CueInfo] = {
    "according to": CueInfo(A, pos="phrase"),
    "take to": CueInfo(A, pos="phrase"),  # "took to Twitter" (a channel, see chains.py)
    "in a statement": CueInfo(A, pos="phrase"),
    "as saying": CueInfo(A, pos="phrase"),
}

# Nouns that name a statement: a channel ("in a statement") or an anaphoric cue
# ("made the remark in a Monday tweet").
NOUN_CUES: dict[str, CueInfo] = {
    lemma: CueInfo(A, pos="noun")
    for lemma in (
        "statement",
        "remark",
        "comment",
        "tweet",
        "post",
        "interview",
        "communique",
        "briefing",
        "speech",
        "message",
        "announcement",
    )
}

# Adverbs with which the outlet distances itself from what it reports (one token each).
# "so-called" is read on the text instead (the tokenizer splits it), through
# `frames_the_content`, since it frames a statement only where it is not its subject.
OUTLET_HEDGE_WORDS: frozenset[str] = frozenset(
    {"allegedly", "reportedly", "purportedly", "supposedly", "ostensibly"}
)


# Words that may open a noun phrase ahead of a distancing word at the head of a content.
SUBJECT_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "such"})


def frames_the_content(polarity: Polarity, content: str, at: int) -> bool:
    """Whether a distancing word ("so-called", "claims of") at `at` of a reported content
    is the outlet's frame around what is reported, not the subject the source talks about.

    "said the so-called leak was a crude attempt": the source dismisses the leak; the
    outlet keeps no distance from that statement (if anything it sides with it).
    "rejected the so-called deal", "denied claims that P", "said Ostrel signed the
    so-called deal": the frame is around what is reported. So it frames unless it opens
    the content (at most a determiner before it) of a cue that states, hedges or asks."""
    if polarity in (Polarity.DENIES, Polarity.ACCUSES):
        return True
    before = content[:at].split()
    return not (len(before) <= 1 and all(w.lower() in SUBJECT_DETERMINERS for w in before))


def cue_info(lemma: str) -> CueInfo | None:
    """The CueInfo for a verb, phrase or noun cue; None when the lemma is not a cue."""
    key = lemma.lower()
    return CUES.get(key) or PHRASE_CUES.get(key) or NOUN_CUES.get(key)


def cue_polarity(lemma: str) -> Polarity:
    """The polarity a cue gives its content; ASSERTS for unknown lemmas."""
    info = cue_info(lemma)
    return info.polarity if info else Polarity.ASSERTS


def is_outlet_hedge(lemma: str) -> bool:
    """True for verbs whose choice signals the outlet's distance ("claim", "allege")."""
    info = CUES.get(lemma.lower())
    return bool(info and info.outlet_hedge)
