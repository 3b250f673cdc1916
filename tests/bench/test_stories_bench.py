"""bench/stories.py runs one size end to end, and the generator's story count knob."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_story_count_knob() -> None:
    corpus = _load("corpus")
    arts = list(corpus.generate_articles(300, seed=1, stories=150))
    assert len({a.story_id for a in arts}) == 150
    assert [a.text for a in corpus.generate_articles(20, seed=1)] == [
        a.text for a in corpus.generate_articles(20, seed=1, stories=corpus.N_STORIES)]
    with pytest.raises(ValueError):
        list(corpus.generate_articles(1, stories=0))


def test_bench_one_size_reports_throughput_memory_and_bcubed() -> None:
    bench = _load("stories")
    row = bench.run_one(300, per_story=15, seed=0)
    assert row["articles"] == 300 and row["gold_stories"] == 20
    assert row["articles_per_s"] > 0 and row["peak_rss_mb"] > 0
    assert row["bcubed_f1"] >= 0.8  # generated stories are well apart
