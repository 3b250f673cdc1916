"""Headline stance head: how an article *headline* stands toward a claim (Emergent-style).

Why a head of its own: a headline is one short sentence, and whether it asserts, hedges
or refutes a claim is carried by its own wording far more than by its overlap with the
claim: hedges ("reportedly", "may", "report:", "?", "X says ..."), refutations ("hoax",
"fake", "not", "denies", "debunked") and otherwise plain assertion. The FNC-1 trees score
(claim, body) pairs well but treat a headline like a very short body.

Scoring, in order:
1. `headline_terms`: the headline's tokens with the words it shares with the claim
   masked to one placeholder (runs collapsed), so the n-grams learn stance wording
   ("<c> denies", "<s> report :", "? </s>") and not story topics; word and punctuation
   uni/bi/trigrams, binary, rows l2-normalised, over the vocabulary fitted on training
   headlines;
2. `cue_features`: dense cue counts and shapes (hedge / refute / agree / negation words,
   negation mismatch with the claim, question, colons, quotes, attribution verbs,
   overlap with the claim, numbers), standardised with the training means and scales;
3. a multinomial logistic regression over [terms | cues] (trained by
   counterpoint.train.headline_stance; weights in `headline.npz` + `headline.json`
   beside the stance model, numpy only at run time, no pickle);
4. fallback: where no head is shipped, `predict_headline_stance` uses the shared stance
   model's headline path (best of agree / disagree / discuss).

Labels are the FNC-1 names the shared model uses: agree / disagree / discuss (Emergent's
for / against / observing); "unrelated" always has probability 0 for headline pairs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from counterpoint.errors import CounterpointError
from counterpoint.provenance import stamp
from counterpoint.stance.text import AGREE, HEDGE, NEGATION, REFUTE, STOPWORDS, normalise, numbers, stem, text_hashes

if TYPE_CHECKING:  # model.py may import this module lazily (predict_stance's headline path)
    from counterpoint.stance.model import StancePrediction

HEAD_LABELS = ("agree", "disagree", "discuss")
HEAD_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "stance"
HEAD_NAME = "headline"
MASK = "<c>"

# Words, or one punctuation mark that shapes a headline: "?" (question), ":" (a
# "Report: ..." or "...: Analyst" attribution), '"' (quoted / scare-quoted words).
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?:!\"]|(?<![a-z])'|'(?![a-z])")
_SAY = frozenset(("says", "say", "said", "claims", "claim", "claimed", "according", "reports", "reported",
                  "report", "told", "tells", "insists", "insisted", "suggests", "suggest", "believes",
                  "warns", "alleges", "alleged", "sources", "source", "analyst", "rumor", "rumour", "rumors",
                  "rumours", "purports", "purportedly", "reportedly", "allegedly"))
_REFUTE, _HEDGE, _AGREE, _NEG = (frozenset(w) for w in (REFUTE, HEDGE, AGREE, NEGATION))
# Cue words are never masked, even when the claim uses them too ("not", "claims").
_CUES = _REFUTE | _HEDGE | _AGREE | _NEG | _SAY

CUE_NAMES = (
    "n_refute", "n_hedge", "n_agree", "n_neg", "n_say", "claim_neg", "neg_mismatch", "refute_not_in_claim",
    "question", "question_end", "colon", "colon_start", "colon_end", "quote", "exclaim",
    "claim_cover", "head_cover", "unmasked_share", "num_claim", "num_miss", "num_extra", "head_len",
)


def head_tokens(text: str) -> list[str]:
    """Lower-case words and the shaping punctuation marks of a headline."""
    return _TOKEN.findall(normalise(text).replace("''", '"'))


def _content(toks: Sequence[str]) -> set[str]:
    return {stem(t) for t in toks if t.isalnum() and t not in STOPWORDS and len(t) > 1}


def masked_tokens(claim: str, headline: str) -> list[str]:
    """Headline tokens with claim words (same stem, not a cue word) replaced by MASK,
    runs of MASK collapsed, between <s> and </s>."""
    claim_stems = _content(head_tokens(claim))
    out = ["<s>"]
    for t in head_tokens(headline):
        if t not in _CUES and t.isalnum() and stem(t) in claim_stems:
            if out[-1] != MASK:
                out.append(MASK)
        else:
            out.append(t)
    out.append("</s>")
    return out


def headline_terms(claim: str, headline: str) -> set[str]:
    """Uni, bi and trigrams of the masked headline (the markers alone are not terms)."""
    toks = masked_tokens(claim, headline)
    terms = {t for t in toks[1:-1]}
    terms.update(f"{a} {b}" for a, b in zip(toks, toks[1:]))
    terms.update(f"{a} {b} {c}" for a, b, c in zip(toks, toks[1:], toks[2:]))
    return terms


def cue_features(claim: str, headline: str) -> list[float]:
    """One row of CUE_NAMES for a (claim, headline) pair."""
    ct, ht = head_tokens(claim), head_tokens(headline)
    hw = [t for t in ht if t.isalnum() or "'" in t]
    cw = [t for t in ct if t.isalnum() or "'" in t]
    cs, hs = _content(cw), _content(hw)
    n = lambda words, group: float(sum(1 for w in words if w in group))  # noqa: E731
    # Any "n't" contraction negates ("hasn't", "weren't"), beyond the listed ones.
    neg = lambda words: float(sum(1 for w in words if w in _NEG or w.endswith("n't")))  # noqa: E731
    claim_neg = neg(cw) > 0
    head_neg = neg(hw) > 0
    refute_new = n([w for w in hw if w not in set(cw)], _REFUTE)
    raw = normalise(headline)
    colon = [i for i, t in enumerate(ht) if t == ":"]
    cn, hn = numbers(claim), numbers(headline)
    unmasked = [t for t in hw if stem(t) not in cs and t not in STOPWORDS]
    return [
        n(hw, _REFUTE), n(hw, _HEDGE), n(hw, _AGREE), neg(hw), n(hw, _SAY),
        float(claim_neg), float(claim_neg != head_neg), refute_new,
        float("?" in ht), float(raw.rstrip("\"' ").endswith("?")),
        float(bool(colon)), float(bool(colon) and colon[0] <= 3), float(bool(colon) and len(ht) - colon[-1] <= 4),
        float('"' in ht or "'" in ht), float("!" in ht),
        len(cs & hs) / max(len(cs), 1), len(cs & hs) / max(len(hs), 1), len(unmasked) / max(len(hw), 1),
        float(len(cn)), float(len(cn - hn)), float(len(hn - cn)), float(np.log1p(len(hw))),
    ]


@dataclass(frozen=True)
class HeadlineHead:
    """A fitted head: term vocabulary, cue standardisation, logistic weights, seen hashes."""

    terms: dict[str, int]
    cue_mean: np.ndarray  # (len(CUE_NAMES),)
    cue_scale: np.ndarray  # (len(CUE_NAMES),)
    coef: np.ndarray  # (len(terms) + len(CUE_NAMES), 3)
    intercept: np.ndarray  # (3,)
    seen: np.ndarray  # sorted uint64 hashes of every text the head was trained on
    meta: dict

    def design(self, claims: Sequence[str], headlines: Sequence[str]) -> sparse.csr_matrix:
        return design_matrix(claims, headlines, self.terms, self.cue_mean, self.cue_scale)

    def predict_proba(self, claims: Sequence[str], headlines: Sequence[str]) -> np.ndarray:
        """(n, 3) probabilities over HEAD_LABELS."""
        if len(claims) != len(headlines):
            raise ValueError("claims and headlines differ in length")
        if not claims:
            return np.zeros((0, len(HEAD_LABELS)))
        z = np.asarray(self.design(claims, headlines) @ self.coef) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def is_seen(self, texts: Sequence[str]) -> np.ndarray:
        """True where the normalised text was used to train or select the head."""
        return np.isin(text_hashes(list(texts)), self.seen)


def term_matrix(claims: Sequence[str], headlines: Sequence[str], terms: dict[str, int]) -> sparse.csr_matrix:
    """Binary masked-n-gram rows over `terms`, each row l2-normalised."""
    indptr, indices = [0], []
    for c, h in zip(claims, headlines):
        cols = sorted({terms[t] for t in headline_terms(c, h) if t in terms})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), np.float64)
    m = sparse.csr_matrix((data, np.array(indices, np.int64), np.array(indptr, np.int64)),
                          shape=(len(indptr) - 1, len(terms)))
    norms = np.sqrt(np.asarray(m.sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.maximum(norms, 1.0)) @ m)


def cue_matrix(claims: Sequence[str], headlines: Sequence[str]) -> np.ndarray:
    return np.array([cue_features(c, h) for c, h in zip(claims, headlines)], np.float64).reshape(
        len(claims), len(CUE_NAMES))


def design_matrix(claims: Sequence[str], headlines: Sequence[str], terms: dict[str, int],
                  cue_mean: np.ndarray, cue_scale: np.ndarray) -> sparse.csr_matrix:
    """[masked n-grams | standardised cues], the head's input."""
    cues = (cue_matrix(claims, headlines) - cue_mean) / cue_scale
    return sparse.hstack([term_matrix(claims, headlines, terms), sparse.csr_matrix(cues)], format="csr")


def fit_terms(claims: Sequence[str], headlines: Sequence[str], min_df: int = 2) -> dict[str, int]:
    """Vocabulary: masked n-grams found in at least `min_df` training headlines, sorted."""
    df: dict[str, int] = {}
    for c, h in zip(claims, headlines):
        for t in headline_terms(c, h):
            df[t] = df.get(t, 0) + 1
    return {t: i for i, t in enumerate(sorted(t for t, k in df.items() if k >= min_df))}


def save_head(folder: Path, head: HeadlineHead) -> None:
    """`headline.npz` (arrays) + `headline.json` (terms in column order, meta)."""
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / f"{HEAD_NAME}.npz", coef=head.coef.astype(np.float32),
                        intercept=head.intercept.astype(np.float32), cue_mean=head.cue_mean.astype(np.float64),
                        cue_scale=head.cue_scale.astype(np.float64), seen=np.unique(head.seen.astype(np.uint64)))
    terms = sorted(head.terms, key=head.terms.__getitem__)
    meta = {**head.meta, "labels": list(HEAD_LABELS), "cue_names": list(CUE_NAMES), "terms": terms}
    (folder / f"{HEAD_NAME}.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


def load_head(folder: Path | str | None = None) -> HeadlineHead | None:
    """The head in `folder` (default: the packaged one), or None where none is shipped."""
    return _load(str(Path(folder) if folder is not None else HEAD_DIR))


@lru_cache(maxsize=4)
def _load(folder: str) -> HeadlineHead | None:
    path = Path(folder)
    if not (path / f"{HEAD_NAME}.npz").exists():
        return None
    meta = json.loads((path / f"{HEAD_NAME}.json").read_text())
    if list(meta.get("cue_names", [])) != list(CUE_NAMES):
        raise CounterpointError(f"headline head in {path} was trained with other cue features: retrain it "
                                "(`counterpoint train headline-stance`)")
    terms = {t: i for i, t in enumerate(meta.pop("terms"))}
    with np.load(path / f"{HEAD_NAME}.npz", allow_pickle=False) as z:
        return HeadlineHead(terms=terms, cue_mean=z["cue_mean"], cue_scale=z["cue_scale"],
                            coef=z["coef"].astype(np.float64), intercept=z["intercept"].astype(np.float64),
                            seen=z["seen"], meta=meta)


def predict_headline_stance(claims: Sequence[str], headlines: Sequence[str],
                            head: HeadlineHead | None = None) -> list[StancePrediction]:
    """Stance of each article headline toward its claim, as `StancePrediction` records.

    Cascade: the given head, else the packaged head, else the shared stance model's
    headline path (`predict_stance(..., kind="headline")`, best of the related classes)."""
    from counterpoint.stance.model import LABELS, StancePrediction, load_model

    h = head or load_head()
    if h is None:
        m = load_model()
        probs, variant = m.predict_proba(list(claims), list(headlines), kind="headline")
        produced = stamp(f"stance.gbm-{variant}", 1)
    else:
        probs = np.hstack([h.predict_proba(claims, headlines), np.zeros((len(claims), 1))])
        variant, produced = "lexical", stamp("stance.headline-lr", 1)
    return [
        StancePrediction(
            label=LABELS[int(np.argmax(row[:3]))],  # type: ignore[arg-type]
            probabilities={lab: round(float(p), 6) for lab, p in zip(LABELS, row)},
            variant=variant, produced_by=produced,  # type: ignore[arg-type]
        )
        for row in probs
    ]
