"""Optional sentence-embedding features (extra `embeddings`), through the shared loader
`counterpoint.nlp.embeddings` (all-MiniLM-L6-v2 from its package folder, never a hub).

Every body sentence is embedded (`stance.text.sentences` of the cleaned body, as the
lexical features split it, at most 40 per body) and so is the headline. Per pair:

1. cosines (unit vectors): the best sentence, the 2nd best and the gap, the mean of the
   top 2 / top 3, the mean over sentences, the first sentence, the lead (first 3), the
   mean body vector; where the best sentence sits; how many sentences match well;
2. cue rates in the sentences the *embedding* picks (best sentence, top 3): reporting,
   modal, asserting, strong refuting words (stance/features.py's focus groups, with its
   refuting bigrams), the broad refute / hedge / agree / negation groups, quotes,
   questions. The lexical features read the same rates in the sentences that share the
   most TF-IDF words with the headline; a paraphrase ("denied" for "rejected") is found
   only here;
3. the interaction of the headline vector h with the best sentence s and with the mean
   m of the top 3: `[h*s, |h-s|, h*m, |h-m|]` (`PairEmbeddings.interaction`), input to a
   stacked logistic head (stance/linear.py `LinearStance`, one per pair kind, trained
   out-of-fold by `counterpoint train stance`), whose three class log-probabilities
   (HEAD_NAMES) the trees can read -- meant as where agree / discuss / disagree semantics
   enter, since cosines say only "same topic". Not in the shipped model: it measured no
   gain (trainer CV 0.8601 with it, 0.8604 without), so the trainer selects no HEAD_NAMES
   column and ships no head; kept, tested, for the next attempt with a better encoder.

Encodings can be cached on disk by text hash (`cache` = an .npz path), which the trainer
uses under .cache/ so reruns skip the ~100-200 sentences/s encoder.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from counterpoint.nlp import embeddings as shared
from counterpoint.stance.counts import group_counts, pair_counts, token_batch
from counterpoint.stance.features import ASSERT, CUE_GROUPS, MODAL, REFUTE_BIGRAMS, REPORT, STRONG_REFUTE
from counterpoint.stance.text import clean, sentences, text_hash, tokens_clean

log = logging.getLogger(__name__)
DIM = shared.DIMENSION
MAX_SENTENCES = 40  # = stance.text.sentences' default limit: every sentence of a news body
LEAD = 3
TOP = 3
GOOD_MATCH = 0.5  # cosine over which a sentence counts as talking about the headline
# Cue groups counted per sentence: the focus groups of the lexical features first
# (narrow: "said", "may", "confirmed", "hoax"), then the broad CUE_GROUPS.
CUE_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("report", REPORT), ("modal", MODAL), ("assert", ASSERT), ("srefute", STRONG_REFUTE),
    *((name, frozenset(words)) for name, words in CUE_GROUPS),
)
CUE_NAMES = tuple(name for name, _ in CUE_WORDS) + ("quote", "question")
COSINE_NAMES = ("emb_max", "emb_second", "emb_gap", "emb_top2", "emb_top3", "emb_mean", "emb_first",
                "emb_lead", "emb_body", "emb_best_pos", "emb_n_good")
NAMES = (COSINE_NAMES + tuple(f"emb_best_{c}" for c in CUE_NAMES)
         + tuple(f"emb_top_{c}_rate" for c in CUE_NAMES))
HEAD_NAMES = ("emb_head_agree", "emb_head_disagree", "emb_head_discuss")
ALL_NAMES = NAMES + HEAD_NAMES


def available() -> bool:
    """True when the shared sentence encoder can run (`counterpoint.nlp.embeddings`)."""
    return shared.embeddings_available()


def encode(texts: Sequence[str], cache: Path | None = None, batch_size: int = 64) -> np.ndarray:
    """Unit vectors (n, DIM) float32; cached by text hash in `cache` when given."""
    store: dict[int, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache) as z:
            store = dict(zip(z["keys"].tolist(), z["vectors"]))
    keys = [text_hash(t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in store))
    if missing:
        by_key = {k: t for k, t in zip(keys, texts)}
        log.info("embedding %d new texts", len(missing))
        vecs = shared.encode([by_key[k] for k in missing], batch_size=batch_size)
        store.update(zip(missing, vecs.astype(np.float32)))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cache, keys=np.array(list(store), np.uint64), vectors=np.stack(list(store.values())))
    if not keys:
        return np.zeros((0, DIM), np.float32)
    return np.stack([store[k] for k in keys]).astype(np.float32)


_CUE_INDEX: dict[str, tuple[int, ...]] = {}
for _g, (_, _words) in enumerate(CUE_WORDS):
    for _w in _words:
        _CUE_INDEX[_w] = _CUE_INDEX.get(_w, ()) + (_g,)


def sentence_cues(sents: Sequence[str]) -> np.ndarray:
    """Per (cleaned) sentence: counts of each CUE_WORDS group (strong refute also counts
    the refuting bigrams, "not true"), quote marks, question marks, then tokens; shape
    (n, len(CUE_NAMES) + 1)."""
    batch = token_batch([tokens_clean(s) for s in sents])
    n_groups = len(CUE_WORDS)
    out = np.zeros((len(sents), len(CUE_NAMES) + 1), np.float32)
    out[:, :n_groups] = group_counts(batch, _CUE_INDEX, n_groups)
    out[:, 3] += pair_counts(batch, REFUTE_BIGRAMS)
    out[:, n_groups] = [s.count('"') for s in sents]
    out[:, n_groups + 1] = [s.count("?") for s in sents]
    out[:, -1] = batch.lengths
    return out


@dataclass(frozen=True)
class PairEmbeddings:
    """Embedding material for a batch of pairs."""

    features: np.ndarray  # (n, len(NAMES)) float32
    interaction: np.ndarray  # (n, 4 * DIM) float32: [h*s, |h-s|, h*m, |h-m|], s best sentence, m top-3 mean


def body_sentences(body: str) -> list[str]:
    """The sentences embedded for a body: as the lexical features split it."""
    return sentences(clean(body), limit=MAX_SENTENCES)


def _rates(counts: np.ndarray) -> np.ndarray:
    """Cue counts of a sentence group -> rates per 100 tokens (quotes, questions: per sentence present)."""
    n_words = len(CUE_WORDS)
    out = np.zeros(len(CUE_NAMES), np.float32)
    out[:n_words] = counts[:n_words] / max(float(counts[-1]), 1.0) * 100.0
    out[n_words:] = counts[n_words:-1]
    return out


@dataclass(frozen=True)
class _Encoded:
    """Distinct headlines and body sentences of a batch, encoded once."""

    head: np.ndarray  # (headlines, DIM)
    sent: np.ndarray  # (sentences, DIM), body after body
    cues: np.ndarray  # (sentences, len(CUE_NAMES) + 1), `sentence_cues`
    start: np.ndarray  # first sentence row of each body
    nsent: np.ndarray  # sentences of each body
    body_mean: np.ndarray  # (bodies, DIM) unit mean sentence vector


def _encode_batch(uh: Sequence[str], ub: Sequence[str], cache: Path | None) -> _Encoded:
    body_sents = [body_sentences(b) for b in ub]
    flat = list(chain.from_iterable(body_sents))
    vecs = encode(list(uh) + flat, cache)
    sv = vecs[len(uh):]
    nsent = np.array([len(s) for s in body_sents], np.int64)
    start = np.concatenate([[0], np.cumsum(nsent)[:-1]]).astype(np.int64)
    body_mean = np.add.reduceat(sv, start, axis=0) if len(sv) else np.zeros((0, DIM), np.float32)
    body_mean /= np.maximum(np.linalg.norm(body_mean, axis=1, keepdims=True), 1e-6)
    return _Encoded(vecs[: len(uh)], sv, sentence_cues(flat), start, nsent, body_mean)


def _pair_rows(enc: _Encoded, hi: np.ndarray, bi: np.ndarray, with_interaction: bool) -> PairEmbeddings:
    """Features (and interaction inputs) of the pairs (headline hi[p], body bi[p])."""
    n = len(hi)
    feats = np.zeros((n, len(NAMES)), np.float32)
    inter = np.zeros((n, 4 * DIM if with_interaction else 0), np.float32)
    nc = len(COSINE_NAMES)
    for p in range(n):
        j = bi[p]
        k = enc.nsent[j]
        s = enc.sent[enc.start[j]: enc.start[j] + k]
        hvec = enc.head[hi[p]]
        sims = s @ hvec
        order = np.argsort(-sims, kind="stable")  # ties: the earlier sentence first
        top = sims[order]
        second = top[1] if k > 1 else top[0]
        feats[p, :nc] = (top[0], second, top[0] - second, top[:2].mean(), top[:TOP].mean(), sims.mean(), sims[0],
                         sims[:LEAD].mean(), float(enc.body_mean[j] @ hvec), order[0] / max(k - 1, 1),
                         np.log1p(float((sims > GOOD_MATCH).sum())))
        c = enc.cues[enc.start[j] + order[:TOP]]
        feats[p, nc: nc + len(CUE_NAMES)] = _rates(c[0])
        feats[p, nc + len(CUE_NAMES):] = _rates(c.sum(axis=0))
        if with_interaction:
            best = s[order[0]]
            m = s[order[:TOP]].mean(axis=0)
            m /= max(float(np.linalg.norm(m)), 1e-6)
            inter[p] = np.concatenate([hvec * best, np.abs(hvec - best), hvec * m, np.abs(hvec - m)])
    return PairEmbeddings(feats, inter)


def _index(headlines: Sequence[str], bodies: Sequence[str]) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    if len(bodies) != len(headlines):
        raise ValueError("headlines and bodies differ in length")
    uh = list(dict.fromkeys(headlines))
    ub = list(dict.fromkeys(bodies))
    hpos = {t: i for i, t in enumerate(uh)}
    bpos = {t: i for i, t in enumerate(ub)}
    return (uh, ub, np.fromiter((hpos[t] for t in headlines), np.int64, len(headlines)),
            np.fromiter((bpos[t] for t in bodies), np.int64, len(bodies)))


def pair_embeddings(headlines: Sequence[str], bodies: Sequence[str], cache: Path | None = None,
                    with_interaction: bool = True) -> PairEmbeddings:
    """Features (NAMES) and interaction inputs for (headline, body) pairs; every distinct
    headline and body sentence is encoded once. (The trainer's entry: it fits the heads
    on the interaction inputs; 6 KB a pair.)"""
    uh, ub, hi, bi = _index(headlines, bodies)
    return _pair_rows(_encode_batch(uh, ub, cache), hi, bi, with_interaction)


CHUNK = 4096  # pairs whose interaction inputs are held at once (6 KB each) when scoring


def embedding_features(headlines: Sequence[str], bodies: Sequence[str], cache: Path | None = None,
                       heads: Mapping[str, object] | None = None, kinds: Sequence[int] | None = None,
                       names: Sequence[str] | None = None) -> np.ndarray:
    """(n_pairs, len(names)) embedding columns, `names` from ALL_NAMES (default NAMES).

    HEAD_NAMES columns need `heads` ({"body": scorer, "headline": scorer}, each with a
    `scores(matrix) -> (n, 3)` method: stance/linear.py `LinearStance`) and `kinds` (1 where
    the "body" is another headline, else 0); they are scored CHUNK pairs at a time."""
    names = list(NAMES if names is None else names)
    unknown = [c for c in names if c not in ALL_NAMES]
    if unknown:
        raise ValueError(f"unknown embedding features {unknown}")
    want_head = any(c in HEAD_NAMES for c in names)
    if want_head and heads is None:
        raise ValueError("the head columns need the trained heads")
    uh, ub, hi, bi = _index(headlines, bodies)
    enc = _encode_batch(uh, ub, cache)
    kind_arr = np.zeros(len(hi), np.int64) if kinds is None else np.asarray(kinds, np.int64)
    feats = np.zeros((len(hi), len(ALL_NAMES)), np.float32)
    for a in range(0, len(hi), CHUNK):
        rows = _pair_rows(enc, hi[a: a + CHUNK], bi[a: a + CHUNK], want_head)
        feats[a: a + CHUNK, : len(NAMES)] = rows.features
        if want_head:
            feats[a: a + CHUNK, len(NAMES):] = head_scores(rows.interaction, heads, kind_arr[a: a + CHUNK])  # type: ignore[arg-type]
    return feats[:, [ALL_NAMES.index(c) for c in names]]


def head_scores(interaction: np.ndarray, heads: Mapping[str, object], kinds: Sequence[int] | np.ndarray) -> np.ndarray:
    """(n, 3) class log-probabilities of the head of each row's pair kind (0 body, 1 headline)."""
    kinds = np.asarray(kinds)
    out = np.zeros((len(interaction), len(HEAD_NAMES)), np.float32)
    for kind_id, kind in enumerate(("body", "headline")):
        rows = kinds == kind_id
        if rows.any():
            out[rows] = heads[kind].scores(interaction[rows])  # type: ignore[attr-defined]
    return out
