"""Training the attribution tagger (attribution/model.py) on PolNeAR's train compartment.

Steps of `train_attribution`:
  1. parse the 'train' documents with the shared spaCy pipeline (cached as a DocBin
     in the system temp folder, never in the repo, so reruns are fast);
  2. gold BIO tags per token from the annotated character ranges (a token takes the
     role of any range it overlaps; PolNeAR is univocal, the first role wins);
  3. unless c1 and c2 are given, tune them on a seeded 10 % of the train documents
     held out (small grid, fewer iterations), scoring with `score_spans`;
  4. train python-crfsuite (L-BFGS) on ALL train documents with the chosen c1/c2;
  5. export to a safe format: weights.npz + vocab.json (no pickle), attributes
     whose weights are all ~0 dropped; write MODEL_CARD.md.
The dev compartment is never read here (it is for reporting only).

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
    sequence_units,
    tag_spans,
    unit_features,
)

log = logging.getLogger(__name__)

GRID = ((0.05, 0.01), (0.2, 0.01), (0.5, 0.05))
TUNE_ITERATIONS = 60
PRUNE_BELOW = 1e-4
MIN_FREQ = 2
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


def parse_cached(docs: list[Any], compartment: str, nlp: Any | None = None) -> list[Any]:
    """spaCy Docs for the PolNeAR docs, cached in the temp folder by compartment."""
    from spacy.tokens import DocBin

    from counterpoint.nlp.model import load_nlp

    nlp = nlp or load_nlp()
    base = Path(tempfile.gettempdir())
    path = base / f"cp_parse_{compartment}.spacy"
    names_path = base / f"cp_parse_{compartment}.names"
    names = [d.name for d in docs]
    if path.is_file() and names_path.is_file() and names_path.read_text().split("\n") == names:
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
    bin_ = DocBin(store_user_data=False)
    for d in parsed:
        bin_.add(d)
    bin_.to_disk(path)
    names_path.write_text("\n".join(names))
    return parsed


def doc_sequences(doc: Any, tags: list[str]) -> list[Sequence]:
    return [(unit_features(doc, s, e), tags[s:e]) for s, e in sequence_units(doc)]


# ---------------------------------------------------------------------------- scoring
def _role_spans(tags: list[str]) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {r: set() for r in ("SOURCE", "CUE", "CONTENT")}
    for role, a, b in tag_spans(tags):
        out[role].add((a, b))
    return out


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_spans(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    """Token-level F1 per role, exact-span F1 and span-overlap F1 per role.

    Overlap: a predicted span counts as right when it overlaps a gold span of the
    same role (precision), a gold span as found when a predicted one overlaps it."""
    out: dict[str, float] = {}
    for role in ("SOURCE", "CUE", "CONTENT"):
        tp = fp = fn = 0
        ex_tp = n_pred = n_gold = 0
        ov_p = ov_r = 0
        for g, p in zip(gold, pred):
            for a, b in zip(g, p):
                ga, pa = a.endswith(role), b.endswith(role)
                tp += ga and pa
                fp += pa and not ga
                fn += ga and not pa
            gs, ps = _role_spans(g)[role], _role_spans(p)[role]
            n_pred += len(ps)
            n_gold += len(gs)
            ex_tp += len(gs & ps)
            ov_p += sum(any(a < d and c < b for c, d in gs) for a, b in ps)
            ov_r += sum(any(a < d and c < b for c, d in ps) for a, b in gs)
        key = role.lower()
        out[f"{key}_token_f1"] = _f1(_div(tp, tp + fp), _div(tp, tp + fn))
        out[f"{key}_exact_f1"] = _f1(_div(ex_tp, n_pred), _div(ex_tp, n_gold))
        out[f"{key}_overlap_f1"] = _f1(_div(ov_p, n_pred), _div(ov_r, n_gold))
    return out


Roles = dict[str, tuple[tuple[int, int], ...]]


def record_roles(attributions: Iterable[Any], text: str) -> list[Roles]:
    """Role ranges of pipeline Attribution records; the outlet's own voice is left out
    (PolNeAR annotates sources' statements, not the outlet's)."""
    out = []
    for a in attributions:
        if a.source.kind.value == "outlet":
            continue
        src = a.source.span
        out.append({
            "source": ((src.start, src.end),)
            if src is not None and text[src.start:src.end] == src.text else (),
            "cue": ((a.cue.start, a.cue.end),) if a.cue is not None else (),
            "content": tuple((c.start, c.end) for c in a.content),
        })
    return out


def _norm(text: str, ranges: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    if not ranges:
        return None
    s, e = min(a for a, _ in ranges), max(b for _, b in ranges)
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return (s, e) if e > s else None


def score_documents(texts: list[str], gold: list[list[Roles]], pred: list[list[Roles]]
                    ) -> dict[str, float]:
    """Exact and span-overlap P/R/F1 per role over documents (distinct spans per doc).

    Exact: the extents (first to last character, outer punctuation stripped) are equal.
    Overlap: a predicted item is right when any of its pieces overlaps a piece of a
    gold item of the same role; a gold item is found when a predicted one overlaps it."""
    def hits(item: tuple[tuple[int, int], ...], others: set) -> bool:
        return any(s < d and c < e for s, e in item for other in others for c, d in other)

    out: dict[str, float] = {}
    for role in ("source", "cue", "content"):
        ex = n_pred = n_gold = ov_p = ov_r = n_pi = n_gi = 0
        for text, g, p in zip(texts, gold, pred):
            gi = {r[role] for r in g if r[role]}
            pi = {r[role] for r in p if r[role]}
            gn = {_norm(text, x) for x in gi} - {None}
            pn = {_norm(text, x) for x in pi} - {None}
            n_gold, n_pred, ex = n_gold + len(gn), n_pred + len(pn), ex + len(gn & pn)
            ov_p += sum(hits(x, gi) for x in pi)
            ov_r += sum(hits(x, pi) for x in gi)
            n_pi, n_gi = n_pi + len(pi), n_gi + len(gi)
        for name, p_, r_ in (
            ("exact", ex / n_pred if n_pred else 0.0, ex / n_gold if n_gold else 0.0),
            ("overlap", ov_p / n_pi if n_pi else 0.0, ov_r / n_gi if n_gi else 0.0),
        ):
            out[f"{role}_{name}_p"], out[f"{role}_{name}_r"] = round(p_, 4), round(r_, 4)
            out[f"{role}_{name}_f1"] = round(_f1(p_, r_), 4)
    return out


def heldout_names(data_dir: Path, seed: int = 0) -> set[str]:
    """The train documents `train_attribution` holds out for tuning with this seed."""
    from counterpoint.eval.polnear_data import load_polnear

    names = [d.name for d in load_polnear(Path(data_dir), {"train"})]
    order = list(range(len(names)))
    random.Random(seed).shuffle(order)
    return {names[i] for i in order[: max(1, len(order) // 10)]}


def evaluate_pipeline(data_dir: Path, compartment: str = "dev", *, model: bool = True,
                      names: set[str] | None = None) -> dict[str, float]:
    """Run analyze_article over a compartment's texts and score the attributions.

    `model=False` scores the rules alone. Where a later pipeline stage raises, the
    attribution stage is run by itself on that document (counted in the result)."""
    from counterpoint.attribution import extract_attributions
    from counterpoint.attribution import model as crf
    from counterpoint.eval.polnear_data import load_polnear
    from counterpoint.nlp.entities import find_entities
    from counterpoint.nlp.model import load_nlp
    from counterpoint.pipeline import analyze_article
    from counterpoint.records import Article

    docs = [d for d in load_polnear(Path(data_dir), {compartment})
            if names is None or d.name in names]
    texts, gold, pred = [], [], []
    failures = 0
    original = crf.load_tagger
    try:
        if not model:
            crf.load_tagger = lambda *a, **k: None  # rules only
        for d in docs:
            article = Article(id=f"{abs(hash(d.name)):016x}", source=d.name, body=d.text,
                              produced_by="eval/1")
            try:
                attributions = analyze_article(article).attributions
            except Exception:  # a later stage failing must not hide the attributions
                failures += 1
                doc = load_nlp()(d.text)
                attributions = extract_attributions(article, doc, find_entities(article, doc))
            texts.append(d.text)
            gold.append([{r: a.role(r) for r in ("source", "cue", "content")}
                         for a in d.attributions])
            pred.append(record_roles(attributions, d.text))
    finally:
        crf.load_tagger = original
    return {**score_documents(texts, gold, pred), "docs": len(docs), "pipeline_failures": failures}


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


def _tag_all(model_path: Path, seqs: list[Sequence]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return [list(tagger.tag(x)) for x, _ in seqs]


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
def load_train_sequences(
    data_dir: Path, progress: bool = True
) -> tuple[list[str], list[list[Sequence]]]:
    """(document names, sequences per document) for the 'train' compartment."""
    from counterpoint.eval.polnear_data import load_polnear

    docs = list(load_polnear(data_dir, {"train"}))
    parsed = parse_cached(docs, "train")
    per_doc = []
    for i, (d, doc) in enumerate(zip(docs, parsed)):
        per_doc.append(doc_sequences(doc, gold_tags(doc, d.attributions)))
        if progress and i % 100 == 0:
            log.info("features: %d/%d docs", i, len(docs))
    return [d.name for d in docs], per_doc


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
    """Tune (unless c1/c2 given), train on all of train, export; returns the figures."""
    if progress:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    t0 = time.time()
    names, per_doc = load_train_sequences(Path(data_dir), progress)
    order = list(range(len(names)))
    random.Random(seed).shuffle(order)
    n_held = max(1, len(order) // 10)
    held = set(order[:n_held])
    fit = [s for i, seqs in enumerate(per_doc) if i not in held for s in seqs]
    heldout = [s for i, seqs in enumerate(per_doc) if i in held for s in seqs]
    tmp = Path(tempfile.mkdtemp(prefix="cp_crf_"))
    tuning: list[dict[str, Any]] = []
    grid = [(c1, c2)] if c1 is not None and c2 is not None else list(GRID)
    for gc1, gc2 in grid:
        secs = _train(fit, tmp / "tune.crfsuite", gc1, gc2,
                      min(max_iterations, TUNE_ITERATIONS) if len(grid) > 1 else max_iterations)
        figures = score_spans([y for _, y in heldout], _tag_all(tmp / "tune.crfsuite", heldout))
        tuning.append({"c1": gc1, "c2": gc2, "seconds": round(secs, 1), **figures})
        log.info("c1=%s c2=%s content_overlap=%.3f source_exact=%.3f (%.0fs)", gc1, gc2,
                 figures["content_overlap_f1"], figures["source_exact_f1"], secs)
    best = max(tuning, key=lambda r: r["content_overlap_f1"] + r["source_exact_f1"])
    heldout_fig = best
    if len(grid) > 1:  # the held-out figures of the chosen setting at full iterations
        _train(fit, tmp / "tune.crfsuite", best["c1"], best["c2"], max_iterations)
        heldout_fig = {"c1": best["c1"], "c2": best["c2"], **score_spans(
            [y for _, y in heldout], _tag_all(tmp / "tune.crfsuite", heldout))}
    all_seqs = fit + heldout
    t_final = time.time()
    train_secs = _train(all_seqs, tmp / "final.crfsuite", best["c1"], best["c2"], max_iterations)
    exported = export_weights(tmp / "final.crfsuite", Path(out_dir))
    result = {
        "seed": seed, "c1": best["c1"], "c2": best["c2"], "max_iterations": max_iterations,
        "train_docs": len(names), "heldout_docs": n_held,
        "train_tokens": sum(len(y) for _, y in all_seqs), "sequences": len(all_seqs),
        "heldout": {k: round(v, 4) for k, v in heldout_fig.items() if k.endswith("_f1")},
        "tuning": tuning, "final_train_seconds": round(train_secs, 1),
        "total_seconds": round(time.time() - t0, 1), "export": exported,
    }
    log.info("final model trained in %.0fs (total %.0fs)", time.time() - t_final,
             result["total_seconds"])
    write_model_card(Path(out_dir), result)
    return result


def write_model_card(out_dir: Path, result: dict[str, Any]) -> None:
    held = result["heldout"]
    rows = "\n".join(f"| {k} | {v:.3f} |" for k, v in sorted(held.items()))
    tune = "\n".join(
        f"| {r['c1']} | {r['c2']} | {r['content_overlap_f1']:.3f} | {r['source_exact_f1']:.3f} |"
        for r in result["tuning"])
    card = f"""# attribution-crf: model card

A linear-chain CRF that tags spaCy tokens with BIO tags for SOURCE, CUE and CONTENT
(`counterpoint.attribution.model`). Used by the attribution stage after the rules:
its attributions are added where their content overlaps no rule attribution; where
it overlaps one and its source phrase contains the rule's source words, the rule's
source span is widened to the tagged phrase (this step was designed after looking at
dev source mismatches, then checked on the held-out part of train, table below).

- **Data**: PolNeAR (../shared/eval/polnear), compartment `train` only
  ({result['train_docs']} documents, {result['train_tokens']} tokens in
  {result['sequences']} sequences; a sequence is a paragraph, cut at sentence ends to at
  most 200 tokens). Gold tags from the first listed annotator's `.ann`. The `dev`
  compartment was not used for training or tuning.
- **Features** (per token, strings): lower form, lemma, POS, fine tag, dependency,
  head lemma/dependency/POS, shape, 3-char prefix/suffix, entity type and IOB,
  quote character, inside-quotes state, cue-lexicon membership
  (`attribution.cues.CUES`) of the token and of its head, bucketed distance to the
  nearest cue, the relation of the token to its nearest cue ancestor (subject /
  content via ccomp, xcomp, ... / other) with the cue lemma, sentence start/end;
  word, POS, dependency, cue, quote and path features of the tokens at -2..+2.
  crfsuite `feature.minfreq={MIN_FREQ}`; attributes whose weights are all below
  {PRUNE_BELOW} are dropped at export ({result['export']['attributes']} kept).
- **Training**: python-crfsuite, L-BFGS, c1={result['c1']}, c2={result['c2']},
  {result['max_iterations']} iterations, seed {result['seed']}, all transitions.
  c1/c2 chosen on a seeded 10 % of train documents ({result['heldout_docs']} docs)
  held out, grid at {TUNE_ITERATIONS} iterations:

| c1 | c2 | content overlap F1 | source exact F1 |
|---|---|---|---|
{tune}

- **Held-out figures** (the 10 % of train, chosen setting, model trained on the
  other 90 %; token, exact-span and span-overlap F1 per role):

| figure | value |
|---|---|
{rows}

- **Training time**: final model {result['final_train_seconds']} s; whole run
  including parsing, tuning and export {result['total_seconds']} s (2 shared CPU cores).
- **Format**: `weights.npz` (numpy, no pickle: `state` attributes x labels,
  `transitions` labels x labels, float32) and `vocab.json` (labels, attribute
  strings in row order); {result['export']['bytes']} bytes. Decoded by a numpy
  Viterbi; python-crfsuite is not needed at run time.
- **Reproduce**: `counterpoint train attribution ../shared/eval/polnear` (or
  `python -c "from counterpoint.train.attribution import train_attribution;
  train_attribution(Path('../shared/eval/polnear'))"`), seed {result['seed']}.
- **Limits**: English news (US politics 2016); the spaCy small model's parses; a
  source is attached to the nearest cue of its paragraph; content with no cue in
  its paragraph is dropped.
"""
    (out_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def append_evaluation(out_dir: Path, title: str, rows: dict[str, dict[str, float]]) -> None:
    """Add a table of pipeline figures (columns: settings, e.g. rules vs cascade) to the card."""
    keys = ["content_overlap_f1", "content_overlap_p", "content_overlap_r", "source_exact_f1",
            "source_exact_p", "source_exact_r", "cue_exact_f1", "content_exact_f1", "docs"]
    head = "| figure | " + " | ".join(rows) + " |\n|---|" + "---|" * len(rows) + "\n"
    body = "".join(f"| {k} | " + " | ".join(str(r.get(k, "")) for r in rows.values()) + " |\n"
                   for k in keys)
    with (out_dir / "MODEL_CARD.md").open("a", encoding="utf-8") as fh:
        fh.write(f"\n## {title}\n\n{head}{body}")
