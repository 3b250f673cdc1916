"""Who a claim says did it (compare.actors): the subject / agent rules, one table each."""

from __future__ import annotations

import pytest

from counterpoint.comparison.actors import (
    Actor,
    actors_clash,
    claim_actor,
    entity_labels,
    proposition_actor,
    same_actor,
    same_verb,
)
from counterpoint.comparison.terms import Termer
from counterpoint.records import Claim, SourceKind, SourceRef, Stance, Voice

TERMER = Termer({
    "group": "group",  # a common noun an entity stage took for a name
    "Harbour Ministry": "harbour-ministry", "Brask militia": "brask-militia", "Brask": "brask",
    "Lenport": "lenport", "Varnia": "varnia", "Varnian": "varnia", "Ostrel": "ostrel",
    "Mayor Ilse Brandt": "ilse-brandt", "Ilse Brandt": "ilse-brandt",
})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Harbour Ministry carried out the strike", ("the Harbour Ministry", "carried")),
        ("Varnia sells tanks to Ostrel", ("Varnia", "sells")),
        ("the Harbour Ministry has carried out the strike", ("the Harbour Ministry", "carried")),
        ("Varnia and Ostrel are going to build a factory", ("Varnia and Ostrel", "build")),
        ("Brask fighters attacked the depot", ("Brask fighters", "attacked")),
        ("Varnia struck the depot at night", ("Varnia", "struck")),
        # passive: the agent after "by", up to the next preposition
        ("the depot was shelled by the Brask militia on Sunday", ("the Brask militia", "shelled")),
        ("the strike was carried out by Varnian troops", ("Varnian troops", "carried")),
        # refused: passive without agent, copular, pronoun, comma before the verb
        ("the depot was shelled", None),
        ("the reports are sheer lies", None),
        ("the Lenport drones would be faster", None),
        ("it attacked the port", None),
        ("they carried out the strike", None),
        ("Varnia, a neighbour of Ostrel, shelled the port", None),
        ("a drone over the harbour", None),
    ],
)
def test_proposition_actor(text, expected) -> None:
    assert proposition_actor(text) == expected


def _claim(proposition: str, stance: Stance = Stance.ASSERTS, subject: str = "", predicate: str = "",
           holder: str = "Mayor Ilse Brandt") -> Claim:
    return Claim(id="c", proposition=proposition, holder=SourceRef(name=holder, kind=SourceKind.PERSON),
                 stance=stance, voice=Voice.SOURCE, evidence=[], subject=subject, predicate=predicate,
                 produced_by="test/1")


@pytest.mark.parametrize(
    ("claim", "name", "ids"),
    [
        (_claim("the Brask militia carried out the strike"), "the Brask militia", {"@brask_militia"}),
        (_claim("the depot was shelled by Varnian troops"), "Varnian troops", {"@varnia"}),
        # the claims stage's resolved subject wins over the proposition's words
        (_claim("the ministry carried out the strike", subject="Harbour Ministry"), "Harbour Ministry",
         {"@harbour_ministry"}),
        # a capitalised subject from the parse that the entity stage missed is still a name
        (_claim("the Coastal Guard carried out the strike", subject="the Coastal Guard"), "the Coastal Guard",
         {"~coastal guard"}),
        # ... when it is in the proposition: not a subject carried over from another clause
        (_claim("the guard carried out the strike", subject="the Coastal Guard"), None, None),
        (_claim("Roughly 300 boats carried out the strike", subject="Roughly 300 boats"), None, None),
        # a name is written with a capital, whatever the entity stage made of a common noun
        (_claim("the militant group's supporters carried out the strike"), None, None),
        # an entity after "with" in the subject is not the actor
        (_claim("cooperation with Varnia rests on a memorandum"), None, None),
        (_claim("the militia carried out the strike"), None, None),
        (_claim("the Brask militia carried out the strike", stance=Stance.DENIES), None, None),
        (_claim("it carried out the strike", subject="it"), None, None),
    ],
)
def test_claim_actor(claim, name, ids) -> None:
    actor = claim_actor(claim, TERMER)
    if name is None:
        assert actor is None
    else:
        assert actor is not None and (actor.name, set(actor.ids)) == (name, ids)


def _actor(name: str, *ids: str, verb: str = "", rest: tuple[str, ...] = ()) -> Actor:
    return Actor(name=name, ids=frozenset(ids), verb=verb, rest=frozenset(rest))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_actor("the Harbour Ministry", "@harbour_ministry"), _actor("the Brask militia", "@brask_militia"), False),
        (_actor("Brask fighters", "@brask"), _actor("the Brask forces", "@brask"), True),
        # one id part of the other
        (_actor("Brask", "@brask"), _actor("the Brask militia", "@brask_militia"), True),
        # one name inside the other
        (_actor("the Coastal Guard", "~coastal guard"), _actor("Varnia's Coastal Guard", "@varnia"), True),
        (_actor("Varnia", "@varnia"), _actor("Ostrel", "@ostrel"), False),
    ],
)
def test_same_actor(a, b, same) -> None:
    assert same_actor(a, b) is same and same_actor(b, a) is same


@pytest.mark.parametrize(
    ("verb_a", "rest_a", "verb_b", "rest_b", "same"),
    [
        ("carried", ("attack", "depot"), "carry", ("attack", "depot"), True),  # written form vs lemma
        ("attacked", ("depot",), "carried", ("out", "attack", "depot"), True),  # the verb in the rest
        ("closed", ("depot",), "carried", ("out", "attack", "depot"), False),
        ("", ("depot",), "closed", ("depot",), True),  # unknown verb: the rest decides
    ],
)
def test_same_verb(verb_a, rest_a, verb_b, rest_b, same) -> None:
    a, b = _actor("A", "@a", verb=verb_a, rest=rest_a), _actor("B", "@b", verb=verb_b, rest=rest_b)
    assert same_verb(a, b) is same


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        ("the Harbour Ministry shelled the Lenport depot", "the Brask militia shelled the Lenport depot", True),
        ("the Harbour Ministry shelled the Lenport depot", "the Lenport depot was shelled by the Brask militia", True),
        # converse wordings mention both parties
        ("Varnia sold tanks to Ostrel", "Ostrel sold tanks to Varnia", False),
        # different events on the same object
        ("the Harbour Ministry closed the Lenport depot", "the Brask militia shelled the Lenport depot", False),
        # nothing but the place in common
        ("the Harbour Ministry shelled Lenport", "the Brask militia visited Lenport", False),
    ],
)
def test_actors_clash(first, second, clash) -> None:
    a, b = _claim(first), _claim(second, holder="Dockworkers Union")
    items = [(claim_actor(a, TERMER), a, "x"), (claim_actor(b, TERMER), b, "y")]
    assert all(actor is not None for actor, _, _ in items)
    assert actors_clash(items[0], items[1], TERMER) is clash
    # one holder in one article naming two actors is a split "X and Y did it", not a clash
    assert actors_clash(items[0], (items[1][0], a, "x"), TERMER) is False


@pytest.mark.parametrize(
    ("proposition", "subject", "predicate"),
    [
        ("the Lenport drones would be faster", "Lenport drones", "be"),  # a state, not an action
        ("Varnia's delivery of tanks to Ostrel", "", ""),  # no verb, none given
    ],
)
def test_claim_actor_refuses_states_and_fragments(proposition, subject, predicate) -> None:
    assert claim_actor(_claim(proposition, subject=subject, predicate=predicate), TERMER) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the depot was shelled on Sunday night by Varnian troops", ("Varnian troops", "shelled")),
        # "by" outside the passive's clause is no agent
        ("the depot was shelled, as filmed by Lenport residents", None),
        ("the depot was shelled near the old harbour wall in the east end by Varnia", None),
    ],
)
def test_passive_agent_stays_in_its_clause(text, expected) -> None:
    assert proposition_actor(text) == expected


@pytest.mark.parametrize(
    ("proposition", "predicate"),
    [
        ("Lenport residents complained that the depot was unsafe", ""),  # a verb of saying
        ("Lenport residents complained that the depot was unsafe", "complain"),
        ("the Harbour Ministry decided that the depot would close", ""),  # any verb + "that" clause
        ("the Harbour Ministry warned the depot owners", "warn"),
    ],
)
def test_speakers_are_not_actors(proposition, predicate) -> None:
    assert claim_actor(_claim(proposition, predicate=predicate), TERMER) is None


@pytest.mark.parametrize(
    ("proposition", "written", "named"),
    [
        ("the Brask militia carried out the strike", "the Brask militia carried out the strike", True),
        # another surface of the same entity counts
        ("Varnia shelled the depot", "Varnian gunners shelled the depot", True),
        # the holder's name put in for "he"/"it" by the claims stage is not in the text
        ("Mayor Ilse Brandt carried out the strike", "he carried out the strike", False),
        # a name no entity stage knows must be written as is
        ("the Coastal Guard carried out the strike", "the guard carried out the strike", False),
    ],
)
def test_actor_must_be_written(proposition, written, named) -> None:
    subject = "the Coastal Guard" if "Coastal" in proposition else ""
    actor = claim_actor(_claim(proposition, subject=subject), TERMER, written)
    assert (actor is not None) is named
    assert claim_actor(_claim(proposition, subject=subject), TERMER) is not None  # unchecked without words


def test_a_person_and_a_body_are_not_different_actors() -> None:
    from counterpoint.records import Analysis, Entity, Span

    body = "Mayor Ilse Brandt and Varnian parents"
    entities = [Entity(span=Span(start=6, end=17, text="Ilse Brandt"), label="PERSON", canonical_id="ilse-brandt",
                       canonical_name="Ilse Brandt", produced_by="test/1"),
                Entity(span=Span(start=22, end=29, text="Varnian"), label="NORP", canonical_id="varnia",
                       canonical_name="Varnia", produced_by="test/1")]
    labels = entity_labels([Analysis(article_id="a", entities=entities, produced_by="test/1")], TERMER)
    assert labels == {"@ilse_brandt": "PERSON", "@varnia": "NORP"} and body
    mayor = _claim("Mayor Ilse Brandt sold the boat at Lenport")
    parents = _claim("Varnian parents sold the boat at Lenport", holder="Dockworkers Union")
    items = [(claim_actor(c, TERMER, labels=labels), c, aid) for c, aid in ((mayor, "x"), (parents, "y"))]
    assert items[0][0].person and not items[1][0].person
    assert actors_clash(items[0], items[1], TERMER) is False
    # without labels nobody is known to be a person, and the two names differ
    items = [(claim_actor(c, TERMER), c, aid) for c, aid in ((mayor, "x"), (parents, "y"))]
    assert actors_clash(items[0], items[1], TERMER) is True
