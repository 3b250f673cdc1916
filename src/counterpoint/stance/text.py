"""Cheap text helpers for the stance model: tokens, stems, sentences, hashes, cue words.

Everything here is regex and dict work (no parse), so a (headline, body) pair costs
microseconds. The same functions run at training and at run time, so the shipped
vocabulary sees exactly the tokens it was fitted on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_SPACE = re.compile(r"\s+")

# Closed-class words: overlap on them says nothing about the story.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves s t said says say
    also new one two just like get got after year years""".split()
)

# Cue groups, FNC-1 winners' "refuting" and "hedging" families; the polarity words
# of counterpoint.claims.stance (FALSITY, DISTANCING_ADVERBS) are folded in.
REFUTE = (
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "not", "despite",
    "nope", "doubt", "doubts", "bogus", "debunk", "debunked", "debunks", "pranks", "prank",
    "retract", "retracted", "untrue", "misleading", "rumour", "rumor", "rumors", "rumours",
    "satire", "satirical", "lie", "lies", "baseless", "fabricated", "no", "never", "isn't",
    "wasn't", "didn't", "doesn't", "aren't", "won't", "dismissed", "rejects", "rejected",
    "refuted", "refutes", "myth", "unfounded", "nonsense", "parody", "spoof", "fiction",
    "incorrect", "wrong", "claims", "claimed",
)
HEDGE = (
    "reportedly", "allegedly", "alleged", "purportedly", "supposedly", "apparently",
    "may", "might", "could", "possibly", "perhaps", "likely", "unconfirmed", "unverified",
    "suggest", "suggests", "suggested", "appears", "appear", "seems", "rumoured", "rumored",
    "according", "believed", "speculation", "speculate", "report", "reports", "reported",
    "claim", "claims", "sources", "if", "unclear", "whether",
)
AGREE = (
    "confirmed", "confirms", "confirm", "official", "officially", "announced", "revealed",
    "true", "indeed", "verified", "proof", "evidence", "shows", "showed", "found",
    "discovered", "said", "told", "statement",
)
NEGATION = ("not", "no", "never", "isn't", "wasn't", "didn't", "doesn't", "aren't", "won't",
            "nobody", "nothing", "none", "neither", "nor", "cannot", "can't", "without")


def normalise(text: str) -> str:
    """NFKC, curly quotes straightened, whitespace collapsed, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACE.sub(" ", text).strip().lower()


def text_hash(text: str) -> int:
    """8-byte blake2b of the normalised text as an unsigned int (the 'seen' fingerprint)."""
    digest = hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def text_hashes(texts: list[str]) -> np.ndarray:
    return np.fromiter((text_hash(t) for t in texts), dtype=np.uint64, count=len(texts))


def clean(text: str) -> str:
    """NFKC and straight quotes, case kept (what `sentences` and `tokens_clean` expect)."""
    text = unicodedata.normalize("NFKC", text or "")
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (apostrophe suffixes kept: "isn't")."""
    return _TOKEN.findall(normalise(text))


def tokens_clean(text: str) -> list[str]:
    """`tokens` of a text already passed through `clean` (skips the normalisation)."""
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=1 << 18)
def stem(token: str) -> str:
    """Truncation stem: the first 6 characters of an inflection-stripped token.

    Why truncation: a Porter stemmer costs ~20x more per token and, for overlap
    between a headline and a body, "denies"/"denied"/"denial" -> "deni" is all we need.
    """
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            token = token[: -len(suffix)]
            break
    return token[:6]


def content_stems(toks: list[str]) -> set[str]:
    return {stem(t) for t in set(toks) - STOPWORDS if len(t) > 1}  # de-duplicate in C first


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text or "")}


def capitalised(text: str) -> set[str]:
    """Lower-cased capitalised words not at a sentence start: cheap proper-noun proxy."""
    return {w.lower() for w in _CAPITALISED.findall(text or "")} - STOPWORDS


def sentences(text: str, limit: int = 40) -> list[str]:
    """Regex sentence split, empty pieces dropped, at most `limit` sentences (the rest joined
    into the last one: the lead of a news body carries its stance)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text or "") if p and p.strip()]
    if not parts:
        return [""]
    if len(parts) > limit:
        parts = parts[: limit - 1] + [" ".join(parts[limit - 1 :])]
    return parts
