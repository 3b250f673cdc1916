"""Training helpers: gold tags, scoring, and the export reproducing crfsuite's tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.attribution.model import Tagger, sequence_units, unit_features
from counterpoint.eval.polnear_data import GoldAttribution
from counterpoint.train.attribution import doc_sequences, gold_tags, write_model_card


# (text, attribution char ranges, expected tags)
GOLD = [
    ("Ola said it rained.",
     [GoldAttribution(source=((0, 3),), cue=((4, 8),), content=((9, 18),))],
     ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O"]),
    ("It rained, Ola said.",
     [GoldAttribution(source=((11, 14),), cue=((15, 19),), content=((0, 9),))],
     ["B-CONTENT", "I-CONTENT", "O", "B-SOURCE", "B-CUE", "O"]),
    # discontinuous content: each piece starts with B
    ("It rained, Ola said, all day.",
     [GoldAttribution(source=((11, 14),), cue=((15, 19),), content=((0, 9), (21, 28)))],
     ["B-CONTENT", "I-CONTENT", "O", "B-SOURCE", "B-CUE", "O", "B-CONTENT", "I-CONTENT", "O"]),
    ("Nothing here.", [], ["O", "O", "O"]),
]


@pytest.mark.parametrize("text, atts, expected", GOLD)
def test_gold_tags(nlp, text, atts, expected) -> None:
    assert gold_tags(nlp(text), atts) == expected


TRAIN_TEXTS = [
    ("Ola Brisk said that the bridge would close.",
     GoldAttribution(source=((0, 9),), cue=((10, 14),), content=((20, 42),))),
    ("The mayor denied that taxes would rise.",
     GoldAttribution(source=((0, 9),), cue=((10, 16),), content=((22, 38),))),
    ("Critics argued the plan was too costly.",
     GoldAttribution(source=((0, 7),), cue=((8, 14),), content=((15, 38),))),
    ("The harbour opened at dawn.", None),
    ("Farmers warned that the river could flood.",
     GoldAttribution(source=((0, 7),), cue=((8, 14),), content=((20, 41),))),
]
HELD_OUT = ["The minister said that the road would reopen.", "Boats left the harbour early.",
            "Residents claimed the water was unsafe, officials said."]


def test_export_reproduces_crfsuite(nlp, tmp_path: Path) -> None:
    pycrfsuite = pytest.importorskip("pycrfsuite")
    from counterpoint.train.attribution import _train, export_weights

    seqs = []
    for text, att in TRAIN_TEXTS:
        doc = nlp(text)
        seqs.extend(doc_sequences(doc, gold_tags(doc, [att] if att else [])))
    _train(seqs, tmp_path / "m.crfsuite", 0.01, 0.01, 50)
    export_weights(tmp_path / "m.crfsuite", tmp_path / "out")
    ours = Tagger.load(tmp_path / "out")
    theirs = pycrfsuite.Tagger()
    theirs.open(str(tmp_path / "m.crfsuite"))
    for text in HELD_OUT:
        doc = nlp(text)
        for s, e in sequence_units(doc):
            x = unit_features(doc, s, e)
            assert ours.tag(x) == list(theirs.tag(x))


def test_tagger_figures_use_the_eval_metrics(nlp, tmp_path: Path) -> None:
    """Held-out figures are eval.metrics over the tagger's attributions: a tagger that
    reads the cue path finds the subject, cue and complement of a plain sentence."""
    import json

    import numpy as np

    from counterpoint.attribution.model import LABELS
    from counterpoint.eval.polnear_data import PolnearDoc
    from counterpoint.train.attribution import tagger_figures

    labels = list(LABELS)
    weights = {"pathr=subj": {"B-SOURCE": 3.0}, "pathr=self": {"B-CUE": 6.0},
               "pathr=content": {"I-CONTENT": 3.0}, "bias": {"O": 1.0}}
    attrs = sorted(weights)
    state = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for i, a in enumerate(attrs):
        for lab, w in weights[a].items():
            state[i, labels.index(lab)] = w
    out = tmp_path / "m"
    out.mkdir()
    np.savez_compressed(out / "weights.npz", state=state,
                        transitions=np.zeros((len(labels),) * 2, dtype=np.float32))
    (out / "vocab.json").write_text(json.dumps({"format": 1, "labels": labels,
                                                "attributes": attrs}))
    text = "Ola said it rained."
    gold = GoldAttribution(source=((0, 3),), cue=((4, 8),), content=((9, 18),))
    doc = PolnearDoc(name="t", text=text, compartment="train", annotator=None,
                     attributions=(gold,))
    figures = tagger_figures(out, [(doc, nlp(text), [])])
    assert figures["cue"]["exact"]["f1"] == 1.0
    assert figures["content"]["overlap"]["f1"] == 1.0
    assert set(figures) == {"source", "cue", "content", "attribution"}


RESULT = {
    "seed": 0, "c1": 0.2, "c2": 0.01, "max_iterations": 100, "c_given": True,
    "train_docs": 10, "heldout_docs": 1, "train_tokens": 500, "sequences": 40,
    "heldout": {"content_overlap_f1": 0.8, "source_exact_f1": 0.6},
    "tuning": [{"c1": 0.2, "c2": 0.01, "iterations": 100, "content_overlap_f1": 0.8,
                "source_exact_f1": 0.6}],
    "final_train_seconds": 12.0, "total_seconds": 30.0,
    "export": {"attributes": 123, "bytes": 4567},
    "dev": {"documents": 60, "words_per_s": 1000.0, **{
        f"{r}_{k}_{m}": 0.5 for r in ("source", "cue", "content", "attribution")
        for k in ("exact", "overlap") for m in ("p", "r", "f1")}},
}


def test_model_card_is_written_in_full(tmp_path: Path) -> None:
    write_model_card(tmp_path, RESULT)
    first = (tmp_path / "MODEL_CARD.md").read_text()
    write_model_card(tmp_path, RESULT)  # rewritten, never appended to
    assert (tmp_path / "MODEL_CARD.md").read_text() == first
    for part in ("c1=0.2", "c2=0.01", "counterpoint train attribution ../shared/eval/polnear "
                 "--c1 0.2 --c2 0.01", "12.0 s", "| content | 0.500 | 0.500 |",
                 "60 dev documents", "123 kept"):
        assert part in first, part


def test_model_card_without_dev_figures(tmp_path: Path) -> None:
    write_model_card(tmp_path, {**RESULT, "dev": None})
    assert "Not computed" in (tmp_path / "MODEL_CARD.md").read_text()
