"""Saved web pages (``*.html``, ``*.htm``): the article and its metadata, read with trafilatura.

trafilatura drops navigation, ads, cookie banners, related links and footers, and gives the
main text as blocks; paragraphs stay paragraphs and sub-headings (h2-h6) become crossheads.
The page's own headline, publication date, authors, site name, canonical URL are read from
its metadata (``<meta>``, JSON-LD, ``<link rel=canonical>``); the language is detected from
the text. Offline only: the page's bytes are all that is read, no URL is ever fetched.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import trafilatura
from lxml import etree

from generator.errors import ReaderError
from generator.readers.article import Paragraph, RawArticle
from generator.readers.fields import clean, is_boilerplate, parse_date, split_authors
from generator.readers.files import read_input
from generator.readers.language import detect_language
from generator.readers.text import _relative

_HTML_OPEN = re.compile(rb"<html[\s>]", re.I)
_HTML_CLOSE = re.compile(rb"</html\s*>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
# What browsers write at the top of a page saved with "Save as…": the address it came from.
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
TAIL_BYTES = 4096


class HtmlReader:
    suffixes = (".html", ".htm")

    def source_path(self, path: Path, root: Path) -> str:
        return _relative(path, root)

    def read(self, path: Path, root: Path) -> RawArticle:
        rel = _relative(path, root)
        return parse_html_article(read_input(path, rel), rel)


def parse_html_article(data: bytes, rel: str) -> RawArticle:
    """The article of a saved page's bytes; ``rel`` names it in errors and in ``source.path``."""
    if not data.strip():
        raise ReaderError(rel, "empty file: expected a saved web page")
    if _HTML_OPEN.search(data[:TAIL_BYTES]) and not _HTML_CLOSE.search(data[-TAIL_BYTES:]):
        raise ReaderError(rel, "truncated page: it ends before </html> (save the page again)")
    document = trafilatura.bare_extraction(
        _decode(data), with_metadata=True, include_formatting=True, include_comments=False,
        include_tables=False, favor_precision=True, date_extraction_params={"original_date": True},
    )
    body = getattr(document, "body", None)
    paragraphs = _paragraphs(body) if body is not None else []
    if not any(not p.heading for p in paragraphs):
        raise ReaderError(rel, "no article text found on the page (only navigation or boilerplate)")
    date = parse_date(document.date)
    if date is None:
        raise ReaderError(rel, "no publication date in the page's metadata (article:published_time, JSON-LD datePublished, <time>)")
    return RawArticle(
        source_path=rel,
        sha256=hashlib.sha256(data).hexdigest(),
        date=date,
        paragraphs=paragraphs,
        outlet=clean(document.sitename) if document.sitename else None,
        headline=clean(document.title) if document.title else None,
        url=document.url or _saved_from(data),
        authors=split_authors(document.author),
        language=detect_language(paragraphs),
    )


def _saved_from(data: bytes) -> str | None:
    """The page's address from the browser's "saved from" comment (used when it names no canonical URL)."""
    m = _SAVED_FROM.search(data[:TAIL_BYTES])
    url = m.group(1).decode("ascii", errors="replace") if m else None
    return url if url and url.startswith(("http://", "https://")) else None


def _decode(data: bytes) -> str:
    """The page's text in the charset it declares (UTF-8 when none or unknown)."""
    m = _CHARSET.search(data[:TAIL_BYTES])
    encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _paragraphs(body: etree._Element) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for block in body:
        if block.tag in ("table", "graphic"):
            continue
        items = block.findall(".//item") if block.tag == "list" else [block]
        for item in items:
            text = clean("".join(item.itertext()))
            if not text or is_boilerplate(text):
                continue
            heading = block.tag == "head"
            if heading and not paragraphs:
                continue  # the headline or a kicker above the text: metadata, not a crosshead
            paragraphs.append(Paragraph(text, heading=heading))
    while paragraphs and paragraphs[-1].heading:
        paragraphs.pop()
    return paragraphs
