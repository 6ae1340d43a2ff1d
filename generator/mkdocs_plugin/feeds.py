"""Atom feeds (RFC 4287) of the newest briefings: one for the site, one per topic, one per actor.

Pure text from ``corpus.Entry`` objects, no MkDocs: the plugin decides which feeds exist and
writes them. A feed's ``updated`` is its newest briefing's date, so the same briefings give
the same bytes. Links are relative to the feed's own address unless the site has a
``site_url``; ids are then ``tag:`` URIs (RFC 4151), stable wherever the site is served.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

FEED_FILE = "feed.xml"
_TAG_AUTHORITY = "briefings"  # a feed's ids without a site URL: tag:briefings,DATE:PATH


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _href(path: str, feed_dir: str, site_url: str | None) -> str:
    """A site-relative path as a link from the feed at ``feed_dir`` (site-relative, "/"-ended)."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "../" * feed_dir.count("/") + path or "./"


def _id(path: str, date: dt.date, site_url: str | None) -> str:
    return site_url.rstrip("/") + "/" + path if site_url else f"tag:{_TAG_AUTHORITY},{date.isoformat()}:/{path}"


def _entry_xml(e, feed_dir: str, site_url: str | None, topic_label) -> str:
    """One briefing as an Atom ``<entry>`` (its lines, joined) in a feed at ``feed_dir``."""
    return "\n".join([
        "  <entry>",
        f"    <title>{escape(e.title)}</title>",
        f"    <id>{escape(_id(e.url, e.date, site_url))}</id>",
        f"    <updated>{_stamp(e.date)}</updated>",
        f'    <link rel="alternate" type="text/html" href={quoteattr(_href(e.url, feed_dir, site_url))}/>',
        *(f"    <category term={quoteattr(t)} label={quoteattr(topic_label(t))}/>" for t in e.topics),
        f"    <summary>{escape(e.summary or e.title)}</summary>",
        "  </entry>",
    ])


def atom_feed(title: str, feed_dir: str, entries: Iterable, site_name: str, site_url: str | None = None,
              topic_label=lambda t: t, entry_cache: dict | None = None) -> str:
    """The Atom document for ``entries`` (newest first) published at ``feed_dir + feed.xml``,
    about the page at ``feed_dir`` ("" for the site itself). A briefing is in many feeds (the
    site's, its topics', each of its actors'): with ``entry_cache`` (a dict kept for one
    build, same ``site_url`` and ``topic_label``) its entry is made once per feed depth."""
    entries = list(entries)
    updated = _stamp(entries[0].date) if entries else "1970-01-01T00:00:00Z"
    first = entries[-1].date if entries else dt.date(1970, 1, 1)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(_id(feed_dir + FEED_FILE, first, site_url))}</id>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(site_name)}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_href(feed_dir + FEED_FILE, feed_dir, site_url))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_href(feed_dir, feed_dir, site_url))}/>',
    ]
    depth = feed_dir.count("/")  # links from the feed differ by its depth only
    for e in entries:
        if entry_cache is None:
            lines.append(_entry_xml(e, feed_dir, site_url, topic_label))
            continue
        xml = entry_cache.get((e.url, depth))
        if xml is None:
            xml = entry_cache[(e.url, depth)] = _entry_xml(e, feed_dir, site_url, topic_label)
        lines.append(xml)
    lines.append("</feed>\n")
    return "\n".join(lines)
