"""Stance rules: cue polarity + content -> (stance, positive proposition)."""

from __future__ import annotations

import pytest

from counterpoint.claims import stance_of
from counterpoint.claims.stance import past_tense, third_person
from counterpoint.records import Polarity, Stance

P = Polarity
S = Stance


@pytest.mark.parametrize(
    ("polarity", "content", "stance", "proposition"),
    [
        # plain cues
        (P.ASSERTS, "Varnia sold tanks to Ostrel", S.ASSERTS, "Varnia sold tanks to Ostrel"),
        (P.ACCUSES, "Varnia sold tanks to Ostrel", S.ASSERTS, "Varnia sold tanks to Ostrel"),
        (P.DENIES, "selling tanks to Ostrel", S.DENIES, "selling tanks to Ostrel"),
        (P.HEDGES, "Varnia sold tanks", S.HEDGES, "Varnia sold tanks"),
        (P.QUESTIONS, "whether Varnia sold tanks", S.QUESTIONS, "Varnia sold tanks"),
        # cleaning: leading that, quotes, trailing punctuation
        (P.ASSERTS, "that the port will reopen.", S.ASSERTS, "the port will reopen"),
        (P.ASSERTS, "“The port will reopen,”", S.ASSERTS, "The port will reopen"),
        # main-verb negation -> positive proposition, denies
        (P.ASSERTS, "Varnia does not participate in any project in Ostrel", S.DENIES,
         "Varnia participates in a project in Ostrel"),
        (P.ASSERTS, "the ministry did not supply rifles", S.DENIES, "the ministry supplied rifles"),
        (P.ASSERTS, "the mayor doesn't plan a raid", S.DENIES, "the mayor plans a raid"),
        (P.ASSERTS, "not working with Ostrel on tank production", S.DENIES,
         "working with Ostrel on tank production"),
        (P.ASSERTS, "Varnia never supplied tanks", S.DENIES, "Varnia supplied tanks"),
        (P.ASSERTS, "the council cannot approve the budget", S.DENIES,
         "the council can approve the budget"),
        (P.ASSERTS, "the port is not closed", S.DENIES, "the port is closed"),
        (P.ASSERTS, "the talks won't resume", S.DENIES, "the talks will resume"),
        # what could not be verified is hedged, not denied
        (P.ASSERTS, "The Lenport Wire could not independently verify whether Ostrel tankers refuelled there",
         S.HEDGES, "Ostrel tankers refuelled there"),
        (P.ASSERTS, "it could not be confirmed that the dam had cracked", S.HEDGES, "the dam had cracked"),
        # a negated clause restated after a comma repeats the denial
        (P.ASSERTS, "There is no lease, there was never a lease", S.DENIES, "There is a lease"),
        # evidence named before the proposition is not part of it
        (P.ASSERTS, "Ship-tracking data reviewed by the Wire show that two navy vessels called at Lenport",
         S.ASSERTS, "two navy vessels called at Lenport"),
        # a denied negation asserts
        (P.DENIES, "the army is not involved", S.ASSERTS, "the army is involved"),
        # negation inside a subordinate clause does not flip the main stance
        (P.ASSERTS, "the plan is to build roads that do not flood", S.ASSERTS,
         "the plan is to build roads that do not flood"),
        # denials of reports: the proposition is the thing reported
        (P.DENIES, "there is any truth to reports that it plans to open a tank plant", S.DENIES,
         "it plans to open a tank plant"),
        (P.ASSERTS, "there is no truth to reports that Varnia sold tanks", S.DENIES,
         "Varnia sold tanks"),
        (P.ASSERTS, "claims that Varnia sold tanks are baseless", S.DENIES, "Varnia sold tanks"),
        (P.ASSERTS, "reports by foreign media that Varnia sold tanks are sheer lies", S.DENIES,
         "Varnia sold tanks"),
        (P.ASSERTS, "allegations that the mayor took bribes are fabricated", S.DENIES,
         "the mayor took bribes"),
        (P.ASSERTS, "it is false that the dam was breached", S.DENIES, "the dam was breached"),
        (P.DENIES, "the foreign claims of Varnia's delivery of rifles to Ostrel", S.DENIES,
         "Varnia's delivery of rifles to Ostrel"),
        (P.ASSERTS, "the report is fake", S.DENIES, "the report"),
        # a reported denial inside the content
        (P.ASSERTS, "Varnia has denied its part in any plan to sell tanks", S.DENIES,
         "Varnia's part in a plan to sell tanks"),
        # words only a negation licenses, stated as the holder denies them
        (P.DENIES, "the visit had anything to do with a tank deal", S.DENIES,
         "the visit had something to do with a tank deal"),
        (P.DENIES, "that any vessel has docked at Lenport", S.DENIES,
         "a vessel has docked at Lenport"),
        (P.DENIES, "that any foreign vessel has docked at Lenport", S.DENIES,
         "foreign vessel has docked at Lenport"),
        (P.DENIES, "any lease exists", S.DENIES, "lease exists"),
        (P.DENIES, "that any warships docked at Lenport", S.DENIES, "warships docked at Lenport"),
        (P.ASSERTS, "the navy did not send anyone to the port at all", S.DENIES,
         "the navy sent someone to the port"),
        (P.DENIES, "that Varnia has ever sold tanks", S.DENIES, "Varnia has sold tanks"),
        # asserted: "any" stays
        (P.ASSERTS, "Varnia sold any tanks it had", S.ASSERTS, "Varnia sold any tanks it had"),
        (P.DENIES, "in the strongest terms the claims of Varnia's sale of tanks", S.DENIES,
         "Varnia's sale of tanks"),
        # hedges in the main clause
        (P.ASSERTS, "Varnia may have sold tanks", S.HEDGES, "Varnia may have sold tanks"),
        (P.ASSERTS, "Varnia is believed to have sold tanks", S.HEDGES,
         "Varnia is believed to have sold tanks"),
        (P.ASSERTS, "Varnia is allegedly trying to sell tanks", S.HEDGES,
         "Varnia is trying to sell tanks"),
        (P.ASSERTS, "Varnia reportedly sold tanks", S.HEDGES, "Varnia sold tanks"),
        # a modal in a relative clause is not a hedge on the main claim
        (P.ASSERTS, "the two states plan a fast tank that could cross rivers", S.ASSERTS,
         "the two states plan a fast tank that could cross rivers"),
        # evidence fluff is stripped
        (P.ASSERTS, "there is copious evidence that Varnia sold tanks", S.ASSERTS,
         "Varnia sold tanks"),
    ],
)
def test_stance_table(polarity: Polarity, content: str, stance: Stance, proposition: str) -> None:
    got_stance, got_prop = stance_of(polarity, content)
    assert (got_stance, got_prop) == (stance, proposition)


@pytest.mark.parametrize(
    ("base", "third", "past"),
    [
        ("participate", "participates", "participated"),
        ("supply", "supplies", "supplied"),
        ("plan", "plans", "planned"),
        ("build", "builds", "built"),
        ("push", "pushes", "pushed"),
        ("go", "goes", "went"),
    ],
)
def test_inflection(base: str, third: str, past: str) -> None:
    assert third_person(base) == third
    assert past_tense(base) == past
