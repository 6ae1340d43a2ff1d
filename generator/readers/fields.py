"""Small parsers shared by the readers of pages, feeds and JSON Lines: dates, bylines, HTML
fragments and plain text into paragraphs, and the source path of one article in a file that
holds several."""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from generator.readers.article import Paragraph
from generator.readers.text import LINK_BOILERPLATE, _is_crosshead

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\band\b|&|\|)\s*", re.I)
_BY = re.compile(r"^\s*by\s+", re.I)
# What a feed's software appends to an entry's content: not article text.
FEED_TRAILER = re.compile(r"^(the post .+ appeared first on .+|(continue|keep) reading\b.*|read (the )?(full|more|rest)\b.*)$", re.I)
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def parse_date(value: object) -> dt.date | None:
    """The calendar date as written (ISO 8601 or RFC 822), never shifted to UTC: the dateline
    is where the article was published. None when the value is no date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_DATE.match(value)
    try:
        if m:
            return dt.date(*(int(g) for g in m.groups()))
        parsed = email.utils.parsedate_to_datetime(value.strip())
        return parsed.date() if parsed else None
    except (TypeError, ValueError, IndexError):
        return None


def split_authors(value: object) -> tuple[str, ...]:
    """A byline as a tuple of names: 'By A and B', 'A; B', ['A', 'B'] -> ('A', 'B')."""
    items = value if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for name in _AUTHOR_SEPARATORS.split(_BY.sub("", item)):
            name = " ".join(name.split()).strip(" ,")
            if name and name not in names:
                names.append(name)
    return tuple(names)


def clean(text: str) -> str:
    return " ".join(text.split())


def html_paragraphs(fragment: str) -> list[Paragraph]:
    """The blocks of an HTML fragment (a feed entry's content) as paragraphs, headings as
    crossheads. A fragment without block markup is read as plain text."""
    if not fragment.strip():
        return []
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (etree.ParserError, ValueError):
        return text_paragraphs(fragment)
    paragraphs = []
    for element in root.iter(BLOCKS):
        if any(a.tag in BLOCKS for a in element.iterancestors()):
            continue  # a <p> inside a <blockquote> or <li>: read once, as part of its block
        text = clean(element.text_content())
        if text and not is_boilerplate(text):
            paragraphs.append(Paragraph(text, heading=element.tag in HEADINGS))
    if not paragraphs:
        return text_paragraphs(root.text_content())
    return _trim(paragraphs)


def text_paragraphs(text: str) -> list[Paragraph]:
    """Plain text (a crawler's ``maintext``): one paragraph per line or blank-line block;
    a short title-like line after the lead is a crosshead, as in the text reader."""
    blocks = [clean(b) for b in re.split(r"\n\s*\n|\n", text.replace("\r\n", "\n"))]
    paragraphs = []
    for block in blocks:
        if not block or is_boilerplate(block):
            continue
        paragraphs.append(Paragraph(block, heading=bool(paragraphs) and _is_crosshead(block)))
    return _trim(paragraphs)


def is_boilerplate(text: str) -> bool:
    """A promotional link or a feed's trailer between paragraphs ("Read also: …", "The post … appeared first on …")."""
    return bool(FEED_TRAILER.match(text) or LINK_BOILERPLATE.match(text))


def _trim(paragraphs: list[Paragraph]) -> list[Paragraph]:
    while paragraphs and paragraphs[-1].heading:
        paragraphs.pop()  # a heading at the end introduces nothing
    return paragraphs


TRACKING_PARAMETER = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid)$", re.I)


def without_tracking(url: str) -> str:
    """The URL without campaign-tracking query parameters (``utm_*``, ``fbclid``…), which
    feeds and shares append to the same page's address."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMETER.match(k)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def domain_name(value: str) -> str:
    """A crawler's ``source_domain`` as an outlet name: the host without ``www.``."""
    return clean(value).lower().removeprefix("www.")


def entry_key(identity: str) -> str:
    """Stable short key of one article in a multi-article file (from its id or URL): it
    names the article in ``source.path`` (``feeds/x.xml#<key>``) whatever the entry order."""
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:12]


def content_sha256(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    return digest.hexdigest()
