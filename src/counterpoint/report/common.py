"""Wording shared by every report format, so terminal, Markdown and JSON agree."""

from __future__ import annotations

from collections import Counter
from typing import Any, Protocol

from counterpoint.records import (
    Analysis,
    Article,
    Attribution,
    CellStance,
    ClaimCell,
    Comparison,
    SourceKind,
    SourcingProfile,
    Story,
)


class ReportInput(Protocol):
    story: Story
    articles: list[Article]
    analyses: list[Analysis]
    comparison: Comparison


def outlet_names(result: ReportInput) -> dict[str, str]:
    return {c.article_id: c.outlet for c in result.comparison.columns}


def source_label(attribution: Attribution) -> str:
    src = attribution.source
    if src.kind is SourceKind.ANONYMOUS:
        return f"anonymous: {src.description or src.name}"
    if src.kind is SourceKind.OUTLET:
        return "(the outlet itself)"
    written = src.span.text if src.span is not None else None
    if written and written.strip().lower() != src.name.lower():
        return f"{src.name} (as “{written}”)"
    return src.name


def route_label(attribution: Attribution) -> str:
    parts = []
    if attribution.chain:
        parts.append(" → ".join(s.name for s in attribution.chain) + " → outlet")
    if attribution.channel is not None:
        ch = attribution.channel
        label = ch.kind if not ch.name else f"{ch.kind}: {ch.name}"
        if ch.date_text:
            label += f" ({ch.date_text})"
        parts.append(label)
    return "; ".join(parts)


def content_text(attribution: Attribution) -> str:
    return " … ".join(s.text for s in attribution.content)


_STANCE_WORDS = {
    CellStance.ASSERTS: "asserts (own voice)",
    CellStance.DENIES: "denies (own voice)",
    CellStance.HEDGES: "hedges (own voice)",
    CellStance.REPORTS_ASSERTING: "reports",
    CellStance.REPORTS_DENYING: "reports",
    CellStance.REPORTS_HEDGING: "reports",
    CellStance.ABSENT: "—",
}


def cell_label(cell: ClaimCell) -> str:
    """"reports: WSJ asserts; Iran denies" or "asserts (own voice)" or "—"."""
    if cell.stance is CellStance.ABSENT:
        return "—"
    holders = [
        f"{h.name if h.kind is not SourceKind.OUTLET else 'outlet'} {s.value}"
        for h, s in zip(cell.holders, cell.holder_stances)
    ]
    head = _STANCE_WORDS[cell.stance]
    return f"{head}: {'; '.join(dict.fromkeys(holders))}" if holders else head


def removed_summary(article: Article) -> str:
    counts = Counter(r.reason for r in article.removed)
    return ", ".join(f"{reason}×{n}" if n > 1 else reason for reason, n in counts.items()) or "none"


def truncate(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def jsonable(value: Any) -> Any:
    """Records to plain JSON-ready data (pydantic's JSON mode)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def omissions(comparison: Comparison) -> dict[str, list[str]]:
    """Article id -> ids of rows most other outlets carry and this one leaves out
    (computed by the comparison stage, `comparison.omissions.omitted_rows`)."""
    return {c.article_id: list(comparison.omitted_by.get(c.article_id, [])) for c in comparison.columns}


def sourcing_summary(profile: SourcingProfile, top: int = 8) -> str:
    """"anonymous 3, official 2 (most quoted: X 2, Y 1)": whom one outlet quotes."""
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(profile.kinds.items(), key=lambda kv: -kv[1]))
    quoted = sorted(profile.sources.items(), key=lambda kv: -kv[1])[:top]
    most = ", ".join(f"{k} {n}" for k, n in quoted)
    return (kinds or "no sources") + (f" (most quoted: {most})" if most else "")
