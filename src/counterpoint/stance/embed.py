"""Optional sentence-embedding features (extra `embeddings`), through the shared loader
`counterpoint.nlp.embeddings` (all-MiniLM-L6-v2 from its package folder, never a hub).

Features per pair (cosines of unit vectors): headline vs the best body sentence, the
mean over body sentences, the first sentence, the lead (first 3) and the mean body
vector. Only the first `MAX_SENTENCES` sentences of a body are embedded (cost).

Encodings can be cached on disk by text hash (`cache` = an .npz path), which the
trainer uses under .cache/ so reruns skip the ~115 sentences/s encoder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from counterpoint.nlp import embeddings as shared
from counterpoint.stance.text import sentences, text_hash

log = logging.getLogger(__name__)
MAX_SENTENCES = 5
LEAD = 3
NAMES = ("emb_max", "emb_mean", "emb_first", "emb_lead", "emb_body", "emb_top2")


def available() -> bool:
    """True when the shared sentence encoder can run (`counterpoint.nlp.embeddings`)."""
    return shared.embeddings_available()


def encode(texts: Sequence[str], cache: Path | None = None, batch_size: int = 64) -> np.ndarray:
    """Unit vectors (n, 384) float32; cached by text hash in `cache` when given."""
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
        return np.zeros((0, 384), np.float32)
    return np.stack([store[k] for k in keys]).astype(np.float32)


def embedding_features(headlines: Sequence[str], bodies: Sequence[str], cache: Path | None = None) -> np.ndarray:
    """(n_pairs, len(NAMES)) cosine features; texts de-duplicated before encoding."""
    n = len(headlines)
    uh = list(dict.fromkeys(headlines))
    ub = list(dict.fromkeys(bodies))
    body_sents = [sentences(b)[:MAX_SENTENCES] for b in ub]
    flat = [s for ss in body_sents for s in ss]
    vecs = encode(uh + flat, cache)
    hv, sv = vecs[: len(uh)], vecs[len(uh) :]
    hpos = {t: i for i, t in enumerate(uh)}
    bpos = {t: i for i, t in enumerate(ub)}
    nsent = np.array([len(s) for s in body_sents], np.int64)
    start = np.concatenate([[0], np.cumsum(nsent)[:-1]])
    out = np.zeros((n, len(NAMES)), np.float32)
    for p, (h, b) in enumerate(zip(headlines, bodies)):
        j = bpos[b]
        s = sv[start[j] : start[j] + nsent[j]]
        sims = s @ hv[hpos[h]]
        mean_vec = s.mean(axis=0)
        norm = float(np.linalg.norm(mean_vec)) or 1.0
        top = np.sort(sims)[::-1]
        out[p] = (top[0], sims.mean(), sims[0], sims[:LEAD].mean(), float(mean_vec @ hv[hpos[h]]) / norm,
                  top[:2].mean())
    return out
