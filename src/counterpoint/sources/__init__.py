"""Ingest stage: files or bytes -> `RawDocument` (decoded, normalized text + metadata)."""

from counterpoint.sources.text import (
    RawDocument,
    iter_text_files,
    read_sidecar,
    read_text_bytes,
    read_text_file,
)

__all__ = ["RawDocument", "iter_text_files", "read_sidecar", "read_text_bytes", "read_text_file"]
