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
5. Linked claims are grouped with union-find (transitively).

A row's proposition is its most complete member, preferring an asserting one. Each
row has one cell per article (see `cell_for`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from counterpoint.comparison.terms import EVENT_CONCEPTS, Termer, fold_entities, surfaces_from
from counterpoint.records import (
    Analysis,
    CellStance,
    Claim,
    ClaimCell,
    ClaimRow,
    SourceRef,
    Stance,
    Voice,
)

THRESHOLD = 0.5
MIN_SHARED = 2
LINKAGE = 0.34

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


def similarity(
    a: set[str], b: set[str], weights: dict[str, float]
) -> tuple[float, int]:
    """(score in [0, 1], number of shared non-entity terms) of two term sets."""
    if not a or not b:
        return 0.0, 0
    shared = a & b
    w = lambda terms: sum(weights.get(t, 1.0) for t in terms)  # noqa: E731
    overlap = w(shared) / min(w(a), w(b))
    fuzzy = fuzz.token_set_ratio(" ".join(sorted(a)), " ".join(sorted(b))) / 100.0
    content_shared = sum(1 for t in shared if not t.startswith("@"))
    events_a, events_b = a & EVENT_CONCEPTS, b & EVENT_CONCEPTS
    if events_a and events_b and not events_a & events_b:
        return 0.0, content_shared
    return (overlap + fuzzy) / 2.0, content_shared


def linked(a: set[str], b: set[str], weights: dict[str, float], threshold: float = THRESHOLD) -> bool:
    """Whether two term sets say the same thing (step 4 of the module doc).

    Enough shared words (`MIN_SHARED`), or one shared action concept plus a shared
    entity ("Kestria rents out its sovereignty" ~ "Kestria agreed to lease the basin").
    """
    score, shared = similarity(a, b, weights)
    if score < threshold:
        return False
    if shared >= MIN_SHARED:
        return True
    common = a & b
    return bool(common & EVENT_CONCEPTS) and any(t.startswith("@") for t in common)


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
    weights = _weights(term_sets)
    n = len(claims)
    links: dict[tuple[int, int], float] = {}
    for i, j in candidate_pairs(term_sets):
        if linked(term_sets[i], term_sets[j], weights, threshold):
            links[(i, j)] = similarity(term_sets[i], term_sets[j], weights)[0]
    uf = _UnionFind(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for (i, j), _ in sorted(links.items(), key=lambda kv: (-kv[1], kv[0])):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        pairs = [(min(a, b), max(a, b)) for a in members[ri] for b in members[rj]]
        if sum(1 for p in pairs if p in links) / len(pairs) < LINKAGE:
            continue
        uf.union(ri, rj)
        root = uf.find(ri)
        members[root] = members.pop(ri, []) + members.pop(rj, []) if root == ri else (
            members.pop(rj, []) + members.pop(ri, [])
        )
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    return [sorted(groups[k]) for k in sorted(groups)]


def row_proposition(members: Sequence[Claim], termer: Termer) -> str:
    """The most complete member's proposition, preferring an asserting one."""
    asserting = [c for c in members if c.stance is Stance.ASSERTS]
    pool = asserting or list(members)
    return max(pool, key=lambda c: (len(set(termer.terms(c.proposition))), -pool.index(c))).proposition


def _same_holder(a: SourceRef, b: SourceRef) -> bool:
    if a.canonical_id and b.canonical_id:
        return a.canonical_id == b.canonical_id
    return a.name.lower() == b.name.lower() and a.kind == b.kind


def cell_for(article_id: str, members: Sequence[Claim]) -> ClaimCell:
    """One article's cell: the outlet's own voice first, else the first holder reported."""
    if not members:
        return ClaimCell(article_id=article_id, stance=CellStance.ABSENT)
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
    stance = OWN[own[0].stance] if own else REPORTED[members[0].stance]
    evidence = [span for c in members for span in c.evidence]
    return ClaimCell(
        article_id=article_id,
        stance=stance,
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
