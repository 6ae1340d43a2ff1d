"""Calendar expressions: find them in text (pure patterns; resolved in ``resolve.py``).

``find_date_spans(text)`` returns every expression the timeline reads (and the figure
extractor masks): explicit dates, month names, weekdays, relative days/years, "N years ago",
period phrases ("last week", "the past 30 days", "the 1960s"), years, and times of day.
``resolve`` (in ``resolve.py``) dates one against the dateline. Every year candidate passes
guard rules so numbers that are not dates are never read as dates.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
             "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
             "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
             "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|" \
       r"fifty|sixty|seventy|eighty|ninety|hundred)"
_UNIT = r"(?:day|week|month|year|decade|centur(?:y|ie))s?"
_ON = r"(?:(?i:on|by|until|till|since|from|as of|of)\s+)?"

# Order matters: earlier patterns win where spans overlap (longest, most specific first).
PATTERNS: list[tuple[str, re.Pattern]] = [(kind, re.compile(rx, flags)) for kind, rx, flags in [
    ("iso", rf"\b{_ON}(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", 0),
    ("slash", r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)?\d\d)\b", 0),
    ("mdy", rf"\b{_ON}(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b(?!\s*%|\s*(?:percent|per cent)\b|[,.]\d)", 0),
    ("dmy", rf"\b{_ON}(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b", 0),
    ("my", rf"\b(?:(?P<pos>early|late|mid|the end of|the start of|the beginning of|the middle of)[\s-]+)?(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b", 0),
    ("month", rf"\b(?P<cue>in|since|until|till|by|during|from|through|throughout|early|late|mid|of|last|next|this|before|after|between|and|to|or|the end of|the start of|the beginning of)[\s-]+(?:early\s+|late\s+|mid-?)?(?P<mon>{_FULL_MONTH})\b(?!\s+\d)", 0),
    ("baremonth", r"\b(?P<mon>January|February|March|April|June|July|August|September|October|November|December)\b(?!\s+(?:[A-Z\d]|of\b))", 0),
    ("theday", r"\b(?P<cue>for|ending|ended|end|ends|closing|closed|close|during|throughout|over|on|(?=(?:late|early|later|earlier)\s))\s*(?P<w>(?:(?:late|early|later|earlier)\s+in\s+)?the\s+day)\b(?!\s+(?:of|before|after|when|that|which|in|it|he|she|they)\b)(?!['’]s)", re.I),
    ("weekday", rf"\b(?:(?P<mod>(?i:this past|this coming|last|next|this|on the|on|coming|early|late))\s+)?(?P<wd>{_WEEKDAY})(?!s\b)(?:{_PART})\b", 0),
    ("relday", rf"\b(?P<w>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b(?:{_PART})", re.I),
    ("partyear", r"\b(?P<w>(?:the (?:end|start|beginning|middle|close) of|(?:earlier|later) in) the (?P<u>year|month))\b(?!\s+(?:before|after|when|that|in which)\b)", re.I),
    ("ordday", r"\b(?P<cue>on|by|until|till|since|from|before|after) the (?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!\s+of\b)(?!\s*(?:and|or|to|through|[-–])\s*(?:the\s+)?\d)(?!\s*[-–]?\s*(?!(?:and|or|when|at|in|to|with|as|after|before|but|while)\b)[a-z])", re.I),
    ("sameyear", r"\bthe same (?P<u>day|week|month|quarter|period|time) (?:a year (?:ago|earlier|before)|last year|the (?:previous|prior) year|the year before)\b", re.I),
    ("season", rf"\b(?:(?P<cue>(?i:last|this|next|this past|this coming|in the|during the|by the|since the|until the|the|in|early|late|mid))[\s-]+)?(?P<s>(?i:spring|summer|autumn|winter)|(?<=the )fall|(?<=this )fall|(?<=last )fall|(?<=next )fall)(?:(?:\s+of)?,?\s+(?P<y>{_YEAR}))?\b(?!\s+of\b)(?!\s+(?:school|camp|games|olympics|session|term|season|holidays?|festival|solstice|storm)\b)", 0),
    ("ago", rf"(?<![\w\[])\[?(?P<n>{_NUM}|a few|several|a couple of)\]?\s+(?P<u>{_UNIT})\s+ago\b", re.I),
    ("relyear", r"\b(?P<w>(?:this|last|next|the previous|the following|the coming|the past)\s+(?:year|month)|the (?:year|month) (?:before|after|prior)|(?:a|one) (?:year|month) (?:earlier|later|before))\b", re.I),
    ("eventrel", rf"\b(?P<n>the|a|one|{_NUM}|a few|several)\s+(?P<u>days?|weeks?|months?|years?)\s+(?P<dir>before|after|earlier than|later than)\s", re.I),
    ("span", rf"\b(?P<w>(?:the|in the|over the|during the|for the|within the)?\s*(?P<dir>past|last|previous|next|coming|following|recent)\s+(?P<n>{_NUM}|few|several|couple of)?\s*(?P<u>{_UNIT})|in recent (?P<u2>days|weeks|months|years|decades)|(?:this|last|next|the past|the)\s+week(?:end)?|over the weekend)\b", re.I),
    ("century", r"\b(?:[Tt]he\s+)?(?:early\s+|late\s+|mid-?)?(?P<c>1[0-9]|2[01])(?:st|nd|rd|th)[\s-]century\b", 0),
    ("decade", r"\b(?:[Tt]he\s+)?(?:early\s+|late\s+|mid-?)?(?P<y>1[6-9]\d0|20\d0)(?:'s|s)\b", 0),
    ("hyphenyear", r"\b(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)[- ](?P<u>year|decade)(?:[- ]long)?\s+(?P<noun>lull|hiatus|break|gap|absence|pause|drought|wait|standoff|stand-off|moratorium|ban|freeze|suspension|interruption|silence)\b", re.I),
    ("yearrange", rf"\b(?:(?P<cue>(?i:from|between))\s+)?(?P<y1>{_YEAR})\s*(?:-|–|—|to|and|until|through)\s*(?P<y2>{_YEAR}|\d\d)\b(?!\s*(?:%|percent))", 0),
    ("year", rf"(?<![\d$€£¥.,#/:])(?<!\d-)(?P<y>{_YEAR})(?![\d%]|,\d|\.\d|-\d|\s*(?:%|percent|per cent))\b", 0),
    ("time", r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b\d{1,2}\s+o'clock\b|\b[0-2]\d[0-5]\d\s*(?:GMT|UTC|hrs|hours\s+(?:GMT|UTC|local))\b", re.I),
]]

# A capitalised word before a year-like number makes it a name ("Windows 2000", "Euro 2016").
_NAME_BEFORE = re.compile(r"(?:^|[^.!?]\s)([A-Z][A-Za-z]+)\s+$")
_OK_BEFORE = {"In", "Since", "By", "Until", "From", "Of", "And", "Or", "The", "To", "Through",
              "During", "Before", "After", "Early", "Late", "Mid", "Spring", "Summer", "Autumn",
              "Fall", "Winter", "As", "On", "At", "For", "Between", "Circa", "Around"}
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|but|when|while|until|to|as|after|before|in|on|at|for|the|a|an|"
                         r"with|by|from|of|that|which|where|was|were|is|are|had|has|have|will|would|"
                         r"saw|elections?|census|season|budget|report|figures|levels?|"
                         # function words that end in "s" are no counted plural ("since 1987 this week")
                         r"this|thus|its|his|hers|ours|theirs|yours|as|us|plus|less|unless|always|perhaps|"
                         r"whereas|across|besides|towards|afterwards|various|previous|was|is|has|does|goes)\b)"
                         r"(?:[a-z][a-z-]*s|people|children|men|women|staff|personnel|police|crew)\b")


_DET_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|this|that|these|those|[A-Za-z]+'s|[A-Za-z]+’s)\s+$", re.I)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    kind: str
    groups: dict

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def _year_ok(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40):start]
    if before.endswith("-") and not re.search(r"(?:^|\W)(?:mid|pre|post|early|late)-$", before, re.I):
        return False  # "STS-2011", "COVID-2019": a name
    m = _NAME_BEFORE.search(before)
    if m and m.group(1) not in _OK_BEFORE and m.group(1).lower() not in MONTHS:
        return False
    if re.search(r"(?:No\.|#|number|version|v\.?|Flight|flight|Route|route|Room|room|page|Page)\s*$", before):
        return False
    if _NOUN_AFTER.match(text, end) and not _DET_BEFORE.search(before):  # "2000 people": a count
        return False
    return True


# Cheap literal triggers (on the lower-cased text): a pattern only runs in windows around them.
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
TRIGGERS = {kind: re.compile(rx) for kind, rx in {
    "iso": r"\d{4}-\d", "slash": r"\d/\d", "mdy": _MON, "dmy": _MON, "my": _MON, "month": _MON,
    "weekday": r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", "baremonth": _MON, "theday": r"the day\b",
    "relday": r"(?:yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)",
    "ago": r"ago\b", "sameyear": r"the same ", "partyear": r"(?:of|in) the (?:year|month)",
    "ordday": r"the [0-3]?\d(?:st|nd|rd|th)\b", "season": r"(?:spring|summer|autumn|fall|winter)", "relyear": r"(?:year|month)", "eventrel": r"(?:day|week|month|year)s? (?:before|after|earlier than|later than) ", "span": r"(?:week|day|month|year|decade|centur)",
    "decade": r"0'?s\b", "century": r"centur", "hyphenyear": r"(?:year|decade)", "yearrange": r"(?:1[6-9]|20)\d\d",
    "year": r"(?:1[6-9]|20)\d\d", "time": r"(?:\d:\d|\d\s*[ap]\.?m|o'clock|gmt|utc|hrs)",
}.items()}
WINDOW = 70


def _windows(trigger: re.Pattern, low: str, size: int) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for m in trigger.finditer(low):
        lo, hi = max(0, m.start() - WINDOW), min(size, m.end() + WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


@lru_cache(maxsize=8)
def find_date_spans(text: str) -> tuple[DateSpan, ...]:
    """Every calendar/time expression, non-overlapping, in text order (cached per text)."""
    taken: list[tuple[int, int]] = []
    found: list[DateSpan] = []
    low = text.lower()
    exact = len(low) == len(text)

    taken_starts: list[int] = []

    def free(s: int, e: int) -> bool:  # taken spans never overlap: only the neighbours can
        k = bisect.bisect_left(taken_starts, e) - 1
        return k < 0 or taken[k][1] <= s

    seen: dict[str, list[tuple[int, int]]] = {}  # kinds sharing a trigger scan the text once
    for kind, rx in PATTERNS:
        trigger = TRIGGERS[kind]
        if not exact:
            windows = [(0, len(text))]
        elif trigger.pattern in seen:
            windows = seen[trigger.pattern]
        else:
            windows = seen[trigger.pattern] = _windows(trigger, low, len(text))
        for lo, hi in windows:
            for m in rx.finditer(text, lo, hi):
                _take(text, kind, m, free, taken, found, taken_starts)
    found.sort(key=lambda d: d.start)
    return tuple(found)


def _take(text, kind, m, free, taken, found, taken_starts) -> None:
    s, e = m.span()
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if text[s:e].strip() != text[s:e]:
        s += len(text[s:e]) - len(text[s:e].lstrip())
    if not free(s, e):
        return
    if kind in ("year", "yearrange") and not _year_ok(text, s, e):
        return
    if kind == "yearrange":
        if len(groups["y2"]) == 2:
            groups["y2"] = groups["y1"][:2] + groups["y2"]
        if int(groups["y2"]) <= int(groups["y1"]):
            return
    if kind == "month" and groups.get("cue", "").lower() in ("and", "to", "or", "of", "this", "between") \
            and groups["mon"] == "May" and not re.match(r"\s*(?:\d|,|\.|;)", text[e:e + 2]):
        return  # "and May" / "to May" are too often the verb
    if kind == "theday":
        s = m.start("w")
    if kind == "baremonth" and (text[s - 1:s] in "-–/" and s or text[e:e + 1] in ("-", "–", "/")):
        return  # "the July-September period": a span of months naming a period, not one month
    if kind in ("month", "baremonth") and re.match(r"\s+[A-Z]", text[e:e + 2]):
        return  # "June Carter": a name
    if kind == "baremonth" and re.search(r"(?:^|[^.!?\"“]\s)[A-Z][\w'’-]*\s+$", text[max(0, s - 40):s]):
        return  # "June Carter", "Lake April": a name, not a month
    if kind == "season" and not groups.get("cue") and not groups.get("y"):
        return  # a bare "spring" is a noun or a verb as often as a season
    if kind == "weekday" and (groups.get("mod") or "").lower() == "on the":
        return
    if kind == "weekday" and not groups.get("mod") \
            and re.search(r"\b(?:on\s+an?|any|every|each)\s+$", text[max(0, s - 8):s], re.I):
        return  # "on a Wednesday night", "every Friday": any such day, not one date (but "at a
        # Wednesday meeting" is that Wednesday's)
    if kind == "eventrel":
        e -= 1  # the space after "before"/"after" only closes the pattern
        if groups["n"].lower() in ("the", "a", "one") and groups["u"].lower() in ("month", "year"):
            return  # "the year before", "a month after": counted from the dateline (relyear)
    k = bisect.bisect_left(taken_starts, s)
    taken_starts.insert(k, s)
    taken.insert(k, (s, e))
    found.append(DateSpan(s, e, kind, groups))
