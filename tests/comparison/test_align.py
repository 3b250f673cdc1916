"""Claim alignment on the fictional three-outlet tank story."""

from __future__ import annotations

import pytest

from counterpoint.comparison.align import align_claims, group_claims
from counterpoint.comparison.terms import Termer, stem
from counterpoint.records import (
    CellStance,
    Claim,
    OutletPosition,
    SourceKind,
    SourceRef,
    Stance,
    Voice,
)


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
    # heraldherald:c4 is the Herald's own distance ("the Western claims of ...")
    assert {cid for c in supply.cells for cid in c.claim_ids} == {
        "beaconbeacon:c3", "beaconbeacon:c4", "heraldherald:c3", "heraldherald:c4",
    }
    assert len(rows) == 4
    assert set(claims) >= members


def test_cells_follow_outlet_voice_then_first_holder(tank_story) -> None:
    ids = [a.id for a in tank_story.articles]
    rows, _ = align_claims(ids, tank_story.analyses)
    supply = _row_with(rows, "beaconbeacon:c3")
    beacon, herald, today = supply.cells
    assert beacon.stance is CellStance.ASSERTS  # the outlet's own voice wins
    # the Herald reports Varnia's denial of "the Western claims of" the sale: it keeps
    # the claim at a distance in its own words, so its cell hedges
    assert herald.stance is CellStance.HEDGES
    assert herald.holder_stances == [Stance.DENIES, Stance.HEDGES]
    assert herald.holders[1].kind is SourceKind.OUTLET
    assert today.stance is CellStance.ABSENT and today.claim_ids == []
    # the outlet's own position, whoever else holds the claim (issue 4.2)
    assert beacon.outlet_position is OutletPosition.ASSERTS
    assert herald.outlet_position is OutletPosition.DISTANCES
    assert today.outlet_position is OutletPosition.ABSENT
    assert [h.name for h in beacon.holders] == ["Varnia", "Daily Beacon"]
    assert beacon.holder_stances == [Stance.DENIES, Stance.ASSERTS]
    plant = _row_with(rows, "beaconbeacon:c1")
    assert plant.cells[2].stance is CellStance.REPORTS_ASSERTING
    assert plant.cells[2].outlet_position is OutletPosition.REPORTS
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
        # different subjects doing things to the same objects are different claims
        ("the ministry would ask the newspaper to reveal the documents it holds",
         "The newspaper has published the documents it holds", False),
        # same subject, same event, other words
        ("Ostrel naval tankers have refuelled at Lenport", "Ostrel navy tankers had docked at Lenport",
         True),
        # an action on one side only: background words ("foreign", "navy") do not link...
        ("A country that rents out its harbour to a foreign navy cannot be neutral",
         "foreign military vessels have refuelled at Lenport", False),
        # ...unless the subjects say it is the same actor
        ("foreign warships have used the port of Lenport",
         "foreign military vessels have refuelled at Lenport", True),
        # numbers that differ stay on one row (the contradiction check compares them)
        ("more than 500 trucks were stuck at the Kessel crossing",
         "about 300 trucks were waiting at the Kessel crossing", True),
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


def test_identical_propositions_are_one_row_even_when_short() -> None:
    termer = Termer({"varnia": "varnia"})
    claims = [_claim(1, "There is a lease"), _claim(2, "Varnia sold tanks to Ostrel"),
              _claim(3, "there is a lease", Stance.DENIES), _claim(4, "Varnia sold tanks to Ostrel")]
    assert group_claims(claims, termer) == [[0, 2], [1, 3]]


def test_subject_terms() -> None:
    termer = Termer({"ostrel": "ostrel"})
    assert termer.subject_terms("Ostrel naval tankers have refuelled at Lenport") == [
        "@ostrel", "military", "vessel"]
    assert termer.subject_terms("the ministry would ask the paper") == ["ministry"]
    # no auxiliary: the subject is unknown, not empty of meaning
    assert termer.subject_terms("Ostrel sells tanks") == []
    # an auxiliary of an infinitive ("to be used") does not close the subject
    assert termer.subject_terms("delivery of tanks to Ostrel to be used in the war") == []
    assert termer.subject_terms("there is a lease") == []


def _voiced(n: int, stance: Stance, voice: Voice) -> Claim:
    holder = (
        SourceRef(name="The Outlet", kind=SourceKind.OUTLET)
        if voice is Voice.OUTLET
        else SourceRef(name="Someone", kind=SourceKind.PERSON)
    )
    return Claim(
        id=f"y:c{n}", proposition="the bridge was closed", holder=holder, stance=stance,
        voice=voice, evidence=[], produced_by="test/1",
    )


@pytest.mark.parametrize(
    ("members", "position"),
    [
        ([], OutletPosition.ABSENT),
        ([(Stance.ASSERTS, Voice.SOURCE)], OutletPosition.REPORTS),
        ([(Stance.DENIES, Voice.SOURCE)], OutletPosition.REPORTS),
        ([(Stance.ASSERTS, Voice.OUTLET)], OutletPosition.ASSERTS),
        ([(Stance.DENIES, Voice.OUTLET)], OutletPosition.DISPUTES),
        ([(Stance.DENIES, Voice.SOURCE), (Stance.HEDGES, Voice.OUTLET)], OutletPosition.DISTANCES),
        # asserting in its own voice outweighs distancing itself elsewhere in the article
        ([(Stance.HEDGES, Voice.OUTLET), (Stance.ASSERTS, Voice.OUTLET)], OutletPosition.ASSERTS),
    ],
)
def test_outlet_position(members: list[tuple[Stance, Voice]], position: OutletPosition) -> None:
    from counterpoint.comparison.align import cell_for

    claims = [_voiced(n, stance, voice) for n, (stance, voice) in enumerate(members)]
    assert cell_for("a1", claims).outlet_position is position


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ostrel sent 300 armored tanks", [(300.0, frozenset({"armor", "tank"}))]),
        # a hashtag or handle in the text is a word, not a number or entity marker
        ("the #6DaysOfDark campaign reached 40 towns", [(40.0, frozenset({"town"}))]),
        ("@harbour_desk posted 12 photos", [(12.0, frozenset({"photo"}))]),
    ],
)
def test_quantities_ignore_literal_markers(text: str, expected: list) -> None:
    termer = Termer({"ostrel": "ostrel"})
    got = termer.quantities(text)
    assert [n for n, _ in got] == [n for n, _ in expected]
