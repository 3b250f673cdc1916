"""Framing language per article: lexicon hits, scare quotes, distinctive words.

For each article, in this order:

1. Lexicon hits (`compare.lexicon`): loaded words, labels and hedges, case-insensitive
   on word boundaries; where matches overlap the longest wins ("sheer lies" over
   "lies", "kamikaze flying bomb drones" over "kamikaze").
2. Scare quotes: a quoted phrase of 1-4 words inside a longer sentence ("called the
   report a 'sheer fabrication'"). A quote that is the whole sentence, longer than
   four words, introduced by a speech verb ("he said: ...") or a capitalised
   sentence of 3+ words is a quotation, not a scare quote.
3. Distinctive words: log-odds ratio with an informative Dirichlet prior (Monroe,
   Colaresi & Quinn 2008, "Fightin' Words") of each article against the rest of the
   story, the prior being the pooled story counts. The z-score is the `score`; the
   top `TOP_DISTINCTIVE` positive words per article are kept. Needs two articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from counterpoint.comparison.lexicon import ENTRIES
from counterpoint.comparison.terms import STOP
from counterpoint.records import Article, FramingTerm, Span

TOP_DISTINCTIVE = 10
PRIOR_SCALE = 0.1  # alpha_0 = PRIOR_SCALE * pooled token count: a light prior for short texts
MIN_Z = 0.0  # keep words used more than the rest of the story (z > 0)
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    """(one scanner over every entry, each entry compiled for matching at a position).

    Running ~250 patterns over every body cost most of the framing time; one
    zero-width alternation finds every word start where some entry matches (a
    lookahead, so overlapping hits are all found), and only there are the entries
    tried one by one.
    """
    alternation = "|".join(f"(?:{p})" for p, _ in ENTRIES)
    scanner = re.compile(rf"(?<![\w-])(?=(?:{alternation})(?![\w-]))", re.I)
    entries = [(re.compile(rf"(?:{p})(?![\w-])", re.I), cat) for p, cat in ENTRIES]
    return scanner, entries


def lexicon_hits(article: Article) -> list[FramingTerm]:
    """Step 1: non-overlapping lexicon matches, longest first, in text order."""
    body = article.body
    scanner, entries = _lexicon()
    found: list[tuple[int, int, str]] = []
    for hit in scanner.finditer(body):
        pos = hit.start()
        for rx, category in entries:
            m = rx.match(body, pos)
            if m is not None:
                found.append((m.start(), m.end(), category))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, category in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, category))
    taken.sort()
    return [
        FramingTerm(
            article_id=article.id,
            text=body[s:e],
            category=cat,  # type: ignore[arg-type]
            span=Span(start=s, end=e, text=body[s:e]),
        )
        for s, e, cat in taken
    ]


def scare_quotes(article: Article) -> list[FramingTerm]:
    """Step 2: short quoted phrases inside a sentence."""
    body = article.body
    out: list[FramingTerm] = []
    for open_q, close_q in QUOTE_PAIRS:
        if open_q == close_q:
            rx = re.compile(rf"{re.escape(open_q)}([^{re.escape(open_q)}\n]{{1,60}}){re.escape(close_q)}")
        else:
            rx = re.compile(
                rf"{re.escape(open_q)}([^{re.escape(open_q)}{re.escape(close_q)}\n]{{1,60}}){re.escape(close_q)}"
            )
        for m in rx.finditer(body):
            inner = m.group(1)
            phrase = inner.strip().strip(".,;:!?")
            words = phrase.split()
            if not 1 <= len(words) <= 4:
                continue
            if open_q == "‘" and re.match(r"\w", body[m.end() : m.end() + 1]):
                continue  # an apostrophe (Iran’s), not a closing quote
            # Inside a sentence: text before the quote on the same line and not only
            # the quote itself ending a one-line quotation.
            line_start = body.rfind("\n", 0, m.start()) + 1
            before = body[line_start : m.start()].strip()
            if not before:
                continue
            # A quotation introduced by a speech verb, or a capitalised sentence of
            # three or more words, is someone's words, not the outlet's distance.
            if re.search(r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|tweeted|asked|"
                         r"stated|declared|replied|warned)\s*[,:]?$", before, re.I):
                continue
            if phrase[:1].isupper() and len(words) >= 3:
                continue
            start = m.start(1) + (len(inner) - len(inner.lstrip()))
            end = start + len(phrase)
            out.append(
                FramingTerm(
                    article_id=article.id,
                    text=phrase,
                    category="scare_quote",
                    span=Span(start=start, end=end, text=body[start:end]),
                )
            )
    out.sort(key=lambda t: t.span.start if t.span else 0)
    return out


def _tokens(text: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[a-z][a-z'-]+", text.lower().replace("’", "'"))
        if w not in STOP and len(w) > 2 and not w.endswith("'s")
    ]


def log_odds(
    counts_i: Counter[str], counts_j: Counter[str], prior: Counter[str], alpha0: float
) -> dict[str, float]:
    """z-scores of the log-odds ratio of i vs j with an informative Dirichlet prior."""
    n_i, n_j = sum(counts_i.values()), sum(counts_j.values())
    total_prior = sum(prior.values()) or 1
    out: dict[str, float] = {}
    for word in set(counts_i) | set(counts_j):
        a_w = alpha0 * prior[word] / total_prior
        if a_w <= 0:
            continue
        y_i, y_j = counts_i[word], counts_j[word]
        delta = math.log((y_i + a_w) / (n_i + alpha0 - y_i - a_w)) - math.log(
            (y_j + a_w) / (n_j + alpha0 - y_j - a_w)
        )
        variance = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w)
        out[word] = delta / math.sqrt(variance)
    return out


def distinctive_words(
    articles: Sequence[Article], *, top: int = TOP_DISTINCTIVE
) -> list[FramingTerm]:
    """Step 3: the words each article uses more than the rest of the story."""
    if len(articles) < 2:
        return []
    counts = {a.id: Counter(_tokens(f"{a.title or ''}\n{a.body}")) for a in articles}
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    alpha0 = PRIOR_SCALE * sum(pooled.values())
    out: list[FramingTerm] = []
    for article in articles:
        # the rest of the story = pooled minus this article (one subtraction per
        # article, not a sum over all the others: that was quadratic in articles)
        rest = pooled - counts[article.id]
        scores = log_odds(counts[article.id], rest, pooled, alpha0)
        ranked = sorted(
            ((w, z) for w, z in scores.items() if counts[article.id][w] > 0 and z > MIN_Z),
            key=lambda wz: (-wz[1], wz[0]),
        )[:top]
        for word, z in ranked:
            m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", article.body, re.I)
            span = Span(start=m.start(), end=m.end(), text=m.group(0)) if m else None
            out.append(
                FramingTerm(
                    article_id=article.id,
                    text=word,
                    category="distinctive",
                    span=span,
                    score=round(z, 3),
                )
            )
    return out


def framing_terms(articles: Sequence[Article]) -> list[FramingTerm]:
    """All framing terms of the story's articles (steps 1-3)."""
    out: list[FramingTerm] = []
    for article in articles:
        out.extend(lexicon_hits(article))
        out.extend(scare_quotes(article))
    out.extend(distinctive_words(articles))
    return out
