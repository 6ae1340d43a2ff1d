"""Every link on the built site leads somewhere, and no page loads anything from another host."""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from tests.browser.conftest import require_browser

require_browser()

pytestmark = pytest.mark.browser


class _Refs(HTMLParser):
    """Every href/src (and srcset) in a page, with the tag and rel it sits on, plus element ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, rel, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if a.get("name") and tag == "a":
            self.ids.add(a["name"])
        rel = (a.get("rel") or "").lower()
        for attr in ("href", "src"):
            if a.get(attr) is not None:
                self.refs.append((tag, rel, a[attr].strip()))
        if a.get("srcset"):
            self.refs += [(tag, rel, part.split()[0]) for part in a["srcset"].split(",") if part.strip()]


def parse(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    return parser


def html_pages(site) -> list:
    return sorted(site.root.rglob("*.html"))


def page_url(site, base_url: str, path) -> str:
    rel = path.relative_to(site.root).as_posix()
    return base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def test_every_internal_link_resolves(site, base_url):
    host = urlparse(base_url).netloc
    targets: dict[str, list[str]] = {}  # absolute URL (no fragment) -> pages linking to it
    bad_fragments = []
    for path in html_pages(site):
        url = page_url(site, base_url, path)
        refs = parse(path.read_text(encoding="utf-8"))
        for tag, rel, ref in refs.refs:
            if not ref or ref.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            if ref.startswith("#"):
                if ref[1:] and ref[1:] not in refs.ids:
                    bad_fragments.append(f"{url}: {ref}")
                continue
            target = urljoin(url, ref)
            if urlparse(target).netloc != host:
                continue
            targets.setdefault(target.split("#")[0], []).append(url)
    assert len(targets) > 50, "the crawler found suspiciously few internal links"

    def status(target: str) -> int:
        try:
            with urllib.request.urlopen(target, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code

    with ThreadPoolExecutor(8) as pool:
        codes = dict(zip(targets, pool.map(status, targets)))
    broken = [f"{t} ({c}) linked from {targets[t][0]}" for t, c in codes.items() if c != 200]
    assert not broken, f"{len(broken)} internal links do not resolve:\n  " + "\n  ".join(sorted(broken)[:30])
    assert not bad_fragments, "in-page links to missing ids:\n  " + "\n  ".join(bad_fragments[:30])


def test_pages_load_nothing_from_other_hosts(site, base_url, page, browser_log):
    briefing = next(b for b in site.briefings if b.meta.get("actors"))
    actor = next(p.parent.name for p in sorted((site.root / "actors").glob("*/index.html")))
    for url in ("", briefing.url, f"actors/{actor}/", "search/?q=said"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    page.wait_for_selector(".pagefind-ui__result")

    host = urlparse(base_url).netloc
    assert browser_log.requests, "no requests were recorded"
    elsewhere = sorted({u for u in browser_log.requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != host})
    assert not elsewhere, "pages requested other hosts:\n  " + "\n  ".join(elsewhere)

    # Statically, for every page: no script or stylesheet (or anything else loaded) from another host.
    offenders = []
    for path in html_pages(site):
        for tag, rel, ref in parse(path.read_text(encoding="utf-8")).refs:
            loads = tag in ("script", "img", "iframe", "source", "video", "audio", "embed") or \
                (tag == "link" and re.search(r"\b(stylesheet|preload|modulepreload|icon|manifest|preconnect)\b", rel))
            if loads and re.match(r"(https?:)?//", ref) and urlparse(urljoin(base_url, ref)).netloc != host:
                offenders.append(f"{path.relative_to(site.root)}: <{tag} {rel}> {ref}")
    assert not offenders, "pages load from other hosts:\n  " + "\n  ".join(offenders[:30])
