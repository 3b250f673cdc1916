"""Cheap text helpers for the stance model: tokens, stems, sentences, hashes, cue words.

Everything here is regex and dict work (no parse), so a (headline, body) pair costs
microseconds. The same functions run at training and at run time, so the shipped
vocabulary sees exactly the tokens it was fitted on: the fast paths below return exactly
what the plain definitions (kept beside them, and re-implemented in
tests/stance/test_text.py) return, and must keep doing so.

Speed notes (the stance bench times thousands of distinct bodies per second):
- tokens: C passes only (lower, ASCII encode, byte translate, split) instead of one
  regex match object per token; the rare apostrophe patterns the split cannot express
  fall back to the regex, on that text alone;
- sentences and capitalised words: patterns that start with a character class, so the
  regex engine skips ahead in C instead of trying lookbehinds at every position;
- stems: dict caches (a C lookup on a hit) instead of an lru_cache call per token;
- batch counting (`token_batch`, `term_counts`, `group_counts`, `pair_counts`,
  `content_stem_sets`, `content_stem_keys`): every token list of a batch at once, as word
  ids, with integer sorts instead of a Counter, a set or a Python loop per sentence: in
  stance/counts.py, which builds on this module (this one never imports it);
- a whole batch of headlines and body sentences tokenised in one pass: stance/batchtext.py.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

# The plain definitions: a token, a sentence break, a number, a capitalised word.
TOKEN_PATTERN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_SPACE = re.compile(r"\s+")
# `_NUMBER` with the first digit outside the repeat: the regex engine then skips ahead to a
# digit in C (same matches, ~1.5x faster); [0-9] where the text is ASCII.
_ASCII_NUMBER = re.compile(r"[0-9][0-9]*(?:[.,][0-9]+)*")
_ANY_NUMBER = re.compile(r"\d\d*(?:[.,]\d+)*")

# Fast equivalents. A sentence break matched from its first character: the [.!?] that the
# lookbehind of _SENTENCE_END checks is consumed here (and given back to the sentence),
# a newline starts the other two branches.
_BREAK = re.compile(
    r"[.!?\n](?:(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=\n)(?:\s*\n|(?=[A-Z\"“])))"
)
# `\b[A-Z]` == an [A-Z] not preceded by a word character; the capital is matched first.
_CAPITAL = re.compile(r"[A-Z](?<!\w[A-Z])(?<![.!?]\s[A-Z])[a-zA-Z]+")
# Every byte that cannot be in a token (after lower-casing) becomes a space.
_NON_TOKEN = bytes(b if (97 <= b <= 122 or 48 <= b <= 57 or b == 39) else 32 for b in range(256))
# An apostrophe that cannot join a token: not after [a-z0-9], or not before [a-z].
LONE_APOSTROPHE = re.compile(r"'(?:(?<![a-z0-9]')|(?![a-z]))")
# What is left that a whitespace split gets wrong: "a'b'c" and "it's2" (the regex stops
# after the letters of the suffix).
SUFFIX_RUN_ON = re.compile(r"'[a-z]+[0-9']")

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
    """NFKC and straight quotes, case kept (what `sentences` and `tokens_clean` expect).
    An ASCII text is returned as it is (NFKC leaves ASCII alone; `isascii` is a flag test)."""
    if not text:
        return ""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (apostrophe suffixes kept: "isn't"): `TOKEN_PATTERN.findall(normalise(text))`."""
    return tokens_clean(clean(text))  # normalise = clean + lower (+ spacing, which no token sees)


def tokens_clean(text: str) -> list[str]:
    """`tokens` of a text already passed through `clean`: `TOKEN_PATTERN.findall(text.lower())`.

    Cascade: (1) lower-case, non-ASCII characters -> '?', every byte that is no token
    character -> space (all C passes); (2) no apostrophe left: a whitespace split is the
    answer; (3) apostrophes that cannot join a token -> space, then split; (4) a suffix
    that runs on ("a'b'c", "it's2"): the regex itself.
    """
    # Lower-casing first: a few non-ASCII capitals lower to ASCII letters (the Kelvin sign).
    low = text.lower()
    flat = low.encode("ascii", "replace").translate(_NON_TOKEN).decode("ascii")
    if "'" not in flat:
        return flat.split()
    flat = LONE_APOSTROPHE.sub(" ", flat)
    if "'" in flat and SUFFIX_RUN_ON.search(flat):
        return TOKEN_PATTERN.findall(low)
    return flat.split()


def _stem(token: str) -> str:
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            token = token[: -len(suffix)]
            break
    return token[:6]


class _StemCache(dict):
    """token -> stem, filled on a miss: a hit is one C dict lookup (`map(cache.__getitem__, ...)`).

    Cleared when it outgrows `limit` (a long-running process sees unbounded vocabulary)."""

    def __init__(self, limit: int, content_only: bool) -> None:
        super().__init__()
        self.limit = limit
        self.content_only = content_only  # stopwords and one-character tokens -> None

    def __missing__(self, token: str) -> str | None:
        if len(self) >= self.limit:
            self.clear()
        value = None if self.content_only and (len(token) <= 1 or token in STOPWORDS) else _stem(token)
        self[token] = value
        return value


_STEMS = _StemCache(1 << 18, content_only=False)
# Shared with stance/counts.py, whose batch functions must give the stems content_stems gives.
CONTENT_STEM_CACHE = _StemCache(1 << 18, content_only=True)


def stem(token: str) -> str:
    """Truncation stem: the first 6 characters of an inflection-stripped token.

    Why truncation: a Porter stemmer costs ~20x more per token and, for overlap
    between a headline and a body, "denies"/"denied"/"denial" -> "deni" is all we need.
    """
    return _STEMS[token]


def content_stems(toks: list[str]) -> set[str]:
    """Stems of the tokens that are not stopwords and longer than one character:
    `{stem(t) for t in set(toks) - STOPWORDS if len(t) > 1}`."""
    out = set(map(CONTENT_STEM_CACHE.__getitem__, set(toks)))  # de-duplicate in C first
    out.discard(None)
    return out  # type: ignore[return-value]


def numbers(text: str) -> set[str]:
    """Numbers with their thousands commas dropped: `_NUMBER.findall`, where `\\d` is any
    Unicode digit; in an ASCII text it is [0-9], which the regex engine scans for faster."""
    text = text or ""
    found = (_ASCII_NUMBER if text.isascii() else _ANY_NUMBER).findall(text)
    return {n.replace(",", "") for n in found}


def capitalised(text: str) -> set[str]:
    """Lower-cased capitalised words not at a sentence start: cheap proper-noun proxy
    (`_CAPITALISED.findall`). The scan starts at position 1, which stands for `(?<!^)`:
    the lookbehinds still see the text's first character, and one character is too few
    for the two-character sentence-start lookbehind, as the plain pattern's."""
    return set(map(str.lower, _CAPITAL.findall(text or "", 1))) - STOPWORDS


class _CapitalStems(dict):
    """Capitalised word (as found) -> the stem of its lower case, None for a stopword."""

    def __missing__(self, word: str) -> str | None:
        if len(self) >= 1 << 18:
            self.clear()
        low = word.lower()
        value = None if low in STOPWORDS else _STEMS[low]
        self[word] = value
        return value


_CAPITAL_STEMS = _CapitalStems()


def capitalised_stems(text: str) -> set[str]:
    """`{stem(w) for w in capitalised(text)}`: one dict lookup per word found (lower case,
    stopword test and stem cached per word)."""
    out = set(map(_CAPITAL_STEMS.__getitem__, _CAPITAL.findall(text or "", 1)))
    out.discard(None)
    return out  # type: ignore[return-value]


def sentences(text: str, limit: int = 40) -> list[str]:
    """Regex sentence split, empty pieces dropped, at most `limit` sentences (the rest joined
    into the last one: the lead of a news body carries its stance)."""
    # = `_SENTENCE_END.split`, pieces stripped; see _BREAK.
    text = text or ""
    parts: list[str] = []
    start = 0
    for m in _BREAK.finditer(text):
        end = m.start()
        if text[end] != "\n":
            end += 1  # the full stop stays with its sentence
        piece = text[start:end].strip()
        if piece:
            parts.append(piece)
        start = m.end()
    piece = text[start:].strip()
    if piece:
        parts.append(piece)
    if not parts:
        return [""]
    if len(parts) > limit:
        parts = parts[: limit - 1] + [" ".join(parts[limit - 1 :])]
    return parts
