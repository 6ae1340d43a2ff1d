"""Search in yearly shards, in Chromium: the year choice lists every year, choosing an older
year loads that year's bundle (and only it) and finds its briefings, "all years" merges every
bundle, and the header field offers actor pages as a reader types. The built site of the
session (samples + seed) has briefings in several years; test data comes from its front matter."""
from __future__ import annotations

import json
from collections import Counter
import re
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import require_browser
from tests.browser.test_reader_flows import MESSAGE, all_result_paths, result_count

require_browser()

pytestmark = pytest.mark.browser


def year_of(briefing) -> str:
    return briefing.url.split("/")[1]


def words_of_one_year(site, year: str) -> list[str]:
    """Capitalised words of the briefings of ``year`` whose first five letters appear in no
    briefing page of another year, longest first (Pagefind matches stems and prefixes:
    "Advisor" finds "advise"; and it indexes the whole briefing page, not only the article)."""
    words = set()
    for b in site.briefings:
        if year_of(b) == year:
            words.update(re.findall(r"\b[A-Z][a-z]{4,}\b", b.body))
    others = " ".join(site.html(b.url).lower() for b in site.briefings if year_of(b) != year)
    only = sorted((w for w in words if w.lower()[:5] not in others), key=lambda w: (-len(w), w))
    assert only, f"no word of the {year} briefings is absent from the other years"
    return only


def search_in_page(page, word: str) -> str:
    """Types ``word`` into Pagefind's field; the message it answers with."""
    page.fill(".pagefind-ui__search-input", word)
    page.wait_for_function("(w) => { const m = document.querySelector('.pagefind-ui__message');"
                           " return m && m.textContent.includes(w) && /^(No|\\d+) results? for/.test(m.textContent); }", arg=word)
    return page.inner_text(MESSAGE)


def unfound_word(page, site, year: str, newest: str) -> str:
    """A word of ``year``'s briefings that the search page, on the newest year, does not find."""
    word = next((w for w in words_of_one_year(site, year)[:8] if search_in_page(page, w).startswith("No results")), None)
    assert word, f"every candidate word of {year} is also found in {newest}"
    return word


def test_choosing_an_older_year_loads_its_bundle_and_finds_its_briefings(site, page, browser_log):
    years = sorted({year_of(b) for b in site.briefings}, reverse=True)
    assert len(years) >= 2, "the test site needs briefings in two years"
    older = years[-1]
    page.goto("search/")
    choice = page.locator("#bx-search-years")
    choice.wait_for()
    labels = choice.locator("label").all_inner_texts()
    for year in years:  # every year, with its count of briefings
        count = sum(year_of(b) == year for b in site.briefings)
        assert any(re.fullmatch(rf"{year}( \(newest\))? \({count}\)", text.strip()) for text in labels), (year, labels)
    assert any(text.strip().startswith("All years") for text in labels)
    assert page.locator("#bx-search-years input:checked").input_value() == years[0], "the newest year is searched first"
    word = unfound_word(page, site, older, years[0])

    browser_log.requests.clear()
    with page.expect_navigation():
        choice.locator(f'input[value="{older}"]').check()
    assert f"year={older}" in page.url and f"q={word}" in page.url, "the choice and the words typed are in the URL"
    assert result_count(page) >= 1
    paths = all_result_paths(page)
    assert paths and all(p.startswith(f"briefings/{older}/") for p in paths), paths
    assert any(word in site.briefing_at(p).body for p in paths)
    bundles = {m.group(1) for url in browser_log.requests if (m := re.search(r"/pagefind/(\d{4})/", url))}
    assert bundles == {older}, f"a one-year search loads that year's bundle only, not {sorted(bundles)}"


def test_all_years_merges_every_bundle(site, page, browser_log):
    page.goto("search/?" + urlencode({"q": "said", "year": "all"}))
    paths = all_result_paths(page)
    expected = {b.url for b in site.briefings if re.search(r"\bsaid\b", b.body, re.I)}
    assert {year_of_path(p) for p in paths} == {year_of_path(u) for u in expected}, "results from every year that has one"
    assert page.locator("#bx-search-years input:checked").input_value() == "all"
    bundles = {m.group(1) for url in browser_log.requests if (m := re.search(r"/pagefind/(\d{4})/", url))}
    assert bundles == {year_of(b) for b in site.briefings}


def year_of_path(path: str) -> str:
    return path.split("/")[1]


def test_a_link_search_with_no_match_in_the_newest_year_searches_all_years(site, page):
    years = sorted({year_of(b) for b in site.briefings}, reverse=True)
    page.goto("search/")
    page.locator("#bx-search-years").wait_for()
    word = unfound_word(page, site, years[-1], years[0])
    page.goto("search/?" + urlencode({"q": word}))
    assert result_count(page) >= 1
    paths = all_result_paths(page)
    assert any(p.startswith(f"briefings/{years[-1]}/") for p in paths), paths
    assert not any(p.startswith(f"briefings/{years[0]}/") for p in paths), paths
    assert "searching all years" in page.inner_text("#bx-search-scope")
    assert page.locator("#bx-search-years input:checked").input_value() == "all"


def test_header_field_offers_actor_pages_as_the_reader_types(site, page):
    names = json.loads((site.root / "pagefind" / "names.json").read_text(encoding="utf-8"))
    person = next(r for r in names if r[3] == "person" and " " in r[0])
    name, url = person[0], person[2]
    page.goto(site.briefings[0].url)
    field = page.get_by_role("search").get_by_label("Search the site")
    field.press_sequentially(name.split()[-1][:5].lower())  # the start of the surname, in lower case
    hit = page.locator(".bx-name-hits--header a", has_text=name)
    hit.wait_for()
    assert hit.get_attribute("href").endswith(url)
    hit.click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    assert page.locator("h1").first.inner_text() == name


SECOND_REPORT = "-second-report"  # the copy of a 2025 briefing the site in parts adds to its month


def first_said_2025(site):
    """The first 2025 briefing with the word "said" (the site in parts adds a copy of it)."""
    return next(b for b in site.briefings if year_of(b) == "2025" and re.search(r"\bsaid\b", b.body, re.I))


@pytest.fixture(scope="module")
def site_in_parts(site, tmp_path_factory):
    """The session's site built again with ``search_shard_pages: 1`` and a second briefing in
    the month of the first 2025 one: every month of briefings is a bundle of its own, and
    that month of two briefings is cut into two parts, so a year is searched in parts."""
    import shutil
    import subprocess
    import sys

    project = tmp_path_factory.mktemp("site-in-parts")
    shutil.copytree(site.project / "content", project / "content")
    shutil.copytree(site.project / "site_templates", project / "site_templates")
    first = first_said_2025(site)
    copy = project / "content" / first.md.relative_to(site.project / "content")
    text = copy.read_text(encoding="utf-8").replace(f"title: {first.title}", f"title: {first.title} (second report)", 1)
    copy.with_name(copy.stem + SECOND_REPORT + ".md").write_text(text, encoding="utf-8")
    text = (site.project / "mkdocs.yml").read_text(encoding="utf-8")
    text, count = re.subn(r"^(\s*)- briefings\b.*$", r"\1- briefings:\n\1    search_shard_pages: 1", text, flags=re.M)
    assert count == 1
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_a_year_indexed_in_parts_is_searched_whole(site, site_in_parts, browser):
    from tests.browser.conftest import served

    in_2025 = [b for b in site.briefings if year_of(b) == "2025"]
    months = Counter(b.url.split("/")[2] for b in in_2025)
    first = first_said_2025(site)
    years = json.loads((site_in_parts / "pagefind" / "years.json").read_text(encoding="utf-8"))["years"]
    [newest] = [y for y in years if y["year"] == "2025"]
    month = first.url.split("/")[2]
    # A bundle per month, and the month of two briefings in two parts.
    assert len(newest["bundles"]) == len(months) + 1 > 2, newest
    assert f"2025-{month}.1/" in newest["bundles"] and f"2025-{month}.2/" in newest["bundles"], newest
    second = first.url.rstrip("/") + SECOND_REPORT + "/"
    expected = {b.url for b in in_2025 if re.search(r"\bsaid\b", b.body, re.I)}
    with served(site_in_parts) as base:
        context = browser.new_context(base_url=base)
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        page = context.new_page()
        try:
            page.goto("search/?" + urlencode({"q": "said"}))  # the newest year: all its parts
            assert set(all_result_paths(page)) == expected | {second}
            parts = {m.group(1) for url in requested if (m := re.search(r"/pagefind/(\d{4}[-.\d]*)/", url))}
            assert parts == {b.rstrip("/") for b in newest["bundles"]}, "only the newest year's parts are loaded"
        finally:
            context.close()
