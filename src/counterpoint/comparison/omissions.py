"""Omissions: which rows every article carries, and which only one article carries.

With fewer than two articles nothing is shared or missing, so both stay empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from counterpoint.records import CellStance, ClaimRow


def find_omissions(
    rows: Sequence[ClaimRow], article_ids: Sequence[str]
) -> tuple[list[str], dict[str, list[str]]]:
    """(shared_row_ids, only_in: article id -> row ids only that article carries)."""
    if len(article_ids) < 2:
        return [], {}
    shared: list[str] = []
    only_in: dict[str, list[str]] = {aid: [] for aid in article_ids}
    for row in rows:
        present = [c.article_id for c in row.cells if c.stance is not CellStance.ABSENT]
        if len(present) == len(article_ids):
            shared.append(row.id)
        elif len(present) == 1 and present[0] in only_in:
            only_in[present[0]].append(row.id)
    return shared, {aid: ids for aid, ids in only_in.items() if ids}
