"""Title and summary: extractive, from the lead, as a news reader expects.

News is written in inverted pyramid, so the lead sentences are the ones a reader can stop
after. The summary takes the first body sentences up to ~70 words (at least one, at most
three), skipping headings and sentences that are mostly quotation. The title, when the article carries no headline of its own, is the lead's main clause,
with people named as headlines name them, and cut at a word boundary to ``TITLE_CHARS``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from generator.extract.doc_facts import sentence_bounds, token_texts

SUMMARY_WORDS = 70
TITLE_CHARS = 80  # a headline; the slug is made from it
TITLE_MIN_WORDS = 6  # a cut never leaves fewer words than this
# Clause openers after which a lead sentence stops being headline material.
_TITLE_CUT = re.compile(
    r",\s+(?:despite|after|as|while|which|who|amid|according|following|but|when|in what|saying)\b|"
    r"\s+(?:despite|amid|according to|following|after|as|but|while|because|raising|ending|blaming)\s|"
    r"[;:(—–]|,\s", re.I)
# "X said on Tuesday that …" reads as a headline in the present: "X says …".
_REPORTED_LEAD = re.compile(
    r"^(?P<who>(?:[A-Z][\w.'’-]*\s+){0,5}?[A-Z][\w.'’-]+)\s+(?:said|told \w+)"
    r"(?:\s+(?:on|late|early)\s+\w+day|\s+\w+day|\s+yesterday|\s+today)?(?:\s+(?:morning|afternoon|evening|night))?"
    r"(?:\s+that)?\s+(?P<rest>\S.+)$")
_TRAILING_TIME = re.compile(
    r"\s+(?:on|this|last|late|early|earlier)\s+(?:\w+day|week|month|year|morning|afternoon|evening|night)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$|\s+(?:yesterday|today|on \w+ \d{1,2})$", re.I)
_DAY_PHRASE = re.compile(
    r"\s+(?:on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?|yesterday)\b", re.I)
_QUOTE_MARKS = '"“”'
# A lead that opens with a scene-setting phrase ("On Tuesday, …", "According to X, …",
# "Quoting Y, …") reads as a headline only once that phrase is dropped.
_LEADING_PHRASE = re.compile(
    r"^(?:(?:on|in|with|after|according|as|while|despite|amid|following|during|at|for|last|"
    r"earlier|yesterday|today|this|when|since|over|late|early|\w+ing)\b[^,]{0,90},\s+)", re.I)
_APPOSITIVE = re.compile(r"^([^,]{2,40}), [^,]{3,60}, (?=[a-z])")


def body_sentences(doc: Doc) -> list[Span]:
    heads = {start for start, _, heading in doc._.paragraphs or [] if heading}
    texts = token_texts(doc)
    sents = []
    for start, end in sentence_bounds(doc):
        first = next((i for i in range(start, end) if not texts[i].isspace()), None)
        if first is None or start in heads or first in heads:
            continue
        sents.append(doc[start:end])
    return sents


def _quoted_share(text: str) -> float:
    inside, count, total = False, 0, 0
    for ch in text:
        if ch in _QUOTE_MARKS:
            inside = not inside
        elif not ch.isspace():
            total += 1
            count += inside
    return count / total if total else 0.0


def make_summary(doc: Doc) -> str:
    chosen: list[str] = []
    words = 0
    for sent in body_sentences(doc):
        text = sent.text.strip()
        if len(text.split()) < 5 or _quoted_share(text) > 0.6:
            continue
        if chosen and words + len(text.split()) > SUMMARY_WORDS:
            break
        chosen.append(text)
        words += len(text.split())
        if len(chosen) == 3:
            break
    return " ".join(chosen)


def make_title(doc: Doc) -> str:
    article = doc._.article
    if article is not None and article.title:
        return article.title
    sents = body_sentences(doc)
    if not sents:
        return "Untitled briefing"
    lead = sents[0].text.strip()
    for _ in range(3):
        shorter = _LEADING_PHRASE.sub("", lead, count=1)
        if shorter == lead or len(shorter.split()) < 4:
            break
        lead = shorter
    lead = _APPOSITIVE.sub(r"\1 ", lead, count=1)
    lead = lead[:1].upper() + lead[1:]
    reported = _REPORTED_LEAD.match(lead)
    if reported:
        who = reported.group("who")
        verb = "say" if " " not in who and who.endswith("s") else "says"  # "Investigators say"
        lead = f"{who} {verb} {reported.group('rest')}"
    title = lead
    for cut in _TITLE_CUT.finditer(lead):
        if len(lead[: cut.start()].split()) >= TITLE_MIN_WORDS:
            title = lead[: cut.start()]
            break
    title = _TRAILING_TIME.sub("", title.rstrip(" .,"))
    title = _DAY_PHRASE.sub("", title)  # headlines leave the day to the dateline
    title = " ".join(title.split())
    if len(title) > TITLE_CHARS:
        title = _short_names(title, doc)
    if len(title) > TITLE_CHARS:
        title = _cut_title(title)
    return title.strip(" ,") or "Untitled briefing"


def _person_names(doc: Doc) -> list[str]:
    names = {n for a in doc._.actors or [] if a.type == "person" for n in [a.name, *a.aliases] if " " in n}
    return sorted(names, key=len, reverse=True)


def _short_names(title: str, doc: Doc) -> str:
    """A headline names people as headlines do: "President Joe Biden" -> "Joe Biden", and when
    that is still too long, by surname ("Biden")."""
    names = [n for n in _person_names(doc) if n in title]
    for name in names:
        title = re.sub(rf"(?:\b(?:[A-Z][\w.'’-]*|US|UK|EU|UN)\s+){{1,3}}(?={re.escape(name)}\b)", "", title, count=1)
    if len(title) > TITLE_CHARS:
        for name in names:
            title = re.sub(rf"\b{re.escape(name)}\b", name.split()[-1], title)
    return title[:1].upper() + title[1:]


def _cut_title(title: str) -> str:
    """Cut a long title back to at most ``TITLE_CHARS`` at a word boundary: before a preposition
    or conjunction that opens a trailing phrase if there is one, never inside a quotation or a
    name, never after a function word."""
    words = title.split()
    best_phrase, best_word = None, None
    for k in range(TITLE_MIN_WORDS, len(words)):
        head = " ".join(words[:k])
        if len(head) > TITLE_CHARS:
            break
        if sum(head.count(q) for q in _QUOTE_MARKS) % 2:
            continue
        nxt, last = words[k], words[k - 1]
        if last.lower().strip(",;:") in _TITLE_FUNCTION_WORDS:
            continue
        if last[:1].isupper() and nxt[:1].isupper():
            continue  # inside a name
        if any(c.isdigit() for c in last) and nxt[:1].islower() or nxt[:1].isdigit():
            continue  # inside an amount: "US$ 23 | billion"
        best_word = head
        if nxt.lower() in _PHRASE_OPENERS:
            best_phrase = head
    if not (best_phrase or best_word) and any(q in title for q in _QUOTE_MARKS):
        # no clean cut outside the quotation: the headline paraphrases it, without the marks
        return _cut_title(title.translate({ord(q): None for q in _QUOTE_MARKS}))
    title = best_phrase or best_word or " ".join(words[:TITLE_MIN_WORDS])
    cut = title.split()
    for k in range(len(cut) - 1, max(TITLE_MIN_WORDS - 1, len(cut) - 4), -1):
        if cut[k].lower() in _PREPOSITIONS:  # "has died at the age" -> "has died"
            title = " ".join(cut[:k])
            break
    return title.rstrip(" ,;:")


_TITLE_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "at", "by",
                         "from", "as", "that", "than", "his", "her", "its", "their", "is", "was", "were",
                         "are", "has", "have", "had", "will", "would", "not", "into", "over", "after",
                         "before", "about", "against", "but", "while", "said", "says", "via", "per",
                         "amid", "despite", "during", "through", "including", "under", "between",
                         "regarding", "concerning", "it", "they", "he", "she", "we", "could", "should",
                         "may", "might", "can", "must"}
_PREPOSITIONS = {"at", "in", "on", "for", "with", "of", "by", "from", "via", "into", "over", "under",
                 "after", "before", "during", "amid", "despite", "through", "between", "against",
                 "regarding", "concerning"}
_PHRASE_OPENERS = _PREPOSITIONS | {"to", "and", "as", "while", "but", "that", "which", "who", "because"}


@Language.component("briefings_summary", assigns=["doc._.title", "doc._.summary"])
def summary_component(doc: Doc) -> Doc:
    doc._.title = make_title(doc)
    doc._.summary = make_summary(doc)
    return doc
