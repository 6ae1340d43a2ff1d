"""Quotation pairing over plain text: never raises, whatever the marks.

``find_quotes(text, paragraphs)`` pairs quotation marks inside each paragraph and returns one
``Quote`` per contiguous quoted stretch. Straight and curly double marks are paired with
direction hints from their neighbours (a mark after a space opens, a mark before a space
closes); an odd straight mark is dropped as stray. An opening mark with no closing mark
before the paragraph ends continues into the next paragraph when that one opens with a
mark (the usual multi-paragraph quotation); otherwise the stretch runs to the paragraph's
end only when it is long enough to be a real quotation. Single marks are used only in
paragraphs without double marks, and then only when clearly paired.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
DOUBLE = '"' + OPENERS + CLOSERS
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
_OPEN_BEFORE = "([{—–-/:;,"  # characters after which a mark opens
_CLOSE_AFTER = ".,;:!?)]}—–-…"  # characters before which a mark closes
_TRIM_END = " \t\n,;:"
# A single-mark quotation longer than this is not paired: it bounds the scan per mark, so a
# huge paragraph of apostrophes costs linear time.
_SINGLE_MAX = 2000
# The marks, found by the regex engine: the scans below look at these positions only.
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE) + "]")
_SINGLE_OPEN_MARK = re.compile("[" + re.escape(SINGLE_OPEN) + "]")


@dataclass
class Quote:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark, None when it runs to the paragraph end
    start: int  # inner text, trimmed
    end: int
    para: int
    cont_prev: bool = False  # continues a quotation opened in an earlier paragraph
    cont_next: bool = False  # continues into the next paragraph


def _hint(text: str, i: int, lo: int, hi: int) -> str:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    opens = prev.isspace() or prev in _OPEN_BEFORE or prev in DOUBLE
    closes = nxt.isspace() or nxt in _CLOSE_AFTER or nxt in DOUBLE
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _pair(text: str, lo: int, hi: int, marks: list[int]) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs (open, close) of double marks in [lo, hi) and the last unclosed opener, if any."""
    pairs: list[tuple[int, int]] = []
    straight_only = all(text[i] == '"' for i in marks)
    if straight_only and len(marks) % 2 == 0:
        return [(marks[k], marks[k + 1]) for k in range(0, len(marks), 2)], None
    current: int | None = None
    for i in marks:
        ch = text[i]
        hint = _hint(text, i, lo, hi)
        if ch in OPENERS:
            kind = "close" if hint == "close" and current is not None else "open"
        elif ch in CLOSERS:
            kind = "open" if hint == "open" and current is None else "close"
        else:
            kind = hint
        if current is None:
            if kind in ("open", "either"):
                current = i
            # a closing mark with nothing open is stray
        else:
            if kind in ("close", "either"):
                pairs.append((current, i))
                current = None
            else:  # a second opener: the first one was stray (or lost its closer)
                current = i
    return pairs, current


def _single_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    pairs = []
    i = lo  # scanning resumes here after a pair
    for mark in _SINGLE_OPEN_MARK.finditer(text, lo, hi):
        if mark.start() < i:
            continue  # inside the pair just found
        i = mark.start()
        found = None
        if (i == lo or text[i - 1].isspace() or text[i - 1] in "([—–:") \
                and i + 1 < hi and text[i + 1].isalpha():
            for j in range(i + 2, min(hi, i + _SINGLE_MAX)):
                c = text[j]
                if c == "\n":
                    break
                if c in SINGLE_CLOSE and not text[j - 1].isspace() and (j + 1 >= hi or not text[j + 1].isalnum()) \
                        and text[j - 1] != "s":  # "s'" is more often a plural possessive
                    found = j
                    break
        if found is not None:
            pairs.append((i, found))
            i = found + 1
    return pairs


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in _TRIM_END:
        b -= 1
    return a, b


def _next_opens_with_mark(text: str, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    return a < b and (text[a] in OPENERS or text[a] == '"' or text[a] in "‘")


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quoted stretches, in text order. ``paragraphs`` are (start, end) character spans."""
    if not text:
        return []
    paras = [(max(0, a), min(len(text), b)) for a, b in (paragraphs or [(0, len(text))]) if b > a]
    quotes: list[Quote] = []
    carried = False  # the previous paragraph ended inside a quotation that continues here
    for pi, (lo, hi) in enumerate(paras):
        marks = [m.start() for m in _DOUBLE_MARK.finditer(text, lo, hi)]
        if marks:
            pairs, unclosed = _pair(text, lo, hi, marks)
        else:
            pairs, unclosed = _single_pairs(text, lo, hi), None
        spans: list[tuple[int, int | None]] = [(a, b) for a, b in pairs]
        nxt = paras[pi + 1] if pi + 1 < len(paras) else None
        cont_next = False
        if unclosed is not None:
            if _next_opens_with_mark(text, nxt):
                cont_next = True
                spans.append((unclosed, None))
            elif len(text[unclosed:hi].split()) >= 6 and (unclosed == lo or text[unclosed - 1] in " :,\n"):
                spans.append((unclosed, None))
        spans.sort(key=lambda s: s[0])
        first_quote = True
        for a, b in spans:
            s, e = _trimmed(text, a + 1, hi if b is None else b)
            if e <= s:
                continue
            q = Quote(open=a, close=b, start=s, end=e, para=pi)
            if first_quote and carried and text[lo:a].strip() == "":
                q.cont_prev = True
            if b is None and cont_next:
                q.cont_next = True
            first_quote = False
            quotes.append(q)
        carried = cont_next
    return quotes
