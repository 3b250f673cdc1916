"""Fixtures: a small fictional corpus, three stories told by several invented outlets."""

from __future__ import annotations

import pytest

from counterpoint.records import Article, PartialDate

FLOOD = [
    ("Floods hit Lenport", "Heavy rain flooded Lenport on Monday. The river Asel burst its banks and "
     "the Lenport mayor Lotte Brenn ordered an evacuation of the harbor district."),
    ("Lenport evacuates harbor as river rises", "Mayor Lotte Brenn said the Asel river rose two meters "
     "and rescue boats moved families out of flooded streets in Lenport."),
    ("Asel flood damage mounts", "Damage from the Asel flood in Lenport reached millions. Brenn asked "
     "for emergency funds as water covered the harbor and rain continued. The mayor said the river "
     "was still rising."),
    ("Lenport flood: river Asel still rising", "Rescue crews in Lenport said the Asel flood would peak "
     "overnight; Brenn kept the harbor district closed."),
]
TANKS = [
    ("Varnia denies tank plant", "Varnia denied reports that it plans a tank factory in Ostrel. The "
     "Harbor Times reported the factory would produce armored tanks."),
    ("Ostrel tank factory plan", "The Harbor Times said Varnia and Ostrel plan to build a tank factory. "
     "Varnia called the tank reports lies."),
    ("Tank deal under scrutiny", "Officials in Ostrel declined to comment on the Varnia tank factory "
     "report by The Harbor Times about armored tanks."),
    ("Varnia tank factory row grows", "Ostrel lawmakers asked Varnia to explain the armored tank "
     "factory plan described by The Harbor Times."),
]
COMET = [
    ("Comet Kessaly seen over Dornby", "Astronomers at the Dornby observatory tracked comet Kessaly "
     "as its bright tail crossed the night sky over Dornby."),
    ("Dornby observatory photographs comet", "The comet Kessaly passed close to the sun, and the Dornby "
     "observatory released telescope photographs of its tail."),
    ("Kessaly comet tail dazzles", "Stargazers near Dornby watched comet Kessaly; the observatory said "
     "the tail would fade within a week as the comet moves away."),
]
HEADLINES = [("flood", "Asel river flood forces Lenport harbor evacuation"),
             ("tanks", "Varnia tank factory report denied"),
             ("comet", "Comet Kessaly lights up Dornby sky")]


def article(key: str, title: str | None, body: str, day: int | None = None) -> Article:
    published = PartialDate(year=2031, month=5, day=day) if day else None
    return Article(id=key.ljust(40, "0"), source=f"{key}.txt", title=title, body=body,
                   published=published, produced_by="test/1")


def articles(items, prefix: str) -> list[Article]:
    return [article(f"{prefix}{i}", t, b) for i, (t, b) in enumerate(items)]


def corpus() -> tuple[list[Article], dict[str, str]]:
    """Every article of the three stories and the gold story of each (interleaved)."""
    groups = {"flood": articles(FLOOD, "f"), "tanks": articles(TANKS, "t"), "comet": articles(COMET, "c")}
    for i, (story, text) in enumerate(HEADLINES):  # headline-only items (short texts)
        groups[story].append(article(f"h{i}", None, text))
    gold = {a.id: story for story, items in groups.items() for a in items}
    mixed = [a for row in zip(*groups.values()) for a in row]
    mixed += [a for items in groups.values() for a in items if a not in mixed]
    return mixed, gold


@pytest.fixture
def story_corpus() -> tuple[list[Article], dict[str, str]]:
    return corpus()


@pytest.fixture
def make_article():
    return article
