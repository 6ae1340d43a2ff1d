"""Browser tests: the built site served on 127.0.0.1 and driven through Debian's Chromium.

Session fixtures build the site once (samples + the seed article) into a temporary folder,
serve it with the standard library's HTTP server on a free port, and start one Chromium.
Every test gets a fresh browser context whose requests and console errors are recorded;
a console error (or an uncaught page exception) fails the test that caused it.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from tests.conftest import ROOT, SAMPLES, SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# A briefing written by hand with the fields other extractors add (stance, speaker_actor,
# headline, authors, url): the site must render them whichever extractor is merged.
DENIAL_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "denial-briefing.md"
DENIAL_URL = "briefings/2021/12/white-house-denial/"
# axe-core from npm (bash .ci/setup --browser), injected from this local file.
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"


def require_browser() -> None:
    """Skip the calling test module when Chromium or Playwright is not there."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (Debian's chromium package)", allow_module_level=True)
    pytest.importorskip("playwright.sync_api")


# -- the built site ------------------------------------------------------------------------

@dataclass
class BriefingInfo:
    """One generated briefing: its front matter and where the site puts it."""

    md: Path
    meta: dict
    body: str
    url: str  # site-relative, e.g. "briefings/2021/12/slug/"

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def date(self) -> str:
        return str(self.meta["date"])

    @property
    def key_actors(self) -> list[dict]:
        return [a for a in self.meta.get("actors") or [] if a.get("key")]


@dataclass
class Site:
    project: Path
    briefings: list[BriefingInfo] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.project / "site"

    def html(self, url: str) -> str:
        """The built HTML of a site-relative directory URL ("" is the home page)."""
        path = self.root / url.split("#")[0].split("?")[0].strip("/") / "index.html"
        return path.read_text(encoding="utf-8")

    def briefing_at(self, url: str) -> BriefingInfo:
        return next(b for b in self.briefings if b.url.strip("/") == url.strip("/"))


def _read_briefings(content: Path) -> list[BriefingInfo]:
    found = []
    for md in sorted((content / "briefings").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        url = md.relative_to(content).with_suffix("").as_posix() + "/"
        found.append(BriefingInfo(md, yaml.safe_load(front), body, url))
    return found


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The site for samples/articles + the seed article, built once per session."""
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    from generator.pipeline import generate

    project = tmp_path_factory.mktemp("browser-site")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    assert generate([SAMPLES, SEED.parent], project / "content").ok
    shutil.copy(DENIAL_FIXTURE, project / "content" / (DENIAL_URL.rstrip("/") + ".md"))
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "pagefind" / "pagefind-ui.js").exists(), "Pagefind did not index the site"
    return Site(project, _read_briefings(project / "content"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 (a free port) while the block runs; the URL ends with "/"."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(site: Site):
    """The built site served on 127.0.0.1 (a free port); ends with "/"."""
    with served(site.root) as url:
        yield url


# -- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class BrowserLog:
    """What the pages of one test asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


def _open_context(browser, base_url: str, log: BrowserLog, **options):
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(10_000)
    context.on("request", lambda request: log.requests.append(request.url))

    def watch(page):
        page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(
            f"{page.url}: {msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda err: log.console_errors.append(f"{page.url}: uncaught {err}"))

    context.on("page", watch)
    return context


@pytest.fixture
def new_page(browser, base_url, browser_log):
    """Factory: a page in a fresh context (kwargs go to new_context, e.g. viewport)."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = _open_context(browser, base_url, browser_log, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    if browser_log.console_errors:
        pytest.fail("console errors:\n  " + "\n  ".join(browser_log.console_errors), pytrace=False)


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280x900) in a fresh context."""
    return new_page()
