"""Split one attribution content into the propositions it states.

`split_clauses(doc, start, end)` cuts a content at coordinated full clauses;
`comparative_attributes(doc, start, end)` finds comparative attributes worth a claim
of their own. Both read the spaCy parse of the article (`doc`) over the content's
character range; with no doc (or no parse there) they return the content whole /
nothing, so the claims stage still works on hand-made records.

Clause splitting, in order:

1. The main verb of the content: the highest verb (or auxiliary) in the range that
   has a coordinated verb (`conj`) inside the range.
2. Each conjunct must be a full clause: a verb of its own, joined by a
   coordinating word ("and", "but") or a comma, and the main verb must have a
   complement before the conjunction ("Iran builds and sells drones" stays whole:
   the first verb has no object of its own).
3. Text pieces: the first runs to the conjunction, each next one from its conjunct's
   left edge to the next conjunction.
4. A conjunct without a subject of its own takes the main clause's lead-in (the
   text up to the end of the main subject, or up to the main verb when there is no
   subject: "the West of trying to X and spreading Y" -> "the West of spreading Y"),
   and the main clause's auxiliaries when it has none ("will deepen ... and build").

Comparative attributes: an adjective in the comparative degree modifying a noun
("faster Shahed drones", "a cheaper tank") gives "the <noun> would be <comparative>":
a checkable property outlets may report separately from the main event. Comparatives
of amount or order ("more", "less", "further", "later", "other") are left out.
"""

from __future__ import annotations

from typing import Any

from counterpoint.nlp.model import doc_text

SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
AUX_DEPS = {"aux", "auxpass"}
JOINERS = {"and", "but", ",", ";", "yet"}
NOT_ATTRIBUTES = {
    "more", "less", "fewer", "further", "farther", "later", "earlier", "other", "former",
    "latter", "lesser", "greater", "better", "worse", "elder", "older", "younger", "upper",
    "lower", "inner", "outer",
    # relational comparatives describe a relationship, not a property of a thing
    # ("closer ties", "deeper cooperation", "tighter links")
    "closer", "deeper", "tighter", "stronger", "warmer", "broader", "wider",
}


def _span(doc: Any, start: int, end: int) -> Any | None:
    if doc is None:
        return None
    try:
        return doc.char_span(start, end, alignment_mode="expand")
    except (AttributeError, IndexError, ValueError):
        return None


def _inside(span: Any, token: Any) -> bool:
    return span.start <= token.i < span.end


def _main_verb(span: Any) -> Any | None:
    """The shallowest verb with a coordinated verb inside the span (step 1)."""
    best: tuple[int, Any] | None = None
    for token in span:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        conj = [c for c in token.children if c.dep_ == "conj" and _inside(span, c)
                and c.pos_ in ("VERB", "AUX")]
        if not conj:
            continue
        depth, node = 0, token
        while node.head.i != node.i and _inside(span, node.head):
            node, depth = node.head, depth + 1
        if best is None or depth < best[0]:
            best = (depth, token)
    return None if best is None else best[1]


def _joiner_before(span: Any, conj: Any, after: int) -> Any | None:
    """The coordinating word or comma between token index `after` and the conjunct."""
    for i in range(conj.left_edge.i - 1, after, -1):
        token = span.doc[i]
        if token.lower_ in JOINERS:
            return token
        if not token.is_space and token.dep_ not in ("cc", "punct", "advmod"):
            return None
    return None


_FINITE_TENSE = {"VBD": "past", "VBZ": "present", "VBP": "present"}


def _tense_clash(previous: Any, conj: Any) -> bool:
    """Finite verbs of different tenses (step 2): "met the envoy last week, projects the
    ministry called commercial" is a noun the small parser read as a verb, not a
    clause; verbs joined by a bare comma share their tense ("closed the bridge, opened
    the ferry")."""
    a, b = _FINITE_TENSE.get(previous.tag_), _FINITE_TENSE.get(conj.tag_)
    return a is not None and b is not None and a != b


def split_clauses(doc: Any, start: int, end: int) -> list[str]:
    """The content's text cut at coordinated full clauses (see module doc)."""
    span = _span(doc, start, end)
    text_all = doc_text(doc)[start:end] if doc is not None else ""
    if span is None:
        return [text_all] if text_all else []
    main = _main_verb(span)
    if main is None:
        return _orphan_split(span) or [text_all]
    conjuncts = sorted(
        (c for c in main.conjuncts if c.i > main.i and _inside(span, c) and c.pos_ in ("VERB", "AUX")),
        key=lambda t: t.i,
    )
    cuts: list[tuple[Any, Any]] = []  # (joiner token, conjunct)
    previous = main
    for conj in conjuncts:
        joiner = _joiner_before(span, conj, previous.i)
        if joiner is None:
            continue
        has_complement = any(
            c.i > previous.i and c.i < joiner.i and c.dep_ not in ("cc", "punct", "conj")
            for c in previous.children
        )
        if not has_complement or (joiner.lower_ == "," and _tense_clash(previous, conj)):
            return [text_all]
        cuts.append((joiner, conj))
        previous = conj
    if not cuts:
        return [text_all]
    subject = next((c for c in main.children if c.dep_ in SUBJECT_DEPS and c.i < main.i), None)
    auxes = " ".join(
        c.text for c in main.children if c.dep_ in AUX_DEPS and c.i < main.i and c.lower_ != "to"
    )
    pieces = [doc_text(doc)[span.start_char:cuts[0][0].idx]]
    for n, (_, conj) in enumerate(cuts):
        if subject is not None:
            lead_end = subject.right_edge.idx + len(subject.right_edge.text)
        else:
            # A gerund conjunct continues the nearest gerund above the main verb:
            # "of trying to X and spreading Y" -> "of spreading Y".
            anchor = main
            while anchor.tag_ != conj.tag_ and anchor.head.i != anchor.i and _inside(span, anchor.head):
                anchor = anchor.head
            if anchor.tag_ != conj.tag_:
                anchor = main
            lead_end = anchor.left_edge.idx if anchor.left_edge.i >= span.start else span.start_char
            if anchor.i != main.i:
                lead_end = anchor.idx
        lead = doc_text(doc)[span.start_char:lead_end].strip()
        piece_start = conj.left_edge.idx
        piece_end = cuts[n + 1][0].idx if n + 1 < len(cuts) else span.end_char
        piece = doc_text(doc)[piece_start:piece_end].strip(" ,;")
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in conj.children)
        if not own_subject:
            own_aux = any(c.dep_ in AUX_DEPS for c in conj.children)
            head = lead if lead else ""
            # a finite conjunct carries its own tense: "has been engaged ... and pursues"
            finite = conj.tag_ in ("VBZ", "VBD", "VBP", "MD")
            if auxes and not own_aux and not finite and conj.tag_ != "VBG":
                head = f"{head} {auxes}".strip()
            piece = f"{head} {piece}".strip()
        pieces.append(piece)
    return [p.strip(" ,;") for p in pieces if len(p.split()) >= 2]


def _orphan_split(span: Any) -> list[str]:
    """Cut before a conjunct clause with its own subject whose head lies outside the
    range (the parser joined it to the cue's verb: "says X, and Y has ...")."""
    doc = span.doc
    for token in span:
        if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX") or _inside(span, token.head):
            continue
        if not any(c.dep_ in SUBJECT_DEPS for c in token.children):
            continue
        joiner = _joiner_before(span, token, span.start)
        if joiner is None or joiner.i <= span.start:
            continue
        first = doc_text(doc)[span.start_char:joiner.idx].strip(" ,;")
        second = doc_text(doc)[token.left_edge.idx:span.end_char].strip(" ,;")
        if len(first.split()) >= 2 and len(second.split()) >= 2:
            return [first, second]
    return []


def comparative_attributes(doc: Any, start: int, end: int) -> list[str]:
    """'the Shahed drones would be faster' for 'faster Shahed drones' in the range."""
    span = _span(doc, start, end)
    if span is None:
        return []
    out: list[str] = []
    for token in span:
        if token.tag_ not in ("JJR", "RBR") or token.dep_ != "amod":
            continue
        if token.lower_ in NOT_ATTRIBUTES or not token.lower_.endswith("er"):
            continue
        noun = token.head
        if noun.pos_ not in ("NOUN", "PROPN") or not _inside(span, noun):
            continue
        compounds = [
            c.text for c in noun.children
            if c.i < noun.i and c.i != token.i and (c.dep_ == "compound" or c.pos_ == "PROPN")
        ]
        phrase = " ".join([*compounds, noun.text])
        out.append(f"the {phrase} would be {token.lower_}")
    return out
