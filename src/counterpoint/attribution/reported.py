"""Reported speech from the dependency parse: cue, source phrase and content per unit.

`unit_candidates(doc, unit, quotes)` finds, in order:

  1. "X cited/quoted Y as saying (that) Z" and "Y was quoted as saying Z": source Y,
     reporter X, content Z;
  2. "according to X, Y": source X, content the rest of the unit;
  3. "X made the remark(s) ..." : an anaphoric cue whose content is the previous unit;
  4. "X put the figure at N" (a figure verb, a figure noun and "at"): content "the
     figure at N";
  5. every other cue verb outside quotes (cues.CUES) with a subject, except where the
     cue is no statement (`_no_statement`): a cue inside a relative clause whose
     subject is not the relative pronoun ("the documents it claims to hold": the
     relativized noun is a gap in the content), an infinitive cue under an
     object-control or irrealis verb ("asked the paper to reveal ..."), "cite"
     without "as saying" (it names the origin of a sibling cue instead: "cited
     officials and said ..."):
     - the subject: its nsubj (a relative pronoun stands for the noun the clause
       modifies; a participle modifying a noun, "a report claiming ...", has that
       noun, and so has a finite cue the parser hung on a noun root), else (for
       "adding", "saying", broken parses) the nsubj of the nearest ancestor, else
       the agent of a passive;
     - characterisations ("describe Y as Z", "call Y Z") take "Y as Z" / "Y Z" as
       content, and are refused when Y or Z is missing or Y is a wh-word;
     - the content: the children named by the cue's `content_deps` (a leading
       "that" trimmed), plus a coordinated clause without a cue of its own; a
       parenthetical cue ("The complex, it added, continues ...") takes its head
       clause; with none of these, the unit's uncovered quotes; with no quotes,
       the words after the cue up to the next cue;
     - "said, citing officials" records the officials as the origin of the chain.
Then sub-cues that share their head cue's subject and polarity ("said, adding, ...",
"denied ..., rejecting ...") are merged into the head's candidate (a participle
characterisation, "rejected ..., describing the story as ...", merges into its nearest
cue ancestor whatever the polarity), and a cue whose
content clause is itself a cue with its own subject ("X denied ..., Mehr reported")
is linked to it as the outer reporter (`nested_in`).

Kinds, channels and sources are settled later (extract.py): here spans are raw.
"""

from __future__ import annotations

from typing import Any

from counterpoint.nlp.model import doc_text
from counterpoint.attribution.cues import CUES, cue_info
from counterpoint.attribution.quotes import Quote, inside_quote, quote_pieces, quotes_in
from counterpoint.attribution.units import (
    Candidate,
    Unit,
    contiguous_spans,
    subtree_tokens,
    token_range,
)
from counterpoint.records import Polarity

_SUBJ = {"nsubj"}
_CLAUSAL = {"ccomp", "xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "parataxis"}
_REMARK_VERBS = {"make", "issue", "deliver", "give", "post"}
_REMARK_NOUNS = {"remark", "comment", "statement", "claim"}
_ACCUSE_PREPS = {"of", "for", "over"}
_RELATIVE = {"who", "which", "that", "whom"}
_WH = {"what", "which", "who", "whom", "that", "whatever"}
# characterisations: "describe Y as Z", "call Y Z" -- content only when Y and Z are both there
CHARACTERISE = {"describe", "call", "brand", "label", "dub"}
# verbs under which an infinitive cue is a wish, a request or a refusal, not a statement
_IRREALIS = {
    "want", "plan", "intend", "hope", "refuse", "decline", "fail", "expect", "seek",
    "ask", "try", "wish", "threaten", "prepare",
}  # fmt: skip
_FIGURE_VERBS = {"put", "place", "estimate", "set"}
_FIGURE_NOUNS = {"figure", "number", "toll", "total", "count", "tally", "cost", "estimate"}


def _subject(tok: Any) -> Any | None:
    """The subject of a cue: its own, else the nearest ancestor's (left of the cue)."""
    for child in tok.children:
        if child.dep_ in _SUBJ:
            if child.lower_ in _RELATIVE and tok.dep_ == "relcl":
                return tok.head  # "X, who said ...": the noun the clause modifies
            return child
    if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"} and (
        tok.tag_ == "VBG"
        or (tok.tag_ in {"VBD", "VBZ", "VBP", "VBN"} and tok.head.dep_ == "ROOT"
            and not any(c.dep_ == "agent" for c in tok.children))
    ):
        # "a report claiming that ...": the report; a finite cue hung on a noun root
        # is a broken parse of "<long subject>, which ..., announced that ..."
        return tok.head
    node, depth = tok, 0
    # climb through clauses (and, for broken parses, noun attachments) to a subject
    while node.head is not node and depth < 4 and (node.dep_ in _CLAUSAL or depth):
        node, depth = node.head, depth + 1
        for child in node.children:
            if child.dep_ in _SUBJ and child.i < tok.i:
                return child
    for child in tok.children:  # passive with an agent: "it was announced by X"
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _no_statement(tok: Any) -> bool:
    """True for a cue that reports no statement (step 5 of the module docstring)."""
    if tok.dep_ == "relcl":
        subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
        if subj is not None and subj.lower_ not in _RELATIVE:
            return True  # "the documents it claims to hold": a gap in the content
    if tok.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        head = tok.head
        if head.lemma_.lower() in _IRREALIS:
            return True
        if any(c.dep_ in {"dobj", "dative"} for c in head.children) and head.lemma_.lower() \
                not in CUES:
            return True  # "ask the paper to reveal ...": someone else's act, requested
    return False


def _characterisation(cue: Any, unit: Unit) -> list[Any] | None:
    """ "describe Y as Z" -> Y..Z, "call Y Z" -> Y Z; [] when not clean (refused)."""
    obj = next((c for c in cue.children if c.dep_ == "dobj" and unit.has(c)), None)
    if obj is None or obj.lower_ in _WH:
        return []
    if cue.lemma_.lower() == "describe":
        pred = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    else:
        pred = next((c for c in cue.children if c.dep_ in {"oprd", "xcomp", "attr"}
                     and c.i > obj.i), None)
        if pred is None:  # 'called the plan "a disaster"' parsed as an apposition
            pred = next((c for c in obj.children if c.dep_ == "appos"), None)
    if pred is None or not unit.has(pred):
        return []
    toks = {t.i: t for t in subtree_tokens(obj, unit) + subtree_tokens(pred, unit)}
    return [toks[i] for i in sorted(toks)]


def _is_cue(tok: Any, quotes: list[Quote]) -> bool:
    return (
        tok.pos_ == "VERB"
        and tok.lemma_.lower() in CUES
        and not inside_quote(quotes, tok.idx)
    )


def _clause_tokens(head: Any, unit: Unit) -> list[Any]:
    """A complement clause's tokens, without its leading complementizer."""
    toks = subtree_tokens(head, unit)
    while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in {"that", "whether", "if"}):
        toks = toks[1:]
    return toks


def _content_of(cue: Any, unit: Unit, doc: Any, quotes: list[Quote]) -> list[Any]:
    if cue.lemma_.lower() in CHARACTERISE:
        return _characterisation(cue, unit) or []
    info = cue_info(cue.lemma_) or CUES["say"]
    toks: list[Any] = []
    for dep in info.content_deps:
        for child in cue.children:
            if child.dep_ != dep or not unit.has(child):
                continue
            if dep == "prep" and child.lower_ not in _ACCUSE_PREPS:
                continue
            if dep == "dobj" and cue.lemma_.lower() == "tell":
                continue  # "told Mehr": the addressee, not the content
            toks.extend(_clause_tokens(child, unit))
        if toks and dep in {"ccomp", "xcomp"}:
            break  # a complement clause is the content; objects are not added to it
    if cue.lemma_.lower() in {"reject", "dismiss"} and toks:
        for child in cue.children:  # "rejecting the reports as 'sheer lies'"
            if child.dep_ == "prep" and child.lower_ == "as" and unit.has(child):
                toks.extend(subtree_tokens(child, unit))
    for child in cue.children:  # "announced that X, but Y": Y continues the statement
        if (
            toks
            and child.dep_ == "conj"
            and child.pos_ in {"VERB", "AUX"}
            and not _is_cue(child, quotes)
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        ):
            toks.extend(subtree_tokens(child, unit))
    return toks


def _fallback_content(cue: Any, unit: Unit, doc: Any, quotes: list[Quote]) -> list[Any]:
    """The words after the cue up to the next cue or clause boundary (broken parses)."""
    out = []
    after = list(doc[cue.i + 1 : min(cue.i + 6, unit.last + 1)])
    that = next((t for t in after if t.lower_ == "that" and t.dep_ == "mark"), None)
    start = that.i + 1 if that is not None else cue.i + 1  # "announced on Monday that X"
    for tok in doc[start : unit.last + 1]:
        if _is_cue(tok, quotes) or (tok.dep_ == "advcl" and tok.pos_ == "VERB"):
            break
        out.append(tok)
    while out and out[-1].is_punct:
        out.pop()
    return out if sum(1 for t in out if t.is_alpha) >= 3 else []


def _spans(toks: list[Any], doc: Any) -> list[tuple[int, int]]:
    return contiguous_spans(toks, doc_text(doc))


def unit_candidates(doc: Any, unit: Unit, quotes: list[Quote]) -> list[Candidate]:
    """The raw attribution candidates of one unit (see the module docstring)."""
    text = doc_text(doc)
    tokens = doc[unit.first : unit.last + 1]
    used: set[int] = set()
    out: list[Candidate] = []

    # 1. cited/quoted ... as saying
    for tok in tokens:
        if tok.lemma_.lower() not in {"cite", "quote"} or inside_quote(quotes, tok.idx):
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "as":
                continue
            saying = next((c for c in prep.children if c.lemma_ == "say"), None)
            if saying is None:
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            reporter = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if obj is None:  # passive: "X was quoted as saying"
                obj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                reporter = None
            if obj is None:
                continue
            content = [t for c in saying.children if c.dep_ in {"ccomp", "xcomp"}
                       for t in _clause_tokens(c, unit)]
            if not content:
                content = _fallback_content(saying, unit, doc, quotes)
            used.update({tok.i, saying.i})
            out.append(Candidate(
                unit=unit.index, cue=token_range([tok]), cue_lemma=tok.lemma_.lower(),
                polarity=Polarity.ASSERTS, content=_spans(content, doc), source_head=obj,
                reporters=[reporter] if reporter is not None else [], cue_token=tok,
                cue_parts=[p for p in (token_range([tok]), token_range([prep, saying]))
                           if p is not None],
            ))

    # 2. according to X
    for tok in tokens:
        if tok.lower_ != "according" or inside_quote(quotes, tok.idx):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            continue
        phrase = {t.i for t in tok.subtree}
        content = [t for t in tokens if t.i not in phrase]
        out.append(Candidate(
            unit=unit.index, cue=token_range([tok, to]), cue_lemma="according to",
            polarity=Polarity.ASSERTS, content=_spans(content, doc), source_head=obj,
            cue_token=tok,
        ))
        used.add(tok.i)

    # 3. made the remark
    for tok in tokens:
        if tok.lemma_.lower() not in _REMARK_VERBS or tok.pos_ != "VERB":
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"
                    and c.lemma_.lower() in _REMARK_NOUNS
                    and any(d.lower_ in {"the", "these", "those", "this"} for d in c.children)),
                   None)
        subj = _subject(tok)
        if obj is None or subj is None:
            continue
        out.append(Candidate(
            unit=unit.index, cue=token_range([tok, obj]), cue_lemma=obj.lemma_.lower(),
            polarity=Polarity.ASSERTS, content=[], source_head=subj, anaphoric=True,
            cue_token=tok,
        ))

    # 4. put the figure at N
    for tok in tokens:
        if tok.lemma_.lower() not in _FIGURE_VERBS or tok.pos_ != "VERB" or tok.i in used:
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"
                    and c.lemma_.lower() in _FIGURE_NOUNS), None)
        at = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        subj = _subject(tok)
        if obj is None or at is None or subj is None or inside_quote(quotes, tok.idx):
            continue
        content = subtree_tokens(obj, unit) + subtree_tokens(at, unit)
        used.add(tok.i)
        out.append(Candidate(
            unit=unit.index, cue=token_range([tok]), cue_lemma=tok.lemma_.lower(),
            polarity=Polarity.ASSERTS, content=_spans(content, doc), source_head=subj,
            cue_token=tok,
        ))

    # 5. cue verbs
    by_token: dict[int, Candidate] = {}
    for tok in tokens:
        if tok.i in used or not _is_cue(tok, quotes):
            continue
        lemma = tok.lemma_.lower()
        if lemma in {"cite", "quote"} and not any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "said, citing officials" / "cited officials and said": an origin
        if tok.head.lower_ == "as" and tok.lemma_ == "say":
            continue
        if _no_statement(tok):
            continue
        subj = _subject(tok)
        if subj is None or inside_quote(quotes, subj.idx):
            continue
        if tok.dep_ == "parataxis" and unit.has(tok.head):
            content = subtree_tokens(tok.head, unit, exclude=[tok])
        else:
            content = _content_of(tok, unit, doc, quotes)
        if not content and lemma in CHARACTERISE:
            continue  # refused rather than guessed
        if not content:
            loose = [q for q in quotes_in(quotes, unit.start, unit.end)]
            spans = [p for q in loose for p in quote_pieces(text, q)]
            if not spans:
                content = _fallback_content(tok, unit, doc, quotes)
                spans = _spans(content, doc)
        else:
            spans = _spans(content, doc)
        if not spans:
            continue
        info = cue_info(tok.lemma_)
        cand = Candidate(
            unit=unit.index, cue=token_range([tok]), cue_lemma=tok.lemma_.lower(),
            polarity=info.polarity if info else Polarity.ASSERTS, content=spans,
            source_head=subj, cue_token=tok,
        )
        for child in tok.children:  # "said, citing officials"
            if child.dep_ == "advcl" and child.lemma_.lower() in {"cite", "quote"}:
                cand.cited.extend(c for c in child.children if c.dep_ == "dobj")
        if tok.dep_ == "conj" and tok.head.lemma_.lower() in {"cite", "quote"}:
            # "X cited officials and said ...": the officials are the origin
            cand.cited.extend(c for c in tok.head.children if c.dep_ == "dobj")
        by_token[tok.i] = cand
        out.append(cand)

    _merge_subcues(by_token)
    _link_reporters(by_token)
    kept = [c for c in out if c.cue_token is None or by_token.get(c.cue_token.i, c) is c]
    return [c for c in kept if not c.merged]


def _merge_subcues(by_token: dict[int, Candidate]) -> None:
    """Fold "adding"/"rejecting" into the head cue when source and polarity agree."""
    for i, cand in sorted(by_token.items()):
        tok = cand.cue_token
        if tok.dep_ not in {"advcl", "conj"}:
            continue
        head = by_token.get(tok.head.i)
        characterises = tok.lemma_.lower() in CHARACTERISE and tok.tag_ == "VBG"
        if head is None and characterises:  # attached inside the head's content clause
            node = tok.head
            while node.head.i != node.i and node.i not in by_token:
                node = node.head
            head = by_token.get(node.i)
        if head is None or head.merged:
            continue
        if any(c.dep_ == "nsubj" for c in tok.children):
            continue  # its own subject: a separate statement
        if head.polarity != cand.polarity and not characterises:
            continue
        head.content.extend(s for s in cand.content
                            if not any(h[0] <= s[0] and s[1] <= h[1] for h in head.content))
        head.content.sort()
        cand.merged = True


def _link_reporters(by_token: dict[int, Candidate]) -> None:
    """An outer cue whose complement is an inner cue: the outer source reported it."""
    for cand in by_token.values():
        tok = cand.cue_token
        if tok.dep_ != "ccomp":
            continue
        outer = by_token.get(tok.head.i)
        if outer is None or outer is cand:
            continue
        if not any(c.dep_ == "nsubj" for c in tok.children):
            continue
        cand.nested_in = outer
