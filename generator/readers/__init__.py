"""Readers turn one input file into a ``RawArticle``: text and metadata, no NLP.

A reader declares the suffixes it handles; ``reader_for(path)`` picks one. New input
formats (saved HTML pages, feeds) are new modules here with the same shape.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from generator.readers.article import Paragraph, RawArticle
from generator.readers.text import TextReader


class Reader(Protocol):
    suffixes: tuple[str, ...]

    def read(self, path: Path, root: Path) -> RawArticle:
        """Read ``path``; ``root`` is the input root the recorded source path is relative to."""

    def source_path(self, path: Path, root: Path) -> str:
        """The ``source.path`` that ``read`` would record, without reading the file (a run
        skips an unchanged input on this and the hash of its bytes)."""


READERS: dict[str, Reader] = {suffix: reader for reader in (TextReader(),) for suffix in reader.suffixes}


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


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


__all__ = ["Paragraph", "RawArticle", "READERS", "Reader", "find_articles", "reader_for"]
