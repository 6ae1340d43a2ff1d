"""Property: random editor edits + a write failing (or the run dying) at a random step +
a rerun leave exactly what a run without the failure leaves: no edit lost, no stale machine
value taken for an edit.

Extraction is memoised per article (same bytes, same briefing) and fsync is skipped: what is
under test is the merge and the order of the writes, and this keeps the property fast.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from _pytest.monkeypatch import MonkeyPatch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.pipeline import generate
from generator.writer import render_briefing, split_front_matter
from tests.test_robustness import FIRST, OTHER, UPDATED, Killed, inject_write_failures, snapshot, write_article

EDITOR_SUMMARY = "An editor's summary."
EDITOR_TITLE = "An editor's title"
EDITOR_BODY = "An editor's rewrite of the article text."


def _summary(data, body):
    data["summary"] = EDITOR_SUMMARY
    return body


def _title(data, body):
    data["title"] = EDITOR_TITLE
    return body


def _no_summary(data, body):
    data.pop("summary", None)
    return body


def _drop_first_actor(data, body):
    data["actors"] = data.get("actors", [])[1:]
    return body


def _role(data, body):
    for actor in data.get("actors", [])[:1]:
        actor["role"] = "an editor's role"
    return body


def _reverse_actors(data, body):
    data["actors"] = list(reversed(data.get("actors", [])))
    return body


def _add_figure(data, body):
    data["figures"] = [{"text": "12 lanes", "value": 12, "unit": "lane"}, *data.get("figures", [])]
    return body


def _drop_claims(data, body):
    data["claims"] = []
    return body


def _outlet(data, body):
    data["source"]["outlet"] = "The Editor's Gazette"
    return body


def _body(data, body):
    return EDITOR_BODY


EDITS = [_summary, _title, _no_summary, _drop_first_actor, _role, _reverse_actors, _add_figure, _drop_claims,
         _outlet, _body]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """A content folder after a first run on two articles, and memoised extraction."""
    patch = MonkeyPatch()
    real = pipeline.build_briefing
    cache: dict = {}

    def memoised(article, model=None):
        key = (article.source_path, article.sha256, model)
        if key not in cache:
            cache[key] = real(article, model)
        return cache[key]

    patch.setattr(pipeline, "build_briefing", memoised)
    patch.setattr(os, "fsync", lambda fd: None)  # durability is not under test here; order is
    root = tmp_path_factory.mktemp("first")
    write_article(root / "articles", "bridge.txt", FIRST)
    write_article(root / "articles", "ferry.txt", OTHER)
    assert generate([root / "articles"], root / "content").ok
    yield root
    patch.undo()


def _apply(root: Path, edits: dict[str, list], update: bool) -> None:
    """The editors' edits (per source file) and, if ``update``, a new version of one article."""
    for path in sorted((root / "content" / "briefings").rglob("*.md")):
        yaml_text, body = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(yaml_text)
        name = Path(data["source"]["path"]).name
        for change in edits.get(name, []):
            body = change(data, body)
        if edits.get(name):
            path.write_text(render_briefing(data, body), encoding="utf-8")
    if update:
        write_article(root / "articles", "bridge.txt", UPDATED)


def _copy(first: Path) -> Path:
    root = Path(tempfile.mkdtemp(prefix="prop-"))
    shutil.copytree(first / "articles", root / "articles")
    shutil.copytree(first / "content", root / "content")
    return root


def _editor_values(root: Path) -> dict[str, tuple]:
    out = {}
    for path in sorted((root / "content" / "briefings").rglob("*.md")):
        yaml_text, body = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(yaml_text)
        out[Path(data["source"]["path"]).name] = (data.get("title"), data.get("summary"), body.strip())
    return out


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    bridge_edits=st.lists(st.sampled_from(EDITS), unique=True, max_size=5),
    ferry_edits=st.lists(st.sampled_from(EDITS), unique=True, max_size=3),
    update=st.booleans(),
    fail_at=st.integers(min_value=0, max_value=6),
    mode=st.sampled_from(["fail", "kill"]),
)
def test_edits_survive_any_write_failure_and_rerun_exactly_as_without_it(first_run, bridge_edits, ferry_edits,
                                                                       update, fail_at, mode):
    edits = {"bridge.txt": bridge_edits, "ferry.txt": ferry_edits}
    clean, faulty = _copy(first_run), _copy(first_run)
    try:
        _apply(clean, edits, update)
        clean_report = generate([clean / "articles"], clean / "content", force=not update)
        _apply(faulty, edits, update)
        with MonkeyPatch.context() as patch:
            inject_write_failures(patch, fail_at, mode)
            try:
                generate([faulty / "articles"], faulty / "content", force=not update)
            except Killed:
                pass
        rerun = generate([faulty / "articles"], faulty / "content", force=not update)

        assert snapshot(faulty / "content") == snapshot(clean / "content")
        clean_conflicts = {str(c) for r in clean_report.results for c in r.conflicts}
        assert {str(c) for r in rerun.results for c in r.conflicts} <= clean_conflicts
        for name, (title, summary, body) in _editor_values(faulty).items():  # no edit lost
            if _title in edits[name]:
                assert title == EDITOR_TITLE
            if _summary in edits[name] and _no_summary not in edits[name]:
                assert summary == EDITOR_SUMMARY
            if _no_summary in edits[name]:
                assert summary is None
            if _body in edits[name]:
                assert body == EDITOR_BODY
    finally:
        shutil.rmtree(clean, ignore_errors=True)
        shutil.rmtree(faulty, ignore_errors=True)
