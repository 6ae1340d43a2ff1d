"""Hostile article text in Chromium: a crosshead ending in an attribute block, raw HTML and a
javascript: link in the text, and an old briefing whose body was written before escaping.
No dialog fires, no element carries an on* attribute, and the page's Content-Security-Policy
blocks an inline handler that gets into the page anyway."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.browser.conftest import require_browser, served
from tests.conftest import ROOT, write_article
from tests.test_security import HOSTILE_ARTICLE

require_browser()

pytestmark = pytest.mark.browser

ANY_ON_ATTRIBUTE = """() => [...document.querySelectorAll('*')].flatMap(
    el => [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site built (like `briefings build`) from the hostile article, plus a copy of its
    briefing with an unescaped hostile body, as a briefing from before the escaping."""
    from generator.pipeline import generate

    project = tmp_path_factory.mktemp("hostile-site")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    write_article(project / "in", "ferry.txt", HOSTILE_ARTICLE)
    assert generate([project / "in"], project / "content").ok
    md = next((project / "content" / "briefings").rglob("*.md"))
    legacy = md.with_name("legacy.md")
    legacy.write_text(md.read_text(encoding="utf-8").replace("path: ferry.txt", "path: legacy.txt")
                      + '\n### Raw crosshead {: onmouseover="alert(5)" }\n\n<b onclick="alert(6)">bold</b>\n',
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    urls = sorted((p.relative_to(project / "content").with_suffix("").as_posix() + "/"
                   for p in (project / "content" / "briefings").rglob("*.md")), key=lambda url: "legacy" in url)
    return project / "site", urls


@pytest.fixture(scope="module")
def base_url(hostile_site):
    """This module's site served on 127.0.0.1 (overrides the samples site of conftest)."""
    with served(hostile_site[0]) as url:
        yield url


def test_hostile_article_text_fires_no_dialog_and_sets_no_handler(hostile_site, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in hostile_site[1]:
        page.goto(url)
        for heading in page.locator("article h3, .md-content h3").all():
            heading.hover()
        for element in page.locator("a, img, b").all():
            if element.is_visible():
                element.hover()
        page.wait_for_timeout(200)
        assert dialogs == [], url
        assert page.evaluate(ANY_ON_ATTRIBUTE) == [], url
        assert page.get_by_text(re.compile(r"Officials respond \{: onmouseover=")).count() == 1, url


def test_the_page_policy_blocks_an_inline_handler_that_gets_in_anyway(hostile_site, page, browser_log):
    page.goto(hostile_site[1][0])  # the generated briefing
    page.evaluate("""() => document.body.insertAdjacentHTML('beforeend',
        '<img id="bx-probe" src="data:," onload="window.bxFired = true" onerror="window.bxFired = true">')""")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.bxFired === true") is False
    # The violation is what the test wants to see, not a failure of the page.
    blocked = [e for e in browser_log.console_errors if "Content Security Policy" in e]
    assert blocked, browser_log.console_errors
    browser_log.console_errors[:] = [e for e in browser_log.console_errors if e not in blocked]
