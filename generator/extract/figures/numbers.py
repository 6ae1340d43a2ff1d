"""Tokens and numbers for the figure extractor: a simple word/number/punctuation tokenizer
with character offsets, the number reader (digits, multipliers, number words) and the
identifier test ("STS-135", "Internet Explorer 6", "posts 542", "No. 4", "top-four")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.figures import rules as R

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?|\S")
_DASH = {"-", "–", "—"}
_ADJ_END = re.compile(r"(?:al|ic|ive|ous|ern|ful|ish|ian|ese|an|ary|ent|ant|ile|er)$")
_NUMBER_SIGN = re.compile(r"\b(?:No|no|Nos|nos|Vol|vol|Art|art|Sec|sec|pp|Ch|ch)\.\s*$")
_OF_DETS = {"the", "these", "those", "its", "their", "our", "his", "her", "my", "your", "them"}
_SKIP_IN_OF = {"first", "last", "next", "top", "final", "remaining", "latest", "past", "previous"}
_LEADING_MODS = {"other", "more", "additional", "further", "extra", "new"}
_SPACED_SCALES = {"bn", "mn", "mln", "crore", "lakh", "trn"}
_MULT_WORDS = {"hundred", "thousand", "million", "billion", "trillion"}
_OPEN = {'"', "“", "‘", "'", "(", "[", "—", "-", "–", ":", ";"}


@dataclass
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class Num:
    value: float
    i: int  # first token
    j: int  # one past the last token
    digits: bool
    plain: bool  # integer digits without separators, multiplier or currency


def tokens(sent: str, offset: int) -> list[Tok]:
    return [Tok(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(sent)]


def attached(a: Tok, b: Tok) -> bool:
    return a.end == b.start


def read_number(toks: list[Tok], i: int) -> Num | None:
    t = toks[i]
    if t.text[0].isdigit():
        value = R.parse_digits(t.text)
        if value is None:
            return None
        j, plain = i + 1, "," not in t.text and "." not in t.text
        if j + 1 < len(toks) and toks[j].text in _DASH and toks[j + 1].low in _MULT_WORDS \
                and attached(t, toks[j]) and attached(toks[j], toks[j + 1]):
            j += 1  # "$1.2-billion"
        if j < len(toks) and toks[j].low in _MULT_WORDS:
            value *= R.SCALES[toks[j].low]
            j, plain = j + 1, False
        elif j < len(toks) and toks[j].low in R.SHORT_SCALES and (attached(t, toks[j]) or toks[j].low in _SPACED_SCALES):
            value *= R.SHORT_SCALES[toks[j].low]
            j, plain = j + 1, False
        return Num(value, i, j, True, plain)
    words = [x.low for x in toks[i:i + 8]]
    if words[0] not in R.UNITS and words[0] not in R.TENS and words[0] not in ("a", "an"):
        return None
    parsed = R.word_number(words)
    if not parsed:
        return None
    value, used = parsed
    return Num(value, i, i + used, False, False)


def is_identifier(toks: list[Tok], num: Num, text: str) -> bool:
    t = toks[num.i]
    before = text[t.start - 1] if t.start else " "
    if num.digits:
        if before.isalnum() or before in "#/:@" or (before in "-." and t.start > 1 and text[t.start - 2].isalnum()):
            return True
        after = text[t.end] if t.end < len(text) else " "
        if after in "/:" and t.end + 1 < len(text) and text[t.end + 1].isdigit():
            return True
        if after.isalpha() and num.j == num.i + 1:
            nxt = toks[num.i + 1].low
            if nxt not in R.MEASURE_UNITS and nxt not in R.TIME_UNITS:
                return True  # "4th", "3D", "5G", "1960s"
    if _NUMBER_SIGN.search(text, max(0, t.start - 8), t.start):
        return True  # "No. 4" (even where a sentence break was put after "No.")
    if num.i == 0:
        return False
    prev = toks[num.i - 1]
    if not num.digits and t.text[:1].isupper() and prev.text not in _OPEN and prev.text not in ".!?":
        return True  # "Formula One", "the Group of Eight", "Channel Four"
    if prev.low.rstrip(".") in R.ID_NOUNS and prev.low not in ("week", "day") or prev.low == "#":
        return True
    if prev.text in _DASH and attached(prev, t) and num.i >= 2 and attached(toks[num.i - 2], prev) \
            and toks[num.i - 2].text.isalpha() and toks[num.i - 2].low not in R.TENS:
        return True  # "top-four", "Group-Seven"
    if num.plain and prev.text.isalpha() and not prev.text.islower() and not prev.text[:1].isupper():
        return True  # "iPhone 13", "eBay 2"
    if num.plain and num.j + 1 < len(toks) and toks[num.j].text[:1].isupper() and \
            any(x.low in R.STREET_WORDS for x in toks[num.j + 1:num.j + 3]):
        return True  # "10 Downing Street"
    if num.plain and prev.text[:1].isupper() and prev.text.isalpha() and num.i >= 2 \
            and toks[num.i - 2].text not in _OPEN and toks[num.i - 2].text not in ".!?" \
            and prev.text not in R.CURRENCY_CODES and prev.low not in R.STOP and prev.low not in R.MONTH_DAY_NAMES:
        return True  # "Internet Explorer 6", "Nord Stream 2", "Apollo 11"
    return False
