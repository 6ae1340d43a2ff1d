"""Timeline: every calendar reference in the body, normalised against the dateline.

Point dates go to ``doc._.timeline`` (``TimelineEvent``: verbatim text, ``YYYY-MM-DD`` /
``YYYY-MM`` / ``YYYY``, and the short clause of what happened then); spans that name a
period ("last week", "the past 30 days", "the 1960s") go to ``doc._.periods``.

Patterns and calendar arithmetic live in ``rules``; this module reads the tense
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

from generator.extract.timeline.rules import DateSpan, find_date_spans, resolve
from generator.model import Period, TimelineEvent

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|may|might|would|is to|are to|was to|were to|(?:is|are) (?:set|due|scheduled|expected|planned|slated)|"
    r"(?:expected|due|set|scheduled|slated|planned) to|until at least|at least until|"
    r"set to|due to (?:be|take|start|begin|open|hold|meet|vote|arrive|visit)|scheduled|slated|upcoming|"
    r"plans? to|planning to|intends? to|going to|to be held|to take place|will be)\b|'ll\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|says|went|came|made|took|began|begun|fell|rose|met|spoke|gave|held|"
    r"left|won|lost|saw|found|became|sent|hit|struck|ran|led|died|fought|shot|broke|brought|bought|"
    r"paid|sold|wrote|chose|began|grew|knew|thought|ago|yesterday|earlier|last|"
    r"(?!(?:scheduled|expected|planned|slated|proposed|intended|red|united|bed|need|speed|seed|feed|"
    r"hundred|indeed|based|related|armed|unspecified|advanced|ed)\b)[a-z]{2,}ed)\b", re.I)

_REPORTING = {"said", "says", "told", "added", "announced", "stated", "reported", "confirmed", "warned"}
_PASSIVE_AUX = re.compile(r"\b(?:be|being|to)\s+$", re.I)
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
        if m.start() < end and start < m.end():
            continue  # "in May" is no modal
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if dist < best_dist:
            best, best_dist = "future", dist
    for m in _PAST.finditer(sentence):
        if start <= m.start() < end or any(a <= m.start() < b for a, b in future_spans) \
                or _PASSIVE_AUX.search(sentence, 0, m.start()):
            continue
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if m.group().lower() in _REPORTING:
            dist += 50  # "will parade … on Tuesday, officials said": the attribution is not the event
        if dist < best_dist:
            best, best_dist = "past", dist
    return best


def event_clause(sentence: str, start: int, end: int, others: tuple = ()) -> str | None:
    """The short clause of ``sentence`` around the date at [start, end), without the dates."""
    if sentence[end:end + 2] in ("'s", "’s"):
        end += 2
    for a, b in sorted(others, reverse=True):
        if (a, b) != (start, end) and (b <= start or a >= end):
            m = _LEAD_PREP.search(sentence[:a])
            a = m.start() if m and (b <= start or m.start() >= end) else a
            sentence = sentence[:a] + " " * (b - a) + sentence[b:]
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
    text = _tidy(_LEAD_WORD.sub("", _EDGE.sub("", " ".join(words[:EVENT_WORDS]))))
    return text or None


_DANGLING = re.compile(r"\b(?:on|in|at|since|from|to|until|and|of|by|during|as of)\s*(?=[,.;:]|$)", re.I)


def _tidy(text: str) -> str:
    for _ in range(2):
        text = _DANGLING.sub("", " ".join(text.split()))
        text = re.sub(r"\s+([,.;:])", r"\1", text)
        text = re.sub(r"[,;:]\s*(?=[,.;:]|$)", "", text)
    return _EDGE.sub("", text)


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
        if span.kind in ("mdy", "dmy") and "y" not in span.groups:
            year = next((o.groups["y"] for o in reversed(spans) if s0 <= o.start < span.start
                         and o.kind in ("mdy", "dmy", "my", "year") and "y" in o.groups), None)
            if year:  # "on 3 March 2020, and again on March 12": the sentence's year
                span = DateSpan(span.start, span.end, span.kind, {**span.groups, "y": year})
        resolved = resolve(span, text, anchor, tense)
        if not resolved:
            continue
        same = tuple((o.start - s0, o.end - s0) for o in spans if s0 <= o.start and o.end <= s0 + len(sent))
        _emit(resolved, span, text, sent, a, b, same, events, periods)
    return events, periods


def _emit(resolved, span: DateSpan, text: str, sent: str, a: int, b: int, others: tuple,
          events: list[TimelineEvent], periods: list[Period]) -> None:
    event = event_clause(sent, a, b, others)
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
