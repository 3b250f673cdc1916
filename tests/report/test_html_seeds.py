"""The seed pair's HTML report shows what the comparison holds, as the Markdown report does:
every claim row, each outlet's cell, every contradiction, single-outlet claims, framing
terms and timeline dates (EXPECTED.md section 3, as far as the comparison carries it)."""

from __future__ import annotations

import html as h
import re

import pytest

import counterpoint
from counterpoint.records import CellStance
from counterpoint.report import render_html
from counterpoint.report.common import cell_label

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_result(seeds_dir, tmp_path_factory):
    store = counterpoint.open_store(str(tmp_path_factory.mktemp("seeds") / "s.sqlite"))
    return counterpoint.compare(sorted(seeds_dir.glob("*.txt")), store=store)


def visible_text(doc: str) -> str:
    """The document's text and tooltips, unescaped: what a reader can see or hover."""
    titles = " ".join(re.findall(r'title="([^"]*)"', doc))
    return h.unescape(re.sub(r"<[^>]+>", " ", doc) + " " + titles)


def test_seed_report_shows_every_comparison_item(seed_result):
    c = seed_result.comparison
    doc = render_html(seed_result)
    text = " ".join(visible_text(doc).split())
    assert len(c.columns) == 2
    for row in c.rows:
        assert " ".join(row.proposition.split()) in text
        for cell in row.cells:
            if cell.stance is not CellStance.ABSENT:
                assert " ".join(cell_label(cell).split()) in text
    for x in c.contradictions:
        assert " ".join(x.description.split()) in text
    assert any(x.kind == "outlet_voices" for x in c.contradictions)  # the outlet-level contradiction on P2
    for ids in c.only_in.values():
        assert ids  # each seed article carries something the other does not
    for term in c.framing:
        assert term.text in text
    for event in c.timeline:
        assert event.value in text
    assert doc.count('class="cell"') == len(c.rows) * len(c.columns)
