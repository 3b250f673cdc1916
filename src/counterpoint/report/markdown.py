"""The Markdown report: the same sections as the terminal report, for pasting into notes."""

from __future__ import annotations

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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: ReportInput) -> str:
    comparison = result.comparison
    names = outlet_names(result)
    rows = {r.id: r for r in comparison.rows}
    out = [f"# {result.story.title}", "", f"{len(result.articles)} articles.", "", "## Articles", ""]
    out += ["| outlet | title | published | removed lines |", "|---|---|---|---|"]
    published = {a.article_id: a.published for a in result.analyses if a is not None}
    for article in result.articles:
        date = published.get(article.id) or article.published
        out.append(
            f"| {_cell(names.get(article.id, article.source))} | {_cell(article.title or '')} "
            f"| {date.iso() if date else 'unknown'} | {_cell(removed_summary(article))} |"
        )
    for article in result.articles:
        analysis = next((a for a in result.analyses if a is not None and a.article_id == article.id), None)
        out += ["", f"## Who says what: {names.get(article.id, article.id)}", ""]
        out += ["| source | cue | stance | content | kind | via |", "|---|---|---|---|---|---|"]
        for attr in analysis.attributions if analysis else []:
            out.append(
                f"| {_cell(source_label(attr))} | {_cell(attr.cue.text if attr.cue else '—')} "
                f"| {attr.polarity.value} | {_cell(truncate(content_text(attr), 200))} "
                f"| {attr.kind.value} | {_cell(route_label(attr))} |"
            )
    out += ["", "## Claims × outlets", ""]
    out.append("| claim | " + " | ".join(_cell(c.outlet) for c in comparison.columns) + " |")
    out.append("|---" * (len(comparison.columns) + 1) + "|")
    for row in comparison.rows:
        cells = {c.article_id: c for c in row.cells}
        rendered = [cell_label(cells[c.article_id]) if c.article_id in cells else "—" for c in comparison.columns]
        out.append(f"| {_cell(truncate(row.proposition, 160))} | " + " | ".join(_cell(r) for r in rendered) + " |")
    out += ["", "## The outlet's own position", ""]
    out.append("| claim | " + " | ".join(_cell(c.outlet) for c in comparison.columns) + " |")
    out.append("|---" * (len(comparison.columns) + 1) + "|")
    for row in comparison.rows:
        positions = {c.article_id: c.outlet_position for c in row.cells}
        if all(p is None or p.value in ("absent", "reports") for p in positions.values()):
            continue  # only rows where some outlet takes a position of its own
        rendered = [
            positions[c.article_id].value if positions.get(c.article_id) else "—"
            for c in comparison.columns
        ]
        out.append(f"| {_cell(truncate(row.proposition, 160))} | " + " | ".join(rendered) + " |")
    out += ["", "## Told by every outlet", ""]
    out += [f"- {truncate(rows[i].proposition, 140)}" for i in comparison.shared_row_ids if i in rows] or [
        "none found"
    ]
    out += ["", "## Contradictions", ""]
    out += [f"- **{c.kind}**: {c.description}" for c in comparison.contradictions] or ["none found"]
    out += ["", "## Told by one outlet only", ""]
    only = [
        f"- {names.get(aid, aid)}: {truncate(rows[i].proposition, 140)}"
        for aid, ids in comparison.only_in.items()
        for i in ids
        if i in rows
    ]
    out += only or ["none found"]
    out += ["", "## Omissions", "", "Claims at least half of the other outlets carry and this one leaves out.", ""]
    omitted = [
        f"- {names.get(aid, aid)}: {truncate(rows[i].proposition, 140)}"
        for aid, ids in omissions(comparison).items()
        for i in ids
        if i in rows
    ]
    out += omitted or ["none found"]
    out += ["", "## Sourcing", ""]
    for profile in comparison.sourcing:
        out.append(f"- {names.get(profile.article_id, profile.article_id)}: {sourcing_summary(profile)}")
    out += ["", "## Framing", ""]
    for column in comparison.columns:
        terms = [f"{t.text} ({t.category})" for t in comparison.framing if t.article_id == column.article_id]
        if terms:
            out.append(f"- {column.outlet}: " + ", ".join(dict.fromkeys(terms)))
    out += ["", "## Timeline", ""]
    for event in comparison.timeline:
        supports = ", ".join(dict.fromkeys(names.get(s.article_id, s.article_id) for s in event.supports))
        out.append(f"- **{event.value}** {truncate(event.label, 120)} ({supports})")
    return "\n".join(out) + "\n"
