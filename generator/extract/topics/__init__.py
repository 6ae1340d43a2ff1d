"""Topics: which subjects of a declared taxonomy (IPTC Media Topics, top level) an article is about.

The taxonomy and its evidence terms live in ``generator/resources/topics_iptc.yaml``. One
``PhraseMatcher`` (case-insensitive, on tokens) finds the terms; overlapping matches keep
the longest ("prime minister" over "minister"). Each occurrence counts 1, or 2 in the lead
(first body paragraph), since news puts what the story is about first. A topic is assigned
when it has at least ``MIN_HITS`` weighted hits from at least ``MIN_TERMS`` distinct terms
and scores at least ``RELATIVE`` of the best topic; at most ``MAX_TOPICS``, by score then id.
Precision over recall: an article with no clear subject gets no topics.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from generator.model import TopicEvidence
from generator.taxonomy import load_taxonomy, taxonomy_terms  # noqa: F401 - load_taxonomy re-exported for callers

MIN_HITS = 3
MIN_TERMS = 2
RELATIVE = 0.35
MAX_TOPICS = 3
MAX_EVIDENCE = 8
LEAD_WEIGHT = 2
_SEP = "\x1f"  # joins topic id and term in a matcher key


def _plural(word: str) -> str:
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def variants(term: str) -> list[str]:
    """The term and the simple plural of its last word ("peace talk" -> "peace talks")."""
    head, _, last = term.rpartition(" ")
    if not last[-1:].isalpha() or (last.endswith(("s", "is")) and not last.endswith(("ss", "us"))):
        return [term]  # already plural ("sanctions"), Greek "-is", or ends in a digit/symbol
    return [term, (head + " " if head else "") + _plural(last)]


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher]] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    """One compiled matcher per vocabulary (normally exactly one), built on first use."""
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    tokenizer = _tokenizer()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for topic in taxonomy_terms():
        for term in topic["terms"]:
            patterns = [Doc(vocab, words=[t.text for t in tokenizer(v)]) for v in variants(term)]
            matcher.add(topic["id"] + _SEP + term, patterns)
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def _lead_end(doc: Doc) -> int:
    """Token index where the lead (first body paragraph) ends."""
    for start, end, heading in doc._.paragraphs or []:
        if not heading:
            return end
    for token in doc:
        if token.is_space and "\n" in token.text:
            return token.i
    return len(doc)


def score_topics(doc: Doc) -> dict[str, tuple[int, list[str]]]:
    """Every topic with a match: (weighted hits, surfaces of its distinct terms in text order)."""
    matches = _matcher(doc.vocab)(doc)
    keys: dict[tuple[int, int], list[str]] = {}
    for match_id, start, end in matches:
        keys.setdefault((start, end), []).append(doc.vocab.strings[match_id])
    kept = filter_spans([Span(doc, start, end) for start, end in keys])
    lead_end = _lead_end(doc)
    score: dict[str, int] = {}
    terms: dict[str, dict[str, str]] = {}  # topic -> {taxonomy term: surface of first occurrence}
    for span in sorted(kept, key=lambda s: s.start):
        weight = LEAD_WEIGHT if span.start < lead_end else 1
        per_topic: dict[str, str] = {}  # one credit per topic per span, whatever the patterns
        for key in sorted(set(keys[(span.start, span.end)])):
            topic, term = key.split(_SEP, 1)
            per_topic.setdefault(topic, term)
        for topic, term in per_topic.items():
            score[topic] = score.get(topic, 0) + weight
            terms.setdefault(topic, {}).setdefault(term, span.text)
    return {topic: (score[topic], list(terms[topic].values())) for topic in sorted(score)}


def match_topics(doc: Doc) -> tuple[list[str], list[TopicEvidence]]:
    """(topic ids, evidence) for a tokenised Doc; reads nothing but the Doc and the taxonomy."""
    scored = score_topics(doc)
    candidates = [t for t, (hits, found) in scored.items() if hits >= MIN_HITS and len(found) >= MIN_TERMS]
    if not candidates:
        return [], []
    top = max(scored[t][0] for t in candidates)
    chosen = sorted((t for t in candidates if scored[t][0] >= RELATIVE * top), key=lambda t: (-scored[t][0], t))
    chosen = chosen[:MAX_TOPICS]
    evidence = [TopicEvidence(topic=t, terms=_distinct(scored[t][1])[:MAX_EVIDENCE]) for t in chosen]
    return chosen, evidence


def _distinct(surfaces) -> list[str]:
    seen, result = set(), []
    for text in surfaces:
        if text.lower() not in seen:
            seen.add(text.lower())
            result.append(text)
    return result


@Language.component("briefings_topics", assigns=["doc._.topics", "doc._.topic_evidence"])
def topics_component(doc: Doc) -> Doc:
    doc._.topics, doc._.topic_evidence = match_topics(doc)
    return doc
