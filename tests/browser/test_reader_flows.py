"""What a reader does on the site, in Chromium: search, filter, follow actors, browse months,
read on a phone, use the keyboard. Test data is chosen from the generated front matter, so
the tests follow the extractors as they improve."""
from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import urlencode, urlparse

import pytest

from tests.browser.conftest import SCREENSHOTS, require_browser

require_browser()

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result-link"
MESSAGE = ".pagefind-ui__message"


# -- helpers -----------------------------------------------------------------------------------

def path_of(url: str) -> str:
    """Site-relative path of a page URL: "http://127.0.0.1:1234/actors/x/" -> "actors/x/"."""
    return urlparse(url).path.lstrip("/")


def topic_filters(html: str) -> set[str]:
    """The Pagefind topic facet values a built briefing page carries."""
    return {unescape(v) for v in re.findall(r'data-pagefind-filter="topic">([^<]*)<', html)}


def result_count(page, previous: str | None = None) -> int:
    """Waits for Pagefind's "N results for …" message (a new one when `previous` is given)."""
    page.wait_for_function(
        """([sel, previous]) => {
             const m = document.querySelector(sel);
             return m && /\\d+ results? for/.test(m.textContent) && m.textContent !== previous;
           }""",
        arg=[MESSAGE, previous],
    )
    return int(re.match(r"\s*(\d+)", page.inner_text(MESSAGE)).group(1))


def all_result_paths(page) -> list[str]:
    """Every result's site-relative path, pressing "Load more results" until all are shown."""
    expected = result_count(page)
    more = page.locator("button.pagefind-ui__button")
    while page.locator(RESULT).count() < expected and more.count():
        more.first.click()
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n", arg=[RESULT_LINK, expected])
    return [path_of(href) for href in page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")]


# -- search -------------------------------------------------------------------------------------

def test_reader_searches_an_actor_from_home_and_opens_the_result(site, page):
    people = [a["name"] for b in site.briefings for a in b.key_actors
              if a["type"] == "person" and len(a["name"].split()) >= 2 and a["name"] in b.body]
    assert people, "no briefing has a key person actor (with a full name) to search for"
    name = sorted(people)[0]

    page.goto("")
    page.get_by_label("Search briefings").fill(name)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.wait_for_selector(RESULT)
    assert page.locator(".pagefind-ui__search-input").input_value() == name, "the query is not shown in the search box"

    page.locator(RESULT_LINK).first.click()
    page.wait_for_load_state()
    assert path_of(page.url).startswith("briefings/"), page.url
    assert name in page.inner_text("article.bx-briefing")
    assert page.locator("h1").inner_text() in {b.title for b in site.briefings}


def test_reader_filters_search_by_topic(site, page):
    word = "said"
    assert sum(word in b.body for b in site.briefings) >= 3, f"too few briefings say {word!r} to test filtering"

    page.goto("search/?" + urlencode({"q": word}))
    unfiltered = all_result_paths(page)
    assert len(unfiltered) >= 3
    topics_of = {p: topic_filters(site.html(p)) for p in unfiltered}
    counts = Counter(t for ts in topics_of.values() for t in ts)
    # The topic on most results that still leaves some out, so filtering visibly narrows.
    candidates = [t for t, n in counts.most_common() if n < len(unfiltered)]
    assert candidates, f"every result of {word!r} has the same topics: {counts}"
    label = candidates[0]
    expected = {p for p, ts in topics_of.items() if label in ts}

    message = page.inner_text(MESSAGE)
    group = page.locator("details.pagefind-ui__filter-block", has=page.locator("summary", has_text=re.compile("^topic$", re.I)))
    try:
        group.wait_for(timeout=3_000)
    except Exception:  # Playwright's TimeoutError
        shown = page.locator("summary.pagefind-ui__filter-name").all_inner_texts()
        pytest.fail(f"the search page shows facets {shown}, not the topic facet (a search run before every "
                    f"filter chunk loaded keeps only the facets loaded by then)", pytrace=False)
    if not group.evaluate("d => d.open"):
        group.locator("summary").click()
    group.locator(".pagefind-ui__filter-label", has_text=label).first.click()
    assert group.locator(f'input.pagefind-ui__filter-checkbox[value="{label}"]').is_checked()
    assert result_count(page, previous=message) == len(expected)
    via_checkbox = all_result_paths(page)
    assert set(via_checkbox) == expected, f"results filtered by topic {label!r} are not that topic's briefings"
    assert len(via_checkbox) < len(unfiltered)

    # The same filter from a link: /search/?topic=…&q=… (what topic pages and others can link to).
    page.goto("search/?" + urlencode({"topic": label, "q": word}))
    via_url = all_result_paths(page)
    assert set(via_url) == expected, f"?topic={label} did not filter the results"
    assert page.locator(f'input.pagefind-ui__filter-checkbox[value="{label}"]').is_checked()
    for path in via_url:
        assert label in topic_filters(site.html(path)), path


# -- actors -------------------------------------------------------------------------------------

def test_reader_goes_from_briefing_to_actor_page_and_on_to_another_briefing(site, page):
    # Actor pages listing two or more briefings, and the briefings that link to them.
    hubs = {}
    for actor_html in sorted((site.root / "actors").glob("*/index.html")):
        html = actor_html.read_text(encoding="utf-8")
        if html.count('class="bx-list__item"') >= 2:
            hubs[f"actors/{actor_html.parent.name}/"] = html
    assert hubs, "no actor page lists two or more briefings"

    def link_in(b, section):
        href = "../" * 4 + "{}"
        html = site.html(b.url)
        part = html.split('class="bx-actor-list"')[1].split("</ul>")[0] if section == "key" else \
            html.split('class="bx-more"')[1].split("</p>")[0] if 'class="bx-more"' in html else ""
        return [u for u in hubs if href.format(u) in part]

    # Prefer an actor in "Key actors"; the sample corpus may only share actors under "Also mentioned".
    choice = next(((b, u, "key") for b in site.briefings for u in link_in(b, "key")), None) or \
        next(((b, u, "more") for b in site.briefings for u in link_in(b, "more")), None)
    assert choice, "no briefing links to an actor page that lists several briefings"
    briefing, actor_url, section = choice

    page.goto(briefing.url)
    actors = page.locator("section.bx-actors")
    link = actors.locator(f'a[href$="/{actor_url}"]').first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(re.escape(actor_url) + "$"))

    assert page.locator("h1").inner_text() == name
    chart = page.locator("figure.bx-chart svg")
    assert chart.is_visible() and chart.locator("rect").count() >= 1
    listed = page.locator(".bx-list .bx-list__title")
    assert listed.count() >= 2
    titles = listed.all_inner_texts()
    assert briefing.title in titles, "the actor page does not list the briefing we came from"

    other = next(i for i, t in enumerate(titles) if t != briefing.title)
    listed.nth(other).click()
    page.wait_for_url(re.compile(r"/briefings/"))
    assert page.locator("h1").inner_text() == titles[other]
    assert path_of(page.url) != briefing.url
    assert name in page.inner_text("article.bx-briefing"), "the other briefing does not mention the actor"


# -- archive ------------------------------------------------------------------------------------

def test_reader_opens_a_month_archive(site, page):
    months = Counter(b.date[:7] for b in site.briefings)
    month = max(sorted(months), key=lambda m: months[m])  # the fullest month (earliest on ties)
    in_month = sorted((b for b in site.briefings if b.date[:7] == month), key=lambda b: b.date, reverse=True)

    page.goto("")
    page.locator(".md-tabs").get_by_role("link", name="Archive").click()
    page.wait_for_url(re.compile(r"/archive/$"))
    assert page.locator("h1").inner_text() == "Archive"
    page.get_by_role("link", name=month, exact=True).click()
    page.wait_for_url(re.compile(rf"/archive/{month.replace('-', '/')}/$"))

    items = page.locator(".bx-list__item")
    assert items.count() == len(in_month)
    dates = items.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert all(d.startswith(month) for d in dates), dates
    assert dates == sorted(dates, reverse=True), "month archive is not newest first"
    assert dates == [b.date for b in in_month]

    month_url = page.url
    links = items.locator("a.bx-list__title")
    for i in range(links.count()):
        title = links.nth(i).inner_text()
        links.nth(i).click()
        page.wait_for_url(re.compile(r"/briefings/"))
        assert page.locator("h1").inner_text() == title
        assert page.locator("article.bx-briefing time").first.get_attribute("datetime").startswith(month)
        page.goto(month_url)


# -- phone and keyboard ---------------------------------------------------------------------------

def sideways_overflow(page, width: int) -> str | None:
    """Why the page is wider than the window (None when it is not), naming the elements that stick out."""
    return page.evaluate("""(width) => {
        const s = document.scrollingElement, w = Math.min(window.innerWidth, width);
        if (s.scrollWidth <= w + 1) return null;
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > w + 1)
          .filter(e => {  // not inside a box that scrolls or clips it (e.g. Material's table scroll wrapper)
            for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
              if (getComputedStyle(p).overflowX !== 'visible') return false;
            return true;
          })
          .slice(0, 4).map(e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')
                               + ` (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
        return `scrollWidth ${s.scrollWidth}px > ${w}px window; sticking out: ${wide.join(', ')}`;
    }""", width)


def test_site_works_at_phone_width_and_with_keyboard(site, new_page):
    # Keyboard only: Tab to the home search box, type, Enter, read results.
    page = new_page()
    page.goto("")
    for _ in range(40):
        if page.evaluate("document.activeElement && document.activeElement.id") == "bx-q":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("40 presses of Tab never reached the home search box")
    page.keyboard.type("Biden")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Biden"))
    page.wait_for_selector(RESULT)
    assert result_count(page) >= 1

    # A 390px phone: no page is wider than the screen (every briefing, and the index pages).
    page = new_page(viewport={"width": 390, "height": 844})
    wide = []
    for url in [b.url for b in site.briefings] + ["", "actors/", "archive/", "topics/"]:
        page.goto(url)
        why = sideways_overflow(page, 390)
        if why:
            wide.append(f"/{url}: {why}")
    assert not wide, "pages scroll sideways at 390px:\n  " + "\n  ".join(wide)


# -- screenshots ---------------------------------------------------------------------------------

def test_screenshots_of_briefing_actor_and_phone_views(site, new_page):
    SCREENSHOTS.mkdir(exist_ok=True)
    # The richest briefing: the one with the most sections filled.
    briefing = max(site.briefings, key=lambda b: (sum(bool(b.meta.get(k)) for k in ("actors", "claims", "figures", "timeline")),
                                                   len(b.meta.get("claims") or []), b.url))
    actor = max((site.root / "actors").glob("*/index.html"),
                key=lambda p: (p.read_text(encoding="utf-8").count('class="bx-list__item"'), p.parent.name))
    shots = {
        "briefing.png": (briefing.url, {"width": 1280, "height": 900}),
        "actor.png": (f"actors/{actor.parent.name}/", {"width": 1280, "height": 900}),
        "phone-briefing.png": (briefing.url, {"width": 390, "height": 844}),
    }
    for name, (url, viewport) in shots.items():
        page = new_page(viewport=viewport, device_scale_factor=1)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    for name in shots:
        size = (SCREENSHOTS / name).stat().st_size
        assert size > 10_000, f"{name} is only {size} bytes"
