"""The HTML report: one self-contained file a journalist can open, mail or archive.

No external assets: the CSS and the few lines of script are inline and pinned by a
Content-Security-Policy with their SHA-256 hashes (`default-src 'none'`), the pictures
are inline SVG (report/plots.py), and every piece of article text is escaped, so a
hostile article cannot run script or load anything. Sections: header; the claims ×
outlets matrix (a click on a cell highlights its evidence in the article); the articles
side by side with sources, cues, contents, claims, framing terms and dates marked;
contradictions with their evidence; claims every outlet shares; single-outlet claims;
omissions per outlet; sourcing profiles; framing and distinguishing terms; the timeline;
who says what per outlet; removed lines.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

import counterpoint
from counterpoint.records import Analysis, Article, CellStance, ClaimCell, Comparison, Span
from counterpoint.report import plots
from counterpoint.report.common import (
    ReportInput,
    cell_label,
    content_text,
    omissions,
    outlet_names,
    removed_summary,
    route_label,
    source_label,
    truncate,
)

_CSS = """
:root { --ink:#1d1d1f; --muted:#666; --line:#ddd; --hl:#ffe25c; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1rem 1.5rem 4rem; max-width: 1600px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; } h2 { border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
  margin-top: 2.2rem; } h3 { margin: .8rem 0 .3rem; }
nav a { margin-right: .9rem; } .muted { color: var(--muted); } .small { font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.figure { overflow-x: auto; border: 1px solid var(--line); padding: .4rem; background: #fff; }
.columns { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(300px, 1fr); gap: 1rem;
  overflow-x: auto; }
.article { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: #fcfcfc; }
.article header { border-bottom: 1px solid var(--line); margin-bottom: .4rem; }
.article .outlet { font-weight: bold; font-size: 1.05rem; }
.body { white-space: pre-wrap; max-height: 78vh; overflow-y: auto; font-family: Georgia, 'DejaVu Serif', serif;
  font-size: .95rem; padding-right: .4rem; }
.m { border-radius: 2px; }
.src { border-bottom: 2px solid #3465a4; }
.cue { font-weight: bold; }
.cnt.pol-asserts { background: #e3f4e8; } .cnt.pol-denies { background: #fbe3e1; }
.cnt.pol-hedges, .cnt.pol-questions { background: #fdf0d6; } .cnt.pol-accuses { background: #f1e4f5; }
.frame { text-decoration: underline wavy #75507b; } .tx { border-bottom: 2px dotted #06989a; }
.hl, .anchor:target + .m { background: var(--hl) !important; outline: 2px solid #e08a00; }
.legend-note { font-size: .85rem; color: var(--muted); margin: .3rem 0; }
.quote { border-left: 3px solid var(--line); padding-left: .5rem; margin: .2rem 0; font-family: Georgia, serif; }
.evlink { font-size: .8rem; }
.chips span { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 .45rem;
  margin: .1rem; font-size: .85rem; background: #fff; }
.chips .loaded { border-color: #a40000; } .chips .hedge { border-color: #c49a00; }
.chips .label { border-color: #3465a4; } .chips .scare_quote { border-color: #75507b; }
.grid { display: flex; flex-wrap: wrap; gap: 1rem; } .grid > div { flex: 0 0 330px; }
.matrix a, .timeline a { cursor: pointer; }
.matrix a:focus rect.cell, .matrix a:hover rect.cell { stroke: #000; stroke-width: 2; }
"""

# Clicking anything with data-ev (a matrix cell, a timeline dot, an evidence link)
# highlights every marked stretch of article text with one of those keys.
_JS = """
(function () {
  function show(keys) {
    document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
    var first = null;
    keys.split(' ').forEach(function (k) {
      if (!/^[a-z0-9-]+$/.test(k)) { return; }
      document.querySelectorAll('[data-k~="' + k + '"]').forEach(function (e) {
        e.classList.add('hl');
        if (!first) { first = e; }
      });
    });
    if (first) { first.scrollIntoView({block: 'center'}); }
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target.closest ? ev.target.closest('[data-ev]') : null;
    if (!t) { return; }
    ev.preventDefault();
    show(t.getAttribute('data-ev'));
  });
})();
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


CSP = (
    f"default-src 'none'; style-src {_hash(_CSS)}; script-src {_hash(_JS)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def e(text: object) -> str:
    return escape(str(text), quote=True)


def span_key(column: int, span: Span) -> str:
    """The id of a marked stretch of article text: column and offsets, safe in CSS selectors."""
    return f"ev{column}-{span.start}-{span.end}"


# -------------------------------------------------------------- marked article text


@dataclass
class _Mark:
    start: int
    end: int
    classes: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)


@dataclass
class _ArticleMarks:
    """Every stretch of one article that the report points at, keyed by offsets."""

    column: int
    body: str
    marks: dict[tuple[int, int], _Mark] = field(default_factory=dict)

    def add(self, span: Span | None, css: str = "", title: str = "") -> str | None:
        # Spans come from other stages; one out of range must not break the report.
        if span is None or not (0 <= span.start < span.end <= len(self.body)):
            return None
        mark = self.marks.setdefault((span.start, span.end), _Mark(span.start, span.end))
        mark.classes.update(css.split())
        if title and title not in mark.titles:
            mark.titles.append(title)
        return span_key(self.column, span)

    def render(self) -> str:
        """The body as HTML: each stretch between mark boundaries is one element listing the
        keys of every mark covering it (marks overlap; HTML elements must nest)."""
        body = self.body
        cuts = sorted({0, len(body)} | {b for m in self.marks for b in m})
        starts: dict[int, list[str]] = defaultdict(list)
        for (s, t) in sorted(self.marks):
            starts[s].append(span_key(self.column, Span(start=s, end=t, text="")))
        out: list[str] = []
        ordered = sorted(self.marks.values(), key=lambda m: (m.start, -m.end))
        for a, b in zip(cuts, cuts[1:]):
            out += [f'<span class="anchor" id="{k}"></span>' for k in starts.get(a, [])]
            covering = [m for m in ordered if m.start <= a and m.end >= b]
            text = e(body[a:b])
            if not covering:
                out.append(text)
                continue
            classes = sorted({"m"} | {c for m in covering for c in m.classes})
            keys = " ".join(span_key(self.column, Span(start=m.start, end=m.end, text="")) for m in covering)
            titles = list(dict.fromkeys(t for m in covering for t in m.titles))
            title = truncate(" | ".join(titles), 600)
            out.append(f'<span class="{" ".join(classes)}" data-k="{keys}" title="{e(title)}">{text}</span>')
        return "".join(out)


def _collect_marks(result: ReportInput, columns: dict[str, int]) -> dict[str, _ArticleMarks]:
    analyses = {a.article_id: a for a in result.analyses if a is not None}
    marks = {a.id: _ArticleMarks(columns[a.id], a.body) for a in result.articles if a.id in columns}
    for aid, m in marks.items():
        analysis = analyses.get(aid)
        if analysis is None:
            continue
        for attr in analysis.attributions:
            who = source_label(attr)
            pol = attr.polarity.value
            m.add(attr.source.span, "src", f"source: {who}")
            for cue in [attr.cue, *attr.cue_parts]:
                m.add(cue, f"cue pol-{pol}", f"cue ({pol}): {cue.text if cue else ''}")
            for part in attr.content:
                via = route_label(attr)
                m.add(part, f"cnt pol-{pol}", f"{who} {pol}" + (f" — via {via}" if via else ""))
        for claim in analysis.claims:
            for ev in claim.evidence:
                m.add(ev, "claim", f"claim: {claim.proposition} ({claim.holder.name} {claim.stance.value})")
        for tx in analysis.times:
            if tx.value:
                anchor = f"; anchor: {tx.anchor}" if tx.anchor else ""
                m.add(tx.span, "tx", f"\u201c{tx.span.text}\u201d \u2192 {tx.value}{anchor}")
    for term in result.comparison.framing:
        if term.article_id in marks:
            marks[term.article_id].add(term.span, f"frame frame-{term.category}", f"framing ({term.category}): {term.text}")
    return marks


def _cell_targets(cell: ClaimCell, marks: _ArticleMarks | None, analysis: Analysis | None) -> tuple[str, ...]:
    """Keys of the cell's evidence; falls back to its claims' evidence when the cell has none."""
    if marks is None:
        return ()
    spans = list(cell.evidence)
    if not spans and analysis is not None:
        wanted = set(cell.claim_ids)
        spans = [ev for c in analysis.claims if c.id in wanted for ev in c.evidence]
    keys = [marks.add(s, "ev") for s in spans]
    return tuple(dict.fromkeys(k for k in keys if k))


# ------------------------------------------------------------------------ sections


def _published(article: Article, analysis: Analysis | None) -> str:
    date = (analysis.published if analysis else None) or article.published
    if date is None:
        return "date unknown"
    return plots.human_date(date.iso()) + (" (year inferred)" if date.year_inferred else "")


def _header(result: ReportInput, names: dict[str, str], analyses: dict[str, Analysis]) -> str:
    rows = "".join(
        f"<tr><td>{e(names.get(a.id, a.outlet or a.source))}</td><td>{e(a.title or '')}</td>"
        f"<td>{e(_published(a, analyses.get(a.id)))}</td><td>{len(a.body.split())}</td></tr>"
        for a in result.articles
    )
    c = result.comparison
    glance = (
        f"{len(result.articles)} articles · {len(c.rows)} claims · {len(c.shared_row_ids)} told by every outlet · "
        f"{len(c.contradictions)} contradictions · {len(c.timeline)} dated events"
    )
    nav = "".join(
        f'<a href="#{k}">{v}</a>'
        for k, v in [("matrix", "Claims × outlets"), ("articles", "Articles"), ("contradictions", "Contradictions"),
                     ("shared", "Shared"), ("only", "One outlet only"), ("omissions", "Omissions"),
                     ("sourcing", "Sourcing"), ("framing", "Framing"), ("timeline", "Timeline"),
                     ("attributions", "Who says what")]
    )
    return (
        f'<header><p class="muted small">counterpoint report · story {e(result.story.id[:16])}</p>'
        f"<h1>{e(result.story.title)}</h1><p>{e(glance)}</p>"
        f"<table><tr><th>outlet</th><th>headline</th><th>published</th><th>words</th></tr>{rows}</table>"
        f"<nav><p>{nav}</p></nav></header>"
    )


def _matrix(c: Comparison, marks: dict[str, _ArticleMarks], analyses: dict[str, Analysis]) -> str:
    contradicted = {x.row_id for x in c.contradictions}
    rows = []
    for row in c.rows:
        by_id = {cell.article_id: cell for cell in row.cells}
        cells = []
        for col in c.columns:
            cell = by_id.get(col.article_id) or ClaimCell(article_id=col.article_id, stance=CellStance.ABSENT)
            evidence = " … ".join(s.text for s in cell.evidence)
            tip = f"{col.outlet} — {cell_label(cell)}" + (f"\n\u201c{truncate(evidence, 400)}\u201d" if evidence else "")
            cells.append(
                plots.MatrixCell(
                    stance=cell.stance,
                    tooltip=tip,
                    targets=_cell_targets(cell, marks.get(col.article_id), analyses.get(col.article_id)),
                    holder_stances=tuple(s.value for s in cell.holder_stances),
                )
            )
        rows.append(plots.MatrixRow(row.proposition, cells, row.id, "\u2260" if row.id in contradicted else ""))
    svg = plots.matrix_svg([col.outlet for col in c.columns], rows)
    return (
        '<section id="matrix"><h2>Claims × outlets</h2>'
        '<p class="legend-note">One row per claim, one column per outlet. Hover a cell for its evidence; click it to '
        "highlight the words in the article. ≠ marks a claim the outlets contradict each other on; the dots at the foot "
        "of a cell are the stances of each source the outlet quotes (green asserts, red denies, amber hedges).</p>"
        f'<div class="figure">{svg}</div></section>'
    )


def _article_columns(result: ReportInput, c: Comparison, marks: dict[str, _ArticleMarks],
                     analyses: dict[str, Analysis]) -> str:
    by_id = {a.id: a for a in result.articles}
    cols = []
    for col in c.columns:
        article = by_id.get(col.article_id)
        if article is None or col.article_id not in marks:
            continue
        captions = "".join(f"<li>{e(cap.text)}{e(' — ' + cap.credit) if cap.credit else ''}</li>" for cap in article.captions)
        removed = "".join(f"<li>line {r.line_no + 1} ({e(r.reason)}): {e(truncate(r.text, 120))}</li>" for r in article.removed)
        extra = ""
        if captions:
            extra += f"<details><summary>captions ({len(article.captions)})</summary><ul>{captions}</ul></details>"
        if removed:
            extra += f"<details><summary>removed lines: {e(removed_summary(article))}</summary><ul>{removed}</ul></details>"
        cols.append(
            f'<article class="article" id="article-{marks[col.article_id].column}"><header>'
            f'<div class="outlet">{e(col.outlet)}</div><div>{e(article.title or "")}</div>'
            f'<div class="muted small">{e(_published(article, analyses.get(article.id)))} · {e(article.url or article.source)}</div>'
            f'</header><div class="body">{marks[col.article_id].render()}</div>{extra}</article>'
        )
    return (
        '<section id="articles"><h2>The articles side by side</h2>'
        '<p class="legend-note"><span class="m src">source</span> · <span class="m cue">cue</span> · '
        '<span class="m cnt pol-asserts">asserted content</span> · <span class="m cnt pol-denies">denied content</span> · '
        '<span class="m cnt pol-hedges">hedged content</span> · <span class="m frame">framing term</span> · '
        '<span class="m tx">date (hover: resolved value)</span></p>'
        f'<div class="columns">{"".join(cols)}</div></section>'
    )


def _evidence_link(keys: Iterable[str], text: str = "show in article") -> str:
    keys = [k for k in keys if k]
    if not keys:
        return ""
    return f' <a class="evlink" href="#{keys[0]}" data-ev="{" ".join(keys)}">{e(text)}</a>'


def _contradictions(c: Comparison, marks: dict[str, _ArticleMarks], names: dict[str, str]) -> str:
    """Each contradiction with its evidence grouped per outlet: the quoted words (cues of a
    word or two are only highlighted, not quoted) and one link that highlights them all.

    Each evidence span names its article (`ArticleSpan.article_id`); a span whose
    article is not in the report is listed without a link rather than guessed."""
    items = []
    for x in c.contradictions:
        per_article: dict[str, list[Span]] = defaultdict(list)
        loose: list[Span] = []
        for span in x.evidence:
            if span.article_id in marks:
                per_article[span.article_id].append(span)
            else:
                loose.append(span)
        rows = []
        for aid, spans in per_article.items():
            keys = [marks[aid].add(s, "contra") for s in spans]
            quoted = [s for s in spans if len(s.text.split()) >= 3] or spans
            quotes = " · ".join(f"\u201c{e(truncate(s.text, 260))}\u201d" for s in dict.fromkeys(quoted))
            rows.append(
                f"<tr><td>{e(names.get(aid, aid))}</td><td class=\"quote\">{quotes}</td>"
                f"<td>{_evidence_link(k for k in keys if k)}</td></tr>"
            )
        rows += [f'<tr><td>?</td><td class="quote">\u201c{e(truncate(s.text, 260))}\u201d</td><td></td></tr>' for s in loose]
        table = f"<table>{''.join(rows)}</table>" if rows else ""
        items.append(f"<li><p><b>{e(x.kind.replace('_', ' '))}</b>: {e(x.description)}</p>{table}</li>")
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>none found</p>"
    return f'<section id="contradictions"><h2>Contradictions</h2>{body}</section>'


def _row_block(row_id: str, c: Comparison, marks: dict[str, _ArticleMarks], analyses: dict[str, Analysis]) -> str:
    row = next((r for r in c.rows if r.id == row_id), None)
    if row is None:
        return ""
    names = {col.article_id: col.outlet for col in c.columns}
    lines = []
    for cell in row.cells:
        if cell.stance is CellStance.ABSENT:
            continue
        keys = _cell_targets(cell, marks.get(cell.article_id), analyses.get(cell.article_id))
        lines.append(f"<li>{e(names.get(cell.article_id, cell.article_id))}: {e(cell_label(cell))}{_evidence_link(keys)}</li>")
    return f"<li>{e(row.proposition)}<ul>{''.join(lines)}</ul></li>"


def _shared_and_only(c: Comparison, marks: dict[str, _ArticleMarks], analyses: dict[str, Analysis],
                     names: dict[str, str]) -> str:
    shared = "".join(_row_block(i, c, marks, analyses) for i in c.shared_row_ids)
    out = [f'<section id="shared"><h2>Told by every outlet</h2>{"<ul>" + shared + "</ul>" if shared else "<p>none found</p>"}</section>']
    only = []
    for col in c.columns:
        ids = c.only_in.get(col.article_id, [])
        if ids:
            blocks = "".join(_row_block(i, c, marks, analyses) for i in ids)
            only.append(f"<h3>Only {e(col.outlet)} ({len(ids)})</h3><ul>{blocks}</ul>")
    out.append(f'<section id="only"><h2>Told by one outlet only</h2>{"".join(only) or "<p>none found</p>"}</section>')
    rows = {r.id: r for r in c.rows}
    omitted = []
    for col in c.columns:
        ids = [i for i in omissions(c).get(col.article_id, []) if i in rows]
        items = "".join(f"<li>{e(truncate(rows[i].proposition, 220))}</li>" for i in ids)
        omitted.append(f"<h3>{e(col.outlet)} leaves out ({len(ids)})</h3>" + (f"<ul>{items}</ul>" if items else "<p>nothing</p>"))
    out.append(
        '<section id="omissions"><h2>Omissions</h2><p class="legend-note">Claims that at least half of the other '
        f"outlets carry and this outlet does not.</p>{''.join(omitted)}</section>"
    )
    return "".join(out)


def _sourcing(c: Comparison) -> str:
    names = {col.article_id: col.outlet for col in c.columns}
    top = max([n for p in c.sourcing for n in p.kinds.values()] + [1])
    colours = {"person": "#3465a4", "government": "#a40000", "organization": "#4e9a06", "media": "#c49a00",
               "anonymous": "#555753", "outlet": "#75507b", "unknown": "#babdb6"}
    charts = []
    for profile in c.sourcing:
        bars = sorted(profile.kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        who = ", ".join(f"{e(name)} ({n})" for name, n in Counter(profile.sources).most_common(8))
        charts.append(
            f'<div>{plots.bars_svg(bars, title=names.get(profile.article_id, profile.article_id), max_value=top, colours=colours)}'
            f'<p class="small muted">most quoted: {who or "nobody"}</p></div>'
        )
    body = f'<div class="grid">{"".join(charts)}</div>' if charts else "<p>none found</p>"
    return (
        '<section id="sourcing"><h2>Sourcing</h2><p class="legend-note">Attributions per kind of source '
        f"(same scale for every outlet).</p>{body}</section>"
    )


def _framing(c: Comparison) -> str:
    parts = []
    distinct_charts = []
    for col in c.columns:
        terms = [t for t in c.framing if t.article_id == col.article_id]
        chips = "".join(
            f'<span class="{e(t.category)}" title="{e(t.category)}">{e(t.text)}</span>'
            for t in {(t.text.lower(), t.category): t for t in terms if t.category != "distinctive"}.values()
        )
        parts.append(f'<h3>{e(col.outlet)}</h3><div class="chips">{chips or "<span>none found</span>"}</div>')
        distinct = [(t.text, t.score) for t in terms if t.category == "distinctive" and t.score is not None]
        distinct = sorted(dict(distinct).items(), key=lambda kv: -kv[1])[:12]
        if distinct:
            distinct_charts.append(plots.bars_svg(distinct, title=col.outlet, value_format="{:.2f}",
                                                  colours={k: "#3465a4" for k, _ in distinct}))
    words = f'<div class="grid">{"".join(distinct_charts)}</div>' if distinct_charts else "<p>none found</p>"
    return (
        '<section id="framing"><h2>Framing</h2><p class="legend-note chips">Per outlet: <span class="loaded">loaded term</span>'
        '<span class="hedge">hedge</span><span class="label">label</span><span class="scare_quote">scare quote</span></p>'
        f"{''.join(parts)}<h3>Words that most distinguish each outlet's telling</h3>"
        '<p class="legend-note">Log-odds ratio with an informative Dirichlet prior (Fightin\' Words), z-score.</p>'
        f"{words}</section>"
    )


def _timeline(c: Comparison) -> str:
    index = {col.article_id: k for k, col in enumerate(c.columns)}
    points = [
        plots.TimelinePoint(
            value=ev.value,
            label=ev.label,
            marks=tuple(
                plots.TimelineMark(index[s.article_id], s.span.text, span_key(index[s.article_id], s.span))
                for s in ev.supports
                if s.article_id in index
            ),
        )
        for ev in c.timeline
    ]
    _, undated = plots.order_points(points)
    svg = plots.timeline_svg(points, [col.outlet for col in c.columns])
    names = [col.outlet for col in c.columns]
    rest = "".join(
        f"<li>{e(p.value)}: {e(p.label)} ({e(', '.join(dict.fromkeys(names[m.outlet] for m in p.marks)))})</li>"
        for p in undated
    )
    return (
        '<section id="timeline"><h2>Timeline</h2><p class="legend-note">Events from every article on one time axis; '
        "a dot per outlet that dates the event, with the words it used and the date they resolve to.</p>"
        f'<div class="figure">{svg}</div>'
        + (f"<h3>Not placed on the calendar</h3><ul>{rest}</ul>" if rest else "")
        + "</section>"
    )


def _attributions(result: ReportInput, names: dict[str, str], analyses: dict[str, Analysis]) -> str:
    blocks = []
    for article in result.articles:
        analysis = analyses.get(article.id)
        rows = "".join(
            f"<tr><td>{e(source_label(a))}</td><td>{e(a.cue.text if a.cue else '—')}</td><td>{e(a.polarity.value)}</td>"
            f"<td>{e(truncate(content_text(a), 300))}</td><td>{e(a.kind.value)}</td><td>{e(route_label(a))}</td></tr>"
            for a in (analysis.attributions if analysis else [])
        )
        blocks.append(
            f"<details><summary>{e(names.get(article.id, article.id))}: "
            f"{len(analysis.attributions) if analysis else 0} attributions</summary>"
            "<table><tr><th>source</th><th>cue</th><th>stance</th><th>content</th><th>kind</th><th>via</th></tr>"
            f"{rows}</table></details>"
        )
    return f'<section id="attributions"><h2>Who says what</h2>{"".join(blocks)}</section>'


def render_html(result: ReportInput) -> str:
    """The whole report as one self-contained HTML document."""
    c = result.comparison
    names = outlet_names(result)
    analyses = {a.article_id: a for a in result.analyses if a is not None}
    columns = {col.article_id: k for k, col in enumerate(c.columns)}
    marks = _collect_marks(result, columns)
    for x in c.timeline:  # register the timeline's words before the columns render
        for s in x.supports:
            if s.article_id in marks:
                marks[s.article_id].add(s.span, "tx", f"timeline: \u201c{s.span.text}\u201d \u2192 {x.value}")
    # Sections that register marks (matrix, contradictions, shared) are built before the
    # article columns, whose rendering needs every mark.
    matrix = _matrix(c, marks, analyses)
    contradictions = _contradictions(c, marks, names)
    shared = _shared_and_only(c, marks, analyses, names)
    timeline = _timeline(c)
    articles = _article_columns(result, c, marks, analyses)
    body = "".join(
        [
            _header(result, names, analyses),
            matrix,
            articles,
            contradictions,
            shared,
            _sourcing(c),
            _framing(c),
            timeline,
            _attributions(result, names, analyses),
            f'<footer class="muted small"><p>counterpoint {e(counterpoint.__version__)} · comparison '
            f"{e(c.produced_by)}</p></footer>",
        ]
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{e(result.story.title)} — counterpoint</title><style>{_CSS}</style></head>"
        f"<body>{body}<script>{_JS}</script></body></html>\n"
    )
