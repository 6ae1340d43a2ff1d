"""Resolution of one calendar expression (a ``DateSpan`` from ``rules``) against a dateline.

``resolve(span, source, anchor, tense)`` turns it into ``("date", value)``, ``("period", from,
to)``, a list of those, or ``None`` (times of day are masked, never dated; expressions relative
to another event are dated by the timeline, which knows that event). No date library is called:
weekday and month arithmetic is done here.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from generator.extract.timeline.rules import MONTHS, NUM_WORDS, WEEKDAYS, DateSpan


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
