"""Reported speech from the dependency parse: cue, source phrase and content per unit.

`unit_candidates(doc, unit, quotes)` finds, in order:

  1. "X cited/quoted Y as saying (that) Z" and "Y was quoted as saying Z": source Y,
     reporter X, content Z;
  2. "according to X, Y": source X, content the rest of the unit;
  3. "X made the remark(s) ..." : an anaphoric cue whose content is the previous unit;
  4. every other cue verb outside quotes (cues.CUES) with a subject:
     - the subject: its nsubj, else (for "adding", "saying", broken parses) the
       nsubj of the nearest ancestor, else the agent of a passive;
     - the content: the children named by the cue's `content_deps` (a leading
       "that" trimmed), plus a coordinated clause without a cue of its own; a
       parenthetical cue ("The complex, it added, continues ...") takes its head
       clause; with none of these, the unit's uncovered quotes; with no quotes,
       the words after the cue up to the next cue;
     - "said, citing officials" records the officials as the origin of the chain.
Then sub-cues that share their head cue's subject and polarity ("said, adding, ...",
"denied ..., rejecting ...") are merged into the head's candidate, and a cue whose
content clause is itself a cue with its own subject ("X denied ..., Mehr reported")
is linked to it as the outer reporter (`nested_in`).

Kinds, channels and sources are settled later (extract.py): here spans are raw.
"""

from __future__ import annotations

from typing import Any

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


def _subject(tok: Any) -> Any | None:
    """The subject of a cue: its own, else the nearest ancestor's (left of the cue)."""
    for child in tok.children:
        if child.dep_ in _SUBJ:
            return child
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
    if cue.lemma_.lower() in {"reject", "dismiss", "describe"} and toks:
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
    for tok in doc[cue.i + 1 : unit.last + 1]:
        if _is_cue(tok, quotes) or (tok.dep_ == "advcl" and tok.pos_ == "VERB"):
            break
        out.append(tok)
    while out and out[-1].is_punct:
        out.pop()
    return out if sum(1 for t in out if t.is_alpha) >= 3 else []


def _spans(toks: list[Any], doc: Any) -> list[tuple[int, int]]:
    return contiguous_spans(toks, doc.text)


def unit_candidates(doc: Any, unit: Unit, quotes: list[Quote]) -> list[Candidate]:
    """The raw attribution candidates of one unit (see the module docstring)."""
    text = doc.text
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

    # 4. cue verbs
    by_token: dict[int, Candidate] = {}
    for tok in tokens:
        if tok.i in used or not _is_cue(tok, quotes):
            continue
        if tok.lemma_.lower() in {"cite", "quote"} and tok.dep_ == "advcl":
            continue  # "said, citing officials": handled with its head below
        if tok.head.lower_ == "as" and tok.lemma_ == "say":
            continue
        subj = _subject(tok)
        if subj is None or inside_quote(quotes, subj.idx):
            continue
        if tok.dep_ == "parataxis" and unit.has(tok.head):
            content = subtree_tokens(tok.head, unit, exclude=[tok])
        else:
            content = _content_of(tok, unit, doc, quotes)
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
        if head is None or head.merged:
            continue
        if any(c.dep_ == "nsubj" for c in tok.children):
            continue  # its own subject: a separate statement
        if head.polarity != cand.polarity:
            continue
        head.content.extend(s for s in cand.content if s not in head.content)
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
