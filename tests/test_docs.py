"""Docs beside the code, kept honest: every command, plugin option and front-matter field is documented."""
from __future__ import annotations

import pytest

from generator.cli import app
from generator.mkdocs_plugin.config import BriefingsConfig
from generator.model import Actor, Briefing, Claim, Figure, Period, Source, TimelineEvent
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FORMAT = (ROOT / "docs" / "briefing-format.md").read_text(encoding="utf-8")
SITE = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_every_cli_command_is_in_the_readme(command):
    assert f"briefings {command}" in README


@pytest.mark.parametrize("option", [name for name, _ in BriefingsConfig._schema])
def test_every_plugin_option_is_documented(option):
    assert f"`{option}`" in SITE


@pytest.mark.parametrize(
    "field",
    sorted({f.alias or name for model in (Briefing, Source, Actor, Claim, Figure, TimelineEvent, Period)
            for name, f in model.model_fields.items()}),
)
def test_every_front_matter_field_is_documented(field):
    assert f"{field}:" in FORMAT or f"`{field}`" in FORMAT or f".{field}`" in FORMAT


def test_readme_first_screen_gives_exactly_two_commands():
    first_screen = README.split("---")[0]
    commands = [line for line in first_screen.splitlines() if line.startswith(("bash ", ".venv/"))]
    assert len(commands) == 2
    assert "briefings generate" in commands[0] and "briefings build" in commands[0]
    sample_inputs = sorted(p.name for p in (ROOT / "samples").iterdir() if p.is_dir() and p.name not in ("gold", "expected"))
    assert sample_inputs and all(f"samples/{name}" in commands[0] for name in sample_inputs)
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/setup --browser" in ci and ".venv/bin/python -m pytest" in ci
