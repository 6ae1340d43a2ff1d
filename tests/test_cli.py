"""The `briefings` command as a user meets it: help with examples, one-line errors, exit codes."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from generator.cli import app
from tests.conftest import SAMPLES, write_article

runner = CliRunner()
COMMANDS = ["generate", "check", "build", "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command):
    result = runner.invoke(app, [command, "--help"], terminal_width=120)
    assert result.exit_code == 0
    assert "Examples" in result.output and f"briefings {command}" in result.output


def test_generate_prints_summary_line_and_exits_zero(tmp_path):
    result = runner.invoke(app, ["generate", str(SAMPLES), "--out", str(tmp_path / "c"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{len(list(SAMPLES.glob('*.txt')))} written, 0 unchanged, 0 failed" in result.output


def test_generate_bad_input_gives_one_line_error_and_nonzero_exit_without_traceback(tmp_path):
    write_article(tmp_path / "in", "bad.txt", "date 2021-13-45 Nothing.")
    write_article(tmp_path / "in", "good.txt", "date 2021-12-09 Joe Biden spoke on Thursday.")
    result = runner.invoke(app, ["generate", str(tmp_path / "in"), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "in/bad.txt:1: impossible date '2021-13-45'" in result.output
    assert "1 written, 0 unchanged, 1 failed" in result.output
    assert "Traceback" not in result.output


def test_generate_missing_input_is_reported(tmp_path):
    result = runner.invoke(app, ["generate", str(tmp_path / "nope"), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_build_without_config_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["build", "--config", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "no MkDocs configuration here" in result.output
