"""RSS and Atom feeds (``*.xml``, ``*.rss``, ``*.atom``, or any file that starts like one),
read with feedparser: each entry is one article.

An entry carries its full text in ``content:encoded`` / Atom ``<content>``, or in a
``<description>``/``<summary>`` of at least ``FULL_TEXT_MIN_PARAGRAPHS`` paragraphs and
``FULL_TEXT_MIN_WORDS`` words. An entry with only a short summary is not an article: it
becomes a ``SummaryOnly`` and the run looks for the same story among the other inputs (a
saved page with that URL) before saying it was skipped.

Each entry's ``source.path`` is ``<feed path>#<key>``, the key a hash of the entry's id
(``<guid>``/``<id>``, else its link, else its title): stable when entries are added,
removed or reordered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import feedparser

from generator.errors import ReaderError
from generator.readers.article import RawArticle
from generator.readers.fields import (
    clean, content_sha256, entry_key, html_paragraphs, parse_date, split_authors, without_tracking,
)
from generator.readers.files import read_input
from generator.readers.language import detect_language
from generator.readers.text import _relative

FULL_TEXT_MIN_PARAGRAPHS = 3
FULL_TEXT_MIN_WORDS = 150
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.S)


def looks_like_feed(head: bytes) -> bool:
    """Whether a file's first bytes open an RSS, Atom or RDF feed."""
    return bool(_FEED_START.match(head.lstrip(b"\xef\xbb\xbf")))


@dataclass(frozen=True)
class SummaryOnly:
    """A feed entry without the article's text: only usable if its page is among the inputs."""

    source_path: str
    feed: str
    title: str
    url: str | None


class FeedReader:
    suffixes = (".xml", ".rss", ".atom")

    def source_path(self, path: Path, root: Path) -> str:
        return _relative(path, root)

    def read_all(self, path: Path, root: Path) -> Iterator[RawArticle | SummaryOnly | ReaderError]:
        rel = _relative(path, root)
        data = read_input(path, rel, max_bytes=None)  # a feed holds many articles, each bounded when parsed
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
        if not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            detail = problem.getMessage() if hasattr(problem, "getMessage") else problem  # SAX: no '<unknown>:2:0:'
            why = f": {clean(str(detail))}" if detail else ""
            raise ReaderError(rel, f"not an RSS or Atom feed{why}")
        outlet = clean(parsed.feed.get("title", "")) or None
        for entry in parsed.entries:
            try:
                yield _entry_article(entry, rel, outlet)
            except ReaderError as err:
                yield err


def _entry_article(entry, rel: str, outlet: str | None) -> RawArticle | SummaryOnly:
    title = clean(entry.get("title", ""))
    url = without_tracking(entry["link"]) if entry.get("link") else None
    source = f"{rel}#{entry_key(entry.get('id') or url or title)}"
    shown = f"entry '{title or source}'"
    contents = [c.get("value", "") for c in entry.get("content", [])]
    paragraphs = max((html_paragraphs(c) for c in contents), key=len, default=[])
    if not paragraphs:
        summary = html_paragraphs(entry.get("summary", ""))
        words = sum(len(p.text.split()) for p in summary)
        if len(summary) >= FULL_TEXT_MIN_PARAGRAPHS and words >= FULL_TEXT_MIN_WORDS:
            paragraphs = summary
    if not any(not p.heading for p in paragraphs):
        return SummaryOnly(source, rel, title or source, url)
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    date = parse_date(raw_date)
    if date is None:
        what = f"date '{raw_date}' is not a date" if raw_date else "no date (pubDate, published or updated)"
        raise ReaderError(rel, f"{shown}: {what}")
    authors = split_authors(entry.get("authors") or entry.get("author") or [])
    return RawArticle(
        source_path=source,
        sha256=content_sha256(title, url, raw_date, authors, [(p.text, p.heading) for p in paragraphs]),
        date=date,
        paragraphs=paragraphs,
        outlet=outlet,
        headline=title or None,
        url=url,
        authors=authors,
        language=detect_language(paragraphs),
    )
