"""Reports over a comparison: terminal (rich), Markdown, JSON."""

from __future__ import annotations

from typing import Literal

from counterpoint.report.common import ReportInput
from counterpoint.report.json import render_json
from counterpoint.report.markdown import render_markdown

Format = Literal["terminal", "markdown", "json"]
FORMATS: tuple[str, ...] = ("terminal", "markdown", "json")

__all__ = ["FORMATS", "Format", "ReportInput", "render_json", "render_markdown"]
