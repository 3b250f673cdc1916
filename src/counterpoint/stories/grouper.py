"""The incremental story grouper: one article at a time joins a story or starts one.

`Grouper.add(key, title, body, day)` places one article and returns its story key;
the corpus is never re-clustered (only the few stories next to the article may be
merged, step 8). For each article, in order:

1. Terms and document frequencies: `vectorize.terms()` (unit sublinear tf), then the
   article is counted in the running document frequencies, and weighted by the
   current IDF.
2. Blocking: `StoryIndex.candidates()` proposes at most `CANDIDATES` stories (shared
   heavy terms), so the cost per article does not grow with the corpus.
3. Exact score of each candidate: cosine between the article and the story centroid
   (sum of its members' unit tf vectors, IDF applied now; coverage for a short
   text); for the `NEAR_CANDIDATES` closest by centroid, mixed with the cosine to
   the story's nearest kept member (`MEMBER_WEIGHT`: a drifting topic centroid
   alone lets same-topic stories collapse); times a time factor
   (1 within `TIME_WINDOW_DAYS` of the story's dates, then decaying; 1 when either
   side has no date); times `NOVEL_PENALTY` when a large story has never met most of
   the names the article keeps repeating (`Grouper._novel_names`).
4. Join the best story if its score reaches `threshold` (`threshold x SHORT_JOIN`
   for a short text). A short text (a headline) may also score by coverage: few
   terms can only cover a small part of a long story's centroid, so its cosine is
   low for the same fit (`Grouper.scores`).
5. Bridge: another candidate that also scores at least `threshold x MERGE_FACTOR`,
   whose centroid is within `STORY_BAR` of the joined story's, one of the two
   stories still small (`BRIDGE_MAX` members), is the same story started twice
   (typically a headline that came before any body, or a body that missed the
   bar); it is merged into the joined story -- unless either story is pinned
   (split or merged by hand), which the grouper never merges, splits or empties.
6. Embedding check: when the best score falls short of the bar but reaches
   `GRAY_LOW` of it, and the grouper was given `embeddings_of` (the embeddings extra),
   the article joins that story if its embedding is close to the mean embedding of
   the story's kept members (`CONFIRM_COSINE`): two outlets telling one event in
   different words share few terms, while their meaning stays close. Embeddings are
   asked for only here, one article and one story at a time.
7. Otherwise the article starts a new story.
8. Local re-grouping (`_regroup`): the story just grown, while small, merges with
   its closest candidate story when their average link is high both absolutely
   (`REGROUP_BAR`) and relative to their own cohesion (`REGROUP_RATIO`), time
   factor applied -- batch average-link quality on a bounded neighbourhood
   (`REGROUP_CANDIDATES` stories x `MEMBER_CAP` members), never on pinned stories.

Pinned stories take part as candidates (a new article about a story split by hand
still joins it) but are never merged away.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from counterpoint.stories.index import CANDIDATES, TOP_TERMS, StoryIndex
from counterpoint.stories.vectorize import DocumentFrequencies, lead_names, terms

THRESHOLD = 0.33
"""Join bar for the cosine of a long article (tuned on the "tune" half of
story_clusters_fnc1; with the v4 short-text join and bridges, 0.30 and 0.36 both
lose about 0.015 B-cubed F1 there)."""
SHORT_TERMS = 20
"""An article with fewer distinct terms than this is short (a headline, a brief)."""
SHORT_BAR = 0.4
"""Join bar for a short article's coverage score (see `Grouper.scores`)."""
SHORT_JOIN = 0.6
"""A short article joins its best story at `threshold` x this. A headline shares few
words with any body, so its scores sit lower for the same fit, while where nothing
fits its best score is far lower still (tuned on the "tune" half of
story_clusters_fnc1: 0.45-0.6 best, B-cubed F1 0.928 -> 0.948 there; 1.0 = the
long-article bar). Bridges (step 5) keep the full bar."""
PROMINENT = 0.05
"""A term whose mean unit-tf weight over a story's members reaches this is prominent
in the story: a headline term found there counts in full, rarer ones in part."""
MERGE_FACTOR = 1.4
STORY_BAR = 0.25
"""Bridge merges also need the two stories' centroids to be this close (cosine,
IDF applied): an article scoring high with two same-topic stories (two stories about
one product) is not enough to make them one."""
BRIDGE_MAX = 4
"""...and the smaller of the two stories to have at most this many members: a bridge
mends a story started twice (a fragment of a few articles), while one article
scoring high with two established stories is far more often a same-topic headline
("<leader> bans ...", "<gadget> launch ...") than one story told twice -- such large
merges were every wrong bridge measured. With it, a lower MERGE_FACTOR pays (tuned
together on the "tune" half of story_clusters_fnc1: MERGE_FACTOR 1.8 -> 1.4 with
BRIDGE_MAX 4: 0.948 -> 0.958 B-cubed F1 there; BRIDGE_MAX 2 or 8 worse).
"""
EMBED_WEIGHT = 0.3
EMBED_OFFSET = 0.25
"""With embeddings: their share of the score, and the cosine that counts as zero
(tuned on the "tune" half of story_clusters_fnc1: 0.2-0.35 tried)."""
REGROUP_BAR = 0.23
"""Local re-grouping: after an article joins or starts a story of at most
`REGROUP_SIZE` members, that story merges with its closest candidate story (the
`REGROUP_CANDIDATES` closest by centroid among the blocked ones) when their average
link (mean member-to-member cosine) reaches this *and* `REGROUP_RATIO` x the
cohesion of the more cohesive of the two (its own average link). Two fragments of
one story (a headline that started a story before its body came) link about as well
as their members do; two stories on one topic, or articles sharing boilerplate,
link clearly worse than within each. Two lone articles never re-group: the join
decision already compared them. Tuned on the "tune" half of story_clusters_fnc1
(0.22-0.25 within 0.003 B-cubed F1; 0.21 lets a wrong merge through)."""
REGROUP_SIZE = 8
REGROUP_CANDIDATES = 3
REGROUP_RATIO = 0.8
MEMBER_WEIGHT = 0.6
"""Share of the score that is the article's cosine with the story's *nearest member*
(the rest: the centroid): a same-topic story whose centroid is close but none of
whose articles tells this one loses to the story that has a true neighbour (tuned on
the "tune" half: 0.4-0.6 best, with the join threshold kept at 0.33)."""
MEMBER_CAP = 12
"""Members kept per story for that (the most recent), bounding cost and memory."""
NEAR_CANDIDATES = 2
"""Only this many candidates (the closest by centroid) get the member comparison."""
CENTROID_TERMS = 400
"""Centroids keep their heaviest terms only (pruned at twice this), bounding memory."""
TIME_WINDOW_DAYS = 3
TIME_DECAY_DAYS = 7.0
NOVEL_SHARE = 0.3
"""Lead names (`vectorize.lead_names`) that a story has never met: when they carry at
least this share of an article's name weight (count x IDF) and the story has at least
`NOVEL_MIN_SIZE` members, the article's score with it is multiplied by
`NOVEL_PENALTY`. A follow-up told around new people ("<actor> in talks to play <role>"
beside "<other actor> quits <film>", a named suspect beside the shooting itself, one
celebrity's death hoax beside another's) shares the topic words of a large story but
not its cast; a long article of the same story repeats names the story already has.
Only long articles: a headline's capitals say nothing. Measured on story_clusters_fnc1
(both halves of split seeds 1-7): B-cubed F1 better on 6 halves (up to +0.011),
within 0.002 worse on 3, equal on 5 -- the "tune" half of the default seed among them."""
GRAY_LOW = 0.6
CONFIRM_COSINE = 0.8
"""The embedding check (step 6): a best score of at least GRAY_LOW x the bar joins
when the article's embedding has this cosine with its story's mean member embedding.
On story_clusters_fnc1 (chosen on the "tune" half: 0.5-0.6 x 0.7-0.85 tried) it is
neutral, B-cubed F1 tune 0.958 -> 0.959, test 0.951 -> 0.953, all 0.944 -> 0.942,
since the lexical scores already decide nearly everything there; it is for the
outlets on opposite sides of a story, whose words differ far more than in one
newsroom's coverage (such a pair scores about 0.3 on words against the 0.33 bar, 0.84
cosine with all-MiniLM-L6-v2)."""
NOVEL_ABSENT = 0.01
"""A name is unmet in a story when its mean unit-tf weight over the members is below this."""
NOVEL_MIN_SIZE = 8
NOVEL_PENALTY = 0.8
NORM_REFRESH = 0.05
"""A cached centroid norm is recomputed when the corpus grew by this share since."""


@dataclass
class StoryState:
    """A story being grown: members, centroid (sum of unit tf vectors), date range."""

    key: int
    members: list[Hashable] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    first_day: int | None = None
    last_day: int | None = None
    pinned: bool = False
    vectors: list[tuple[dict[str, float], float]] = field(default_factory=list)
    """The last MEMBER_CAP members' unit tf weights with their IDF norm at insertion."""
    vector_sum: Any = None
    """Sum of the members' embeddings (numpy), when embeddings are used."""
    _norm: float = 0.0
    _norm_at: int = -1

    def add(self, weights: dict[str, float], day: int | None,
            dfs: DocumentFrequencies | None = None) -> None:
        """Add a member's weights; with `dfs`, the cached norm is updated in O(terms):
        |c + w|^2 = |c|^2 + sum idf^2 (2 c w + w^2)."""
        c = self.centroid
        if dfs is not None and self._norm_at >= 0:
            idf = dfs.idf
            sq = self._norm * self._norm
            for t, w in weights.items():
                sq += idf(t) ** 2 * (2 * c.get(t, 0.0) * w + w * w)
                c[t] = c.get(t, 0.0) + w
            self._norm = math.sqrt(max(sq, 0.0)) or 1.0
        else:
            for t, w in weights.items():
                c[t] = c.get(t, 0.0) + w
            self._norm_at = -1
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)

    def absorb(self, other: StoryState) -> None:
        self.members.extend(other.members)
        self.vectors = (self.vectors + other.vectors)[-MEMBER_CAP:]
        if other.vector_sum is not None:
            self.vector_sum = other.vector_sum if self.vector_sum is None else self.vector_sum + other.vector_sum
        self.add(other.centroid, other.first_day)
        if other.last_day is not None:
            self.add({}, other.last_day)

    def norm(self, dfs: DocumentFrequencies) -> float:
        n = dfs.n_docs
        if self._norm_at < 0 or n > self._norm_at * (1 + NORM_REFRESH):
            idf = dfs.idf
            self._norm = math.sqrt(sum((w * idf(t)) ** 2 for t, w in self.centroid.items())) or 1.0
            self._norm_at = n
        return self._norm

    def top_terms(self, dfs: DocumentFrequencies, k: int = TOP_TERMS) -> list[str]:
        idf = dfs.idf
        return [t for t, _ in heapq.nlargest(k, self.centroid.items(), key=lambda kv: kv[1] * idf(kv[0]))]

    def prune(self, dfs: DocumentFrequencies) -> None:
        if len(self.centroid) > 2 * CENTROID_TERMS:
            keep = self.top_terms(dfs, CENTROID_TERMS)
            self.centroid = {t: self.centroid[t] for t in keep}
            self._norm_at = -1


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Sparse dot product, iterating the smaller side."""
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def stories_time_factor(a: StoryState, b: StoryState) -> float:
    """`time_factor` between two stories: by the gap between their date ranges."""
    if b.first_day is None or b.last_day is None:
        return 1.0
    return max(time_factor(b.first_day, a), time_factor(b.last_day, a))


def time_factor(day: int | None, story: StoryState) -> float:
    """1 inside the story's date range widened by TIME_WINDOW_DAYS, then exp decay."""
    if day is None or story.first_day is None or story.last_day is None:
        return 1.0
    gap = max(story.first_day - day, day - story.last_day, 0) - TIME_WINDOW_DAYS
    return 1.0 if gap <= 0 else math.exp(-gap / TIME_DECAY_DAYS)


@dataclass
class Decision:
    """Where one article went, and which stories were merged into that one."""

    story: int
    score: float
    merged: list[int] = field(default_factory=list)


class Grouper:
    """Mutable incremental state: document frequencies, stories, blocking index."""

    def __init__(self, threshold: float = THRESHOLD, *, short_bar: float = SHORT_BAR,
                 short_join: float = SHORT_JOIN, merge_factor: float = MERGE_FACTOR,
                 candidates: int = CANDIDATES,
                 embeddings_of: Callable[[Sequence[Hashable]], Sequence[Any]] | None = None) -> None:
        """`embeddings_of`: article keys -> their embeddings (None where unknown), asked
        only by the embedding check (step 6), one batch per check; without it the
        grouping is lexical."""
        self.threshold = threshold
        self.embeddings_of = embeddings_of
        self.short_bar = short_bar
        self.short_join = short_join
        self.merge_factor = merge_factor
        self.n_candidates = candidates
        self.dfs = DocumentFrequencies()
        self.stories: dict[int, StoryState] = {}
        self.story_of: dict[Hashable, int] = {}
        self.index = StoryIndex()
        self._next = 0

    # ---------------------------------------------------------------- building

    def new_story(self, pinned: bool = False) -> int:
        key = self._next
        self._next += 1
        self.stories[key] = StoryState(key, pinned=pinned)
        return key

    def place(self, story: int, key: Hashable, title: str | None, body: str, day: int | None,
              vector: Any = None) -> None:
        """Put an article into a given story (known membership: no decision made)."""
        weights = terms(title, body)
        self.dfs.add(weights)
        self._put(story, key, weights, day, vector)

    def _put(self, story: int, key: Hashable, weights: dict[str, float], day: int | None,
             vector: Any = None) -> None:
        state = self.stories[story]
        state.members.append(key)
        if vector is not None:
            state.vector_sum = vector if state.vector_sum is None else state.vector_sum + vector
        state.add(weights, day, self.dfs)
        state.prune(self.dfs)
        if MEMBER_WEIGHT > 0:
            idf = self.dfs.idf
            norm = math.sqrt(sum((w * idf(t)) ** 2 for t, w in weights.items())) or 1.0
            state.vectors.append((weights, norm))
            if len(state.vectors) > MEMBER_CAP:
                del state.vectors[0]
        self.story_of[key] = story
        size = len(state.members)
        # re-index small stories on every article, larger ones every 4th: their top
        # terms settle, and ranking a centroid costs O(its terms)
        if size <= 8 or size % 4 == 0:
            self.index.update(story, state.top_terms(self.dfs))

    # ---------------------------------------------------------------- deciding

    def scores(self, weights: dict[str, float], day: int | None,
               vector: Any = None, names: dict[str, int] | None = None) -> list[tuple[float, int]]:
        """(score, story) for the blocked candidates, best first, on the long-article
        scale (compared with `threshold`).

        A long article scores the cosine with the story centroid (IDF applied now);
        for the NEAR_CANDIDATES stories closest that way, mixed (MEMBER_WEIGHT) with
        its cosine to the story's nearest kept member (member norms taken when the
        member was added: IDF moves little after that). A short one (a headline) gets the better of that and its *coverage*, since its
        few terms cover a small part of a long story's centroid whatever the fit:
        coverage is the share of its own TF-IDF mass (sum of squared unit weights)
        found among the story's prominent terms, each term credited
        min(1, mean weight / PROMINENT), rescaled so that `short_bar` lands on
        `threshold`.
        With an embedding (unit `vector`) and a story that has some, the score is
        (1 - EMBED_WEIGHT) x that + EMBED_WEIGHT x (embedding cosine with the story's
        mean embedding - EMBED_OFFSET). Then the time factor multiplies it, and for a
        long article with lead `names`, the novel-names penalty (`NOVEL_SHARE`).
        """
        q = self.dfs.weigh(weights)
        idf = self.dfs.idf
        qi = {t: w * idf(t) for t, w in q.items()}
        short = len(weights) < SHORT_TERMS
        name_mass = {} if short or not names else {t: c * idf(t) for t, c in names.items()}
        rescale = self.threshold / self.short_bar
        out = []
        cosines = {}
        for story in self.index.candidates(q, self.n_candidates):
            state = self.stories[story]
            c = state.centroid
            cosines[story] = sum(w * c[t] for t, w in qi.items() if t in c) / state.norm(self.dfs)
        # members are compared only for the stories closest by centroid: the others
        # cannot win anyway, and member scoring is the costly part
        near_ones = set(heapq.nlargest(NEAR_CANDIDATES, cosines, key=cosines.__getitem__))
        for story, score in cosines.items():
            state = self.stories[story]
            c = state.centroid
            if MEMBER_WEIGHT > 0 and state.vectors and story in near_ones:
                near = max(_dot(qi, m) / n for m, n in state.vectors)
                score = (1 - MEMBER_WEIGHT) * score + MEMBER_WEIGHT * near
            if short:
                scale = 1.0 / (len(state.members) * PROMINENT)
                cover = sum(w * w * min(1.0, c[t] * scale) for t, w in q.items() if t in c)
                score = max(score, rescale * cover)
            if vector is not None and state.vector_sum is not None:
                total = state.vector_sum
                cosine = float(total @ vector) / (float(np.sqrt(total @ total)) or 1.0)
                score = (1 - EMBED_WEIGHT) * score + EMBED_WEIGHT * (cosine - EMBED_OFFSET)
            if name_mass and self._novel_names(name_mass, state) >= NOVEL_SHARE:
                score *= NOVEL_PENALTY
            if score > 0:
                out.append((score * time_factor(day, state), story))
        out.sort(key=lambda sk: (-sk[0], sk[1]))
        return out

    @staticmethod
    def _novel_names(name_mass: dict[str, float], state: StoryState) -> float:
        """Share of an article's lead-name weight that a story of at least
        NOVEL_MIN_SIZE members has never met (0 for a smaller story)."""
        size = len(state.members)
        if size < NOVEL_MIN_SIZE:
            return 0.0
        c = state.centroid
        unmet = sum(m for t, m in name_mass.items() if c.get(t, 0.0) / size < NOVEL_ABSENT)
        return unmet / (sum(name_mass.values()) or 1.0)

    def add(self, key: Hashable, title: str | None, body: str, day: int | None = None,
            vector: Any = None) -> Decision:
        """Place a new article (see module doc); `vector`: its unit embedding, if any."""
        if key in self.story_of:
            return Decision(self.story_of[key], 1.0)
        weights = terms(title, body)
        self.dfs.add(weights)
        long = len(weights) >= SHORT_TERMS
        ranked = self.scores(weights, day, vector, lead_names(body) if long else None)
        bar = self.threshold
        merge_bar = bar * self.merge_factor  # bridges keep the long-article scale
        if not long:
            bar *= self.short_join
        if not ranked or ranked[0][0] < bar:
            checked = self._embedding_check(key, ranked, bar)
            decision = (Decision(checked, ranked[0][0]) if checked is not None
                        else Decision(self.new_story(), ranked[0][0] if ranked else 0.0))
            self._put(decision.story, key, weights, day, vector)
            self._regroup(decision)
            return decision
        score, story = ranked[0]
        decision = Decision(story, score)
        for other_score, other in ranked[1:]:
            if other_score < merge_bar:
                break
            if self.story_cosine(story, other) < STORY_BAR:
                continue
            if min(len(self.stories[k].members) for k in (story, other)) > BRIDGE_MAX:
                continue  # two established stories: one article is not evidence enough
            if not (self.stories[story].pinned or self.stories[other].pinned):
                # the older story survives, so story ids stay put as stories grow
                keep, gone = min(story, other), max(story, other)
                self._merge(keep, gone)
                decision.merged.append(gone)
                story = decision.story = keep
        self._put(decision.story, key, weights, day, vector)
        self._regroup(decision)
        return decision

    def _embedding_check(self, key: Hashable, ranked: list[tuple[float, int]], bar: float) -> int | None:
        """The best story when its score is in the grey zone (GRAY_LOW x bar to the bar)
        and the article's embedding is within CONFIRM_COSINE of the mean embedding of
        the story's kept members; None otherwise or without `embeddings_of`."""
        if self.embeddings_of is None or not ranked or ranked[0][0] < GRAY_LOW * bar:
            return None
        story = ranked[0][1]
        mine, *members = self.embeddings_of([key, *self.stories[story].members[-MEMBER_CAP:]])
        theirs = [v for v in members if v is not None]
        if mine is None or not theirs:
            return None
        mean = np.mean(theirs, axis=0)
        cosine = float(mean @ mine) / ((float(np.linalg.norm(mean)) * float(np.linalg.norm(mine))) or 1.0)
        return story if cosine >= CONFIRM_COSINE else None

    def _regroup(self, decision: Decision) -> None:
        """Merge the story just grown into its closest candidate story when their average
        link reaches REGROUP_BAR and REGROUP_RATIO x cohesion (see REGROUP_BAR); local:
        only a few blocked candidates and at most MEMBER_CAP members each are looked
        at. Pinned stories are never merged."""
        story = decision.story
        state = self.stories[story]
        if state.pinned or len(state.members) > REGROUP_SIZE:
            return
        others = [o for o in self.index.candidates(self.dfs.weigh(state.centroid), self.n_candidates)
                  if o != story and not self.stories[o].pinned]
        closest = heapq.nlargest(REGROUP_CANDIDATES, others, key=lambda o: self.story_cosine(story, o))
        links = sorted(((self.story_link(story, o) * stories_time_factor(state, self.stories[o]), o)
                        for o in closest), reverse=True)
        best = None
        if links and links[0][0] >= REGROUP_BAR:
            link, other = links[0]
            cohesion = self._cohesion(story, other)
            if cohesion is not None and link >= REGROUP_RATIO * cohesion:
                best = other
        if best is not None:
            keep, gone = min(story, best), max(story, best)
            self._merge(keep, gone)
            decision.merged.append(gone)
            decision.story = keep

    def _cohesion(self, a: int, b: int) -> float | None:
        """How alike the members of a story are (average link within it, the larger of
        the two stories'); None when neither has two members yet."""
        inner = [self.story_link(k, k) for k in (a, b) if len(self.stories[k].vectors) > 1]
        return max(inner) if inner else None

    def _unit_members(self, key: int) -> list[dict[str, float]]:
        """The kept members of a story as unit TF-IDF vectors under the current IDF."""
        return [self.dfs.weigh(m) for m, _ in self.stories[key].vectors]

    def story_link(self, a: int, b: int) -> float:
        """Average link: mean cosine over pairs of the two stories' kept members (within
        one story, `a == b`: over pairs of distinct members; 1.0 for a lone member)."""
        va = self._unit_members(a)
        vb = va if a == b else self._unit_members(b)
        if not va or not vb:
            return 0.0
        if a == b:
            n = len(va)
            if n < 2:
                return 1.0
            total = sum(_dot(va[i], va[j]) for i in range(n) for j in range(i + 1, n))
            return total / (n * (n - 1) / 2)
        return sum(_dot(x, y) for x in va for y in vb) / (len(va) * len(vb))

    def story_cosine(self, a: int, b: int) -> float:
        """Cosine of two stories' centroids, IDF applied now."""
        ca, cb = self.stories[a].centroid, self.stories[b].centroid
        if len(cb) < len(ca):
            ca, cb = cb, ca
        idf = self.dfs.idf
        dot = sum(w * cb[t] * idf(t) ** 2 for t, w in ca.items() if t in cb)
        return dot / (self.stories[a].norm(self.dfs) * self.stories[b].norm(self.dfs))

    def _merge(self, into: int, other: int) -> None:
        absorbed = self.stories.pop(other)
        self.index.remove(other)
        target = self.stories[into]
        target.absorb(absorbed)
        for m in absorbed.members:
            self.story_of[m] = into
        self.index.update(into, target.top_terms(self.dfs))
