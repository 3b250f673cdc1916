"""The SVG pictures: well-formed XML, the right number of rows/cells/marks, labels present,
dates in order, hostile text escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from counterpoint.records import CellStance
from counterpoint.report.plots import (
    MatrixCell,
    MatrixRow,
    TimelineMark,
    TimelinePoint,
    bars_svg,
    human_date,
    matrix_svg,
    timeline_svg,
    timex_range,
)

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(root.get("width")) > 0 and float(root.get("height")) > 0
    return root


def texts(root: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


def with_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{{http://www.w3.org/2000/svg}}{tag}") if cls in (el.get("class") or "").split()]


# ------------------------------------------------------------------------ matrix


def test_matrix_has_one_cell_per_row_and_outlet_and_a_legend():
    stances = list(CellStance)
    rows = [
        MatrixRow(f"claim {i}", [MatrixCell(stances[(i + j) % len(stances)], f"tip {i}/{j}", (f"ev{j}-{i}-{i + 5}",))
                                 for j in range(3)], row_id=f"r{i}", marker="\u2260" if i == 0 else "")
        for i in range(5)
    ]
    root = parse(matrix_svg(["Outlet One", "Outlet Two", "Outlet Three"], rows))
    assert len(with_class(root, "rect", "cell")) == 15
    assert len(with_class(root, "g", "row")) == 5
    assert len(with_class(root, "g", "legend-item")) == len(CellStance)
    legend = texts(root)
    for words in ("asserts (own voice)", "reports a source denying", "absent", "Outlet Two", "claim 4"):
        assert words in legend
    assert len(with_class(root, "text", "row-marker")) == 1


def test_matrix_cells_link_to_their_evidence_and_carry_tooltips():
    rows = [MatrixRow("c", [MatrixCell(CellStance.REPORTS_DENYING, "Coast Wire: denies", ("ev0-1-9", "ev0-12-20")),
                            MatrixCell(CellStance.ABSENT)])]
    root = parse(matrix_svg(["A", "B"], rows))
    links = with_class(root, "a", "cell-link")
    assert len(links) == 1  # the absent cell has no evidence to link to
    assert links[0].get("href") == "#ev0-1-9"
    assert links[0].get("data-ev") == "ev0-1-9 ev0-12-20"
    cell = with_class(root, "rect", "cell")[0]
    assert cell.get("data-stance") == "reports_denying"
    assert cell.find("s:title", NS).text == "Coast Wire: denies"


def test_matrix_missing_cells_draw_as_absent():
    root = parse(matrix_svg(["A", "B", "C"], [MatrixRow("short row", [MatrixCell(CellStance.ASSERTS)])]))
    stances = [c.get("data-stance") for c in with_class(root, "rect", "cell")]
    assert stances == ["asserts", "absent", "absent"]


def test_matrix_pips_one_per_holder():
    cell = MatrixCell(CellStance.REPORTS_DENYING, holder_stances=("denies", "asserts", "asserts"))
    root = parse(matrix_svg(["A"], [MatrixRow("r", [cell])]))
    assert len(with_class(root, "circle", "pip")) == 3


@pytest.mark.parametrize("evil", ['<script>alert(1)</script>', '"><svg onload=alert(1)>', "a & b ]]> c"])
def test_matrix_escapes_text(evil):
    svg = matrix_svg([evil], [MatrixRow(evil, [MatrixCell(CellStance.ASSERTS, evil, ("ev0-0-1",))])])
    root = parse(svg)  # well-formed means nothing was injected
    assert "<script" not in svg and "<svg onload" not in svg
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert evil in "".join(root.itertext())


# -------------------------------------------------------------------------- bars


def test_bars_one_rect_per_value_scaled_to_max():
    root = parse(bars_svg([("person", 10), ("anonymous", 5), ("outlet", 0)], title="Harbour Daily", max_value=20))
    bars = with_class(root, "rect", "bar")
    assert len(bars) == 3
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert widths[2] <= 1.0  # a zero still shows as a hairline
    assert "Harbour Daily" in texts(root) and "anonymous" in texts(root)


def test_bars_shared_scale_compares_charts():
    small = parse(bars_svg([("person", 5)], max_value=10))
    big = parse(bars_svg([("person", 10)], max_value=10))
    w = [float(with_class(r, "rect", "bar")[0].get("width")) for r in (small, big)]
    assert w[1] == pytest.approx(2 * w[0])


def test_bars_empty():
    root = parse(bars_svg([], title="nothing"))
    assert with_class(root, "rect", "bar") == []


# ---------------------------------------------------------------------- timeline


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-12", (dt.date(2024, 3, 12), dt.date(2024, 3, 12))),
        ("2024-03-12T09:30", (dt.date(2024, 3, 12), dt.date(2024, 3, 12))),
        ("2024-W10", (dt.date(2024, 3, 4), dt.date(2024, 3, 10))),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("2023-12", (dt.date(2023, 12, 1), dt.date(2023, 12, 31))),
        ("2024-Q2", (dt.date(2024, 4, 1), dt.date(2024, 6, 30))),
        ("2023-WI", (dt.date(2023, 12, 1), dt.date(2024, 2, 29))),
        ("2019", (dt.date(2019, 1, 1), dt.date(2019, 12, 31))),
        ("201X", (dt.date(2010, 1, 1), dt.date(2019, 12, 31))),
        ("XXXX-03-12", None),
        ("PRESENT_REF", None),
        ("P3D", None),
        ("2024-02-31", None),
    ],
)
def test_timex_range(value, expected):
    assert timex_range(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("2024-03-12", "12 Mar 2024"), ("2024-W10", "week of 4 Mar 2024"), ("2023-11", "Nov 2023"), ("2019", "2019"),
     ("XXXX-03-12", "XXXX-03-12")],
)
def test_human_date(value, expected):
    assert human_date(value) == expected


def _points() -> list[TimelinePoint]:
    return [
        TimelinePoint("2024-03-12", "the report appeared", (TimelineMark(0, "on Tuesday", "ev0-5-15"),
                                                           TimelineMark(1, "on March 12", "ev1-9-20"))),
        TimelinePoint("2019", "the stake was bought", (TimelineMark(1, "in 2019"),)),
        TimelinePoint("2024-W10", "the ambassador visit", (TimelineMark(0, "last week"),)),
        TimelinePoint("XXXX-06-01", "a date of unknown year", ()),
        TimelinePoint("2023-11", "ships called", (TimelineMark(1, "in November"),)),
    ]


def test_timeline_events_in_calendar_order_with_supports():
    root = parse(timeline_svg(_points(), ["Harbour Daily", "Coast Wire"]))
    events = with_class(root, "g", "event")
    assert [e.get("data-value") for e in events] == ["2019", "2023-11", "2024-W10", "2024-03-12"]
    starts = [e.get("data-start") for e in events]
    assert starts == sorted(starts)
    ys = [float(with_class(e, "text", "event-date")[0].get("y")) for e in events]
    assert ys == sorted(ys)  # drawn top to bottom in time order
    # one filled dot per supporting outlet, an empty ring for the others
    assert [len(with_class(e, "circle", "support")) for e in events] == [1, 1, 1, 2]
    assert [len(with_class(e, "circle", "no-support")) for e in events] == [1, 1, 1, 0]


def test_timeline_shows_relative_words_with_resolved_dates_and_gaps():
    root = parse(timeline_svg(_points(), ["Harbour Daily", "Coast Wire"]))
    words = texts(root)
    assert "12 Mar 2024" in words and "week of 4 Mar 2024" in words
    assert "\u201con Tuesday\u201d (Harbour Daily)" in words and "\u2192 2024-03-12" in words
    assert "3 years later" in words  # end of 2019 -> Nov 2023
    assert "unknown year" not in words  # not placeable: listed by the HTML, not drawn
    assert len(with_class(root, "rect", "span-mark")) == 4  # overview strip on a true time scale
    assert len(with_class(root, "g", "outlet-key")) == 2
    link = [a for a in root.iter("{http://www.w3.org/2000/svg}a") if a.get("data-ev")]
    assert {a.get("data-ev") for a in link} == {"ev0-5-15", "ev1-9-20"}


def test_timeline_empty():
    root = parse(timeline_svg([], ["A"]))
    assert "no dated events" in texts(root)


def test_timeline_escapes_labels():
    svg = timeline_svg([TimelinePoint("2024", "<script>alert(1)</script>", (TimelineMark(0, "<b>then</b>"),))],
                       ["<img src=x>"])
    root = parse(svg)
    assert "<script" not in svg and "<img" not in svg
    assert "<script>alert(1)</script>" in texts(root)


def test_matrix_long_outlet_names_wrap_within_their_column():
    root = parse(matrix_svg(["000_0123456789abcdef0123", "A Very Long Outlet Name Indeed Broadcasting"],
                            [MatrixRow("r", [MatrixCell(CellStance.ASSERTS), MatrixCell(CellStance.ASSERTS)])]))
    for head in with_class(root, "text", "col-head"):
        lines = [t.text for t in head.iter("{http://www.w3.org/2000/svg}tspan")]
        assert 1 <= len(lines) <= 2 and all(len(line) <= 15 for line in lines)
    assert float(root.get("width")) >= 870  # room for the legend however few outlets
