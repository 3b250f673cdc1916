"""Loading a stance model folder and `predict_stance` (a hand-made model: no trainer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterpoint.errors import CounterpointError
from counterpoint.stance.features import Vocabulary, feature_names
from counterpoint.stance.linear import LinearStance
from counterpoint.stance.model import LABELS, load_model, predict_stance, save_model
from counterpoint.stance.text import text_hashes
from counterpoint.stance.trees import from_lightgbm_dump

BODY = "Rangers in Velden said the lynx was seen near the lake. They did not confirm the sighting."
OTHER = "The orchestra of Marrow Bay will tour three cities in the autumn."


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stance-model")
    vocab = Vocabulary.fit([BODY, OTHER, "Lynx seen near Velden lake"], min_df=1)
    cos = feature_names().index("cos_body")
    split = {"split_index": 0, "split_feature": cos, "threshold": 0.05, "decision_type": "<=",
             "default_left": True, "missing_type": "None", "left_child": {"leaf_value": 2.0},
             "right_child": {"leaf_value": -2.0}}
    dump = {"num_class": 4, "tree_info": [{"tree_structure": {"leaf_value": 0.0}},
                                          {"tree_structure": {"leaf_value": 0.0}},
                                          {"tree_structure": {"leaf_value": 0.5}},
                                          {"tree_structure": split}]}
    zero = LinearStance(np.zeros((3 * len(vocab.idf), 3), np.float32), np.zeros(3, np.float32))
    save_model(folder, vocab, {"body": zero, "headline": zero}, {"lexical": from_lightgbm_dump(dump)},
               text_hashes([OTHER]), {"name": "tiny"})
    return folder


def test_predict_stance_labels_and_probabilities(model_dir: Path) -> None:
    model = load_model(model_dir)
    preds = predict_stance([("Lynx seen near Velden lake", BODY), ("Lynx seen near Velden lake", OTHER)], model=model)
    assert [p.label for p in preds] == ["discuss", "unrelated"]
    assert all(p.variant == "lexical" and p.produced_by == "stance.gbm-lexical/1" for p in preds)
    assert set(preds[0].probabilities) == set(LABELS)
    assert sum(preds[0].probabilities.values()) == pytest.approx(1.0, abs=1e-4)


def test_headline_kind_never_predicts_unrelated(model_dir: Path) -> None:
    preds = predict_stance([("Lynx seen near Velden lake", OTHER)], kind="headline", model=load_model(model_dir))
    assert preds[0].label == "discuss" and preds[0].probabilities["unrelated"] == 0.0


def test_empty_batch(model_dir: Path) -> None:
    assert predict_stance([], model=load_model(model_dir)) == []


@pytest.mark.parametrize("variant", ["embeddings", "neural"])
def test_unavailable_variant_is_an_error(model_dir: Path, variant: str) -> None:
    with pytest.raises(CounterpointError):
        predict_stance([("a", "b")], variant=variant, model=load_model(model_dir))  # type: ignore[arg-type]


def test_seen_hashes(model_dir: Path) -> None:
    seen = load_model(model_dir).is_seen([OTHER.upper(), BODY])
    assert seen.tolist() == [True, False]


def test_missing_model_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CounterpointError):
        load_model(tmp_path)


def test_lexical_is_the_default_even_with_an_embeddings_tree_set(tmp_path: Path, model_dir: Path) -> None:
    """The embeddings variant is opt-in: a model shipping both tree sets runs lexical unless asked."""
    m = load_model(model_dir)
    save_model(tmp_path, m.vocab, m.linear, {"lexical": m.trees["lexical"], "embeddings": m.trees["lexical"]},
               m.seen, {"name": "tiny-both"})
    assert load_model(tmp_path).variant(None) == "lexical"
    assert predict_stance([("Lynx seen near Velden lake", BODY)], model=load_model(tmp_path))[0].variant == "lexical"


def test_headline_pairs_use_the_headline_head_by_default() -> None:
    """Emergent-style pairs with the packaged model go to the headline head."""
    preds = predict_stance([("Lynx seen near Velden lake", "Hoax: no lynx was ever seen near Velden")],
                           kind="headline")
    assert preds[0].produced_by.startswith("stance.headline-lr/")
    assert preds[0].label in ("agree", "disagree", "discuss")


def test_scoring_leaves_the_garbage_collector_as_it_found_it(model_dir: Path) -> None:
    import gc

    m = load_model(model_dir)
    assert gc.isenabled()
    m.predict_proba(["Lynx seen near Velden lake"], [OTHER])
    assert gc.isenabled()
    gc.disable()
    try:
        m.predict_proba(["Lynx seen near Velden lake"], [OTHER])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_embeddings_variant_reads_its_columns_and_heads(tmp_path: Path, model_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A model whose embeddings trees split on a head column: the shipped heads are loaded
    and scored (fake encoder: every text the same unit vector)."""
    from counterpoint.stance import embed

    monkeypatch.setattr(embed, "available", lambda: True)
    monkeypatch.setattr(embed.shared, "encode",
                        lambda texts, batch_size=64: np.tile(np.eye(1, embed.DIM, dtype=np.float32), (len(texts), 1)))
    m = load_model(model_dir)
    width = len(feature_names()) + 3  # lexical + the linear scores
    names = ["emb_max", "emb_head_disagree"]
    split = {"split_index": 0, "split_feature": width + 1, "threshold": -2.0, "decision_type": "<=",
             "default_left": True, "missing_type": "None", "left_child": {"leaf_value": 0.0},
             "right_child": {"leaf_value": 3.0}}
    dump = {"num_class": 4, "tree_info": [{"tree_structure": {"leaf_value": 0.0}}, {"tree_structure": split},
                                          {"tree_structure": {"leaf_value": 0.0}},
                                          {"tree_structure": {"leaf_value": 0.0}}]}
    coef = np.zeros((4 * embed.DIM, 3), np.float32)
    for disagree_bias, expected in ((0.0, "disagree"), (-9.0, "agree")):  # log-prob(disagree) ~ -1.1 vs ~ -9
        heads = {k: LinearStance(coef, np.array([0.0, disagree_bias, 0.0], np.float32)) for k in ("body", "headline")}
        folder = tmp_path / f"m{disagree_bias}"
        save_model(folder, m.vocab, m.linear, {"lexical": m.trees["lexical"], "embeddings": from_lightgbm_dump(dump)},
                   m.seen, {"name": "tiny-emb", "embedding_feature_names": names}, heads=heads)
        loaded = load_model(folder)
        assert set(loaded.heads) == {"body", "headline"}
        assert loaded.features(["a"], ["b"], "body", "embeddings").shape == (1, width + len(names))
        pred = predict_stance([("Lynx seen near Velden lake", BODY)], variant="embeddings", model=loaded)[0]
        assert pred.label == expected and pred.variant == "embeddings"


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["lexical", "embeddings"])
def test_seed_articles_are_related_to_each_others_headlines(seeds_dir: Path, variant: str) -> None:
    """The packaged model on the seeds: the two articles tell one story (EXPECTED.md), so
    each headline against the other article's body is related (agree / disagree /
    discuss), and a fictional headline from elsewhere is unrelated to both."""
    from counterpoint.stance import embed

    if variant == "embeddings" and not embed.available():
        pytest.skip("the embeddings extra is not installed")
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    heads = [t.splitlines()[0] for t in texts]
    bodies = ["\n".join(t.splitlines()[1:]) for t in texts]
    other = "The orchestra of Marrow Bay will tour three cities in the autumn"
    preds = predict_stance([(heads[0], bodies[1]), (heads[1], bodies[0]), (other, bodies[0]), (other, bodies[1])],
                           variant=variant)  # type: ignore[arg-type]
    assert [p.label != "unrelated" for p in preds] == [True, True, False, False]
    assert all(p.variant == variant for p in preds)
