"""The reference article format (``*.txt``).

The first non-blank line starts, after optional spaces, with ``date YYYY-MM-DD`` followed by
the first paragraph; blank lines separate paragraphs. Short title-like paragraphs are
crossheads. Trailing boilerplate (``Read Also: …``, ``Related Article: …``, a copyright
line, a ``Sources``/``Categories:`` trailer) is not article text; the outlet named in the
copyright line is kept as metadata.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from generator.errors import ReaderError
from generator.readers.article import Paragraph, RawArticle
from generator.readers.files import decode_text, read_input

DATELINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$", re.I)
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DATELINE_YEARS = (1000, 8999)  # leaves a millennium either side for relative dates

# Promotional links an outlet drops between paragraphs: removed wherever they stand.
LINK_BOILERPLATE = re.compile(
    r"^(read also|also read|read more|related article|related articles|related|see also|"
    r"recommended|trending|must read|don't miss|watch)\s*:", re.I)
# Trailers after which nothing is article text.
TRAILER = re.compile(r"^(sources?|categories|category|tags|references|external links)\s*:?\s*$|"
                     r"^(sources?|categories|category|tags)\s*:", re.I)
COPYRIGHT = re.compile(
    r"^(?:@|©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<outlet>[^,.;]*?)\s*"
    r"(?:[,.;]|\ball rights reserved|$)", re.I)
RIGHTS = re.compile(r"all rights reserved|do not reproduce|copyright|^©|^@\s*\d{4}", re.I)
END_PUNCT = tuple('.!?:;"”’\')…')


def _is_crosshead(text: str) -> bool:
    """A short title-like line without final punctuation ("Biden assures Zelenskiy of support")."""
    words = text.split()
    return (
        1 <= len(words) <= 14
        and not text.endswith(END_PUNCT)
        and text[0].isupper()
        and "\n" not in text
    )


def _outlet_of(line: str) -> str | None:
    m = COPYRIGHT.match(line.strip())
    if not m or not RIGHTS.search(line):
        return None
    outlet = m.group("outlet").strip(" -–")
    return outlet or None


class TextReader:
    suffixes = (".txt",)

    def source_path(self, path: Path, root: Path) -> str:
        return _relative(path, root)

    def read(self, path: Path, root: Path) -> RawArticle:
        rel = _relative(path, root)
        return parse_text_article(read_input(path, rel), rel)


def _relative(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(_base(root))
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


@lru_cache(maxsize=64)
def _base(root: Path) -> Path:
    """What source paths are relative to: the parent of an input folder (so they start with
    the folder's name), or the folder of an input file."""
    return root.resolve().parent if root.is_dir() else root.resolve()


def parse_text_article(data: bytes, rel: str) -> RawArticle:
    """Parse the bytes of a ``.txt`` article; ``rel`` names it in errors and in ``source.path``."""
    if not data.strip():
        raise ReaderError(rel, "empty file: expected 'date YYYY-MM-DD' and the article text")
    text = decode_text(data, rel)
    if not text.strip():
        raise ReaderError(rel, "empty file: expected 'date YYYY-MM-DD' and the article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    m = DATELINE.match(lines[first])
    if not m:
        raise ReaderError(rel, "no dateline: the first line must start with 'date YYYY-MM-DD'", first + 1)
    date = _parse_date(m.group(1), rel, first + 1)
    lines[first] = m.group(2)
    paragraphs, outlet = _paragraphs(lines[first:])
    if not any(not p.heading for p in paragraphs):
        raise ReaderError(rel, "no article text after the dateline", first + 1)
    return RawArticle(
        source_path=rel,
        sha256=hashlib.sha256(data).hexdigest(),
        date=date,
        paragraphs=paragraphs,
        outlet=outlet,
    )


def _parse_date(value: str, rel: str, line: int) -> dt.date:
    m = ISO_DATE.match(value)
    if not m:
        raise ReaderError(rel, f"dateline '{value}' is not a date in the form YYYY-MM-DD", line)
    try:
        date = dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        raise ReaderError(rel, f"impossible date '{value}'", line) from None
    if not DATELINE_YEARS[0] <= date.year <= DATELINE_YEARS[1]:
        # Relative dates ("next year", "a decade ago") are counted from the dateline: near the
        # ends of the calendar they would fall outside it.
        raise ReaderError(rel, f"dateline year {date.year:04d} is outside the years this tool handles "
                               f"({DATELINE_YEARS[0]}-{DATELINE_YEARS[1]})", line)
    return date


def _paragraphs(lines: list[str]) -> tuple[list[Paragraph], str | None]:
    blocks, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    paragraphs: list[Paragraph] = []
    outlet = None
    for number, block in enumerate(blocks):
        head = block[0]
        if TRAILER.match(head):
            break
        found = _outlet_of(head)
        if found or RIGHTS.search(head) and len(" ".join(block).split()) < 40:
            outlet = outlet or found
            continue
        if LINK_BOILERPLATE.match(head):
            continue
        # A crosshead on its own line above text is split off, never glued to the sentence.
        # (The dateline's paragraph is the lead, never a heading; a wrapped line that runs on
        # in lower case is a continuation, not a crosshead.)
        first = 0
        while number and len(block) - first > 1 and _is_crosshead(block[first]) and block[first + 1][:1].isupper():
            paragraphs.append(Paragraph(block[first], heading=True))
            first += 1
        joined = " ".join(block[first:])
        paragraphs.append(Paragraph(joined, heading=bool(number) and _is_crosshead(joined)))
    while paragraphs and paragraphs[-1].heading:
        paragraphs.pop()  # a dangling headline at the end introduces nothing
    return paragraphs, outlet
