"""Exception classes. Each carries a machine-readable reason and a human message.

The library raises these; the CLI translates them into one clean line and an exit
code (no traceback), the web API into one JSON error shape.
"""

from __future__ import annotations


class CounterpointError(Exception):
    """Base class: `reason` is a short machine-readable code, `str(e)` the explanation."""

    reason = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class Rejected(CounterpointError):
    """An input refused with a reason (binary, empty, too large, undecodable, ...).

    Rejections are recorded in the store and reported; the rest of a batch goes on.
    """

    reason = "rejected"

    def __init__(self, source: str, reason: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}", reason=reason)
        self.source = source
        self.detail = detail


class ConfigError(CounterpointError):
    reason = "config"


class StoreError(CounterpointError):
    reason = "store"


class NotFound(CounterpointError):
    reason = "not_found"


class ModelUnavailable(CounterpointError):
    """A model named in the settings is not installed (nothing is downloaded at run time)."""

    reason = "model_unavailable"
