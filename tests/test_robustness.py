"""Failures, concurrency and hostile input: what a run leaves behind is never stale, lost or
mistaken for an editor's edit, and every bad input is one line while the others are written.

Write failures are injected by replacing the pipeline's and the store's ``atomic_write``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator import pipeline, store as store_module
from generator.cli import app
from generator.errors import WriterError
from generator.pipeline import generate
from generator.writer import atomic_write, render_briefing, split_front_matter
from tests.conftest import ROOT, best_cpu_seconds, write_article

runner = CliRunner()

FIRST = ("date 2021-03-04 Mayor Elena Brandt of Eastvale said on Monday that the river bridge would close "
         "for repairs.\n\n\"We cannot wait any longer,\" Brandt told the city council.\n\n"
         "About 40 workers will rebuild the deck by June.\n")
UPDATED = FIRST.replace("would close for repairs", "would close for six months of repairs").replace(
    "About 40 workers", "About 55 workers") + "\nThe council approved a budget of 2 million dollars on Tuesday.\n"
OTHER = ("date 2021-03-05 The Harbor Authority of Westport said on Friday that ferry services "
         "would resume next week after a storm.\n")


def briefing_files(out: Path) -> list[Path]:
    return sorted((out / "briefings").rglob("*.md"))


def front_matter(path: Path) -> dict:
    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0])


def edit(path: Path, change=None, body=None) -> None:
    """Edit a briefing as an editor would: change its front matter and/or its body."""
    yaml_text, old_body = split_front_matter(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(yaml_text)
    if change:
        change(data)
    path.write_text(render_briefing(data, old_body if body is None else body), encoding="utf-8")


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file a run leaves (briefings, machine records, site data, index), by path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".generate.lock"}


class Killed(BaseException):
    """Stands for the process dying: nothing after it runs, not even ``except Exception``."""


def inject_write_failures(monkeypatch, fail_at: int, mode: str) -> list[int]:
    """Make write number ``fail_at`` (0-based) fail: ``mode`` "fail" raises the disk-full error
    the writer raises, "kill" stops the run there and fails every later write too."""
    calls = [0]

    def failing(path, content, durable=True):
        k = calls[0]
        calls[0] += 1
        if k == fail_at or (mode == "kill" and k > fail_at):
            if mode == "kill":
                raise Killed()
            raise WriterError(f"{path}: cannot write: No space left on device")
        return atomic_write(path, content, durable=durable)

    monkeypatch.setattr(pipeline, "atomic_write", failing)
    monkeypatch.setattr(store_module, "atomic_write", failing)
    return calls


def run(inputs, out, **kw):
    try:
        return generate(inputs, out, **kw)
    except Killed:
        return None


# --- 5: write order ----------------------------------------------------------------------------


def _edited_first_run(tmp: Path) -> tuple[Path, Path]:
    articles = tmp / "articles"
    write_article(articles, "bridge.txt", FIRST)
    write_article(articles, "ferry.txt", OTHER)
    out = tmp / "content"
    assert generate([articles], out).ok
    bridge = next(p for p in briefing_files(out) if front_matter(p)["source"]["path"].endswith("bridge.txt"))
    edit(bridge, lambda d: d.update(summary="An editor's summary of the closure."))
    write_article(articles, "bridge.txt", UPDATED)
    return articles, out


@pytest.mark.parametrize("mode", ["fail", "kill"])
def test_a_write_failing_at_any_step_never_passes_stale_machine_values_off_as_edits(tmp_path, monkeypatch, mode):
    articles, out = _edited_first_run(tmp_path / "clean")
    clean_report = generate([articles], out)
    clean = snapshot(out)
    clean_conflicts = {str(c) for r in clean_report.results for c in r.conflicts}
    steps = 4  # the bridge's briefing, record and site data, then the index (the ferry is unchanged: no write)
    for k in range(steps + 1):
        with monkeypatch.context() as patch:
            case_articles, case_out = _edited_first_run(tmp_path / f"{mode}{k}")
            calls = inject_write_failures(patch, k, mode)
            run([case_articles], case_out)
        assert calls[0] > k or k == steps, f"write {k} was never reached ({calls[0]} writes)"
        rerun = generate([case_articles], case_out)
        rerun_conflicts = {str(c) for r in rerun.results for c in r.conflicts}
        assert rerun_conflicts <= clean_conflicts, f"{mode} at write {k}: a machine value was taken for an edit"
        assert snapshot(case_out) == clean, f"{mode} at write {k}: the output differs from a clean run"
        bridge = next(p for p in briefing_files(case_out) if "bridge" in front_matter(p)["source"]["path"])
        after = front_matter(bridge)
        assert after["summary"] == "An editor's summary of the closure."
        assert after["source"]["sha256"] == front_matter(case_out / ".machine" / bridge.relative_to(case_out))["source"]["sha256"]


def test_a_failed_first_run_is_completed_by_the_next_one_as_if_it_had_not_failed(tmp_path, monkeypatch):
    write_article(tmp_path / "articles", "bridge.txt", FIRST)
    generate([tmp_path / "articles"], tmp_path / "clean")
    clean = snapshot(tmp_path / "clean")
    for k in range(4):
        out = tmp_path / f"out{k}"
        with monkeypatch.context() as patch:
            inject_write_failures(patch, k, "kill")
            run([tmp_path / "articles"], out)
        second = generate([tmp_path / "articles"], out)
        assert second.ok and all(not r.conflicts for r in second.results)
        assert snapshot(out) == clean


# --- 6: one run per output folder -------------------------------------------------------------


def test_a_second_run_on_the_same_folder_is_refused_in_one_line_naming_the_first(tmp_path):
    from generator.runlock import RunLock

    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    held = RunLock(out).acquire()
    try:
        report = generate([tmp_path / "in"], out)
    finally:
        held.release()
    assert report.count("failed") == 1 and report.count("written") == 0
    message = report.results[0].message
    assert "another `briefings generate`" in message and f"pid {os.getpid()}" in message and "\n" not in message
    assert briefing_files(out) == []
    assert generate([tmp_path / "in"], out).count("written") == 1  # released: the next run goes ahead


HOLD_LOCK = """
import sys, time
from pathlib import Path
from generator.runlock import RunLock
RunLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(120)
"""


def test_a_lock_held_by_a_killed_run_does_not_block_the_next(tmp_path):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = runner.invoke(app, ["generate", str(tmp_path / "in"), "--out", str(out)])
        assert result.exit_code == 1
        assert f"pid {holder.pid}" in result.output and "Traceback" not in result.output
    finally:
        holder.kill()
        holder.wait()
    assert (out / ".generate.lock").exists()  # a killed run leaves its lock file behind...
    result = runner.invoke(app, ["generate", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output  # ...which does not block the next run
    assert "1 written" in result.output
    assert not (out / ".generate.lock").exists()  # and a run that ends removes it


# --- 7: same relative path, different folders ---------------------------------------------------


def test_articles_with_the_same_name_in_different_folders_get_their_own_briefings(tmp_path):
    a = write_article(tmp_path / "p" / "a", "story.txt", FIRST)
    b = write_article(tmp_path / "q" / "a", "story.txt", OTHER)
    out = tmp_path / "content"
    report = generate([a.parent, b.parent], out)
    assert report.ok and report.count("written") == 2
    sources = sorted(front_matter(p)["source"]["path"] for p in briefing_files(out))
    assert sources == ["p/a/story.txt", "q/a/story.txt"]
    again = generate([a.parent, b.parent], out)
    assert again.count("unchanged") == 2 and len(briefing_files(out)) == 2


def test_one_file_named_twice_is_one_article(tmp_path):
    a = write_article(tmp_path / "in", "story.txt", FIRST)
    report = generate([tmp_path / "in", a], tmp_path / "content")
    assert report.count("written") == 1 and len(briefing_files(tmp_path / "content")) == 1


# --- 8: body edits and locking ----------------------------------------------------------------


def test_an_editors_body_edit_is_kept_when_the_article_is_unchanged(tmp_path):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    path = briefing_files(out)[0]
    edit(path, body="The river bridge closes for repairs, the mayor said.\n")
    report = generate([tmp_path / "in"], out, force=True)
    assert report.ok and not report.results[0].conflicts
    assert split_front_matter(path.read_text(encoding="utf-8"))[1].strip() == \
        "The river bridge closes for repairs, the mayor said."


def test_an_editors_body_edit_is_kept_and_reported_when_the_article_changes_too(tmp_path):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    path = briefing_files(out)[0]
    edit(path, body="An editor's own text.\n")
    write_article(tmp_path / "in", "bridge.txt", UPDATED)
    report = generate([tmp_path / "in"], out)
    assert [c.field for c in report.results[0].conflicts] == ["body"]
    assert split_front_matter(path.read_text(encoding="utf-8"))[1].strip() == "An editor's own text."
    assert "55 workers" in split_front_matter((out / ".machine" / path.relative_to(out)).read_text())[1]


def test_an_untouched_body_follows_the_article(tmp_path):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    write_article(tmp_path / "in", "bridge.txt", UPDATED)
    report = generate([tmp_path / "in"], out)
    assert report.ok and not report.results[0].conflicts
    assert "55 workers" in briefing_files(out)[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("line", ["locked: true  # until the correction is approved", '"locked": true',
                                  "locked: True", "'locked': yes"])
def test_locked_as_any_yaml_boolean_pins_the_briefing(tmp_path, line):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    path = briefing_files(out)[0]
    text = path.read_text(encoding="utf-8").replace("\ngenerator:", f"\n{line}\ngenerator:", 1)
    path.write_text(text, encoding="utf-8")
    write_article(tmp_path / "in", "bridge.txt", UPDATED)
    report = generate([tmp_path / "in"], out)
    assert report.results[0].status == "unchanged" and report.results[0].message == "locked by an editor"
    assert path.read_text(encoding="utf-8") == text


def test_locked_as_a_quoted_string_is_an_error_in_check_and_in_generate(tmp_path):
    from generator.check import check_briefing

    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    path = briefing_files(out)[0]
    text = path.read_text(encoding="utf-8").replace("\ngenerator:", '\nlocked: "true"\ngenerator:', 1)
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check_briefing(path, "b.md")]
    assert len(problems) == 1 and "locked" in problems[0]
    write_article(tmp_path / "in", "bridge.txt", UPDATED)
    report = generate([tmp_path / "in"], out)
    assert report.count("failed") == 1 and "locked: must be true or false" in report.results[0].message
    assert path.read_text(encoding="utf-8") == text


# --- 9: leftovers -------------------------------------------------------------------------------


def test_a_killed_runs_temporary_files_are_removed_by_the_next_run_and_only_those(tmp_path):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    month = briefing_files(out)[0].parent
    stale = [month / ".bridge.md.k3x_9q2a.tmp", out / ".machine" / ".index.json.ab12cd34.tmp"]
    kept = [month / "notes.tmp", month / ".draft.tmp", out / "drafts" / ".x.md.ab12cd34.tmp"]
    for p in stale + kept:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("half written")
    generate([tmp_path / "in"], out)
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in kept)


def test_the_index_never_lists_a_briefing_that_could_not_be_written(tmp_path, monkeypatch):
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    write_article(tmp_path / "in", "ferry.txt", OTHER)
    out = tmp_path / "content"

    def disk_full_for_briefings(path, content, durable=True):
        if "briefings" in path.parts and ".machine" not in path.parts:
            raise WriterError(f"{path}: cannot write: No space left on device")
        return atomic_write(path, content, durable=durable)

    monkeypatch.setattr(pipeline, "atomic_write", disk_full_for_briefings)
    report = generate([tmp_path / "in"], out)
    assert report.count("failed") == 2
    index = (out / ".machine" / "index.json").read_text(encoding="utf-8")
    assert index.strip() == "{}"
    monkeypatch.undo()
    assert generate([tmp_path / "in"], out).count("written") == 2


# --- 10: length -------------------------------------------------------------------------------


def _paragraphs(n: int) -> str:
    names = ["Brandt", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad"]
    out = []
    for i in range(n):
        who = names[i % len(names)]
        out.append(f"Officials in district {i} met {who} on Monday. \"We need {i + 3} more buses,\" {who} said. "
                   f"The plan, first shown in {1990 + i % 30}, costs {i * 7 % 90 + 10} million dollars.")
    return "\n\n".join(out)


def test_sentence_boundaries_take_time_linear_in_article_length():
    from generator.nlp import load_nlp, parse
    from generator.readers.text import parse_text_article

    nlp = load_nlp(components=("briefings_sentences",))

    def seconds(n: int) -> float:
        article = parse_text_article(f"date 2021-03-04 {_paragraphs(n)}".encode(), "long.txt")
        return best_cpu_seconds(lambda: parse(article, nlp))

    small, large = seconds(500), seconds(2000)
    assert large / small < 8, f"4x the text took {large / small:.1f}x the time"


def test_an_article_over_the_size_limit_is_one_line_and_the_others_are_written(tmp_path):
    from generator.readers.files import MAX_ARTICLE_CHARS

    write_article(tmp_path / "in", "huge.txt", "date 2021-03-04 " + "The bridge is closed. " * (MAX_ARTICLE_CHARS // 22 + 10))
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    with open(tmp_path / "in" / "enormous.txt", "wb") as fh:  # 50 MB
        fh.write(b"date 2021-03-04 ")
        chunk = b"The ferry is late. " * 50_000
        for _ in range(53):
            fh.write(chunk)
    result = runner.invoke(app, ["generate", str(tmp_path / "in"), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(errors) == 2 and all("article too l" in e and "E088" not in e for e in errors)
    assert "1 written" in result.output


# --- 11: odd inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_a_dateline_at_the_end_of_the_calendar_is_one_clear_line(tmp_path, year):
    write_article(tmp_path / "in", "edge.txt", f"date {year}-01-02 Officials said on Monday that the bridge closed "
                                               "last week and will reopen next year.\n")
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    report = generate([tmp_path / "in"], tmp_path / "content")
    failed = [r for r in report.results if r.status == "failed"]
    assert len(failed) == 1 and "dateline year" in failed[0].message and "Overflow" not in failed[0].message
    assert report.count("written") == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_an_article_with_a_byte_order_mark_reads_like_utf8(tmp_path, encoding):
    from generator.readers.text import parse_text_article

    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")
    data = (bom + FIRST).encode(encoding)
    assert parse_text_article(data, "a.txt").text == parse_text_article(FIRST.encode(), "a.txt").text


@pytest.mark.parametrize("name, message", [
    ("pipe.txt", "pipe.txt: not a regular file"),
    ("pipe.html", "pipe.html: not a regular file"),
    ("pipe.xml", "pipe.xml: not a regular file"),
    ("pipe.jsonl", "pipe.jsonl: not a regular file"),
    ("pipe", "pipe: not an article format"),  # an unknown ending is sniffed only in a regular file
])
def test_a_fifo_named_on_the_command_line_is_refused_without_hanging(tmp_path, name, message):
    fifo = tmp_path / "in" / name
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    good = write_article(tmp_path / "in", "bridge.txt", FIRST)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "generate", str(fifo), str(good),
                           "--out", str(tmp_path / "c")], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert "1 written" in proc.stdout


def test_an_unreadable_file_is_one_line_and_the_others_still_run(tmp_path, monkeypatch):
    bad = write_article(tmp_path / "in", "secret.txt", OTHER)
    write_article(tmp_path / "in", "bridge.txt", FIRST)
    real_open, real_read = os.open, Path.read_bytes

    def denied_open(path, *args, **kw):
        if Path(path).name == bad.name:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kw)

    def denied_read(self):
        if self.name == bad.name:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(os, "open", denied_open)
    monkeypatch.setattr(Path, "read_bytes", denied_read)
    result = runner.invoke(app, ["generate", str(bad), str(tmp_path / "in" / "bridge.txt"), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output
    assert "secret.txt: cannot read: Permission denied" in result.output and "Traceback" not in result.output
    assert "1 written" in result.output


def test_an_input_that_cannot_be_searched_is_one_line_and_the_others_still_run(tmp_path, monkeypatch):
    good = write_article(tmp_path / "in", "bridge.txt", FIRST)
    hidden = tmp_path / "locked-away" / "story.txt"
    real_exists = Path.exists

    def exists(self):
        if self == hidden:
            raise PermissionError(13, "Permission denied")
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", exists)
    result = runner.invoke(app, ["generate", str(hidden), str(good), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output
    assert "story.txt: cannot read: Permission denied" in result.output and "1 written" in result.output


def test_control_characters_in_file_names_are_escaped_in_messages(tmp_path):
    bad = write_article(tmp_path / "in", "evil\x1b[2J\nname.txt", "no dateline here\n")
    write_article(tmp_path / "in", "good\rone.txt", FIRST)
    result = runner.invoke(app, ["generate", str(tmp_path / "in"), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\r" not in result.output
    lines = result.output.splitlines()
    assert any(line.startswith("error") and "evil\\x1b[2J\\nname.txt" in line for line in lines)
    assert bad.exists()


def test_two_runs_started_together_on_one_folder_lose_and_duplicate_nothing(tmp_path):
    places = ["Eastvale", "Westport", "Northam", "Southby", "Lakeside", "Hillcrest"]
    for i, place in enumerate(places):
        write_article(tmp_path / "one", f"{i}.txt", FIRST.replace("Eastvale", place))
        write_article(tmp_path / "two", f"{i}.txt", OTHER.replace("Westport", place + " Bay"))
    out = tmp_path / "content"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator.cli", "generate", "--out", str(out), "-j", "1"]
    runs = {name: subprocess.Popen(command + [str(tmp_path / name)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=env) for name in ("one", "two")}
    for name, proc in runs.items():
        stdout, stderr = proc.communicate(timeout=300)
        if proc.returncode:  # refused while the other ran: one line, then it runs on its own
            assert "another `briefings generate`" in stderr and "Traceback" not in stderr
            again = subprocess.run(command + [str(tmp_path / name)], capture_output=True, text=True, env=env, timeout=300)
            assert again.returncode == 0, again.stderr
    index = json.loads((out / ".machine" / "index.json").read_text(encoding="utf-8"))
    assert sorted(index) == sorted(f"{name}/{i}.txt" for name in ("one", "two") for i in range(len(places)))
    assert len(briefing_files(out)) == 2 * len(places)
