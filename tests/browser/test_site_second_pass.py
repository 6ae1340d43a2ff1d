"""What issue 18 asked of the site, in Chromium, on a desktop (1280x800) and a phone (390x844):
search from every page's header, facets that filter, actor links that lead to actor pages,
claims that read as sentences (a denial as a denial), feeds that resolve, no serious
accessibility problem on any kind of page, and screenshots of every kind of page."""
from __future__ import annotations

import re
from urllib.parse import urlencode, urlparse

import feedparser
import pytest

from tests.browser.conftest import AXE, DENIAL_URL, SCREENSHOTS, require_browser

require_browser()

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
RESULT = ".pagefind-ui__result"
MESSAGE = ".pagefind-ui__message"


def path_of(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def result_count(page, previous: str | None = None) -> int:
    page.wait_for_function(
        """([sel, previous]) => {
             const m = document.querySelector(sel);
             return m && /\\d+ results? for/.test(m.textContent) && m.textContent !== previous;
           }""", arg=[MESSAGE, previous])
    return int(re.match(r"\s*(\d+)", page.inner_text(MESSAGE)).group(1))


def page_kinds(site) -> dict[str, str]:
    """One URL of every kind of page the site has."""
    seed = next(b for b in site.briefings if "seeds/" in b.meta["source"]["path"])
    actor = max((site.root / "actors").glob("*/index.html"),
                key=lambda p: (p.read_text(encoding="utf-8").count('class="bx-list__item"'), p.parent.name))
    month = sorted(p.parent for p in (site.root / "archive").glob("*/*/index.html"))[0]
    topic = sorted(p.parent.name for p in (site.root / "topics").glob("*/index.html"))[0]
    return {
        "home": "", "briefing": seed.url, "briefing-denial": DENIAL_URL, "actor": f"actors/{actor.parent.name}/",
        "actors": "actors/", "archive": "archive/", "month": month.relative_to(site.root).as_posix() + "/",
        "topics": "topics/", "topic": f"topics/{topic}/", "search": "search/?q=said",
    }


# -- search ---------------------------------------------------------------------------------

@VIEWPORTS
def test_header_search_field_on_a_briefing_page_opens_search_results(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(DENIAL_URL)
    field = page.get_by_role("search").get_by_label("Search the site")
    assert field.is_visible(), "no search field in the header"
    field.fill("Zelensky")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Zelensky"))
    assert result_count(page) >= 1
    # On a phone the first result starts on the first screen.
    top = page.locator(RESULT).first.bounding_box()["y"]
    assert top < viewport["height"] - 60, f"the first result starts {top:.0f}px down"


@VIEWPORTS
def test_a_facet_click_filters_results(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("search/?" + urlencode({"q": "said"}))
    total = result_count(page)
    message = page.inner_text(MESSAGE)
    block = page.locator("details.pagefind-ui__filter-block", has=page.locator("summary", has_text=re.compile("^actor type$", re.I)))
    block.wait_for()
    # Styled as a facet, not as Material's admonition (which draws a coloured border box).
    border = block.evaluate("d => getComputedStyle(d).borderLeftWidth")
    assert border in ("0px", ""), f"the facet is drawn as a box (border {border})"
    if not block.evaluate("d => d.open"):
        block.locator("summary").click()
    block.locator(".pagefind-ui__filter-label", has_text="person").first.click()
    narrowed = result_count(page, previous=message)
    assert 0 < narrowed < total, f"filtering by actor type 'person' left {narrowed} of {total}"
    expected = {b.url for b in site.briefings if any(a["type"] == "person" for a in b.key_actors)}
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= Math.min(n, 5)",
                           arg=[".pagefind-ui__result-link", narrowed])
    shown = {path_of(h) for h in page.locator(".pagefind-ui__result-link").evaluate_all("l => l.map(a => a.href)")}
    assert shown <= expected, f"results without a key person: {shown - expected}"


def test_key_actor_and_actor_type_facets_work_from_a_link(site, page):
    facets = set()
    for b in site.briefings:
        facets |= set(re.findall(r'data-pagefind-filter="actor">([^<]+)<', site.html(b.url)))
    assert "Joe Biden" in facets, "a key actor of two briefings is not a search facet"
    page.goto("search/?" + urlencode({"q": "Kyiv", "actor": "Joe Biden"}))
    n = result_count(page)
    assert n >= 2
    assert page.locator('input.pagefind-ui__filter-checkbox[value="Joe Biden"]').is_checked()


# -- linking ---------------------------------------------------------------------------------

@VIEWPORTS
def test_an_actor_link_from_a_briefing_reaches_its_actor_page(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(DENIAL_URL)
    # A described speaker ("officials from the White House") links to the actor it belongs to.
    claim = page.locator("li.bx-claim", has_text="the call lasted more than an hour")
    link = claim.get_by_role("link", name=re.compile("officials from the White House", re.I))
    link.click()
    page.wait_for_url(re.compile(r"/actors/white-house/$"))
    assert page.locator("h1").inner_text() == "White House"
    # Also-mentioned names are links too, and key actors lead on to their pages.
    page.goto(DENIAL_URL)
    page.locator("section.bx-actors").get_by_role("link", name="Volodymyr Zelensky").click()
    page.wait_for_url(re.compile(r"/actors/volodymyr-zelensky/$"))
    assert page.locator("h1").inner_text() == "Volodymyr Zelensky"
    search = page.get_by_role("link", name=re.compile("Search within Volodymyr Zelensky"))
    search.click()
    page.wait_for_url(re.compile(r"/search/\?"))
    assert result_count(page) >= 1


@VIEWPORTS
def test_the_generated_seed_briefing_shows_the_white_house_denial_as_a_denial(site, new_page, viewport):
    """End to end: the claims extractor marks the seed's denial, the page says it as one."""
    seed = next(b for b in site.briefings if "seeds/" in b.meta["source"]["path"])
    page = new_page(viewport=viewport)
    page.goto(seed.url)
    sentences = page.locator("section.bx-claims li.bx-claim").all_inner_texts()
    assert any(s.startswith("White House denied that the president was pressuring Kyiv") for s in sentences), sentences


@VIEWPORTS
def test_the_seed_denial_reads_as_a_denial(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(DENIAL_URL)
    sentences = page.locator("section.bx-claims li.bx-claim").all_inner_texts()
    assert "White House denied that the president was pressuring Kyiv to make concessions to Russia." in sentences
    assert "Joe Biden told reporters that he would not send soldiers to Ukraine, according to NY Post." in sentences
    header = page.locator("article header").inner_text()
    assert "White House denies pressing Kyiv" in page.locator("h1").inner_text(), "the source's headline is not shown"
    assert "By Ana Ruiz, Tom Berg" in header and "10 December 2021" in header
    assert page.get_by_role("link", name="original article").get_attribute("href") == \
        "https://news.example.org/2021/12/10/white-house-denies"


def test_story_navigation_leads_to_the_briefing_before_and_a_related_one(site, page):
    page.goto(DENIAL_URL)
    earlier = page.locator("a[rel=prev]")
    assert "9 December 2021" in earlier.inner_text()
    related = page.locator("nav.bx-related a.bx-list__title")
    assert related.count() >= 1  # the seed shares its key actor Joe Biden
    title = related.first.inner_text()
    related.first.click()
    page.wait_for_url(re.compile(r"/briefings/"))
    assert page.locator("h1").inner_text() == title
    assert page.locator("a[rel=next]").count() == 1
    # The header tab of a briefing page is highlighted.
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Archive"


# -- feeds ----------------------------------------------------------------------------------

def test_feed_links_resolve_to_atom_feeds_of_the_right_briefings(site, page, base_url):
    for url, expect in (("", None), ("actors/joe-biden/", "Joe Biden"), ("topics/politics/", None)):
        page.goto(url)
        hrefs = page.locator('link[rel~="alternate"][type="application/atom+xml"]').evaluate_all("ls => ls.map(l => l.href)")
        assert hrefs, f"/{url} advertises no feed"
        for href in hrefs:
            response = page.request.get(href)
            assert response.ok, href
            feed = feedparser.parse(response.body())
            assert not feed.bozo, f"{href}: {feed.bozo_exception}"
            assert feed.version == "atom10" and feed.entries
            for entry in feed.entries:
                target = page.request.get(entry.link)
                assert target.ok, f"{href}: entry link {entry.link} does not resolve"
                if expect and href.endswith(f"{url}feed.xml"):
                    assert expect in target.text(), f"{entry.link} in {expect}'s feed does not mention {expect}"


# -- accessibility --------------------------------------------------------------------------

@VIEWPORTS
def test_no_serious_accessibility_violation_on_any_kind_of_page(site, browser, base_url, viewport):
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing (bash .ci/setup --browser installs axe-core)")
    context = browser.new_context(base_url=base_url, viewport=viewport, bypass_csp=True)
    try:
        page = context.new_page()
        problems = []
        for kind, url in page_kinds(site).items():
            page.goto(url)
            page.wait_for_load_state("networkidle")
            if kind == "search":
                page.wait_for_selector(RESULT)
            page.add_script_tag(path=str(AXE))
            found = page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }""")
            problems += [f"{kind} /{url}: {p}" for p in found]
        assert not problems, "axe-core found:\n  " + "\n  ".join(problems)
    finally:
        context.close()


# -- screenshots ---------------------------------------------------------------------------

def test_screenshots_of_every_kind_of_page_on_desktop_and_phone(site, new_page):
    SCREENSHOTS.mkdir(exist_ok=True)
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(viewport=viewport, device_scale_factor=1)
        for kind, url in page_kinds(site).items():
            page.goto(url)
            page.wait_for_load_state("networkidle")
            if kind == "search":
                page.wait_for_selector(RESULT)
            path = SCREENSHOTS / f"{device}-{kind}.png"
            page.screenshot(path=str(path), full_page=device == "desktop")
            assert path.stat().st_size > 5_000, f"{path.name} is nearly empty"
