"""Training helpers: gold tags, scoring, and the export reproducing crfsuite's tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.attribution.model import Tagger, sequence_units, unit_features
from counterpoint.eval.polnear_data import GoldAttribution
from counterpoint.train.attribution import doc_sequences, gold_tags, score_spans


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


SCORES = [
    ([["B-CUE", "B-CONTENT", "I-CONTENT"]], [["B-CUE", "B-CONTENT", "I-CONTENT"]],
     {"cue_exact_f1": 1.0, "content_exact_f1": 1.0, "content_overlap_f1": 1.0}),
    ([["B-CUE", "B-CONTENT", "I-CONTENT"]], [["B-CUE", "O", "B-CONTENT"]],
     {"cue_exact_f1": 1.0, "content_exact_f1": 0.0, "content_overlap_f1": 1.0,
      "content_token_f1": 2 / 3}),
    ([["B-SOURCE", "O"]], [["O", "O"]], {"source_exact_f1": 0.0, "source_token_f1": 0.0}),
]


@pytest.mark.parametrize("gold, pred, expected", SCORES)
def test_score_spans(gold, pred, expected) -> None:
    got = score_spans(gold, pred)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key


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


DOC_SCORES = [
    # identical source and content
    ([{"source": ((0, 3),), "cue": ((4, 8),), "content": ((9, 18),)}],
     [{"source": ((0, 3),), "cue": ((4, 8),), "content": ((9, 18),)}],
     {"source_exact_f1": 1.0, "content_overlap_f1": 1.0, "content_exact_f1": 1.0}),
    # content only overlapping; a source with a trailing space is still exact
    ([{"source": ((0, 3),), "cue": ((4, 8),), "content": ((9, 18),)}],
     [{"source": ((0, 4),), "cue": ((4, 8),), "content": ((12, 16),)}],
     {"source_exact_f1": 1.0, "content_overlap_f1": 1.0, "content_exact_f1": 0.0}),
    # a source one word too short is not exact
    ([{"source": ((0, 8),), "cue": (), "content": ()}],
     [{"source": ((0, 3),), "cue": (), "content": ()}], {"source_exact_f1": 0.0}),
    # nothing predicted
    ([{"source": ((0, 3),), "cue": ((4, 8),), "content": ((9, 18),)}], [],
     {"source_exact_f1": 0.0, "content_overlap_f1": 0.0, "content_overlap_r": 0.0}),
    # one of two found, nothing wrong
    ([{"source": (), "cue": ((4, 8),), "content": ((9, 18),)},
      {"source": (), "cue": ((4, 8),), "content": ((0, 3),)}],
     [{"source": (), "cue": (), "content": ((10, 12),)}],
     {"content_overlap_p": 1.0, "content_overlap_r": 0.5}),
]


@pytest.mark.parametrize("gold, pred, expected", DOC_SCORES)
def test_score_documents(gold, pred, expected) -> None:
    from counterpoint.train.attribution import score_documents

    got = score_documents(["Ola said it rained."], [gold], [pred])
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-3), key
