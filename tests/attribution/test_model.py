"""The attribution tagger: Viterbi, span grouping, features, records, the cascade."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from counterpoint.attribution import extract_attributions
from counterpoint.attribution import model as crf
from counterpoint.attribution.model import LABELS, MODEL_DIR, Tagger, tag_spans
from counterpoint.records import Polarity, SourceKind

from .conftest import fallback_entities, make_article


def write_tagger(directory: Path, weights: dict[str, dict[str, float]],
                 transitions: dict[tuple[str, str], float] | None = None) -> Path:
    """A hand-made weight file in the shipped format."""
    labels = list(LABELS)
    attrs = sorted(weights)
    state = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for i, a in enumerate(attrs):
        for lab, w in weights[a].items():
            state[i, labels.index(lab)] = w
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in (transitions or {}).items():
        trans[labels.index(a), labels.index(b)] = w
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(directory / "weights.npz", state=state, transitions=trans)
    (directory / "vocab.json").write_text(json.dumps(
        {"format": 1, "labels": labels, "attributes": attrs}))
    return directory


# a tagger that reads the dependency path: subject of a cue -> SOURCE, cue -> CUE,
# complement of a cue -> CONTENT
PATH_WEIGHTS = {
    "pathr=subj": {"I-SOURCE": 3.0},
    "pathr=self": {"B-CUE": 6.0},
    "pathr=content": {"I-CONTENT": 3.0},
    "bias": {"O": 1.0},
}


@pytest.fixture
def path_tagger(tmp_path) -> Tagger:
    return Tagger.load(write_tagger(tmp_path / "m", PATH_WEIGHTS))


# ------------------------------------------------------------------ Viterbi
def brute_force(tagger: Tagger, xseq: list[list[str]]) -> list[str]:
    emit = tagger.scores(xseq)
    best, best_path = -np.inf, None
    for path in itertools.product(range(len(tagger.labels)), repeat=len(xseq)):
        score = sum(emit[t, y] for t, y in enumerate(path))
        score += sum(tagger.transitions[a, b] for a, b in zip(path, path[1:]))
        if score > best:
            best, best_path = score, path
    return [tagger.labels[i] for i in best_path]


@pytest.mark.parametrize("seed", range(5))
def test_viterbi_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    labels = ["O", "B-CUE", "I-CUE"]
    attrs = ["a", "b", "c", "d"]
    tagger = Tagger(labels, {a: i for i, a in enumerate(attrs)},
                    rng.normal(size=(4, 3)), rng.normal(size=(3, 3)) * 2)
    xseq = [list(rng.choice(attrs, size=2, replace=False)) + ["unknown"] for _ in range(5)]
    assert tagger.tag(xseq) == brute_force(tagger, xseq)


def test_transitions_override_emissions(tmp_path) -> None:
    # alone, "y" prefers I-CUE; after O, the transition O->I-CUE is forbidden-ish
    directory = write_tagger(tmp_path / "t", {"x": {"O": 1.0}, "y": {"I-CUE": 1.0, "B-CUE": 0.5}},
                             {("O", "I-CUE"): -5.0})
    tagger = Tagger.load(directory)
    assert tagger.tag([["x"], ["y"]]) == ["O", "B-CUE"]
    assert tagger.tag([]) == []


def test_load_tagger_absent(tmp_path) -> None:
    assert crf.load_tagger(tmp_path / "nothing") is None


# ------------------------------------------------------------------ spans
@pytest.mark.parametrize("tags, expected", [
    (["O", "B-CUE", "O"], [("CUE", 1, 2)]),
    (["B-SOURCE", "I-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT"],
     [("SOURCE", 0, 2), ("CUE", 2, 3), ("CONTENT", 3, 5)]),
    (["I-CONTENT", "I-CONTENT", "O"], [("CONTENT", 0, 2)]),  # I without B starts a run
    (["B-CONTENT", "B-CONTENT"], [("CONTENT", 0, 1), ("CONTENT", 1, 2)]),
    (["B-SOURCE", "I-CUE"], [("SOURCE", 0, 1), ("CUE", 1, 2)]),
    ([], []),
])
def test_tag_spans(tags, expected) -> None:
    assert tag_spans(tags) == expected


# ------------------------------------------------------------------ features
def test_features_mark_cue_path_and_quotes(nlp) -> None:
    doc = nlp('Ola Brisk said the bridge was "very unsafe" today.')
    (s, e), = crf.sequence_units(doc)
    feats = {doc[i].text: set(f) for i, f in zip(range(s, e), crf.unit_features(doc, s, e))}
    assert "cue=1" in feats["said"] and "pathr=self" in feats["said"]
    assert "pathr=subj" in feats["Brisk"]
    assert "pathr=content" in feats["bridge"]
    assert "inq=1" in feats["very"] and "inq=0" in feats["bridge"]
    assert "ss" in feats["Ola"]


def test_sequence_units_split_paragraphs_and_cap(nlp) -> None:
    para = " ".join(["The harbour opened at dawn and the boats left."] * 30)
    doc = nlp("First line here.\n\nSecond paragraph.\n\n" + para)
    units = crf.sequence_units(doc)
    assert len(units) >= 4
    assert all(e - s <= crf.MAX_UNIT_TOKENS for s, e in units)
    assert doc[units[0][0]:units[0][1]].text == "First line here."


# ------------------------------------------------------------------ records
def test_predict_attributions_records(nlp, path_tagger) -> None:
    doc = nlp("Daniel Hartley denied that the bridge would close.")
    atts = crf.predict_attributions(doc, fallback_entities(doc), path_tagger)
    assert len(atts) == 1
    a = atts[0]
    assert a.cue.text == "denied" and a.polarity == Polarity.DENIES
    assert a.source.span.text == "Daniel Hartley" and a.source.kind == SourceKind.PERSON
    assert "the bridge would close" in " ".join(c.text for c in a.content)
    assert a.produced_by == "attribution.crf/2"


def test_cascade_adds_only_uncovered(nlp, tmp_path, monkeypatch) -> None:
    # "figure" is no rule cue: only the tagger (taught by hand here) finds it
    weights = {**PATH_WEIGHTS, "w=figures": {"B-CUE": 9.0},
               **{f"w={w}": {"I-SOURCE": 4.0} for w in ("daniel", "hartley")},
               **{f"w={w}": {"I-CONTENT": 4.0} for w in ("pillars", "are", "cracked")}}
    path_tagger = Tagger.load(write_tagger(tmp_path / "m", weights))
    text = ("Ola Brisk said that the bridge would close.\n\n"
            "Daniel Hartley figures the pillars are cracked.")
    article = make_article(text)
    doc = nlp(text)
    monkeypatch.setattr(crf, "load_tagger", lambda *a, **k: None)
    rules = extract_attributions(article, doc, fallback_entities(doc))
    assert all(a.produced_by == "attribution.rules/2" for a in rules)
    monkeypatch.setattr(crf, "load_tagger", lambda *a, **k: path_tagger)
    both = extract_attributions(article, doc, fallback_entities(doc))
    added = [a for a in both if a.produced_by == "attribution.crf/2"]
    assert [a.cue_lemma for a in added] == ["figure"]  # "said" is the rules'
    assert [a.id for a in both] == [f"0123456789ab:a{n}" for n in range(1, len(both) + 1)]
    # the outlet voice no longer claims the believed content
    outlet = [a for a in both if a.source.kind == SourceKind.OUTLET]
    assert not any("pillars" in c.text for a in outlet for c in a.content)


# (text, whether the path tagger's attribution survives the refusals)
REFUSALS = [
    ("Daniel Hartley said that the bridge would close.", True),
    ("They kept the letters she says she wrote.", False),  # a gap relative clause
    ("The engineers who said the bridge was unsafe left.", True),  # subject relative
    ("Daniel Hartley described the plan as a disaster.", False),  # characterisation
]


@pytest.mark.parametrize("text, kept", REFUSALS)
def test_refusals(nlp, path_tagger, text, kept) -> None:
    doc = nlp(text)
    atts = crf.predict_attributions(doc, fallback_entities(doc), path_tagger)
    assert bool(atts) == kept


def test_non_lexicon_cue_needs_a_speaker(nlp, tmp_path) -> None:
    weights = {"w=show": {"B-CUE": 9.0}, "w=data": {"I-SOURCE": 4.0},
               "w=hartley": {"I-SOURCE": 4.0}, "w=daniel": {"I-SOURCE": 4.0},
               "w=shows": {"B-CUE": 9.0}, "w=rain": {"I-CONTENT": 4.0},
               "bias": {"O": 1.0}}
    tagger = Tagger.load(write_tagger(tmp_path / "m", weights))
    doc = nlp("Satellite data show rain. Daniel Hartley shows rain.")
    atts = crf.predict_attributions(doc, fallback_entities(doc), tagger)
    assert [a.cue.text for a in atts] == ["shows"]


# ------------------------------------------------------------------ shipped files
@pytest.mark.skipif(not (MODEL_DIR / "weights.npz").is_file(), reason="no shipped weights")
def test_shipped_model_is_safe_and_small() -> None:
    files = ["weights.npz", "vocab.json", "MODEL_CARD.md"]
    assert all((MODEL_DIR / f).is_file() for f in files)
    assert sum((MODEL_DIR / f).stat().st_size for f in files) <= 20 * 1024 * 1024
    tagger = Tagger.load(MODEL_DIR)  # allow_pickle=False inside
    assert tagger.labels == list(LABELS)
    assert tagger.state.shape == (len(tagger.index), len(LABELS))


def test_cascade_widens_a_contained_rule_source(nlp, tmp_path, monkeypatch) -> None:
    text = "Daniel Hartley, the mayor of Tarnley, said that the bridge would close."
    article, doc = make_article(text), nlp(text)
    monkeypatch.setattr(crf, "load_tagger", lambda *a, **k: None)
    (rule,) = [a for a in extract_attributions(article, doc, fallback_entities(doc))
               if a.cue_lemma == "say"]
    assert rule.source.span.text == "Daniel Hartley"
    words = ("daniel", "hartley", ",", "the", "mayor", "of", "tarnley")
    weights = {**PATH_WEIGHTS, **{f"w={w}": {"I-SOURCE": 4.0} for w in words}}
    weights["w=the"] = {"I-SOURCE": 4.0, "I-CONTENT": 3.9}
    tagger = Tagger.load(write_tagger(tmp_path / "m", weights))
    monkeypatch.setattr(crf, "load_tagger", lambda *a, **k: tagger)
    (wide,) = [a for a in extract_attributions(article, doc, fallback_entities(doc))
               if a.cue_lemma == "say"]
    assert wide.source.span.text == "Daniel Hartley, the mayor of Tarnley"
    assert wide.source.name == rule.source.name and wide.produced_by == "attribution.rules/2"
