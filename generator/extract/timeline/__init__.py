"""Timeline: every calendar reference in the body, normalised against the dateline.

Point dates go to ``doc._.timeline`` (``TimelineEvent``: verbatim text, ``YYYY-MM-DD`` /
``YYYY-MM`` / ``YYYY``, and the short clause of what happened then); spans that name a
period ("last week", "the past 30 days", "the 1960s") go to ``doc._.periods``.

Patterns and calendar arithmetic live in ``rules``, the tense around an expression in
``tense`` (a weekday or a month without a year in a past-tense clause is the most recent one
on or before the dateline, in a future clause the next one), the event clause in ``events``;
this module puts them together per sentence, with the dates that depend on another date.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from generator.extract.timeline.events import _QUOTES, event_clause
from generator.extract.timeline.resolve import _num as _count
from generator.extract.timeline.resolve import resolve
from generator.extract.timeline.rules import DateSpan, find_date_spans
from generator.extract.timeline.tense import tense_near
from generator.model import Period, TimelineEvent

def _body_sentences(doc: Doc) -> list[tuple[int, str]]:
    """(start_char, text) of every sentence outside crossheads."""
    return body_sentences(doc)


def body_sentences(doc: Doc) -> list[tuple[int, str]]:
    """(start_char, text) of every sentence outside crossheads, in text order (linear)."""
    heads = sorted((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, h in (doc._.paragraphs or []) if h and e > s)
    head_starts = [a for a, _ in heads]
    out = []
    for sent in doc.sents:
        k = bisect.bisect_right(head_starts, sent.start_char) - 1
        if k >= 0 and sent.start_char < heads[k][1]:
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
    previous_day: dict[int, tuple[str, str]] = {}  # sentence -> its last date so far
    last_day: str | None = None  # the story's most recent dated day, for "the day"
    last_written: str | None = None  # the latest date written with its year, for "a year later"
    pronouns = _pronoun_subjects(doc)
    subjects_of: dict[int, dict[int, str]] = {}
    span_starts = [o.start for o in spans]
    pronoun_at = sorted(pronouns)
    for span in spans:
        k = bisect.bisect_right(starts, span.start) - 1
        if k < 0:
            continue
        s0, sent = sentences[k]
        if span.end > s0 + len(sent):
            continue  # inside a crosshead or across a boundary
        a, b = span.start - s0, span.end - s0
        if span.kind == "weekday" and _named_day(sent, a):
            continue  # "Black Monday", "Super Tuesday": the name of a day, not the coming or last one
        # the spans of this sentence (spans are sorted and never overlap)
        in_sent = spans[bisect.bisect_left(span_starts, s0):bisect.bisect_left(span_starts, s0 + len(sent))]
        tense = tense_near(sent, a, b)
        if span.kind in ("mdy", "dmy") and "y" not in span.groups:
            year = next((o.groups["y"] for o in reversed(in_sent) if o.start < span.start
                         and o.kind in ("mdy", "dmy", "my", "year") and "y" in o.groups), None)
            if year:  # "on 3 March 2020, and again on March 12": the sentence's year
                span = DateSpan(span.start, span.end, span.kind, {**span.groups, "y": year})
        here = anchor
        if span.kind == "relday" and _inside_quote(sent, a):
            here = _speech_date(sent, in_sent, s0, text, anchor) or anchor
        resolved = resolve(span, text, here, tense)
        if span.kind == "sameyear":
            resolved = _year_before(span, previous_day.get(k) or (anchor.isoformat(), ""))
        elif span.kind == "theday":
            resolved = ("date", last_day) if last_day else None  # "ended the day down 2%"
        elif span.kind == "eventrel":
            resolved = _from_event(span, in_sent, s0, sent, text, anchor)
        elif span.kind == "relyear" and tense == "past" and _FORWARD.search(span.groups["w"]):
            resolved = _after_written(span, last_written, anchor)
        if not resolved:
            continue
        if resolved[0] == "date" and len(resolved) == 2 and "y" in span.groups:
            last_written = resolved[1]
        if resolved[0] == "date" and len(resolved) == 2:
            previous_day[k] = (resolved[1], span.kind)
            if len(resolved[1]) == 10:
                last_day = resolved[1]
        same = tuple((o.start - s0, o.end - s0) for o in in_sent if o.end <= s0 + len(sent))
        if k not in subjects_of:
            here_p = pronoun_at[bisect.bisect_left(pronoun_at, s0):bisect.bisect_left(pronoun_at, s0 + len(sent))]
            subjects_of[k] = {p - s0: pronouns[p] for p in here_p}
        _emit(resolved, span, text, sent, a, b, same, events, periods, subjects_of[k])
    return events, periods


# Words that make a weekday the name of a day (a crash, a sales day, a feast, a primary):
# such a name is no reference to the week around the dateline.
_NAMED_DAY = {"black", "cyber", "super", "good", "ash", "maundy", "holy", "easter", "bloody", "blue",
              "giving", "shrove", "palm", "fat", "white", "whit", "plough", "low", "manic"}
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+) *$")


def _named_day(sentence: str, at: int) -> bool:
    """The weekday at ``at`` is capitalised as part of a name ("Black Monday")."""
    m = _WORD_BEFORE.search(sentence, 0, at)
    return bool(m) and m.group(1).lower() in _NAMED_DAY


def _inside_quote(sentence: str, at: int) -> bool:
    """An odd number of quotation marks before ``at``: the position is inside a quotation."""
    return sum(sentence.count(q, 0, at) for q in _QUOTES) % 2 == 1


def _speech_date(sent: str, spans, s0: int, text: str, anchor: dt.date) -> dt.date | None:
    """The day the quoted words were spoken, when the sentence dates the speech outside the
    quotation ("'Today we vote,' she said on Monday"): a quoted "today" is that day."""
    for o in spans:
        if not (s0 <= o.start < s0 + len(sent)) or o.kind not in ("weekday", "mdy", "dmy", "iso"):
            continue
        if _inside_quote(sent, o.start - s0):
            continue
        found = resolve(o, text, anchor, "past")
        if found and found[0] == "date" and len(found[1]) == 10:
            return dt.date.fromisoformat(found[1])
    return None


# What may stand between "two days before" and the date of its event: a short noun phrase
# ("the vote", "the company's annual meeting"), with no clause break.
_EVENT_NOUN = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|that)\s+(?:[\w'’-]+\s+){1,4}$", re.I)
_UNIT_DAYS = {"day": 1, "week": 7}


def _from_event(span: DateSpan, in_sent, s0: int, sent: str, text: str, anchor: dt.date):
    """"two days before the vote on Sunday": the event's date moved by the offset; an event the
    sentence does not date leaves the offset undated ("the day before the vote")."""
    nxt = next((o for o in in_sent if o.start >= span.end), None)
    if nxt is None or nxt.kind not in ("weekday", "mdy", "dmy", "iso", "my", "month", "relday", "ordday", "year") \
            or not _EVENT_NOUN.fullmatch(text, span.end, nxt.start):
        return None
    found = resolve(nxt, text, anchor, tense_near(sent, nxt.start - s0, nxt.end - s0))
    if not found or found[0] != "date" or len(found) != 2:
        return None
    g = span.groups
    n = {"the": 1, "a": 1, "one": 1}.get(g["n"].lower()) or _count(g["n"])
    unit = g["u"].lower().rstrip("s")
    if n is None:
        return None
    n = -n if g["dir"].lower().startswith(("before", "earlier")) else n
    value = found[1]
    if unit in _UNIT_DAYS:
        if len(value) != 10:
            return None
        return ("date", (dt.date.fromisoformat(value) + dt.timedelta(days=n * _UNIT_DAYS[unit])).isoformat())
    if unit == "month":
        if len(value) < 7:
            return None
        y, m = divmod(int(value[:4]) * 12 + int(value[5:7]) - 1 + n, 12)
        return ("date", f"{y:04d}-{m + 1:02d}")
    return ("date", f"{int(value[:4]) + n:04d}")


# "a year later", "the following year": forward from an event. In a past-tense clause the
# event is one the story has dated (from the dateline the result would lie in the future).
_FORWARD = re.compile(r"\b(?:later|after|following)\b", re.I)


def _after_written(span: DateSpan, written: str | None, anchor: dt.date):
    """"Jobs started Apple in 1976 … One year later he was fired": a year (month) after the latest
    date written with its year; none, or one not before the dateline, leaves it undated."""
    if written is None or written[:4] >= f"{anchor.year:04d}":
        return None
    if "month" in span.groups["w"].lower():
        if len(written) < 7:
            return None
        y, m = divmod(int(written[:4]) * 12 + int(written[5:7]), 12)
        return ("date", f"{y:04d}-{m + 1:02d}")
    return ("date", f"{int(written[:4]) + 1:04d}")


def _year_before(span: DateSpan, base: tuple[str, str]):
    """"the same month a year ago": the date it repeats (the sentence's last one, else the
    dateline), a year back, at the unit's precision."""
    value = base[0]
    unit = span.groups["u"].lower()
    year = int(value[:4]) - 1
    if unit == "month" and len(value) >= 7:
        return ("date", f"{year:04d}{value[4:7]}")
    if unit == "day" and len(value) == 10:
        return ("date", f"{year:04d}{value[4:]}") if value[5:] != "02-29" else None
    return ("date", f"{year:04d}")


_PRONOUNS = {"he", "she", "they", "it"}


def _pronoun_subjects(doc: Doc) -> dict[int, str]:
    """Character offset of each pronoun the actor stage resolved -> the actor's name."""
    mentions, actors = doc._.actor_mentions or [], doc._.actors or []
    out = {}
    for s, e, i in mentions:
        if e == s + 1 and doc[s].lower_ in _PRONOUNS and 0 <= i < len(actors):
            out[doc[s].idx] = actors[i].name
    return out


def _emit(resolved, span: DateSpan, text: str, sent: str, a: int, b: int, others: tuple,
          events: list[TimelineEvent], periods: list[Period], subjects: dict | None = None) -> None:
    event = event_clause(sent, a, b, others, subjects)
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
