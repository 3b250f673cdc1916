"""A whole batch of texts tokenised at once: headlines whole, bodies sentence by sentence.

`sentence_batch(heads, bodies)` returns what the per-text definitions give,
`counts.token_batch([tokens_clean(h) for h in heads] + [tokens_clean(s) for b in bodies for s in
sentences(b, limit)])` plus each sentence's count of '"' and '?', with a fixed number of
C and numpy passes over one joined text instead of ~6 Python-level calls per sentence and
one Python string per token (a batch of 4,000 news bodies has ~75,000 sentences and
~1.5 M tokens; those calls were a third of the stance model's scoring time).

How (stance/text.py has the per-text definitions; tests/stance/test_batchtext.py
compares the two):
1. every text is followed by a row marker (MARK_END, a control character no text
   contains) and, in the bodies, every sentence break is replaced by a sentence marker
   (MARK_SENT): one `re.sub` with a literal replacement per first character of a break
   (after '?', which is kept since question marks are counted; after '.'; after '!'; at a
   newline). Breaks never overlap and each is decided by the characters after its first
   one, so the four passes place the breaks of `sentences`' one pattern. A body is
   stripped first: it then has no empty piece, so every marker ends a sentence that
   `sentences` keeps;
2. the marked text is tokenised like `tokens_clean` (ASCII bytes, lower case, byte
   translate), the markers kept as one-byte tokens; the rare rows that need the regex
   (an apostrophe suffix running on: "o'neill's") are re-tokenised row by row;
3. word ids (`_word_ids`): each token's bytes read as 64-bit integers, grouped by one
   sort of (hash, position), checked against the group's first token (a collision takes
   the dict path); ids by first appearance, as `token_batch` numbers them;
4. rows from the markers with numpy, sentences past `limit` merged into the body's last
   row as `sentences` joins them, quote and question marks counted per row from the
   marked text's bytes.
Fallback: a text that contains a marker character, or a character whose lower case is an
ASCII letter (the Kelvin sign, the dotted capital I), takes the per-text path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import count, repeat
from operator import contains
from typing import NamedTuple

import numpy as np

from counterpoint.stance.counts import TokenBatch, token_batch
from counterpoint.stance.text import LONE_APOSTROPHE, SUFFIX_RUN_ON, TOKEN_PATTERN, sentences, tokens_clean

MARK_SENT, MARK_END = "\x01", "\x02"
# The breaks of text._SENTENCE_END, matched from their first character, one pattern per
# first character (a literal first character is the regex engine's fastest scan): after
# '?' (kept, since question marks are counted), after '.', after '!', at a newline.
_AFTER_END = r"[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])"
_QUESTION_BREAK = re.compile(r"\?" + _AFTER_END)
_STOP_BREAK = re.compile(r"\." + _AFTER_END)
_BANG_BREAK = re.compile(r"!" + _AFTER_END)
_NEWLINE_BREAK = re.compile(r"\n(?:\s*\n|(?=[A-Z\"“]))")
# The characters whose lower case has an ASCII letter (the joined path lower-cases bytes).
_LOWER_TO_ASCII = ("\u0130", "\u212a")
# text.TOKEN_PATTERN, LONE_APOSTROPHE and SUFFIX_RUN_ON on bytes.
_TOKEN_B = re.compile(TOKEN_PATTERN.pattern.encode())
_LONE_APOSTROPHE_B = re.compile(LONE_APOSTROPHE.pattern.encode())
_SUFFIX_RUN_ON_B = re.compile(SUFFIX_RUN_ON.pattern.encode())
# tokens_clean's byte table, the two markers kept.
_TABLE = bytes(b if (97 <= b <= 122 or 48 <= b <= 57 or b == 39 or b in (1, 2)) else 32 for b in range(256))


class SentenceBatch(NamedTuple):
    """Rows: the heads, then every body's sentences (`n_sentences[i]` of body i, in order)."""

    tokens: TokenBatch
    n_sentences: np.ndarray  # (bodies,) int64
    quotes: np.ndarray  # (sentences,) float32: '"' in each sentence
    questions: np.ndarray  # (sentences,) float32: '?' in each sentence


def sentence_batch(heads: Sequence[str], bodies: Sequence[str], limit: int = 40) -> SentenceBatch:
    """Token rows of `heads` (whole, as `tokens_clean`) and of every sentence of `bodies`
    (`sentences(body, limit)`), with each sentence's quote and question marks. Texts are
    expected `clean`ed (stance.text.clean), as `tokens_clean` and `sentences` expect.

    Cascade: (1) the joined-text path (module docstring); (2) a marker character inside a
    text, or a character whose lower case is ASCII (the Kelvin sign, the dotted capital I:
    the joined path lower-cases ASCII bytes only): the per-text definitions."""
    if any(map(contains, heads, repeat(MARK_SENT))) or any(map(contains, heads, repeat(MARK_END))) \
            or any(map(contains, bodies, repeat(MARK_SENT))) or any(map(contains, bodies, repeat(MARK_END))):
        return _plain(heads, bodies, limit)
    q, d, e, nl = _QUESTION_BREAK.sub, _STOP_BREAK.sub, _BANG_BREAK.sub, _NEWLINE_BREAK.sub
    sent, end = f" {MARK_SENT} ", f" {MARK_END} "
    question = "?" + sent
    # Substitution calls per body: the regex engine runs faster on a body that is ASCII
    # (one byte per character) than on a joined text that one non-ASCII body widens.
    marked = "".join([nl(sent, e(sent, d(sent, q(question, b)))) + end for b in map(str.strip, bodies)])
    text = end.join(heads) + end + marked if heads else marked
    if any(map(contains, repeat(text), _LOWER_TO_ASCII)):
        return _plain(heads, bodies, limit)
    flat = _flat_tokens(text)
    raw, words = _word_ids(flat) or _word_ids_dict(flat)
    # Rows: each marker ends one (heads first: MARK_END; then sentences).
    is_mark = raw < 2
    ends = np.flatnonzero(is_mark)
    row_of_token = np.cumsum(is_mark)[~is_mark]  # rows before the token = its row
    ids = raw[~is_mark] - 2
    nh = len(heads)
    body_end = raw[ends[nh:]] == 1  # sentence rows that end a body
    n_raw = np.diff(np.concatenate([[-1], np.flatnonzero(body_end)]))  # sentences per body
    quotes, questions = _marks(marked, len(ends) - nh)
    # `sentences` joins the sentences from `limit` on into the last one.
    n_sent = np.minimum(n_raw, limit)
    if (n_raw > limit).any():
        first = np.cumsum(n_raw) - n_raw  # first raw sentence of each body
        k = np.arange(len(ends) - nh) - np.repeat(first, n_raw)  # index within its body
        new_first = np.cumsum(n_sent) - n_sent
        new_row = np.concatenate([np.arange(nh), nh + np.repeat(new_first, n_raw) + np.minimum(k, limit - 1)])
        row_of_token = new_row[row_of_token]
        sent_row = new_row[nh:] - nh
        n_rows = int(n_sent.sum())
        quotes = np.bincount(sent_row, quotes, n_rows).astype(np.float32)
        questions = np.bincount(sent_row, questions, n_rows).astype(np.float32)
    lengths = np.bincount(row_of_token, minlength=nh + int(n_sent.sum())).astype(np.int64)
    return SentenceBatch(TokenBatch(words, ids, lengths), n_sent.astype(np.int64), quotes, questions)


def _flat_tokens(text: str) -> bytes:
    """The marked text as ASCII bytes where the tokens of `tokens_clean` (and the markers)
    are the runs of non-space bytes. Lower-casing after the ASCII encoding is the same as
    before it unless a character lowers to ASCII (`sentence_batch` checks)."""
    flat = text.encode("ascii", "replace").lower().translate(_TABLE)
    if b"'" not in flat:
        return flat
    flat = _LONE_APOSTROPHE_B.sub(b" ", flat)  # one byte for one: positions stay those of `text`
    runs = [m.start() for m in _SUFFIX_RUN_ON_B.finditer(flat)] if b"'" in flat else []
    if not runs:
        return flat
    # Rows with a run-on suffix ("o'neill's"): the token regex on that row's lower-cased
    # text, its tokens joined by spaces (positions map one to one: the ASCII encoding
    # replaces a character by one byte, translate and the apostrophe pass one byte by one).
    low = text.encode("ascii", "replace").lower()
    arr = np.frombuffer(flat, np.uint8)
    ends = np.flatnonzero((arr == 1) | (arr == 2))  # marker positions
    parts: list[bytes] = []
    done = 0
    for row in dict.fromkeys(np.searchsorted(ends, runs).tolist()):
        a = int(ends[row - 1]) + 1 if row else 0
        b = int(ends[row])
        parts += [flat[done:a], b" ", b" ".join(_TOKEN_B.findall(low, a, b)), b" "]
        done = b
    parts.append(flat[done:])
    return b"".join(parts)


def _word_ids_dict(flat: bytes) -> tuple[np.ndarray, list[str]]:
    """(id of each token, words): markers 0 and 1, words 2.. in order of first appearance
    (one dict lookup per token; the reference for `_word_ids`)."""
    index: defaultdict[bytes, int] = defaultdict(count().__next__)
    index[MARK_SENT.encode()], index[MARK_END.encode()]  # ids 0 and 1  # noqa: B018
    raw = np.fromiter(map(index.__getitem__, flat.split()), np.int64)
    return raw, [w.decode("ascii") for w in list(index)[2:]]


_MASK = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it permutes 64-bit integers


def _word_ids(flat: bytes) -> tuple[np.ndarray, list[str]] | None:
    """`_word_ids_dict` with no Python object per token: each token's first 8 bytes read
    as one integer (the whole token when it has <= 8: token bytes are never 0), longer
    tokens folded with their next 8-byte words; a hash of that key packed with the token's
    position and sorted groups equal tokens, the position giving first appearances.
    Every token is then compared with its group's first (key, length and each 8-byte
    word): None on a hash collision (the caller takes the dict path)."""
    n = len(flat)
    arr = np.frombuffer(flat, np.uint8)
    edge = np.flatnonzero(np.diff((arr != 32).view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    starts, ends = edge[0::2], edge[1::2]  # a token starts, then ends: the edges alternate
    lens = ends - starts
    m = len(starts)
    if m == 0:
        return np.zeros(0, np.int64), []
    pos_bits = max(m - 1, 1).bit_length()
    if pos_bits > 40:
        return None
    padded = flat + bytes(16)
    # Element i: the 8 bytes from byte i (an unaligned, overlapping view; numpy copies on read).
    view = np.ndarray((n + 8,), dtype="<u8", buffer=padded, strides=(1,))
    w0 = view[starts] & _MASK[np.minimum(lens, 8)]
    key = w0.copy()
    long = np.flatnonzero(lens > 8)
    words8 = []
    with np.errstate(over="ignore"):
        if len(long):
            key[long] ^= lens[long].astype(np.uint64)
            k = 1
            while True:
                rest = lens[long] - 8 * k
                if not (rest > 0).any():
                    break
                at = np.minimum(starts[long] + 8 * k, n)  # tokens already read whole: any word, masked to 0
                w = view[at] & _MASK[np.clip(rest, 0, 8)]
                words8.append(w)
                key[long] = key[long] * _MIX + w
                k += 1
        hashed = ((key * _MIX) >> np.uint64(64 - (63 - pos_bits))).astype(np.int64)
    packed = np.sort((hashed << pos_bits) | np.arange(m, dtype=np.int64))
    group = packed >> pos_bits
    new = np.empty(m, bool)
    new[0] = True
    np.not_equal(group[1:], group[:-1], out=new[1:])
    position = packed & ((1 << pos_bits) - 1)
    first = position[new]  # each group's first token (the smallest position sorts first)
    inverse = np.empty(m, np.int64)
    inverse[position] = np.cumsum(new) - 1
    rep = first[inverse]
    if not (np.array_equal(key[rep], key) and np.array_equal(lens[rep], lens)):
        return None
    if words8:  # equal lengths above: a long token's group starts with a long token
        index_in_long = np.empty(m, np.int64)
        index_in_long[long] = np.arange(len(long))
        rep_long = index_in_long[rep[long]]
        if not all(np.array_equal(w[rep_long], w) for w in words8):
            return None
    # Ids by first appearance; the markers (one byte 1 or 2) become 0 and 1.
    order = np.argsort(first)
    rank = np.empty(len(first), np.int64)
    rank[order] = np.arange(len(first))
    is_mark = (lens == 1) & (w0 < 3)
    mark_groups = np.unique(inverse[is_mark])
    is_mark_group = np.zeros(len(first), bool)
    is_mark_group[mark_groups] = True
    word_groups = order[~is_mark_group[order]]
    word_rank = np.empty(len(first), np.int64)
    word_rank[word_groups] = np.arange(len(word_groups)) + 2
    raw = word_rank[inverse]
    raw[is_mark] = w0[is_mark].astype(np.int64) - 1
    at = first[word_groups]
    words = [flat[a:b].decode("ascii") for a, b in zip(starts[at].tolist(), ends[at].tolist())]
    return raw, words


def _marks(marked: str, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Quote and question marks of each sentence row of the marked body text (UTF-8 keeps
    ASCII bytes as they are and never uses them inside a multi-byte character): one pass
    picks the markers and both marks, the few picked bytes are then told apart."""
    arr = np.frombuffer(marked.encode("utf-8", "surrogatepass"), np.uint8)
    at = np.flatnonzero(_MARKS[arr])
    kind = arr[at]
    ends = at[kind < 3]  # MARK_SENT, MARK_END (NUL is not picked)
    row = np.searchsorted(ends, at)
    return (np.bincount(row[kind == 34], minlength=n_rows).astype(np.float32),
            np.bincount(row[kind == 63], minlength=n_rows).astype(np.float32))


_MARKS = np.zeros(256, bool)
_MARKS[[1, 2, 34, 63]] = True


def _plain(heads: Sequence[str], bodies: Sequence[str], limit: int) -> SentenceBatch:
    """The per-text definitions (texts with a marker character in them)."""
    sents = [sentences(b, limit) for b in bodies]
    flat = [s for ss in sents for s in ss]
    batch = token_batch([tokens_clean(h) for h in heads] + [tokens_clean(s) for s in flat])
    return SentenceBatch(batch, np.array([len(s) for s in sents], np.int64),
                         np.array([s.count('"') for s in flat], np.float32),
                         np.array([s.count("?") for s in flat], np.float32))

