"""Rule tables for extract_attributions over text written for these tests."""

from __future__ import annotations

import pytest

from counterpoint.records import Attribution, AttributionKind, Polarity, SourceKind

D, I, M = AttributionKind.DIRECT, AttributionKind.INDIRECT, AttributionKind.MIXED
A, N, H, Q, X = (Polarity.ASSERTS, Polarity.DENIES, Polarity.HEDGES, Polarity.QUESTIONS,
                 Polarity.ACCUSES)


def by_cue(attrs: list[Attribution], lemma: str | None) -> Attribution:
    found = [a for a in attrs if a.cue_lemma == lemma]
    assert found, f"no attribution with cue {lemma!r} in {[a.cue_lemma for a in attrs]}"
    return found[0]


def content_text(a: Attribution) -> str:
    return " | ".join(s.text for s in a.content)


# (text, source name, source kind, cue lemma, content substring, kind, polarity)
SINGLE = [
    ("Daniel Hartley said that the bridge would reopen in March.",
     "Daniel Hartley", SourceKind.PERSON, "say", "the bridge would reopen in March", I, A),
    ('"The bridge is safe," Daniel Hartley told reporters.',
     "Daniel Hartley", SourceKind.PERSON, "tell", "The bridge is safe", D, A),
    ('Daniel Hartley said: "We expect no further delays."',
     "Daniel Hartley", SourceKind.PERSON, "say", "We expect no further delays.", D, A),
    ("Daniel Hartley said “we expect no further delays.”",
     "Daniel Hartley", SourceKind.PERSON, "say", "we expect no further delays.", D, A),
    ("The Coastal Herald denied that the editor had resigned.",
     "Coastal Herald", SourceKind.MEDIA, "deny", "the editor had resigned", I, N),
    ("Greenfield Energy has denied there is any basis for the rumors.",
     "Greenfield Energy", SourceKind.ORGANIZATION, "deny", "there is any basis for the rumors",
     I, N),
    ("Greenfield Energy rejected the accusations.",
     "Greenfield Energy", SourceKind.ORGANIZATION, "reject", "the accusations", I, N),
    ('Daniel Hartley accused the company of hiding "serious safety failures" from inspectors.',
     "Daniel Hartley", SourceKind.PERSON, "accuse", 'the company of hiding "serious', M, X),
    ("Harold Finch questioned whether the audit was independent.",
     "Harold Finch", SourceKind.PERSON, "question", "the audit was independent", I, Q),
    ("Senator Maria Lopez suggested that the budget might be cut.",
     "Maria Lopez", SourceKind.PERSON, "suggest", "the budget might be cut", I, H),
    ("Harold Finch alleged that the vote was rigged.",
     "Harold Finch", SourceKind.PERSON, "allege", "the vote was rigged", I, H),
    ("According to the Coastal Herald, the mayor will resign next week.",
     "Coastal Herald", SourceKind.MEDIA, "according to", "the mayor will resign next week", I, A),
    ("A person familiar with the matter said the talks had stalled.",
     "A person familiar with the matter", SourceKind.ANONYMOUS, "say", "the talks had stalled",
     I, A),
    ("Sources said the deal was close.",
     "Sources", SourceKind.ANONYMOUS, "say", "the deal was close", I, A),
    ("Senior officials warned that the storm would strike the coast.",
     "Senior officials", SourceKind.ANONYMOUS, "warn", "the storm would strike the coast", I, A),
    ("The Greenway Corporation announced that its profits had doubled.",
     "Greenway Corporation", SourceKind.ORGANIZATION, "announce", "its profits had doubled", I, A),
]


@pytest.mark.parametrize(("text", "name", "skind", "cue", "content", "kind", "polarity"), SINGLE)
def test_single_sentence(attribute, text, name, skind, cue, content, kind, polarity) -> None:
    a = by_cue(attribute(text), cue)
    assert name.lower() in a.source.name.lower()
    assert a.source.kind == skind
    assert content in content_text(a)
    assert a.kind == kind
    assert a.polarity == polarity
    assert a.produced_by == "attribution.rules/2"


def test_ids_are_deterministic(attribute) -> None:
    text = "Daniel Hartley said the bridge is safe. The river flooded three villages."
    first, second = attribute(text), attribute(text)
    assert [a.id for a in first] == ["0123456789ab:a1", "0123456789ab:a2"]
    assert first == second


def test_title_and_appositive_keep_description(attribute) -> None:
    a = by_cue(attribute("Energy Minister Tomas Brandt said the mine would stay open."), "say")
    assert a.source.name == "Tomas Brandt"
    assert a.source.description == "Energy Minister Tomas Brandt"


def test_anonymous_description_drops_unnamed_and_quotes(attribute) -> None:
    text = ('The Coastal Herald cited unnamed "officials from a neighboring state" as saying '
            "that the plan was abandoned.")
    a = by_cue(attribute(text), "cite")
    assert a.source.kind == SourceKind.ANONYMOUS
    assert a.source.description == "officials from a neighboring state"
    assert content_text(a) == "the plan was abandoned"
    assert [r.kind for r in a.chain] == [SourceKind.ANONYMOUS, SourceKind.MEDIA]
    assert "Coastal Herald" in a.chain[1].name


def test_citing_keeps_the_reporter_as_source(attribute) -> None:
    text = '"The plan is dead," the Coastal Herald said, citing officials.'
    a = by_cue(attribute(text), "say")
    assert "Coastal Herald" in a.source.name
    assert a.kind == D
    assert [r.kind for r in a.chain] == [SourceKind.ANONYMOUS, SourceKind.MEDIA]


def test_postposed_agency_report_goes_into_the_chain(attribute) -> None:
    text = ("The Ministry of Energy has denied that it plans to close the northern mine, "
            "the Ardent News Agency reported on Tuesday.")
    attrs = attribute(text)
    a = by_cue(attrs, "deny")
    assert "Ministry" in a.source.name and "Energy" in a.source.name
    assert a.polarity == N
    assert a.channel is not None and a.channel.kind == "agency"
    assert "Ardent" in (a.channel.name or "")
    assert [r.kind for r in a.chain][-1] == SourceKind.MEDIA
    assert not [x for x in attrs if x.cue_lemma == "report"]  # the reporter is a channel


ARTICLE = """The Ardent News Agency published an interview on Monday.

"Our workers are safe," Energy Minister Tomas Brandt told Ardent.

He also said that the ministry is allegedly preparing a new safety code. In addition, the minister stated that the mine would stay open.

In a statement last week, the Greenway Corporation announced that its profits had doubled. The company stressed that no jobs would be cut. The new plant, it added, will open in May.

Reacting to the vote, Clara Jennings took to Twitter to celebrate. She said "This is a great day."

The Harbor Times has repeatedly denied receiving money from the Greenway Corporation, although there is ample evidence that the payments took place.

"The first part of my answer is long.

"The second part continues here," Tomas Brandt said.

"We did everything right," Clara Jennings said, "and we will keep doing so."
"""


@pytest.fixture(scope="module")
def article_attrs(attribute) -> list[Attribution]:
    return attribute(ARTICLE, outlet="The Test Gazette")


def test_told_media_is_a_channel(article_attrs) -> None:
    a = by_cue(article_attrs, "tell")
    assert a.source.name == "Tomas Brandt" and a.kind == D
    assert a.channel is not None and a.channel.kind in {"agency", "media"}
    assert "Ardent" in (a.channel.name or "")


def test_pronoun_and_nominal_resolve_to_the_person(article_attrs) -> None:
    he = by_cue(article_attrs, "say")
    assert he.source.name == "Tomas Brandt" and he.source.span.text == "He"
    assert he.hedged_by_outlet  # "allegedly" is the outlet's word
    minister = by_cue(article_attrs, "state")
    assert minister.source.name == "Tomas Brandt"
    assert minister.source.span.text == "the minister"


def test_statement_channel_and_company_nominal(article_attrs) -> None:
    announce = by_cue(article_attrs, "announce")
    assert "Greenway" in announce.source.name
    assert announce.channel is not None and announce.channel.kind == "statement"
    assert announce.channel.date_text == "last week"
    stress = by_cue(article_attrs, "stress")
    assert stress.source.canonical_id == announce.source.canonical_id
    added = by_cue(article_attrs, "add")
    assert added.source.canonical_id == announce.source.canonical_id  # "it"
    assert [s.text for s in added.content] == ["The new plant", "will open in May"]


def test_took_to_twitter_sets_the_next_statement_channel(article_attrs) -> None:
    a = [x for x in article_attrs if x.source.name == "Clara Jennings"][0]
    assert a.channel is not None and a.channel.kind == "social"
    assert a.content[0].text == "This is a great day."


def test_outlet_voice_takes_the_concessive_clause(article_attrs) -> None:
    deny = by_cue(article_attrs, "deny")
    assert "Harbor Times" in deny.source.name and deny.polarity == N
    outlet = [a for a in article_attrs if a.source.kind == SourceKind.OUTLET]
    texts = [content_text(a) for a in outlet]
    assert "there is ample evidence that the payments took place" in texts
    assert all(a.source.name == "The Test Gazette" and a.cue is None for a in outlet)
    # sentences credited to a source are not the outlet's voice
    assert not any("Greenway Corporation announced" in t for t in texts)


def test_multi_paragraph_quote(article_attrs) -> None:
    a = [x for x in article_attrs if "first part" in content_text(x)][0]
    assert a.source.name == "Tomas Brandt" and a.kind == D
    assert [s.text for s in a.content] == [
        "The first part of my answer is long.", "The second part continues here"]


def test_split_quote(article_attrs) -> None:
    a = [x for x in article_attrs if "everything right" in content_text(x)][0]
    assert a.source.name == "Clara Jennings" and a.kind == D
    assert [s.text for s in a.content] == ["We did everything right",
                                           "and we will keep doing so."]


def test_remark_in_a_tweet(attribute) -> None:
    text = ("The council will not raise taxes this year.\n"
            "The Daily Lantern made the remark in a Friday tweet.\n"
            '"No new taxes," the newspaper said.')
    attrs = attribute(text)
    remark = by_cue(attrs, "remark")
    assert "Daily Lantern" in remark.source.name
    assert remark.channel is not None and remark.channel.kind == "social"
    assert remark.channel.date_text == "Friday"
    assert content_text(remark) == "The council will not raise taxes this year"
    said = by_cue(attrs, "say")
    assert said.source.canonical_id == remark.source.canonical_id  # "the newspaper"
    assert said.channel == remark.channel


def test_unclosed_quote_is_refused(attribute) -> None:
    attrs = attribute('"This sentence never closes, and the story goes on')
    assert attrs == []


def test_headline_and_question_are_not_outlet_voice(attribute) -> None:
    assert attribute("Budget vote\n\nWill the council raise taxes this year?") == []


# ---------------------------------------------------------------- precision rules
# (text, content that must NOT be attributed to anyone)
NOT_STATEMENTS = [
    # a cue in a relative clause whose subject is not the relative pronoun: a gap
    ("The council will ask the firm to publish the papers it claims to have.", "to have"),
    ("He mentioned the plans the board described as final.", "as final"),
    ("The mayor praised the deal, which critics describe as reckless.", "as reckless"),
    ("They kept the letters she says she wrote.", "she wrote"),
    # an infinitive cue under object control or an irrealis verb: no statement made
    ("The union asked the company to confirm the closure.", "the closure"),
    ("The firm refused to confirm the figures.", "the figures"),
    # a characterisation without its object or predicate is refused
    ("Local drivers described long delays at the bridge.", "long delays at the bridge"),
]


@pytest.mark.parametrize(("text", "junk"), NOT_STATEMENTS)
def test_fragments_are_not_attributed(attribute, text, junk) -> None:
    attrs = attribute(text, outlet="The Test Gazette")
    assert not [a for a in attrs if a.source.kind != SourceKind.OUTLET
                and any(s.text == junk for s in a.content)]


# (text, source name, cue lemma, content substring, kind, polarity)
CHARACTERISATIONS = [
    ('Harold Finch called the plan "a disaster" on Monday.',
     "Harold Finch", "call", 'the plan "a disaster', M, A),
    ("Harold Finch described the audit as a whitewash.",
     "Harold Finch", "describe", "the audit as a whitewash", I, A),
    ("The Coastal Herald put the figure at more than 200.",
     "Coastal Herald", "put", "the figure at more than 200", I, A),
    ("A report claiming that the mayor lied was withdrawn.",
     "report", "claim", "the mayor lied", I, A),
]


@pytest.mark.parametrize(("text", "name", "cue", "content", "kind", "polarity"),
                         CHARACTERISATIONS)
def test_characterisations(attribute, text, name, cue, content, kind, polarity) -> None:
    a = by_cue(attribute(text), cue)
    assert name.lower() in a.source.name.lower()
    assert content in content_text(a)
    assert a.kind == kind and a.polarity == polarity


def test_participle_characterisation_joins_the_denial(attribute) -> None:
    text = ("The Ministry of Energy rejected a report that the mine is about to close, "
            'describing the story as "pure invention."')
    attrs = attribute(text)
    deny = by_cue(attrs, "reject")
    assert "pure invention" in content_text(deny) and deny.kind == M
    assert not [a for a in attrs if a.cue_lemma == "describe"]


def test_remark_passes_on_an_attributed_sentence(attribute) -> None:
    text = ("Greenfield Energy has denied that it sold the mine.\n"
            "The Daily Lantern, which is owned by the city, made the remark in a Friday tweet.")
    attrs = attribute(text, outlet="The Test Gazette")
    assert not [a for a in attrs if a.cue_lemma == "remark"]
    assert not [a for a in attrs if a.source.kind == SourceKind.OUTLET]
    deny = by_cue(attrs, "deny")
    assert "Greenfield" in deny.source.name
    assert "Daily Lantern" in deny.chain[-1].name
    assert deny.channel is not None and deny.channel.kind == "social"
    assert deny.channel.date_text == "Friday"


# (text, outlet, expected channel kind, expected channel name)
TOLD_THE_OUTLET = [
    ('"We are ready," Clara Jennings told TG.', "The Test Gazette", "interview",
     "The Test Gazette"),
    ("Clara Jennings told the Gazette that the vote was fair.", "The Test Gazette",
     "interview", "The Test Gazette"),
]


@pytest.mark.parametrize(("text", "outlet", "kind", "name"), TOLD_THE_OUTLET)
def test_told_the_outlet_itself(attribute, text, outlet, kind, name) -> None:
    a = by_cue(attribute(text, outlet=outlet), "tell")
    assert a.channel is not None and (a.channel.kind, a.channel.name) == (kind, name)
    assert a.chain == []


# (text, outlet voice expected?)
OUTLET_VOICE = [
    ("Reacting to the vote, Clara Jennings took to Twitter to celebrate.", False),
    ("Local drivers described long delays at the bridge.", False),
    ("Heavy rain fell.", False),  # too short to be a claim
    ("Bridge closures and delays", False),  # a heading
    ("The river flooded three villages on Monday.", True),
]


@pytest.mark.parametrize(("text", "expected"), OUTLET_VOICE)
def test_outlet_voice_needs_a_claim(attribute, text, expected) -> None:
    attrs = attribute(text, outlet="The Test Gazette")
    assert any(a.source.kind == SourceKind.OUTLET for a in attrs) == expected


def test_role_nominal_skips_other_offices(attribute) -> None:
    text = ("Energy Minister Tomas Brandt said the mine would reopen. Prime Minister Ana Ruiz "
            "accused the unions of delay. Clara Jennings said the talks were over. "
            "The minister stressed that safety came first.")
    a = by_cue(attribute(text), "stress")
    assert a.source.name == "Tomas Brandt"


def test_described_organisation_is_not_another_one(attribute) -> None:
    text = ("The Ardent government denied the report. "
            "The coastal ministry said the port would stay open.")
    a = by_cue(attribute(text), "say")
    assert "coastal ministry" in a.source.name.lower()
    assert a.source.kind == SourceKind.GOVERNMENT


def test_short_name_resolves_to_the_longer_media_name(attribute) -> None:
    text = ("The Coastal Herald, a weekly newspaper, reported that the mayor resigned. "
            "The Herald said the council would meet on Monday.")
    a = by_cue(attribute(text), "say")
    assert "Coastal Herald" in a.source.name and a.source.kind == SourceKind.MEDIA


def test_scare_quotes_do_not_make_mixed(attribute) -> None:
    a = by_cue(attribute('Analysts said the so-called "crisis" was over.'), "say")
    assert a.kind == I


@pytest.mark.parametrize(
    ("text", "cue", "hedged"),
    [
        # the analysts dismiss the crisis: their subject, not the outlet's distance
        ('Analysts said the so-called "crisis" was over.', "say", False),
        ("The mayor said the so-called flood plan had been shelved.", "say", False),
        # a frame around what is reported or denied
        ("The mayor said Lenport had signed the so-called flood plan.", "say", True),
        ("The mayor denied the so-called flood plan.", "deny", True),
    ],
)
def test_so_called_hedges_only_as_a_frame(attribute, text, cue, hedged) -> None:
    assert by_cue(attribute(text), cue).hedged_by_outlet is hedged
