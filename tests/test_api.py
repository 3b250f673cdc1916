"""The public API: ingest keeps going past bad inputs and never damages what is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

import counterpoint
from counterpoint.settings import load_settings

STORY = (
    "Valley dam gates to open next week\n\n"
    "Engineers at the Orvell valley dam will open two spillway gates next week, the regional water "
    "authority said on Monday. Its director, Mira Castell, told reporters the reservoir was at 96 percent.\n"
)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture()
def store(tmp_path):
    return counterpoint.open_store(str(tmp_path / "api.sqlite"))


def test_giant_file_is_rejected_without_loss(tmp_path, store):
    good = write(tmp_path, "good.txt", STORY.encode())
    giant = tmp_path / "giant.txt"
    with giant.open("wb") as fh:  # 50 MB of plausible text
        line = b"The committee met again and talked for a long time about the budget.\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    first = counterpoint.ingest([good], store=store)
    assert len(first.stored) == 1
    result = counterpoint.ingest([giant, good], store=store)
    assert [r.reason for r in result.rejected] == ["too_large"]
    assert "giant.txt" in result.rejected[0].source
    assert len(result.unchanged) == 1 and not result.stored
    assert store.count_articles() == 1
    assert store.get_article(first.stored[0].id) == first.stored[0]


def test_encodings_are_detected(tmp_path, store):
    text = STORY.replace("Mira Castell", "Mira Castell\u00e9") + "\u201cWe are ready,\u201d she said.\n"
    paths = [
        write(tmp_path, "cp1252.txt", text.encode("cp1252")),
        write(tmp_path, "utf16.txt", text.encode("utf-16")),
        write(tmp_path, "utf8.txt", text.encode("utf-8")),
    ]
    result = counterpoint.ingest(paths, store=store)
    assert not result.rejected
    # the same words in three encodings are one article
    assert len(result.stored) == 1 and len(result.unchanged) == 2
    assert "Castell\u00e9" in result.stored[0].body
    assert "\u201cWe are ready,\u201d" in result.stored[0].body


def test_a_failing_batch_rolls_back_only_itself(tmp_path, store, monkeypatch):
    a = write(tmp_path, "a.txt", STORY.encode())
    counterpoint.ingest([a], store=store)
    before = [x for x in store.iter_articles()]
    b = write(tmp_path, "b.txt", STORY.replace("two", "three").encode())

    def boom(articles):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "put_articles", boom)
    with pytest.raises(RuntimeError):
        counterpoint.ingest([b], store=store)
    monkeypatch.undo()
    assert list(store.iter_articles()) == before


def test_analyze_is_incremental(tmp_path, store):
    settings = load_settings({"db": str(tmp_path / "api.sqlite")})
    a = write(tmp_path, "a.txt", STORY.encode())
    counterpoint.ingest([a], store=store, settings=settings)
    first = counterpoint.analyze(store=store, settings=settings)
    assert len(first.analyses) == 1
    again = counterpoint.analyze(store=store, settings=settings)
    assert again.analyses == []
    forced = counterpoint.analyze(store=store, settings=settings, force=True)
    assert len(forced.analyses) == 1
    analysis = store.get_analysis(first.analyses[0].article_id)
    assert any(a.source.name == "Mira Castell" for a in analysis.attributions)
    # an analysis made by an older stage version is stale: analyze redoes it
    store.put_analyses([analysis.model_copy(update={"produced_by": "pipeline.analyze/1"})])
    redone = counterpoint.analyze(store=store, settings=settings)
    assert [a.article_id for a in redone.analyses] == [analysis.article_id]
    assert redone.analyses[0].produced_by != "pipeline.analyze/1"


def test_compare_files_as_one_story(tmp_path, store):
    a = write(tmp_path, "a.txt", STORY.encode())
    b = write(tmp_path, "b.txt", (
        "Dam operator denies flood risk\n\n"
        "The regional water authority denied that the valley faced any flood risk. "
        "Mira Castell said the reservoir was at 90 percent, according to the Orvell Herald.\n"
    ).encode())
    result = counterpoint.compare([a, b], store=store)
    assert [x.id for x in result.articles] == result.story.article_ids
    assert len(result.comparison.columns) == 2
    assert store.get_comparison(result.story.id) == result.comparison


def test_pipeline_version_names_every_stage() -> None:
    """A stage bump must change the Analysis stamp, or stored analyses go stale silently."""
    from counterpoint.attribution.extract import PRODUCED_BY as rules
    from counterpoint.claims.extract import CLAIMS
    from counterpoint.pipeline import PIPELINE, pipeline_version

    version = pipeline_version()
    assert version.startswith(PIPELINE)
    assert rules in version and CLAIMS in version and "time.rules/" in version
