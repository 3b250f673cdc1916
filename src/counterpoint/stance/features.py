"""Pair features for the stance model: a (headline, body) pair -> one row of floats.

The family of the FNC-1 winners and of "a simple but tough-to-beat baseline":

- similarity: TF-IDF cosine (word uni+bigrams, fitted on training text only; words
  never seen in training still match, at the highest idf) of the headline with the
  whole body, its first sentences and its best-matching sentence;
- overlap: content-stem Jaccard and coverage, numbers, capitalised words (proper-noun
  proxy);
- cue words (refuting, hedging, agreeing, negation; the polarity vocabulary of
  counterpoint.claims.stance folded in): in the headline, per-word flags for the
  strongest refuting words, rates in the body, counts in the lead and in the sentences
  that talk about the headline (weighted by their similarity), negation mismatch;
- focus (how the body talks about the headline, agree vs discuss vs disagree): rates of
  reporting, hedging, asserting and refuting words ("said", "may", "confirmed", "hoax",
  "not true"), quotes and questions in the TOP_SENTENCES sentences that match the
  headline best, in the first sentence and in the whole body; where the body first
  mentions the headline; the second-best similarity; headline cover of the first sentence;
- lengths and the pair kind (0 = article body, 1 = another headline, as in Emergent).

Batch API: texts are de-duplicated first (FNC-1 bodies recur across dozens of
headlines), every text is vectorised once, and pair-level similarities are sparse
row-wise products, so extraction runs at thousands of pairs per second on one core.
The headlines and all body sentences form one token batch (stance/counts.py: word ids, each
distinct word looked up once) from which term counts, cue and focus counts, flags and
content stems are all read; the per-text definitions they equal are in the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import methodcaller
from typing import Any
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
from scipy import sparse

from counterpoint.stance.batchtext import sentence_batch
from counterpoint.stance.counts import (
    TokenBatch,
    content_stem_rows,
    group_counts,
    pair_counts,
    sorted_unique,
    term_counts,
)
from counterpoint.stance.text import AGREE, HEDGE, NEGATION, REFUTE, capitalised_stems, clean, numbers, tokens

HEADLINE_FLAGS = ("fake", "hoax", "fraud", "false", "not", "deni", "doubt", "debunk", "rumor", "claim",
                  "no", "never", "prank", "satire", "report", "may", "could")
LEAD_SENTENCES = 3
UNKNOWN_COLUMNS = 1 << 24
CUE_GROUPS = (("refute", frozenset(REFUTE)), ("hedge", frozenset(HEDGE)),
              ("agree", frozenset(AGREE)), ("neg", frozenset(NEGATION)))
TOP_SENTENCES = 3
FOCUS_BLOCK = False  # a 4th linear block, TF-IDF of the best-matching sentences: no gain in CV (-0.0008)
FOCUS_BLOCK_SENTENCES = 2

# Focus cue groups: how a body talks about the headline's claim in the sentences that
# match it best. "Discuss" bodies report and hedge ("said", "according to", "may",
# "unconfirmed"), "agree" bodies assert ("confirmed", "indeed"), "disagree" bodies
# refute ("hoax", "not true"). Narrower than CUE_GROUPS: the broad groups mix reporting
# verbs into HEDGE and AGREE.
REPORT = frozenset("""said says say told tells according reported reports reportedly claims claimed claim
    alleged allegedly stated statement spokesman spokeswoman spokesperson sources source quoted
    wrote writes tweeted posted insists insisted added""".split())
MODAL = frozenset("""may might could would possibly perhaps probably likely unlikely unconfirmed unverified
    unclear whether if rumor rumors rumour rumours rumored rumoured speculation speculated appears
    apparently seems seemingly supposedly purportedly believed suggest suggests suggested allegedly""".split())
ASSERT = frozenset("""confirmed confirms confirm confirming indeed officially actually verified proved
    proven proof revealed reveals announced announces definitely certainly fact""".split())
STRONG_REFUTE = frozenset("""hoax hoaxes fake false debunked debunk debunks untrue denied denies deny denial
    fabricated bogus satire satirical prank pranks myth baseless misleading retracted refuted refutes
    lie lies phony spoof parody nonsense""".split())
REFUTE_BIGRAMS = frozenset({("not", "true"), ("no", "evidence"), ("not", "real"), ("no", "truth"),
                            ("no", "proof"), ("never", "happened"), ("not", "happen")})
FOCUS_GROUPS = ("report", "modal", "assert", "srefute")


def _ngrams(toks: list[str]) -> list[str]:
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


@dataclass
class Vocabulary:
    """TF-IDF over word uni+bigrams (sublinear tf, l2 rows), document frequencies from training text.

    No LSA/SVD projection: fitted on the training stories it separated their related and
    unrelated pairs perfectly and did not carry over to unseen stories (it doubled the
    related/unrelated errors on the tune part), so it was dropped."""

    terms: dict[str, int]
    idf: np.ndarray  # (V,) float32

    @classmethod
    def fit(cls, texts: Sequence[str], max_terms: int = 40000, min_df: int = 2) -> "Vocabulary":
        """Document frequencies over `texts` (training text only); the `max_terms` most frequent kept."""
        df: dict[str, int] = {}
        for text in texts:
            for term in set(_ngrams(tokens(text))):
                df[term] = df.get(term, 0) + 1
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_terms]
        n = len(texts)
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
        return cls({t: i for i, t in enumerate(kept)}, idf)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.transform_tokens([tokens(t) for t in texts])

    def transform_tokens(self, token_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        """L2-normalised sublinear TF-IDF rows of already tokenised texts."""
        return self.weight(self.counts(token_lists))

    def counts(self, token_lists: Sequence[list[str]], unknown: dict[str, int] | None = None) -> sparse.csr_matrix:
        """Raw term counts. Terms outside the vocabulary are dropped, or, when `unknown` is
        given (one dict shared by every matrix of a batch), get columns past the
        vocabulary: a name the training text never had is still shared evidence that a
        headline and a body tell the same story (it weighs as the rarest known term)."""
        data, indices, indptr, _ = term_counts(token_lists, self.terms, len(self.idf), unknown)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(self.idf) + UNKNOWN_COLUMNS))

    def weight(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Counts -> sublinear TF-IDF, rows scaled to unit length."""
        m = counts.astype(np.float32, copy=True)
        known = m.indices < len(self.idf)
        idf = np.where(known, self.idf[np.where(known, m.indices, 0)], self.idf_unknown)
        m.data = (1.0 + np.log(m.data)) * idf
        sq = m.copy()
        sq.data **= 2
        norms = np.sqrt(np.asarray(sq.sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        m.data /= np.repeat(norms, np.diff(m.indptr)).astype(np.float32)
        return m

    @property
    def idf_unknown(self) -> float:
        """idf of a term seen in no training text (df 0; the vocabulary's rarest has df >= 2)."""
        return float(self.idf.max() + np.log(3.0)) if len(self.idf) else 1.0


@dataclass
class _Texts:
    """Per-unique-text material: TF-IDF rows, sets and cue counts."""

    tfidf: sparse.csr_matrix
    nums: list[set[str]]
    caps: list[set[str]]
    cues: np.ndarray  # (n, groups) counts
    length: np.ndarray  # tokens


_CUE_INDEX: dict[str, tuple[int, ...]] = {}
for _g, (_, _words) in enumerate(CUE_GROUPS):
    for _w in _words:
        _CUE_INDEX[_w] = _CUE_INDEX.get(_w, ()) + (_g,)


_FOCUS_INDEX: dict[str, tuple[int, ...]] = {}
for _g, _words in enumerate((REPORT, MODAL, ASSERT, STRONG_REFUTE)):
    for _w in _words:
        _FOCUS_INDEX[_w] = _FOCUS_INDEX.get(_w, ()) + (_g,)


def _focus_counts(batch: TokenBatch, first: int, quotes: np.ndarray, questions: np.ndarray,
                  lengths: np.ndarray) -> np.ndarray:
    """Per sentence (rows `first:` of the batch; `quotes` and `questions`: the '"' and '?'
    in each): [report, modal, assert, strong refute (words + REFUTE_BIGRAMS), quote marks,
    question marks, tokens]. A word in two groups counts in both, as a term column picked
    by two groups did when these were read off term counts."""
    out = np.zeros((len(quotes), 7), np.float32)
    out[:, :4] = group_counts(batch, _FOCUS_INDEX, 4)[first:]
    out[:, 3] += pair_counts(batch, REFUTE_BIGRAMS)[first:]
    out[:, 4] = quotes
    out[:, 5] = questions
    out[:, 6] = lengths
    return out


def focus_feature_names() -> list[str]:
    """Names of the focus columns that `pair_features` appends (see `_focus_columns`)."""
    tail = list(FOCUS_GROUPS) + ["quote", "question"]
    return ([f"top_{g}_rate" for g in tail] + [f"first_{g}" for g in FOCUS_GROUPS]
            + [f"body_{g}_rate2" for g in tail]
            + ["first_mention_pos", "n_sent_over_20", "cos_second", "cos_gap", "head_cover_first"])


def _describe(texts: Sequence[str], vocab: Vocabulary, toks: list[list[str]] | None = None,
              sets: bool = True, counts: sparse.csr_matrix | None = None, cues: np.ndarray | None = None,
              length: np.ndarray | None = None, need_nums: np.ndarray | None = None,
              need_caps: np.ndarray | None = None) -> _Texts:
    """Material for unique texts; `toks` when already tokenised; `sets=False` skips the
    number and capitalised-word sets (body sentences need only TF-IDF and cue counts);
    `need_nums` / `need_caps` (masks over the texts): the texts whose sets some pair reads,
    the others get empty ones (a body's numbers count only against a headline's numbers).
    `counts`, `cues` and `length`, when given (computed for a whole batch at once), are
    used as they are; each missing one is computed here from `toks`. (Content stems come
    from the whole batch at once: `_stem_keys`.)"""
    if toks is None:
        toks = [tokens(t) for t in texts]
    tfidf = vocab.weight(counts if counts is not None else vocab.counts(toks))
    return _Texts(
        tfidf=tfidf,
        nums=_sets(numbers, texts, need_nums) if sets else [],
        caps=_sets(capitalised_stems, texts, need_caps) if sets else [],
        cues=cues if cues is not None else group_counts(toks, _CUE_INDEX, len(CUE_GROUPS)),
        length=length if length is not None else np.array([len(t) for t in toks], dtype=np.float32),
    )


def _sets(make: Callable[[str], set[str]], texts: Sequence[str], need: np.ndarray | None) -> list[set[str]]:
    if need is None:
        return list(map(make, texts))
    return [make(t) if k else set() for t, k in zip(texts, need.tolist())]


def _rows(m: sparse.csr_matrix, idx: np.ndarray) -> sparse.csr_matrix:
    """`m[idx]`, or `m` itself where idx takes every row in order (every body distinct: the
    copy would be the same arrays)."""
    if len(idx) == m.shape[0] and np.array_equal(idx, np.arange(len(idx))):
        return m
    return m[idx]


def _rowwise_dot(a: sparse.csr_matrix, ia: np.ndarray, b: sparse.csr_matrix, ib: np.ndarray) -> np.ndarray:
    return np.asarray(_rows(a, ia).multiply(_rows(b, ib)).sum(axis=1)).ravel().astype(np.float32)


@lru_cache(maxsize=1 << 16)
def _token_flags(token: str) -> tuple[int, ...]:
    """Indices of the HEADLINE_FLAGS prefixes that the token's first 6 characters start with."""
    head = token[:6]
    return tuple(i for i, f in enumerate(HEADLINE_FLAGS) if head.startswith(f))


def _flag_sets(batch: TokenBatch, nh: int, nsent: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(headline flags (nh, F), body-lead flags (bodies, F)), 1.0 where some token of the
    headline / of the body's first LEAD_SENTENCES sentences starts with the flag."""
    # Every flag has <= 6 characters, so "token[:6] starts with f" is "token starts with f":
    # one C-level startswith per distinct word picks the few words that carry a flag.
    flagged = {w: _token_flags(w) for w in filter(methodcaller("startswith", HEADLINE_FLAGS), batch.words)}
    per_row = group_counts(batch, flagged, len(HEADLINE_FLAGS))
    in_lead = (np.arange(int(nsent.sum())) - np.repeat(start, nsent)) < LEAD_SENTENCES
    lead = np.add.reduceat(per_row[nh:] * in_lead[:, None], start, axis=0) if len(start) else per_row[nh:nh]
    return (per_row[:nh] > 0).astype(np.float32), (lead > 0).astype(np.float32)


def feature_names() -> list[str]:
    groups = [g for g, _ in CUE_GROUPS]
    names = ["kind", "cos_body", "cos_lead", "cos_first", "cos_max", "cos_mean", "cos_top3",
             "frac_sent_over_10", "best_pos",
             "jaccard", "head_cover", "head_cover_lead", "num_head", "num_cover", "num_miss",
             "caps_cover", "caps_jacc", "head_len", "body_len", "body_sents", "head_question", "head_quote"]
    names += [f"head_{g}" for g in groups]
    names += [f"body_{g}_rate" for g in groups]
    names += [f"lead_{g}" for g in groups]
    names += [f"best_{g}" for g in groups]
    names += [f"wsent_{g}" for g in groups]
    names += ["neg_mismatch_best", "neg_mismatch_lead"]
    names += [f"flag_{f}" for f in HEADLINE_FLAGS]
    names += [f"lead_flag_{f}" for f in HEADLINE_FLAGS]
    return names + focus_feature_names()


def _focus_columns(focus: np.ndarray, sidx: np.ndarray, sims: np.ndarray, ranks: np.ndarray, offs: np.ndarray,
                   bounds: np.ndarray, counts: np.ndarray, cos_max: np.ndarray, start: np.ndarray,
                   nsent: np.ndarray, bi: np.ndarray, ub: Sequence[str]) -> np.ndarray:
    """Focus columns (focus_feature_names) from per-sentence focus counts and the pair x
    sentence similarities; the last column (headline cover of the first sentence) is
    left 0 for the caller's per-pair loop."""
    n = len(bounds)
    out = np.zeros((n, len(focus_feature_names())), np.float32)
    f = focus[sidx]
    top = (ranks < TOP_SENTENCES)[:, None]
    top_sum = np.add.reduceat(f * top, bounds, axis=0)
    top_tok = np.maximum(top_sum[:, 6], 1.0)
    top_n = np.minimum(counts, TOP_SENTENCES)
    out[:, 0:5] = top_sum[:, 0:5] / top_tok[:, None] * 100.0
    out[:, 5] = np.add.reduceat((f[:, 5] > 0) * top[:, 0], bounds) / top_n
    out[:, 6:10] = focus[start[bi], 0:4]
    body_sum = np.add.reduceat(focus, start, axis=0) if len(focus) else np.zeros((0, 7), np.float32)
    body_tok = np.maximum(body_sum[:, 6], 1.0)
    brate = np.zeros((len(ub), 6), np.float32)
    brate[:, 0:5] = body_sum[:, 0:5] / body_tok[:, None] * 100.0
    brate[:, 5] = np.add.reduceat((focus[:, 5] > 0).astype(np.float32), start) / nsent if len(focus) else 0.0
    out[:, 10:16] = brate[bi]
    # First sentence that matches at least half as well as the best one: where the body
    # starts talking about the headline (a lead that does -> reports it as news).
    strong = sims >= 0.5 * np.repeat(cos_max, counts)
    first = np.minimum.reduceat(np.where(strong, offs, 1 << 30), bounds)
    out[:, 16] = first / np.maximum(counts - 1, 1)
    out[:, 17] = np.log1p(np.add.reduceat((sims > 0.2).astype(np.float32), bounds))
    second = np.add.reduceat(sims * (ranks == 1), bounds)
    out[:, 18] = second
    out[:, 19] = cos_max - second
    return out


def _body_sums(sent_counts: sparse.csr_matrix, start: np.ndarray, n: np.ndarray) -> sparse.csr_matrix:
    """Row i: the sum of sentence rows start[i] .. start[i] + n[i] - 1 (a body's first n[i]
    sentences), columns sorted: equal to `member.T @ sent_counts` converted to CSR (a
    CSC-to-CSR conversion sorts the columns), without the product. The rows' entries are
    gathered, and a CSC round trip (two linear counting passes; faster than sorting each
    row) sorts them before repeated columns are added. Counts are small integers, so
    float32 sums are exact in any order."""
    ptr = sent_counts.indptr
    lo, hi = ptr[start], ptr[start + n]
    size = hi - lo
    at = np.repeat(lo - (np.cumsum(size) - size), size) + np.arange(int(size.sum()))
    indptr = np.concatenate([[0], np.cumsum(size)])
    out = sparse.csr_matrix((sent_counts.data[at], sent_counts.indices[at], indptr),
                            shape=(len(start), sent_counts.shape[1]))
    out = out.tocsc().tocsr()
    out.sum_duplicates()  # columns already sorted: adds repeated ones
    return out


def _stem_keys(batch: TokenBatch, nh: int, nsent: np.ndarray, start: np.ndarray,
               ) -> tuple[dict[str, int], int, list[np.ndarray]]:
    """Content stems of [each headline, each body, each body's lead (first LEAD_SENTENCES
    sentences), each body's first sentence] from one batch (rows: the nh headlines, then
    every body's sentences in order), as sorted distinct keys `text * n_stems + stem id`
    (what stance.counts.content_stem_keys gives for these four groupings); the stems are
    looked up once per distinct word. The three body groupings come from one sort: each
    (body, stem) key carries the earliest sentence it is in (0: the first, 1: the lead, 2:
    later) in its low bits, and the first of a run of equal keys has the smallest.
    Returns (stem -> id, n_stems, the four key arrays)."""
    stems, index, row, stem = content_stem_rows(batch)
    n_stems = max(len(stems), 1)
    in_head = row < nh
    head_k = sorted_unique(row[in_head] * n_stems + stem[in_head])
    sent = row[~in_head] - nh
    body = np.repeat(np.arange(len(nsent)), nsent)[sent]
    offset = sent - start[body]
    where = np.where(offset == 0, 0, np.where(offset < LEAD_SENTENCES, 1, 2))
    packed = np.sort(((body * n_stems + stem[~in_head]) << 2) | where)
    new = np.empty(len(packed), bool)
    new[:1] = True
    np.not_equal(packed[1:] >> 2, packed[:-1] >> 2, out=new[1:])
    body_k, earliest = packed[new] >> 2, packed[new] & 3
    return index, n_stems, [head_k, body_k, body_k[earliest <= 1], body_k[earliest == 0]]


def _in_keys(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Whether each of `keys` is in `sorted_keys` (sorted, distinct)."""
    if not len(sorted_keys):
        return np.zeros(len(keys), bool)
    j = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[j] == keys


def _overlap_columns(hi: np.ndarray, bi: np.ndarray, stem_index: dict[str, int], n_stems: int,
                     stem_keys: list[np.ndarray], H: _Texts, B: _Texts) -> tuple[np.ndarray, np.ndarray]:
    """Columns 9..16 of the pair rows (stem jaccard and cover, lead cover, numbers,
    capitalised words) and the headline cover of the first sentence, per pair:

        hs, bs = content stems of the headline and of the body
        jaccard = |hs & bs| / max(|hs | bs|, 1);  head_cover = |hs & bs| / max(|hs|, 1)
        head_cover_lead / _first = |hs & stems of the lead / first sentence| / max(|hs|, 1)
        num_head = |hn|;  num_cover = |hn & bn| / |hn| (-1 without hn);  num_miss = |hn - bn|
        caps_cover = |hcs & bs| / |hcs| (-1 without hcs);  caps_jacc = |hcs & bcs| / max(|hcs | bcs|, 1)

    The stem intersections are membership tests of each pair's headline stems among the
    body's sorted keys (one `searchsorted`); numbers and capitalised words stay sets."""
    n, nh = len(hi), len(H.nums)
    head_k, body_k, lead_k, first_k = stem_keys
    head_at = np.searchsorted(head_k, np.arange(nh + 1) * n_stems)  # each headline's keys
    hs_len = np.diff(head_at)
    bs_len = np.bincount(body_k // n_stems, minlength=len(B.nums))
    # (pair, stem) for every stem of each pair's headline.
    per = hs_len[hi]
    pair = np.repeat(np.arange(n), per)
    at = np.repeat(head_at[hi] - (np.cumsum(per) - per), per) + np.arange(int(per.sum()))
    stem = head_k[at] - np.repeat(hi, per) * n_stems
    key = np.repeat(bi, per) * n_stems + stem

    def shared(sorted_keys: np.ndarray) -> np.ndarray:
        return np.bincount(pair[_in_keys(sorted_keys, key)], minlength=n)

    inter = shared(body_k)
    hs_n = np.maximum(hs_len[hi], 1)
    out = np.zeros((n, 8), np.float32)
    out[:, 0] = inter / np.maximum(hs_len[hi] + bs_len[bi] - inter, 1)
    out[:, 1] = inter / hs_n
    out[:, 2] = shared(lead_k) / hs_n
    first = shared(first_k) / hs_n
    hl, bl = hi.tolist(), bi.tolist()
    hn_len = np.fromiter(map(len, H.nums), np.int64, nh)[hi]
    num_inter = np.fromiter((len(H.nums[h] & B.nums[b]) for h, b in zip(hl, bl)), np.int64, n)
    out[:, 3] = hn_len
    out[:, 4] = np.where(hn_len > 0, num_inter / np.maximum(hn_len, 1), -1.0)
    out[:, 5] = hn_len - num_inter
    # Capitalised stems of the headline that are content stems of the body.
    cap_ids = [[stem_index.get(c, -1) for c in caps] for caps in H.caps]
    hc_len = np.fromiter(map(len, cap_ids), np.int64, nh)
    per = hc_len[hi]
    cap_pair = np.repeat(np.arange(n), per)
    cap_stem = np.fromiter(chain.from_iterable(cap_ids[h] for h in hl), np.int64, int(per.sum()))
    found = (cap_stem >= 0) & _in_keys(body_k, np.repeat(bi, per) * n_stems + cap_stem)
    cap_cover = np.bincount(cap_pair[found], minlength=n)
    out[:, 6] = np.where(per > 0, cap_cover / np.maximum(per, 1), -1.0)
    bc_len = np.fromiter(map(len, B.caps), np.int64, len(B.caps))[bi]
    cap_inter = np.fromiter((len(H.caps[h] & B.caps[b]) for h, b in zip(hl, bl)), np.int64, n)
    out[:, 7] = cap_inter / np.maximum(per + bc_len - cap_inter, 1)
    return out, first.astype(np.float32)


def pair_features(
    headlines: Sequence[str], bodies: Sequence[str], vocab: Vocabulary, kinds: Sequence[int] | None = None,
    with_blocks: bool = False,
) -> Any:
    """Feature matrix (n_pairs, len(feature_names())) for (headline, body) pairs.

    `kinds[i]` is 1 where the "body" is another headline (Emergent-style), else 0.
    With `with_blocks`, returns (features, blocks): blocks are [headline TF-IDF | body
    TF-IDF | lead TF-IDF] over the known vocabulary only (the stacked linear scorer's
    input, stance/linear.py), built from the same counts so no text is tokenised twice;
    with FOCUS_BLOCK a 4th block, the best-matching sentences' TF-IDF (off: no gain).
    """
    n = len(headlines)
    if len(bodies) != n:
        raise ValueError("headlines and bodies differ in length")
    kind = np.zeros(n, np.float32) if kinds is None else np.asarray(kinds, np.float32)
    uh = list(dict.fromkeys(headlines))
    ub = list(dict.fromkeys(bodies))
    hpos = {t: i for i, t in enumerate(uh)}
    bpos = {t: i for i, t in enumerate(ub)}
    hi = np.fromiter((hpos[t] for t in headlines), np.int64, n)
    bi = np.fromiter((bpos[t] for t in bodies), np.int64, n)

    # Bodies: cleaned once, split, tokenised per sentence; a body's term counts are the
    # sum of its sentences' (n-grams across a sentence boundary are not counted).
    # Headlines and sentences in one batch (stance/batchtext.py: a few C passes over the
    # joined text, every distinct word hashed once); a term outside the vocabulary gets a
    # column past it (numbered in order of first appearance, headlines first), and only the
    # columns this batch uses exist (sparse products and format conversions cost in the
    # number of columns, and 2**24 spare ones dominate).
    cleaned = [clean(b) for b in ub]
    sb = sentence_batch([clean(h) for h in uh], cleaned)
    batch, nsent = sb.tokens, sb.n_sentences
    n_sents = int(nsent.sum())
    start = np.concatenate([[0], np.cumsum(nsent)[:-1]])
    nh = len(uh)
    lengths = batch.lengths.astype(np.float32)
    tc = term_counts(batch, vocab.terms, len(vocab.idf), keep_unknown=True)
    width = len(vocab.idf) + tc.n_unknown
    all_counts = sparse.csr_matrix((tc.data, tc.indices, tc.indptr), shape=(len(batch.lengths), width))
    head_counts, sent_counts = all_counts[:nh], all_counts[nh:]
    all_cues = group_counts(batch, _CUE_INDEX, len(CUE_GROUPS))
    stem_index, n_stems, stem_keys = _stem_keys(batch, nh, nsent, start)
    H = _describe(uh, vocab, [], counts=head_counts, cues=all_cues[:nh], length=lengths[:nh])
    S = _describe([], vocab, [], sets=False, counts=sent_counts, cues=all_cues[nh:], length=lengths[nh:])
    body_counts = _body_sums(sent_counts, start, nsent)
    # A body's numbers and capitalised words count only against those of a headline it is
    # paired with (see _overlap_columns): the sets of the other bodies are not built.
    need_nums, need_caps = np.zeros(len(ub), bool), np.zeros(len(ub), bool)
    need_nums[bi[np.fromiter(map(len, H.nums), np.int64, nh)[hi] > 0]] = True
    need_caps[bi[np.fromiter(map(len, H.caps), np.int64, nh)[hi] > 0]] = True
    # Every body has >= 1 sentence (`sentences` gives [""] for none), so reduceat sums each
    # body's sentence rows.
    B = _describe(cleaned, vocab, [], counts=body_counts, cues=np.add.reduceat(S.cues, start, axis=0),
                  length=np.add.reduceat(batch.lengths[nh:], start).astype(np.float32),
                  need_nums=need_nums, need_caps=need_caps)

    # Pair x sentence expansion: every pair against each sentence of its body.
    counts = nsent[bi]
    rep = np.repeat(np.arange(n), counts)
    offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    sidx = start[bi][rep] + offs
    sims = _rowwise_dot(H.tfidf, hi[rep], S.tfidf, sidx)
    bounds = np.cumsum(counts) - counts
    cos_max = np.maximum.reduceat(sims, bounds)
    cos_mean = np.add.reduceat(sims, bounds) / counts
    is_lead = offs < LEAD_SENTENCES
    lead_n = np.minimum(counts, LEAD_SENTENCES)
    cos_lead = np.add.reduceat(sims * is_lead, bounds) / lead_n
    cos_first = sims[bounds]
    over10 = np.add.reduceat((sims > 0.1).astype(np.float32), bounds) / counts
    # Best sentence: argmax within each segment (stable: first maximum).
    order = np.lexsort((-sims, rep))
    best = order[bounds]
    best_pos = offs[best] / np.maximum(counts - 1, 1)
    # Mean of the top-3 similarities per pair.
    ranks = np.empty_like(offs)
    ranks[order] = np.arange(len(order)) - np.repeat(bounds, counts)
    top3 = np.add.reduceat(sims * (ranks < 3), bounds) / np.minimum(counts, 3)

    scues = S.cues[sidx]
    lead_cues = np.add.reduceat(scues * is_lead[:, None], bounds, axis=0)
    best_cues = scues[best]
    w = sims[:, None]
    wsum = np.add.reduceat(w, bounds, axis=0)
    wsent = np.add.reduceat(scues * w, bounds, axis=0) / np.maximum(wsum, 1e-6)
    neg_col = len(CUE_GROUPS) - 1

    cos_body = _rowwise_dot(H.tfidf, hi, B.tfidf, bi)
    focus = _focus_counts(batch, nh, sb.quotes, sb.questions, S.length)
    focus_cols = _focus_columns(focus, sidx, sims, ranks, offs, bounds, counts, cos_max, start, nsent, bi, ub)

    rows = np.zeros((n, 22), np.float32)
    # Flags in the headline and the same flags over the body's lead: for an Emergent pair
    # the "body" is the article's headline, where its stance words are.
    flags, lead_flags = _flag_sets(batch, nh, nsent, start)
    rows[:, 9:17], focus_cols[:, -1] = _overlap_columns(hi, bi, stem_index, n_stems, stem_keys, H, B)
    rows[:, 0] = kind
    rows[:, 1] = cos_body
    rows[:, 2] = cos_lead
    rows[:, 3] = cos_first
    rows[:, 4] = cos_max
    rows[:, 5] = cos_mean
    rows[:, 6] = top3
    rows[:, 7] = over10
    rows[:, 8] = best_pos
    rows[:, 17] = np.log1p(H.length[hi])
    rows[:, 18] = np.log1p(B.length[bi])
    rows[:, 19] = np.log1p(nsent[bi])
    rows[:, 20] = np.array(["?" in t for t in uh], np.float32)[hi]
    rows[:, 21] = np.array([("'" in t or '"' in t or "‘" in t or "“" in t) for t in uh], np.float32)[hi]

    body_rate = B.cues / np.maximum(B.length, 1)[:, None] * 100.0
    neg_best = (best_cues[:, neg_col] % 2) != (H.cues[hi, neg_col] % 2)
    neg_lead = (lead_cues[:, neg_col] % 2) != (H.cues[hi, neg_col] % 2)
    x = np.hstack([
        rows, H.cues[hi], body_rate[bi], lead_cues, best_cues, wsent,
        neg_best[:, None].astype(np.float32), neg_lead[:, None].astype(np.float32), flags[hi], lead_flags[bi],
        focus_cols,
    ]).astype(np.float32)
    if not with_blocks:
        return x
    v = len(vocab.idf)
    known = [vocab.weight(sparse.csr_matrix(c[:, :v])) for c in
             (head_counts, body_counts, _body_sums(sent_counts, start, np.minimum(nsent, LEAD_SENTENCES)))]
    parts = [_rows(known[0], hi), _rows(known[1], bi), _rows(known[2], bi)]
    if FOCUS_BLOCK:
        # The words of the TOP_SENTENCES sentences that match the headline best: how
        # this body talks about this headline, pair by pair.
        top = ranks < FOCUS_BLOCK_SENTENCES
        pick = sparse.csr_matrix((np.ones(int(top.sum()), np.float32), (rep[top], sidx[top])),
                                 shape=(n, n_sents))
        parts.append(vocab.weight(sparse.csr_matrix((pick @ sent_counts)[:, :v])))
    blocks = sparse.hstack(parts, format="csr", dtype=np.float32)
    return x, blocks
