"""Every command has --help text and a README entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from counterpoint.cli import app, main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_commands_exist():
    assert {"ingest", "analyze", "compare", "report", "schema", "config"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_readme_entry(command, capsys):
    assert main([command, "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "Usage" in help_text
    assert f"counterpoint {command}" in README


def test_readme_shows_the_two_commands():
    assert "\nmake demo\n" in README and "\nmake test\n" in README
