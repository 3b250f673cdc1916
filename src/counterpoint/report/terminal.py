"""The terminal report (rich): articles, who says what, the claim matrix, contradictions,
omissions, framing and the merged timeline, each statement with its evidence."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from counterpoint.records import CellStance, Polarity
from counterpoint.report.common import (
    ReportInput,
    cell_label,
    content_text,
    omissions,
    outlet_names,
    removed_summary,
    route_label,
    source_label,
    sourcing_summary,
    truncate,
)

_POLARITY_STYLE = {
    Polarity.ASSERTS: "green",
    Polarity.DENIES: "red",
    Polarity.HEDGES: "yellow",
    Polarity.QUESTIONS: "yellow",
    Polarity.ACCUSES: "magenta",
}
_CELL_STYLE = {
    CellStance.ASSERTS: "bold green",
    CellStance.DENIES: "bold red",
    CellStance.HEDGES: "bold yellow",
    CellStance.REPORTS_ASSERTING: "green",
    CellStance.REPORTS_DENYING: "red",
    CellStance.REPORTS_HEDGING: "yellow",
    CellStance.ABSENT: "dim",
}


def _articles_table(result: ReportInput) -> Table:
    names = outlet_names(result)
    published = {a.article_id: a.published for a in result.analyses if a is not None}
    table = Table(title="Articles", expand=True, show_lines=False)
    for col in ("outlet", "title", "published", "words", "removed lines", "captions"):
        table.add_column(col, overflow="fold")
    for article in result.articles:
        date = published.get(article.id) or article.published
        when = "unknown"
        if date is not None:
            when = date.iso() + (" (year inferred)" if date.year_inferred else "")
        table.add_row(
            names.get(article.id, article.source),
            article.title or "",
            when,
            str(len(article.body.split())),
            removed_summary(article),
            str(len(article.captions)),
        )
    return table


def _attributions_table(result: ReportInput, article_id: str, outlet: str) -> Table:
    table = Table(title=f"Who says what — {outlet}", expand=True, show_lines=True)
    table.add_column("source", ratio=2, overflow="fold")
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=5, overflow="fold")
    table.add_column("kind", ratio=1)
    table.add_column("via", ratio=2, overflow="fold")
    analysis = next((a for a in result.analyses if a is not None and a.article_id == article_id), None)
    for attr in analysis.attributions if analysis else []:
        cue = attr.cue.text if attr.cue else "—"
        kind = attr.kind.value + (" (outlet hedges)" if attr.hedged_by_outlet else "")
        table.add_row(
            source_label(attr),
            Text(f"{cue}\n{attr.polarity.value}", style=_POLARITY_STYLE[attr.polarity]),
            truncate(content_text(attr), 220),
            kind,
            route_label(attr),
        )
    return table


def _matrix_table(result: ReportInput) -> Table:
    comparison = result.comparison
    table = Table(title="Claims × outlets", expand=True, show_lines=True)
    table.add_column("claim", ratio=3, overflow="fold")
    for column in comparison.columns:
        table.add_column(column.outlet, ratio=2, overflow="fold")
    for row in comparison.rows:
        cells = {c.article_id: c for c in row.cells}
        rendered = []
        for column in comparison.columns:
            cell = cells.get(column.article_id)
            if cell is None:
                rendered.append(Text("—", style="dim"))
            else:
                rendered.append(Text(cell_label(cell), style=_CELL_STYLE[cell.stance]))
        table.add_row(truncate(row.proposition, 160), *rendered)
    return table


def _list_panel(title: str, lines: list[str]) -> Panel:
    body = "\n".join(f"• {line}" for line in lines) if lines else "none found"
    return Panel(body, title=title, title_align="left")


def render_terminal(result: ReportInput, console: Console | None = None) -> None:
    console = console or Console()
    comparison = result.comparison
    names = outlet_names(result)
    rows = {r.id: r for r in comparison.rows}
    console.print(Rule(f"[bold]{result.story.title}[/] — {len(result.articles)} articles"))
    console.print(_articles_table(result))
    for article in result.articles:
        if article.removed:
            lines = [f"line {r.line_no + 1}: {truncate(r.text, 70)!r} — {r.reason}" for r in article.removed]
            console.print(_list_panel(f"Removed from {names.get(article.id, article.id)}", lines))
    for article in result.articles:
        console.print(_attributions_table(result, article.id, names.get(article.id, article.id)))
    console.print(_matrix_table(result))
    console.print(
        _list_panel(
            "Contradictions",
            [f"[{c.kind}] {c.description}" for c in comparison.contradictions],
        )
    )
    shared = [truncate(rows[i].proposition, 120) for i in comparison.shared_row_ids if i in rows]
    console.print(_list_panel("Told by every outlet", shared))
    only = [
        f"only {names.get(aid, aid)}: {truncate(rows[i].proposition, 110)}"
        for aid, ids in comparison.only_in.items()
        for i in ids
        if i in rows
    ]
    console.print(_list_panel("Told by one outlet only", only))
    omitted = [
        f"{names.get(aid, aid)} leaves out: {truncate(rows[i].proposition, 100)}"
        for aid, ids in omissions(comparison).items()
        for i in ids
        if i in rows
    ]
    console.print(_list_panel("Omissions (carried by at least half of the others)", omitted))
    console.print(
        _list_panel(
            "Sourcing",
            [f"{names.get(p.article_id, p.article_id)}: {sourcing_summary(p)}" for p in comparison.sourcing],
        )
    )
    framing: dict[str, list[str]] = defaultdict(list)
    for term in comparison.framing:
        framing[term.article_id].append(f"{term.text} ({term.category})")
    console.print(
        _list_panel(
            "Framing",
            [f"{names.get(aid, aid)}: " + ", ".join(dict.fromkeys(t)) for aid, t in framing.items()],
        )
    )
    timeline = [
        f"{event.value}  {truncate(event.label, 90)}  ["
        + ", ".join(dict.fromkeys(names.get(s.article_id, s.article_id) for s in event.supports))
        + "]"
        for event in comparison.timeline
    ]
    console.print(Panel(Group(*[Text(t) for t in timeline]) if timeline else "none found",
                        title="Timeline", title_align="left"))
