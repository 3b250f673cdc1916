"""Article -> sparse term weights for story grouping, with document frequencies kept
as articles arrive.

Terms (`terms()`), in order:

1. words of title + body, lowercased, with possessive 's and edge hyphens dropped;
2. English stop words, one-letter words and short pure numbers (years and big figures
   stay: "2014", "6000") are dropped;
3. a crude suffix fold (`fold`: plural -s/-ies, then -ing/-ed/-ion, then a final
   -e: "flooded"/"floods" -> "flood", "evacuation"/"evacuated" -> "evacuat") so that a
   headline and a body that inflect differently still meet; it only has to be the
   same on both sides, not a real stem;
4. words written capitalized mid-sentence somewhere in the text (likely names) can be
   weighted `NAME_WEIGHT` times; 1.0 (off) scored best on story_clusters_fnc1, where
   2.0 pulled same-company stories together ("Apple", "Watch").

Weights: sublinear term frequency (1 + log tf), L2-normalised *before* IDF, so that
what is stored for an article never depends on when it arrived. IDF is applied at
comparison time from `DocumentFrequencies`, which counts each article once as it
arrives -- so the model stays honest for incremental use (no corpus to fit up
front, nothing shipped), and two runs over the same articles in any order end with
the same IDF.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

NAME_WEIGHT = 1.0
STEM = True
IDF_POWER = 1.0
"""IDF is raised to this power: above 1, rare terms (names, specific details) weigh more."""
TITLE_WEIGHT = 2
"""The title is counted this many times: it states the story most directly."""

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_CAPITALIZED = re.compile(r"(?<=[a-z,;:]\s)([A-Z][\w'’-]+)")
_EXTRA_STOP = frozenset(
    "said says say told according report reported reports reportedly new just like "
    "year years day days week weeks time times people mr mrs ms dr did does don't "
    "monday tuesday wednesday thursday friday saturday sunday "
    "january february march april june july august september october november december "
    "read share tweet photo image video click".split()
)
STOP = frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


@functools.lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Lowercase, strip possessives and dots, fold a plain plural (see module doc)."""
    w = word.lower().replace("’", "'").replace(".", "")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if not STEM or not w.isalpha():
        return w
    # a crude suffix fold, the same on both sides: flooded/flood, evacuation/evacuated
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 5 and w.endswith("ion"):
        w = w[:-3]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def _keep(term: str) -> bool:
    if len(term) < 2 or term in STOP:
        return False
    return not (term.isdigit() and len(term) < 4)


def terms(title: str | None, body: str) -> dict[str, float]:
    """Unit-length sublinear-tf weights of an article's terms (before IDF)."""
    text = f"{title}\n{body}" if title else body
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text):
        term = fold(word)
        if _keep(term):
            counts[term] += 1
    if title:
        for word in _WORD.findall(title):
            term = fold(word)
            if _keep(term):
                counts[term] += TITLE_WEIGHT - 1
    if not counts:
        return {}
    weights = {t: 1.0 + math.log(c) for t, c in counts.items()}
    if NAME_WEIGHT != 1.0:  # off by default: then the names need not be read at all
        for t in {fold(w) for w in _CAPITALIZED.findall(text)} & weights.keys():
            weights[t] *= NAME_WEIGHT
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()}


NAME_MIN_COUNT = 2
"""A name must be written this many times in an article to be one of its lead names."""


def lead_names(body: str) -> dict[str, int]:
    """The names an article keeps coming back to: words written capitalized
    mid-sentence at least `NAME_MIN_COUNT` times in the body, folded like `terms()`,
    with their counts. The title is left out: headline case capitalizes every word."""
    counts = Counter(fold(w) for w in _CAPITALIZED.findall(body))
    return {t: c for t, c in counts.items() if c >= NAME_MIN_COUNT and _keep(t)}


IDF_REFRESH = 0.02
"""Cached IDF values are dropped when the corpus grew by this share since (the log
barely moves in between, and recomputing every term on every article costs most)."""


@dataclass
class DocumentFrequencies:
    """How many articles seen so far contain each term; smoothed IDF from it."""

    n_docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    _cache: dict[str, float] = field(default_factory=dict, repr=False)
    _cache_at: int = field(default=0, repr=False)

    def add(self, article_terms: dict[str, float]) -> None:
        self.n_docs += 1
        df = self.df
        for t in article_terms:
            df[t] = df.get(t, 0) + 1
        if self.n_docs > self._cache_at * (1 + IDF_REFRESH):
            self._cache = {}
            self._cache_at = self.n_docs
        else:
            for t in article_terms:  # their df moved: drop their cached IDF only
                self._cache.pop(t, None)

    def idf(self, term: str) -> float:
        """(log((1 + N) / (1 + df)) + 1) ** IDF_POWER: scikit-learn's smooth IDF."""
        value = self._cache.get(term)
        if value is None:
            value = (math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0) ** IDF_POWER
            self._cache[term] = value
        return value

    def weigh(self, article_terms: dict[str, float]) -> dict[str, float]:
        """TF-IDF weights (L2-normalised) of an article's terms under the current IDF."""
        idf = self.idf
        out = {t: w * idf(t) for t, w in article_terms.items()}
        norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
        return {t: v / norm for t, v in out.items()}
