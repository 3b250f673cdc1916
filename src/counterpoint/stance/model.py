"""The shipped stance model: load it, score (claim or headline, text) pairs.

Labels: agree, disagree, discuss, unrelated (FNC-1). For Emergent-style pairs (a claim
against another *headline*, `kind="headline"`) the same trees score the pair with the
pair-kind feature set, and the prediction is the best of agree / disagree / discuss
(Emergent's for / against / observing; it has no unrelated class).

Variants:
1. "lexical" (the default, `variant=None`): TF-IDF / overlap / cue features only
   (numpy + scipy). The embeddings variant beats it in the trainer's grouped
   cross-validation but not on the held-out stories (MODEL_CARD.md), and it runs
   ~100x faster, so it is the default whatever is installed;
2. "embeddings" (opt-in, `variant="embeddings"`): lexical features + the sentence-embedding
   columns named in model.json `embedding_feature_names` (stance/embed.py: cosines, cue
   rates in the embedding-chosen sentences, and the class scores of the stacked
   embedding heads when the model ships them), when the model ships that tree set and
   the `embeddings` extra is importable.
The prediction says which variant ran.

Files in the model folder: `stance.npz` (vocabulary, idf, the two stacked linear
scorers, the embedding heads when trained, tree arrays, hashes of every training text;
no pickle) and `model.json` (labels, feature names, hyper-parameters, figures).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import Field

from counterpoint.errors import CounterpointError
from counterpoint.provenance import stamp
from counterpoint.records import Record
from counterpoint.stance import embed
from counterpoint.stance.features import Vocabulary, pair_features
from counterpoint.stance.linear import LinearStance
from counterpoint.stance.text import text_hashes
from counterpoint.stance.trees import TreeEnsemble

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = 3  # the first three labels
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "stance"
Variant = Literal["lexical", "embeddings"]
PairKind = Literal["body", "headline"]


class StancePrediction(Record):
    """Stance of a text toward a claim/headline, with class probabilities."""

    label: Literal["agree", "disagree", "discuss", "unrelated"]
    probabilities: dict[str, float] = Field(default_factory=dict)
    variant: Variant
    produced_by: str


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while features are built: a batch makes tens
    of thousands of token lists and sets that all live to its end (no cycles to find),
    and the repeated full collections they trigger cost ~15 % of scoring time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(frozen=True)
class StanceModel:
    vocab: Vocabulary
    linear: dict[str, LinearStance]  # pair kind ("body", "headline") -> stacked linear scorer
    trees: dict[str, TreeEnsemble]  # variant -> trees
    seen: np.ndarray  # sorted uint64 hashes of every text used in training or tuning
    meta: dict
    heads: dict[str, LinearStance] = field(default_factory=dict)  # pair kind -> embedding head (may be empty)

    def variant(self, requested: Variant | None = None) -> Variant:
        """The variant that will run: the requested one, else lexical (see the module docstring)."""
        if requested == "embeddings" and ("embeddings" not in self.trees or not embed.available()):
            raise CounterpointError("the embeddings variant needs the `embeddings` extra and a model trained with it")
        if requested not in (None, "lexical", "embeddings"):
            raise CounterpointError(f"unknown stance variant {requested!r}: lexical or embeddings")
        if requested is not None:
            return requested
        return "lexical"

    def features(self, claims: Sequence[str], texts: Sequence[str], kind: PairKind,
                 variant: Variant, cache: Path | None = None) -> np.ndarray:
        """Lexical pair features, the linear scores of `kind`, then (variant embeddings)
        the embedding cosines: the column order the trees were trained on."""
        with _no_gc():
            x, blocks = pair_features(claims, texts, self.vocab, [1 if kind == "headline" else 0] * len(claims),
                                      with_blocks=True)
        x = np.hstack([x, self.linear[kind].scores(blocks)])
        if variant == "embeddings":
            names = self.meta.get("embedding_feature_names") or list(embed.NAMES)
            x = np.hstack([x, embed.embedding_features(claims, texts, cache, heads=self.heads,
                                                       kinds=[1 if kind == "headline" else 0] * len(claims),
                                                       names=names)])
        return x

    def predict_proba(self, claims: Sequence[str], texts: Sequence[str], kind: PairKind = "body",
                      variant: Variant | None = None, cache: Path | None = None) -> tuple[np.ndarray, Variant]:
        """(n, 4) probabilities over LABELS; for kind "headline", unrelated is 0 and the
        three related classes are renormalised. `cache`: an .npz of sentence embeddings
        by text hash (embeddings variant only)."""
        v = self.variant(variant)
        if not claims:
            return np.zeros((0, len(LABELS))), v
        p = self.trees[v].predict_proba(self.features(claims, texts, kind, v, cache))
        if kind == "headline":
            p[:, RELATED:] = 0.0
            p /= p.sum(axis=1, keepdims=True)
        return p, v

    def is_seen(self, texts: Sequence[str]) -> np.ndarray:
        """True where the normalised text was used to train or tune the model."""
        return np.isin(text_hashes(list(texts)), self.seen)


def save_model(folder: Path, vocab: Vocabulary, linear: dict[str, LinearStance], trees: dict[str, TreeEnsemble],
               seen: np.ndarray, meta: dict, heads: dict[str, LinearStance] | None = None) -> None:
    """Write stance.npz + model.json; `heads`: the embedding heads per pair kind, if trained."""
    folder.mkdir(parents=True, exist_ok=True)
    terms = sorted(vocab.terms, key=vocab.terms.__getitem__)
    arrays: dict[str, np.ndarray] = {
        "terms": np.array(terms, dtype=np.str_), "idf": vocab.idf.astype(np.float32),
        "seen": np.unique(seen.astype(np.uint64)),
    }
    for name, t in trees.items():
        arrays.update(t.to_arrays(prefix=f"{name}_"))
    for kind, lin in linear.items():
        arrays.update(lin.to_arrays(prefix=f"linear_{kind}_"))
    for kind, head in (heads or {}).items():
        arrays.update(head.to_arrays(prefix=f"embhead_{kind}_"))
    np.savez_compressed(folder / "stance.npz", **arrays)
    meta = {**meta, "labels": list(LABELS), "variants": sorted(trees)}
    (folder / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")


def load_model(folder: Path | str | None = None) -> StanceModel:
    """Load a model folder (default: the packaged one). Cached per folder."""
    return _load(str(Path(folder) if folder is not None else MODEL_DIR))


@lru_cache(maxsize=4)
def _load(folder: str) -> StanceModel:
    path = Path(folder)
    if not (path / "stance.npz").exists():
        raise CounterpointError(f"no stance model in {path}: run `counterpoint train stance`")
    meta = json.loads((path / "model.json").read_text())
    with np.load(path / "stance.npz", allow_pickle=False) as z:
        terms = z["terms"].tolist()
        vocab = Vocabulary({t: i for i, t in enumerate(terms)}, z["idf"])
        trees = {v: TreeEnsemble.from_arrays(z, prefix=f"{v}_") for v in meta["variants"]}
        linear = {k: LinearStance.from_arrays(z, prefix=f"linear_{k}_") for k in ("body", "headline")}
        seen = z["seen"]
        heads = {k: LinearStance.from_arrays(z, prefix=f"embhead_{k}_") for k in ("body", "headline")
                 if f"embhead_{k}_coef" in z.files}
    return StanceModel(vocab=vocab, linear=linear, trees=trees, seen=seen, meta=meta, heads=heads)


def predict_stance(
    pairs: Sequence[tuple[str, str]],
    kind: PairKind = "body",
    variant: Variant | None = None,
    model: StanceModel | None = None,
) -> list[StancePrediction]:
    """Stance of each (claim or headline, text) pair; one batch, one call to the trees.

    Emergent-style pairs (`kind="headline"`) go where `stance.headline.route_headline`
    sends them (the one place that decides, shared with `eval emergent`): the headline
    head for the packaged model and the lexical variant; the trees for an explicit model
    or the embeddings variant."""
    if kind == "headline":
        from counterpoint.stance.headline import predict_headline_stance, route_headline  # imports this module

        if (head := route_headline(variant, explicit_model=model is not None)) is not None:
            return predict_headline_stance([c for c, _ in pairs], [t for _, t in pairs], head=head)
    m = model or load_model()
    probs, v = m.predict_proba([c for c, _ in pairs], [t for _, t in pairs], kind=kind, variant=variant)
    produced = stamp(f"stance.gbm-{v}", 1)
    out = []
    for row in probs:
        out.append(StancePrediction(
            label=LABELS[int(np.argmax(row))],  # type: ignore[arg-type]
            probabilities={lab: round(float(p), 6) for lab, p in zip(LABELS, row)},
            variant=v, produced_by=produced,
        ))
    return out
