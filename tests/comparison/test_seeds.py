"""Seed-level check of EXPECTED.md section 3 through the whole pipeline.

Runs only when the other stages (cleaning, entities, attribution, time) are
importable; the seeds are read at run time from ../shared.
"""

from __future__ import annotations

import pytest

from counterpoint.records import SourceKind, Stance, Story

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def _is_wsj(name: str) -> bool:
    return "wall street journal" in name.lower() or name.strip().lower() in ("wsj", "the wsj")


@pytest.fixture(scope="module")
def seed_comparison(seeds_dir, nlp):
    from counterpoint import pipeline
    from counterpoint.clean import clean_document
    from counterpoint.sources.text import read_text_file

    articles = [clean_document(read_text_file(p)) for p in sorted(seeds_dir.glob("0*.txt"))]
    analyses = [pipeline.analyze_article(a, nlp) for a in articles]
    story = Story(id="seed", title=articles[0].title or "", article_ids=[a.id for a in articles],
                  produced_by="test/1")
    resolved, comparison = pipeline.compare_articles(story, articles, analyses)
    return articles, resolved, comparison


def _holders(cell, analyses):
    """(name, stance) of the holders, counting a source's chain (WSJ via officials)."""
    attributions = {a.id: a for n in analyses for a in n.attributions}
    claims = {c.id: c for n in analyses for c in n.claims}
    out = list(zip((h.name for h in cell.holders), cell.holder_stances))
    for cid in cell.claim_ids:
        claim = claims[cid]
        attribution = attributions.get(claim.attribution_id or "")
        if attribution is not None:
            out.extend((ref.name, claim.stance) for ref in attribution.chain)
    return out


def test_p1_wsj_asserts_and_iran_denies_in_both(seed_comparison) -> None:
    articles, analyses, cmp = seed_comparison

    def p1_like(row) -> bool:
        holders = [_holders(c, analyses) for c in row.cells]
        return all(
            any(_is_wsj(n) and s is Stance.ASSERTS for n, s in h)
            and any("iran" in n.lower() and s is Stance.DENIES for n, s in h)
            for h in holders
        )

    assert any(p1_like(r) for r in cmp.rows), [r.proposition for r in cmp.rows]


def test_p2_outlet_voices_contradict(seed_comparison) -> None:
    articles, analyses, cmp = seed_comparison
    ukrainian = articles[0].id
    kinds = [c for c in cmp.contradictions if c.kind == "outlet_voices"]
    assert any(ukrainian in c.article_ids for c in kinds)
    row = next(r for r in cmp.rows if r.id == kinds[0].row_id)
    own = [h for c in row.cells for h in c.holders if h.kind is SourceKind.OUTLET]
    assert own, "the outlet's own voice holds P2"


def test_seed_framing_words(seed_comparison) -> None:
    articles, _, cmp = seed_comparison
    texts = {a.id: {t.text.lower() for t in cmp.framing if t.article_id == a.id} for a in articles}
    first, second = (a.id for a in articles)
    assert {"kamikaze drones", "allegedly", "copious evidence"} <= texts[first]
    assert {"sheer lies", "western claims", "western media", "war of attrition",
            "in the strongest terms", "successfully repelled"} <= texts[second]
    assert any(t.category == "scare_quote" and t.text == "sheer lies" for t in cmp.framing)


def test_p3_faster_drones_is_its_own_row_in_both(seed_comparison) -> None:
    articles, analyses, cmp = seed_comparison
    claims = {c.id: c for n in analyses for c in n.claims}

    def props(row):
        return [claims[cid].proposition.lower() for c in row.cells for cid in c.claim_ids]

    p3 = [r for r in cmp.rows if any("faster" in p for p in props(r))]
    assert len(p3) == 1, [r.proposition for r in p3]
    row = p3[0]
    assert all(c.claim_ids for c in row.cells), "both articles carry P3"
    # P3 is not the P1 row: no factory/plant claim sits on it.
    assert not any("plant" in p or "factory" in p for p in props(row))


def test_contradiction_evidence_names_its_article_and_no_actor_rows(seed_comparison) -> None:
    # EXPECTED.md section 3: the outlets differ on P2 and their sources on P1; neither
    # names a different actor for the same event, so no "actors" row may appear
    articles, _, cmp = seed_comparison
    bodies = {a.id: a.body for a in articles}
    assert cmp.contradictions
    for contradiction in cmp.contradictions:
        for span in contradiction.evidence:
            assert span.article_id in contradiction.article_ids
            assert bodies[span.article_id][span.start : span.end] == span.text
    assert not [c.description for c in cmp.contradictions if c.kind == "actors"]
