"""Smoke tests for the synthetic benchmark corpus (bench/corpus.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_corpus():
    # bench/ is not a package (it is a folder of scripts), so load the module by path.
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()
QUOTE = re.compile(r"[“\"][^“”\"]{3,}[”\"]")


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str]]:
    return list(corpus.generate_corpus(240, seed=7))


def test_count(articles):
    assert len(articles) == 240
    assert list(corpus.generate_corpus(0)) == []


def test_same_seed_same_texts(articles):
    assert list(corpus.generate_corpus(240, seed=7)) == articles


def test_other_seed_other_texts(articles):
    assert list(corpus.generate_corpus(20, seed=8)) != articles[:20]


def test_prefix_stable(articles):
    """Article i does not depend on n: a small corpus is a prefix of a large one."""
    assert list(corpus.generate_corpus(15, seed=7)) == articles[:15]


def test_filenames_unique_and_txt(articles):
    names = [name for name, _ in articles]
    assert len(set(names)) == len(names)
    assert all(name.endswith(".txt") and "/" not in name for name in names)


def test_every_article_has_headline(articles):
    for _, text in articles:
        first, blank = text.split("\n")[:2]
        assert first.strip() and blank == ""
        assert 3 <= len(first.split()) <= 20
        assert not first.rstrip().endswith(".")


def test_every_article_has_a_quote_and_reported_speech(articles):
    for name, text in articles:
        assert QUOTE.search(text), name
        assert re.search(r"\b(said|told|denied|rejected|accused|stated)\b", text), name


@pytest.mark.parametrize("low, high", [(corpus.MIN_WORDS, corpus.MAX_WORDS)])
def test_word_counts_in_range(articles, low, high):
    counts = [len(text.split()) for _, text in articles]
    assert all(low <= c <= high for c in counts), (min(counts), max(counts))


def test_about_sixty_stories_with_several_outlets():
    arts = list(corpus.generate_articles(600, seed=0))
    stories = {a.story_id for a in arts}
    assert len(stories) == corpus.N_STORIES
    outlets_per_story = {s: {a.outlet for a in arts if a.story_id == s} for s in stories}
    assert all(len(o) >= 2 for o in outlets_per_story.values())


def test_texts_exercise_every_stage(articles):
    """Across the corpus: furniture, datelines, anonymous sources, chains, relative dates."""
    joined = "\n".join(text for _, text in articles)
    for needle in ["(Photo: ", "Follow us on", "Show more news", "as saying that",
                   "According to", "last week", "days earlier", "last year", "so-called"]:
        assert needle in joined, needle
    assert re.search(r"^\d{1,2} [A-Z][a-z]+, \d\d:\d\d [AP]M$", joined, re.M)  # no year
    assert re.search(r"^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d$", joined, re.M)  # with year


def test_weekdays_match_calendar():
    """Articles say "on <weekday>" for the report day; it must be the real weekday."""
    for art in corpus.generate_articles(120, seed=3):
        story = corpus.make_stories(3)[art.story_id]
        weekday = story.report_date.strftime("%A")
        if f"revealed on {weekday}" not in art.text and "revealed on" in art.text:
            m = re.search(r"revealed on ([A-Z][a-z]+day)\b", art.text)
            assert m is None, (art.filename, m.group(1), weekday)


def test_cli_writes_files(tmp_path):
    assert corpus.main(["5", str(tmp_path / "out"), "--seed", "2", "--meta"]) == 0
    txts = sorted((tmp_path / "out").glob("*.txt"))
    assert len(txts) == 5
    assert all(Path(f"{p}.meta.json").is_file() for p in txts)
    expected = dict(corpus.generate_corpus(5, seed=2))
    assert {p.name: p.read_text(encoding="utf-8") for p in txts} == expected


def test_fast_enough():
    import time

    start = time.perf_counter()
    n = sum(1 for _ in corpus.generate_corpus(1000, seed=1))
    assert n == 1000
    assert time.perf_counter() - start < 5.0  # thousands per second on one core
