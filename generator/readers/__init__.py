"""Readers turn one input file into ``RawArticle``s: text and metadata, no NLP.

A reader declares the name endings it handles; ``reader_for(path)`` picks one (a file given
by name with another ending is read as a feed when it starts like one). A reader of a
one-article format has ``read``; one of a format that holds several articles (feeds, JSON
Lines) has ``read_all``, which yields each article, or a ``ReaderError`` for an entry that
cannot be read, and goes on with the next. ``intake`` (readers/intake.py) puts them together:
another language, duplicates and summary-only feed entries are settled there.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from generator.errors import ReaderError
from generator.readers.article import Paragraph, RawArticle
from generator.readers.feed import FeedReader, looks_like_feed
from generator.readers.files import check_regular
from generator.readers.html import HtmlReader
from generator.readers.jsonl import JsonLinesReader
from generator.readers.text import TextReader


class Reader(Protocol):
    suffixes: tuple[str, ...]

    def source_path(self, path: Path, root: Path) -> str:
        """The ``source.path`` that ``read`` would record, without reading the file (a run
        skips an unchanged input on this and the hash of its bytes)."""


ALL_READERS = (TextReader(), HtmlReader(), FeedReader(), JsonLinesReader())
READERS: dict[str, Reader] = {suffix: reader for reader in ALL_READERS for suffix in reader.suffixes}
FORMATS = ", ".join(f"*{s}" for s in READERS)
SNIFF_BYTES = 1024


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):  # .jsonl.gz before .gz-less endings
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def sniff_reader(path: Path) -> Reader | None:
    """The reader for a file with an unknown ending, from its first bytes (feeds only)."""
    try:
        check_regular(path, path.as_posix(), max_bytes=None)  # a FIFO would block the open
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except (OSError, ReaderError):
        return None
    return READERS[".xml"] if looks_like_feed(head) else None


def find_articles(inputs: list[Path]) -> list[tuple[Path, Path]]:
    """Expand files and folders into (article path, input root) pairs, sorted for determinism.

    A folder contributes every file below it with a known suffix; a file given by name is
    always taken (so a mistyped suffix gets a clear reader error rather than silence).
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                if path.is_file() and reader_for(path) and not path.name.startswith("."):
                    found.setdefault(path, item)
        else:
            found.setdefault(item, item.parent)
    return sorted(found.items())


__all__ = ["FORMATS", "Paragraph", "RawArticle", "READERS", "Reader", "find_articles", "reader_for", "sniff_reader"]
