"""Fixtures for the stance tests: real FNC-1 bodies where ../shared has them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def fnc1_bodies(eval_dir: Path) -> list[str]:
    """Every FNC-1 article body, in file order (skips where the data is absent)."""
    path = eval_dir / "fnc1" / "bodies.csv"
    if not path.exists():
        pytest.skip("no FNC-1 bodies")
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["articleBody"] for row in csv.DictReader(fh)]
