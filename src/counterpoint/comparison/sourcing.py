"""Sourcing profile per article: whom it quotes, what kind of source, which side.

`SourcingProfile.sources` counts attributions per source name; `kinds` counts them per
`SourceKind` value ("government" for officials, "anonymous", "media", "person",
"organization", "outlet" for the outlet's own voice, "unknown"), plus, in order:

1. "state_media": media sources described as state-run or affiliated with a
   government body ("state broadcaster", "affiliated with the security council").
2. "side_asserting" / "side_denying": attributions whose claims sit on a contested
   row (one with a "sources" contradiction) and assert / deny it there. An outlet
   that quotes only one side of the story's disputes shows a zero on the other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from counterpoint.records import (
    Analysis,
    Claim,
    ClaimRow,
    Contradiction,
    SourceKind,
    SourcingProfile,
    Stance,
)

STATE_MEDIA = re.compile(
    r"\b(?:state|state-run|state-owned|state-controlled|government-run|official)\s+"
    r"(?:media|news|broadcaster|television|tv|radio|agency|news agency|newspaper)\b"
    r"|\baffiliated\s+with\b",
    re.I,
)
SIDES = {Stance.ASSERTS: "side_asserting", Stance.DENIES: "side_denying"}


def sourcing_profile(
    analysis: Analysis, contested: Mapping[str, Stance] | None = None
) -> SourcingProfile:
    """Counts of attributions per source name and per kind (see module doc).

    `contested` maps claim ids on contested rows to their stance (step 2); without it
    the side counts are left out.
    """
    names: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    sides: dict[str, set[str]] = {}
    for claim in analysis.claims:
        stance = (contested or {}).get(claim.id)
        if stance in SIDES and claim.attribution_id and claim.holder.kind is not SourceKind.OUTLET:
            sides.setdefault(claim.attribution_id, set()).add(SIDES[stance])
    for attribution in analysis.attributions:
        source = attribution.source
        names[source.name] += 1
        kinds[source.kind.value] += 1
        if source.kind is SourceKind.MEDIA and STATE_MEDIA.search(
            f"{source.name} {source.description or ''}"
        ):
            kinds["state_media"] += 1
        for side in sorted(sides.get(attribution.id, ())):
            kinds[side] += 1
    return SourcingProfile(
        article_id=analysis.article_id, sources=dict(names), kinds=dict(kinds)
    )


def contested_claims(
    rows: Sequence[ClaimRow], contradictions: Sequence[Contradiction], claims: Mapping[str, Claim]
) -> dict[str, Stance]:
    """Claim id -> stance for every claim on a row with a "sources" contradiction."""
    rows_by_id = {r.id: r for r in rows}
    out: dict[str, Stance] = {}
    for contradiction in contradictions:
        row = rows_by_id.get(contradiction.row_id)
        if contradiction.kind != "sources" or row is None:
            continue
        for cell in row.cells:
            for cid in cell.claim_ids:
                if cid in claims:
                    out[cid] = claims[cid].stance
    return out
