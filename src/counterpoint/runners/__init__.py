"""Runners: where a stage function is mapped over many items (see `Runner`)."""

from __future__ import annotations

from typing import Any

from counterpoint.errors import ConfigError
from counterpoint.runners.base import Runner
from counterpoint.runners.local import LocalRunner

__all__ = ["LocalRunner", "Runner", "get_runner"]

RUNNERS = {"local": LocalRunner}


def get_runner(name: str = "local", **kw: Any) -> Runner:
    """The runner called `name`, built with `kw` (e.g. workers=4, initializer=...)."""
    try:
        cls = RUNNERS[name]
    except KeyError:
        known = ", ".join(sorted(RUNNERS))
        raise ConfigError(f"unknown runner {name!r} (known: {known})") from None
    return cls(**kw)
