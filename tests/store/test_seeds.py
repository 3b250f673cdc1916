"""The seed articles, stored as they are read: the store keeps any real text intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.records import Article
from counterpoint.store import open_store


@pytest.mark.shared
def test_seed_texts_survive_a_file_store(seeds_dir: Path, tmp_path: Path) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert len(seeds) >= 2
    # The file names carry a content hash after the index: use it as the id.
    articles = [
        Article(id=p.stem.split("_", 1)[1], source=str(p), body=p.read_text(encoding="utf-8"), produced_by="test/1")
        for p in seeds
    ]
    with open_store(tmp_path / "seeds.sqlite") as store:
        assert store.put_articles(articles) == [True] * len(articles)
        assert store.put_articles(articles) == [False] * len(articles)
    with open_store(tmp_path / "seeds.sqlite") as store:
        assert list(store.iter_articles()) == articles
        for article in articles:
            assert store.find_article(article.id[:6]) == article
            assert store.get_article(article.id).body == article.body
