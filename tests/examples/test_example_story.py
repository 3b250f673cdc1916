"""The bundled Port Veyl story (examples/README.md, section 2) through the real pipeline.

The four articles are fictional and written for this project. The pipeline runs once
per module; each row of the attribution table in the README becomes one parametrized
case: the attribution carrying a content marker must come from the expected speaker,
written as expected, with the expected cue polarity, kind and route.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import counterpoint
from counterpoint.records import Attribution, SourceKind

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "port-veyl"
OUTLET = "<outlet>"


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> dict[str, list[Attribution]]:
    db = tmp_path_factory.mktemp("example") / "x.sqlite"
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    result = counterpoint.compare(paths, store=counterpoint.open_store(str(db)))
    by_article = {a.id: a for a in result.articles}
    out: dict[str, list[Attribution]] = {}
    for analysis in result.analyses:
        name = Path(by_article[analysis.article_id].source).name
        out[name[:2]] = analysis.attributions
    assert sorted(out) == ["01", "02", "03", "04"]
    return out


def text_of(a: Attribution) -> str:
    return " ".join(s.text for s in a.content)


def route_of(a: Attribution) -> str:
    parts = [s.name for s in a.chain] + [s.description or "" for s in a.chain]
    if a.channel is not None:
        parts += [a.channel.kind, a.channel.name or "", a.channel.date_text or ""]
        parts += [a.channel.span.text if a.channel.span else ""]
    return " ".join(parts)


# (article, content marker, speaker (in the canonical name, or OUTLET), as written
#  (in the source span), cue polarity, kind, route marker (chain/channel), anonymous
#  description (of the source or of the chain's origin))
ROWS = [
    ("01", "fabrication from start to finish", "Maritime", "Kestria’s Ministry", "denies",
     "mixed", None, None),
    ("01", "There is no lease", "Oren Valdric", "Maritime Minister Oren Valdric", "asserts",
     "direct", "KPA", None),
    ("01", "Port Veyl belongs", "Oren Valdric", None, "asserts", "direct", None, None),
    ("01", "crude attempt", "Oren Valdric", "The minister", "asserts", "mixed", None, None),
    ("01", "ask the newspaper", "Oren Valdric", "He", "asserts", "indirect", None, None),
    ("01", "refuelled or docked", "Maritime", "The ministry", "denies", "indirect", None, None),
    ("01", "agreed in principle", "Meridian Ledger", "The Ledger", "asserts", "indirect", None,
     None),
    ("01", "more than 500", "Hauliers", None, "asserts", "indirect", None, None),
    ("01", "punishing ordinary drivers", "Aurel Bastek", "Prime Minister Aurel Bastek",
     "accuses", "mixed", None, None),
    ("01", "grain and timber", "Anaïs Brenner", "Anaïs Brenner", "asserts", "direct", None,
     None),
    ("01", "never set foot", "Anaïs Brenner", None, "asserts", "direct", None, None),
    ("01", "open to talks", "Oren Valdric", "The minister", "asserts", "indirect", None, None),
    ("01", "not negotiate under pressure", "Oren Valdric", "he", "asserts", "direct", None,
     None),
    ("02", "northern basin of Port Veyl", "Meridian Ledger", "The Meridian Ledger", "asserts",
     "indirect", "officials familiar with the plans", "officials familiar with the plans"),
    ("02", "draft agreement", "Meridian Ledger", "the Ledger", "asserts", "indirect", None, None),
    ("02", "complete secrecy", "Meridian Ledger", "The paper", "asserts", "mixed", None, None),
    ("02", "the report", "Kestria", "Kestria's government", "denies", "indirect", None, None),
    ("02", "fabrication", "ministry", "The maritime ministry", "denies", "mixed", None, None),
    ("02", "at least four times", OUTLET, None, "asserts", "indirect", None, None),
    ("02", "cannot call itself neutral", "Idris Maelan", "Sarnian Foreign Minister Idris Maelan",
     "asserts", "direct", "social", None),
    ("02", "protect our coast", "Idris Maelan", None, "asserts", "direct", "social", None),
    ("02", "no choice", "Idris Maelan", "Maelan", "asserts", "indirect", None, None),
    ("02", "temporary and proportionate", "Customs Agency", "The Sarnian Customs Agency",
     "asserts", "mixed", None, None),
    ("02", "perishable goods", "Customs Agency", "The agency", "asserts", "indirect", None, None),
    ("02", "selling off", "Mirko Hallan", "Opposition lawmaker Mirko Hallan", "accuses",
     "indirect", None, None),
    ("02", "public hearing", "Mirko Hallan", "He", "asserts", "indirect", "Courier", None),
    ("03", "fantasy written to order", "Foreign Ministry", "Dolmar’s Foreign Ministry",
     "denies", "mixed", None, None),
    ("03", "no plans for a naval base", "Sabine Korhal", "ministry spokeswoman Sabine Korhal",
     "asserts", "direct", "statement", None),
    ("03", "grain, ferries and jobs", "Sabine Korhal", None, "asserts", "direct", "statement",
     None),
    ("03", "manufacturing a crisis", "Sabine Korhal", "Korhal", "accuses", "mixed", None, None),
    ("03", "ready for signature", "officials familiar with the plans", None, "asserts",
     "indirect", "Ledger", "officials familiar with the plans"),
    ("03", "trained Kestrian harbour pilots", "Viktor Osmund",
     "Deputy Defence Minister Viktor Osmund", "asserts", "indirect", None, None),
    ("03", "anything to do with a lease", "Viktor Osmund", "He", "denies", "indirect", None,
     None),
    ("03", "training centre", "Viktor Osmund", "Osmund", "asserts", "direct", "DNB", None),
    ("03", "secret documents", "Viktor Osmund", None, "asserts", "direct", None, None),
    ("03", "familiar pattern", "Analysts in Vessgard", "Analysts", "asserts", "indirect", None,
     None),
    ("03", "discovers a conspiracy", "Helka Tarn", "Helka Tarn", "asserts", "direct", None,
     None),
    ("03", "the report", "Oren Valdric", "Kestria’s Maritime Minister Oren Valdric", "denies",
     "indirect", None, None),
    ("03", "no foreign warship", "ministry", "his ministry", "asserts", "indirect", None, None),
    ("03", "two new harbour cranes", "Calder Maritime", None, "asserts", "indirect", None, None),
    ("04", "agreed in principle", "Meridian Ledger", "The Meridian Ledger", "asserts",
     "indirect", None, None),
    ("04", "draft of the agreement", "Meridian Ledger", "The newspaper", "asserts", "indirect",
     "officials familiar with the plans", "officials familiar with the plans"),
    ("04", "any lease exists", "Oren Valdric", "Maritime Minister Oren Valdric", "denies",
     "indirect", None, None),
    ("04", "rent out its sovereignty", "Oren Valdric", "the minister", "asserts", "mixed", None,
     None),
    ("04", "discussed fuel and maintenance", "A person briefed on the talks", "A person",
     "asserts", "indirect", "Harbourline", "A person briefed on the talks"),
    ("04", "toured the northern basin", "Veyl Port Authority", None, "asserts", "indirect",
     None, None),
    ("04", "tells the truth", "Idris Maelan", "Sarnian Foreign Minister Idris Maelan", "asserts",
     "mixed", None, None),
    ("04", "Roughly 300", "Customs Agency", None, "asserts", "indirect", None, None),
    ("04", "more than 500", "Hauliers", "Kestria's Road Hauliers' Association", "asserts",
     "indirect", None, None),
    ("04", "a fantasy", "Sabine Korhal", "Dolmar's Foreign Ministry spokeswoman Sabine Korhal",
     "asserts", "mixed", None, None),
    ("04", "two Dolmari navy supply vessels", OUTLET, None, "asserts", "indirect", None, None),
    ("04", "crew changes", "ministry", "The Kestrian maritime ministry", "asserts", "indirect",
     None, None),
    ("04", "nothing unusual", "Anaïs Brenner", "Anaïs Brenner", "asserts", "mixed", None, None),
    ("04", "first to know", "Anaïs Brenner", "she", "asserts", "direct", None, None),
]


def _speaks(a: Attribution, speaker: str) -> bool:
    if speaker == OUTLET:
        return a.source.kind == SourceKind.OUTLET
    return a.source.kind != SourceKind.OUTLET and speaker.lower() in a.source.name.lower()


@pytest.mark.parametrize(
    ("article", "marker", "speaker", "written", "polarity", "kind", "route", "anonymous"),
    ROWS,
    ids=[f"{r[0]}-{r[1][:24]}" for r in ROWS],
)
def test_attribution_row(story, article, marker, speaker, written, polarity, kind, route,
                         anonymous) -> None:
    carrying = [a for a in story[article] if marker in text_of(a)]
    assert carrying, f"no attribution carries {marker!r}"
    spoken = [a for a in carrying if _speaks(a, speaker)]
    assert spoken, f"{marker!r} is attributed to {[a.source.name for a in carrying]}"
    a = spoken[0]
    if written is not None:
        assert a.source.span is not None and written in a.source.span.text
    assert a.polarity.value == polarity
    assert a.kind.value == kind
    if route is not None:
        assert route in route_of(a), route_of(a)
    if anonymous is not None:
        anon = [r for r in [a.source, *a.chain] if r.kind == SourceKind.ANONYMOUS]
        assert anon and anon[0].description == anonymous


# Junk the attribution stage used to produce: fragments that are no proposition.
JUNK = [
    ("01", "to hold"),  # "the documents it claims to hold"
    ("01", "as purely commercial"),  # "projects the ministry described as ..."
    ("02", "as harmless"),  # "a memorandum that officials still describe as harmless"
    ("03", "it has seen"),  # "the documents it says it has seen"
]


@pytest.mark.parametrize(("article", "content"), JUNK)
def test_no_fragment_attributions(story, article, content) -> None:
    assert not [a for a in story[article] if text_of(a).strip() == content
                or text_of(a).endswith("| " + content)]
    assert not [a for a in story[article] if any(s.text == content for s in a.content)]


def test_pronoun_nominals_do_not_cross_people(story) -> None:
    """'The minister' after a quote from a union head is still the minister."""
    for a in story["01"]:
        if a.source.span is not None and a.source.span.text.lower() == "the minister":
            assert a.source.name == "Oren Valdric"


def test_attributed_sentences_are_not_outlet_voice(story) -> None:
    outlet = [text_of(a) for art in story.values() for a in art
              if a.source.kind == SourceKind.OUTLET]
    for words in ("called the report", "put the figure at", "announced on Wednesday"):
        assert not any(words in t for t in outlet), words
