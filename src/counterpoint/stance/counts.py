"""Batch counting for the stance features: every token list of a batch at once, word ids
instead of strings.

Why a module of its own: the stance features count word uni+bigrams and cue words per body
sentence; done sentence by sentence with Counter and string bigrams, that was half the cost
of a pair. Here each distinct word of the batch is hashed once, bigrams are pairs of word
ids, and de-duplication is one integer sort. This is array work over token lists, apart
from the per-text definitions of stance/text.py (which it builds on, never the reverse).
Outputs equal the per-list definitions exactly (tests/stance/test_counts.py compares them).

- `token_batch`: token lists -> word ids (`TokenBatch`);
- `term_counts`: word uni+bigram counts as CSR parts (`TermCounts`);
- `group_counts`, `pair_counts`: cue-word groups and cue bigrams per list;
- `content_stem_sets`, `content_stem_groupings`, `content_stem_keys`, `content_stem_rows`:
  content stems per group of lists, as sets or integer keys;
- `sorted_unique`: `np.unique` by a plain sort.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from itertools import chain, compress, count, repeat
from typing import NamedTuple

import numpy as np

# The content-stem cache of text.py is shared (not a second copy): `content_stems` and the
# batch functions then see one stem per token, filled once per process.
from counterpoint.stance.text import CONTENT_STEM_CACHE


class TokenBatch(NamedTuple):
    """Token lists as word ids: `words[ids[lengths[:r].sum() + j]]` is token j of list r."""

    words: list[str]  # distinct tokens, in order of first appearance
    ids: np.ndarray  # (tokens,) int64
    lengths: np.ndarray  # (lists,) int64


class TermCounts(NamedTuple):
    """CSR parts of a term-count matrix (rows = token lists) and how many unknown columns it used."""

    data: np.ndarray  # float32 counts
    indices: np.ndarray  # int32 columns
    indptr: np.ndarray  # int64
    n_unknown: int


def token_batch(token_lists: Sequence[list[str]]) -> TokenBatch:
    lengths = np.fromiter(map(len, token_lists), np.int64, len(token_lists))
    # One C pass: a new word gets the next id from the defaultdict's factory.
    index: defaultdict[str, int] = defaultdict(count().__next__)
    ids = np.fromiter(map(index.__getitem__, chain.from_iterable(token_lists)), np.int64, int(lengths.sum()))
    return TokenBatch(list(index), ids, lengths)


def term_counts(
    token_lists: Sequence[list[str]] | TokenBatch, terms: Mapping[str, int], base: int,
    unknown: dict[str, int] | None = None, keep_unknown: bool = False,
) -> TermCounts:
    """Counts of each list's word unigrams and bigrams ("a b") as CSR parts: equal to, row by
    row, `bag = Counter(toks); bag.update(map(" ".join, zip(toks, toks[1:])))` with the
    columns `terms[term]` in the bag's order (first occurrence, unigrams before bigrams).

    A term outside `terms`: dropped; or, with `unknown` (a dict shared by the calls of one
    batch), given the column `unknown[term]`, new ones `base + len(unknown)` onwards in
    order of first occurrence, and recorded there; or, with `keep_unknown` and no dict, the
    same columns without the names (cheaper: the bigram strings are never built).

    Cascade: (1) word ids and one integer sort (`_first_occurrences`); (2) token lists
    with spaces or empty tokens inside (where "a b"+"c" and "a"+"b c" would meet):
    `_term_counts_strings`, the plain definition.
    """
    batch = token_lists if isinstance(token_lists, TokenBatch) else token_batch(token_lists)
    words, ids, n_tok = batch
    n_rows, n, n_words = len(n_tok), len(ids), len(words)
    if n == 0 or "" in words or " " in "".join(words):
        lists = _lists(batch) if isinstance(token_lists, TokenBatch) else token_lists
        return _term_counts_strings(lists, terms, base, unknown, keep_unknown)
    # Items of row r: its unigrams in token order, then its bigrams in token order: the order
    # in which the Counter above first meets each term.
    n_bi = np.maximum(n_tok - 1, 0)
    per_row = n_tok + n_bi
    tok_end = np.cumsum(n_tok)
    row_of_tok = np.repeat(np.arange(n_rows), n_tok)
    uni_pos = np.arange(n) + (np.cumsum(n_bi) - n_bi)[row_of_tok]
    not_last = np.ones(n, bool)
    not_last[tok_end[n_tok > 0] - 1] = False
    g = np.flatnonzero(not_last)
    pairs, pair_of = _unique_inverse(ids[g] * n_words + ids[g + 1])
    total = n + len(g)
    term = np.empty(total, np.int64)  # 0..W-1 a word, W.. a distinct pair
    term[uni_pos] = ids
    term[uni_pos[g] + n_tok[row_of_tok[g]]] = n_words + pair_of
    n_terms = n_words + len(pairs)
    item_row = np.repeat(np.arange(n_rows), per_row)
    row_start = np.cumsum(per_row) - per_row
    first, counts = _first_occurrences(item_row, term, row_start, n_terms, int(per_row.max()))

    col = np.empty(n_terms, np.int64)
    col[:n_words] = np.fromiter(map(terms.get, words, repeat(-1)), np.int64, n_words)
    col[n_words:] = _bigram_columns(terms, words, pairs)
    k_term, k_row = term[first], item_row[first]
    n_unknown = 0
    if unknown is not None or keep_unknown:
        miss = np.flatnonzero(col < 0)
        names: list[str] = []
        if unknown is not None and len(miss):
            names = _term_names(miss, words, pairs)
            if unknown:
                col[miss] = np.fromiter(map(unknown.get, names, repeat(-1)), np.int64, len(miss))
        new = col[k_term] < 0
        if new.any():
            fresh = _in_first_order(k_term[new], n_terms)  # n_terms <= tokens + pairs
            start = base + (len(unknown) if unknown is not None else 0)
            col[fresh] = np.arange(start, start + len(fresh))
            n_unknown = len(fresh)
            if unknown is not None:
                name_of = dict(zip(miss.tolist(), names))
                unknown.update(zip(map(name_of.__getitem__, fresh.tolist()), range(start, start + len(fresh))))
    k_col = col[k_term]
    keep = k_col >= 0
    if not keep.all():
        k_col, k_row, counts = k_col[keep], k_row[keep], counts[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(k_row, minlength=n_rows))]).astype(np.int64)
    return TermCounts(counts.astype(np.float32), k_col.astype(np.int32), indptr, n_unknown)


def group_counts(token_lists: Sequence[list[str]] | TokenBatch, groups: Mapping[str, tuple[int, ...]],
                 n_groups: int) -> np.ndarray:
    """(lists, n_groups) float32: how many tokens of each list belong to each group, where
    `groups[token]` lists the groups of a token: per list,
    `for t in toks: for g in groups.get(t, ()): out[g] += 1`."""
    batch = token_lists if isinstance(token_lists, TokenBatch) else token_batch(token_lists)
    words, ids, n_tok = batch
    cue_words = list(filter(groups.__contains__, words))  # cue words are few: filter in C first
    out = np.zeros((len(n_tok), n_groups), np.float32)
    if not cue_words:
        return out
    index = dict(zip(cue_words, count()))
    hit = np.fromiter(map(index.get, words, repeat(-1)), np.int64, len(words))[ids]
    at = np.flatnonzero(hit >= 0)
    # The list of each hit from its position (hits are few: no list index per token).
    hit_rows, hit_words = np.searchsorted(np.cumsum(n_tok), at, side="right"), hit[at]
    for g in range(n_groups):
        in_g = np.fromiter((g in groups[w] for w in cue_words), bool, len(cue_words))
        sel = in_g[hit_words]
        out[:, g] = np.bincount(hit_rows[sel], minlength=len(n_tok))
    return out


def pair_counts(token_lists: Sequence[list[str]] | TokenBatch, pairs: Collection[tuple[str, str]]) -> np.ndarray:
    """(lists,) int64: how many adjacent token pairs of each list are in `pairs`:
    `sum(1 for bg in zip(toks, toks[1:]) if bg in pairs)`."""
    batch = token_lists if isinstance(token_lists, TokenBatch) else token_batch(token_lists)
    words, ids, n_tok = batch
    out = np.zeros(len(n_tok), np.int64)
    index = dict(zip(words, count()))
    wanted = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    if not wanted or len(ids) < 2:
        return out
    n = len(words)
    key = ids[:-1] * n + ids[1:]
    last = np.cumsum(n_tok)[n_tok > 0] - 1  # a pair never spans two lists
    inside = np.ones(len(key), bool)
    inside[last[last < len(key)]] = False
    hit = np.flatnonzero(np.isin(key, np.array([a * n + b for a, b in wanted], np.int64)) & inside)
    rows = np.searchsorted(np.cumsum(n_tok), hit, side="right")  # the list of each (few) hit
    return np.bincount(rows, minlength=len(n_tok)).astype(np.int64)


def content_stem_sets(token_lists: Sequence[list[str]] | TokenBatch, group_of_list: np.ndarray,
                      n_groups: int) -> list[set[str]]:
    """For each group g, `content_stems` of the tokens of every list r with
    `group_of_list[r] == g` (-1: in no group). One stem lookup per distinct word of the
    batch, one integer sort; e.g. the stems of each body from its sentences' token lists."""
    return content_stem_groupings(token_lists, [(group_of_list, n_groups)])[0]


def content_stem_groupings(token_lists: Sequence[list[str]] | TokenBatch,
                           groupings: Sequence[tuple[np.ndarray, int]]) -> list[list[set[str]]]:
    """`content_stem_sets` for several groupings of one batch (the stems are looked up once)."""
    stems, _, keys = content_stem_keys(token_lists, groupings)
    n_stems = max(len(stems), 1)
    out = []
    for k, (_, n_groups) in zip(keys, groupings):
        bounds = np.searchsorted(k, np.arange(1, n_groups) * n_stems)
        out.append([set(map(stems.__getitem__, part.tolist())) for part in np.split(k % n_stems, bounds)])
    return out


def content_stem_keys(token_lists: Sequence[list[str]] | TokenBatch, groupings: Sequence[tuple[np.ndarray, int]],
                      ) -> tuple[list[str], dict[str, int], list[np.ndarray]]:
    """`content_stem_groupings` as integers: (stems, stem -> id, for each grouping the sorted
    distinct keys `group * max(len(stems), 1) + stem id`). Set sizes and intersections are
    then numpy work on the keys (no Python set per group)."""
    stems, index, row, stem_ids = content_stem_rows(token_lists)
    n_stems = max(len(stems), 1)
    out = []
    for group_of_list, _ in groupings:
        group = np.asarray(group_of_list, np.int64)[row]
        keep = group >= 0
        out.append(sorted_unique(group[keep] * n_stems + stem_ids[keep]))
    return stems, index, out


def content_stem_rows(token_lists: Sequence[list[str]] | TokenBatch,
                      ) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    """(stems, stem -> id, list index and stem id of every content token in batch order):
    one `content_stems` lookup per distinct word, ids in order of first appearance."""
    batch = token_lists if isinstance(token_lists, TokenBatch) else token_batch(token_lists)
    words, ids, n_tok = batch
    content = list(map(CONTENT_STEM_CACHE.__getitem__, words))  # None: stopword or one character
    stems = list(dict.fromkeys(filter(None, content)))
    index = dict(zip(stems, count()))
    stem_ids = np.fromiter(map(index.get, content, repeat(-1)), np.int64, len(words))[ids]
    is_content = stem_ids >= 0
    row = np.repeat(np.arange(len(n_tok)), n_tok)[is_content]
    return stems, index, row, stem_ids[is_content]


def _lists(batch: TokenBatch) -> list[list[str]]:
    flat = [batch.words[i] for i in batch.ids.tolist()]
    ends = np.cumsum(batch.lengths).tolist()
    return [flat[e - k : e] for e, k in zip(ends, batch.lengths.tolist())]


_TABLES: dict[int, tuple] = {}


def _bigram_table(terms: Mapping[str, int]) -> tuple[dict[str, int], int, np.ndarray, np.ndarray]:
    """For a vocabulary: the words of its bigram terms -> index, and sorted pair keys
    (index_a * n + index_b) with their columns. Built once per vocabulary object."""
    hit = _TABLES.get(id(terms))
    if hit is not None and hit[0] is terms and hit[1] == len(terms):
        return hit[2:]
    words: dict[str, int] = {}
    a: list[int] = []
    b: list[int] = []
    cols: list[int] = []
    for term, col in terms.items():
        parts = term.split(" ")
        if len(parts) == 2 and parts[0] and parts[1]:
            a.append(words.setdefault(parts[0], len(words)))
            b.append(words.setdefault(parts[1], len(words)))
            cols.append(col)
    n = max(len(words), 1)
    keys = np.asarray(a, np.int64) * n + np.asarray(b, np.int64)
    order = np.argsort(keys, kind="stable")
    table = (words, n, keys[order], np.asarray(cols, np.int64)[order])
    if len(_TABLES) >= 4:
        _TABLES.clear()
    _TABLES[id(terms)] = (terms, len(terms), *table)  # the dict is kept alive: its id stays its own
    return table


def _bigram_columns(terms: Mapping[str, int], words: list[str], pairs: np.ndarray) -> np.ndarray:
    """Column of each distinct pair (key a * len(words) + b) in `terms`, -1 when absent."""
    vwords, n, keys, cols = _bigram_table(terms)
    out = np.full(len(pairs), -1, np.int64)
    if not len(keys) or not len(pairs):
        return out
    vw = np.fromiter(map(vwords.get, words, repeat(-1)), np.int64, len(words))
    pa, pb = vw[pairs // len(words)], vw[pairs % len(words)]
    both = (pa >= 0) & (pb >= 0)
    k = pa[both] * n + pb[both]
    j = np.minimum(np.searchsorted(keys, k), len(keys) - 1)
    out[both] = np.where(keys[j] == k, cols[j], -1)
    return out


def _term_names(term_ids: np.ndarray, words: list[str], pairs: np.ndarray) -> list[str]:
    n = len(words)
    out = list(map(words.__getitem__, term_ids[term_ids < n].tolist()))
    p = pairs[term_ids[term_ids >= n] - n]
    out += map(" ".join, zip(map(words.__getitem__, (p // n).tolist()), map(words.__getitem__, (p % n).tolist())))
    return out  # term ids come sorted (np.flatnonzero): words first, then pairs


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """`np.unique(a)` by a plain sort (numpy 2.4's np.unique took 30x longer on 1.5M int64)."""
    if not len(a):
        return a
    a = np.sort(a)
    new = np.empty(len(a), bool)
    new[0] = True
    np.not_equal(a[1:], a[:-1], out=new[1:])
    return a[new]


def _in_first_order(seq: np.ndarray, bound: int | None = None) -> np.ndarray:
    """The distinct values of non-negative `seq` in order of first appearance; with `bound`
    (every value below it, and a table of that size affordable), from a table of first
    positions instead of a sort (~4x faster on a batch's ~1 M unknown terms)."""
    if bound is not None:
        first_at = np.full(bound, len(seq), np.int64)
        np.minimum.at(first_at, seq, np.arange(len(seq)))
        found = np.flatnonzero(first_at < len(seq))
        return found[np.argsort(first_at[found])]
    values, inverse = _unique_inverse(seq)
    first = np.full(len(values), len(seq), np.int64)
    np.minimum.at(first, inverse, np.arange(len(seq)))
    return values[np.argsort(first)]


def _unique_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(keys, return_inverse=True)` for non-negative keys, by one plain sort of
    (key, position) packed in an int64 when they fit (a stable argsort costs ~10x more)."""
    n = len(keys)
    if n == 0:
        return keys, keys
    bits = max(n - 1, 1).bit_length()
    if int(keys.max()).bit_length() + bits > 62:
        return np.unique(keys, return_inverse=True)
    packed = np.sort((keys << bits) | np.arange(n, dtype=np.int64))
    values = packed >> bits
    new = np.empty(n, bool)
    new[0] = True
    np.not_equal(values[1:], values[:-1], out=new[1:])
    inverse = np.empty(n, np.int64)
    inverse[packed & ((1 << bits) - 1)] = np.cumsum(new) - 1
    return values[new], inverse


def _first_occurrences(item_row: np.ndarray, term: np.ndarray, row_start: np.ndarray, n_terms: int,
                       max_per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """Items that are the first occurrence of their (row, term), in item order, and the number
    of occurrences of each: one sort of (row, term, position) packed in an int64, the
    position in the batch when it fits (no per-item row offsets), else in the row."""
    total = len(term)
    rb, tb, pb, gb = (max(v - 1, 1).bit_length() for v in (len(row_start), n_terms, max_per_row, total))
    if rb + tb + gb <= 62:
        packed = np.sort((((item_row << tb) | term) << gb) | np.arange(total))
        start = np.empty(total, bool)
        start[0] = True
        group = packed >> gb
        np.not_equal(group[1:], group[:-1], out=start[1:])
        idx = np.flatnonzero(start)
        counts = np.diff(np.append(idx, total))
        firsts = packed[idx] & ((1 << gb) - 1)
    elif rb + tb + pb <= 62:
        local = np.arange(total) - row_start[item_row]
        packed = np.sort((((item_row << tb) | term) << pb) | local)
        group = packed >> pb
        start = np.empty(total, bool)
        start[0] = True
        np.not_equal(group[1:], group[:-1], out=start[1:])
        idx = np.flatnonzero(start)
        counts = np.diff(np.append(idx, total))
        firsts = row_start[group[idx] >> tb] + (packed[idx] & ((1 << pb) - 1))
    else:
        _, firsts, counts = np.unique(item_row * n_terms + term, return_index=True, return_counts=True)
    at = np.zeros(total, np.int64)
    at[firsts] = counts
    first = np.flatnonzero(at)
    return first, at[first]


def _term_counts_strings(token_lists: Sequence[list[str]], terms: Mapping[str, int], base: int,
                         unknown: dict[str, int] | None, keep_unknown: bool) -> TermCounts:
    """The plain definition (Counter per list, string bigrams)."""
    keys: list[str] = []
    vals: list[int] = []
    lens: list[int] = []
    for toks in token_lists:
        bag = Counter(toks)
        bag.update(map(" ".join, zip(toks, toks[1:])))
        keys.extend(bag)
        vals.extend(bag.values())
        lens.append(len(bag))
    ids = np.fromiter(map(terms.get, keys, repeat(-1)), np.int64, len(keys))
    missing = ids < 0
    n_unknown = 0
    if (unknown is not None or keep_unknown) and missing.any():
        table = unknown if unknown is not None else {}
        unseen = list(compress(keys, missing))
        fresh = [t for t in dict.fromkeys(unseen) if t not in table]
        start = base + len(table)
        table.update(zip(fresh, range(start, start + len(fresh))))
        n_unknown = len(fresh)
        ids[missing] = np.fromiter(map(table.__getitem__, unseen), np.int64, len(unseen))
        missing[:] = False
    keep = ~missing
    row = np.repeat(np.arange(len(lens)), lens)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row[keep], minlength=len(lens)))]).astype(np.int64)
    return TermCounts(np.asarray(vals, np.float32)[keep], ids[keep].astype(np.int32), indptr, n_unknown)
