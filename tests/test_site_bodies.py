"""Briefing bodies converted ahead by a background process (generator/mkdocs_plugin/bodies.py):
the same HTML as the pages' own converter, nothing when the process fails, and the same site."""
from __future__ import annotations

import shutil
from pathlib import Path

from generator.mkdocs_plugin import pages
from generator.mkdocs_plugin.body import body_markdown
from generator.mkdocs_plugin.bodies import BodiesAhead
from tests.test_site_pages import build_in_process, make_project, sample_project  # noqa: F401 (fixture)

EXTENSIONS = ["toc", "tables"]


def write_briefings(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"b{i}.md"
        path.write_text(f"---\ntitle: B{i}\n---\n\nThe council met on day {i}.\n\n*Officials* said <b>nothing</b> "
                        f"[more](javascript:alert({i})).\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_bodies_converted_ahead_are_the_html_the_pages_would_make(tmp_path):
    paths = write_briefings(tmp_path, 5)
    ahead = BodiesAhead(paths, lambda: body_markdown(EXTENSIONS, {}))
    ahead.start()
    ahead._process.join(60)  # let it finish everything
    assert ahead.finish() == 5
    converter = body_markdown(EXTENSIONS, {})
    for path in paths:
        body = Path(path).read_text(encoding="utf-8").split("---\n", 2)[2]
        assert ahead.html(body) == converter.reset().convert(body)
    assert ahead.html("A body nobody converted.") is None
    out = Path(ahead._out_path)
    ahead.close()
    assert not out.exists()


def test_a_converter_that_fails_leaves_every_body_to_the_pages(tmp_path):
    def broken():
        raise RuntimeError("no converter")

    ahead = BodiesAhead(write_briefings(tmp_path, 3), broken)
    ahead.start()
    assert ahead.finish() == 0
    assert ahead.html("The council met on day 0.\n") is None
    ahead.close()


def test_a_site_with_every_body_converted_ahead_is_the_site_without(sample_project, monkeypatch):
    monkeypatch.setattr(pages, "POOL_MIN_PAGES_PER_WORKER", 1)  # the samples are too few to fork for
    finish, used, files = BodiesAhead.finish, [], []

    def finish_when_done(self):  # wait for every body, so that no page converts its own
        self._process.join(60)
        used.append(finish(self))
        files.append(Path(self._out_path))
        return used[-1]

    monkeypatch.setattr(BodiesAhead, "finish", finish_when_done)
    trees = {}
    for workers in (1, 2):
        project = sample_project.parent / f"ahead{workers}"
        make_project(project, render_workers=workers)
        shutil.copytree(sample_project / "content", project / "content")
        build_in_process(project)
        trees[workers] = {p.relative_to(project / "site"): p.read_bytes()
                          for p in sorted((project / "site").rglob("*.html")) if "sitemap" not in p.name}
    briefings = len(list((sample_project / "content" / "briefings").rglob("*.md")))
    assert used == [briefings]  # two workers: every body came from the process ahead
    assert trees[1] == trees[2]
    assert files and not any(f.exists() for f in files)  # the temporary file went with the build
