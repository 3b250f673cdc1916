"""Optional sentence embeddings for story grouping (the `embeddings` extra).

`load_embedder()` returns a function from texts to unit vectors, or None when the
extra is not installed -- the lexical grouping then runs alone. Cascade:

1. the shared sentence encoder, `counterpoint.nlp.embeddings` (the packaged
   all-MiniLM-L6-v2, loaded from its package folder: nothing is downloaded);
2. otherwise None.

An article is embedded from its title and the start of its body (`EMBED_CHARS`):
the lead says what the story is, and the model reads 256 word pieces at most anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

EMBED_CHARS = 1000
Embedder = Callable[[Sequence[str]], np.ndarray]


def load_embedder() -> Embedder | None:
    """A texts -> (n, d) unit-vector function (`counterpoint.nlp.embeddings.encode`), or
    None without the extra."""
    from counterpoint.nlp.embeddings import embeddings_available, encode

    return encode if embeddings_available() else None


def embedding_text(title: str | None, body: str) -> str:
    return (f"{title}\n{body}" if title else body)[:EMBED_CHARS]
