"""Claim alignment on the fictional three-outlet tank story."""

from __future__ import annotations

import pytest

from counterpoint.comparison.align import align_claims, group_claims
from counterpoint.comparison.terms import Termer, stem
from counterpoint.records import CellStance, Claim, SourceKind, SourceRef, Stance, Voice


def _row_with(rows, text):
    return next(r for r in rows if any(text in cid for c in r.cells for cid in c.claim_ids))


def test_paraphrases_and_report_denials_share_one_row(tank_story) -> None:
    ids = [a.id for a in tank_story.articles]
    rows, claims = align_claims(ids, tank_story.analyses)
    plant = _row_with(rows, "beaconbeacon:c1")
    # Varnia's denial of "reports that Varnia plans a plant" sits with the Harbor
    # Times' assertion of the plan, in all three articles.
    members = {cid for c in plant.cells for cid in c.claim_ids}
    assert members == {
        "beaconbeacon:c1", "beaconbeacon:c2", "heraldherald:c1", "heraldherald:c2",
        "todaytodayto:c1",
    }
    # The supply claim is a different row although actors and object match.
    supply = _row_with(rows, "beaconbeacon:c3")
    assert supply.id != plant.id
    assert {cid for c in supply.cells for cid in c.claim_ids} == {
        "beaconbeacon:c3", "beaconbeacon:c4", "heraldherald:c3",
    }
    assert len(rows) == 4
    assert set(claims) >= members


def test_cells_follow_outlet_voice_then_first_holder(tank_story) -> None:
    ids = [a.id for a in tank_story.articles]
    rows, _ = align_claims(ids, tank_story.analyses)
    supply = _row_with(rows, "beaconbeacon:c3")
    beacon, herald, today = supply.cells
    assert beacon.stance is CellStance.ASSERTS  # the outlet's own voice wins
    assert herald.stance is CellStance.REPORTS_DENYING
    assert today.stance is CellStance.ABSENT and today.claim_ids == []
    assert [h.name for h in beacon.holders] == ["Varnia", "Daily Beacon"]
    assert beacon.holder_stances == [Stance.DENIES, Stance.ASSERTS]
    plant = _row_with(rows, "beaconbeacon:c1")
    assert plant.cells[2].stance is CellStance.REPORTS_ASSERTING
    # The row reads as its most complete asserting member.
    assert "factory" in plant.proposition


def _claim(n: int, text: str, stance: Stance = Stance.ASSERTS) -> Claim:
    return Claim(
        id=f"x:c{n}", proposition=text, holder=SourceRef(name="Someone", kind=SourceKind.PERSON),
        stance=stance, voice=Voice.SOURCE, evidence=[], produced_by="test/1",
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Varnia plans to build a tank factory", "Varnia intends to construct a tank plant", True),
        ("the flood killed 12 people in Lenport", "12 people died in the Lenport flood", True),
        ("Varnia sold tanks to Ostrel", "Varnia plans a tank factory in Ostrel", False),
        ("the mayor will reopen the bridge", "the strike at the port continues", False),
        ("Varnia and Ostrel signed a trade deal", "Varnia attacked Ostrel", False),
        # lease / rent / hand over are one action; vessel words and refuel/dock too
        ("Varnia will lease the harbour basin to the Ostrel navy",
         "Varnia plans to hand over the harbour basin to Ostrel", True),
        ("Varnia rents out its harbour basin", "Varnia agreed to lease the harbour basin", True),
        ("Ostrel warships have refuelled at Lenport", "Ostrel naval tankers docked at Lenport", True),
        # near misses: same actors and place, another action
        ("Varnia will lease the harbour basin to Ostrel", "Ostrel warships have refuelled at Lenport", False),
        ("Varnia inspects every truck at the Kessel crossing", "Varnia will lease the Kessel basin", False),
    ],
)
def test_pairwise_alignment_table(a: str, b: str, same: bool) -> None:
    termer = Termer({"lenport": "lenport", "varnia": "varnia", "ostrel": "ostrel", "kessel": "kessel"})
    groups = group_claims([_claim(1, a), _claim(2, b)], termer)
    assert (len(groups) == 1) is same


@pytest.mark.parametrize(
    ("word", "expected"),
    [("production", "produc"), ("produces", "produc"), ("participates", "particip"),
     ("participation", "particip"), ("planned", "plan"), ("supplies", "supply")],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected
