"""Figures: every explicit numeral and number word, with what it counts.

Each body sentence is cut into simple word/number/punctuation tokens (character offsets kept,
so every ``text`` is a verbatim span). A number is read from digits ("175,000", "4.5",
"3bn") or number words ("forty", "a thousand", "two hundred and fifty"), widened leftwards
over a qualifier ("more than", "an estimated") and a currency ("NZ $", "US$", "€"), and
rightwards over a multiplier ("billion"), a trailing qualifier ("or more"), a unit ("%",
"percent", "-minute", "hours", "euros") and the counted noun phrase. When no noun follows,
the text often still says what is counted: "killing 107" (people killed), "a panel of
twelve" (panel members), "the death toll would have been more than a thousand" (death toll),
"4,300 jobs in France, 3,700 in Germany" (jobs).

Not figures: anything inside a calendar/time expression (the timeline's patterns mask them),
ordinals, identifiers and version numbers ("STS-135", "Internet Explorer 6", "posts 542 and
543"), ranks ("#2"), scores ("1 – 0"), fractions and vague quantities ("thousands",
"dozens", "half"). Ranges ("8–10 years", "between 5 and 10 percent") keep both ends.
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from generator.extract.figures import rules as R
from generator.extract.figures.numbers import (
    _ADJ_END, _DASH, _LEADING_MODS, _OF_DETS, _SKIP_IN_OF, Num, Tok, attached as _attached,
    is_identifier as _is_identifier, read_number as _read_number, tokens as _tokens,
)
from generator.extract.timeline import body_sentences
from generator.extract.timeline.rules import find_date_spans
from generator.model import Figure

def _unit_after(toks: list[Tok], k: int) -> tuple[str | None, str | None, int]:
    """(unit, counts, next index) for a unit written right after the number at token k."""
    if k >= len(toks):
        return None, None, k
    t = toks[k]
    low = t.low
    if t.text == "%":
        return "percent", None, k + 1
    if low in ("percent", "pct"):
        return "percent", None, k + 1
    if low == "per" and k + 1 < len(toks) and toks[k + 1].low == "cent":
        return "percent", None, k + 2
    if low == "percentage" and k + 1 < len(toks) and toks[k + 1].low.startswith("point"):
        return "percentage points", None, k + 2
    hyphen = t.text in _DASH and k + 1 < len(toks) and _attached(toks[k - 1], t) and _attached(t, toks[k + 1])
    w = toks[k + 1].low if hyphen else low
    base = w[:-1] if w.endswith("s") and w[:-1] in R.TIME_UNITS else w
    if base in R.TIME_UNITS:
        n = k + 2 if hyphen else k + 1
        old = n + 1 < len(toks) and toks[n].text in _DASH and toks[n + 1].low == "old" and 2 \
            or n < len(toks) and toks[n].low == "old" and 1
        if old:  # "a 22-year-old (man)", "six years old": a person's age; "a 10-year-old browser": years
            nxt = toks[n + old] if n + old < len(toks) else None
            thing = nxt is not None and nxt.text.isalpha() and nxt.text.islower() and nxt.low not in R.STOP \
                and nxt.low not in R.PERSON_NOUNS
            return None, "years of age" if base == "year" and not thing else R.TIME_UNITS[base], n + old
        return None, R.TIME_UNITS[base], n
    base = w[:-1] if w.endswith("s") and w[:-1] in R.MEASURE_UNITS and w not in R.STOP else w
    if base in R.MEASURE_UNITS and (hyphen or t.text[0].isalpha()):
        return R.MEASURE_UNITS[base], None, k + 2 if hyphen else k + 1
    base = w[:-1] if w.endswith("s") and w[:-1] in R.CURRENCY_WORDS else w
    if base in R.CURRENCY_WORDS and not hyphen:
        return R.CURRENCY_WORDS[base], None, k + 1
    return None, None, k


def _noun_phrase(toks: list[Tok], k: int, one: bool, masked) -> tuple[list[str], int]:
    """The counted noun phrase starting at token k: its words and the index after it."""
    words, end = [], k
    n = k
    if k + 1 < len(toks) and k and toks[k].text in _DASH and _attached(toks[k - 1], toks[k]) \
            and _attached(toks[k], toks[k + 1]) and toks[k + 1].text.isalpha():
        words, n, end = [toks[k + 1].text], k + 2, k + 2
        k += 1
    while n < len(toks) and len(words) < 4:
        t = toks[n]
        if t.text in _DASH and words and n + 1 < len(toks) and _attached(toks[n - 1], t) and _attached(t, toks[n + 1]):
            words[-1] += "-" + toks[n + 1].text
            n += 2
            end = n
            continue
        if words and t.text.isdigit() and _attached(toks[n - 1], t):
            words[-1] += t.text  # "Model X7"
            n += 1
            end = n
            continue
        if t.low in _LEADING_MODS and len(words) == sum(w.lower() in _LEADING_MODS for w in words):
            words.append(t.text)
            n += 1
            continue
        if not t.text[0].isalpha() or t.low in R.STOP or t.low in R.MONTH_DAY_NAMES or masked(t.start, t.end):
            break
        nxt_plural = n + 1 < len(toks) and R.plural_like(toks[n + 1].text) and toks[n + 1].low not in R.STOP
        if t.text.islower() and t.low.endswith(("ly", "ed", "ing")) and not nxt_plural and t.low not in R.IRREGULAR_PLURALS \
                or not words and (t.low in R.CASUALTY_STATES or t.low in R.VAGUE_AFTER or t.low in R.PAST_VERBS):
            break
        words.append(t.text)
        n += 1
        end = n
        more = n < len(toks) and R.plural_like(toks[n].text) and toks[n].low not in R.STOP
        if R.plural_like(t.text) and not more or one and not (_ADJ_END.search(t.low) or t.text[0].isupper()):
            break
    while words and words[-1].lower() in _LEADING_MODS:
        words.pop()
    end = k + len(words) if words and end < k + len(words) else end
    if not words:
        return [], k
    if len(words) > 1 and not any(R.plural_like(w) for w in words) and not one:
        words = words[:1]
        end = k + 1
    return words, end


def _fallback_counts(toks: list[Tok], num: Num, start_i: int, left: int, text: str, sent_start: int,
                     previous: list[Figure], masked) -> tuple[str | None, int | None, int | None]:
    """What a bare number counts, read from the words around it; (counts, new start token, new end)."""
    while start_i and toks[start_i - 1].start >= left:
        start_i -= 1
    prev = toks[start_i - 1].low if start_i else ""
    k = num.j
    if k + 1 < len(toks) and toks[k].low == "of" and toks[k + 1].low in ("them", "these", "those") \
            and previous and previous[-1].counts:
        return previous[-1].counts, None, k + 2  # "four tank cars …, and at least one of them ruptured"
    if k + 2 < len(toks) and toks[k].low == "of" and toks[k + 1].low in _OF_DETS:
        n = k + 2
        while n < len(toks) - 1 and (toks[n].low in _SKIP_IN_OF or toks[n].low.endswith(("'s", "’s"))
                                     or _read_number(toks, n) is not None):
            n += 1
        words, end = _noun_phrase(toks, n, False, masked)
        if not words:  # "four of the derailed tank cars": past adjectives to the plural head
            head = next((x for x in range(n, min(n + 4, len(toks))) if R.plural_like(toks[x].text)
                         and all(t.text.isalpha() and t.low not in R.STOP for t in toks[n:x + 1])), None)
            if head is not None:
                words, end = [t.text for t in toks[n:head + 1]], head + 1
        if words:  # the text runs on to the noun unless another number stands between
            skipped = any(_read_number(toks, x) for x in range(k + 2, n))
            return " ".join(words), None, None if skipped else end
    if prev == "aged" or prev == "," and start_i >= 2 and (toks[start_i - 2].text[:1].isupper()
                                                           or toks[start_i - 2].low in R.PERSON_NOUNS) \
            and k < len(toks) and toks[k].text == "," and num.value < 120 and num.value == int(num.value):
        return "years of age", None, None
    if num.value < 120 and num.value == int(num.value) and R.AGE_COPULA.search(text[sent_start:left]):
        return "years of age", None, None  # "the boy, who was nine,"
    if prev == "of" and start_i >= 2 and toks[start_i - 2].low == "age":
        return "years of age", None, None
    if prev in R.CASUALTY_VERBS:
        return f"people {R.CASUALTY_VERBS[prev]}", None, None
    k = num.j
    while k < len(toks) and toks[k].low in ("were", "was", "are", "have", "had", "been", "be", "reported", "confirmed"):
        k += 1
    if k < len(toks) and toks[k].low in R.CASUALTY_STATES and (k == num.j or k > num.j):
        return f"people {toks[k].low}", None, None
    if start_i >= 2 and prev == "of" and toks[start_i - 2].text.isalpha() and toks[start_i - 2].low not in R.STOP:
        noun = toks[start_i - 2].text
        counts = f"{noun} members" if noun.lower() in R.COLLECTIVES else noun
        return counts, start_i - 2, None
    m = R.COPULAS.search(text[sent_start:left])
    if m:
        words = [w for w in m.group("subj").split()]
        picked = []
        for w in reversed(words):
            if w.lower() in R.SUBJECT_SKIP and not picked:
                continue
            if w.lower() in R.STOP or w.lower() in R.SUBJECT_SKIP:
                break
            picked.insert(0, w)
            if len(picked) == 3:
                break
        if picked:
            return " ".join(picked), None, None
    if start_i == 0 and not num.digits and k < len(toks) and toks[k].text.isalpha() and toks[k].text.islower():
        # "… nine battery fires. Seven occurred while parked"; "14 people, including two crew
        # members, were treated. Nine were released": the latest earlier count that can hold it
        whole = next((f for f in reversed(previous) if f.counts and f.value >= num.value), None)
        if whole is not None:
            return whole.counts, None, None
    if previous and previous[-1].counts and (prev in (",", "and", "or", ";", "against", "versus", "vs")
                                             or prev == "to" and num.value <= previous[-1].value):
        # "4,300 jobs in France, 3,700 in Germany"; "by 91 votes to 86" (but "fell 250 points to
        # 13,000" is a level, not points: a larger number after "to" is where a change ended)
        return previous[-1].counts, None, None
    return None, None, None


def _range_end(toks: list[Tok], num: Num, text: str) -> tuple[Num | None, bool]:
    """(high end, is a pair): "8–10", "two or three", "5 to 10"; a descending pair ("2-1") is a score."""
    k = num.j
    if k + 1 < len(toks) and (toks[k].text in _DASH or toks[k].low in ("to", "or")):
        other = _read_number(toks, k + 1)
        if other and other.digits == num.digits:
            if other.value > num.value:
                return other, True
            return (other, True) if toks[k].text in _DASH else (None, False)
    return None, False


def _names_a_thing(toks: list[Tok], num: Num, counts: str | None, unit: str | None, high) -> bool:
    """A written-out count is plural ("two ferries"); digits before one singular noun, or bare
    after a determiner, name a model, an index or a level: "their 737 narrowbody", "the S&P 500
    index", "the 5000 mark", "the 787 made its first flight"."""
    if high is not None and not unit and num.digits and counts and " " not in counts and "-" not in counts \
            and not R.plural_like(counts) and counts.lower() not in R.COUNT_SINGULARS \
            and toks[num.j].text in _DASH and _attached(toks[num.j - 1], toks[num.j]) and _attached(toks[num.j], toks[high.i]):
        return True  # "the 737-800 range": a model with its variant, no span of numbers
    if unit or high is not None or not num.digits or "," in toks[num.i].text or num.value < 2:
        return False
    if counts is None:
        prev = toks[num.i - 1].text if num.i else ""
        named = num.plain and prev[:1].isupper() and prev.endswith(("'s", "’s")) \
            and prev[:-2].lower() not in R.MONTH_DAY_NAMES  # "rival Boeing's 747", not "February's 9.12 million"
        return (prev.lower() in R.DETERMINERS or named) and num.j < len(toks) and toks[num.j].low != "of"
    words = counts.split()
    return len(words) == 1 and "-" not in words[0] and not R.plural_like(words[0]) \
        and words[0].lower() not in R.COUNT_SINGULARS and toks[num.j - 1].end != toks[num.j].start


def _sentence_figures(toks: list[Tok], text: str, sent_start: int, masked, carried: list[Figure] = ()) -> list[Figure]:
    out: list[Figure] = []
    i, last_id = 0, -10
    while i < len(toks):
        num = _read_number(toks, i)
        if num is None:
            i += 1
            continue
        if masked(toks[i].start, toks[num.j - 1].end):
            i = num.j
            continue
        joined_to_id = i >= 2 and last_id == i - 2 and toks[i - 1].low in ("and", ",", "or", "&")
        if joined_to_id or _is_identifier(toks, num, text):
            last_id = num.j - 1
            i = num.j
            continue
        fig, nxt = _build(toks, num, text, sent_start, out or (list(carried) if i == 0 else []), masked)
        if fig is not None:
            out.append(fig)
        i = max(nxt, i + 1)
    return out


def _build(toks: list[Tok], num: Num, text: str, sent_start: int, previous: list[Figure], masked):
    low_num = num.value
    sign = num.i >= 1 and toks[num.i - 1].text in R.CURRENCY_SYMBOLS  # "between €1.5 billion and €2 billion"
    opener = num.i - 1 - sign
    between = opener >= 0 and toks[opener].low in (("between",) if sign else ("between", "from"))
    high, _ = _range_end(toks, num, text)
    if high is not None and high.value <= num.value:
        return None, high.j  # "1 – 0", "2-1": a score
    if high is None and between and num.j + 1 < len(toks) and toks[num.j].low in ("and", "to"):
        at = num.j + 1
        if sign and at + 1 < len(toks) and toks[at].text == toks[num.i - 1].text:
            at += 1  # the second end repeats the currency sign
        high = _read_number(toks, at)
        if high is not None and high.value <= num.value:
            high = None
    last = high or num
    if high is not None and masked(toks[high.i].start, toks[high.j - 1].end):
        return None, high.j
    # leftwards: currency, then qualifier
    start_i, unit, qualifier = num.i, None, None
    if start_i >= 1 and toks[start_i - 1].low in ("magnitude", "magnitude-"):
        unit = "magnitude"
        start_i -= 1
    elif start_i >= 1 and toks[start_i - 1].text in R.CURRENCY_SYMBOLS:
        unit = R.CURRENCY_SYMBOLS[toks[start_i - 1].text]
        start_i -= 1
        if start_i >= 1 and toks[start_i - 1].text in R.DOLLAR_PREFIX and unit == "dollars":
            unit = f"{R.DOLLAR_PREFIX[toks[start_i - 1].text]} dollars"
            start_i -= 1
    elif start_i >= 1 and toks[start_i - 1].text in R.CURRENCY_CODES:
        unit = R.CURRENCY_CODES[toks[start_i - 1].text]
        start_i -= 1
    q = R.QUALIFIER_BEFORE.search(text[max(sent_start, toks[start_i].start - 30):toks[start_i].start])
    left = toks[start_i].start
    if q:
        qualifier = q.group("q")
        left -= len(q.group(0))
    if between and high is not None:
        left = toks[opener].start
    # rightwards: trailing qualifier, unit, counted noun phrase
    k = last.j
    right = toks[k - 1].end
    qa = R.QUALIFIER_AFTER.match(text, right)
    if qa and qualifier is None:
        qualifier = qa.group("q")
        right = qa.end()
        while k < len(toks) and toks[k].start < right:
            k += 1
    u, counts, k2 = _unit_after(toks, k)
    if u or counts:
        unit = unit or u
        if k2 > k:
            right = toks[k2 - 1].end
        if counts and toks[k].text in _DASH and toks[k2 - 1].low != "old":
            words, k3 = _noun_phrase(toks, k2, True, masked)  # "76-minute call": text keeps the noun
            if words:
                right, k2 = toks[k3 - 1].end, k3
        k = k2
    if k < len(toks) and toks[k].text[0].isalpha() and _attached(toks[k - 1], toks[k]) and toks[k].low in R.SHORT_SCALES:
        k += 1
    one = low_num == 1 and high is None
    if k < len(toks) and toks[k].low in R.VAGUE_AFTER:
        return None, k + 1  # "two thirds"
    if k + 1 < len(toks) and toks[k].text in _DASH and toks[k + 1].low in R.VAGUE_AFTER:
        return None, k + 2
    if counts is None and (unit is None or unit in R.CURRENCY_WORDS.values() or "dollars" in unit
                           or unit in ("magnitude", "percent")):
        if k + 1 < len(toks) and toks[k].text in _DASH and _attached(toks[k - 1], toks[k]) and toks[k + 1].low == "strong":
            k += 2
        words, k3 = _noun_phrase(toks, k, one, masked)
        if words:
            counts = " ".join(words)
            right = toks[k3 - 1].end
            k = k3
    if one and not num.digits:
        prev = toks[num.i - 1].low if num.i else ""
        nxt = toks[num.j].low if num.j < len(toks) else ""
        counted_of = nxt == "of" and qualifier is not None  # "at least one of them"
        one_more = nxt == "more" and num.j + 1 < len(toks) and toks[num.j + 1].low not in R.ONE_AFTER_SKIP \
            and counts is not None  # "one more fire": a count, unlike "one more time"
        if prev in R.ONE_BEFORE_SKIP and qualifier is None \
                or nxt in R.ONE_AFTER_SKIP and not counted_of and not one_more or not (counts or unit or counted_of):
            return None, num.j
        if counts and not R.plural_like(counts.split()[-1]) and k < len(toks) and toks[k].low in R.SPEECH_VERBS:
            return None, k  # "One resident said": an unnamed source, not a count
    if high is not None and not (counts or unit):
        return None, high.j  # a score ("1 – 0") or a bare span of numbers
    if _names_a_thing(toks, num, counts, unit, high):
        return None, k
    if counts is None and unit is None:
        counts, new_start, new_end = _fallback_counts(toks, num, start_i, left, text, sent_start, previous, masked)
        if new_start is not None:
            left = toks[new_start].start
        if new_end is not None:
            right, k = toks[new_end - 1].end, new_end
    fig = Figure(
        text=text[left:right],
        value=low_num,
        value_to=high.value if high is not None else None,
        unit=unit,
        counts=counts,
        qualifier=qualifier,
    )
    return fig, k


def _date_mask(text: str):
    spans = []
    for d in find_date_spans(text):
        if d.kind == "span" and d.groups.get("n") and d.groups.get("dir", "").lower() in ("next", "coming", "following"):
            continue  # "over the next four years": a period, and a figure too
        if d.kind == "eventrel":
            continue  # "two days after the vote": an offset, and a duration too
        spans.append((d.start, d.end))
    starts = [s for s, _ in spans]  # sorted, never overlapping: one lookup per question

    def masked(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end) - 1
        return k >= 0 and spans[k][1] > start
    return masked


def match_figures(doc: Doc) -> list[Figure]:
    """Pure: the figures of ``doc`` in text order (no Doc attribute is written)."""
    text = doc.text
    masked = _date_mask(text)
    figures: list[Figure] = []
    carried: list[Figure] = []  # the last sentence's counts, for a number opening the next one
    for start, sent in body_sentences(doc):
        if not any(c.isdigit() for c in sent) and not _HAS_NUMBER_WORD.search(sent):
            whole = _WHOLE_OF.match(sent)  # "None of the fires caused injuries. Seven occurred …"
            if whole:
                carried = [Figure(text=whole.group(0), value=float("inf"), counts=whole.group("noun"))]
            continue
        found = _sentence_figures(_tokens(sent, start), text, start, masked, carried)
        counting = [f for f in found if f.counts and not f.unit]
        carried = counting or carried
        figures.extend(found)
    return figures


# A sentence opening on a quantifier over a plural ("None of the fires", "All of the victims")
# names what the next sentence's bare number counts.
_WHOLE_OF = re.compile(r"(?:None|All|Most|Many|Some|Several|Each|Both|Neither|Few) of (?:the|these|those|its|their) "
                       r"(?P<noun>[a-z]+s)\b")
_HAS_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(set(R.UNITS) | set(R.TENS) | set(R.SCALES), key=len, reverse=True)) + r")\b", re.I)


@Language.component("briefings_figures", assigns=["doc._.figures"])
def figures_component(doc: Doc) -> Doc:
    doc._.figures = match_figures(doc)
    return doc
