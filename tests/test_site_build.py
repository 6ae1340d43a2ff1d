"""End to end: generate briefings, build the MkDocs site, read what a reader gets."""
from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.pipeline import generate
from tests.conftest import SAMPLES


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=project)


def page_of(project: Path, source_stem: str) -> tuple[Path, Path]:
    """(briefing .md, built index.html) for the article whose file name starts with source_stem."""
    for md in (project / "content" / "briefings").rglob("*.md"):
        if f"/{source_stem}" in md.read_text(encoding="utf-8").split("sha256")[0]:
            rel = md.relative_to(project / "content").with_suffix("")
            return md, project / "site" / rel / "index.html"
    raise AssertionError(f"no briefing for {source_stem}")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, seed_path) -> Path:
    from tests.conftest import ROOT
    import shutil

    project = tmp_path_factory.mktemp("site")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    assert generate([SAMPLES, seed_path.parent], project / "content").ok
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_build_is_strict_clean_and_has_one_page_per_briefing(built_site):
    pages = list((built_site / "site" / "briefings").rglob("index.html"))
    assert len(pages) == len(list(SAMPLES.glob("*.txt"))) + 1


def test_briefing_page_renders_front_matter_sections(built_site):
    _, html_path = page_of(built_site, "000_26b014acf4a540e6")
    html = html_path.read_text(encoding="utf-8")
    for section in ("Key actors", "Who said what", "Figures", "Timeline", "Article"):
        assert f">{section}</h2>" in html
    assert "Joe Biden" in html and "NY Post" in html
    assert "175,000" in html and "2021-12-07" in html


def test_home_page_lists_latest_briefings_newest_first(built_site):
    html = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', html)
    assert len(dates) == len(list(SAMPLES.glob("*.txt"))) + 1
    assert dates == sorted(dates, reverse=True)


def bundle_urls(bundle: Path) -> set[str]:
    """The page URLs a Pagefind bundle holds (from its fragments: gzipped, after a signature)."""
    urls = set()
    for fragment in bundle.glob("fragment/*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def test_search_is_one_pagefind_bundle_per_year_with_facets(built_site):
    root = built_site / "site" / "pagefind"
    briefings = sorted((built_site / "content" / "briefings").rglob("*.md"))
    years = sorted({md.relative_to(built_site / "content" / "briefings").parts[0] for md in briefings}, reverse=True)
    listed = json.loads((root / "years.json").read_text(encoding="utf-8"))["years"]
    assert [y["year"] for y in listed] == years, "years.json lists every year, newest first"
    for year in listed:
        [folder] = year["bundles"]  # a small year is one bundle
        bundle = root / folder
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        [language] = entry["languages"].values()
        in_year = [md for md in briefings if f"/briefings/{year['year']}/" in md.as_posix()]
        assert language["page_count"] == year["count"] == len(in_year)
        assert list(bundle.glob("filter/*.pf_filter")) and list(bundle.glob("index/*.pf_index"))
        # Only that year's briefings: actor, listing and navigation pages are reached by navigation.
        urls = bundle_urls(bundle)
        assert len(urls) == len(in_year)
        assert all(u.startswith(f"/briefings/{year['year']}/") for u in urls), urls
    assert (root / "pagefind-ui.js").exists() and (root / "pagefind-ui.css").exists()
    _, html_path = page_of(built_site, "000_26b014acf4a540e6")
    html = html_path.read_text(encoding="utf-8")
    assert 'data-pagefind-filter="year"' not in html, "the year is the bundle, not a facet"
    assert 'data-pagefind-filter="topic"' in html
    # Actor facets only for key actors seen in more than one briefing.
    facets = set()
    for page in (built_site / "site" / "briefings").rglob("index.html"):
        facets |= set(re.findall(r'data-pagefind-filter="actor">([^<]+)<', page.read_text(encoding="utf-8")))
    pages = {p.read_text(encoding="utf-8") for p in (built_site / "site" / "actors").glob("*/index.html")}
    for name in facets:
        page = next(h for h in pages if f"<h1>{name}</h1>" in h)
        assert len(re.findall(r'class="bx-list__item"', page)) > 1, name


def test_name_index_leads_to_actor_pages_most_seen_first(built_site):
    records = json.loads((built_site / "site" / "pagefind" / "names.json").read_text(encoding="utf-8"))
    actor_pages = list((built_site / "site" / "actors").glob("*/index.html"))
    assert len(records) == len(actor_pages), "every actor page is in the name index (fewer than search_names_max)"
    counts = [r[4] for r in records]
    assert counts == sorted(counts, reverse=True)
    for name, aliases, url, atype, count in records:
        html = (built_site / "site" / url / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{name}</h1>" in html, url
        assert name not in aliases and atype in ("person", "org", "place", "group")
        assert len(re.findall(r'class="bx-list__item"', html)) == min(count, 50), url


def test_every_claim_speaker_that_is_an_actor_links_to_its_page(built_site):
    md, html_path = page_of(built_site, "000_26b014acf4a540e6")
    front = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
    html = html_path.read_text(encoding="utf-8")
    claims = html.split('id="claims"', 1)[1].split('id="figures"', 1)[0]
    sentences = re.findall(r'<li class="bx-claim[^"]*">(.*?)</li>', claims, re.S)
    assert len(sentences) == len(front["claims"])
    actor_names = {a["name"] for a in front["actors"]}
    linked = 0
    for claim, sentence in zip(front["claims"], sentences):
        if claim.get("speaker") in actor_names and (built_site / "site" / "actors").joinpath(
                re.sub(r"[^a-z0-9]+", "-", claim["speaker"].lower()).strip("-")).is_dir():
            assert re.search(r'<a href="[./]*actors/[a-z0-9-]+/">' + re.escape(claim["speaker"]) + "</a>", sentence), sentence
            linked += 1
    assert linked >= 3, "the seed's named speakers should link to their actor pages"


def test_edited_front_matter_shows_after_build_without_regenerating(built_site):
    md, html_path = page_of(built_site, "000_26b014acf4a540e6")
    text = md.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^summary: .*$", "summary: An editor rewrote this summary by hand.", text, count=1)
    md.write_text(edited, encoding="utf-8")
    try:
        assert build(built_site).returncode == 0
        assert "An editor rewrote this summary by hand." in html_path.read_text(encoding="utf-8")
    finally:
        md.write_text(text, encoding="utf-8")


def test_broken_front_matter_fails_the_build_naming_file_and_field(built_site):
    md, _ = page_of(built_site, "000_26b014acf4a540e6")
    text = md.read_text(encoding="utf-8")
    md.write_text(text.replace("type: person", "type: persn", 1), encoding="utf-8")
    try:
        result = build(built_site)
        assert result.returncode != 0
        assert re.search(r"\.md:\d+: actors\[\d+\]\.type: 'persn' is not one of", result.stdout + result.stderr)
    finally:
        md.write_text(text, encoding="utf-8")
