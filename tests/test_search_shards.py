"""The search index in shards (generator/mkdocs_plugin/search_index.py), on hand-made pages:
one Pagefind bundle per year, a year whose pages did not change is not indexed again, only
briefing pages are indexed, the name index is bounded and ordered."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_site_build import bundle_urls

from generator.mkdocs_plugin.search_index import (SearchIndexError, build_search_index, name_records,
                                                  year_pages, year_shards)

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>site navigation words</nav>
<article data-pagefind-body><h1>{title}</h1><p>{text}</p></article></body></html>"""


def write_page(site: Path, url: str, title: str, text: str) -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, text=text), encoding="utf-8")




@pytest.fixture
def site(tmp_path) -> Path:
    """Briefings in two years, plus an actor page and a month listing that must stay out of search."""
    site = tmp_path / "site"
    write_page(site, "briefings/2023/04/harbour-cranes-idle", "Harbour cranes idle", "Dockers at Fenwick stopped work.")
    write_page(site, "briefings/2023/09/orchard-frost", "Orchard frost", "Growers in Tallis counted losses.")
    write_page(site, "briefings/2024/02/tram-line-opens", "Tram line opens", "The Quarrel Street tram began service.")
    write_page(site, "actors/fenwick-dockers", "Fenwick dockers", "Dockers at Fenwick, all their briefings.")
    write_page(site, "archive/2023/04", "April 2023", "Harbour cranes idle. Dockers at Fenwick.")
    return site


def test_each_year_gets_its_own_bundle_of_its_briefings_only(site, tmp_path):
    results = build_search_index(site, "briefings", tmp_path / "cache", [])
    assert [(r.shard, r.pages, r.reindexed) for r in results] == [("2024", 1, True), ("2023", 2, True)]
    assert bundle_urls(site / "pagefind" / "2024") == {"/briefings/2024/02/tram-line-opens/"}
    assert bundle_urls(site / "pagefind" / "2023") == {"/briefings/2023/04/harbour-cranes-idle/",
                                                       "/briefings/2023/09/orchard-frost/"}
    years = json.loads((site / "pagefind" / "years.json").read_text(encoding="utf-8"))
    assert years == {"years": [{"year": "2024", "count": 1, "bundles": ["2024/"]},
                               {"year": "2023", "count": 2, "bundles": ["2023/"]}]}
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def test_an_unchanged_year_is_not_indexed_again_and_a_changed_one_is(site, tmp_path):
    cache = tmp_path / "cache"
    build_search_index(site, "briefings", cache, [])
    kept = (cache / "2023" / "bundle" / "pagefind-entry.json").stat().st_mtime_ns
    # A new build: MkDocs empties the site and writes every page again, one 2024 page changed.
    site_copy = {p: p.read_bytes() for p in site.rglob("*.html")}
    for child in list(site.iterdir()):
        shutil.rmtree(child)
    for path, data in site_copy.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    write_page(site, "briefings/2024/02/tram-line-opens", "Tram line opens late", "The Quarrel Street tram began service in May.")
    results = {r.shard: r for r in build_search_index(site, "briefings", cache, [])}
    assert not results["2023"].reindexed and results["2023"].changed_pages == 0
    assert results["2024"].reindexed and results["2024"].changed_pages == 1
    assert (cache / "2023" / "bundle" / "pagefind-entry.json").stat().st_mtime_ns == kept
    # The reused bundle is in the site again, whole.
    assert bundle_urls(site / "pagefind" / "2023") == bundle_urls(cache / "2023" / "bundle")
    assert len(bundle_urls(site / "pagefind" / "2023")) == 2


def test_a_year_without_briefings_any_more_leaves_the_cache(site, tmp_path):
    cache = tmp_path / "cache"
    build_search_index(site, "briefings", cache, [])
    shutil.rmtree(site / "briefings" / "2024")
    shutil.rmtree(site / "pagefind")
    results = build_search_index(site, "briefings", cache, [])
    assert [r.shard for r in results] == ["2023"]
    assert not (cache / "2024").exists() and not (site / "pagefind" / "2024").exists()


def test_a_damaged_manifest_means_the_year_is_indexed_again(site, tmp_path):
    cache = tmp_path / "cache"
    build_search_index(site, "briefings", cache, [])
    (cache / "2023" / "manifest.json").write_text("{not json", encoding="utf-8")
    results = {r.shard: r for r in build_search_index(site, "briefings", cache, [])}
    assert results["2023"].reindexed and not results["2024"].reindexed


def test_pagefind_failing_names_the_year(site, tmp_path, monkeypatch):
    import generator.mkdocs_plugin.search_index as search_index

    monkeypatch.setattr(search_index, "_pagefind_args", lambda briefings_dir, shard: ["--no-such-option"])
    with pytest.raises(SearchIndexError, match=r"of 2024 failed: .*no-such-option"):
        build_search_index(site, "briefings", tmp_path / "cache", [])


def test_a_year_past_the_page_limit_is_indexed_in_parts_of_whole_months(tmp_path):
    site = tmp_path / "site"
    for month, slugs in (("01", "ab"), ("02", "c"), ("05", "de"), ("11", "f")):
        for slug in slugs:
            write_page(site, f"briefings/2022/{month}/{slug}", f"Story {slug}", f"Words of story {slug} in {month}.")
    pages = year_pages(site, "briefings")["2022"]
    # Newest months first, each part as full as the limit allows.
    assert [(s.id, len(s.pages)) for s in year_shards("2022", pages, 3)] == [("2022-05-11", 3), ("2022-01-02", 3)]
    assert [(s.id, len(s.pages)) for s in year_shards("2022", pages, 2)] == [
        ("2022-11", 1), ("2022-05", 2), ("2022-02", 1), ("2022-01", 2)]
    assert [s.id for s in year_shards("2022", pages, 6)] == ["2022"]
    results = build_search_index(site, "briefings", tmp_path / "cache", [], max_pages=3)
    assert [(r.shard, r.year, r.pages) for r in results] == [("2022-05-11", "2022", 3), ("2022-01-02", "2022", 3)]
    assert bundle_urls(site / "pagefind" / "2022-05-11") == {"/briefings/2022/05/d/", "/briefings/2022/05/e/",
                                                             "/briefings/2022/11/f/"}
    assert bundle_urls(site / "pagefind" / "2022-01-02") == {"/briefings/2022/01/a/", "/briefings/2022/01/b/",
                                                             "/briefings/2022/02/c/"}
    years = json.loads((site / "pagefind" / "years.json").read_text(encoding="utf-8"))
    assert years == {"years": [{"year": "2022", "count": 6, "bundles": ["2022-05-11/", "2022-01-02/"]}]}


def test_a_month_past_the_page_limit_is_cut_into_even_parts_by_folder_name(tmp_path):
    site = tmp_path / "site"
    for slug in "gfedcba":
        write_page(site, f"briefings/2021/03/{slug}", f"Story {slug}", f"Words of story {slug}.")
    write_page(site, "briefings/2021/04/h", "Story h", "Words of story h.")
    write_page(site, "briefings/2021/02/i", "Story i", "Words of story i.")
    pages = year_pages(site, "briefings")["2021"]
    shards = year_shards("2021", pages, 3)
    # The fewest parts of at most 3 (7 pages: 3), of even size; the months around stay whole.
    assert [(s.id, [p.parent.name for p in s.pages]) for s in shards] == [
        ("2021-04", ["h"]), ("2021-03.1", ["a", "b"]), ("2021-03.2", ["c", "d"]), ("2021-03.3", ["e", "f", "g"]),
        ("2021-02", ["i"])]
    cache = tmp_path / "cache"
    results = build_search_index(site, "briefings", cache, [], max_pages=3)
    assert [(r.shard, r.pages) for r in results] == [(s.id, len(s.pages)) for s in shards]
    # Each part's bundle holds its pages only, at their own URLs.
    assert bundle_urls(site / "pagefind" / "2021-03.2") == {"/briefings/2021/03/c/", "/briefings/2021/03/d/"}
    assert set().union(*(bundle_urls(site / "pagefind" / s.id) for s in shards)) == {
        f"/briefings/2021/{p.parent.parent.name}/{p.parent.name}/" for p in pages}
    years = json.loads((site / "pagefind" / "years.json").read_text(encoding="utf-8"))
    assert years["years"][0]["bundles"] == ["2021-04/", "2021-03.1/", "2021-03.2/", "2021-03.3/", "2021-02/"]
    assert not any((cache / s.id / "pages").exists() for s in shards), "the staged pages are removed"
    # One page of the last part changes: that part alone is indexed again.
    write_page(site, "briefings/2021/03/f", "Story f, corrected", "Other words of story f.")
    again = {r.shard: r.reindexed for r in build_search_index(site, "briefings", cache, [], max_pages=3)}
    assert again == {"2021-04": False, "2021-03.1": False, "2021-03.2": False, "2021-03.3": True, "2021-02": False}


def test_two_index_runs_over_the_same_pages_give_byte_identical_bundles(tmp_path):
    site = tmp_path / "site"
    topics = ["harbours", "farming", "transport", "courts", "weather", "schools", "health", "energy"]
    for n, slug in enumerate("abcdefgh"):  # filters of many values: Pagefind 1.5.2 writes them in any order
        path = site / f"briefings/2020/0{n % 3 + 1}/{slug}/index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        tags = "".join(f'<span data-pagefind-filter="topic">{t}</span>' for t in topics[n:n + 3])
        kinds = "".join(f'<span data-pagefind-filter="actor type">{k}</span>' for k in ("person", "organisation", "place", "event")[n % 4:])
        path.write_text(PAGE.format(title=f"Story {slug}", text=f"Words of story {slug}. {tags}{kinds}"), encoding="utf-8")

    def bundle_bytes(cache: Path) -> dict[str, bytes]:
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        build_search_index(site, "briefings", cache, [], max_pages=3)
        root = site / "pagefind"
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first = bundle_bytes(tmp_path / "cache-1")
    assert any(name.endswith(".pf_filter") for name in first)
    for run in (2, 3):  # with a fresh cache each time: Pagefind runs again
        again = bundle_bytes(tmp_path / f"cache-{run}")
        assert sorted(again) == sorted(first)
        assert [name for name in first if again[name] != first[name]] == []
    assert bundle_urls(site / "pagefind" / "2020-03") == {"/briefings/2020/03/c/", "/briefings/2020/03/f/"}


def test_only_four_digit_year_folders_are_years(tmp_path):
    site = tmp_path / "site"
    write_page(site, "briefings/2022/01/a", "A", "a")
    write_page(site, "briefings/drafts/b", "B", "b")
    assert list(year_pages(site, "briefings")) == ["2022"]
    assert year_pages(tmp_path / "nothing", "briefings") == {}


def test_name_index_keeps_the_most_seen_actors_with_their_aliases(tmp_path):
    def actor(name, aliases, slug, atype, briefings):
        return SimpleNamespace(name=name, aliases=aliases, url=f"actors/{slug}/", type=atype, entries=[None] * briefings)

    actors = [actor("Maren Ostby", ["Ostby", "Maren Ostby"], "maren-ostby", "person", 9),
              actor("Tallis Growers Union", ["TGU"], "tallis-growers-union", "org", 4),
              actor("Fenwick", [], "fenwick", "place", 2)]
    assert name_records(actors, 2) == [["Maren Ostby", ["Ostby"], "actors/maren-ostby/", "person", 9],
                                       ["Tallis Growers Union", ["TGU"], "actors/tallis-growers-union/", "org", 4]]
    site = tmp_path / "site"
    write_page(site, "briefings/2022/01/a", "A", "a")
    build_search_index(site, "briefings", tmp_path / "cache", name_records(actors, 10))
    written = json.loads((site / "pagefind" / "names.json").read_text(encoding="utf-8"))
    assert [r[0] for r in written] == ["Maren Ostby", "Tallis Growers Union", "Fenwick"]
