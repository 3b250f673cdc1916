"""The claims section of examples/README.md, through the whole pipeline.

The four fictional Port Veyl articles ship with the repository, so this runs
everywhere (no ../shared needed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import counterpoint
from counterpoint.records import CellStance, SourceKind, Stance

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "port-veyl"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("example")
    paths = [str(p) for p in sorted(EXAMPLE.glob("*.txt"))]
    return counterpoint.compare(paths, store=counterpoint.open_store(str(tmp / "x.sqlite")))


def _ids(result):
    return [c.article_id for c in result.comparison.columns]


def _p1(result):
    rows = [r for r in result.comparison.rows if "lease" in r.proposition.lower()
            or "hand" in r.proposition.lower()]
    rows = [r for r in rows if r.id in result.comparison.shared_row_ids]
    assert rows, [r.proposition for r in result.comparison.rows]
    return rows[0]


def test_p1_is_shared_by_all_four_outlets(result) -> None:
    row = _p1(result)
    assert all(c.stance is not CellStance.ABSENT for c in row.cells)
    # Nobody asserts or denies P1 in the outlet's own voice: every cell reports
    # sources; the Kestria Press Agency also keeps the "report claiming" it at a
    # distance (hedges), the others only report it.
    stances = [c.stance for c in row.cells]
    assert stances[0] is CellStance.HEDGES
    assert all(s in (CellStance.REPORTS_ASSERTING, CellStance.REPORTS_DENYING,
                     CellStance.REPORTS_HEDGING) for s in stances[1:])


def test_p1_each_outlet_reports_a_denial(result) -> None:
    row = _p1(result)
    for cell in row.cells:
        assert Stance.DENIES in cell.holder_stances, cell.article_id


def test_p1_the_ledger_asserts_in_most_outlets(result) -> None:
    row = _p1(result)
    asserting = [
        cell for cell in row.cells
        if any(s is Stance.ASSERTS and ("ledger" in h.name.lower() or h.kind is SourceKind.ANONYMOUS
                                        or "report" in h.name.lower())
               for h, s in zip(cell.holders, cell.holder_stances))
    ]
    assert len(asserting) >= 3


def test_p2_outlet_voice_contradiction(result) -> None:
    courier = _ids(result)[1]
    voices = [c for c in result.comparison.contradictions if c.kind == "outlet_voices"]
    hits = [c for c in voices if c.article_ids[0] == courier]
    assert hits, [c.description for c in voices]
    row = next(r for r in result.comparison.rows if r.id == hits[0].row_id)
    assert "refuel" in " ".join(
        c.proposition for a in result.analyses for c in a.claims
        if c.id in {cid for cell in row.cells for cid in cell.claim_ids}
    ).lower()
    kpa = _ids(result)[0]
    assert any(kpa in c.article_ids for c in hits)


def test_p3_numbers_contradiction(result) -> None:
    numbers = [c for c in result.comparison.contradictions if c.kind == "numbers"]
    assert numbers
    text = numbers[0].description
    assert "500" in text and "300" in text
    outlets = {c.outlet for c in result.comparison.columns}
    assert sum(1 for o in outlets if o in text) >= 1


def test_each_outlet_has_its_own_items(result) -> None:
    only = result.comparison.only_in
    assert set(only) == set(_ids(result))
    rows = {r.id: r for r in result.comparison.rows}
    markers = ["bastek|punishing", "hallan|selling off", "osmund|tarn|crane|training centre",
               "anonymity|ship-tracking|person|briefed|visits"]
    claims = {c.id: c for a in result.analyses for c in a.claims}
    for aid, marker in zip(_ids(result), markers):
        texts = " ".join(
            f"{claims[cid].holder.name} {claims[cid].proposition}".lower()
            for rid in only[aid] for cell in rows[rid].cells for cid in cell.claim_ids
        )
        assert any(m in texts for m in marker.split("|")), (aid, marker)


def _member_text(result, row) -> str:
    claims = {c.id: c for a in result.analyses for c in a.claims}
    return " ".join(claims[cid].proposition for cell in row.cells for cid in cell.claim_ids).lower()


def test_outlet_voice_clashes_are_all_on_the_refuelling_row(result) -> None:
    # the "documents" sentences (a minister's request in KPA, DNB's remark that the
    # paper has not published them) once formed a row with a false outlet-voice clash
    voices = [c for c in result.comparison.contradictions if c.kind == "outlet_voices"]
    assert voices
    rows = {r.id: r for r in result.comparison.rows}
    for clash in voices:
        text = _member_text(result, rows[clash.row_id])
        assert "refuel" in text and "document" not in text, clash.description


def test_p2_harbourline_own_reporting_sits_on_the_refuelling_row(result) -> None:
    courier, wire = _ids(result)[1], _ids(result)[3]
    row = next(r for r in result.comparison.rows
               if any(c.article_id == courier and c.stance is CellStance.ASSERTS for c in r.cells)
               and "refuel" in _member_text(result, r))
    cells = {c.article_id: c for c in row.cells}
    assert cells[wire].stance is CellStance.ASSERTS  # "ship-tracking data ... show"


def test_p3_both_figures_inside_harbourline(result) -> None:
    wire = _ids(result)[3]
    claims = {c.id: c for a in result.analyses for c in a.claims}
    rows = [r for r in result.comparison.rows if "truck" in _member_text(result, r)
            and "500" in _member_text(result, r) and "300" in _member_text(result, r)]
    assert len(rows) == 1
    cell = next(c for c in rows[0].cells if c.article_id == wire)
    figures = " ".join(claims[cid].proposition for cid in cell.claim_ids)
    assert "500" in figures and "300" in figures


def test_no_verbless_rows(result) -> None:
    # "Harbourline has not seen the document": a noun phrase, not a claim
    assert not any(r.proposition.lower().strip() in ("the document", "the documents")
                   for r in result.comparison.rows)


def test_the_ministers_so_called_leak_is_his_subject_not_the_agencys_distance(result) -> None:
    # "The minister said the so-called leak ... was a crude attempt": the minister
    # dismisses the leak; the agency reports him without keeping a distance
    kpa = _ids(result)[0]
    row = next(r for r in result.comparison.rows if "so-called leak" in r.proposition.lower()
               and any(c.article_id == kpa and c.claim_ids for c in r.cells))
    cell = next(c for c in row.cells if c.article_id == kpa)
    assert cell.stance is CellStance.REPORTS_ASSERTING
    assert Stance.ASSERTS in cell.holder_stances  # the minister asserts it


def test_p2_courier_contradicts_both_unchallenged_denials(result) -> None:
    kpa, courier, dnb, _ = _ids(result)
    voices = [c for c in result.comparison.contradictions
              if c.kind == "outlet_voices" and c.article_ids[0] == courier]
    assert {c.article_ids[1] for c in voices} == {kpa, dnb}


def test_p2_row_holds_no_unrelated_quote(result) -> None:
    # Maelan's "a country that rents out its harbour to a foreign navy cannot call
    # itself neutral" shares only background words with the refuelling claims; it once
    # joined P2 through "no foreign warship will be stationed" and made a false
    # sources clash there (only outlets, in their own voice, assert P2)
    courier = _ids(result)[1]
    row = next(r for r in result.comparison.rows
               if any(c.article_id == courier and c.stance is CellStance.ASSERTS for c in r.cells)
               and "refuel" in _member_text(result, r))
    assert "neutral" not in _member_text(result, row)
    assert not any(c.kind == "sources" and c.row_id == row.id
                   for c in result.comparison.contradictions)


def test_contradiction_evidence_names_its_article_and_no_actor_rows(result) -> None:
    # the four outlets disagree on whether ships docked and on the truck figures, not on
    # who did something: no "actors" row
    bodies = {a.id: a.body for a in result.articles}
    for contradiction in result.comparison.contradictions:
        assert contradiction.evidence
        for span in contradiction.evidence:
            assert span.article_id in contradiction.article_ids
            assert bodies[span.article_id][span.start : span.end] == span.text
    assert not [c.description for c in result.comparison.contradictions if c.kind == "actors"]
