"""The JSON report: every record the comparison rests on, in one document."""

from __future__ import annotations

import json
from typing import Any

from counterpoint.report.common import ReportInput, jsonable

FORMAT_VERSION = 1


def report_document(result: ReportInput) -> dict[str, Any]:
    return {
        "format": "counterpoint.report",
        "format_version": FORMAT_VERSION,
        "story": jsonable(result.story),
        "articles": jsonable(list(result.articles)),
        "analyses": jsonable([a for a in result.analyses if a is not None]),
        "comparison": jsonable(result.comparison),
    }


def render_json(result: ReportInput, *, indent: int | None = 2) -> str:
    return json.dumps(report_document(result), ensure_ascii=False, indent=indent)
