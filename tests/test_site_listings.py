"""Index pages stay bounded: month and topic listings paginate, actor pages and the actors
index are capped with a way on to search."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from generator.pipeline import generate
from tests.conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def small_pages_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("listings")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - briefings ", "  - briefings:\n      archive_page_size: 2\n      actor_briefings_max: 1\n"
                        "      actors_index_max: 1\n      search_index: false\n     ", 1)
    assert "archive_page_size: 2" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    # Two copies of each sample in other months: topics and actors recur across briefings.
    src = project / "articles"
    src.mkdir()
    for i, path in enumerate(sorted(SAMPLES.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        (src / path.name).write_text(text, encoding="utf-8")
        (src / f"again-{path.name}").write_text(re.sub(r"date \d{4}-\d{2}", "date 2020-0" + str(1 + i % 9), text, count=1),
                                                 encoding="utf-8")
    assert generate([src], project / "content").ok
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_topic_listing_is_paginated_with_links_both_ways(small_pages_site):
    second_pages = sorted(small_pages_site.glob("topics/*/page/2/index.html"))
    assert second_pages
    html = second_pages[0].read_text(encoding="utf-8")
    assert "Page 2 of" in html and 'rel="prev"' in html
    first = (second_pages[0].parents[2] / "index.html").read_text(encoding="utf-8")
    assert 'rel="next"' in first and len(re.findall(r'class="bx-list__item"', first)) == 2


def test_actor_page_lists_newest_briefings_and_links_search_for_the_rest(small_pages_site):
    pages = [p.read_text(encoding="utf-8") for p in small_pages_site.glob("actors/*/index.html")]
    capped = [h for h in pages if "in search</a>" in h]
    assert capped, "an actor in several briefings should link to search for the rest"
    assert all(len(re.findall(r'class="bx-list__item"', h)) == 1 for h in capped)
    assert all("<svg" in h for h in pages)


def test_actors_index_shows_the_top_of_each_type_and_counts_the_rest(small_pages_site):
    html = (small_pages_site / "actors" / "index.html").read_text(encoding="utf-8")
    for section in re.findall(r'<h2 id="(\w+)">', html):
        block = html.split(f'<h2 id="{section}">', 1)[1].split("<h2", 1)[0]
        assert len(re.findall(r"<li>", block)) == 1
    assert "through <a" in html


def test_actor_chart_is_labelled_by_month_shows_empty_months_and_switches_to_years_for_long_spans():
    from generator.mkdocs_plugin.corpus import ActorPage

    short = ActorPage(slug="a", name="A", type="org", mentions_by_month=[("2021-11", 2), ("2022-01", 5)])
    # Month names on every bar; the year under the first bar and under each January.
    assert short.chart() == [("Nov", 2, "2021"), ("Dec", 0, ""), ("Jan", 5, "2022")]
    long = ActorPage(slug="b", name="B", type="org", mentions_by_month=[("2015-03", 1), ("2018-07", 4)])
    assert long.chart() == [("2015", 1, ""), ("2016", 0, ""), ("2017", 0, ""), ("2018", 4, "")]


def chart_svg(bars) -> str:
    """The chart partial as actor pages render it."""
    from jinja2 import Environment, FileSystemLoader

    from generator.mkdocs_plugin.chart import BAR_WIDTH, chart_geometry

    env = Environment(loader=FileSystemLoader(str(ROOT / "site_templates")), autoescape=True)
    return env.get_template("partials/chart.svg").render(chart=chart_geometry(bars), bar_width=BAR_WIDTH).strip()


def test_actor_chart_bars_scale_to_the_busiest_month_with_counts_only_on_non_empty_bars():
    svg = chart_svg([("Nov", 2, "2021"), ("Dec", 0, ""), ("Jan", 4, "2022")])
    assert svg.startswith('<svg role="img"') and 'width="98"' in svg and svg.endswith("</svg>")  # 3 bars of 30 + 8
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights == [30.0, 0.0, 60.0]
    assert re.findall(r'class="bx-chart__n">(\d+)<', svg) == ["2", "4"]  # no "0" over an empty month
    assert re.findall(r"<title>([^<]+)</title>", svg) == ["Nov 2021: 2 mentions", "Dec: 0 mentions", "Jan 2022: 4 mentions"]
    assert "<title>Dec 2021" not in svg and chart_svg([("2019", 1, "")]).count("1 mention<") == 1


def test_a_briefing_listed_at_every_depth_links_from_the_page_it_is_on(small_pages_site):
    site = small_pages_site
    pages = [(site / "index.html", False), *((p, False) for p in (site / "topics").rglob("index.html")),
             *((p, True) for p in (site / "actors").glob("*/index.html")),
             *((p, True) for p in (site / "briefings").rglob("index.html"))]  # related briefings: compact
    depths, summaries = set(), 0
    for page, compact in pages:
        html = page.read_text(encoding="utf-8")
        for item in re.findall(r'<li class="bx-list__item">.*?</li>', html, re.S):
            href = re.search(r'class="bx-list__title" href="([^"]+)"', item)[1]
            assert (page.parent / href / "index.html").resolve().is_file(), f"{href} from {page.relative_to(site)}"
            if compact:
                assert "bx-list__summary" not in item
            summaries += "bx-list__summary" in item
            depths.add(len(page.relative_to(site).parts))
    assert summaries and len(depths) == 3  # home; topic and actor pages; briefings and topic pages 2, 3, …
