"""Timeline: every calendar reference in the body, normalised against the dateline.

Point dates go to ``doc._.timeline`` (``TimelineEvent``: verbatim text, ``YYYY-MM-DD`` /
``YYYY-MM`` / ``YYYY``, and the short clause of what happened then); spans that name a
period ("last week", "the past 30 days", "the 1960s") go to ``doc._.periods``.

Patterns and calendar arithmetic live in ``timeline_rules``; this module reads the tense
around each expression (a weekday or a month without a year in a past-tense clause is the
most recent one on or before the dateline, in a future clause the next one) and cuts the
event clause out of the sentence.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from generator.extract.timeline_rules import DateSpan, find_date_spans, resolve
from generator.model import Period, TimelineEvent

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is to|are to|was to|were to|(?:is|are) (?:set|due|scheduled|expected|planned|slated) to|"
    r"set to|due to (?:be|take|start|begin|open|hold|meet|vote|arrive|visit)|scheduled|slated|upcoming|"
    r"plans? to|planning to|intends? to|going to|to be held|to take place|will be)\b|'ll\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|says|went|came|made|took|began|begun|fell|rose|met|spoke|gave|held|"
    r"left|won|lost|saw|found|became|sent|hit|struck|ran|led|died|fought|shot|broke|brought|bought|"
    r"paid|sold|wrote|chose|began|grew|knew|thought|ago|yesterday|earlier|last|"
    r"(?!(?:scheduled|expected|planned|slated|proposed|intended|red|united|bed|need|speed|seed|feed|"
    r"hundred|indeed|based|related|armed|unspecified|advanced|ed)\b)[a-z]{2,}ed)\b", re.I)

# Clause boundaries inside a sentence: the event is the clause holding the date.
_CLAUSE_BREAK = re.compile(
    r";|:\s|\s[—–]\s|,\s+(?=(?:but|while|whereas|although|though|despite|which|who|when|after|before|"
    r"as|since|because|according|saying|adding|amid|following|and then)\b)|,\s+(?=[a-z]+ing\b)")
_LEAD_PREP = re.compile(r"(?:\b(?:on|in|at|since|by|from|until|till|as of|as early as|early|late|"
                        r"during|of|for|over|earlier|later|this|last|next)\s+)+$", re.I)
_EDGE = re.compile(r"^[\s,;:.'\"“”‘’()\[\]—–-]+|[\s,;:'\"“”‘’()\[\]—–-]+$")
_LEAD_WORD = re.compile(r"^(?:and|but|or|so|then|which|that|while|when|as|also)\s+", re.I)
EVENT_WORDS = 18


def tense_near(sentence: str, start: int, end: int) -> str | None:
    """'past' / 'future' from the verb marker nearest to [start, end) in the sentence."""
    best, best_dist = None, 10**9
    future_spans = []
    for m in _FUTURE.finditer(sentence):
        future_spans.append(m.span())
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if dist < best_dist:
            best, best_dist = "future", dist
    for m in _PAST.finditer(sentence):
        if start <= m.start() < end or any(a <= m.start() < b for a, b in future_spans):
            continue
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if dist < best_dist:
            best, best_dist = "past", dist
    return best


def event_clause(sentence: str, start: int, end: int) -> str | None:
    """The short clause of ``sentence`` around the date at [start, end), without the date."""
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence) + 1]
    i = max(0, bisect.bisect_right(bounds, start) - 1)
    lo, hi = bounds[i], bounds[min(i + 1, len(bounds) - 1)]
    before = _LEAD_PREP.sub("", sentence[lo:start])
    after = sentence[end:hi]
    clause = f"{before} {after}"
    words = _EDGE.sub("", " ".join(clause.split())).split()
    if len(words) < 4 and i + 2 < len(bounds):  # "On Tuesday, the government announced …"
        more = sentence[hi:bounds[i + 2]]
        words = _EDGE.sub("", " ".join(f"{clause} {more}".split())).split()
    text = _LEAD_WORD.sub("", _EDGE.sub("", " ".join(words[:EVENT_WORDS])))
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return text or None


def _body_sentences(doc: Doc) -> list[tuple[int, str]]:
    """(start_char, text) of every sentence outside crossheads."""
    heads = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, h in (doc._.paragraphs or []) if h and e > s]
    out = []
    for sent in doc.sents:
        if any(a <= sent.start_char < b for a, b in heads):
            continue
        out.append((sent.start_char, sent.text))
    return out


def match_timeline(doc: Doc, anchor: dt.date | None = None) -> tuple[list[TimelineEvent], list[Period]]:
    """Pure: the timeline entries and periods of ``doc`` (no Doc attribute is written)."""
    if anchor is None:
        article = doc._.article
        anchor = getattr(article, "date", None)
    if anchor is None:
        return [], []
    text = doc.text
    spans = find_date_spans(text)
    sentences = _body_sentences(doc)
    starts = [s for s, _ in sentences]
    events: list[TimelineEvent] = []
    periods: list[Period] = []
    for span in spans:
        k = bisect.bisect_right(starts, span.start) - 1
        if k < 0:
            continue
        s0, sent = sentences[k]
        if span.end > s0 + len(sent):
            continue  # inside a crosshead or across a boundary
        a, b = span.start - s0, span.end - s0
        tense = tense_near(sent, a, b)
        resolved = resolve(span, text, anchor, tense)
        if not resolved:
            continue
        _emit(resolved, span, text, sent, a, b, events, periods)
    return events, periods


def _emit(resolved, span: DateSpan, text: str, sent: str, a: int, b: int,
          events: list[TimelineEvent], periods: list[Period]) -> None:
    event = event_clause(sent, a, b)
    surface = text[span.start:span.end]
    items = resolved if isinstance(resolved, list) else [resolved]
    for item in items:
        if item[0] == "period":
            periods.append(Period(text=surface, from_=item[1], to=item[2], event=event))
        elif len(item) == 3:  # one end of a year range: its own verbatim year
            piece = re.findall(r"\d+", surface)[0 if item[2] == 0 else -1]
            events.append(TimelineEvent(text=piece, date=item[1], event=event))
        else:
            events.append(TimelineEvent(text=surface, date=item[1], event=event))


@Language.component("briefings_timeline", assigns=["doc._.timeline", "doc._.periods"])
def timeline_component(doc: Doc) -> Doc:
    doc._.timeline, doc._.periods = match_timeline(doc)
    return doc
