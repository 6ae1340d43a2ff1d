"""From the input files to the articles a run generates: read, keep English, drop duplicates.

``intake(pairs)`` walks the (path, root) pairs of ``find_articles`` and yields, in a
deterministic order:

- a ``(path, root)`` pair for each ``.txt`` article: the pipeline reads it itself, and only
  when its bytes changed (the reference format carries no URL, so it takes no part in the
  checks below);
- a ``RawArticle`` for each article of a page, feed entry or JSON line that is English and
  not a story already taken;
- a ``Notice`` for everything else: a bad file, entry or line (``failed``), or an article
  left out by rule: another language, the same story again, a feed entry with only a summary.

The same story is the same canonical URL (scheme, ``www.``, trailing slash, fragment and
tracking parameters ignored), the same body text (words compared case-insensitively, not
markup or spacing), or the same first ``LEAD_WORDS`` words of body text (a feed's copy often
lacks the page's last line or has a trailer of its own; two different stories do not share
their first 50 words). The first one met is kept: pages first, then feed entries, then JSON
lines, each in path order, so a full saved page wins over its feed and crawler copies.
Summary-only feed entries are settled at the end, against every URL met.

Memory: the URLs and text fingerprints of the articles met (a few dozen bytes each); the
articles themselves stream through.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from generator.errors import ReaderError
from generator.readers import FORMATS, reader_for, sniff_reader
from generator.readers.article import RawArticle
from generator.readers.feed import FeedReader, SummaryOnly
from generator.readers.fields import without_tracking
from generator.readers.html import HtmlReader
from generator.readers.jsonl import JsonLinesReader
from generator.readers.language import PIPELINE_LANGUAGE, language_name
from generator.readers.text import TextReader

ORDER = {TextReader: 0, HtmlReader: 1, FeedReader: 2, JsonLinesReader: 3}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Notice:
    """An input (or entry) that gives no briefing, and the one line that says why."""

    source: str
    message: str
    failed: bool  # a bad input (the run exits 1), not an article left out by rule


def canonical_url(url: str) -> str:
    """The form two links to one page share: http/https, ``www.``, case of the host, a
    trailing slash, the fragment and tracking parameters do not matter."""
    parts = urlsplit(without_tracking(url))
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return f"{host}{parts.path.rstrip('/') or '/'}{'?' + query if query else ''}"


LEAD_WORDS = 50


def text_fingerprints(article: RawArticle) -> list[tuple[str, str]]:
    """(key, what it means) of the article's body text: all of it, and its opening words."""
    words = [w.casefold() for p in article.paragraphs if not p.heading for w in _WORD.findall(p.text)]
    keys = [("text:" + _digest(words), "same text")]
    if len(words) >= LEAD_WORDS:
        keys.append(("lead:" + _digest(words[:LEAD_WORDS]), f"same first {LEAD_WORDS} words"))
    return keys


def _digest(words: list[str]) -> str:
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def intake(pairs: list[tuple[Path, Path]]) -> Iterator[tuple[Path, Path] | RawArticle | Notice]:
    by_url: dict[str, str] = {}  # canonical URL -> source path of the article kept
    by_text: dict[str, str] = {}
    summaries: list[SummaryOnly] = []
    for path, root, reader in _ordered(pairs):
        if reader is None:
            shown = path.as_posix()
            yield Notice(shown, f"{shown}: not an article format this tool reads ({FORMATS})", True)
            continue
        if isinstance(reader, TextReader):
            yield path, root
            continue
        for item in _read(reader, path, root):
            if isinstance(item, ReaderError):
                yield Notice(item.path, str(item), True)
            elif isinstance(item, SummaryOnly):
                summaries.append(item)
            else:
                yield _admit(item, by_url, by_text)
    for entry in summaries:
        kept = by_url.get(canonical_url(entry.url)) if entry.url else None
        if kept:
            message = f"{entry.feed}: entry '{entry.title}' has only a summary; the story is read from {kept}"
        else:
            message = f"{entry.feed}: entry '{entry.title}' has only a summary; save the page and pass it too"
        yield Notice(entry.source_path, message, False)


def _ordered(pairs):
    readers = [(path, root, reader_for(path) or sniff_reader(path)) for path, root in pairs]
    return sorted(readers, key=lambda t: (ORDER.get(type(t[2]), -1), t[0]))


def _read(reader, path: Path, root: Path):
    try:
        if hasattr(reader, "read_all"):
            yield from reader.read_all(path, root)
        else:
            yield reader.read(path, root)
    except ReaderError as err:
        yield err


def _admit(article: RawArticle, by_url: dict[str, str], by_text: dict[str, str]) -> RawArticle | Notice:
    source = article.source_path
    if article.language and article.language != PIPELINE_LANGUAGE:
        return Notice(source, f"{source}: written in {language_name(article.language)} "
                              f"({article.language}), not English: skipped (briefings are made from English articles only)", False)
    url = canonical_url(article.url) if article.url else None
    fingerprints = text_fingerprints(article)
    kept, why = (by_url.get(url), f"same URL {article.url}") if url else (None, "")
    for key, meaning in fingerprints:
        if kept is None:
            kept, why = by_text.get(key), meaning
    if kept is not None:
        return Notice(source, f"{source}: same story as {kept} ({why}); kept {kept}", False)
    if url:
        by_url[url] = source
    for key, _ in fingerprints:
        by_text.setdefault(key, source)
    return article
