"""Sourcing profile: kinds of sources, state media, and the sides quoted."""

from __future__ import annotations

import pytest

from counterpoint.comparison.sourcing import STATE_MEDIA, sourcing_profile
from counterpoint.records import (
    Analysis,
    Attribution,
    AttributionKind,
    Claim,
    SourceKind,
    SourceRef,
    Span,
    Stance,
    Voice,
)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Varnian state broadcaster VTV", True),
        ("Lenport Radio, which is affiliated with the Varnian security council", True),
        ("the state news agency VNA", True),
        ("The Harbor Times", False),
        ("Ostrel Today, an independent daily", False),
    ],
)
def test_state_media_pattern(text: str, state: bool) -> None:
    assert bool(STATE_MEDIA.search(text)) is state


def _attribution(n: int, name: str, kind: SourceKind, description: str | None = None) -> Attribution:
    span = Span(start=0, end=1, text="x")
    return Attribution(id=f"a{n}", source=SourceRef(name=name, kind=kind, description=description),
                       content=[span], kind=AttributionKind.INDIRECT, produced_by="test/1")


def _claim(n: int, holder: str, stance: Stance) -> Claim:
    return Claim(id=f"c{n}", proposition="p", holder=SourceRef(name=holder, kind=SourceKind.PERSON),
                 stance=stance, voice=Voice.SOURCE, evidence=[], attribution_id=f"a{n}",
                 produced_by="test/1")


def test_profile_counts_kinds_state_media_and_sides() -> None:
    analysis = Analysis(
        article_id="x",
        attributions=[
            _attribution(1, "VTV", SourceKind.MEDIA, "Varnian state broadcaster"),
            _attribution(2, "officials", SourceKind.ANONYMOUS),
            _attribution(3, "Ministry of Ports", SourceKind.GOVERNMENT),
        ],
        claims=[_claim(1, "VTV", Stance.DENIES), _claim(2, "officials", Stance.ASSERTS),
                _claim(3, "Ministry of Ports", Stance.ASSERTS)],
        produced_by="test/1",
    )
    plain = sourcing_profile(analysis)
    assert plain.kinds == {"media": 1, "state_media": 1, "anonymous": 1, "government": 1}
    sided = sourcing_profile(analysis, {"c1": Stance.DENIES, "c2": Stance.ASSERTS})
    assert sided.kinds["side_denying"] == 1 and sided.kinds["side_asserting"] == 1
    assert sided.sources == {"VTV": 1, "officials": 1, "Ministry of Ports": 1}
