"""Headline stance head: how an article *headline* stands toward a claim (Emergent-style).

Why a head of its own: a headline is one short sentence, and whether it asserts, hedges
or refutes a claim is carried by its own wording far more than by its overlap with the
claim: hedges ("reportedly", "may", "report:", "?", "X says ..."), refutations ("hoax",
"fake", "not", "denies", "debunked") and otherwise plain assertion. The FNC-1 trees score
(claim, body) pairs well but treat a headline like a very short body.

Scoring, in order:
1. `pair_terms`: the headline's tokens with the words it shares with the claim masked to
   one placeholder (runs collapsed), so the n-grams learn stance wording ("<c> denies",
   "<s> report :", "? </s>") and not story topics; the same n-grams again with every word
   of a cue class (WORD_CLASSES: refute, negation, hedge, say, confirm, retract) replaced
   by its class ("<c> is <NEG> real"), so a cue word never seen in training still counts;
   binary, rows l2-normalised, over the vocabulary fitted on training headlines;
2. `cue_features`: dense cue counts and shapes (hedge / refute / agree / negation words,
   negation mismatch with the claim, question, colons, quotes, attribution verbs,
   overlap with the claim, numbers), standardised with the training means and scales and
   scaled by the head's `cue_weight`;
3. a multinomial logistic regression over [terms | cues];
4. where the head ships trees: gradient-boosted trees over `tree_features` (the cue
   features + `claim_cues`, the cue classes *relative to the claim*: in the headline and
   not the claim or the reverse, next to a claim word, before/after an attribution),
   blended with the regression as (1 - tree_weight) * p_lr + tree_weight * p_trees;
   (trained by counterpoint.train.headline_stance; weights in `headline.npz` +
   `headline.json` beside the stance model, numpy only at run time, no pickle);
5. fallback: where no head is shipped, `predict_headline_stance` uses the shared stance
   model's headline path (best of agree / disagree / discuss).

`route_headline` is the one place that decides whether the head or the stance model's
trees score a headline pair (used by `eval emergent` and by `predict_stance`).

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
from counterpoint.stance.trees import TreeEnsemble

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

# Cue classes for the class-abstracted n-grams and the claim-relative cues: whole
# lower-case tokens. Broader than text.py's lists (inflections by pattern: "refutes",
# "rebuffed"), because a class word the training headlines never used must still count
# on a new claim. RETRACT: a headline that withdraws or reverses the claim's event
# ("quits", "drops out", "is safe", "survives") -- against, with no refuting word.
# "plans" is not a hedge: "X plans to build Y" asserts the plan ("X denies it plans to
# build Y" must read as a denial, not as hedged talk).
WORD_CLASSES: dict[str, str] = {
    "REF": r"den(?:y|ies|ied|ial|ials)|untrue|incorrect|false(?:ly|hood)?|fake[ds]?|faking|hoax(?:es|er)?"
           r"|debunk(?:s|ed|ing)?|refut(?:e|es|ed|ing)|rebut(?:s|ted)?|rebuff(?:s|ed)?|dismiss(?:es|ed)?"
           r"|reject(?:s|ed)?|myths?|bogus|baseless|unfounded|nonsense|fabricat\w*|doctored|photoshop\w*"
           r"|satir\w*|pranks?|prank(?:ed|ster)|troll(?:s|ed|ing)?|fooled|misinformation|erroneous|wrong(?:ly)?"
           r"|lies|lie|lied|liar|bullshit|spoofs?|parody|retract(?:s|ed|ion)?|discredit\w*|disput(?:e|es|ed)"
           r"|contradict\w*|misleading|mistaken|phony|sham|scam|unbelievable",
    "NEG": r"not|no|never|nobody|nothing|none|neither|nor|cannot|without|n't|\w+n't",
    "HEDGE": r"may|might|could|possibl[ey]|perhaps|reportedly|allegedly|alleged|purported(?:ly)?|supposedly"
             r"|apparently|seemingly|rumou?r(?:s|ed)?|unconfirmed|unverified|speculat\w*|whether|if|appears?"
             r"|seems?|likely|unclear|believed|thought|suspect(?:s|ed)?|fears?|feared|probe[sd]?|investigat\w*"
             r"|accus\w*|eye[sd]?|eyeing|talks|considering|considers?|predict(?:s|ed|ion)?|forecast(?:s|ed)?"
             r"|expect(?:s|ed)?|mulls?|weighs|possible|potential(?:ly)?|questions?|questioned"
             r"|doubts?|doubtful|confusion|mystery|debate|hunt|search",
    "SAY": r"says?|said|claims?|claimed|claiming|according|reports?|reported|told|tells|insists?|insisted"
           r"|suggests?|alleges?|sources?|analysts?|officials?|experts?|witness(?:es)?|survey|poll|tweets?"
           r"|tweeted|announces?|announced|confirms?|confirmed|reveals?|revealed|admits?|admitted"
           r"|identif(?:y|ies|ied)|named|names",
    "CONFIRM": r"confirm(?:s|ed)?|official(?:ly)?|verified|proof|proves?|proved|evidence|shows?|showed|indeed"
               r"|true|really|actually|finally",
    "RETRACT": r"quits?|exits?|bails?|drops?|dropped|pulls?|pulled|backs?|scrapped|cancel(?:s|led|ed)?|alive|safe"
               r"|fine|survives?|survived|returns?|rescued|freed|released",
}
_CLASS_RE = tuple((name, re.compile(rf"(?:{pattern})")) for name, pattern in WORD_CLASSES.items())
_MARKERS = frozenset(("<s>", "</s>", MASK))

CLAIM_CUE_NAMES = (
    *(f"{k.lower()}_{what}" for k in WORD_CLASSES for what in ("n", "new", "dropped")),
    "neg_near_claim", "ref_near_claim", "hedge_near_claim",
    "first_ref", "first_hedge", "first_say", "first_neg",
    "say_then_ref", "hedge_then_ref", "ref_then_say",
    "claim_will", "head_will", "head_to_set",
)
TREE_CUE_NAMES = CUE_NAMES + CLAIM_CUE_NAMES


def head_tokens(text: str) -> list[str]:
    """Lower-case words and the shaping punctuation marks of a headline."""
    return list(_tokens(text))


# Per-text caches: one pair's features tokenise the claim and the headline several
# times (n-grams, class n-grams, cues, claim cues), and a claim recurs across its headlines.
@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(normalise(text).replace("''", '"')))


def _content(toks: Sequence[str]) -> set[str]:
    return {stem(t) for t in toks if t.isalnum() and t not in STOPWORDS and len(t) > 1}


@lru_cache(maxsize=4096)
def _claim_stems(claim: str) -> frozenset[str]:
    return frozenset(_content(_tokens(claim)))


def masked_tokens(claim: str, headline: str) -> list[str]:
    """Headline tokens with claim words (same stem, not a cue word) replaced by MASK,
    runs of MASK collapsed, between <s> and </s>."""
    return list(_masked(claim, headline))


@lru_cache(maxsize=4096)
def _masked(claim: str, headline: str) -> tuple[str, ...]:
    claim_stems = _claim_stems(claim)
    out = ["<s>"]
    for t in _tokens(headline):
        if t not in _CUES and t.isalnum() and stem(t) in claim_stems:
            if out[-1] != MASK:
                out.append(MASK)
        else:
            out.append(t)
    out.append("</s>")
    return tuple(out)


def _ngrams(toks: Sequence[str], prefix: str = "") -> set[str]:
    terms = {prefix + t for t in toks[1:-1]}
    terms.update(f"{prefix}{a} {b}" for a, b in zip(toks, toks[1:]))
    terms.update(f"{prefix}{a} {b} {c}" for a, b, c in zip(toks, toks[1:], toks[2:]))
    return terms


def headline_terms(claim: str, headline: str) -> set[str]:
    """Uni, bi and trigrams of the masked headline (the markers alone are not terms)."""
    return _ngrams(_masked(claim, headline))


@lru_cache(maxsize=8192)
def word_class(token: str) -> str | None:
    """The first WORD_CLASSES class whose pattern matches the whole token, else None."""
    for name, rx in _CLASS_RE:
        if rx.fullmatch(token):
            return name
    return None


def class_tokens(claim: str, headline: str) -> list[str]:
    """`masked_tokens` with every cue-class word replaced by `<CLASS>`."""
    out = []
    for t in _masked(claim, headline):
        k = None if t in _MARKERS else word_class(t)
        out.append(f"<{k}>" if k else t)
    return out


def pair_terms(claim: str, headline: str) -> set[str]:
    """The head's n-gram terms: those of the masked headline, and ("#"-prefixed) those of
    its class-abstracted form (`class_tokens`)."""
    return headline_terms(claim, headline) | _ngrams(class_tokens(claim, headline), "#")


def _first_after(classes: Sequence[str | None], a: str, b: str) -> float:
    """1.0 where a word of class `b` follows one of class `a` ("reports ... are false")."""
    seen = False
    for k in classes:
        if k == a:
            seen = True
        elif k == b and seen:
            return 1.0
    return 0.0


def claim_cues(claim: str, headline: str) -> list[float]:
    """One row of CLAIM_CUE_NAMES: the cue classes of the headline relative to the claim.

    Per class: count in the headline; present in the headline but not the claim ("new");
    present in the claim but not the headline ("dropped"). Then a negation / refutation /
    hedge within 3 tokens of a masked claim word; the class of the headline's first token;
    the order of attribution and refutation; the claim's and the headline's future form."""
    hw = [t for t in _tokens(headline) if t.isalnum() or "'" in t]
    cw = [t for t in _tokens(claim) if t.isalnum() or "'" in t]
    hk, ck = [word_class(t) for t in hw], [word_class(t) for t in cw]
    row: list[float] = []
    for k in WORD_CLASSES:
        h, c = float(hk.count(k)), ck.count(k) > 0
        row += [h, float(h > 0 and not c), float(c and h == 0)]
    m = _masked(claim, headline)
    mk = [None if t in _MARKERS else word_class(t) for t in m]
    pos = [i for i, t in enumerate(m) if t == MASK]
    near = lambda k: float(any(c == k and any(abs(i - p) <= 3 for p in pos) for i, c in enumerate(mk)))  # noqa: E731
    first = mk[1] if len(m) > 2 else None
    row += [near("NEG"), near("REF"), near("HEDGE")]
    row += [float(first == k) for k in ("REF", "HEDGE", "SAY", "NEG")]
    row += [_first_after(mk, "SAY", "REF"), _first_after(mk, "HEDGE", "REF"), _first_after(mk, "REF", "SAY")]
    row += [float("will" in cw), float("will" in hw), float(any(w in ("to", "set") for w in hw))]
    return row


def tree_features(claims: Sequence[str], headlines: Sequence[str], cues: np.ndarray | None = None) -> np.ndarray:
    """(n, len(TREE_CUE_NAMES)) raw rows for the head's trees: cue features (`cues`, the
    `cue_matrix` where already computed) + claim cues."""
    cues = cue_matrix(claims, headlines) if cues is None else cues
    rel = np.array([claim_cues(c, h) for c, h in zip(claims, headlines)], np.float64).reshape(
        len(claims), len(CLAIM_CUE_NAMES))
    return np.hstack([cues, rel])


def cue_features(claim: str, headline: str) -> list[float]:
    """One row of CUE_NAMES for a (claim, headline) pair."""
    ct, ht = _tokens(claim), _tokens(headline)
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
    """A fitted head: term vocabulary, cue standardisation, logistic weights, seen hashes,
    and optionally trees over `tree_features` blended in with `tree_weight`."""

    terms: dict[str, int]
    cue_mean: np.ndarray  # (len(CUE_NAMES),)
    cue_scale: np.ndarray  # (len(CUE_NAMES),)
    coef: np.ndarray  # (len(terms) + len(CUE_NAMES), 3)
    intercept: np.ndarray  # (3,)
    seen: np.ndarray  # sorted uint64 hashes of every text the head was trained on
    meta: dict
    cue_weight: float = 1.0  # scale of the standardised cue block in the regression's input
    trees: TreeEnsemble | None = None  # over tree_features, 3 classes in HEAD_LABELS order
    tree_weight: float = 0.0  # share of the trees' probabilities in the blend

    def design(self, claims: Sequence[str], headlines: Sequence[str],
               cues: np.ndarray | None = None) -> sparse.csr_matrix:
        return design_matrix(claims, headlines, self.terms, self.cue_mean, self.cue_scale, self.cue_weight, cues)

    def predict_proba(self, claims: Sequence[str], headlines: Sequence[str]) -> np.ndarray:
        """(n, 3) probabilities over HEAD_LABELS: the regression's, blended with the
        trees' where the head has trees and a tree weight."""
        if len(claims) != len(headlines):
            raise ValueError("claims and headlines differ in length")
        if not claims:
            return np.zeros((0, len(HEAD_LABELS)))
        cues = cue_matrix(claims, headlines)  # once, for the regression and the trees
        z = np.asarray(self.design(claims, headlines, cues) @ self.coef) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        if self.trees is not None and self.tree_weight > 0:
            p = (1.0 - self.tree_weight) * p + self.tree_weight * self.trees.predict_proba(
                tree_features(claims, headlines, cues))
        return p

    def is_seen(self, texts: Sequence[str]) -> np.ndarray:
        """True where the normalised text was used to train or select the head."""
        return np.isin(text_hashes(list(texts)), self.seen)

    @property
    def version(self) -> int:
        """Implementation version for provenance: 2 with the tree blend, 1 without."""
        return 2 if self.trees is not None and self.tree_weight > 0 else 1


def term_matrix(claims: Sequence[str], headlines: Sequence[str], terms: dict[str, int]) -> sparse.csr_matrix:
    """Binary `pair_terms` rows over `terms`; the word n-grams and the ("#") class n-grams
    of each row l2-normalised apiece, so each block weighs the same whatever its size."""
    indptr, indices = [0], []
    for c, h in zip(claims, headlines):
        cols = sorted({terms[t] for t in pair_terms(c, h) if t in terms})
        indices.extend(cols)
        indptr.append(len(indices))
    ind = np.array(indices, np.int64)
    is_class = np.zeros(len(terms), bool)
    is_class[[i for t, i in terms.items() if t.startswith("#")]] = True
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    block = is_class[ind].astype(np.int64)
    counts = np.zeros((len(indptr) - 1, 2))
    np.add.at(counts, (rows, block), 1.0)
    data = 1.0 / np.sqrt(np.maximum(counts[rows, block], 1.0))
    return sparse.csr_matrix((data, ind, np.array(indptr, np.int64)), shape=(len(indptr) - 1, len(terms)))


def cue_matrix(claims: Sequence[str], headlines: Sequence[str]) -> np.ndarray:
    return np.array([cue_features(c, h) for c, h in zip(claims, headlines)], np.float64).reshape(
        len(claims), len(CUE_NAMES))


def design_matrix(claims: Sequence[str], headlines: Sequence[str], terms: dict[str, int],
                  cue_mean: np.ndarray, cue_scale: np.ndarray, cue_weight: float = 1.0,
                  cues: np.ndarray | None = None) -> sparse.csr_matrix:
    """[n-grams | standardised cues x cue_weight], the regression's input (`cues`: the
    raw `cue_matrix` where already computed). The weight matters because the
    l2-normalised n-gram rows and the unit-variance cues share one penalty: at weight 1
    the 22 cues outweigh the wording."""
    raw = cue_matrix(claims, headlines) if cues is None else cues
    cues = cue_weight * (raw - cue_mean) / cue_scale
    return sparse.hstack([term_matrix(claims, headlines, terms), sparse.csr_matrix(cues)], format="csr")


def fit_terms(claims: Sequence[str], headlines: Sequence[str], min_df: int = 2) -> dict[str, int]:
    """Vocabulary: `pair_terms` found in at least `min_df` training headlines, sorted."""
    df: dict[str, int] = {}
    for c, h in zip(claims, headlines):
        for t in pair_terms(c, h):
            df[t] = df.get(t, 0) + 1
    return {t: i for i, t in enumerate(sorted(t for t, k in df.items() if k >= min_df))}


def save_head(folder: Path, head: HeadlineHead) -> None:
    """`headline.npz` (arrays, trees as `trees_*`) + `headline.json` (terms in column
    order, cue names, weights, meta)."""
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {"coef": head.coef.astype(np.float32), "intercept": head.intercept.astype(np.float32),
              "cue_mean": head.cue_mean.astype(np.float64), "cue_scale": head.cue_scale.astype(np.float64),
              "seen": np.unique(head.seen.astype(np.uint64))}
    if head.trees is not None:
        arrays.update(head.trees.to_arrays(prefix="trees_"))
    np.savez_compressed(folder / f"{HEAD_NAME}.npz", **arrays)
    terms = sorted(head.terms, key=head.terms.__getitem__)
    meta = {**head.meta, "labels": list(HEAD_LABELS), "cue_names": list(CUE_NAMES),
            "tree_cue_names": list(TREE_CUE_NAMES), "word_classes": WORD_CLASSES, "cue_weight": head.cue_weight,
            "tree_weight": head.tree_weight if head.trees is not None else 0.0, "terms": terms}
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
    with np.load(path / f"{HEAD_NAME}.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    trees = TreeEnsemble.from_arrays(arrays, prefix="trees_") if "trees_roots" in arrays else None
    stale = list(meta.get("cue_names", [])) != list(CUE_NAMES)
    # Trees that read other claim cues, or classes that changed, would score silently wrong.
    if trees is not None:
        stale |= list(meta.get("tree_cue_names", [])) != list(TREE_CUE_NAMES)
        stale |= meta.get("word_classes") != WORD_CLASSES
    if stale:
        raise CounterpointError(f"headline head in {path} was trained with other cue features: retrain it "
                                "(`counterpoint train headline-stance`)")
    terms = {t: i for i, t in enumerate(meta.pop("terms"))}
    return HeadlineHead(terms=terms, cue_mean=arrays["cue_mean"], cue_scale=arrays["cue_scale"],
                        coef=arrays["coef"].astype(np.float64), intercept=arrays["intercept"].astype(np.float64),
                        seen=arrays["seen"], meta=meta, cue_weight=float(meta.get("cue_weight", 1.0)),
                        trees=trees, tree_weight=float(meta.get("tree_weight", 0.0)) if trees is not None else 0.0)


def route_headline(variant: str | None = None, explicit_model: bool = False,
                   head_dir: Path | str | None = None) -> HeadlineHead | None:
    """Which scorer takes a headline pair: the head returned, or None for the stance
    model's trees (`StanceModel.predict_proba(..., kind="headline")`). The one place that
    decides, for `predict_stance` and `eval emergent` alike. In order:

    1. a variant other than lexical (the embeddings variant): None -- the caller asked
       for those trees, and the head has no embedding variant;
    2. a head folder given (`head_dir`): that head; an error where it holds none;
    3. an explicitly given stance model (`explicit_model`): None -- its trees;
    4. the packaged head where one ships; else None."""
    if variant not in (None, "lexical"):
        return None
    if head_dir is not None:
        head = load_head(head_dir)
        if head is None:
            raise CounterpointError(f"no headline stance head in {head_dir}: run `counterpoint train headline-stance`")
        return head
    return None if explicit_model else load_head()


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
        variant, produced = "lexical", stamp("stance.headline-lr", h.version)
    return [
        StancePrediction(
            label=LABELS[int(np.argmax(row[:3]))],  # type: ignore[arg-type]
            probabilities={lab: round(float(p), 6) for lab, p in zip(LABELS, row)},
            variant=variant, produced_by=produced,  # type: ignore[arg-type]
        )
        for row in probs
    ]
