"""Synthetic news corpus for benchmarking the counterpoint pipeline.

`generate_corpus(n, seed)` yields `(filename, text)` pairs: plain-text articles about
about 60 invented stories, each told by several invented outlets with different slants.
Every article has a headline, usually a dateline, direct quotes (curly or straight),
reported speech with varied cues, anonymous sources and source chains, a denial,
relative and explicit dates, framing words, conflicting figures across outlets and,
sometimes, page furniture (captions with credits, social promos, newsletter blocks,
"Read more" lines, a stray trailing number). Nothing here is real news: countries,
people and outlets are built from syllables, so the texts are free to ship.

Determinism: the story set comes from `random.Random(seed)`; article `i` uses its
own `random.Random(seed * 1_000_003 + i)`, so the first k articles are the same
whatever `n` is, and the same seed always gives the same bytes.

CLI:  python bench/corpus.py N OUTDIR [--seed S] [--meta]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

N_STORIES = 60
MIN_WORDS = 300
MAX_WORDS = 600

# --------------------------------------------------------------------- name parts

_COUNTRY_HEADS = ["Kest", "Dol", "Varn", "Ost", "Mel", "Tar", "Brel", "Cas", "Vess", "Lom",
                  "Ard", "Sel", "Quar", "Nor", "Emb", "Hald", "Iver", "Zan", "Rhun", "Pell"]
_COUNTRY_TAILS = ["ria", "mar", "ova", "esh", "enia", "ora", "ath", "and", "ilia", "eth"]
_PLACE_TAILS = ["holm", "bridge", "ford", "vik", "mouth", "stad", "haven", "gard", "by"]
_MALE = ["Oren", "Tomas", "Viktor", "Idris", "Mirko", "Aurel", "Emil", "Jonas", "Radu",
         "Kasimir", "Lev", "Anton", "Bram", "Ilan", "Teodor", "Sander", "Matthias"]
_FEMALE = ["Sabine", "Petra", "Helka", "Anaïs", "Mira", "Lena", "Irena", "Ottilie",
           "Dagny", "Zora", "Livia", "Agnes", "Vesna", "Maren", "Renée", "Ingrid"]
_SUR_HEADS = ["Val", "Kor", "Mael", "Hall", "Brenn", "Tarn", "Osm", "Ard", "Lind", "Vek",
              "Dras", "Holm", "Sund", "Kell", "Marr", "Fenw", "Stav", "Ruul"]
_SUR_TAILS = ["dric", "hal", "an", "er", "und", "ov", "ek", "ström", "ski", "ard", "ine", "is"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_NEUTRAL_OUTLETS = ["Meridian Wire", "Northwind News", "The Tidewater Post", "Global Ledger",
                    "Compass Report", "The Open Sea Review", "Lantern Newswire", "Crossways Daily"]
_CUES_SAID = ["said", "told reporters", "stated", "noted", "underscored", "insisted", "added"]
_NUMBER_WORDS = {2: "Two", 3: "Three", 4: "Four", 5: "Five"}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool
    role: str  # "Maritime Minister", "spokeswoman for the Foreign Ministry"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def he(self) -> str:
        return "She" if self.female else "He"


@dataclass(frozen=True)
class Kind:
    """One kind of story; `{A}` is accused, `{B}` accuses, `{C}` is `{A}`'s partner."""

    topic: str          # headline noun phrase
    ministry: str       # A's ministry in charge
    minister: str       # its minister's title
    claim: str          # the disputed report, as a clause
    claim2: str         # a contested fact an outlet may assert in its own voice
    unit: str           # what the conflicting figure counts
    count_state: str    # what happened to them
    background: str     # an older event, past tense clause
    precursor: str      # an event a few days before the report
    denials: tuple[str, ...]
    accusations: tuple[str, ...]
    euphemism: str      # what A calls it, scare-quoted by hostile outlets


_KINDS: list[Kind] = [
    Kind("port lease", "Ministry of Maritime Affairs", "Maritime Minister",
         "{A} plans to lease the northern basin of {place} to the {Cadj} navy for 40 years",
         "{Cadj} naval tankers have already refuelled at {place} several times",
         "trucks", "were stuck at the {border} crossing",
         "{company} bought a stake in the container terminal at {place}",
         "a {Cadj} deputy defence minister toured the harbour at {place}",
         ("There is no lease and there will be no foreign base in {place}",
          "Our port serves grain ships and ferries, not warships"),
         ("{A} is renting out its coastline to a foreign navy",
          "A harbour on our doorstep must not become a naval base"),
         "commercial cooperation"),
    Kind("dam", "Ministry of Water Resources", "Water Minister",
         "{A} will start filling the reservoir behind the {place} dam without consulting {B}",
         "water levels downstream of the {place} dam have already fallen by a third",
         "farms", "had lost access to irrigation water",
         "engineers from {company} began pouring concrete at {place}",
         "{A} closed two of the spillway gates at {place}",
         ("Not a single litre will be taken from our neighbours",
          "The filling schedule was shared with every country on the river"),
         ("{A} is holding the whole river hostage",
          "Our farmers are paying for a dam they were never asked about"),
         "seasonal adjustment"),
    Kind("arms shipment", "Defence Ministry", "Defence Minister",
         "{A} has agreed to ship artillery shells to {C}",
         "{Aadj} cargo planes have been flying munitions to {C} since the spring",
         "shells", "were delivered in the last month",
         "{A} and {C} signed a defence cooperation pact",
         "a {Cadj} military delegation arrived in the {Aadj} capital",
         ("We do not sell weapons to any party in this conflict",
          "Our factories produce for our own army and nobody else"),
         ("{A} is fuelling a war while pretending to be neutral",
          "Every shell sent from {A} prolongs the fighting"),
         "technical cooperation"),
    Kind("pipeline leak", "Environment Ministry", "Environment Minister",
         "a gas pipeline run by {company} leaked condensate into the estuary near {place}",
         "the {company} pipeline had failed two safety inspections before the leak",
         "tonnes of condensate", "had spilled into the water",
         "{company} won the contract to operate the pipeline",
         "fishermen near {place} reported a sheen on the water",
         ("The pipeline is intact and the water is safe",
          "Our inspectors found no trace of a leak"),
         ("{A} is hiding an environmental disaster",
          "Our fishermen are the ones who will pay for this cover-up"),
         "routine maintenance"),
    Kind("election interference", "Interior Ministry", "Interior Minister",
         "the {Aadj} government hired {Cadj} consultants to flood social media before the vote",
         "thousands of fake accounts were created in the weeks before the election",
         "fake accounts", "were removed by the platform",
         "the {Aadj} ruling party opened an office for digital campaigning",
         "the electoral commission in {B} received a dossier on the accounts",
         ("No government agency has paid anyone to post anything",
          "This is a story invented by people who lost the election"),
         ("{A} has tried to buy an election with fake voices",
          "Voters deserve to know who paid for this campaign"),
         "public information campaign"),
    Kind("mining licence", "Ministry of Mines", "Mines Minister",
         "{A} granted {company} a licence to mine lithium inside the {place} nature reserve",
         "drilling has already started inside the reserve",
         "hectares of forest", "had been cleared",
         "{company} first applied for exploration rights near {place}",
         "survey crews were seen at the edge of the reserve",
         ("Not one hectare of the reserve has been touched",
          "The licence covers land outside the protected zone"),
         ("{A} is selling a protected forest to a mining company",
          "The river we share will carry the waste of this mine"),
         "responsible exploration"),
    Kind("fishing dispute", "Fisheries Ministry", "Fisheries Minister",
         "{Aadj} coast guard vessels detained {Badj} fishing boats inside {Badj} waters",
         "the boats were seized at least twelve miles inside {Badj} waters",
         "fishermen", "remained in custody",
         "{A} declared a new exclusive fishing zone",
         "{Aadj} patrol boats were moved to the harbour at {place}",
         ("Our coast guard acted inside our own waters and under the law",
          "The boats were fishing illegally and were treated fairly"),
         ("{A} is practising piracy with a flag on it",
          "Our fishermen were arrested for doing their jobs"),
         "law enforcement operation"),
    Kind("grain blockade", "Agriculture Ministry", "Agriculture Minister",
         "{A} is holding grain ships bound for {B} at the port of {place}",
         "{Aadj} inspectors have kept ships waiting for weeks without any reason",
         "tonnes of grain", "were waiting in the port",
         "{A} and {B} signed a transit agreement for grain",
         "port inspectors at {place} introduced new paperwork",
         ("Every ship is cleared as fast as the rules allow",
          "There is no blockade, only inspections required by law"),
         ("{A} is using hunger as a weapon",
          "Our bakeries are running out of flour because of {A}"),
         "quality inspections"),
    Kind("spy arrest", "Foreign Ministry", "Foreign Minister",
         "{A} arrested a {Badj} diplomat on espionage charges in order to trade him for a prisoner",
         "the diplomat was held for three days without consular access",
         "embassy staff", "were ordered to leave the country",
         "{A} expelled two {Badj} attachés",
         "{Aadj} counter-intelligence officers searched a flat in {place}",
         ("The arrest followed the law and the evidence is overwhelming",
          "This is a criminal case, not a political one"),
         ("{A} is taking hostages and calling it justice",
          "Our diplomat is innocent and must be released today"),
         "counter-intelligence operation"),
    Kind("power cuts", "Energy Ministry", "Energy Minister",
         "{A} cut electricity exports to {B} to put pressure on its government",
         "the blackouts in {B} were triggered by the {Aadj} grid operator",
         "households", "were left without power",
         "{A} and {B} connected their power grids",
         "the {Aadj} grid operator announced maintenance at the {place} substation",
         ("Our exports continue under every contract we have signed",
          "A technical fault is not a political decision"),
         ("{A} has turned the lights off to win an argument",
          "Families in {B} spent the night in the cold because of {A}"),
         "technical maintenance"),
]

# ------------------------------------------------------------------------- stories


@dataclass(frozen=True)
class Story:
    id: int
    kind: Kind
    A: str
    B: str
    C: str
    place: str
    border: str
    company: str
    paper: str
    report_date: dt.date
    official: Person     # A's minister
    spokes: Person       # A's ministry spokesperson
    accuser: Person      # B's minister
    partner: Person      # C's spokesperson
    analyst: Person
    num_lo: int
    num_hi: int
    years_back: int

    def slots(self) -> dict[str, str]:
        return {"A": self.A, "B": self.B, "C": self.C, "Aadj": adjective(self.A),
                "Badj": adjective(self.B), "Cadj": adjective(self.C), "place": self.place,
                "border": self.border, "company": self.company}

    def fill(self, template: str) -> str:
        return template.format(**self.slots())


def adjective(country: str) -> str:
    """Demonym: Kestria -> Kestrian, Dolmar -> Dolmari."""
    return country + ("n" if country.endswith("a") else "i")


def _person(rng: random.Random, role: str) -> Person:
    female = rng.random() < 0.5
    first = rng.choice(_FEMALE if female else _MALE)
    return Person(first, rng.choice(_SUR_HEADS) + rng.choice(_SUR_TAILS), female, role)


def make_stories(seed: int = 0, count: int = N_STORIES) -> list[Story]:
    """The story set for `seed`: `count` stories, each with its own cast and dates."""
    rng = random.Random(seed)
    stories = []
    for sid in range(count):
        a, b, c = rng.sample(_COUNTRY_HEADS, 3)
        A, B, C = (x + rng.choice(_COUNTRY_TAILS) for x in (a, b, c))
        kind = _KINDS[sid % len(_KINDS)] if sid < len(_KINDS) else rng.choice(_KINDS)
        lo = rng.choice([120, 200, 300, 450, 800, 1200, 2500])
        report = dt.date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
        ministry_noun = kind.ministry.replace("Ministry of ", "").replace(" Ministry", "")
        stories.append(Story(
            id=sid, kind=kind, A=A, B=B, C=C,
            place=rng.choice(["Port ", ""]) + rng.choice(_SUR_HEADS) + rng.choice(_PLACE_TAILS),
            border=rng.choice(_SUR_HEADS) + rng.choice(["en", "ow", "ick", "ara"]),
            company=rng.choice(_SUR_HEADS) + rng.choice([" Maritime", " Energy", " Holdings",
                                                         " Resources", " Group"]),
            paper=rng.choice(["The ", ""]) + rng.choice(_COUNTRY_HEADS)
            + rng.choice([" Ledger", " Observer", " Tribune", " Gazette", " Herald"]),
            report_date=report,
            official=_person(rng, kind.minister),
            spokes=_person(rng, f"{ministry_noun} Ministry spokes"),
            accuser=_person(rng, "Foreign Minister"),
            partner=_person(rng, "government spokes"),
            analyst=_person(rng, "analyst"),
            num_lo=lo, num_hi=lo + rng.choice([1, 2, 3]) * lo // 2 + 100,
            years_back=rng.randint(2, 6),
        ))
    return stories


# ---------------------------------------------------------------------- articles


@dataclass(frozen=True)
class SyntheticArticle:
    filename: str
    text: str
    outlet: str
    url: str
    story_id: int
    published: dt.datetime


def _spokes_title(p: Person) -> str:
    return p.role + ("woman" if p.female else "man") if p.role.endswith("spokes") else p.role


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Writer:
    """Builds one article: paragraphs drawn from a story, worded for one outlet."""

    def __init__(self, story: Story, rng: random.Random, slant: str, outlet: str) -> None:
        self.s, self.rng, self.slant, self.outlet = story, rng, slant, outlet
        self.curly = rng.random() < 0.6
        self.pub = story.report_date + dt.timedelta(days=rng.randint(1, 3))
        self.pub_time = dt.datetime.combine(self.pub, dt.time(rng.randint(6, 22),
                                                              rng.randint(0, 59)))
        self.f = story.fill
        self._fillers: list[tuple[str, str, str]] | None = None

    def q(self, text: str) -> str:
        return f"“{text}”" if self.curly else f'"{text}"'

    def weekday(self, d: dt.date) -> str:
        return d.strftime("%A")

    def explicit(self, d: dt.date) -> str:
        return self.rng.choice([f"{_MONTHS[d.month - 1]} {d.day}",
                                f"{d.day} {_MONTHS[d.month - 1]}"])

    def report_when(self) -> str:
        r = self.s.report_date
        return self.rng.choice([f"on {self.weekday(r)}", f"on {self.explicit(r)}"])

    # ------------------------------------------------------------- headline/date

    def headline(self) -> str:
        s, k = self.s, self.s.kind
        options = {
            "neutral": [f"{s.A} denies {k.topic} report as {s.B} steps up pressure",
                        f"{s.A} and {s.B} trade accusations over {k.topic} report",
                        f"{s.B} demands answers from {s.A} over reported {k.topic}"],
            "accuser": [f"{s.A}'s secret {k.topic} plan exposed, {s.B} demands answers",
                        f"{s.B} condemns {s.A} over {k.topic} as denials ring hollow",
                        f"Leaked {k.topic} files put {s.A} on the spot"],
            "accused": [f"{s.A} dismisses {self.q(k.topic)} claims as foreign smear",
                        f"{s.A} rejects {s.B}'s {k.topic} accusations",
                        f"Officials in {s.A} brush off {k.topic} report as fabrication"],
        }
        return self.rng.choice(options[self.slant])

    def dateline(self) -> str | None:
        p = self.pub_time
        month = _MONTHS[p.month - 1]
        style = self.rng.randrange(5)
        if style == 0:
            return None
        if style == 1:
            return f"{p.day} {month}, {p.strftime('%I:%M %p')}"
        if style == 2:
            return f"{month} {p.day}, {p.year}"
        if style == 3:
            return f"{p.day} {month} {p.year}, {p:%H:%M}"
        return f"{p:%Y-%m-%d %H:%M}"

    # --------------------------------------------------------------- paragraphs

    def lead(self) -> str:
        s, k = self.s, self.s.kind
        claim = self.f(k.claim)
        if self.slant == "accuser":
            return (f"{_cap(claim)}, {s.paper} revealed {self.report_when()}, citing "
                    f"officials familiar with the plans. {s.A} has allegedly tried to keep "
                    f"the matter out of public view for months.")
        if self.slant == "accused":
            return (f"Officials in {s.A} have rejected as {self.q('fabricated')} a foreign "
                    f"newspaper report claiming that {claim}, calling it part of a smear "
                    f"campaign against the country.")
        return (f"{s.A} on {self.weekday(self.pub)} denied a newspaper report that {claim}, "
                f"while {s.B} said it would raise the matter with its partners.")

    def chain(self) -> str:
        s, claim = self.s, self.f(self.s.kind.claim)
        anon = self.rng.choice(["officials familiar with the plans",
                                "two people briefed on the talks",
                                "a source close to the negotiations"])
        return self.rng.choice([
            f"{s.paper} cited unnamed {self.q(anon)} as saying that {claim}.",
            f"According to {s.paper}, which cited {anon}, {claim}. The newspaper said it "
            f"had seen a draft document but did not publish it.",
            f"The report, published by {s.paper} {self.report_when()}, relied on {anon}. "
            f"The paper said the decision had been taken at a closed meeting.",
        ])

    def official_quote(self) -> str:
        s, o, k = self.s, self.s.official, self.s.kind
        quote = self.f(self.rng.choice(k.denials))
        channel = self.rng.choice([f"told the {adjective(s.A)} Press Agency",
                                   "said in a statement", "told reporters in the capital",
                                   "wrote in a post on social media"])
        day = self.weekday(self.pub - dt.timedelta(days=1))
        return (f"{self.q(quote + ',')} {k.minister} {o.name} {channel} on {day}. "
                f"{o.he} added that the ministry would ask {s.paper} to reveal its sources.")

    def nominal_follow(self) -> str:
        s, o = self.s, self.s.official
        role_noun = o.role.split()[-1].lower()
        return (f"The {role_noun} {self.rng.choice(['said', 'noted', 'underscored'])} that "
                f"{s.A} had nothing to hide. {o.last} met {adjective(s.C)} officials last "
                f"week, a meeting the ministry described as routine.")

    def denial(self) -> str:
        k, sp = self.s.kind, self.s.spokes
        verb = self.rng.choice(["denied", "rejected claims", "dismissed reports"])
        return (f"The {k.ministry} also {verb} that {self.f(k.claim2)}. "
                f"{_cap(_spokes_title(sp))} {sp.name} said the allegation was "
                f"{self.q('baseless')} and that the ministry would publish its records.")

    def accuser_quote(self) -> str:
        s, a, k = self.s, self.s.accuser, self.s.kind
        quote = self.f(self.rng.choice(k.accusations))
        how = self.rng.choice(["in a post on social media", "in a televised address",
                               "at a news conference"])
        return (f"{adjective(s.B)} Foreign Minister {a.name} accused {s.A} of breaking its "
                f"promises {how}. {self.q(quote + ',')} {a.he.lower()} "
                f"{self.rng.choice(['said', 'added', 'told journalists'])}.")

    def figure(self) -> str:
        s, k = self.s, self.s.kind
        state = self.f(k.count_state)
        day = self.weekday(self.pub)
        if self.slant == "neutral":
            return (f"Roughly {s.num_lo} {k.unit} {state} on {day}, according to the "
                    f"{adjective(s.A)} authorities. Officials in {s.B} put the figure at "
                    f"more than {s.num_hi}.")
        if self.slant == "accuser":
            return f"By {day}, at least {s.num_hi} {k.unit} {state}, {self.outlet} has learned."
        return (f"Official figures show that about {s.num_lo} {k.unit} {state} by {day}, "
                f"far fewer than claimed in {s.B}.")

    def editorial(self) -> str:
        s, k = self.s, self.s.kind
        if self.slant == "accuser":
            return (f"{_cap(self.f(k.claim2))}, although {s.A} continues to deny it. The "
                    f"so-called {self.q(k.euphemism)} has been a cover for the plan from "
                    f"the start.")
        if self.slant == "accused":
            return (f"No evidence has been offered that {self.f(k.claim2)}. The so-called "
                    f"{self.q('leak')} appeared amid a wave of hysteria in {s.B}, where "
                    f"politicians have long campaigned against {s.A}.")
        return (f"{self.outlet} could not independently verify whether "
                f"{self.f(k.claim2)}.")

    def background(self) -> str:
        s, k = self.s, self.s.kind
        r = s.report_date
        past_month = _MONTHS[self.rng.randrange(12)]
        return self.rng.choice([
            f"The dispute goes back to the end of {past_month} last year, when "
            f"{self.f(k.background)}.",
            f"Back in {r.year - s.years_back}, {self.f(k.background)}, a step that "
            f"{s.B} protested at the time.",
            f"Tension has grown since {r.year - s.years_back}, when {self.f(k.background)}.",
        ])

    def precursor(self) -> str:
        s, k = self.s, self.s.kind
        days = self.rng.randint(2, 5)
        word = _NUMBER_WORDS[days]
        return (f"{s.paper} published its report on {self.explicit(s.report_date)}. "
                f"{word} days earlier, {self.f(k.precursor)}, according to local media.")

    def partner(self) -> str:
        s, p = self.s, self.s.partner
        if self.rng.random() < 0.5:
            return (f"{s.C} has not commented on the report. Its embassy in {s.B} left "
                    f"written questions unanswered.")
        return (f"In {s.C}, {_spokes_title(p)} {p.name} {self.rng.choice(_CUES_SAID)} that "
                f"relations with {s.A} were {self.q('friendly and transparent')} and that "
                f"no secret agreement existed.")

    def summons(self) -> str:
        s = self.s
        day = self.pub - dt.timedelta(days=self.rng.randint(0, 1))
        verb = self.rng.choice(["announced", "said", "confirmed"])
        return (f"The government of {s.B} {verb} on {self.weekday(day)} that it had "
                f"summoned the {adjective(s.A)} ambassador to explain the report. The envoy "
                f"was expected at the Foreign Ministry the following morning.")

    def analyst(self) -> str:
        s, an = self.s, self.s.analyst
        field = self.rng.choice(["Security", "Regional", "Policy"])
        quote = self.q("Neither side wants to back down before the summer,")
        return (f"{an.name}, an analyst at the {s.border} Institute for {field} Studies, said "
                f"the row showed how little trust was left between the two governments. "
                f"{quote} {an.he.lower()} said.")

    def filler(self) -> str | None:
        """Two generic sentences; None once every combination has been used."""
        if self._fillers is None:
            s = self.s
            subjects = [f"Diplomats in {s.B}", f"Business groups in {s.A}",
                        "Opposition lawmakers", f"Residents of {s.place}", "Trade unions",
                        f"Observers in {s.C}", "Shipping companies", "Local officials"]
            verbs = ["warned that", "argued that", "told local media that",
                     "said privately that", "complained that"]
            tails = ["the dispute could take months to settle",
                     f"the row was already hurting trade between {s.A} and {s.B}",
                     "parliament should hold a public hearing on the matter",
                     "neither government had shared documents with the public",
                     "the issue would dominate the next regional summit",
                     "prices had risen since the dispute began",
                     "the affair had damaged confidence in the government"]
            # Each tail at most once, so an article never repeats a sentence.
            self.rng.shuffle(subjects)
            self.rng.shuffle(tails)
            self._fillers = [(a, self.rng.choice(verbs), c) for a, c in zip(subjects, tails)]
        if len(self._fillers) < 2:
            return None
        sents = [self._fillers.pop() for _ in range(2)]
        return " ".join(f"{a} {b} {c}." for a, b, c in sents)

    # -------------------------------------------------------------- furniture

    def caption(self) -> str:
        s = self.s
        photographer = _person(self.rng, "")
        return (f"A view of {s.place} {self.rng.choice(['at dawn', 'from the air', 'in winter'])} "
                f"(Photo: {self.rng.choice(['WAVEPIX', 'NORDLENS', 'ORRIN PRESS'])}/"
                f"{photographer.name})")

    def newsletter(self) -> list[str]:
        return [f"{self.outlet} Daily",
                "The stories that matter, delivered to your inbox every morning",
                "Daily at 7am", "Show more news"]


def _words(text: str) -> int:
    return len(text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _outlet_for(story: Story, slant: str, rng: random.Random) -> str:
    if slant == "accused":
        return rng.choice([f"{story.A} Press Agency", f"{adjective(story.A)} State Television"])
    if slant == "accuser":
        return rng.choice([f"The {story.B} Courier", f"{adjective(story.B)} Daily News"])
    return rng.choice(_NEUTRAL_OUTLETS)


def _body(w: _Writer, rng: random.Random, fixed_words: int) -> list[str]:
    """Required paragraphs first (lead, chain, then quote/denial/figure in random order),
    then optional ones, then generic fillers, until the article reaches its target length.
    """
    required: list[Callable[[], str]] = [w.official_quote, w.denial, w.accuser_quote,
                                         w.figure]
    rng.shuffle(required)
    optional: list[Callable[[], str]] = [w.nominal_follow, w.editorial, w.background,
                                         w.precursor, w.partner, w.analyst, w.summons]
    rng.shuffle(optional)
    paragraphs = [make() for make in [w.lead, w.chain, *required]]
    target = rng.randint(MIN_WORDS + 30, MAX_WORDS - 60)
    words = fixed_words + sum(_words(p) for p in paragraphs)
    extra = [make() for make in optional]
    while words < target:
        para = extra.pop() if extra else w.filler()
        if para is None:
            break
        if words + _words(para) <= MAX_WORDS:
            paragraphs.append(para)
            words += _words(para)
    return paragraphs


def _article(story: Story, index: int, seed: int) -> SyntheticArticle:
    rng = random.Random(seed * 1_000_003 + index)
    slant = rng.choice(["accused", "accuser", "neutral"])
    outlet = _outlet_for(story, slant, rng)
    w = _Writer(story, rng, slant, outlet)

    head = [w.headline()]
    dateline = w.dateline()
    if dateline:
        head.append(dateline)
    furnished = rng.random() < 0.5
    if furnished:
        caption = w.caption()
        head += [caption, caption]  # pages often repeat the caption (alt text + figure)

    tail: list[str] = []
    if furnished:
        tail += w.newsletter() if rng.random() < 0.6 else [f"Read more: {w.headline()}"]
        if rng.random() < 0.5:
            tail.append(f"{rng.randint(1, 999):03d}")  # stray page number

    paragraphs = _body(w, rng, _words("\n".join(head + tail)))
    if furnished:
        promo = rng.choice(["Follow us on X, Facebook and Telegram",
                            "Follow us on Instagram and Google News"])
        paragraphs.insert(len(paragraphs) // 2, promo)

    lines = [head[0], ""] + (head[1:] + [""] if len(head) > 1 else [])
    text = "\n".join(lines + ["\n\n".join(paragraphs)] + ([""] + tail if tail else [])) + "\n"
    name = f"{index:06d}_s{story.id:02d}_{_slug(outlet)}.txt"
    url = f"https://{_slug(outlet)}.example.org/{w.pub:%Y/%m/%d}/{_slug(head[0])[:60]}"
    return SyntheticArticle(name, text, outlet, url, story.id, w.pub_time)


def generate_articles(n: int, seed: int = 0, stories: int = N_STORIES) -> Iterator[SyntheticArticle]:
    """Yield `n` articles with their outlet, URL and story id (for clustering checks).

    `stories` sets how many stories they tell (article `i` tells story `i % stories`);
    a clustering benchmark grows it with `n` so that stories keep a realistic size.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if stories < 1:
        raise ValueError(f"stories must be >= 1, got {stories}")
    story_set = make_stories(seed, stories)
    for i in range(n):
        yield _article(story_set[i % len(story_set)], i, seed)


def generate_corpus(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield `n` `(filename, text)` pairs; the same seed gives the same corpus."""
    for art in generate_articles(n, seed):
        yield art.filename, art.text


def write_corpus(n: int, outdir: Path, seed: int = 0, meta: bool = False) -> int:
    """Write the corpus under `outdir` (and `.meta.json` sidecars when asked)."""
    outdir.mkdir(parents=True, exist_ok=True)
    count = 0
    for art in generate_articles(n, seed):
        (outdir / art.filename).write_text(art.text, encoding="utf-8")
        if meta:
            sidecar = {"outlet": art.outlet, "url": art.url, "story": art.story_id,
                       "published": art.published.isoformat()}
            (outdir / f"{art.filename}.meta.json").write_text(
                json.dumps(sidecar, ensure_ascii=False) + "\n", encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic news corpus for benchmarks.")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path, help="directory to write .txt files into")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed (default 0)")
    parser.add_argument("--meta", action="store_true",
                        help="also write <file>.meta.json sidecars "
                        "(outlet, url, story, published)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("n must be >= 0")
    written = write_corpus(args.n, args.outdir, args.seed, args.meta)
    print(f"wrote {written} articles to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
