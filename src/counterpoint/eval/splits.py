"""Honest splits for the stance model: FNC-1 by story, Emergent by claim, aligned.

FNC-1 headlines recur across bodies, so a Body-ID split leaks. `story_clusters_fnc1`
puts every body and headline in a story (a headline and every body linked to it by a
related stance share one). Stories are shuffled with a seed and cut into parts
(train / tune / test); a pair belongs to a part only when its headline and its body
both do: pairs that straddle two parts (unrelated pairs across stories) are dropped,
since one side was seen.

Emergent's article headlines are largely FNC-1 headlines, and its claims are FNC-1's
stories, so an Emergent claim follows the story of its article headlines (the
majority part among those found in FNC-1); a claim with none found gets a part from a
seeded hash of its id, with the same fractions. Emergent's own `official_split` is by
claim but ignores FNC-1, so it is not used.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from counterpoint.stance.text import normalise

PARTS = ("train", "tune", "test")
FRACTIONS = (0.7, 0.1, 0.2)


def load_story_ids(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(body id -> story, normalised headline text -> story) from documents.csv."""
    csv.field_size_limit(1 << 30)
    bodies: dict[str, str] = {}
    heads: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["doc_type"] == "body":
                bodies[row["doc_id"].split(":", 1)[1]] = row["story_id"]
            else:
                heads[normalise(row["text"])] = row["story_id"]
    return bodies, heads


def split_stories(stories: Sequence[str], seed: int, fractions: Sequence[float] = FRACTIONS) -> dict[str, str]:
    """Seeded shuffle of the sorted story ids, cut by `fractions` into PARTS."""
    ids = sorted(set(stories))
    order = np.random.default_rng(seed).permutation(len(ids))
    cuts = np.cumsum(np.array(fractions) / sum(fractions) * len(ids)).round().astype(int)
    out = {}
    for rank, i in enumerate(order):
        out[ids[i]] = PARTS[int(np.searchsorted(cuts, rank, side="right"))]
    return out


def fnc1_parts(
    headlines: Sequence[str], body_ids: Sequence[str], body_story: dict[str, str],
    head_story: dict[str, str], story_part: dict[str, str],
) -> list[str | None]:
    """Part of each FNC-1 pair, or None where headline and body fall in different parts."""
    parts: list[str | None] = []
    for h, b in zip(headlines, body_ids):
        ph = story_part.get(head_story.get(normalise(h), ""))
        pb = story_part.get(body_story.get(str(b), ""))
        parts.append(ph if ph is not None and ph == pb else None)
    return parts


def _hash_part(key: str, seed: int, fractions: Sequence[float]) -> str:
    u = int.from_bytes(hashlib.blake2b(f"{seed}:{key}".encode(), digest_size=8).digest(), "little") / 2**64
    cuts = np.cumsum(np.array(fractions) / sum(fractions))
    return PARTS[int(np.searchsorted(cuts, u, side="right"))]


def emergent_parts(
    claim_ids: Sequence[str], article_headlines: Sequence[str], head_story: dict[str, str],
    story_part: dict[str, str], seed: int, fractions: Sequence[float] = FRACTIONS,
) -> list[str]:
    """Part of each Emergent row, one per claim (see the module docstring)."""
    votes: dict[str, Counter] = {}
    for c, h in zip(claim_ids, article_headlines):
        part = story_part.get(head_story.get(normalise(h), ""))
        votes.setdefault(c, Counter())
        if part is not None:
            votes[c][part] += 1
    claim_part = {c: (v.most_common(1)[0][0] if v else _hash_part(c, seed, fractions)) for c, v in votes.items()}
    return [claim_part[c] for c in claim_ids]
