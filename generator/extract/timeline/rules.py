"""Calendar expressions: find them in text (pure patterns), then resolve them against a dateline.

``find_date_spans(text)`` returns every expression the timeline reads (and the figure
extractor masks): explicit dates, month names, weekdays, relative days/years, "N years ago",
period phrases ("last week", "the past 30 days", "the 1960s"), years, and times of day.
``resolve(span, anchor, tense)`` turns one into ``("date", value)`` or
``("period", from, to)`` or ``None`` (times of day are masked, never dated).

No date library is called: weekday and month arithmetic is done here, and every year
candidate passes guard rules so numbers that are not dates are never read as dates.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
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
    if kind == "eventrel":
        e -= 1  # the space after "before"/"after" only closes the pattern
        if groups["n"].lower() in ("the", "a", "one") and groups["u"].lower() in ("month", "year"):
            return  # "the year before", "a month after": counted from the dateline (relyear)
    k = bisect.bisect_left(taken_starts, s)
    taken_starts.insert(k, s)
    taken.insert(k, (s, e))
    found.append(DateSpan(s, e, kind, groups))


# ---------------------------------------------------------------- resolution

def _num(word: str) -> int | None:
    word = word.lower().strip("[]")
    if word.isdigit():
        return int(word)
    if word in ("a few", "several", "few"):
        return None
    if word == "a couple of":
        return 2
    return NUM_WORDS.get(word)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int | None, anchor: dt.date, tense: str | None) -> int:
    """Nearest sensible year for a month (and day) written without one."""
    this = _safe(anchor.year, month, day or 1) or dt.date(anchor.year, month, 1)
    if tense == "past" and (this > anchor if day else month > anchor.month):
        return anchor.year - 1
    if tense == "future" and (this < anchor if day else month < anchor.month):
        return anchor.year + 1
    return anchor.year


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _ym(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _weekday(anchor: dt.date, wd: int, mode: str) -> dt.date:
    back = (anchor.weekday() - wd) % 7
    if mode == "last":
        return anchor - dt.timedelta(days=back or 7)
    if mode in ("next", "future"):
        ahead = (wd - anchor.weekday()) % 7
        if mode == "next" and ahead == 0:
            ahead = 7
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _shift(anchor: dt.date, n: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return anchor + dt.timedelta(days=n)
    if unit == "week":
        return anchor + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(anchor, n)
    years = n * {"year": 1, "decade": 10, "century": 100, "centurie": 100}[unit]
    return _safe(anchor.year + years, anchor.month, anchor.day) or dt.date(anchor.year + years, anchor.month, 28)


def _fmt(d: dt.date, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit in ("day", "week"):
        return d.isoformat()
    if unit == "month":
        return _ym(d)
    return f"{d.year:04d}"


def resolve(span: DateSpan, source: str, anchor: dt.date, tense: str | None = None):
    """("date", value) | ("period", from, to) | [several] | None for one found span."""
    g, k = span.groups, span.kind
    if k == "time":
        return None
    if k == "iso":
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return ("date", d.isoformat()) if d else None
    if k == "slash":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        y = y + 2000 if y < 100 and y <= anchor.year % 100 + 1 else (y + 1900 if y < 100 else y)
        m, d = (b, a) if a > 12 else (a, b)
        d = _safe(y, m, d)
        return ("date", d.isoformat()) if d else None
    if k in ("mdy", "dmy"):
        month = MONTHS[g["mon"].rstrip(".").lower()]
        day = int(re.match(r"\d+", g["d"]).group())
        year = int(g["y"]) if "y" in g else _year_for(month, day, anchor, tense)
        d = _safe(year, month, day)
        return ("date", d.isoformat()) if d else None
    if k == "my":
        return ("date", f"{int(g['y']):04d}-{MONTHS[g['mon'].rstrip('.').lower()]:02d}")
    if k == "month":
        month = MONTHS[g["mon"].lower()]
        cue = g["cue"].lower()
        if cue == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif cue == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif cue == "this":
            year = anchor.year
        else:
            year = _year_for(month, None, anchor, tense)
        return ("date", f"{year:04d}-{month:02d}")
    if k == "baremonth":
        if tense is None:
            return None  # "the rains come around June": a present with no tense marker recurs
        month = MONTHS[g["mon"].lower()]
        return ("date", f"{_year_for(month, None, anchor, tense):04d}-{month:02d}")
    if k == "theday":
        return None  # event-relative: the day the story last dated (set by the timeline)
    if k == "weekday":
        mod = (g.get("mod") or "").lower()
        mode = {"last": "last", "this past": "last", "next": "next", "coming": "next",
                "this coming": "next"}.get(mod)
        if mode is None:
            mode = "future" if tense == "future" else "past"
        return ("date", _weekday(anchor, WEEKDAYS[g["wd"].lower()], mode).isoformat())
    if k == "relday":
        w = g["w"].lower()
        delta = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
                 "last night": -1, "tomorrow": 1}.get(w, 0)
        return ("date", (anchor + dt.timedelta(days=delta)).isoformat())
    if k == "ago":
        n = _num(g["n"])
        if n is None:
            return None
        unit = g["u"].lower().rstrip("s")
        when = _shift(anchor, -n, unit)
        if unit in ("decade", "century", "centurie"):
            return ("period", _fmt(when, "year"), _fmt(when, "year"))
        return ("date", _fmt(when, unit))
    if k == "season":
        return _season(g, anchor, tense)
    if k == "partyear":  # "by the end of the year": the dateline's year (month)
        return ("date", f"{anchor.year:04d}" if g["u"].lower() == "year" else _ym(anchor))
    if k == "ordday":  # "on the 15th": that day of the dateline's month, or of the month before/after
        day = int(g["d"])
        month = anchor.replace(day=1)
        if tense == "past" and day > anchor.day:
            month = _add_months(month, -1)
        elif tense == "future" and day < anchor.day:
            month = _add_months(month, 1)
        d = _safe(month.year, month.month, day)
        return ("date", d.isoformat()) if d else None
    if k in ("sameyear", "eventrel"):
        return None  # event-relative: dated by the timeline from the date it repeats
    if k == "relyear":
        w = " ".join(g["w"].lower().split())
        unit = "month" if "month" in w else "year"
        if w.startswith(("this",)):
            n = 0
        elif w.startswith(("next", "the following", "the coming")) or w.endswith(("after", "later")):
            n = 1
        elif w.startswith("the past"):
            return ("period", _shift(anchor, -1, unit).isoformat(), anchor.isoformat())
        else:
            n = -1
        return ("date", _fmt(_shift(anchor, n, unit), unit))
    if k == "span":
        return _span(g, anchor)
    if k == "century":
        c = int(g["c"])
        return ("period", f"{(c - 1) * 100 + 1:04d}", f"{c * 100:04d}")
    if k == "decade":
        y = int(g["y"])
        return ("period", f"{y:04d}", f"{y + 9:04d}")
    if k == "hyphenyear":
        n = _num(g["n"]) or 1
        n *= 10 if g["u"].lower() == "decade" else 1
        return ("period", f"{anchor.year - n:04d}", f"{anchor.year:04d}")
    if k == "yearrange":
        y1, y2 = g["y1"], g["y2"]
        return [("date", y1, 0), ("date", y2, 1), ("period", y1, y2)]
    if k == "year":
        return ("date", g["y"])
    return None


def _span(g: dict, anchor: dt.date):
    w = " ".join(g["w"].lower().split())
    if "weekend" in w:
        sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if w.startswith("next"):
            sat += dt.timedelta(days=7)
        return ("period", sat.isoformat(), (sat + dt.timedelta(days=1)).isoformat())
    if w.endswith("week") and not g.get("n") and not w.endswith("weeks"):
        monday = anchor - dt.timedelta(days=anchor.weekday())
        if w.startswith("last") or w.startswith("the past"):
            monday -= dt.timedelta(days=7)
            if w.startswith("the past"):
                return ("period", (anchor - dt.timedelta(days=7)).isoformat(), anchor.isoformat())
        elif w.startswith("next"):
            monday += dt.timedelta(days=7)
        return ("period", monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    unit = (g.get("u") or g.get("u2") or "").lower()
    direction = (g.get("dir") or "recent").lower()
    raw = g.get("n")
    if not raw and not unit.endswith("s") and (direction not in ("past", "next", "coming") or unit == "day"):
        return None  # "the next day", "the last day": relative to an event, not the dateline
    n = _num(raw) if raw else None
    if n is None:
        n = 7 if raw and raw.lower() in ("few", "several") else (2 if raw and "couple" in raw.lower() else 1)
        if unit.endswith("s") and not raw:
            n = 3
    if direction in ("next", "coming", "following"):
        end = _shift(anchor, n, unit)
        return ("period", _fmt(anchor, unit), _fmt(end, unit))
    start = _shift(anchor, -n, unit)
    return ("period", _fmt(start, unit), _fmt(anchor, unit))


SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(g: dict, anchor: dt.date, tense: str | None):
    """A season as a three-month period (northern hemisphere, as dated news is read), the one the
    cue or the tense points to: "last summer" ended before the dateline, "next spring" starts after
    it, "this winter" holds or follows it; with a year, that year's (and the year as a date)."""
    first = SEASON_START[g["s"].lower()]
    cue = " ".join((g.get("cue") or "").lower().split())

    def period(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first, 1)
        return start, _add_months(start, 2)

    if "y" in g:
        year = int(g["y"])
        start, end = period(year)
        return [("date", f"{year:04d}"), ("period", _ym(start), _ym(end))]
    this_start, this_end = period(anchor.year)
    if first == 12 and anchor.month <= 2:  # January's winter began the December before
        this_start, this_end = period(anchor.year - 1)
    if cue in ("last", "this past") or cue not in ("next", "this coming", "this") and tense == "past":
        year = this_start.year if this_end < anchor.replace(day=1) or tense == "past" and this_start <= anchor else this_start.year - 1
        if cue in ("last", "this past") and this_start <= anchor <= _add_months(this_end, 1):
            year = this_start.year - 1
    elif cue in ("next", "this coming") or tense == "future":
        year = this_start.year if this_start > anchor else this_start.year + 1
        if cue not in ("next", "this coming") and this_start <= anchor < _add_months(this_end, 1):
            year = this_start.year
    else:
        year = this_start.year
    start, end = period(year)
    return ("period", _ym(start), _ym(end))
