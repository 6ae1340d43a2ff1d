"""Roles, pronouns and salience for merged actors.

Roles come from the article's own words: a title block ("National Security Advisor Jake
Sullivan"), lowercase titles before a name ("Airbus chief executive Louis Gallois"), and
appositions after ("Khaled Al-Maeena, editor at large at the Saudi Gazette,") or before
("the president of the Lombardy region, Roberto Maroni"). Pronouns join the one person in
sight; salience and ``key`` are salience.py's.
"""
from __future__ import annotations

from spacy.tokens import Doc

from generator.extract.actors.candidates import is_title_word
from generator.extract.actors.lexicon import lexicon
from generator.extract.actors.merge import Cluster
from generator.extract.actors.candidates import Mention
from generator.extract.actors.kinds import appositive
from generator.extract.doc_facts import sentence_bounds, token_texts

_STOP = {",", ".", ";", ":", '"', "“", "”", "(", ")"}


def _role_before(doc: Doc, m: Mention, starts: dict[int, Mention]) -> str | None:
    """Lowercase title words (and the organisation before them) right before the name."""
    i = m.full_start
    j = i
    while j > 0 and doc[j - 1].text.islower() and is_title_word(doc[j - 1].text):
        j -= 1
    if j == i:
        return None
    k = j
    for s, other in starts.items():
        if other.end == j and other.hint in ("org", "place"):
            k = other.full_start
    return doc[k:m.start].text


def _role_appositive_after(doc: Doc, m: Mention) -> str | None:
    span = appositive(doc, m)
    if span is None:
        return None
    s, e = span
    words = [t for t in doc[s:e]]
    if words and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    if not words or not any(is_title_word(t.text) and t.text.islower() for t in words[:5]):
        return None
    return doc[words[0].i:e].text


def _role_appositive_before(doc: Doc, m: Mention) -> str | None:
    i = m.full_start
    if i < 3 or doc[i - 1].text != ",":
        return None
    j = i - 1
    while j > 0 and doc[j - 1].text not in _STOP and not doc[j - 1].is_sent_start and i - j < 16:
        j -= 1
    if doc[j - 1].is_sent_start and doc[j - 1].text not in _STOP:
        j -= 1
    phrase = doc[j:i - 1]
    for t in phrase[:6]:
        if t.text.islower() and is_title_word(t.text):
            if any(x.lower_ in ("said", "says") for x in phrase):
                return None
            prev = doc[t.i - 1] if t.i > 0 else None
            if prev is not None and prev.lower_ not in ("the", "a", "an") and not prev.text[:1].isupper():
                return None
            return doc[t.i:i - 1].text
    return None


def add_roles(doc: Doc, clusters: list[Cluster]) -> None:
    starts = {}
    for c in clusters:
        for m in c.mentions:
            starts[m.start] = m
    for c in clusters:
        if c.type != "person":
            continue
        found = None
        for m in c.mentions:
            found = _role_before(doc, m, starts) or _role_appositive_after(doc, m) or _role_appositive_before(doc, m)
            if found:
                break
        if found:
            c.role = found if not c.role or len(found) > len(c.role) else c.role


def resolve_pronouns(doc: Doc, clusters: list[Cluster]) -> None:
    """he/she/his/her -> the one person named in this or the previous sentence."""
    lex = lexicon()
    person_at: list[tuple[int, int]] = []  # (token, cluster index)
    for idx, c in enumerate(clusters):
        if c.type == "person":
            person_at.extend((m.start, idx) for m in c.mentions)
    if not person_at:
        return
    person_at.sort()
    bounds = [start for start, _ in sentence_bounds(doc)]
    import bisect

    for i, text in enumerate(token_texts(doc)):
        if not lex.has("pronouns_person", text):
            continue
        n = bisect.bisect_right(bounds, i) - 1
        lo = bounds[max(0, n - 1)]
        seen = {idx for pos, idx in person_at if lo <= pos < i}
        if len(seen) == 1:
            idx = seen.pop()
            pm = Mention(i, i + 1, i, hint="person", pronoun=True)
            pm.text = pm.full_text = text
            clusters[idx].mentions.append(pm)
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
