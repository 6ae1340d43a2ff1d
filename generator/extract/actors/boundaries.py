"""Name boundaries the capitalised-run finder cannot draw on its own.

* coordinated heads: "the State and Justice Departments" names two organisations, "State
  Department" and "Justice Department" (a plural organisation head shared by two names);
* lowercase-initial names: a camel-case word ("eBay") is a name when the article makes it
  speak ("eBay said", "eBay announced"); one that never does ("the iPhone sold well") is left
  alone, as products of that shape are more common than companies and products do not speak.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from generator.extract.actors.candidates import Mention, is_cap
from generator.extract.actors.lexicon import lexicon
from generator.extract.doc_facts import doc_text

_CAMEL = re.compile(r"^[a-z]{1,3}[A-Z][A-Za-z]+$")
_CAMEL_IN_TEXT = re.compile(r"(?<![A-Za-z])[a-z]{1,3}[A-Z][A-Za-z]")
_SPEECH = {"said", "says", "announced", "reported", "told", "stated", "added", "confirmed", "denied"}


def _singular(word: str) -> str | None:
    """The singular of a plural organisation head ("Departments" -> "Department"), or None."""
    lex = lexicon()
    for plural, single in (("ies", "y"), ("s", "")):
        if word.lower().endswith(plural):
            stem = word[: -len(plural)] + single
            if lex.has("org_heads", stem):
                return stem
    return None


def split_coordinated_heads(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"X and Y Heads": X gets the head too, both read as "X Head" / "Y Head". The second
    name is taken from its full span ("Justice" is no title here); a first name the run
    finder left out (a lone common word) is made a mention."""
    by_end = {m.end: m for m in mentions}
    extra = []
    for m in mentions:
        s = m.full_start
        if m.end - s < 2 or s < 2 or doc[s - 1].lower_ != "and" or not is_cap(doc[s - 2].text):
            continue
        head = _singular(doc[m.end - 1].text)
        if head is None:
            continue
        left = by_end.get(s - 1)
        if left is None or left.end - left.start != 1:
            left = Mention(s - 2, s - 1, s - 2)
            extra.append(left)
        left.text = left.full_text = f"{doc[s - 2].text} {head}"
        m.start, m.title = s, None
        m.text = m.full_text = f"{doc[s:m.end - 1].text} {head}"
        left.hint = m.hint = "org"
        left.strong = m.strong = True
    return mentions + extra


def camel_case_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions for camel-case names the article makes speak (see the module docstring)."""
    if not _CAMEL_IN_TEXT.search(doc_text(doc)):
        return mentions  # most articles have none: skip the walk over every token
    taken = {i for m in mentions for i in range(m.full_start, m.end)}
    spots: dict[str, list[int]] = {}
    acts: set[str] = set()
    for t in doc:
        if not _CAMEL.match(t.text) or t.i in taken:
            continue
        spots.setdefault(t.text, []).append(t.i)
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in _SPEECH:
            acts.add(t.text)
    extra = []
    for word in sorted(acts):
        for i in spots[word]:
            m = Mention(i, i + 1, i, hint="org", strong=False)
            m.text = m.full_text = word
            extra.append(m)
    return mentions + extra
