"""The stage as it ships (attribution.stage): fast parse, entities, rules, tagger;
unnamed officials; cues in pieces; the tagger's fast scoring."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.attribution import model as crf
from counterpoint.attribution.stage import attribute_article
from counterpoint.records import SourceKind

from .conftest import make_article


def by_cue(atts, lemma: str):
    hits = [a for a in atts if a.cue_lemma == lemma]
    assert hits, [(a.cue_lemma, a.source.name) for a in atts]
    return hits[0]


# (text, cue lemma, source name, kind, description or None)
ROLES = [
    ("The Kremlin spokesman noted that the plan was old.", "note", "Kremlin spokesman",
     SourceKind.ANONYMOUS, "unnamed spokesman of Russia"),
    ("A Tehran spokeswoman said the talks had failed.", "say", "Tehran spokeswoman",
     SourceKind.ANONYMOUS, "unnamed spokeswoman of Iran"),
    ("The ministry spokesman said the road was closed.", "say", "ministry spokesman",
     SourceKind.ANONYMOUS, "unnamed spokesman of the ministry"),
    ("Harbour Authority spokeswoman Mira Castell said the port was shut.", "say",
     "Mira Castell", SourceKind.PERSON, None),
    ("The new envoy said the border would reopen.", "say", "new envoy",
     SourceKind.PERSON, None),
]


@pytest.mark.parametrize("text, lemma, name, kind, description", ROLES)
def test_roles_without_a_name_are_unnamed_officials(nlp, text, lemma, name, kind,
                                                    description) -> None:
    a = by_cue(attribute_article(make_article(text), nlp).attributions, lemma)
    assert (a.source.name, a.source.kind) == (name, kind)
    if description is not None:
        assert a.source.description == description


@pytest.mark.parametrize("text", [
    "The Kremlin spokesman said the plan was old.",
    "Russia's spokesman said the plan was new.",
    "The Russian spokesman said the plan was new.",
])
def test_unnamed_officials_share_an_id_across_wordings(nlp, text) -> None:
    a = by_cue(attribute_article(make_article(text), nlp).attributions, "say")
    assert a.source.kind == SourceKind.ANONYMOUS
    assert a.source.canonical_id == "russia-spokesman"


# (text, first piece, all pieces)
PIECES = [
    ("The Ledger cited officials from a northern province as saying that the dam would "
     "be rebuilt.", "cited", ["cited", "as saying"]),
    ("The mayor was quoted as saying that the bridge would open.", "quoted",
     ["quoted", "as saying"]),
]


@pytest.mark.parametrize("text, first, pieces", PIECES)
def test_discontinuous_cues_keep_their_pieces(nlp, text, first, pieces) -> None:
    a = next(a for a in attribute_article(make_article(text), nlp).attributions
             if a.source.kind != SourceKind.OUTLET)
    assert a.cue.text == first
    assert [p.text for p in a.cue_parts] == pieces
    assert a.cue_parts[0] == a.cue


def test_one_piece_cues_have_no_parts(nlp) -> None:
    a = by_cue(attribute_article(make_article("Ola Brisk said the dam held."), nlp
                                 ).attributions, "say")
    assert a.cue_parts == []


TEXTS = [
    "Ola Brisk said the dam held. \"It will not break,\" she told the Daily Lantern.",
    "According to the council, the port will reopen.\n\nCritics argued it was too soon.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_scoring_equals_string_features(nlp, text) -> None:
    tagger = crf.load_tagger()
    if tagger is None:
        pytest.skip("no shipped tagger")
    stage = attribute_article(make_article(text), nlp)
    feats = crf.doc_features(stage.doc, stage.entities)
    for s, e in crf.sequence_units(stage.doc):
        slow = tagger.scores(crf.unit_features(stage.doc, s, e, feats))
        fast = tagger.base_scores(crf.unit_base(s, e, feats))
        assert np.allclose(slow, fast)
        assert tagger.tag(crf.unit_features(stage.doc, s, e, feats)) == tagger.tag_base(
            crf.unit_base(s, e, feats))


def test_entity_feature_comes_from_the_entities(nlp) -> None:
    text = "Ola Brisk said the dam held."
    stage = attribute_article(make_article(text), nlp)
    feats = crf.doc_features(stage.doc, stage.entities)
    assert "e=PERSON" in feats.static[0] and "eb=B" in feats.static[0]
    assert "eb=I" in feats.static[1]
    assert "e=-" in feats.static[2]
