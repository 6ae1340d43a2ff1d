"""Writes overlap the next article's extraction, yet the run reports and writes as one that
writes in turn: each result once its files are on disk, in input order, and a write that
stops the run stops it before the next article is written."""
from __future__ import annotations

from pathlib import Path

import pytest

import generator.pipeline as pipeline
from generator.pipeline import generate
from generator.writer import atomic_write
from tests.conftest import write_article

STORIES = {
    "a-bridge.txt": "date 2021-03-02 The council closed the Elm Street bridge on Monday after engineers found cracks.\n",
    "b-broken.txt": b"\xff\xfe\x00not an article",
    "c-ferry.txt": "date 2021-03-03 A second ferry will run from Friday, the harbour authority said.\n",
    "d-market.txt": "date 2021-03-04 The covered market reopened on Saturday after a two-year refit.\n",
}


class Stopped(BaseException):
    """Stands for the process being stopped mid-run (not an error the run reports)."""


def _articles(folder: Path) -> Path:
    for name, text in STORIES.items():
        write_article(folder, name, text)
    return folder


def test_each_article_is_reported_in_input_order_once_its_files_are_on_disk(tmp_path):
    out = tmp_path / "content"
    seen = []

    def on_article(result):
        if result.status == "written":
            rel = Path(result.path)
            assert (out / rel).is_file() and (out / ".machine" / rel).is_file()
        seen.append((Path(result.source).name, result.status))

    report = generate([_articles(tmp_path / "in")], out, on_article=on_article)
    assert seen == [(Path(r.source).name, r.status) for r in report.results]
    assert [name for name, _ in seen] == sorted(STORIES)
    assert [status for _, status in seen] == ["written", "failed", "written", "written"]


def test_a_write_that_stops_the_run_stops_it_before_the_next_article_is_written(tmp_path, monkeypatch):
    out = tmp_path / "content"
    writes: list[str] = []

    def stopping(path, content, durable=True):
        writes.append(path.name)
        if len(writes) == 4:  # the first article's three files are written, the second's first is not
            raise Stopped()
        return atomic_write(path, content, durable=durable)

    monkeypatch.setattr(pipeline, "atomic_write", stopping)
    with pytest.raises(Stopped):
        generate([_articles(tmp_path / "in")], out)
    assert len(writes) == 4
    assert len(list((out / "briefings").rglob("*.md"))) == 1
