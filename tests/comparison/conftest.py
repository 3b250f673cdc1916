"""A fictional story told by three fictional outlets, as hand-made records.

Varnia is said (by The Harbor Times) to plan a tank factory in Ostrel; Varnia denies
it. The Daily Beacon also says, in its own voice, that Varnia sells tanks to Ostrel,
which the Northern Herald only reports Varnia denying.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from counterpoint.claims import extract_claims
from counterpoint.records import (
    Analysis,
    Article,
    Attribution,
    AttributionKind,
    Entity,
    Polarity,
    SourceKind,
    SourceRef,
    Span,
    Story,
)

G, M, O, PER = SourceKind.GOVERNMENT, SourceKind.MEDIA, SourceKind.OUTLET, SourceKind.PERSON
A, D = Polarity.ASSERTS, Polarity.DENIES

OUTLETS = {
    "beacon": ("Daily Beacon", "Varnia denies tank plant plan", [
        (G, "Varnia", A, "Varnian officials said", "“there is no truth to reports that Varnia plans to open a tank plant in Ostrel.”"),
        (M, "The Harbor Times", A, "The Harbor Times reported that", "Varnia and Ostrel are going to build a factory to produce 300 tanks"),
        (G, "Varnia", D, "Varnia has denied", "selling armored tanks to Ostrel"),
        (O, "Daily Beacon", A, "but", "there is copious evidence these denials are false"),
        (PER, "Lotte Brenn", A, "Mayor Lotte Brenn said", "the Kessel bridge will reopen in May"),
    ]),
    "herald": ("Northern Herald", "Varnia rejects 'sheer lies' on tanks", [
        (G, "Varnia", A, "Varnia said", "“Varnia does not participate in any project to manufacture tanks in Ostrel,”"),
        (M, "The Harbor Times", A, "The Harbor Times said", "Varnia and Ostrel have plans to build a tank factory in Ostrel producing 500 tanks"),
        (G, "Varnia", D, "Varnia has rejected", "the Western claims of Varnia's sale of tanks to Ostrel"),
    ]),
    "today": ("Ostrel Today", "Tank plant plan reported", [
        (M, "The Harbor Times", A, "The Harbor Times wrote that", "Varnia intends to construct a tank plant in Ostrel"),
        (SourceKind.ORGANIZATION, "Dockworkers Union", A, "the union said", "the strike at Lenport will continue until Friday"),
    ]),
}
ENTITY_SURFACES = [("Varnia", "varnia"), ("Varnian", "varnia"), ("Ostrel", "ostrel"),
                   ("Lenport", "lenport"), ("Kessel", "kessel")]


@dataclass
class StoryFixture:
    story: Story
    articles: list[Article]
    analyses: list[Analysis]

    def article(self, key: str) -> Article:
        return next(a for a in self.articles if a.source == f"{key}.txt")


def build_article(key: str) -> tuple[Article, Analysis]:
    outlet, title, parts = OUTLETS[key]
    body = ""
    attributions: list[Attribution] = []
    entities: list[Entity] = []
    for i, (kind, name, polarity, cue, content) in enumerate(parts):
        cue_start = len(body)
        body += cue + " "
        start = len(body)
        body += content + ". "
        attributions.append(
            Attribution(
                id=f"{key}-a{i}",
                source=SourceRef(name=name, kind=kind, canonical_id=name.lower().replace(" ", "_")),
                cue=Span(start=cue_start, end=cue_start + len(cue), text=cue),
                polarity=polarity,
                content=[Span(start=start, end=start + len(content), text=content)],
                kind=AttributionKind.INDIRECT,
                produced_by="test/1",
            )
        )
    for surface, cid in ENTITY_SURFACES:
        pos = body.find(surface)
        if pos >= 0:
            entities.append(
                Entity(
                    span=Span(start=pos, end=pos + len(surface), text=surface),
                    label="GPE",
                    canonical_id=cid,
                    canonical_name=cid.title(),
                    produced_by="test/1",
                )
            )
    article = Article(
        id=(key * 40)[:40], source=f"{key}.txt", outlet=outlet, title=title, body=body,
        produced_by="test/1",
    )
    analysis = Analysis(
        article_id=article.id,
        entities=entities,
        attributions=attributions,
        claims=extract_claims(article, None, attributions),
        produced_by="test/1",
    )
    return article, analysis


@pytest.fixture()
def tank_story() -> StoryFixture:
    built = [build_article(k) for k in OUTLETS]
    articles = [a for a, _ in built]
    story = Story(id="s-tanks", title=articles[0].title or "", article_ids=[a.id for a in articles],
                  produced_by="test/1")
    return StoryFixture(story=story, articles=articles, analyses=[n for _, n in built])
