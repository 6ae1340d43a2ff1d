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
from functools import lru_cache

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
# Edges trimmed off an event; quotation marks are kept (an event never opens or closes a quote).
_EDGE = re.compile(r"^[\s,;:.'‘’()\[\]—–-]+|[\s,;:'‘’()\[\]—–-]+$")
_LEAD_WORD = re.compile(r"^(?:and|but|or|so|then|which|that|while|when|as|also)\s+", re.I)
EVENT_WORDS = 30
_QUOTES = '"“”'


# A complement clause opened after the date ("stated on Wednesday that he will …") has its own
# tense: the date modifies the verb before it, so markers past the opener are not read.
_COMPLEMENT = re.compile(r"\b(?:that|if|whether)\b|[\"“]", re.I)


def tense_near(sentence: str, start: int, end: int) -> str | None:
    """'past' / 'future' from the verb marker nearest to [start, end) in the sentence's clause.

    Markers inside a complement clause opened after the date are skipped when a verb stands
    before the date; a reporting verb after the date (", officials said") counts only weakly,
    one right before it ("stated on Wednesday") is the date's own verb."""
    best, best_dist = None, 10**9
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
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if m.group().lower() in _REPORTING and m.start() >= end:
            dist += 50  # "will parade … on Tuesday, officials said": the attribution is not the event
        if dist < best_dist:
            best, best_dist = "past", dist
    return best


@lru_cache(maxsize=64)
def quote_depths(sentence: str) -> tuple[bool, ...]:
    """For each character: is it inside a quotation (the marks themselves count as inside)?"""
    inside, out = False, []
    for ch in sentence:
        if ch == "“" or ch == '"' and not inside:
            inside = True
            out.append(True)
        elif ch == "”" or ch == '"':
            out.append(True)
            inside = False
        else:
            out.append(inside)
    return tuple(out)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def event_clause(sentence: str, start: int, end: int, others: tuple = (), subjects: dict | None = None) -> str | None:
    """The clause of ``sentence`` the date at [start, end) modifies, whole, without the dates.

    The clause runs between the sentence's clause breaks (never one inside a quotation); a
    clause longer than ``EVENT_WORDS`` is cut at its last comma, else at a word that ends
    neither inside a quotation nor inside a name. ``subjects`` maps the sentence offset of a
    pronoun to the actor it resolves to; a clause opening with that pronoun names the actor."""
    if sentence[end:end + 2] in ("'s", "’s"):
        end += 2
    inside = quote_depths(sentence)
    for a, b in sorted(set(others) | {(start, end)}, reverse=True):
        if (a, b) == (start, end) or b <= start or a >= end:
            m = _LEAD_PREP.search(sentence[:a])
            a = m.start() if m and ((a, b) == (start, end) or b <= start or m.start() >= end) else a
            sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence) if not inside[m.start()]] + [len(sentence)]
    i = max(0, bisect.bisect_right(bounds, start) - 1)
    lo, hi = bounds[i], bounds[min(i + 1, len(bounds) - 1)]
    if len(sentence[lo:hi].split()) < 4 and i + 2 < len(bounds):  # "On Tuesday, the government announced …"
        hi = bounds[i + 2]
    words = [(m.start() + lo, m.end() + lo) for m in re.finditer(r"\S+", sentence[lo:hi])]
    if len(words) > EVENT_WORDS:
        hi = _cut(sentence, words, inside) or hi
    lo, hi = _outside_quotes(sentence, inside, lo, hi)
    relative = _relative_clause(sentence, lo, start)
    text = relative + sentence[start:hi] if relative else sentence[lo:hi]
    shared = re.match(r"\s*(?:(?:but|and|then|yet)\s+)?(?=[a-z]+ed\b)", text)
    if not relative and lo > 0 and shared:
        subject = _sentence_subject(sentence, lo)  # "…, but assured reporters on Wednesday"
        if subject:
            text = subject + " " + text[shared.end():]
            subjects = None  # the clause now opens with a name, no pronoun
    first = re.search(r"\w", text)
    if subjects and first and lo + first.start() in subjects:
        p = lo + first.start()
        word = re.match(r"\w+", sentence[p:]).group()
        text = text[:first.start()] + subjects[p] + text[first.start() + len(word):]
    text = _tidy(_LEAD_WORD.sub("", _EDGE.sub("", " ".join(text.split()))))
    text = re.sub(r'^(["“])\s+', r"\1", text)
    text = re.sub(r',(["”])$', r"\1", text)
    text = _balance_quotes(text)
    text = re.sub(r"(?<=[a-z0-9%)])\.$", "", text)
    if not re.search(r"\w", text):
        return None
    return text


_RELATIVE = re.compile(r"\b(?:who|which)\s+(?!(?:is|are|was|were|has|have|had)\s+(?:also\s+)?(?:the|a|an)\b)", re.I)
_NP_STOP = {"by", "of", "to", "in", "on", "at", "for", "with", "from", "and", "or", "the", "a", "an",
            "against", "among", "about", "over", "under",
            "that", "than", "as", "against", "into"}


def _relative_clause(sentence: str, lo: int, start: int) -> str | None:
    """A date inside a relative clause dates that clause: "… ruled by separatists who rebelled
    against the government in 2014" -> "separatists rebelled against the government"."""
    last = None
    for m in _RELATIVE.finditer(sentence, lo, start):
        last = m
    if last is None:
        return None
    words = sentence[lo:last.start()].rstrip(" ,").split()
    antecedent: list[str] = []
    for w in reversed(words):
        if w.lower() in _NP_STOP or not w[:1].isalnum() or len(antecedent) == 4:
            if w.lower() in ("the", "a", "an") and antecedent:
                antecedent.insert(0, w)
            break
        antecedent.insert(0, w)
    if not antecedent:
        return None
    return " ".join(antecedent) + " " + sentence[last.end():start]


def _sentence_subject(sentence: str, before: int) -> str | None:
    """The subject a later coordinated verb shares: the sentence's opening capitalised words
    up to its first past-tense verb ("Biden spoke …, but assured …" -> "Biden")."""
    m = _PAST.search(sentence, 0, before)
    if not m:
        return None
    subject = sentence[:m.start()].strip()
    words = subject.split()
    if not words or len(words) > 5 or not words[0][:1].isupper() or "," in subject:
        return None
    return subject


_BEFORE_CLAUSE = {"that", "which", "who", "because", "when", "while", "after", "as", "if", "saying"}


def _balance_quotes(text: str) -> str:
    """Drop the quotation marks of a quotation that opens or closes in another sentence (a
    quote running over several sentences), so the event holds only whole quotations."""
    stack, unmatched = [], []
    for k, ch in enumerate(text):
        if ch not in _QUOTES:
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        opening = ch == "“" or ch == '"' and (before.isspace() or before in "([—–-") and not after.isspace()
        if opening:
            stack.append(k)
        elif stack:
            stack.pop()
        else:
            unmatched.append(k)
    unmatched.extend(stack)
    for k in sorted(unmatched, reverse=True):
        text = text[:k] + text[k + 1:]
    return _EDGE.sub("", " ".join(text.split())) if unmatched else text


def _cut(sentence: str, words: list[tuple[int, int]], inside: list[bool]) -> int | None:
    """Where a long clause ends: after its last comma within ``EVENT_WORDS`` words, else after
    the last word there that closes no quotation and splits no name."""
    limit = words[:EVENT_WORDS]
    for a, b in reversed(limit[EVENT_WORDS // 2:]):
        if sentence[b - 1] == "," and not inside[b - 1]:
            return b - 1
    for k in range(len(limit) - 1, EVENT_WORDS // 3, -1):
        a, b = limit[k]
        if sentence[a:b].lower() in _BEFORE_CLAUSE and not inside[a]:
            return limit[k - 1][1]
    for k in range(len(limit) - 1, EVENT_WORDS // 2, -1):
        a, b = limit[k]
        word, nxt = sentence[a:b], sentence[words[k + 1][0]:words[k + 1][1]]
        if inside[b - 1] or inside[words[k + 1][0]] and not sentence[words[k + 1][0]] in _QUOTES:
            continue
        if _is_name_word(word) and _is_name_word(nxt) or word.lower().strip(",;:") in _FUNCTION_WORDS:
            continue
        return b
    return None


_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or",
                   "but", "that", "from", "as", "his", "her", "its", "their", "this", "these", "is",
                   "was", "were", "are", "be", "has", "have", "had", "will", "would", "not", "than", "per",
                   "into", "against", "about", "over", "under", "after", "before", "any", "some"}


def _outside_quotes(sentence: str, inside: list[bool], lo: int, hi: int) -> tuple[int, int]:
    """Widen [lo, hi) so it neither starts nor ends inside a quotation."""
    while lo < hi and sentence[lo].isspace():
        lo += 1
    if lo < len(sentence) and inside[lo] and sentence[lo] not in "“\"":
        lo = max(k for k in range(lo + 1) if sentence[k] in _QUOTES)
    if hi > lo and hi < len(sentence) and inside[hi - 1] and inside[hi]:
        closing = next((k for k in range(hi, len(sentence)) if sentence[k] in "”\"" and not (k + 1 < len(sentence) and inside[k + 1])), None)
        hi = closing + 1 if closing is not None else len(sentence)
    return lo, hi


_DANGLING = re.compile(r"\b(?:on|in|at|since|from|to|until|and|of|by|during|as of|as early as|as late as|as per|as)\s*(?=[,.;:]|$)", re.I)


def _tidy(text: str) -> str:
    for _ in range(2):
        text = _DANGLING.sub("", " ".join(text.split()))
        text = re.sub(r"\s+([,.;:])", r"\1", text)
        text = re.sub(r"[,;:]\s*(?=[,.;:]|$)", "", text)
    return _EDGE.sub("", text)


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
            here = _speech_date(sent, a, in_sent, s0, text, anchor) or anchor
        resolved = resolve(span, text, here, tense)
        if span.kind == "sameyear":
            resolved = _year_before(span, previous_day.get(k) or (anchor.isoformat(), ""))
        elif span.kind == "theday":
            resolved = ("date", last_day) if last_day else None  # "ended the day down 2%"
        if not resolved:
            continue
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


def _inside_quote(sentence: str, at: int) -> bool:
    """An odd number of quotation marks before ``at``: the position is inside a quotation."""
    return sum(sentence.count(q, 0, at) for q in _QUOTES) % 2 == 1


def _speech_date(sent: str, at: int, spans, s0: int, text: str, anchor: dt.date) -> dt.date | None:
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
