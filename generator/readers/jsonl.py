"""JSON Lines from news crawlers (``*.jsonl``, ``*.jsonl.gz``): one article per line.

Field names are those of news-please and CC-News (see docs/input-formats.md); the first
present of each group is used, unknown fields are ignored:

    text      maintext, text            headline  title
    date      date_publish, date        url       url
    authors   authors, author           outlet    source_domain, domain

A bad line is reported as ``file:line: message`` and the other lines are still read. Each
article's ``source.path`` is ``<file>#<key>``, the key a hash of its URL (of its title and
text when it has none): stable when lines are added, removed or reordered.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from pathlib import Path
from typing import Iterator

from generator.errors import ReaderError
from generator.readers.article import RawArticle
from generator.readers.fields import (
    clean, domain_name, entry_key, parse_date, split_authors, text_paragraphs, without_tracking,
)
from generator.readers.files import check_regular
from generator.readers.language import detect_language
from generator.readers.text import _relative

TEXT_FIELDS = ("maintext", "text")
DATE_FIELDS = ("date_publish", "date")
AUTHOR_FIELDS = ("authors", "author")
OUTLET_FIELDS = ("source_domain", "domain")


def _first(record: dict, names: tuple[str, ...]):
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


class JsonLinesReader:
    suffixes = (".jsonl", ".jsonl.gz")

    def source_path(self, path: Path, root: Path) -> str:
        return _relative(path, root)

    def read_all(self, path: Path, root: Path) -> Iterator[RawArticle | ReaderError]:
        rel = _relative(path, root)
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        number = 0
        check_regular(path, rel, max_bytes=None)  # streamed line by line; a FIFO is never opened
        try:
            with opener(path, "rb") as fh:
                for number, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        yield parse_json_line(line, rel, number)
                    except ReaderError as err:
                        yield err
        except (OSError, EOFError, zlib.error) as err:  # unreadable, or a cut-off .gz
            where = f" after line {number}" if number else ""
            raise ReaderError(rel, f"cannot read{where}: {getattr(err, 'strerror', None) or err}") from None


def parse_json_line(line: bytes, rel: str, number: int) -> RawArticle:
    """One line's article; ``rel`` and ``number`` name it in errors."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        raise ReaderError(rel, "not UTF-8", number) from None
    except json.JSONDecodeError as err:
        raise ReaderError(rel, f"not a JSON object: {err.msg} (column {err.colno})", number) from None
    if not isinstance(record, dict):
        raise ReaderError(rel, f"not a JSON object but a {type(record).__name__}", number)
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise ReaderError(rel, "no article text (maintext or text)", number)
    paragraphs = text_paragraphs(text)
    raw_date = _first(record, DATE_FIELDS)
    date = parse_date(raw_date)
    if date is None:
        what = f"'{raw_date}' is not a date" if raw_date else "no date (date_publish or date)"
        raise ReaderError(rel, what, number)
    headline = clean(record["title"]) if isinstance(record.get("title"), str) and record["title"].strip() else None
    url = without_tracking(record["url"]) if isinstance(record.get("url"), str) and record["url"].strip() else None
    outlet = _first(record, OUTLET_FIELDS)
    key = entry_key(url or f"{headline}\n{text}")
    return RawArticle(
        source_path=f"{rel}#{key}",
        sha256=hashlib.sha256(line.strip()).hexdigest(),
        date=date,
        paragraphs=paragraphs,
        outlet=domain_name(outlet) if isinstance(outlet, str) and outlet.strip() else None,
        headline=headline,
        url=url,
        authors=split_authors(_first(record, AUTHOR_FIELDS) or []),
        language=detect_language(paragraphs),
    )
