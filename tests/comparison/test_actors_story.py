"""End to end: two fictional articles blame different actors for one strike, through the
whole pipeline (cleaning, parse, entities, attribution, claims, comparison)."""

from __future__ import annotations

import pytest

import counterpoint

pytestmark = pytest.mark.slow

# Written for this test: the places, people and groups are invented.
ARTICLES = {
    "lenport_daily.txt": (
        "Depot strike blamed on ministry\n\n"
        "Mayor Ilse Brandt said the Harbour Ministry carried out the strike on the Lenport depot.\n\n"
        "The ministry did not respond to questions.\n"
    ),
    "coast_wire.txt": (
        "Militia behind depot attack, union says\n\n"
        "The Dockworkers Union said the Brask militia carried out the strike on the Lenport depot.\n\n"
        "Nobody was hurt, the union added.\n"
    ),
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("actors")
    paths = []
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return counterpoint.compare(paths, store=counterpoint.open_store(str(folder / "x.sqlite")))


def test_different_actors_for_one_strike(result) -> None:
    actors = [c for c in result.comparison.contradictions if c.kind == "actors"]
    assert len(actors) == 1, [c.description for c in result.comparison.contradictions]
    (clash,) = actors
    assert "Harbour Ministry" in clash.description and "Brask militia" in clash.description
    assert "says it was" in clash.description
    bodies = {a.id: a.body for a in result.articles}
    assert {s.article_id for s in clash.evidence} == set(bodies)
    assert all(bodies[s.article_id][s.start : s.end] == s.text for s in clash.evidence)
    assert any("Brask militia carried out" in s.text for s in clash.evidence)
