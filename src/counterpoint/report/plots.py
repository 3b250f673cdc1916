"""Pictures for the HTML report, drawn as inline SVG strings (no plotting library).

Pure functions over small plain inputs: `matrix_svg` (claims × outlets grid),
`timeline_svg` (merged timeline), `bars_svg` (horizontal bar chart). Every piece of
text that goes into a picture is escaped here, so a caller may pass article text as is.
The SVG uses presentation attributes only (no `style="..."`), because the report's
Content-Security-Policy forbids inline style attributes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from counterpoint.records import CellStance

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif"

# Own voice: a solid fill and a bold sign; reported: a pale fill and the sign in quotes,
# so the grid reads without colour too (colour-blind readers, grey printouts).
STANCE_STYLE: dict[CellStance, tuple[str, str, str, str]] = {
    # stance: (fill, text colour, glyph, legend wording)
    CellStance.ASSERTS: ("#1b7f3b", "#ffffff", "+", "asserts (own voice)"),
    CellStance.DENIES: ("#b3261e", "#ffffff", "\u2212", "denies (own voice)"),
    CellStance.HEDGES: ("#b26a00", "#ffffff", "~", "hedges (own voice)"),
    CellStance.REPORTS_ASSERTING: ("#cdebd5", "#10522a", "\u201c+\u201d", "reports a source asserting"),
    CellStance.REPORTS_DENYING: ("#f6d2cf", "#7a1a14", "\u201c\u2212\u201d", "reports a source denying"),
    CellStance.REPORTS_HEDGING: ("#fbe5c0", "#6b4100", "\u201c~\u201d", "reports a source hedging"),
    CellStance.ABSENT: ("#f1f1f1", "#9a9a9a", "", "absent"),
}
HOLDER_COLOURS = {"asserts": "#1b7f3b", "denies": "#b3261e", "hedges": "#b26a00", "questions": "#6a4fb3"}
PALETTE = ("#3465a4", "#c4501b", "#4e9a06", "#75507b", "#c49a00", "#06989a", "#a40000", "#555753")


def esc(text: object) -> str:
    """Escape for XML text and attribute values alike (SVG inside HTML or alone)."""
    return escape(str(text), quote=True)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "\u2026"


def _svg(width: float, height: float, body: list[str], *, label: str, css_class: str) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" class="{esc(css_class)}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{esc(label)}" '
        f'font-family="{esc(FONT)}" font-size="12">' + "".join(body) + "</svg>"
    )


# ------------------------------------------------------------------------ matrix


@dataclass(frozen=True)
class MatrixCell:
    """One cell: the stance, its tooltip (evidence), and the evidence anchors it links to."""

    stance: CellStance
    tooltip: str = ""
    targets: tuple[str, ...] = ()  # ids of highlighted spans in the article columns
    holder_stances: tuple[str, ...] = ()  # one pip per holder: "asserts", "denies", ...


@dataclass(frozen=True)
class MatrixRow:
    label: str
    cells: Sequence[MatrixCell]
    row_id: str = ""
    marker: str = ""  # a short flag drawn left of the label ("≠" for a contradiction)


def matrix_svg(columns: Sequence[str], rows: Sequence[MatrixRow], *, label_chars: int = 64) -> str:
    """The claims × outlets grid with a legend on top.

    Each cell is a `<rect class="cell">` with a `<title>` tooltip; a cell with evidence
    is wrapped in `<a href="#first-target" data-ev="targets...">` so a click (script or
    plain fragment navigation) reaches the evidence in the article column.
    """
    # ~6.8 px per character at 12 px in a wide sans (DejaVu), plus the marker gutter
    label_w, cell_w, cell_h, gap = 6.8 * label_chars + 26, 118.0, 24.0, 3.0
    legend_h, head_h = 58.0, 44.0
    width = max(label_w + len(columns) * (cell_w + gap) + 10, 870.0)  # the legend needs 870
    top = legend_h + head_h
    height = top + len(rows) * (cell_h + gap) + 8
    body: list[str] = [f"<title>Claims by outlets: {len(rows)} claims, {len(columns)} outlets</title>"]
    # legend: two lines of swatches
    body.append('<g class="legend">')
    for i, stance in enumerate(CellStance):
        fill, ink, glyph, words = STANCE_STYLE[stance]
        x, y = 4 + (i % 4) * 215, 6 + (i // 4) * 26
        body.append(
            f'<g class="legend-item" data-stance="{stance.value}"><rect x="{x}" y="{y}" width="34" height="20" rx="3" '
            f'fill="{fill}" stroke="#888" stroke-width="0.5"/>'
            f'<text x="{x + 17}" y="{y + 14}" text-anchor="middle" fill="{ink}" font-weight="bold">{esc(glyph)}</text>'
            f'<text x="{x + 40}" y="{y + 14}" fill="#222">{esc(words)}</text></g>'
        )
    body.append("</g>")
    # column heads: outlet names, two lines at most, full name in a tooltip
    for j, name in enumerate(columns):
        x = label_w + j * (cell_w + gap) + cell_w / 2
        lines = _wrap(name, 15)[:2]  # bold 12 px: 15 characters fit a cell
        if len(lines) == 2 and len(" ".join(lines)) < len(name.strip()):
            lines[1] = clip(lines[1] + " \u2026", 15)
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if k == 0 else 14}">{esc(line)}</tspan>' for k, line in enumerate(lines)
        )
        body.append(
            f'<text class="col-head" x="{x:.1f}" y="{legend_h + (14 if len(lines) > 1 else 28)}" text-anchor="middle" '
            f'font-weight="bold" fill="#222"><title>{esc(name)}</title>{spans}</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * (cell_h + gap)
        stripe = "#fafafa" if i % 2 else "#ffffff"
        body.append(f'<g class="row" data-row="{esc(row.row_id)}">')
        body.append(f'<rect x="0" y="{y - 1:.1f}" width="{width:.0f}" height="{cell_h + 2}" fill="{stripe}"/>')
        if row.marker:
            body.append(
                f'<text class="row-marker" x="4" y="{y + 16:.1f}" fill="#b3261e" font-weight="bold">{esc(row.marker)}</text>'
            )
        body.append(
            f'<text class="row-label" x="18" y="{y + 16:.1f}" fill="#222"><title>{esc(row.label)}</title>'
            f"{esc(clip(row.label, label_chars))}</text>"
        )
        for j in range(len(columns)):
            cell = row.cells[j] if j < len(row.cells) else MatrixCell(CellStance.ABSENT)
            body.append(_cell(cell, label_w + j * (cell_w + gap), y, cell_w, cell_h))
        body.append("</g>")
    return _svg(width, height, body, label="claims by outlets matrix", css_class="matrix")


def _cell(cell: MatrixCell, x: float, y: float, w: float, h: float) -> str:
    fill, ink, glyph, words = STANCE_STYLE[cell.stance]
    tip = cell.tooltip or words
    parts = [
        f'<rect class="cell" data-stance="{cell.stance.value}" x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="{h:.0f}" '
        f'rx="3" fill="{fill}" stroke="#bbb" stroke-width="0.5"><title>{esc(tip)}</title></rect>'
    ]
    if glyph:
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{y + 16:.1f}" text-anchor="middle" fill="{ink}" font-weight="bold" '
            f'pointer-events="none">{esc(glyph)}</text>'
        )
    # one pip per holder, so a cell where one source asserts and another denies shows both
    for k, stance in enumerate(cell.holder_stances[:8]):
        colour = HOLDER_COLOURS.get(stance, "#555")
        parts.append(
            f'<circle class="pip" cx="{x + 7 + k * 8:.1f}" cy="{y + h - 6:.1f}" r="2.6" fill="{colour}" '
            f'stroke="#fff" stroke-width="1.2" pointer-events="none"/>'
        )
    inner = "".join(parts)
    if cell.targets:
        return (
            f'<a class="cell-link" href="#{esc(cell.targets[0])}" data-ev="{esc(" ".join(cell.targets))}">'
            f"{inner}</a>"
        )
    return inner


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    words = [w[i : i + width] for w in text.split() for i in range(0, len(w), width)]  # hard-break long words
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines or [""]


# ------------------------------------------------------------------------- bars


def bars_svg(
    bars: Sequence[tuple[str, float]],
    *,
    title: str = "",
    max_value: float | None = None,
    colours: dict[str, str] | None = None,
    width: int = 300,
    value_format: str = "{:g}",
) -> str:
    """A horizontal bar chart, one `<rect class="bar">` per (label, value).

    `max_value` fixes the scale, so several charts (one per outlet) compare by eye.
    """
    label_w, bar_h, gap = 118.0, 16.0, 5.0
    head = 22.0 if title else 4.0
    height = head + len(bars) * (bar_h + gap) + 4
    top = max([max_value or 0.0] + [abs(v) for _, v in bars]) or 1.0
    span = width - label_w - 40
    body = [f"<title>{esc(title or 'bar chart')}</title>"]
    if title:
        body.append(f'<text class="bars-title" x="2" y="15" font-weight="bold" fill="#222">{esc(clip(title, 48))}</text>')
    for i, (label, value) in enumerate(bars):
        y = head + i * (bar_h + gap)
        w = max(abs(value) / top * span, 1.0)
        colour = (colours or {}).get(label, PALETTE[i % len(PALETTE)])
        shown = value_format.format(value)
        body.append(
            f'<text class="bar-label" x="{label_w - 6:.0f}" y="{y + 12:.1f}" text-anchor="end" fill="#333">'
            f"{esc(clip(label, 18))}</text>"
            f'<rect class="bar" x="{label_w:.0f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.0f}" rx="2" fill="{colour}">'
            f"<title>{esc(label)}: {esc(shown)}</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12:.1f}" fill="#333">{esc(shown)}</text>'
        )
    return _svg(width, height, body, label=title or "bar chart", css_class="bars")


# --------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineMark:
    """One outlet's support for an event: the words as written and where they are."""

    outlet: int  # index into the outlets list
    expression: str  # "on Tuesday"
    target: str = ""  # id of the highlighted span in the article column


@dataclass(frozen=True)
class TimelinePoint:
    value: str  # TIMEX3 value, "2024-03-12", "2024-W10", "2023"
    label: str
    marks: Sequence[TimelineMark] = field(default_factory=tuple)


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def timex_range(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last calendar day a TIMEX3 value covers; None when it has no place on a calendar.

    Tried in order: day ("2024-03-12", time part ignored), ISO week ("2024-W10"), month,
    quarter ("2024-Q1"), season ("2024-SU"), year, decade ("201X"). Unknown years
    ("XXXX-03-12"), durations and references ("PRESENT_REF") give None.
    """
    try:
        if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.match(r"^(\d{4})-W(\d{2})", value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6)
        if m := re.match(r"^(\d{4})-(\d{2})$", value):
            return _month_range(int(m[1]), int(m[2]), int(m[2]))
        if m := re.match(r"^(\d{4})-Q([1-4])$", value):
            q = int(m[2])
            return _month_range(int(m[1]), 3 * q - 2, 3 * q)
        if m := re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value):
            first, last = _SEASONS[m[2]]
            year = int(m[1])
            if first > last:  # winter runs into the next year
                return dt.date(year, first, 1), _month_range(year + 1, last, last)[1]
            return _month_range(year, first, last)
        if m := re.match(r"^(\d{4})$", value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := re.match(r"^(\d{3})X$", value):
            return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:  # "2024-02-31", "2024-W60": not a calendar date
        return None
    return None


def _month_range(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def human_date(value: str) -> str:
    """"12 Mar 2024", "week of 4 Mar 2024", "Mar 2024", "2019"; the value itself otherwise."""
    span = timex_range(value)
    if span is None:
        return value
    start, end = span
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return f"{start.day} {start:%b %Y}"
    if "-W" in value:
        return f"week of {start.day} {start:%b %Y}"
    if re.match(r"^\d{4}-\d{2}$", value):
        return f"{start:%b %Y}"
    if re.match(r"^\d{4}-Q", value):
        return f"Q{value[-1]} {start.year}"
    if re.match(r"^\d{4}-(SP|SU|FA|WI)$", value):
        return {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}[value[-2:]] + f" {start.year}"
    if value.endswith("X"):
        return f"{start.year}s"
    return str(start.year)


def _gap_words(days: int) -> str:
    if days >= 365 * 2:
        return f"{days // 365} years later"
    if days >= 60:
        return f"{days // 30} months later"
    if days >= 14:
        return f"{days // 7} weeks later"
    return f"{days} days later"


def order_points(points: Sequence[TimelinePoint]) -> tuple[list[TimelinePoint], list[TimelinePoint]]:
    """(placed in calendar order, not placeable); ties keep the finer value after the coarser one."""
    ranges = {p.value: timex_range(p.value) for p in points}
    placed = [p for p in points if ranges[p.value] is not None]

    def key(p: TimelinePoint) -> tuple[dt.date, int]:
        start, end = ranges[p.value]  # type: ignore[misc]
        return start, -(end - start).days

    return sorted(placed, key=key), [p for p in points if ranges[p.value] is None]


def timeline_svg(points: Sequence[TimelinePoint], outlets: Sequence[str], *, width: int = 1100) -> str:
    """The merged timeline: an overview strip on a true time scale, then one row per event.

    Each row: the resolved date on a vertical axis, one dot per outlet that dates the
    event (`<circle class="support">`, empty ring when the outlet does not), the event
    label, and the words each outlet used ("“on Tuesday” → 12 Mar 2024"). Long gaps
    between rows are written out ("4 years later"). Events without a calendar place
    (unknown year) are left out here; the HTML lists them under the picture.
    """
    placed, _ = order_points(points)
    outlet_x0, outlet_dx, axis_x = 186.0, 16.0, 158.0
    text_x = outlet_x0 + max(len(outlets), 1) * outlet_dx + 12
    text_chars = int((width - text_x - 8) / 7.0)
    strip_h, legend_h = 64.0, 20.0 + 16.0 * len(outlets)
    body: list[str] = [f"<title>Timeline: {len(placed)} dated events</title>"]
    # legend: outlet colours
    for k, name in enumerate(outlets):
        colour = PALETTE[k % len(PALETTE)]
        body.append(
            f'<g class="outlet-key"><circle cx="12" cy="{12 + 16 * k}" r="5" fill="{colour}"/>'
            f'<text x="22" y="{16 + 16 * k}" fill="#222">{esc(name)}</text></g>'
        )
    y0 = legend_h
    if placed:
        body += _overview_strip(placed, width, y0)
    y = y0 + (strip_h if placed else 0) + 8
    previous_end: dt.date | None = None
    row_ys: list[float] = []
    rows: list[str] = []
    for point in placed:
        start, end = timex_range(point.value)  # type: ignore[misc]
        if previous_end is not None and (start - previous_end).days >= 30:
            rows.append(
                f'<text class="gap" x="{axis_x - 8}" y="{y + 12:.1f}" text-anchor="end" fill="#777" '
                f'font-style="italic">{esc(_gap_words((start - previous_end).days))}</text>'
                f'<line x1="{axis_x}" y1="{y:.1f}" x2="{axis_x}" y2="{y + 18:.1f}" stroke="#999" stroke-dasharray="3 3"/>'
            )
            y += 20
        previous_end = max(end, previous_end or end)
        wording = "; ".join(
            f"\u201c{clip(m.expression, 40)}\u201d ({clip(outlets[m.outlet], 24) if 0 <= m.outlet < len(outlets) else '?'})"
            for m in _unique_marks(point.marks)
        )
        label_lines = _wrap(point.label, text_chars)[:2]
        if len(_wrap(point.label, text_chars)) > 2:
            label_lines[1] = clip(label_lines[1] + " \u2026", text_chars)
        height = 16.0 * (len(label_lines) + 1) + 8
        row_ys.append(y)
        supported = {m.outlet for m in point.marks}
        parts = [
            f'<g class="event" data-value="{esc(point.value)}" data-start="{start.isoformat()}">',
            f"<title>{esc(point.value)}: {esc(point.label)}</title>",
            f'<text class="event-date" x="{axis_x - 10}" y="{y + 13:.1f}" text-anchor="end" font-weight="bold" '
            f'fill="#222">{esc(human_date(point.value))}</text>',
            f'<circle class="tick" cx="{axis_x}" cy="{y + 9:.1f}" r="4.5" fill="#222"/>',
        ]
        for k in range(len(outlets)):
            cx = outlet_x0 + k * outlet_dx
            colour = PALETTE[k % len(PALETTE)]
            if k in supported:
                mark = next(m for m in point.marks if m.outlet == k)
                circle = (
                    f'<circle class="support" data-outlet="{k}" cx="{cx:.1f}" cy="{y + 9:.1f}" r="5.5" fill="{colour}">'
                    f"<title>{esc(outlets[k])}: \u201c{esc(mark.expression)}\u201d</title></circle>"
                )
                if mark.target:
                    circle = f'<a href="#{esc(mark.target)}" data-ev="{esc(mark.target)}">{circle}</a>'
                parts.append(circle)
            else:
                parts.append(
                    f'<circle class="no-support" cx="{cx:.1f}" cy="{y + 9:.1f}" r="4" fill="none" '
                    f'stroke="#ccc" stroke-width="1"/>'
                )
        for k, line in enumerate(label_lines):
            parts.append(
                f'<text class="event-label" x="{text_x:.1f}" y="{y + 13 + 16 * k:.1f}" fill="#222">{esc(line)}</text>'
            )
        parts.append(
            f'<text class="event-words" x="{text_x:.1f}" y="{y + 13 + 16 * len(label_lines):.1f}" fill="#666" '
            f'font-size="11">{esc(clip(wording, text_chars))} \u2192 {esc(point.value)}</text>'
        )
        parts.append("</g>")
        rows.append("".join(parts))
        y += height
    if row_ys:
        body.append(
            f'<line class="axis" x1="{axis_x}" y1="{row_ys[0] + 9:.1f}" x2="{axis_x}" y2="{row_ys[-1] + 9:.1f}" '
            f'stroke="#222" stroke-width="1.5"/>'
        )
    body += rows
    if not placed:
        body.append(f'<text x="10" y="{y + 14:.1f}" fill="#777">no dated events</text>')
        y += 24
    return _svg(width, y + 6, body, label="timeline", css_class="timeline")


def _unique_marks(marks: Sequence[TimelineMark]) -> list[TimelineMark]:
    seen: set[tuple[int, str]] = set()
    out = []
    for m in marks:
        key = (m.outlet, m.expression.lower())
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _overview_strip(placed: Sequence[TimelinePoint], width: int, y0: float) -> list[str]:
    """A strip on a linear time scale: year ticks and one tick per event, so gaps show."""
    first = timex_range(placed[0].value)[0]  # type: ignore[index]
    last = max(timex_range(p.value)[1] for p in placed)  # type: ignore[index]
    x0, x1 = 20.0, width - 20.0
    total = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return x0 + (day - first).days / total * (x1 - x0)

    out = [
        '<g class="overview">',
        f'<line x1="{x0}" y1="{y0 + 30}" x2="{x1}" y2="{y0 + 30}" stroke="#444" stroke-width="1"/>',
    ]
    years = range(first.year + 1, last.year + 1)
    step = max(1, len(years) // 12)
    for year in list(years)[::step]:
        xx = x(dt.date(year, 1, 1))
        out.append(
            f'<line x1="{xx:.1f}" y1="{y0 + 24}" x2="{xx:.1f}" y2="{y0 + 36}" stroke="#444"/>'
            f'<text class="year" x="{xx:.1f}" y="{y0 + 50}" text-anchor="middle" fill="#444" font-size="11">{year}</text>'
        )
    for p in placed:
        start, end = timex_range(p.value)  # type: ignore[misc]
        xa, xb = x(start), x(end + dt.timedelta(days=1)) if end > start else x(start)
        out.append(
            f'<rect class="span-mark" x="{xa:.1f}" y="{y0 + 24}" width="{max(xb - xa, 2):.1f}" height="12" '
            f'fill="#3465a4" fill-opacity="0.35"><title>{esc(human_date(p.value))}</title></rect>'
        )
    out.append(
        f'<text x="{x0}" y="{y0 + 14}" fill="#444" font-size="11">{esc(human_date(placed[0].value))}</text>'
        f'<text x="{x1}" y="{y0 + 14}" text-anchor="end" fill="#444" font-size="11">{last:%d %b %Y}</text></g>'
    )
    return out
