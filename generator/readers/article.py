"""What every reader returns: the article's text as paragraphs plus its metadata."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False  # a crosshead: kept as a heading, never glued into a sentence


@dataclass
class RawArticle:
    source_path: str  # relative to the input root, POSIX separators
    sha256: str
    date: dt.date
    paragraphs: list[Paragraph]
    outlet: str | None = None
    title: str | None = None  # a title to use as the briefing's title as it stands (none of the readers sets it)
    headline: str | None = None  # the source's own headline (pages, feeds, JSON Lines)
    url: str | None = None  # the canonical URL of the original
    authors: tuple[str, ...] = ()  # the byline, one name per entry
    language: str | None = None  # ISO 639-1 code detected from the text

    PARAGRAPH_BREAK = "\n\n"

    @property
    def text(self) -> str:
        """Paragraphs joined by blank lines: the exact string the NLP pipeline parses."""
        return self.PARAGRAPH_BREAK.join(p.text for p in self.paragraphs)

    def paragraph_spans(self) -> list[tuple[int, int, bool]]:
        """(start_char, end_char, is_heading) of each paragraph inside ``text``."""
        spans, pos = [], 0
        for p in self.paragraphs:
            spans.append((pos, pos + len(p.text), p.heading))
            pos += len(p.text) + len(self.PARAGRAPH_BREAK)
        return spans
