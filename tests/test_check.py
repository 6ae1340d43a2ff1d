"""`briefings check`: every problem in a briefing's front matter as one `path:line: field: message` line."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator.check import check_briefing, check_tree
from generator.errors import FrontMatterError
from generator.model import Briefing
from generator.writer import render_briefing

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SHOWN = "content/briefings/2021/12/biden-zelensky.md"

VALID = """\
---
title: Biden and Zelensky speak for 76 minutes as Russian troops mass
date: 2021-12-09
source:
  path: seeds/000_26b014acf4a540e6.txt
  sha256: 3f1c
  outlet: HNGN
summary: Joe Biden spoke with Volodymyr Zelensky.
topics: [politics, conflict]
actors:
  - name: Joe Biden
    type: person
    role: President of the United States
    aliases: [Biden]
  - name: Volodymyr Zelensky
    type: person
  - name: Vladimir Putin
    type: person
claims:
  - speaker: Joe Biden
    text: he would not send US soldiers to Ukraine
    kind: attribution
figures:
  - text: an estimated 175,000 troops
    value: 175000
timeline:
  - text: on Tuesday
    date: '2021-12-07'
---

Body text.
"""


def write(tmp_path: Path, text: str, rel: str = "briefings/2021/12/biden-zelensky.md") -> Path:
    path = tmp_path / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(tmp_path: Path, text: str) -> list[str]:
    return [str(e) for e in check_briefing(write(tmp_path, text), SHOWN)]


def edit(old: str, new: str, count: int = 1) -> str:
    assert old in VALID
    return VALID.replace(old, new, count)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_check_accepts_a_valid_briefing(tmp_path):
    assert check(tmp_path, VALID) == []


def test_check_accepts_what_the_writer_writes(tmp_path):
    briefing = Briefing(title="T", date=dt.date(2021, 12, 9), source={"path": "a.txt", "sha256": "x"},
                        actors=[{"name": "A", "type": "org"}], figures=[{"text": "5", "value": 5.0}],
                        timeline=[{"text": "on Tuesday", "date": "2021-12-07"}],
                        periods=[{"text": "last week", "from": "2021-11-29", "to": "2021-12-05"}])
    assert check(tmp_path, render_briefing(briefing.front_matter(), "Body.")) == []


def test_check_reports_wrong_actor_type_as_the_issue_shows(tmp_path):
    text = edit("  - name: Vladimir Putin\n    type: person", "  - name: Vladimir Putin\n    type: persn")
    assert line_of(text, "persn") == 18
    assert check(tmp_path, text) == [
        f"{SHOWN}:18: actors[2].type: 'persn' is not one of person, org, place, group"]


def test_check_reports_line_14_for_the_issue_example(tmp_path, monkeypatch):
    text = """\
---
title: Biden and Zelensky
date: 2021-12-09
source:
  path: seeds/x.txt
  sha256: ab
actors:
  - name: Joe Biden
    type: person
  - name: Volodymyr Zelensky
    type: person
  - name: Jake Sullivan
    role: National Security Advisor
    type: persn
---
"""
    write(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    assert [str(e) for e in check_tree(Path("content"))] == [
        "content/briefings/2021/12/biden-zelensky.md:14: actors[2].type: 'persn' is not one of person, org, place, group"]


def test_check_reports_invalid_yaml_with_its_line(tmp_path):
    text = edit("summary: Joe Biden spoke with Volodymyr Zelensky.",
                "summary: Joe Biden said: \"no troops\" to reporters")
    [error] = check(tmp_path, text)
    assert error.startswith(f"{SHOWN}:{line_of(text, 'summary:')}: invalid YAML: ")
    assert "\n" not in error


def test_check_points_an_unclosed_quote_at_the_line_that_opens_it(tmp_path):
    text = edit("summary: Joe Biden spoke with Volodymyr Zelensky.", 'summary: "Joe Biden spoke with Volodymyr Zelensky.')
    [error] = check(tmp_path, text)
    assert error.startswith(f"{SHOWN}:{line_of(text, 'summary:')}: invalid YAML: ")


def test_check_reports_bad_indentation_as_invalid_yaml(tmp_path):
    text = edit("    role: President of the United States", "   role: President of the United States")
    [error] = check(tmp_path, text)
    assert f"{SHOWN}:{line_of(text, '   role:')}: invalid YAML:" in error


def test_check_reports_wrong_type_in_one_line(tmp_path):
    text = edit("    value: 175000", "    value: many")
    assert check(tmp_path, text) == [f"{SHOWN}:{line_of(text, 'value: many')}: figures[0].value: must be a number, not 'many'"]


@pytest.mark.parametrize("old, new, field, message", [
    ("topics: [politics, conflict]", "topics: politics", "topics", "must be a list ('- item' lines), not 'politics'"),
    ("title: Biden and Zelensky speak for 76 minutes as Russian troops mass", "title: 2021", "title",
     "must be text, not 2021"),
    ("    aliases: [Biden]", "    aliases: [Biden]\n    mentions: lots", "actors[0].mentions",
     "must be a whole number, not 'lots'"),
    ("    aliases: [Biden]", "    aliases: [Biden]\n    key: maybe", "actors[0].key", "must be true or false, not 'maybe'"),
    ("    aliases: [Biden]", "    aliases: [Biden]\n    mentions: -1", "actors[0].mentions", "must be at least 0, not -1"),
    ("    date: '2021-12-07'", "    date: Dec 7", "timeline[0].date", "must be YYYY-MM-DD, YYYY-MM or YYYY, not 'Dec 7'"),
    ("date: 2021-12-09", "date: 9 December 2021", "date", "must be a date, YYYY-MM-DD, not '9 December 2021'"),
    ("  path: seeds/000_26b014acf4a540e6.txt", "  path: /home/me/seeds/a.txt", "source.path",
     "must be relative to the input root, not absolute, not '/home/me/seeds/a.txt'"),
    ("    kind: attribution", "    kind: said", "claims[0].kind", "'said' is not one of quote, attribution"),
])
def test_check_reports_wrong_values_with_field_and_line(tmp_path, old, new, field, message):
    text = edit(old, new)
    needle = new.splitlines()[-1]
    assert check(tmp_path, text) == [f"{SHOWN}:{line_of(text, needle)}: {field}: {message}"]


def test_check_reports_unknown_field_and_suggests_the_close_name(tmp_path):
    text = edit("    role: President of the United States", "    rol: President of the United States")
    assert check(tmp_path, text) == [
        f"{SHOWN}:{line_of(text, 'rol:')}: actors[0].rol: unknown field (typo? did you mean 'role'?)"]


def test_check_reports_unknown_field_without_a_close_name(tmp_path):
    text = edit("topics: [politics, conflict]", "topics: [politics, conflict]\nreviewed_by: Ann")
    assert check(tmp_path, text) == [f"{SHOWN}:{line_of(text, 'reviewed_by')}: reviewed_by: unknown field (typo?)"]


def test_check_reports_missing_required_field_at_its_entry(tmp_path):
    text = edit("  - name: Volodymyr Zelensky\n", "  - aliases: [Zelensky]\n")
    assert check(tmp_path, text) == [f"{SHOWN}:{line_of(text, 'aliases: [Zelensky]')}: actors[1].name: required field missing"]


def test_check_reports_missing_top_level_field(tmp_path):
    text = edit("title: Biden and Zelensky speak for 76 minutes as Russian troops mass\n", "")
    assert check(tmp_path, text) == [f"{SHOWN}:2: title: required field missing"]


def test_check_reports_every_problem_sorted_by_line(tmp_path):
    text = edit("    type: person", "    type: persn", 2).replace("    value: 175000", "    value: x")
    errors = check(tmp_path, text)
    assert [e.split(": ")[1] for e in errors] == ["actors[0].type", "actors[1].type", "figures[0].value"]
    lines = [int(e.split(":")[1]) for e in errors]
    assert lines == sorted(lines)


def test_check_reports_a_field_written_twice(tmp_path):
    text = edit("summary: Joe Biden spoke with Volodymyr Zelensky.",
                "summary: Joe Biden spoke with Volodymyr Zelensky.\nsummary: Again.")
    assert check(tmp_path, text) == [f"{SHOWN}:{line_of(text, 'Again.')}: summary: field appears twice (only the last one counts)"]


def test_check_reports_a_date_that_does_not_exist(tmp_path):
    text = edit("date: 2021-12-09", "date: 2021-13-45")
    [error] = check(tmp_path, text)
    assert error.startswith(f"{SHOWN}:3: date: '2021-13-45' is not a real date")


def test_check_reports_a_file_without_front_matter(tmp_path):
    assert check(tmp_path, "Just a body.\n") == [
        f"{SHOWN}:1: no front matter: the file must start with a '---' line, then the fields, then another '---' line"]


def test_check_reports_a_missing_closing_line_as_no_front_matter(tmp_path):
    [error] = check(tmp_path, VALID.replace("---\n\nBody", "\nBody"))
    assert "no front matter" in error


def test_check_accepts_windows_line_endings_like_the_generator_does(tmp_path):
    path = write(tmp_path, "")
    path.write_bytes(VALID.replace("\n", "\r\n").encode())
    assert check_briefing(path, SHOWN) == []
    bad = edit("    type: person", "    type: persn")
    path.write_bytes(bad.replace("\n", "\r\n").encode())
    assert [str(e) for e in check_briefing(path, SHOWN)] == [
        f"{SHOWN}:{line_of(bad, 'persn')}: actors[0].type: 'persn' is not one of person, org, place, group"]


def test_check_reports_empty_and_non_mapping_front_matter(tmp_path):
    assert check(tmp_path, "---\n---\nBody\n") == [f"{SHOWN}:1: front matter is empty"]
    assert check(tmp_path, "---\n- a\n- b\n---\nBody\n") == [
        f"{SHOWN}:2: front matter must be fields ('name: value' lines)"]


def test_check_reports_a_file_that_is_not_utf8(tmp_path):
    path = write(tmp_path, "")
    path.write_bytes(VALID.encode().replace(b"Zelensky.", b"Zelensk\xff."))
    [error] = check_briefing(path, SHOWN)
    assert str(error).startswith(f"{SHOWN}: not UTF-8 text")


def test_check_errors_carry_path_line_and_field(tmp_path):
    text = edit("    type: person", "    type: persn")
    [error] = check_briefing(write(tmp_path, text), SHOWN)
    assert isinstance(error, FrontMatterError)
    assert (error.path, error.line, error.field) == (SHOWN, line_of(text, "persn"), "actors[0].type")


def test_check_tree_skips_machine_records_and_sorts_by_path(tmp_path):
    bad = edit("    type: person", "    type: persn")
    write(tmp_path, bad, "briefings/2021/12/b.md")
    write(tmp_path, bad, "briefings/2020/01/a.md")
    write(tmp_path, VALID, "briefings/2021/12/ok.md")
    write(tmp_path, "not a briefing", ".machine/briefings/2021/12/b.md")
    write(tmp_path, "not a briefing", "briefings/.drafts/x.md")
    errors = check_tree(tmp_path / "content")
    assert [e.path for e in errors] == [(tmp_path / "content/briefings/2020/01/a.md").as_posix(),
                                        (tmp_path / "content/briefings/2021/12/b.md").as_posix()]


def test_check_tree_without_briefings_folder_finds_nothing_to_report(tmp_path):
    assert check_tree(tmp_path / "content") == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_check_passes_on_freshly_generated_content(tmp_path):
    from generator.pipeline import generate

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    report = generate([seeds], tmp_path / "content")
    assert report.ok
    assert check_tree(tmp_path / "content") == []


# --- the editor docs and the CI workflow are part of the feature -----------------------------


def test_editor_docs_name_every_front_matter_field():
    docs = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    models = [Briefing] + [f.annotation.__args__[0] for f in Briefing.model_fields.values()
                           if getattr(f.annotation, "__origin__", None) is list
                           and hasattr(f.annotation.__args__[0], "model_fields")]
    models.append(Briefing.model_fields["source"].annotation)
    for model in models:
        for name, info in model.model_fields.items():
            assert f"`{info.alias or name}`" in docs, f"docs/editors.md does not mention {model.__name__}.{name}"
    for phrase in ("locked: true", "briefings check", "conflict"):
        assert phrase in docs


def test_ci_workflow_checks_before_it_generates_builds_and_publishes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "briefings.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]

    def at(text: str, items: list[str]) -> int:
        return next(i for i, item in enumerate(items) if text in item)

    assert at("pip install -e .", runs) < at("briefings check content", runs) \
        < at("briefings generate articles/ --out content", runs) < at("briefings build", runs)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
