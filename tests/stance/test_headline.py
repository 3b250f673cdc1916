"""Headline stance head: tokens, masking, cue features, scoring, save/load, fallback, seeds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterpoint.stance.headline import (
    CUE_NAMES,
    HEAD_LABELS,
    MASK,
    HeadlineHead,
    cue_features,
    design_matrix,
    fit_terms,
    head_tokens,
    headline_terms,
    load_head,
    masked_tokens,
    predict_headline_stance,
    save_head,
)
from counterpoint.stance.text import text_hashes

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
    assert np.linalg.norm(terms_part[0]) == pytest.approx(1.0)


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
