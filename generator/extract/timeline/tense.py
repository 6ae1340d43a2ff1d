"""Tense around a date: the verb markers that decide whether a weekday or a month without a
year lies before or after the dateline."""
from __future__ import annotations

import re

# "may" the modal is written in lower case: a capitalised "May" is the month ("from May to July").
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|(?-i:may)|might|would|is to|are to|was to|were to|(?:is|are) (?:set|due|scheduled|expected|planned|slated)|"
    r"(?:expected|due|set|scheduled|slated|planned) to|until at least|at least until|"
    r"set to|due to (?:be|take|start|begin|open|hold|meet|vote|arrive|visit)|scheduled|slated|upcoming|"
    r"plans? to|planning to|intends? to|going to|to be held|to take place|will be|"
    # present-tense intention + infinitive points forward ("wants to finish by June")
    r"wants? to|aims? to|seeks? to|hopes? to|expects? to)\b|'ll\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|says|went|came|made|took|began|begun|fell|rose|met|spoke|gave|held|"
    r"left|won|lost|saw|found|became|sent|hit|struck|ran|led|died|fought|shot|broke|brought|bought|"
    r"paid|sold|wrote|chose|began|grew|knew|thought|ago|yesterday|earlier|last|"
    r"(?!(?:scheduled|expected|planned|slated|proposed|intended|red|united|bed|need|speed|seed|feed|"
    r"hundred|indeed|based|related|armed|unspecified|advanced|ed)\b)[a-z]{2,}ed)\b", re.I)

_REPORTING = {"said", "says", "told", "added", "announced", "stated", "reported", "confirmed", "warned"}
_PASSIVE_AUX = re.compile(r"\b(?:be|being|to)\s+$", re.I)


# A complement clause opened after the date ("stated on Wednesday that he will …") has its own
# tense: the date modifies the verb before it, so markers past the opener are not read.
_COMPLEMENT = re.compile(r"\b(?:that|if|whether)\b|[\"“]", re.I)


# A deadline ("until Friday", "by early June", "till the end of March") lies ahead of the
# clause's present or present-perfect verb ("has kept the markets closed until Friday"); only a
# simple past ("were closed until Friday") puts it behind the dateline.
_DEADLINE = re.compile(r"\b(?:until|till|by)\s+(?:(?:early|mid|late|the (?:end|start|beginning|middle) of)\s+)?$", re.I)
_DEADLINE_IN = re.compile(r"(?:until|till|by)\s", re.I)  # the span itself opens with it
_PERFECT = re.compile(r"\b(?:has|have|'s|'ve)\s+(?:(?:not|also|already|now|since)\s+)?$", re.I)


# A scheduled event in the simple present right before its date lies ahead: "the quarter, which
# ends on June 26", "the sale begins on Monday".
_SCHEDULED = re.compile(r"\b(?:ends|begins|starts|opens|closes|expires|resumes|launches|takes effect|"
                        r"goes on sale|kicks off|is due)\s+(?:on\s+|in\s+|at\s+)?$", re.I)


def tense_near(sentence: str, start: int, end: int) -> str | None:
    """'past' / 'future' from the verb marker nearest to [start, end) in the sentence's clause.

    Markers inside a complement clause opened after the date are skipped when a verb stands
    before the date; a reporting verb after the date (", officials said") counts only weakly,
    one right before it ("stated on Wednesday") is the date's own verb."""
    if _SCHEDULED.search(sentence, max(0, start - 24), start):
        return "future"
    best, best_dist = None, 10**9
    deadline = bool(_DEADLINE.search(sentence, 0, start) or _DEADLINE_IN.match(sentence, start, end))
    opener = _COMPLEMENT.search(sentence, end)
    head = sentence[:start]
    if opener and (_PAST.search(head) or _FUTURE.search(head)
                   or _PAST.search(sentence, end, opener.start()) or _FUTURE.search(sentence, end, opener.start())):
        sentence = sentence[:opener.start()]  # "In a July 16 address, she said that she will …"
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
        if deadline and (_PERFECT.search(sentence, 0, m.start())
                         or (m.group().lower() in _REPORTING and m.start() >= end)):
            continue  # "has kept them closed until Friday, officials said": the deadline is ahead
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if m.group().lower() in _REPORTING and m.start() >= end:
            dist += 50  # "will parade … on Tuesday, officials said": the attribution is not the event
        if dist < best_dist:
            best, best_dist = "past", dist
    if deadline and best is None:
        return "future"
    return best
