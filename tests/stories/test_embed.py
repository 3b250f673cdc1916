"""The optional embedding signal: mixed into scores when given, absent otherwise."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.stories import assign_stories
from counterpoint.stories.embed import embedding_text, load_embedder
from counterpoint.stories.grouper import Grouper

FLOOD = "Heavy rain flooded Lenport. The river Asel burst its banks and mayor Lotte Brenn ordered evacuations."
# long enough (over SHORT_TERMS distinct terms) to be held to the long-article bar
FLOOD2 = ("Mayor Lotte Brenn said the Asel river burst its banks after heavy rain and flooded Lenport; "
          "rescue boats moved families out, evacuations went on overnight, volunteers filled sandbags "
          "and engineers checked the harbor wall.")
X, Y = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)


@pytest.mark.parametrize("vector, joins", [(None, True), (X, True), (Y, False)])
def test_embedding_similarity_moves_the_score(vector, joins) -> None:
    g = Grouper()
    a = g.add("a", None, FLOOD, vector=None if vector is None else X).story
    assert (g.add("b", None, FLOOD2, vector=vector).story == a) is joins


def test_agreeing_embedding_scores_higher_than_a_disagreeing_one() -> None:
    scores = {}
    for name, vector in (("same", X), ("other", Y)):
        g = Grouper()
        g.add("a", None, FLOOD, vector=X)
        scores[name] = g.add("b", None, FLOOD2, vector=vector).score
    assert scores["same"] > scores["other"]


def test_assign_stories_calls_the_embedder_once_for_every_article(make_article) -> None:
    seen: list[list[str]] = []

    def fake(texts):
        seen.append(list(texts))
        return np.tile(X, (len(texts), 1))

    a, b = make_article("a", "Floods", FLOOD), make_article("b", None, FLOOD2)
    first = assign_stories([a], [], {}, embedder=fake)
    out = assign_stories([b], first, {a.id: a}, embedder=fake)
    assert len(out) == 1 and out[0].article_ids == [a.id, b.id]
    assert seen[-1] == [embedding_text(a.title, a.body), embedding_text(None, b.body)]


def test_embedding_text_is_title_and_lead() -> None:
    assert embedding_text("T", "body") == "T\nbody"
    assert len(embedding_text(None, "x" * 5000)) == 1000


@pytest.mark.slow
def test_packaged_model_when_installed() -> None:
    embed = load_embedder()
    if embed is None:
        pytest.skip("the embeddings extra is not installed")
    v = embed(["River floods the harbor town", "Flood waters cover the harbor", "Comet seen at night"])
    assert v.shape[0] == 3 and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2]


RAIN = ("Heavy rain flooded Lenport on Monday. The river Asel burst its banks and mayor Lotte Brenn ordered "
        "the evacuation of the harbor district, where water reached the first floors of warehouses.")
RAIN_RETOLD = ("Days of storms sent the river over its banks; rescuers in boats carried families from homes in "
               "Lenport as shelters opened in schools and churches, and volunteers handed out blankets and hot "
               "soup to those who fled the rising water.")


def test_lazy_embeddings_encode_each_article_once_in_batches(make_article) -> None:
    from counterpoint.stories.cluster import lazy_embeddings

    batches: list[list[str]] = []

    def fake(texts):
        batches.append(list(texts))
        return np.tile(X, (len(texts), 1))

    arts = {k: make_article(k, None, f"Body of article {k} about the Lenport flood.") for k in "abc"}
    of = lazy_embeddings(fake, arts)
    assert [v is not None for v in of(["a", "b", "zz"])] == [True, True, False]
    assert [v is not None for v in of(["b", "c", "a"])] == [True, True, True]
    assert batches == [[embedding_text(None, arts["a"].body), embedding_text(None, arts["b"].body)],
                       [embedding_text(None, arts["c"].body)]]


@pytest.mark.parametrize("retold, joins", [(X, True), (Y, False)])
def test_assign_stories_checker_embeds_only_borderline_articles(make_article, retold, joins: bool) -> None:
    seen: list[str] = []
    comet = make_article("c", None, "Astronomers at the Dornby observatory tracked comet Kessaly as its "
                         "tail crossed the night sky.")
    articles = [make_article("a", None, RAIN), comet, make_article("b", None, RAIN_RETOLD)]

    def fake(texts):
        seen.extend(texts)
        return np.stack([retold if t.startswith("Days") else X for t in texts])

    stories = assign_stories(articles, [], {}, threshold=0.2, checker=fake)  # words score ~0.16
    pair = [articles[0].id, articles[2].id]
    assert (pair in [s.article_ids for s in stories]) is joins
    assert sorted(seen) == sorted([embedding_text(None, RAIN_RETOLD), embedding_text(None, RAIN)])


@pytest.mark.slow
def test_seed_outlets_form_one_story_with_the_embedding_check(seeds_dir, make_article) -> None:
    """EXPECTED.md: the two seed articles tell one story. Opposite-side outlets share
    few words (lexical score under the bar); the embedding check joins them."""
    embed = load_embedder()
    if embed is None:
        pytest.skip("the embeddings extra is not installed")
    seeds = [make_article(p.stem, None, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    assert len(seeds) == 2
    assert len(assign_stories(seeds, [], {})) == 2  # words alone fall short
    assert len(assign_stories(seeds, [], {}, checker=embed)) == 1
