"""Embedding features of the stance model (stance/embed.py), with a fake encoder: a
hashed bag of words, so tests run without the `embeddings` extra and every cosine is
predictable (same words -> cosine 1; no shared word -> 0)."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from counterpoint.stance import embed
from counterpoint.stance.linear import LinearStance
from counterpoint.stance.text import tokens


def fake_encode(texts, batch_size: int = 64) -> np.ndarray:  # noqa: ANN001 - mirrors shared.encode
    out = np.zeros((len(texts), embed.DIM), np.float32)
    for i, t in enumerate(texts):
        for w in tokens(t):
            out[i, zlib.crc32(w.encode()) % embed.DIM] += 1.0
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norm, 1e-6)


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Patch the shared encoder; the list counts the texts it was asked to encode."""
    calls: list[int] = []

    def encode(texts, batch_size: int = 64):  # noqa: ANN001, ANN202
        calls.append(len(texts))
        return fake_encode(texts)

    monkeypatch.setattr(embed.shared, "encode", encode)
    return calls


def col(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, embed.NAMES.index(name)]


HEAD = "lynx seen near velden lake"
BODY = ("The choir sang in Marrow Bay. A lynx seen near Velden lake, rangers said. "
        "Officials may confirm it later. The weather was mild.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rangers said the lynx may have left.", {"report": 1, "modal": 1}),
        ("The sighting was a hoax, not true at all.", {"srefute": 2, "neg": 1}),
        ("Officials confirmed the story.", {"assert": 1}),
        ('He called it "a mistake"?', {"quote": 2, "question": 1}),
        ("The lake is cold.", {}),
    ],
)
def test_sentence_cues(sentence: str, expected: dict[str, int]) -> None:
    row = embed.sentence_cues([sentence])[0]
    got = {name: int(row[i]) for i, name in enumerate(embed.CUE_NAMES)
           if row[i] and name not in ("refute", "hedge", "agree")}  # broad groups: features.py's lists
    assert got == expected
    assert row[-1] == len(tokens(sentence))


def test_cosines_pick_the_matching_sentence(fake: list[int]) -> None:
    x = embed.pair_embeddings([HEAD], [BODY]).features
    # Sentence 2 holds the 5 headline words among its 8: cosine 5 / sqrt(5 * 8).
    assert col(x, "emb_max")[0] == pytest.approx(5 / np.sqrt(40), abs=1e-5)
    assert col(x, "emb_best_pos")[0] == pytest.approx(1 / 3)  # 2nd of 4 sentences
    assert col(x, "emb_first")[0] == pytest.approx(0.0, abs=1e-6)
    assert col(x, "emb_gap")[0] == pytest.approx(col(x, "emb_max")[0] - col(x, "emb_second")[0])
    assert col(x, "emb_n_good")[0] == pytest.approx(np.log1p(1))
    # The cues of the embedding-chosen sentence: "said" (report), none modal.
    assert col(x, "emb_best_report")[0] > 0 and col(x, "emb_best_modal")[0] == 0
    assert col(x, "emb_top_modal_rate")[0] > 0  # "may" is in the top 3


def test_unrelated_pair_scores_low(fake: list[int]) -> None:
    x = embed.pair_embeddings(["orchestra tour autumn"], [BODY]).features
    assert col(x, "emb_max")[0] == pytest.approx(0.0, abs=1e-6)


def test_texts_encoded_once_and_cached(fake: list[int], tmp_path: Path) -> None:
    cache = tmp_path / "emb.npz"
    embed.pair_embeddings([HEAD, HEAD, "orchestra tour"], [BODY, BODY, BODY], cache)
    assert fake == [1 + 1 + 4]  # two distinct headlines, four sentences, each once
    again = embed.pair_embeddings([HEAD], [BODY], cache)
    assert fake == [6]  # all from the cache
    assert again.features.shape == (1, len(embed.NAMES))


def test_interaction_layout(fake: list[int]) -> None:
    pe = embed.pair_embeddings([HEAD], ["Lynx seen near Velden lake."])
    h = fake_encode([HEAD])[0]
    assert pe.interaction.shape == (1, 4 * embed.DIM)
    # one sentence: best = top-3 mean = that sentence; identical bag of words -> h*s = h*h, |h-s| = 0
    np.testing.assert_allclose(pe.interaction[0, : embed.DIM], h * h, atol=1e-6)
    assert np.abs(pe.interaction[0, embed.DIM: 2 * embed.DIM]).max() < 1e-6


def test_embedding_features_by_name_and_heads(fake: list[int]) -> None:
    names = ["emb_max", "emb_head_agree", "emb_head_discuss"]
    coef = np.zeros((4 * embed.DIM, 3), np.float32)
    heads = {"body": LinearStance(coef, np.array([0.0, -5.0, 0.0], np.float32)),
             "headline": LinearStance(coef, np.array([2.0, 0.0, 0.0], np.float32))}
    x = embed.embedding_features([HEAD, HEAD], [BODY, "Lynx seen near Velden lake"], heads=heads, kinds=[0, 1],
                                 names=names)
    assert x.shape == (2, 3)
    assert x[0, 1] == pytest.approx(x[0, 2])  # body head: agree and discuss tie
    assert x[1, 1] > x[1, 2]  # headline head: agree favoured
    with pytest.raises(ValueError):
        embed.embedding_features([HEAD], [BODY], names=["emb_head_agree"])  # no heads
    with pytest.raises(ValueError):
        embed.embedding_features([HEAD], [BODY], names=["emb_nonsense"])


def test_empty_body_and_empty_batch(fake: list[int]) -> None:
    x = embed.pair_embeddings([HEAD], [""]).features
    assert x.shape == (1, len(embed.NAMES)) and np.isfinite(x).all()
    assert embed.embedding_features([], []).shape == (0, len(embed.NAMES))


def test_chunked_scoring_equals_one_batch(fake: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    heads_ = ["lynx seen near velden lake", "orchestra tour", "rangers confirm lynx"]
    bodies = [BODY, BODY, "Rangers confirmed the lynx. It was seen twice."]
    whole = embed.embedding_features(heads_ * 3, bodies * 3)
    monkeypatch.setattr(embed, "CHUNK", 2)
    np.testing.assert_array_equal(embed.embedding_features(heads_ * 3, bodies * 3), whole)
    np.testing.assert_array_equal(embed.pair_embeddings(heads_ * 3, bodies * 3).features, whole)


@pytest.mark.slow
def test_seed_articles_embedding_features(seeds_dir: Path) -> None:
    """The two seed articles tell one story (EXPECTED.md: both report a denial of the
    factory plan): each headline finds a close sentence in the *other* article's body,
    and the sentences the embedding picks carry refuting cues (the denial), while a
    fictional unrelated headline finds nothing. Real encoder: skips without the extra."""
    if not embed.available():
        pytest.skip("the embeddings extra is not installed")
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    heads = [t.splitlines()[0] for t in texts]
    bodies = ["\n".join(t.splitlines()[1:]) for t in texts]
    other = "The orchestra of Marrow Bay will tour three cities in the autumn"
    x = embed.embedding_features([heads[0], heads[1], other, other], [bodies[1], bodies[0], bodies[0], bodies[1]])
    assert (col(x, "emb_max")[:2] > 0.5).all()
    assert (col(x, "emb_max")[2:] < 0.3).all()
    assert (col(x, "emb_body")[:2] > col(x, "emb_body")[2:] + 0.3).all()
    assert (col(x, "emb_top_srefute_rate")[:2] > 0).all()
    assert (col(x, "emb_n_good")[2:] == 0).all()
