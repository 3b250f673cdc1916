"""Headline stance head: tokens, masking, cue features, scoring, save/load, fallback, seeds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterpoint.errors import CounterpointError
from counterpoint.stance.headline import (
    CLAIM_CUE_NAMES,
    CUE_NAMES,
    HEAD_LABELS,
    MASK,
    TREE_CUE_NAMES,
    HeadlineHead,
    class_tokens,
    claim_cues,
    cue_features,
    design_matrix,
    fit_terms,
    head_tokens,
    headline_terms,
    load_head,
    masked_tokens,
    pair_terms,
    predict_headline_stance,
    route_headline,
    save_head,
    tree_features,
    word_class,
)
from counterpoint.stance.text import text_hashes
from counterpoint.stance.trees import from_lightgbm_dump

CLAIM = "A giant eel was found in Lake Ormsby"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Report: eel found?", ["report", ":", "eel", "found", "?"]),
        ("Rangers say it isn't real!", ["rangers", "say", "it", "isn't", "real", "!"]),
        ("The \u201cgiant\u201d eel", ["the", '"', "giant", '"', "eel"]),
        ("The 'giant' eel", ["the", "'", "giant", "'", "eel"]),
        ("", []),
    ],
)
def test_head_tokens(text: str, expected: list[str]) -> None:
    assert head_tokens(text) == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # claim words masked, runs collapsed to one placeholder; "found" is a cue word
        ("Giant eel found in Lake Ormsby", ["<s>", MASK, "found", "in", MASK, "</s>"]),
        # cue words stay even when the claim has them; new words stay
        ("Lake Ormsby eel is a hoax, rangers say", ["<s>", MASK, "is", "a", "hoax", "rangers", "say", "</s>"]),
        ("Report: giant eel in Ormsby?", ["<s>", "report", ":", MASK, "in", MASK, "?", "</s>"]),
        # inflections share the claim word's stem
        ("Divers finding giant eel in Ormsby lakes", ["<s>", "divers", "finding", MASK, "in", MASK, "</s>"]),
    ],
)
def test_masked_tokens(headline: str, expected: list[str]) -> None:
    assert masked_tokens(CLAIM, headline) == expected


def test_headline_terms_are_ngrams_of_masked_tokens() -> None:
    terms = headline_terms(CLAIM, "Giant eel is a hoax")
    assert {"is", "hoax", f"<s> {MASK}", f"{MASK} is", "a hoax </s>", f"{MASK} is a"} <= terms
    assert "giant" not in terms and "<s>" not in terms


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("denies", "REF"), ("refuted", "REF"), ("rebuffs", "REF"), ("untrue", "REF"), ("hoaxes", "REF"),
        ("isn't", "NEG"), ("never", "NEG"), ("hasn't", "NEG"),
        ("reportedly", "HEDGE"), ("rumoured", "HEDGE"), ("may", "HEDGE"), ("predicts", "HEDGE"),
        ("says", "SAY"), ("according", "SAY"), ("officials", "SAY"),
        ("proves", "CONFIRM"), ("actually", "CONFIRM"),
        ("quits", "RETRACT"), ("safe", "RETRACT"), ("survived", "RETRACT"),
        # whole tokens only: a class word inside another word does not count
        ("denizen", None), ("mayor", None), ("notable", None), ("eel", None),
    ],
)
def test_word_class(token: str, expected: str | None) -> None:
    assert word_class(token) == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Giant eel in Lake Ormsby is not real", ["<s>", MASK, "in", MASK, "is", "<NEG>", "real", "</s>"]),
        ("Rangers deny giant eel report", ["<s>", "rangers", "<REF>", MASK, "<SAY>", "</s>"]),
        ("Giant eel may be in Ormsby?", ["<s>", MASK, "<HEDGE>", "be", "in", MASK, "?", "</s>"]),
    ],
)
def test_class_tokens(headline: str, expected: list[str]) -> None:
    assert class_tokens(CLAIM, headline) == expected


def test_pair_terms_are_word_and_class_ngrams() -> None:
    terms = pair_terms(CLAIM, "Giant eel is not real")
    assert {"not", "is not real", "#<NEG>", f"#{MASK} is <NEG>"} <= terms
    assert headline_terms(CLAIM, "Giant eel is not real") <= terms


def _claim_cue(claim: str, headline: str) -> dict[str, float]:
    return dict(zip(CLAIM_CUE_NAMES, claim_cues(claim, headline)))


@pytest.mark.parametrize(
    ("claim", "headline", "name", "expected"),
    [
        (CLAIM, "Giant eel in Lake Ormsby is not real", "neg_n", 1.0),
        (CLAIM, "Giant eel in Lake Ormsby is not real", "neg_new", 1.0),
        (CLAIM, "Giant eel in Lake Ormsby is not real", "neg_near_claim", 1.0),
        # the claim's own negation is not new in the headline; dropped when the headline lacks it
        ("The eel was not found", "Eel was not found", "neg_new", 0.0),
        ("The eel was not found", "Eel found", "neg_dropped", 1.0),
        (CLAIM, "Rangers refute giant eel sighting", "ref_new", 1.0),
        (CLAIM, "Rangers refute giant eel sighting", "first_ref", 0.0),
        (CLAIM, "Denied: giant eel in Ormsby", "first_ref", 1.0),
        (CLAIM, "Reportedly, giant eel found", "first_hedge", 1.0),
        # "reports ... are false": an attribution, then a refutation
        (CLAIM, "Reports of giant eel in Ormsby are false", "say_then_ref", 1.0),
        (CLAIM, "Giant eel hoax, rangers say", "say_then_ref", 0.0),
        (CLAIM, "Giant eel hoax, rangers say", "ref_then_say", 1.0),
        (CLAIM, "Diver who met giant eel is safe", "retract_n", 1.0),
        ("A comet will pass over Velm", "Comet to pass over Velm", "claim_will", 1.0),
        ("A comet will pass over Velm", "Comet to pass over Velm", "head_to_set", 1.0),
        (CLAIM, "Weather is mild", "neg_near_claim", 0.0),
    ],
)
def test_claim_cues(claim: str, headline: str, name: str, expected: float) -> None:
    assert _claim_cue(claim, headline)[name] == pytest.approx(expected)


def test_tree_features_shape() -> None:
    x = tree_features([CLAIM, CLAIM], ["Giant eel found", "Giant eel is a hoax"])
    assert x.shape == (2, len(TREE_CUE_NAMES)) and len(TREE_CUE_NAMES) == len(CUE_NAMES) + len(CLAIM_CUE_NAMES)
    assert tree_features([], []).shape == (0, len(TREE_CUE_NAMES))


def _cue(claim: str, headline: str) -> dict[str, float]:
    return dict(zip(CUE_NAMES, cue_features(claim, headline)))


@pytest.mark.parametrize(
    ("headline", "name", "expected"),
    [
        ("Giant eel in Lake Ormsby is a hoax", "n_refute", 1.0),
        ("Giant eel reportedly found, may be real", "n_hedge", 2.0),
        ("Giant eel hasn't been found", "n_neg", 1.0),
        ("Giant eel hasn't been found", "neg_mismatch", 1.0),
        ("Giant eel found in Lake Ormsby", "neg_mismatch", 0.0),
        ("Was a giant eel found in Lake Ormsby?", "question_end", 1.0),
        ("Giant eel found in Lake Ormsby", "question", 0.0),
        ("Report: giant eel found", "colon_start", 1.0),
        ("Giant eel found in Lake Ormsby: rangers", "colon_end", 1.0),
        ("Rangers say giant eel found", "n_say", 1.0),
        ("The 'giant' eel of Lake Ormsby", "quote", 1.0),
        ("Giant eel found in Lake Ormsby", "claim_cover", 1.0),
        ("Weather is mild today", "claim_cover", 0.0),
    ],
)
def test_cue_features(headline: str, name: str, expected: float) -> None:
    assert _cue(CLAIM, headline)[name] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("claim", "headline", "name", "expected"),
    [
        ("Baker sells 300 gold loaves", "Baker sells 300 gold loaves", "num_miss", 0.0),
        ("Baker sells 300 gold loaves", "Baker sells 30 gold loaves", "num_miss", 1.0),
        ("Baker sells 300 gold loaves", "Baker sells 30 gold loaves", "num_extra", 1.0),
        ("The mayor did not resign", "Mayor resigns", "claim_neg", 1.0),
        ("The mayor did not resign", "Mayor did not resign", "neg_mismatch", 0.0),
        # "claims" in the claim itself is not a new refutation in the headline
        ("Rangers' claims about the eel", "Rangers' claims about the eel", "refute_not_in_claim", 0.0),
    ],
)
def test_cue_features_relative_to_claim(claim: str, headline: str, name: str, expected: float) -> None:
    assert _cue(claim, headline)[name] == pytest.approx(expected)


def hand_head(seen: list[str] | None = None) -> HeadlineHead:
    """A hand-set head: 'hoax' -> disagree, 'report' -> discuss, else agree."""
    claims = [CLAIM] * 3
    heads = ["Giant eel found", "Giant eel is a hoax", "Report of giant eel"]
    terms = fit_terms(claims, heads, min_df=1)
    n = len(terms) + len(CUE_NAMES)
    coef = np.zeros((n, 3))
    coef[terms["hoax"], 1] = 10.0
    coef[terms["report"], 2] = 10.0
    return HeadlineHead(terms=terms, cue_mean=np.zeros(len(CUE_NAMES)), cue_scale=np.ones(len(CUE_NAMES)),
                        coef=coef, intercept=np.array([1.0, 0.0, 0.0]),
                        seen=text_hashes(seen or []), meta={"name": "hand"})


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Giant eel found in Lake Ormsby", "agree"),
        ("That eel? A hoax", "disagree"),
        ("Report says eel in lake", "discuss"),
    ],
)
def test_predict_proba_and_records(headline: str, expected: str) -> None:
    head = hand_head()
    p = head.predict_proba([CLAIM], [headline])
    assert p.shape == (1, 3) and p.sum() == pytest.approx(1.0)
    assert HEAD_LABELS[int(p.argmax())] == expected
    (rec,) = predict_headline_stance([CLAIM], [headline], head=head)
    assert rec.label == expected and rec.produced_by == "stance.headline-lr/1"
    assert rec.probabilities["unrelated"] == 0.0


def hand_trees(feature: str = "neg_new") -> object:
    """Trees that put all their weight on 'disagree' when `feature` > 0.5, else on 'agree'."""
    f = TREE_CUE_NAMES.index(feature)
    leaf = lambda v: {"leaf_value": v}  # noqa: E731
    split = lambda a, b: {"split_index": 0, "split_feature": f, "threshold": 0.5, "decision_type": "<=",  # noqa: E731
                          "default_left": True, "missing_type": "None", "left_child": a, "right_child": b}
    return from_lightgbm_dump({"num_class": 3, "tree_info": [
        {"tree_structure": split(leaf(20.0), leaf(0.0))},
        {"tree_structure": split(leaf(0.0), leaf(20.0))},
        {"tree_structure": leaf(0.0)},
    ]})


def test_tree_blend_and_provenance() -> None:
    """The trees move the blend by their weight; a head with trees is version 2."""
    lr_only = hand_head()
    p0 = lr_only.predict_proba([CLAIM], ["Giant eel is not in Lake Ormsby"])
    assert HEAD_LABELS[int(p0.argmax())] == "agree"
    blended = HeadlineHead(**{**lr_only.__dict__, "trees": hand_trees(), "tree_weight": 0.6})
    p1 = blended.predict_proba([CLAIM], ["Giant eel is not in Lake Ormsby"])
    np.testing.assert_allclose(p1, 0.4 * p0 + 0.6 * np.array([[0.0, 1.0, 0.0]]), atol=1e-6)
    assert HEAD_LABELS[int(p1.argmax())] == "disagree"
    (rec,) = predict_headline_stance([CLAIM], ["Giant eel is not in Lake Ormsby"], head=blended)
    assert rec.label == "disagree" and rec.produced_by == "stance.headline-lr/2"
    # weight 0: the trees are carried but do not score
    off = HeadlineHead(**{**lr_only.__dict__, "trees": hand_trees(), "tree_weight": 0.0})
    np.testing.assert_allclose(off.predict_proba([CLAIM], ["Giant eel is not in Lake Ormsby"]), p0)
    assert off.version == 1


def test_save_load_roundtrip_with_trees(tmp_path: Path) -> None:
    head = HeadlineHead(**{**hand_head().__dict__, "trees": hand_trees(), "tree_weight": 0.4, "cue_weight": 0.3})
    save_head(tmp_path, head)
    loaded = load_head(tmp_path)
    assert loaded is not None and loaded.trees is not None
    assert loaded.tree_weight == 0.4 and loaded.cue_weight == 0.3
    hs = ["Giant eel found", "Giant eel is not real", "Report of giant eel"]
    np.testing.assert_allclose(loaded.predict_proba([CLAIM] * 3, hs), head.predict_proba([CLAIM] * 3, hs), atol=1e-5)


def test_load_refuses_a_head_with_other_claim_cues(tmp_path: Path) -> None:
    import json

    save_head(tmp_path, HeadlineHead(**{**hand_head().__dict__, "trees": hand_trees(), "tree_weight": 0.4}))
    meta = json.loads((tmp_path / "headline.json").read_text())
    meta["tree_cue_names"] = meta["tree_cue_names"][:-1]
    (tmp_path / "headline.json").write_text(json.dumps(meta))
    with pytest.raises(CounterpointError):
        load_head(tmp_path)


@pytest.mark.parametrize(
    ("variant", "explicit_model", "expected"),
    [
        (None, False, "packaged"),
        ("lexical", False, "packaged"),
        ("embeddings", False, None),  # the caller asked for the embedding trees
        (None, True, None),  # an explicit stance model: its trees
        ("lexical", True, None),
    ],
)
def test_route_headline(variant: str | None, explicit_model: bool, expected: str | None) -> None:
    got = route_headline(variant, explicit_model)
    if expected is None:
        assert got is None
    else:
        assert got is load_head()  # the packaged head, or None where none ships


def test_route_headline_with_a_head_folder(tmp_path: Path) -> None:
    save_head(tmp_path / "h", hand_head())
    # a given head folder wins over an explicit stance model, not over the embeddings variant
    assert route_headline(None, True, tmp_path / "h") is load_head(tmp_path / "h")
    assert route_headline("embeddings", False, tmp_path / "h") is None
    with pytest.raises(CounterpointError):
        route_headline(None, False, tmp_path / "nothing")


def test_empty_and_mismatched_input() -> None:
    head = hand_head()
    assert head.predict_proba([], []).shape == (0, 3)
    with pytest.raises(ValueError):
        head.predict_proba([CLAIM], [])


def test_design_matrix_shape_and_row_norm() -> None:
    head = hand_head()
    x = design_matrix([CLAIM, CLAIM], ["Giant eel is a hoax", "Unrelated words entirely"], head.terms,
                      head.cue_mean, head.cue_scale)
    assert x.shape == (2, len(head.terms) + len(CUE_NAMES))
    terms_part = x[:, : len(head.terms)].toarray()
    words = np.array([not t.startswith("#") for t in sorted(head.terms, key=head.terms.__getitem__)])
    # the word and the class n-grams are l2-normalised apiece
    assert np.linalg.norm(terms_part[0, words]) == pytest.approx(1.0)
    assert np.linalg.norm(terms_part[0, ~words]) == pytest.approx(1.0)


def test_save_load_roundtrip(tmp_path: Path) -> None:
    head = hand_head(seen=["Giant eel found"])
    save_head(tmp_path, head)
    assert not list(tmp_path.glob("*.pkl"))
    loaded = load_head(tmp_path)
    assert loaded is not None and loaded.terms == head.terms
    hs = ["Giant eel found", "Giant eel is a hoax", "Report of giant eel"]
    np.testing.assert_allclose(loaded.predict_proba([CLAIM] * 3, hs), head.predict_proba([CLAIM] * 3, hs), atol=1e-5)
    assert loaded.is_seen(["giant  EEL found", "Something else"]).tolist() == [True, False]


def test_load_head_missing_folder_is_none(tmp_path: Path) -> None:
    assert load_head(tmp_path / "nothing") is None


def test_packaged_head_scores_plain_wording() -> None:
    """The shipped head: an outright refutation is 'disagree', a bare assertion 'agree'."""
    if load_head() is None:
        pytest.skip("no packaged headline head yet")
    claim = "The mayor of Dunmore resigned"
    recs = predict_headline_stance([claim] * 2, ["Dunmore mayor resigns", "Dunmore mayor denies resigning, calls report fake"])
    assert [r.label for r in recs] == ["agree", "disagree"]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Reports of a giant eel in Lake Ormsby are untrue, rangers say", "disagree"),  # attribution, then refutation
        ("That Lake Ormsby giant eel is not real", "disagree"),
        ("Lake Ormsby eel photo was doctored", "disagree"),  # a refuting word the cue lists of text.py lack
        ("Giant eel may have been found in Lake Ormsby", "discuss"),
        ("Is there a giant eel in Lake Ormsby?", "discuss"),
        ("Fishermen pull giant eel from Lake Ormsby", "agree"),
    ],
)
def test_packaged_head_reads_claim_relative_cues(headline: str, expected: str) -> None:
    if load_head() is None:
        pytest.skip("no packaged headline head yet")
    (rec,) = predict_headline_stance([CLAIM], [headline])
    assert rec.label == expected


@pytest.mark.shared
def test_seed_headlines_deny_the_factory_claim(seeds_dir: Path) -> None:
    """EXPECTED.md section 3, P1: both seed outlets' headlines carry Iran's denial of the
    drone-factory report, so toward that claim each headline stands against it."""
    if load_head() is None:
        pytest.skip("no packaged headline head yet")
    headlines = [p.read_text(encoding="utf-8").splitlines()[0] for p in sorted(seeds_dir.glob("*.txt"))]
    assert len(headlines) == 2
    claim = "Iran will build a drone plant in Russia with Moscow"
    assert [r.label for r in predict_headline_stance([claim] * 2, headlines)] == ["disagree", "disagree"]
