"""stance/batchtext.py: a batch tokenised at once equals the per-text definitions.

The reference below is written from the plain definitions (regex tokens of the lowered
text, the sentence-break regex split), not from text.py's fast paths: the stance trees
were trained on those values, so the batch path must return exactly the same."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.stance import batchtext
from counterpoint.stance.batchtext import _flat_tokens, _word_ids, _word_ids_dict, sentence_batch
from counterpoint.stance.text import clean

REF_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
REF_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")


def ref_sentences(text: str, limit: int) -> list[str]:
    parts = [p.strip() for p in REF_BREAK.split(text) if p and p.strip()]
    if not parts:
        return [""]
    return parts[: limit - 1] + [" ".join(parts[limit - 1 :])] if len(parts) > limit else parts


def ref_batch(heads: list[str], bodies: list[str], limit: int = 40) -> tuple:
    rows = [REF_TOKEN.findall(h.lower()) for h in heads]
    sents = [ref_sentences(b, limit) for b in bodies]
    flat = [s for ss in sents for s in ss]
    rows += [REF_TOKEN.findall(s.lower()) for s in flat]
    words = list(dict.fromkeys(t for r in rows for t in r))
    index = {w: i for i, w in enumerate(words)}
    return (words, [index[t] for r in rows for t in r], [len(r) for r in rows], [len(s) for s in sents],
            [s.count('"') for s in flat], [s.count("?") for s in flat])


def got_batch(heads: list[str], bodies: list[str], limit: int = 40) -> tuple:
    b = sentence_batch(heads, bodies, limit)
    return (b.tokens.words, b.tokens.ids.tolist(), b.tokens.lengths.tolist(), b.n_sentences.tolist(),
            b.quotes.tolist(), b.questions.tolist())


TRICKY = [
    "", " ", "'", "a'b'c", "it's2", "rock'n'roll", "O'Neill's dog's. Next one", "Isn’t it? “No,” she said. Then",
    "ÉCOLE café naïve. Über Alles", "3,000.5 people. 12 left!", "e.g. this. A. B. C.",
    "Mr. Smith went. Then he left!",
    "First para\n\nsecond para", "line one\nLine two\nline three", "end.\n\nnext", "end.\nnext", "  \n\nLead. Tail\n\n",
    "He said: “Go.” Then left.", "(Paren) start. (Next) one.", "Wow!!! Really?! Yes.", "tab\tseparated. Words",
    "...Hmm. Ok", "1. Numbered 2. List", "nul\0 inside. Next\0. Last", "Hi!\n\nTwo\nThree. \nFour", ". . .",
    "Really?. Yes?! \"Quoted?\" Done? Next", "a\u2028B. C\x1cD. E\x85F", "supercalifragilistic words go longer. Again "
    "supercalifragilistic and antidisestablishmentarianism antidisestablishmentarianism",
    "日本語。Velmora said so. 12",
]
HEADS = ["Mayor of Velmora denies harbour sale", "ALL CAPS: 3,000 DUCKS?", "", "it's2 rock'n'roll headline"]


@pytest.mark.parametrize("body", TRICKY)
def test_one_body_equals_the_plain_definitions(body: str) -> None:
    c = clean(body)
    assert got_batch(HEADS, [c]) == ref_batch(HEADS, [c])


@pytest.mark.parametrize("limit", [1, 2, 3, 40])
def test_the_whole_table_in_one_batch_and_the_sentence_limit(limit: int) -> None:
    bodies = [clean(t) for t in TRICKY] * 2
    assert got_batch(HEADS, bodies, limit) == ref_batch(HEADS, bodies, limit)


@pytest.mark.parametrize(
    "bodies",
    [["a\x01b. C d"], ["x \x02 y. Z"], ["The \u212aelvin sign. Next"], ["\u0130stanbul. Next one"], []],
)
def test_marker_characters_and_ascii_lowering_take_the_per_text_path(bodies: list[str]) -> None:
    assert got_batch(HEADS, bodies) == ref_batch(HEADS, bodies)
    assert got_batch(["head \x01 with a marker"], bodies) == ref_batch(["head \x01 with a marker"], bodies)


def test_word_ids_fall_back_to_the_dict_on_a_hash_collision(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["alpha beta alpha", "gamma beta superlongtokenthatgoeson superlongtoken"]
    flat = _flat_tokens(" \x02 ".join(texts) + " \x02 ")
    fast, plain = _word_ids(flat), _word_ids_dict(flat)
    assert fast is not None and fast[0].tolist() == plain[0].tolist() and fast[1] == plain[1]
    monkeypatch.setattr(batchtext, "_MIX", np.uint64(0))  # every token hashes to 0: one group
    assert _word_ids(flat) is None
    bodies = ["Alpha beta. Gamma beta alpha."]
    assert got_batch(HEADS, bodies) == ref_batch(HEADS, bodies)


def test_long_tokens_that_share_their_first_bytes_stay_apart() -> None:
    words = ["abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijklmnopq", "abcdefghijklmnopqr", "abcdefgh12345678"]
    body = " ".join(words + words[::-1]) + "."
    assert got_batch([], [body]) == ref_batch([], [body])
    assert sentence_batch([], [body]).tokens.words == words


PIECES = st.sampled_from(list("\0aZb'’“”\".!? \n\t09,_é—İ()Ac-s\x1c") + [
    "n't", "'s", "Mr. ", ". A", "?\" The", "\n\nB", "longwordlongword", "abcdefgh", "o'neill's", "it's2"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(PIECES, max_size=30).map("".join), max_size=5),
       st.lists(st.lists(PIECES, max_size=10).map("".join), max_size=3), st.integers(1, 4))
def test_random_batches_equal_the_plain_definitions(bodies: list[str], heads: list[str], limit: int) -> None:
    bodies, heads = [clean(b) for b in bodies], [clean(h) for h in heads]
    assert got_batch(heads, bodies, limit) == ref_batch(heads, bodies, limit)


def test_seed_articles(seeds_dir) -> None:  # noqa: ANN001
    bodies = [clean(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    assert bodies
    heads = [b.split("\n", 1)[0] for b in bodies]
    assert got_batch(heads, bodies) == ref_batch(heads, bodies)


@pytest.mark.slow
def test_fnc1_bodies(fnc1_bodies: list[str]) -> None:
    bodies = [clean(b) for b in fnc1_bodies[:600]]
    heads = [b[:80] for b in bodies[:50]]
    assert got_batch(heads, bodies) == ref_batch(heads, bodies)
