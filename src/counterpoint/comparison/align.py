"""Align claims across (and within) articles into rows of the claims matrix.

Two claims go on one row when their positive propositions say the same thing.
Similarity of two claims, in order of the checks:

1. Term sets from `compare.terms` (entity surfaces -> canonical ids, paraphrase
   concepts, light stems).
2. Each term is weighted by its inverse frequency among the story's claims, so terms
   every claim shares (the story's main actors, "drone") weigh less than the
   distinctive ones ("factory", "supply"); canonical entities weigh half.
3. Score = weighted overlap / weight of the smaller set (an overlap coefficient,
   which tolerates one claim being a longer paraphrase of the other), averaged with
   rapidfuzz `token_set_ratio` over the term strings.
4. Two claims link when the score reaches `threshold`, they share at least
   `MIN_SHARED` non-entity terms (a common actor alone never links claims), and,
   when both name an action concept (`terms.EVENT_CONCEPTS`: produce, supply,
   attack, ...), they share one: "Iran supplies drones" and "Iran plans a drone
   factory" stay apart although their actors and objects match.
5. Guards on who does what (each needs a higher score to link anyway):
   different subjects (`Termer.subject_terms`, the words before the first
   auxiliary: "the ministry | would ask the paper for the documents" vs "the paper |
   has published the documents") need `STRICT`, unless the two claims differ only in
   who acts (`named_action`, `actor_swap`: both subjects named, the same main verb,
   the rest nearly the same: "the Coastal Guard | has sunk the ferry" vs "the Brask
   militia | has sunk the ferry" is one event told with two actors, and must share a
   row for the "actors" contradiction to see it); an action on one side and none on
   the other ("warships refuelled at the port" vs "no warship will be stationed
   there", which share only "foreign", "military") need `ONE_SIDED`, unless both
   subjects are known and share two terms (the same actor, the action in other
   words: "no foreign warship has used the port" ~ "no foreign military vessel has
   refuelled or docked").
6. Claims with the same term set and subject are one unit from the start (same
   terms, same claim), so only distinct units are scored: a story's main claim
   repeated by fifty outlets costs one unit, not 1,225 pairs.
7. Candidate pairs come from an inverted index over non-entity terms
   (`candidate_pairs`); linked units are grouped by average linkage (`group_claims`).

Embeddings are not used here: on the seed and example pairs all-MiniLM-L6-v2 cosine
did not separate same-claim from different-claim pairs (0.60 for "no warship has used
the port" vs "no vessel refuelled or docked"; 0.67 for the unrelated "documents"
pair), and encoding is slow on CPU: the 95 distinct propositions of the 50-article
bench story took 4.8 s warm (18 s for the first call) on the shared 2-core
development machine, against a 2-second budget for the whole comparison.

A row's proposition is its most complete member, preferring an asserting one. Each
row has one cell per article (see `cell_for`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from counterpoint.comparison.actors import SPEECH_VERBS, STATE_VERBS, proposition_actor
from counterpoint.comparison.terms import (
    EVENT_CONCEPTS,
    Termer,
    fold_entities,
    surfaces_from,
    verb_key,
)
from counterpoint.records import (
    Analysis,
    CellStance,
    Claim,
    ClaimCell,
    ClaimRow,
    OutletPosition,
    SourceRef,
    Stance,
    Voice,
)

THRESHOLD = 0.5
MIN_SHARED = 2
LINKAGE = 0.34
# Two claims whose subjects differ link only when nearly everything else matches.
STRICT = 0.8
# A claim naming an action and one naming none link only above this score.
ONE_SIDED = 0.65
# Two claims with different named subjects and the same verb are one event told with
# two actors when this share (Jaccard) of the rest of their terms is common to both.
SWAP = 0.75

OWN = {
    Stance.ASSERTS: CellStance.ASSERTS,
    Stance.DENIES: CellStance.DENIES,
    Stance.HEDGES: CellStance.HEDGES,
    Stance.QUESTIONS: CellStance.HEDGES,
}
REPORTED = {
    Stance.ASSERTS: CellStance.REPORTS_ASSERTING,
    Stance.DENIES: CellStance.REPORTS_DENYING,
    Stance.HEDGES: CellStance.REPORTS_HEDGING,
    Stance.QUESTIONS: CellStance.REPORTS_HEDGING,
}
# The outlet's own-voice claim -> its position: an own-voice hedge is the outlet keeping
# a claim at a distance (claims.extract step 9 makes those from "allegedly", "claims").
POSITION = {
    Stance.ASSERTS: OutletPosition.ASSERTS,
    Stance.DENIES: OutletPosition.DISPUTES,
    Stance.HEDGES: OutletPosition.DISTANCES,
    Stance.QUESTIONS: OutletPosition.DISTANCES,
}


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index stays root: row order follows first appearance.
            self.parent[max(ra, rb)] = min(ra, rb)


def termer_for(analyses: Sequence[Analysis]) -> Termer:
    """A `Termer` knowing every entity surface and holder name of the story.

    Canonical ids are folded first (`terms.fold_entities`: "dolmari" -> "dolmar",
    "veyl" -> "port-veyl"). A multi-word id led by another entity ("dolmari-navy")
    is not used as a surface: its words are termed one by one, so "the Dolmari navy"
    and "Dolmar's navy" share @dolmar and "military".
    """
    pairs: list[tuple[str, str]] = []
    for analysis in analyses:
        pairs.extend((e.span.text, e.canonical_id) for e in analysis.entities)
        pairs.extend((e.canonical_name, e.canonical_id) for e in analysis.entities)
        for claim in analysis.claims:
            if claim.holder.canonical_id:
                pairs.append((claim.holder.name, claim.holder.canonical_id))
    fold = fold_entities({cid for _, cid in pairs})
    kept: list[tuple[str, str]] = []
    for text, cid in pairs:
        head = cid.split("-", 1)[0]
        if "-" in cid and head in fold and fold[head] != cid:
            continue
        kept.append((text, fold.get(cid, cid)))
    return Termer(surfaces_from(kept))


@dataclass(frozen=True)
class Action:
    """What a claim with a named subject says was done (see `named_action`)."""

    verb: str  # the main verb's key: its concept, else its light stem
    rest: frozenset[str]  # the proposition's terms without the subject's and the numbers


# verbs of saying and thinking, lemma or written ("denied", "said"): see `named_action`
SPEECH_KEYS = {verb_key(v) for v in SPEECH_VERBS} | {
    verb_key(v) for v in ("said", "told", "thought", "wrote", "written", "spoke", "spoken")
}


def named_action(claim: Claim, termer: Termer, subject: Sequence[str] | None = None) -> Action | None:
    """The action of a claim whose subject is named, else None.

    The subject (`subject`, else `Termer.subject_terms`) is named when it holds a story
    entity ("@...") or the claims stage filled `Claim.subject` (proper-noun actors
    only). The main verb, in order: `Claim.predicate` (the parse's lemma), else the verb
    after the subject (`actors.proposition_actor`). None, too, for a copular clause, a
    state ("be", "remain") or a verb of saying or thinking: two speakers saying one
    thing, or two bodies being something, are no single event with two actors.
    """
    terms = list(subject) if subject is not None else termer.subject_terms(claim.proposition)
    if not terms:
        return None
    if not (claim.subject.strip() or any(t.startswith("@") for t in terms)):
        return None
    verb = claim.predicate.strip()
    if not verb:
        parsed = proposition_actor(claim.proposition)
        verb = parsed[1] if parsed is not None else ""
    if not verb or verb.lower() in STATE_VERBS or verb_key(verb) in SPEECH_KEYS:
        return None
    drop = set(terms)
    rest = frozenset(
        t for t in termer.terms(claim.proposition) if t not in drop and not t.startswith("#")
    )
    return Action(verb=verb_key(verb), rest=rest)


def actor_swap(a: Action | None, b: Action | None) -> bool:
    """Whether two claims differ only in who acts: the same verb, and at least `SWAP`
    of their rests (Jaccard) shared, with `MIN_SHARED` words that are not entities
    (an object, a place: "sunk | the ferry near Lenport"). The caller has checked that
    the subjects differ."""
    if a is None or b is None or a.verb != b.verb:
        return False
    shared = a.rest & b.rest
    if sum(1 for t in shared if not t.startswith("@")) < MIN_SHARED:
        return False
    return len(shared) / len(a.rest | b.rest) >= SWAP


def similarity(
    a: set[str], b: set[str], weights: dict[str, float]
) -> tuple[float, int]:
    """(score in [0, 1], number of shared non-entity terms) of two term sets."""
    return _Scorer([a, b], weights).score(0, 1)


def linked(a: set[str], b: set[str], weights: dict[str, float], threshold: float = THRESHOLD) -> bool:
    """Whether two term sets say the same thing (step 4 of the module doc).

    Enough shared words (`MIN_SHARED`), or one shared action concept plus a shared
    entity ("Kestria rents out its sovereignty" ~ "Kestria agreed to lease the basin").
    """
    return _Scorer([a, b], weights).linked(0, 1, threshold) is not None


class _Scorer:
    """Pairwise scores over one story's term sets, with per-set values computed once
    (total weight, sorted term string, action concepts): alignment scores tens of
    thousands of pairs on a 50-article story, so nothing per set is recomputed."""

    def __init__(
        self,
        term_sets: Sequence[set[str]],
        weights: dict[str, float],
        subjects: Sequence[frozenset[str]] | None = None,
        actions: Sequence[Action | None] | None = None,
    ) -> None:
        self.sets = [frozenset(t) for t in term_sets]
        self.weights = weights
        self.totals = [sum(weights.get(t, 1.0) for t in terms) for terms in self.sets]
        self.strings = [" ".join(sorted(terms)) for terms in self.sets]
        self.events = [terms & EVENT_CONCEPTS for terms in self.sets]
        self.subjects = list(subjects) if subjects is not None else [frozenset()] * len(self.sets)
        self.actions = list(actions) if actions is not None else [None] * len(self.sets)

    def score(self, i: int, j: int) -> tuple[float, int]:
        a, b = self.sets[i], self.sets[j]
        if not a or not b:
            return 0.0, 0
        shared = a & b
        content_shared = sum(1 for t in shared if not t.startswith("@"))
        events_a, events_b = self.events[i], self.events[j]
        if events_a and events_b and not events_a & events_b:
            return 0.0, content_shared
        weight = self.weights
        overlap = sum(weight.get(t, 1.0) for t in shared) / min(self.totals[i], self.totals[j])
        fuzzy = fuzz.token_set_ratio(self.strings[i], self.strings[j]) / 100.0
        return (overlap + fuzzy) / 2.0, content_shared

    def linked(self, i: int, j: int, threshold: float = THRESHOLD) -> float | None:
        """The pair's score when it links (step 4), else None."""
        score, shared = self.score(i, j)
        if score < threshold:
            return None
        subject_i, subject_j = self.subjects[i], self.subjects[j]
        if (
            subject_i
            and subject_j
            and not subject_i & subject_j
            and score < STRICT
            and not actor_swap(self.actions[i], self.actions[j])
        ):
            # different actors doing things to the same objects are different claims:
            # "the ministry will ask the paper for the documents" vs "the paper has
            # published the documents"; but two named actors said to have done one
            # thing ("the Coastal Guard / the Brask militia has sunk the ferry") are
            # one event whose actor the sources dispute
            return None
        if (
            bool(self.events[i]) != bool(self.events[j])
            and score < ONE_SIDED
            and len(subject_i & subject_j) < 2
        ):
            # one names an action and the other none ("warships refuelled at the port"
            # vs "no warship will be stationed there"): shared background words
            # ("foreign", "military") are not enough
            return None
        if shared >= MIN_SHARED:
            return score
        common = self.sets[i] & self.sets[j]
        if common & EVENT_CONCEPTS and any(t.startswith("@") for t in common):
            return score
        return None


def _weights(term_sets: Sequence[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for terms in term_sets:
        df.update(terms)
    n = max(len(term_sets), 1)
    out: dict[str, float] = {}
    for term, count in df.items():
        weight = math.log(1.0 + n / count)
        if term.startswith("@"):
            weight *= 0.5
        elif term in EVENT_CONCEPTS:
            weight *= 1.5
        out[term] = weight
    return out


def candidate_pairs(term_sets: Sequence[set[str]]) -> list[tuple[int, int]]:
    """The pairs that `linked` could accept, found through an inverted index.

    `linked` needs `MIN_SHARED` shared non-entity terms or one shared action
    concept, so only pairs sharing a non-entity term are worth scoring; entity
    terms (shared by most claims of a story) are left out of the index. This keeps
    alignment far below all-pairs cost on large stories, with the same result.
    """
    postings: dict[str, list[int]] = {}
    for i, terms in enumerate(term_sets):
        for term in terms:
            if not term.startswith("@"):
                postings.setdefault(term, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    actions: set[tuple[int, int]] = set()
    for term, ids in postings.items():
        for pos, i in enumerate(ids):
            for j in ids[pos + 1 :]:
                shared[(i, j)] += 1
                if term in EVENT_CONCEPTS:
                    actions.add((i, j))
    return sorted(p for p, count in shared.items() if count >= MIN_SHARED or p in actions)


def group_claims(
    claims: Sequence[Claim], termer: Termer, *, threshold: float = THRESHOLD
) -> list[list[int]]:
    """Indices of `claims` grouped into rows, in order of first appearance.

    Average linkage over the pairwise `linked` test: candidate pairs are merged in
    order of score, and two groups join only when at least `LINKAGE` of the pairs
    between them are linked. A chain of near neighbours (lease -> refuel under the
    lease -> tankers refuelled) therefore does not fuse two claims into one row.
    """
    term_sets = [set(termer.terms(c.proposition)) for c in claims]
    subjects = [frozenset(termer.subject_terms(c.proposition)) for c in claims]
    # Claims with the same terms (and subject) say the same thing: they form one unit
    # from the start, and only distinct units are scored. Stories repeat their main
    # claims many times (wire copies, every outlet's denial), so this cuts the pairs
    # to score by an order of magnitude on a 50-article story.
    unit_of: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    units: list[int] = []  # claim index -> unit
    first: list[int] = []  # unit -> its first claim
    count: list[int] = []  # unit -> claims in it
    for i, (terms, subject) in enumerate(zip(term_sets, subjects)):
        key = (frozenset(terms), subject)
        unit = unit_of.get(key) if terms else None
        if unit is None:
            unit = len(first)
            first.append(i)
            count.append(0)
            if terms:
                unit_of[key] = unit
        units.append(unit)
        count[unit] += 1
    unit_sets = [term_sets[i] for i in first]
    # a unit's subject is named when any of its claims has a parsed proper-noun subject
    lead = list(first)
    for i, unit in enumerate(units):
        if claims[i].subject.strip() and not claims[lead[unit]].subject.strip():
            lead[unit] = i
    actions = [named_action(claims[i], termer, sorted(subjects[i])) for i in lead]
    scorer = _Scorer(unit_sets, _weights(term_sets), [subjects[i] for i in first], actions)
    m = len(first)
    links: dict[tuple[int, int], float] = {}
    neighbours: dict[int, list[int]] = {}
    for i, j in candidate_pairs(unit_sets):
        score = scorer.linked(i, j, threshold)
        if score is not None:
            links[(i, j)] = score
            neighbours.setdefault(i, []).append(j)
            neighbours.setdefault(j, []).append(i)
    uf = _UnionFind(m)
    members: dict[int, list[int]] = {u: [u] for u in range(m)}
    size = list(count)
    for (i, j), _ in sorted(links.items(), key=lambda kv: (-kv[1], kv[0])):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        # average linkage over claims: count the linked claim pairs between the two
        # groups through the smaller group's neighbour lists
        small, other = (ri, rj) if len(members[ri]) <= len(members[rj]) else (rj, ri)
        between = sum(
            count[a] * count[b]
            for a in members[small] for b in neighbours.get(a, ()) if uf.find(b) == other
        )
        if between / (size[ri] * size[rj]) < LINKAGE:
            continue
        uf.union(ri, rj)
        root = uf.find(ri)
        merged_size = size[ri] + size[rj]
        merged = members.pop(ri) + members.pop(rj)
        members[root], size[root] = merged, merged_size
    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(uf.find(units[i]), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def row_proposition(members: Sequence[Claim], termer: Termer) -> str:
    """The most complete member's proposition, preferring an asserting one."""
    asserting = [c for c in members if c.stance is Stance.ASSERTS]
    pool = asserting or list(members)
    best = max(range(len(pool)), key=lambda n: (len(set(termer.terms(pool[n].proposition))), -n))
    return pool[best].proposition


def _same_holder(a: SourceRef, b: SourceRef) -> bool:
    if a.canonical_id and b.canonical_id:
        return a.canonical_id == b.canonical_id
    return a.name.lower() == b.name.lower() and a.kind == b.kind


def cell_for(article_id: str, members: Sequence[Claim]) -> ClaimCell:
    """One article's cell: the outlet's own voice first (asserts or denies, else hedges:
    the outlet distances itself), else the first holder reported."""
    if not members:
        return ClaimCell(
            article_id=article_id, stance=CellStance.ABSENT, outlet_position=OutletPosition.ABSENT
        )
    holders: list[SourceRef] = []
    stances: list[Stance] = []
    for claim in members:
        seen = any(
            _same_holder(h, claim.holder) and s is claim.stance for h, s in zip(holders, stances)
        )
        if not seen:
            holders.append(claim.holder)
            stances.append(claim.stance)
    own = [c for c in members if c.voice is Voice.OUTLET]
    # the outlet asserting or disputing in its own voice outweighs its distancing
    # itself from a report of the same claim elsewhere in the article
    firm = [c for c in own if c.stance in (Stance.ASSERTS, Stance.DENIES)]
    if firm or own:
        stance = OWN[(firm or own)[0].stance]
        position = POSITION[(firm or own)[0].stance]
    else:
        stance = REPORTED[members[0].stance]
        position = OutletPosition.REPORTS
    evidence = [span for c in members for span in c.evidence]
    return ClaimCell(
        article_id=article_id,
        stance=stance,
        outlet_position=position,
        holders=holders,
        holder_stances=stances,
        evidence=evidence,
        claim_ids=[c.id for c in members],
    )


def align_claims(
    article_ids: Sequence[str],
    analyses: Sequence[Analysis],
    *,
    row_prefix: str = "r",
    threshold: float = THRESHOLD,
    termer: Termer | None = None,
) -> tuple[list[ClaimRow], dict[str, Claim]]:
    """Rows of the claims matrix for the given articles (column order = `article_ids`).

    Returns the rows and a claim-id -> Claim index for the later comparison steps.
    """
    by_article = {a.article_id: a for a in analyses}
    claims: list[Claim] = []
    owner: list[str] = []
    for aid in article_ids:
        analysis = by_article.get(aid)
        if analysis is None:
            continue
        for claim in analysis.claims:
            claims.append(claim)
            owner.append(aid)
    if termer is None:
        termer = termer_for([by_article[a] for a in article_ids if a in by_article])
    rows: list[ClaimRow] = []
    for n, group in enumerate(group_claims(claims, termer, threshold=threshold), start=1):
        members = [claims[i] for i in group]
        cells = [
            cell_for(aid, [claims[i] for i in group if owner[i] == aid]) for aid in article_ids
        ]
        rows.append(
            ClaimRow(
                id=f"{row_prefix}{n}",
                proposition=row_proposition(members, termer),
                cells=cells,
            )
        )
    return rows, {c.id: c for c in claims}
