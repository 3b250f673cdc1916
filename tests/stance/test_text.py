"""Text helpers of the stance model: tokens, stems, sentences, hashes, cue words.

The fast paths of text.py are compared with plain reference definitions written here:
the stance trees were trained on the plain definitions' output, so a fast path must
return exactly the same (tables of tricky cases, random text, the seeds, FNC-1 bodies).
The batch counts (stance/counts.py) are tested in test_counts.py."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.stance.text import (
    STOPWORDS,
    capitalised,
    capitalised_stems,
    clean,
    content_stems,
    numbers,
    sentences,
    stem,
    text_hash,
    tokens,
    tokens_clean,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Mayor of Velmora denied it.", ["the", "mayor", "of", "velmora", "denied", "it"]),
        ("It isn’t true, she said", ["it", "isn't", "true", "she", "said"]),
        ("3,000 ducks", ["3", "000", "ducks"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("denies", "deni"), ("denied", "deni"), ("reporting", "report"), ("hoax", "hoax"), ("is", "is")],
)
def test_stem(token: str, expected: str) -> None:
    assert stem(token) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence here. Another one follows! A third?", ["One sentence here.", "Another one follows!", "A third?"]),
        ("Dr. nobody split here", ["Dr. nobody split here"]),
        ("First para\n\nsecond para", ["First para", "second para"]),
        ("", [""]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_limit_joins_the_tail() -> None:
    text = " ".join(f"Sentence number {i} ends." for i in range(10))
    parts = sentences(text, limit=4)
    assert len(parts) == 4 and parts[-1].endswith("9 ends.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sold 1,200 hats in 2019", {"1200", "2019"}), ("no digits", set()), ("3.5 percent", {"3.5"})],
)
def test_numbers(text: str, expected: set[str]) -> None:
    assert numbers(text) == expected


def test_capitalised_skips_sentence_starts() -> None:
    assert capitalised("The council of Brindle Vale met. Then Ostra Lumen left.") == {"brindle", "vale", "ostra", "lumen"}


def test_hash_ignores_case_and_spacing_but_not_words() -> None:
    assert text_hash("Giant  squid found") == text_hash("giant squid found ")
    assert text_hash("Giant squid found") != text_hash("Giant squid lost")



# The fast paths against plain reference definitions.

REF_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
REF_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")
REF_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")


def ref_tokens_clean(text: str) -> list[str]:
    return REF_TOKEN.findall(text.lower())


def ref_sentences(text: str, limit: int = 40) -> list[str]:
    parts = [p.strip() for p in REF_BREAK.split(text or "") if p and p.strip()]
    if not parts:
        return [""]
    return parts[: limit - 1] + [" ".join(parts[limit - 1 :])] if len(parts) > limit else parts


def ref_capitalised(text: str) -> set[str]:
    return {w.lower() for w in REF_CAPITAL.findall(text or "")} - STOPWORDS


def ref_stem(token: str) -> str:
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            return token[: -len(suffix)][:6]
    return token[:6]


TRICKY = [
    "", " ", "'", "''", "a'", "'a", "a'b", "a'b'c", "it's2", "rock'n'roll", "12'ab", "ab'12", "don't won't",
    "O'Neill's dog's", "x''y", "Isn’t it?", "ÉCOLE café naïve", "\u212a is the Kelvin sign", "İstanbul",
    "3,000.5 people", "e.g. this", "A. B. C.", "Mr. Smith went. Then he left!", "Yes?\"No,\" she said. Then",
    "First para\n\nsecond para", "line one\nLine two\nline three", "end.\n\nnext", "end.\nnext",
    "He said: “Go.” Then left.", "(Paren) start. (Next) one.", "Wow!!! Really?! Yes.", "tab\tseparated. Words",
    "Dr. nobody split here", "The Mayor of Velmora met Ostra Lumen. Then Brindle Vale voted.", "mid McDonald's ABCdef1",
    "_Under __Score 3Abc éAbc", "Ref12. Next", "one.two. Three", "...Hmm. Ok", "1. Numbered 2. List",
    "x AND The Also Velmora THE Tarsk", "nul\0 inside. Next\0. Last", "Hi!\n\nTwo\nThree. \nFour",
    "ALL CAPS TEXT. Mixed Case WORDS", "KELVIN \u212aelvin sign", "\n\n", ". . .", "end!\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_paths_equal_the_plain_definitions(text: str) -> None:
    c = clean(text)
    assert tokens_clean(text) == ref_tokens_clean(text)
    assert tokens(text) == ref_tokens_clean(c)
    assert sentences(text) == ref_sentences(text)
    assert sentences(text, limit=2) == ref_sentences(text, limit=2)
    assert capitalised(text) == ref_capitalised(text)
    assert capitalised_stems(text) == {ref_stem(w) for w in ref_capitalised(text)}
    toks = ref_tokens_clean(c)
    assert [stem(t) for t in toks] == [ref_stem(t) for t in toks]
    assert content_stems(toks) == {ref_stem(t) for t in toks if t not in STOPWORDS and len(t) > 1}


ALPHABET = st.sampled_from(list("\0aZb'’“”\".!? \n\t09,_é—İ()Ac-s") + ["n't", "'s", "Mr. ", ". A", "?\" The", "\n\nB"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_fast_paths_equal_the_plain_definitions_on_random_text(text: str) -> None:
    assert tokens_clean(text) == ref_tokens_clean(text)
    assert sentences(text) == ref_sentences(text)
    assert sentences(text, limit=2) == ref_sentences(text, limit=2)
    assert capitalised(text) == ref_capitalised(text)
    assert capitalised_stems(text) == {ref_stem(w) for w in ref_capitalised(text)}


def _real_texts(folder) -> list[str]:  # noqa: ANN001
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def test_fast_paths_on_the_seed_articles(seeds_dir) -> None:  # noqa: ANN001
    texts = _real_texts(seeds_dir)
    assert texts
    for text in texts:
        c = clean(text)
        assert sentences(c) == ref_sentences(c)
        assert capitalised(c) == ref_capitalised(c)
        sent_toks = [tokens_clean(s) for s in sentences(c)]
        assert sent_toks == [ref_tokens_clean(s) for s in ref_sentences(c)]


@pytest.mark.slow
def test_fast_paths_on_fnc1_bodies(fnc1_bodies: list[str]) -> None:
    for body in fnc1_bodies[:400]:
        c = clean(body)
        assert sentences(c) == ref_sentences(c)
        assert capitalised(c) == ref_capitalised(c)
        assert capitalised_stems(c) == {ref_stem(w) for w in ref_capitalised(c)}
        assert tokens_clean(c) == ref_tokens_clean(c)
        assert [tokens_clean(x) for x in sentences(c)] == [ref_tokens_clean(x) for x in ref_sentences(c)]


@pytest.mark.parametrize("text", ["plain ASCII text. Two", "", "tab\tand\nnewline", "\x00\x1f~"])
def test_clean_leaves_ascii_alone(text: str) -> None:
    import unicodedata

    assert clean(text) == unicodedata.normalize("NFKC", text) == text
