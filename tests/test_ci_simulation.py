"""The users' CI workflow run locally: check -> generate -> build, on a copy of the samples
with editor edits (passes, edits survive) and with a broken edit (fails before building)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project, capture_output=True, text=True)


def ci(project: Path) -> list[subprocess.CompletedProcess]:
    """The workflow's steps in order; stops at the first failing one, as CI does."""
    steps = []
    for args in (("check", "content"), ("generate", "articles", "--out", "content", "--quiet"), ("build",)):
        steps.append(run(project, *args))
        if steps[-1].returncode:
            break
    return steps


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A users' repository: articles/, content/ generated once, site config and templates."""
    shutil.copytree(SAMPLES, tmp_path / "articles")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    assert run(tmp_path, "generate", "articles", "--out", "content").returncode == 0
    return tmp_path


def a_briefing_with_a_role(project: Path) -> Path:
    for path in sorted((project / "content" / "briefings").rglob("*.md")):
        if re.search(r"(?m)^  role: ", path.read_text(encoding="utf-8")):
            return path
    raise AssertionError("no briefing with a role")


def test_ci_run_with_editor_edits_passes_and_keeps_them(newsroom):
    path = a_briefing_with_a_role(newsroom)
    edited = re.sub(r"(?m)^  role: .*$", "  role: Corrected by the desk", path.read_text(encoding="utf-8"), count=1)
    edited = re.sub(r"(?m)^summary: .*$", "summary: Edited summary from the news desk.", edited, count=1)
    path.write_text(edited, encoding="utf-8")
    # New machine output arrives too: an article changed upstream.
    article = sorted((newsroom / "articles").glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n\nOfficials said on Monday that talks would resume.\n",
                       encoding="utf-8")
    steps = ci(newsroom)
    assert [s.returncode for s in steps] == [0, 0, 0], steps[-1].stdout + steps[-1].stderr
    text = path.read_text(encoding="utf-8")
    assert "role: Corrected by the desk" in text and "summary: Edited summary from the news desk." in text
    page = newsroom / "site" / path.relative_to(newsroom / "content").with_suffix("") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Edited summary from the news desk." in html and "Corrected by the desk" in html


def test_ci_run_with_a_broken_edit_fails_at_check_with_the_line(newsroom):
    path = a_briefing_with_a_role(newsroom)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: person", "type: persn", 1), encoding="utf-8")
    steps = ci(newsroom)
    assert len(steps) == 1 and steps[0].returncode == 1
    line = text[: text.index("type: person")].count("\n") + 1
    rel = path.relative_to(newsroom).as_posix()
    assert re.search(rf"{re.escape(rel)}:{line}: actors\[\d+\]\.type: 'persn' is not one of person, org, place, group",
                     steps[0].stderr), steps[0].stderr
    assert not (newsroom / "site").exists()
