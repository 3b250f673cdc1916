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


# ------------------------------------------- same event, different actor (align step 5)

ACTORS_TERMER = {
    "lenport": "lenport", "varnia": "varnia", "ostrel": "ostrel", "kessel": "kessel",
    "kestria": "kestria", "coastal guard": "coastal-guard", "brask militia": "brask-militia",
    "harbour ministry": "harbour-ministry",
}


def _parsed(n: int, text: str, subject: str = "", predicate: str = "",
            stance: Stance = Stance.ASSERTS) -> Claim:
    """A claim with the parts the claims stage fills from the parse (empty: no parse)."""
    return _claim(n, text, stance).model_copy(update={"subject": subject, "predicate": predicate})


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # must align: two named actors, one verb, the rest the same
        (("the Coastal Guard has sunk the ferry near Lenport",),
         ("the Brask militia has sunk the ferry near Lenport",), True),
        (("the Harbour Ministry will close the Kessel bridge on Monday",),
         ("the Coastal Guard will close the Kessel bridge on Monday",), True),
        # numbers aside: the figures differ, the event is one (contradictions compare them)
        (("Varnia has delivered 300 tanks to Ostrel",), ("Kestria has delivered 500 tanks to Ostrel",), True),
        (("Varnia has won the election",), ("Ostrel has won the election",), True),
        # named through `Claim.subject` (the parse), not through the story's entities
        (("the Tollen family has sold the old boat at the Lenport market", "Tollen family", "sell"),
         ("the Venn brothers have sold the old boat at the Lenport market", "Venn brothers", "sell"), True),
        # stance does not matter to alignment: a denial sits on the asserted event's row
        (("the Coastal Guard has sunk the ferry near Lenport", "", "", Stance.DENIES),
         ("the Brask militia has sunk the ferry near Lenport",), True),
        # must not align: unnamed subjects (common nouns) keep the strict rule
        (("the ministry has sunk the ferry near Lenport",), ("the militia has sunk the ferry near Lenport",),
         False),
        (("the port authority has closed the Kessel bridge",),
         ("the city council has closed the Kessel bridge",), False),
        # a copular clause, a state or a verb of saying is no action done by either
        (("the Brask militia are the strongest force in Lenport",),
         ("the Harbour Ministry are the strongest force in Lenport",), False),
        (("the Tollen family have been the owners of the old boat at the Lenport market", "Tollen family", "be"),
         ("the Venn brothers have been the owners of the old boat at the Lenport market", "Venn brothers", "be"),
         False),
        (("the Tollen family has remained at the old Lenport market", "Tollen family", "remain"),
         ("the Venn brothers have remained at the old Lenport market", "Venn brothers", "remain"), False),
        (("the Tollen family has denied selling the old boat at the Lenport market", "Tollen family", "deny"),
         ("the Venn brothers have denied selling the old boat at the Lenport market", "Venn brothers", "deny"),
         False),
        (("the Tollen family has reported the old boat at the Lenport market", "Tollen family", "report"),
         ("the Venn brothers have reported the old boat at the Lenport market", "Venn brothers", "report"),
         False),
        # another verb, or the same verb on other things
        (("the Coastal Guard has sunk the ferry near Lenport",),
         ("the Brask militia has boarded the ferry near Lenport",), False),
        (("the Tollen family has sold the old boat at the Lenport market", "Tollen family", "sell"),
         ("the Venn brothers have bought the old boat at the Lenport market", "Venn brothers", "buy"), False),
        (("the Coastal Guard has put the ferry back into service at Lenport",),
         ("the Brask militia has taken the ferry back into service at Lenport",), False),
        (("the Coastal Guard has sunk the ferry near Lenport",), ("the Brask militia has sunk the tug near Lenport",),
         False),
        (("the Coastal Guard has sunk the ferry near Lenport",), ("the Brask militia has sunk the ferry near Kessel",),
         False),
    ],
)
def test_named_actors_of_one_event_share_a_row(a: tuple, b: tuple, same: bool) -> None:
    from counterpoint.comparison.align import STRICT, _weights, similarity

    termer = Termer(ACTORS_TERMER)
    claims = [_parsed(1, *a), _parsed(2, *b)]
    assert (len(group_claims(claims, termer)) == 1) is same
    # every case is below the general bar for different subjects: the actor rule alone
    # decides it
    sets = [set(termer.terms(c.proposition)) for c in claims]
    assert similarity(*sets, _weights(sets))[0] < STRICT


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "expected"),
    [
        ("the Coastal Guard has sunk the ferry near Lenport", "", "",
         ("sunk", {"sunk", "ferry", "near", "@lenport"})),
        # the parse's lemma is the verb; figures are left out of the rest
        ("Varnia has delivered 300 tanks to Ostrel", "Varnia", "deliver", ("supply", None)),
        ("the Tollen family has sold the old boat", "Tollen family", "sell", ("supply", None)),
        # no named subject
        ("the militia has sunk the ferry", "", "", None),
        ("they have sunk the ferry", "", "", None),
        ("the Coastal Guard sank the ferry", "", "", None),  # no auxiliary: no subject terms
        # copula, state, saying
        ("the Brask militia are the strongest force", "", "", None),
        ("the Harbour Ministry has remained in control", "Harbour Ministry", "remain", None),
        ("Varnia has denied any role in the blast", "", "", None),
        ("Varnia has denied any role in the blast", "Varnia", "deny", None),
        ("the Harbour Ministry has said the ferry sank", "", "", None),
    ],
)
def test_named_action(text: str, subject: str, predicate: str, expected) -> None:
    from counterpoint.comparison.align import named_action

    action = named_action(_parsed(1, text, subject, predicate), Termer(ACTORS_TERMER))
    if expected is None:
        assert action is None
        return
    verb, rest = expected
    assert action is not None and action.verb == verb
    assert not any(t.startswith("#") for t in action.rest)
    assert not action.rest & set(Termer(ACTORS_TERMER).subject_terms(text))
    if rest is not None:
        assert action.rest == rest


@pytest.mark.slow
def test_actors_with_auxiliary_end_to_end(tmp_path) -> None:
    """Through the whole pipeline (parse, entities, claims): two outlets name different
    actors for one sinking, each before an auxiliary; one row, one "actors" clash."""
    import counterpoint

    articles = {  # written for this test: places, people and groups are invented
        "lenport_daily.txt": "Ferry lost off Lenport\n\nMayor Ilse Brandt said the Coastal Guard has "
                             "sunk the ferry near Lenport.\n\nThe guard did not respond to questions.\n",
        "coast_wire.txt": "Militia blamed for ferry, union says\n\nThe Dockworkers Union said the Brask "
                          "militia has sunk the ferry near Lenport.\n\nNobody was hurt, the union added.\n",
    }
    paths = []
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = counterpoint.compare(paths, store=counterpoint.open_store(str(tmp_path / "x.sqlite")))
    rows = [r for r in result.comparison.rows if "ferry" in r.proposition]
    assert len(rows) == 1 and all(c.claim_ids for c in rows[0].cells)
    actors = [c for c in result.comparison.contradictions if c.kind == "actors"]
    assert len(actors) == 1 and actors[0].row_id == rows[0].id
    assert "Coastal Guard" in actors[0].description and "Brask militia" in actors[0].description
