"""Training the attribution tagger (attribution/model.py) on PolNeAR's train compartment.

Steps of `train_attribution`:
  1. parse the 'train' documents with the fast path the product runs
     (`nlp.model.parse_fast`; cached as a DocBin in the system temp folder, never in the
     repo, so reruns are fast) and find their entities (`nlp.entities.find_entities`);
  2. gold BIO tags per token from the annotated character ranges (a token takes the
     role of any range it overlaps; PolNeAR is univocal, the first role wins);
  3. unless c1 and c2 are given, tune them on a seeded 10 % of the train documents
     held out (small grid, fewer iterations); every figure is `eval.metrics` (the
     scorer of `counterpoint eval polnear`) over the tagger's attributions
     (`attribution.model.predict_attributions`) against the gold ones;
  4. train python-crfsuite (L-BFGS) on ALL train documents with the chosen c1/c2;
  5. export to a safe format: weights.npz + vocab.json (no pickle), attributes
     whose weights are all ~0 dropped;
  6. when the model is written to the packaged folder, score the whole attribution
     stage on the dev compartment with `eval.polnear.evaluate_polnear` (reporting
     only: nothing is chosen on dev), then rewrite MODEL_CARD.md in full.

python-crfsuite is a training-only dependency (extra `train`); runtime decoding is
numpy (attribution/model.py).
"""

from __future__ import annotations

import json
import logging
import random
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.attribution.model import (
    LABELS,
    MODEL_DIR,
    doc_features,
    sequence_units,
    unit_features,
)

log = logging.getLogger(__name__)

GRID = ((0.05, 0.01), (0.2, 0.01), (0.5, 0.05))
TUNE_ITERATIONS = 60
PRUNE_BELOW = 1e-4
MIN_FREQ = 2
COMMAND = "counterpoint train attribution ../shared/eval/polnear"
Sequence = tuple[list[list[str]], list[str]]


# ---------------------------------------------------------------------------- data
def gold_tags(doc: Any, attributions: Iterable[Any]) -> list[str]:
    """BIO tags for every token of the doc from the gold character ranges."""
    tags = ["O"] * len(doc)
    starts = np.array([t.idx for t in doc]) if len(doc) else np.zeros(0, dtype=int)
    ends = starts + np.array([len(t.text) for t in doc]) if len(doc) else starts
    for att in attributions:
        for role in ("source", "cue", "content"):
            for s, e in att.role(role):
                hit = np.nonzero((starts < e) & (ends > s))[0]
                first = True
                for i in hit:
                    if doc[int(i)].is_space:
                        continue
                    if tags[i] == "O":
                        tags[i] = ("B-" if first else "I-") + role.upper()
                    first = False
    return tags


def parse_cached(docs: list[Any], compartment: str) -> list[Any]:
    """Fast-path spaCy Docs for the PolNeAR docs, cached in the temp folder."""
    from spacy.tokens import DocBin

    from counterpoint.nlp.model import load_nlp, parse_fast

    vocab = load_nlp().vocab
    base = Path(tempfile.gettempdir())
    path = base / f"cp_fastparse_{compartment}.spacy"
    names_path = base / f"cp_fastparse_{compartment}.names"
    names = [d.name for d in docs]
    if path.is_file() and names_path.is_file() and names_path.read_text().split("\n") == names:
        return list(DocBin().from_disk(path).get_docs(vocab))
    parsed = [parse_fast(d.text) for d in docs]
    bin_ = DocBin(store_user_data=False)
    for d in parsed:
        bin_.add(d)
    bin_.to_disk(path)
    names_path.write_text("\n".join(names))
    return parsed


def article_for(name: str, text: str) -> Any:
    from counterpoint.records import Article

    return Article(id=f"{abs(hash(name)):016x}".ljust(32, "0"), source=name, body=text,
                   produced_by="train/1")


def doc_entities(name: str, text: str, doc: Any) -> list[Any]:
    from counterpoint.nlp.entities import find_entities

    return find_entities(article_for(name, text), doc)


def doc_sequences(doc: Any, tags: list[str], entities: Iterable[Any] = ()) -> list[Sequence]:
    feats = doc_features(doc, list(entities))
    return [(unit_features(doc, s, e, feats), tags[s:e]) for s, e in sequence_units(doc)]


# ---------------------------------------------------------------------------- scoring
def tagger_figures(directory: Path, held: list[tuple[Any, Any, list[Any]]]) -> dict[str, Any]:
    """`eval.metrics` figures of the tagger in `directory` alone on held-out documents,
    given as (PolnearDoc, Doc, entities)."""
    from counterpoint.attribution.model import Tagger, predict_attributions
    from counterpoint.eval.metrics import DocumentCounts, score_document, summarize
    from counterpoint.eval.polnear import attribution_ranges

    tagger = Tagger.load(directory)
    total = DocumentCounts()
    for d, doc, entities in held:
        predicted = attribution_ranges(predict_attributions(doc, entities, tagger))
        total = total + score_document(d.text, predicted, d.attributions)
    return summarize(total)


def headline(figures: dict[str, Any]) -> dict[str, float]:
    """The figures the card and the tuning log show, flat."""
    out = {}
    for role in ("source", "cue", "content", "attribution"):
        for kind in ("exact", "overlap"):
            out[f"{role}_{kind}_f1"] = figures[role][kind]["f1"]
    return out


# ---------------------------------------------------------------------------- crfsuite
def _train(seqs: list[Sequence], path: Path, c1: float, c2: float, iterations: int) -> float:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in seqs:
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": MIN_FREQ})
    t = time.time()
    trainer.train(str(path))
    return time.time() - t


def export_weights(model_path: Path, out_dir: Path) -> dict[str, Any]:
    """crfsuite model -> weights.npz + vocab.json (safe formats); returns sizes."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = list(LABELS)
    col = {lab: i for i, lab in enumerate(labels)}
    weights: dict[str, np.ndarray] = {}
    for (attr, label), w in info.state_features.items():
        if abs(w) < PRUNE_BELOW:
            continue
        weights.setdefault(attr, np.zeros(len(labels), dtype=np.float32))[col[label]] = w
    attributes = sorted(weights)
    state = (np.stack([weights[a] for a in attributes]) if attributes
             else np.zeros((0, len(labels))))
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        transitions[col[a], col[b]] = w
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "weights.npz", state=state.astype(np.float32),
                        transitions=transitions)
    (out_dir / "vocab.json").write_text(json.dumps(
        {"format": 1, "labels": labels, "attributes": attributes}, ensure_ascii=False),
        encoding="utf-8")
    return {"attributes": len(attributes),
            "bytes": sum((out_dir / f).stat().st_size for f in ("weights.npz", "vocab.json"))}


# ---------------------------------------------------------------------------- main
def load_train(data_dir: Path, progress: bool = True) -> list[tuple[Any, Any, list[Any]]]:
    """(PolnearDoc, fast-path Doc, entities) for every document of 'train'."""
    from counterpoint.eval.polnear_data import load_polnear

    docs = list(load_polnear(data_dir, {"train"}))
    parsed = parse_cached(docs, "train")
    out = []
    for i, (d, doc) in enumerate(zip(docs, parsed)):
        out.append((d, doc, doc_entities(d.name, d.text, doc)))
        if progress and i % 100 == 0:
            log.info("entities: %d/%d docs", i, len(docs))
    return out


def train_attribution(
    data_dir: Path,
    out_dir: Path = MODEL_DIR,
    *,
    seed: int = 0,
    c1: float | None = None,
    c2: float | None = None,
    max_iterations: int = 100,
    progress: bool = True,
) -> dict[str, Any]:
    """Tune (unless c1/c2 given), train on all of train, export, score dev, write the
    model card; returns the figures (module docstring)."""
    if progress:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    t0 = time.time()
    data = load_train(Path(data_dir), progress)
    per_doc = [doc_sequences(doc, gold_tags(doc, d.attributions), ents) for d, doc, ents in data]
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    n_held = max(1, len(order) // 10)
    held = set(order[:n_held])
    fit = [s for i, seqs in enumerate(per_doc) if i not in held for s in seqs]
    held_docs = [data[i] for i in sorted(held)]
    tmp = Path(tempfile.mkdtemp(prefix="cp_crf_"))
    tuning: list[dict[str, Any]] = []
    given = c1 is not None and c2 is not None
    grid = [(c1, c2)] if given else list(GRID)
    figures: dict[str, Any] = {}
    for gc1, gc2 in grid:
        iterations = max_iterations if given else min(max_iterations, TUNE_ITERATIONS)
        secs = _train(fit, tmp / "tune.crfsuite", gc1, gc2, iterations)
        export_weights(tmp / "tune.crfsuite", tmp / "tune")
        figures = tagger_figures(tmp / "tune", held_docs)
        row = {"c1": gc1, "c2": gc2, "iterations": iterations, "seconds": round(secs, 1),
               **headline(figures)}
        tuning.append(row)
        log.info("c1=%s c2=%s content_overlap=%.3f source_exact=%.3f (%.0fs)", gc1, gc2,
                 row["content_overlap_f1"], row["source_exact_f1"], secs)
    best = max(tuning, key=lambda r: r["content_overlap_f1"] + r["source_exact_f1"])
    if not given:  # the held-out figures of the chosen setting at full iterations
        _train(fit, tmp / "tune.crfsuite", best["c1"], best["c2"], max_iterations)
        export_weights(tmp / "tune.crfsuite", tmp / "tune")
        figures = tagger_figures(tmp / "tune", held_docs)
    all_seqs = [s for seqs in per_doc for s in seqs]
    train_secs = _train(all_seqs, tmp / "final.crfsuite", best["c1"], best["c2"], max_iterations)
    exported = export_weights(tmp / "final.crfsuite", Path(out_dir))
    result: dict[str, Any] = {
        "seed": seed, "c1": best["c1"], "c2": best["c2"], "max_iterations": max_iterations,
        "c_given": given, "train_docs": len(data), "heldout_docs": n_held,
        "train_tokens": sum(len(y) for _, y in all_seqs), "sequences": len(all_seqs),
        "heldout": headline(figures), "tuning": tuning,
        "final_train_seconds": round(train_secs, 1), "export": exported,
    }
    log.info("final model trained in %.0fs", train_secs)
    result["dev"] = dev_figures(Path(data_dir), Path(out_dir))
    result["total_seconds"] = round(time.time() - t0, 1)
    write_model_card(Path(out_dir), result)
    return result


def dev_figures(data_dir: Path, out_dir: Path) -> dict[str, Any] | None:
    """The whole attribution stage on dev (`counterpoint eval polnear`), run only when
    the model went to the packaged folder (the stage loads the tagger from there)."""
    from counterpoint.attribution import model as crf
    from counterpoint.eval.polnear import evaluate_polnear

    if out_dir.resolve() != MODEL_DIR.resolve():
        return None
    crf.load_tagger.cache_clear()
    result = evaluate_polnear(data_dir, compartments=("dev",), systems=("counterpoint",))
    metrics = result["systems"]["counterpoint"]
    return {"documents": result["documents"], "words_per_s": metrics["words_per_s"],
            **{f"{role}_{kind}_{m}": metrics[role][kind][m]
               for role in ("source", "cue", "content", "attribution")
               for kind in ("exact", "overlap") for m in ("p", "r", "f1")}}


def write_model_card(out_dir: Path, result: dict[str, Any]) -> None:
    """MODEL_CARD.md, written in full from `result` (never appended to)."""
    held = result["heldout"]
    rows = "\n".join(f"| {k} | {v:.3f} |" for k, v in sorted(held.items()))
    tune = "\n".join(
        f"| {r['c1']} | {r['c2']} | {r['iterations']} | {r['content_overlap_f1']:.3f} | "
        f"{r['source_exact_f1']:.3f} |" for r in result["tuning"])
    how = ("c1/c2 given on the command line (the values an earlier grid search over "
           f"{', '.join(f'({a}, {b})' for a, b in GRID)} chose); held-out figures below"
           if result["c_given"] else
           f"c1/c2 chosen on the held-out part, grid at {TUNE_ITERATIONS} iterations")
    dev = result.get("dev")
    if dev:
        dev_rows = "\n".join(
            f"| {role} | {dev[f'{role}_exact_f1']:.3f} | {dev[f'{role}_overlap_f1']:.3f} | "
            f"{dev[f'{role}_overlap_p']:.3f} | {dev[f'{role}_overlap_r']:.3f} |"
            for role in ("source", "cue", "content", "attribution"))
        dev_part = f"""## Dev figures (reporting only; dev was never used to train or tune)

The whole attribution stage (`counterpoint.attribution.stage.attribute_article`: fast
parse, entities, rules, then this tagger) on the {dev['documents']} dev documents, scored
by `counterpoint.eval.metrics` exactly as `counterpoint eval polnear
../shared/eval/polnear` prints them (exact = same normalized extent; overlap =
proportional token overlap):

| role | exact F1 | overlap F1 | overlap P | overlap R |
|---|---|---|---|---|
{dev_rows}
"""
    else:
        dev_part = ("## Dev figures\n\nNot computed: the model was written outside the "
                    "packaged folder, which is where the stage loads it from.\n")
    card = f"""# attribution-crf: model card

A linear-chain CRF that tags spaCy tokens with BIO tags for SOURCE, CUE and CONTENT
(`counterpoint.attribution.model`). Used by the attribution stage after the rules:
its attributions are added where their content overlaps no rule attribution; where
it overlaps one and its source phrase contains the rule's source words, the rule's
source span is widened to the tagged phrase.

This file is written in full by the trainer; do not edit it by hand.

- **Data**: PolNeAR (../shared/eval/polnear), compartment `train` only
  ({result['train_docs']} documents, {result['train_tokens']} tokens in
  {result['sequences']} sequences; a sequence is a paragraph, cut at sentence ends to at
  most 200 tokens). Gold tags from the first listed annotator's `.ann`. The `dev`
  compartment was not used for training or tuning.
- **Parse**: the fast path the product runs (`counterpoint.nlp.model.parse_fast`:
  en_core_web_sm's tok2vec, tagger and parser; POS and lemmas equal to its attribute
  ruler and lemmatizer, from a cache; no entity recognizer).
- **Features** (per token, strings): lower form, lemma, POS, fine tag, dependency,
  head lemma/dependency/POS, shape, 3-char prefix/suffix, the label and B/I of the
  article's entity covering the token (`counterpoint.nlp.entities.find_entities` on the
  fast-path Doc: PROPN runs, alias table, titles, organisation words), quote character,
  inside-quotes state, cue-lexicon membership (`attribution.cues.CUES`) of the token and
  of its head, bucketed distance to the nearest cue, the relation of the token to its
  nearest cue ancestor (subject / content via ccomp, xcomp, ... / other) with the cue
  lemma, sentence start/end; word, POS, dependency, cue, quote and path features of the
  tokens at -2..+2. crfsuite `feature.minfreq={MIN_FREQ}`; attributes whose weights are
  all below {PRUNE_BELOW} are dropped at export ({result['export']['attributes']} kept).
- **Training**: python-crfsuite, L-BFGS, c1={result['c1']}, c2={result['c2']},
  {result['max_iterations']} iterations, seed {result['seed']}, all transitions; {how}.
  Held out: a seeded 10 % of train documents ({result['heldout_docs']} docs).

| c1 | c2 | iterations | content overlap F1 | source exact F1 |
|---|---|---|---|---|
{tune}

- **Held-out figures** (the 10 % of train; the tagger alone, trained on the other
  90 %, decoded to attributions by `predict_attributions`, scored by
  `counterpoint.eval.metrics`):

| figure | value |
|---|---|
{rows}

- **Training time**: final model {result['final_train_seconds']} s; whole run
  including parsing, held-out training, export and the dev scoring
  {result['total_seconds']} s (2 shared CPU cores).
- **Format**: `weights.npz` (numpy, no pickle: `state` attributes x labels,
  `transitions` labels x labels, float32) and `vocab.json` (labels, attribute
  strings in row order); {result['export']['bytes']} bytes. Decoded by a numpy
  Viterbi; python-crfsuite is not needed at run time.
- **Reproduce**: `{COMMAND}{'' if not result['c_given'] else f" --c1 {result['c1']} --c2 {result['c2']}"}`
  (seed {result['seed']}).
- **Limits**: English news (US politics 2016); the spaCy small model's parses; a
  source is attached to the nearest cue of its paragraph; content with no cue in
  its paragraph is dropped.

{dev_part}"""
    (out_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")
