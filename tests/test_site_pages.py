"""The pages the plugin renders itself (briefings, actors, listings): the same page the theme
would make, whatever the number of workers, reading site data only while it matches."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.mkdocs_plugin import pages
from generator.pipeline import generate
from generator.store import read_briefing_for_site, site_data_path, site_data_text
from tests.conftest import ROOT, SAMPLES


def make_project(folder: Path, site_url: str | None = None, **options) -> Path:
    """The repository's mkdocs.yml and templates, with plugin options (search off: not tested here)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if site_url:
        config["site_url"] = site_url
    config["plugins"] = [{"briefings": {"search_index": False, **options}}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    shutil.copytree(ROOT / "site_templates", folder / "site_templates")
    return folder


def build_in_process(project: Path, site_dir: str = "site"):
    """Build like `mkdocs build`; returns the config, whose plugin instance keeps its state."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site_dir))
    build(config)
    return config


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("pages"))
    assert generate([SAMPLES], project / "content").ok
    return project


def test_every_kind_of_page_is_byte_identical_to_the_theme_rendering_it_whole(sample_project):
    config = build_in_process(sample_project)
    plugin = config.plugins["briefings"]
    site = plugin._site_context(config)
    kinds = {}
    for spec in plugin.specs:
        kinds.setdefault(spec.template, []).append(spec)
    assert set(kinds) == {"content/briefing.html", "content/actor.html", "content/listing.html", "feed"}
    del kinds["feed"]  # Atom, no theme around it (tests/test_site_feeds.py)
    for template, specs in kinds.items():
        for spec in specs[:3]:
            content = plugin.render_content(spec, config, site)
            expected = plugin.render_theme_page(config, spec.url, str(escape(spec.title)), content)
            written = (sample_project / "site" / spec.url / "index.html").read_text(encoding="utf-8")
            assert written == expected, f"{template} at {spec.url} differs from the theme's own rendering"


def test_pages_are_the_same_with_one_or_two_render_workers(sample_project, monkeypatch):
    monkeypatch.setattr(pages, "POOL_MIN_PAGES_PER_WORKER", 1)  # the samples are too few to fork for
    trees = {}
    for workers in (1, 2):
        project = sample_project.parent / f"workers{workers}"
        project.mkdir()
        make_project(project, render_workers=workers)
        shutil.copytree(sample_project / "content", project / "content")
        build_in_process(project)
        trees[workers] = {p.relative_to(project / "site"): p.read_bytes()
                          for p in sorted((project / "site").rglob("*.html")) if "sitemap" not in p.name}
    assert len(trees[1]) > 40
    assert trees[1] == trees[2]


def test_slow_and_quick_pages_are_shared_by_both_workers_and_failures_come_in_page_order(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "POOL_MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(pages, "BATCH_PAGES", 1)
    specs = [pages.PageSpec(f"p{i}/", f"page {i}", "slow" if i % 2 == 0 else "quick") for i in range(24)]
    specs[5].url, specs[17].url = "../out5/", "../out17/"  # refused: each a failure line, in page order

    def render(spec):
        if spec.template == "slow":
            time.sleep(0.02)
        return str(os.getpid())  # which worker rendered the page

    (tmp_path / "site").mkdir()
    written, failures, used = pages.render_pages(specs, render, tmp_path / "site", 2)
    assert used == 2 and written == 22 and len(failures) == 2
    assert failures[0].startswith("../out5/: UnsafePathError") and failures[1].startswith("../out17/: UnsafePathError")
    pids = {spec.template: set() for spec in specs}
    for spec in specs:
        if not spec.url.startswith(".."):
            pids[spec.template].add((tmp_path / "site" / spec.url / "index.html").read_text(encoding="utf-8"))
    assert len(pids["slow"]) == 2  # fixed shares of every other page gave one worker all the slow ones


def test_pages_of_one_group_are_rendered_by_one_worker_and_the_rest_by_any(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "POOL_MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(pages, "BATCH_PAGES", 2)
    kinds = ["actor", "feed", None]
    specs = [pages.PageSpec(f"p{i}/", f"page {i}", str(kinds[i % 3])) for i in range(60)]

    def render(spec):
        time.sleep(0.02)
        return str(os.getpid())

    (tmp_path / "site").mkdir()
    written, failures, _ = pages.render_pages(specs, render, tmp_path / "site", 2,
                                              lambda spec: None if spec.template == "None" else spec.template)
    assert written == 60 and not failures
    pids: dict[str, set[str]] = {}
    for spec in specs:
        pids.setdefault(spec.template, set()).add((tmp_path / "site" / spec.url / "index.html").read_text(encoding="utf-8"))
    assert len(pids["actor"]) == 1 and len(pids["feed"]) == 1
    assert pids["actor"] != pids["feed"]  # the two groups went to the two workers side by side


def test_text_from_front_matter_is_escaped_never_markup(sample_project, tmp_path):
    project = make_project(tmp_path / "p")
    shutil.copytree(sample_project / "content", project / "content")
    briefing = next((project / "content" / "briefings").rglob("*.md"))
    text = briefing.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    briefing.write_text(text.replace(title, "title: 'Storm <script>alert(1)</script> & \"floods\"'", 1), encoding="utf-8")
    build_in_process(project)
    page = project / "site" / briefing.relative_to(project / "content").with_suffix("") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "Storm &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;floods&#34;" in html


def test_site_data_is_used_only_while_the_briefing_has_the_bytes_it_was_made_from(tmp_path):
    content = tmp_path / "content"
    briefing = content / "briefings" / "2021" / "12" / "a.md"
    briefing.parent.mkdir(parents=True)
    text = "---\ntitle: A\n---\n\nBody.\n"
    briefing.write_text(text, encoding="utf-8")
    data = site_data_path(content, "briefings/2021/12/a.md")
    assert data == content / ".machine" / "briefings" / "2021" / "12" / "a.json"
    assert read_briefing_for_site(briefing, data) == (text, None)  # no site data yet
    data.parent.mkdir(parents=True)
    data.write_text(site_data_text(text, {"title": "A"}), encoding="utf-8")
    assert read_briefing_for_site(briefing, data) == (text, '{"title":"A"}\n')
    briefing.write_text(text.replace("title: A", "title: B"), encoding="utf-8")  # an editor's edit
    assert read_briefing_for_site(briefing, data)[1] is None
    data.write_text("not site data", encoding="utf-8")
    assert read_briefing_for_site(briefing, data)[1] is None


def test_generate_writes_site_data_matching_each_briefing(sample_project):
    content = sample_project / "content"
    for briefing in (content / "briefings").rglob("*.md"):
        text, front_matter_json = read_briefing_for_site(briefing, site_data_path(content, briefing.relative_to(content)))
        assert front_matter_json is not None, briefing


def test_sitemap_lists_the_pages_the_plugin_renders_when_the_site_has_a_url(sample_project, tmp_path):
    import gzip

    project = make_project(tmp_path / "p", site_url="https://news.example.org/briefings-site/")
    shutil.copytree(sample_project / "content", project / "content")
    config = build_in_process(project)
    specs = config.plugins["briefings"].specs
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    for spec in specs:
        assert f"<loc>https://news.example.org/briefings-site/{spec.url}</loc>" in sitemap
    assert "<loc>https://news.example.org/briefings-site/actors/</loc>" in sitemap  # MkDocs' own entries stay
    assert gzip.decompress((project / "site" / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
