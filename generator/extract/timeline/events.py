"""The event of a date: the clause of its sentence the date modifies, whole, with its subject,
never cut inside a quotation or a name."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from generator.extract.timeline.tense import _PAST

# Clause boundaries inside a sentence: the event is the clause holding the date.
# Clause boundaries inside a sentence: the event is the clause holding the date.
_CLAUSE_BREAK = re.compile(
    r";|:\s|\s[—–]\s|,\s+(?=(?:but|while|whereas|although|though|despite|which|who|when|after|before|"
    r"as|since|because|according|saying|adding|amid|following|and then)\b)|,\s+(?=[a-z]+ing\b)")
_LEAD_PREP = re.compile(r"(?:\b(?:on|in|at|since|by|from|until|till|as of|as early as|early|late|"
                        r"during|of|for|over|earlier|later|this|last|next|before|after|ahead of|"
                        r"within|around|towards?|through|throughout)\s+)+$", re.I)
# Edges trimmed off an event; quotation marks are kept (an event never opens or closes a quote).
_EDGE = re.compile(r"^[\s,;:.'‘’()\[\]—–-]+|[\s,;:'‘’()\[\]—–-]+$")
_LEAD_WORD = re.compile(r"^(?:and|but|or|so|then|which|that|while|when|as|also)\s+", re.I)
EVENT_WORDS = 30
_QUOTES = '"“”'


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
