"""Shared fixtures: paths to ../shared (skipped where absent) and one spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is absent")
    return seeds


@pytest.fixture(scope="session")
def eval_dir(shared_dir: Path) -> Path:
    path = shared_dir / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is absent")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session."""
    from counterpoint.nlp.model import load_nlp

    return load_nlp()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Tests never read the user's settings file nor touch the user's default store."""
    import os

    for key in list(os.environ):
        if key.startswith("COUNTERPOINT_"):
            monkeypatch.delenv(key)
    home = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("COUNTERPOINT_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("COUNTERPOINT_DB", str(home / "default.sqlite"))
