"""The page cache: after any change, a rebuild that reuses cached pages gives the site a clean
build gives, byte for byte, and renders only the pages the change reaches."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.pipeline import generate
from generator.writer import render_briefing, split_front_matter
from tests.conftest import ROOT, SAMPLES

PLUGIN_LINE = "  - briefings        # generated pages + Pagefind search (docs/site.md); replaces Material's search\n"


def write_configs(project: Path, options: str = "") -> None:
    """mkdocs.yml (page cache on) and clean.yml (no cache, the default), both without search
    (its own cache is tested in test_search_shards.py)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert PLUGIN_LINE in text
    plugin = "  - briefings:\n      search_index: false\n" + options
    (project / "mkdocs.yml").write_text(text.replace(PLUGIN_LINE, plugin + "      page_cache: .site-cache\n"),
                                        encoding="utf-8")
    (project / "clean.yml").write_text(text.replace(PLUGIN_LINE, plugin), encoding="utf-8")


def mkdocs(project: Path, config: str, site: str) -> str:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stderr


def rebuild(project: Path) -> tuple[int, int]:
    """Build with the page cache; (pages rendered, pages reused) from the build's log."""
    log = mkdocs(project, "mkdocs.yml", "site")
    m = re.search(r"rendered (\d+) pages .* reused (\d+) from the page cache", log)
    assert m, log
    return int(m[1]), int(m[2])


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_as_clean_build(project: Path) -> None:
    shutil.rmtree(project / "clean-site", ignore_errors=True)
    mkdocs(project, "clean.yml", "clean-site")
    built, clean = tree(project / "site"), tree(project / "clean-site")
    assert built.keys() == clean.keys()
    assert [p for p in built if built[p] != clean[p]] == []


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_path) -> Path:
    """A project built once with the page cache; each test works on a copy."""
    project = tmp_path_factory.mktemp("incremental")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    write_configs(project)
    assert generate([SAMPLES, seed_path.parent], project / "content").ok
    rendered, reused = rebuild(project)
    assert rendered > 100 and reused == 0
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def pages_in(project: Path) -> int:
    return len([p for p in (project / ".site-cache" / "pages").rglob("*") if p.is_file()])


def briefings(project: Path) -> list[Path]:
    return sorted((project / "content" / "briefings").rglob("*.md"))


def edit_front_matter(path: Path, change) -> None:
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(front)
    change(data)
    path.write_text(render_briefing(data, body), encoding="utf-8")


def test_an_unchanged_rebuild_renders_no_page(project):
    total = pages_in(project)
    assert rebuild(project) == (0, total)
    assert_same_as_clean_build(project)


def test_an_edited_title_renders_again_every_page_showing_it(project):
    path = briefings(project)[3]
    edit_front_matter(path, lambda d: d.update(title="An invented headline about a harbour strike"))
    rendered, reused = rebuild(project)
    assert 3 < rendered < pages_in(project) / 2  # its page, neighbours, listings, feeds, its actors' pages
    assert "An invented headline about a harbour strike" in (
        project / "site" / path.relative_to(project / "content").with_suffix("") / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean_build(project)


def test_a_body_edit_renders_only_that_briefing_page(project):
    path = briefings(project)[5]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\nAn invented closing line added by an editor.\n", encoding="utf-8")
    assert rebuild(project)[0] == 1
    assert_same_as_clean_build(project)


def test_a_deleted_briefing_leaves_the_site_and_the_cache(project):
    path = briefings(project)[2]
    page = path.relative_to(project / "content").with_suffix("").as_posix() + "/index.html"
    assert (project / ".site-cache" / "pages" / page).exists()
    path.unlink()
    rendered, _ = rebuild(project)
    assert rendered > 0
    assert not (project / "site" / page).exists() and not (project / ".site-cache" / "pages" / page).exists()
    assert_same_as_clean_build(project)


def test_a_new_briefing_is_rendered_with_its_neighbours(project):
    source = briefings(project)[4]
    new = source.with_name("an-invented-follow-up-story.md")
    shutil.copy(source, new)
    edit_front_matter(new, lambda d: d.update(title="An invented follow-up story"))
    rendered, _ = rebuild(project)
    assert rendered > 3
    assert_same_as_clean_build(project)


def actor_without_page(project: Path, exclude: set[Path] = frozenset()) -> tuple[Path, dict]:
    """A briefing (not one of ``exclude``) and one of its actors that has no page (in one
    briefing, not key, not speaking)."""
    files = briefings(project)
    counts: dict[str, int] = {}
    for path in files:
        for a in yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0])["actors"]:
            counts[a["name"]] = counts.get(a["name"], 0) + 1
    actors_index = (project / "site" / "actors" / "index.html").read_text(encoding="utf-8")
    for path in (f for f in files if f not in exclude):
        data = yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0])
        for a in data["actors"]:
            if counts[a["name"]] == 1 and not a.get("key") and f">{a['name']}<" not in actors_index \
                    and not any(c.get("speaker") == a["name"] for c in data.get("claims") or []):
                return path, a
    raise AssertionError("no actor without a page in the samples")


def test_an_actor_gaining_a_page_links_its_name_on_pages_that_did_not_change(project):
    path, actor = actor_without_page(project)
    other = next(p for p in briefings(project) if p != path)
    edit_front_matter(other, lambda d: d["actors"].append({**actor, "key": False}))
    rebuild(project)
    page = (project / "site" / path.relative_to(project / "content").with_suffix("") / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<a [^>]*href="[^"]*actors/[^"]+/"[^>]*>{re.escape(actor["name"])}</a>', page)
    assert_same_as_clean_build(project)


def test_a_claim_speaker_gaining_a_page_elsewhere_is_linked_in_an_unchanged_briefing(project):
    # The quoting briefing is the oldest, with no key actors (no related briefings); the
    # speaker is not one of its actors, and the briefings that change are not its neighbour:
    # nothing of its own data changes, only the answer for a name its page asked about.
    files = briefings(project)
    oldest, newest = files[0], files[-1]
    path, actor = actor_without_page(project, exclude={oldest, newest})
    quoting = project / "content" / "briefings" / "1990" / "01" / "an-invented-old-story.md"
    quoting.parent.mkdir(parents=True)
    shutil.copy(oldest, quoting)

    def old_story(d):
        d.update(title="An invented old story", date="1990-01-01")
        d["actors"] = [{**a, "key": False} for a in d["actors"]]
        d["claims"] = [{"speaker": actor["name"], "kind": "attribution", "text": "the invented plan would go ahead"}]
    edit_front_matter(quoting, old_story)
    rebuild(project)
    page = project / "site" / "briefings" / "1990" / "01" / "an-invented-old-story" / "index.html"
    link = re.compile(rf'<a [^>]*href="[^"]*actors/[^"]+/"[^>]*>{re.escape(actor["name"])}</a>')
    assert actor["name"] in page.read_text(encoding="utf-8")
    assert not link.search(page.read_text(encoding="utf-8"))
    edit_front_matter(newest, lambda d: d["actors"].append({**actor, "key": True}))  # key: it gets a page
    rebuild(project)
    assert link.search(page.read_text(encoding="utf-8"))
    assert_same_as_clean_build(project)


@pytest.mark.parametrize("template", ["content/listing.html", "partials/briefing-item.html"])
def test_an_edited_template_renders_its_pages_again(project, template):
    path = project / "site_templates" / template
    path.write_text(path.read_text(encoding="utf-8") + "<!-- an invented note -->\n", encoding="utf-8")
    rendered, _ = rebuild(project)
    assert rendered > 0
    assert_same_as_clean_build(project)


def test_a_changed_plugin_option_renders_the_pages_again(project):
    write_configs(project, "      archive_page_size: 2\n")
    rendered, _ = rebuild(project)
    assert rendered > 0
    assert (project / "site" / "archive").rglob("page/2/index.html")
    assert_same_as_clean_build(project)


def test_a_damaged_manifest_renders_every_page_without_failing(project):
    total = pages_in(project)
    (project / ".site-cache" / "manifest.json").write_text('{"format": 1, "pages": [', encoding="utf-8")
    assert rebuild(project) == (total, 0)
    assert json.loads((project / ".site-cache" / "manifest.json").read_text(encoding="utf-8"))["format"] == 1
    assert_same_as_clean_build(project)


def test_a_deleted_cached_page_is_rendered_again(project):
    cached = next((project / ".site-cache" / "pages" / "actors").rglob("index.html"))
    cached.unlink()
    assert rebuild(project)[0] == 1
    assert cached.exists()
    assert_same_as_clean_build(project)


def test_a_manifest_naming_a_page_outside_the_cache_removes_nothing_there(project):
    outside = project / "keep.txt"
    outside.write_text("not the cache's", encoding="utf-8")
    manifest = project / ".site-cache" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["pages"]["../../keep.txt"] = ["0", []]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    rebuild(project)
    assert outside.exists()
    assert_same_as_clean_build(project)


def test_every_field_of_a_briefing_entry_changes_its_digest():
    import dataclasses
    import datetime as dt

    from generator.mkdocs_plugin.corpus import ActorRef, ClaimRef, Entry
    from generator.mkdocs_plugin.incremental import Digests

    def entry(**change):
        base = dict(url="briefings/2024/01/a/", path="/c/briefings/2024/01/a.md", title="A harbour strike",
                    date=dt.date(2024, 1, 2), outlet="The Invented Post", topics=["economy"], summary="Dockers stopped.",
                    actors=[ActorRef("Ana Ruiz", "person", "union leader", ["Ruiz"], True, 3)],
                    claims=[ClaimRef("Ana Ruiz", "quote", "we will stay out", "said", None)],
                    date_label="2 January 2024", month="2024-01", timeline=[("2024-01-01", "talks failed")],
                    slugs=["ana-ruiz"], key_slugs=["ana-ruiz"])
        return Entry(**{**base, **change})

    changed = {"url": "briefings/2024/01/b/", "path": "/c/briefings/2024/01/b.md", "title": "A port strike",
               "date": dt.date(2024, 1, 3), "outlet": None, "topics": [], "summary": "", "actors": [],
               "claims": [], "date_label": "3 January 2024", "month": "2024-02", "timeline": [], "slugs": [],
               "key_slugs": []}
    assert changed.keys() == {f.name for f in dataclasses.fields(Entry)}  # a new field needs a case here
    plain = Digests(plain=(Entry, ActorRef, ClaimRef)).of(entry())
    assert Digests(plain=(Entry, ActorRef, ClaimRef)).of(entry()) == plain
    for name, value in changed.items():
        assert Digests(plain=(Entry, ActorRef, ClaimRef)).of(entry(**{name: value})) != plain, name


def test_page_data_digests_follow_order_and_nested_objects():
    from generator.mkdocs_plugin.corpus import ActorPage
    from generator.mkdocs_plugin.incremental import Digests

    digests = Digests()
    first, second = ActorPage("ana", "Ana Ruiz", "person"), ActorPage("ben", "Ben Ode", "person")
    assert digests.of([first, second]) != digests.of([second, first])
    assert Digests().of({"actor": first}) != Digests().of({"actor": ActorPage("ana", "Ana Ruiz", "org")})
    assert Digests().of({"a": 1, "b": 2}) != Digests().of({"b": 2, "a": 1})  # templates iterate in order
