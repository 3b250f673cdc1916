"""The shared sentence-embedding loader (runs where the `embeddings` extra is installed)."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.errors import ModelUnavailable
from counterpoint.nlp import embeddings


def test_switch_turns_the_extra_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERPOINT_NO_EMBEDDINGS", "1")
    assert not embeddings.embeddings_available()


def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERPOINT_NO_EMBEDDINGS", "1")
    embeddings.load_encoder.cache_clear()
    with pytest.raises(ModelUnavailable, match="embeddings"):
        embeddings.load_encoder()


def test_empty_input_needs_no_model() -> None:
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSION)


@pytest.mark.slow
def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    if not embeddings.embeddings_available():
        pytest.skip("the embeddings extra is not installed (make install installs it)")
    vectors = embeddings.encode(
        [
            "The harbour authority closed the port after the storm.",
            "After the storm, the port was shut by harbour officials.",
            "The football club signed a new goalkeeper on Tuesday.",
        ]
    )
    assert vectors.shape == (3, embeddings.DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
