"""Implementation names and versions stamped on every produced record.

Bump a version when an implementation's output changes for the same input, so
stored results say which code produced them and can be re-run selectively.
"""

from __future__ import annotations


def stamp(name: str, version: int) -> str:
    """The `produced_by` value: "<name>/<version>" (e.g. "attribution.rules/1")."""
    return f"{name}/{version}"
