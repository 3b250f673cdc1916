"""Reports over a comparison: terminal (rich), Markdown, JSON, HTML."""

from __future__ import annotations

from typing import Literal

from counterpoint.report.common import ReportInput
from counterpoint.report.html import render_html
from counterpoint.report.json import render_json
from counterpoint.report.markdown import render_markdown

Format = Literal["terminal", "markdown", "json", "html"]
FORMATS: tuple[str, ...] = ("terminal", "markdown", "json", "html")

__all__ = ["FORMATS", "Format", "ReportInput", "render_html", "render_json", "render_markdown"]
