from __future__ import annotations

import pytest

from counterpoint.errors import ConfigError
from counterpoint.settings import load_settings


def test_defaults_env_file_and_overrides(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('workers = 4\nstory_threshold = 0.5\n', encoding="utf-8")
    monkeypatch.setenv("COUNTERPOINT_CONFIG", str(cfg))
    monkeypatch.setenv("COUNTERPOINT_WORKERS", "2")
    s = load_settings({"story_threshold": 0.3})
    assert s.workers == 2 and s.origins["workers"].startswith("env")
    assert s.story_threshold == 0.3 and s.origins["story_threshold"] == "option"
    assert s.max_file_bytes == 20_000_000 and s.origins["max_file_bytes"] == "default"


@pytest.mark.parametrize(
    ("db", "url"),
    [("x.sqlite", "sqlite:///x.sqlite"), ("postgresql://u@h/db", "postgresql://u@h/db")],
)
def test_db_url(db, url, monkeypatch, tmp_path):
    monkeypatch.setenv("COUNTERPOINT_CONFIG", str(tmp_path / "none.toml"))
    assert load_settings({"db": db}).db_url == url


def test_bad_values_are_config_errors(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('nonsense = 1\n', encoding="utf-8")
    monkeypatch.setenv("COUNTERPOINT_CONFIG", str(cfg))
    with pytest.raises(ConfigError):
        load_settings()
    monkeypatch.setenv("COUNTERPOINT_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("COUNTERPOINT_WORKERS", "many")
    with pytest.raises(ConfigError):
        load_settings()
