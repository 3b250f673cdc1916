"""Omissions: which rows every article carries, which only one article carries, and
which rows each article leaves out although most of the others tell them.

With fewer than two articles nothing is shared or missing, so all stay empty.
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


def omitted_rows(rows: Sequence[ClaimRow], article_ids: Sequence[str]) -> dict[str, list[str]]:
    """Article id -> ids of rows most other outlets carry and this one leaves out.

    A row counts as omitted by an outlet when its cell there is absent (or missing) and
    at least half of the other outlets (at least one) carry it: with two outlets this is
    the other outlet's single-outlet rows; with more it ignores rows only one other tells.
    """
    if len(article_ids) < 2:
        return {}
    need = max(1, -(-(len(article_ids) - 1) // 2))
    out: dict[str, list[str]] = {aid: [] for aid in article_ids}
    for row in rows:
        present = {c.article_id for c in row.cells if c.stance is not CellStance.ABSENT}
        for aid in article_ids:
            if aid not in present and len(present - {aid}) >= need:
                out[aid].append(row.id)
    return {aid: ids for aid, ids in out.items() if ids}
