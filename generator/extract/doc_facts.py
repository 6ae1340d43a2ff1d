"""Plain-Python views of a parsed Doc that several extractors read, built once per Doc.

spaCy builds a new ``Token`` (or ``Span``) object on every ``doc[i]``, every ``for t in doc``
and every ``doc.text`` (which joins all the tokens again). The rules read the same few facts
thousands of times per article; these views hold them as lists and strings, computed on
first use and kept in ``doc.user_data``:

    doc_text(doc)          == doc.text (the article text the Doc was made from)
    token_texts(doc)[i]    == doc[i].text
    token_lowers(doc)[i]   == doc[i].lower_
    token_starts(doc)[i]   == doc[i].idx
    span_text(doc, s, e)   == doc[s:e].text
    sentence_bounds(doc)   == [(sent.start, sent.end) for sent in doc.sents]

Tokens never change after the tokenizer; sentence boundaries are set once by the first
component (``briefings_sentences``), so ``sentence_bounds`` must only be asked for after it.
"""
from __future__ import annotations

from operator import attrgetter

from spacy.tokens import Doc

_KEY = "briefings.doc_facts"


def _facts(doc: Doc) -> dict:
    facts = doc.user_data.get(_KEY)
    if facts is None:
        facts = doc.user_data[_KEY] = {}
    return facts


def doc_text(doc: Doc) -> str:
    facts = _facts(doc)
    text = facts.get("text")
    if text is None:
        article = doc._.article if Doc.has_extension("article") else None
        # nlp.parse makes the Doc from its article's text, and spaCy keeps every character;
        # the length check guards a Doc given an article it was not made from
        text = article.text if article is not None else None
        if text is None or not len(doc) or len(text) != doc[-1].idx + len(doc[-1].text_with_ws):
            text = doc.text
        facts["text"] = text
    return text


def _per_token(doc: Doc, key: str, read: attrgetter) -> list:
    """One attribute of every token of ``doc``, read on the first call and kept."""
    facts = _facts(doc)
    values = facts.get(key)
    if values is None:
        values = facts[key] = [read(t) for t in doc]
    return values


def token_texts(doc: Doc) -> list[str]:
    return _per_token(doc, "texts", attrgetter("text"))


def token_lowers(doc: Doc) -> list[str]:
    return _per_token(doc, "lowers", attrgetter("lower_"))


def token_starts(doc: Doc) -> list[int]:
    return _per_token(doc, "starts", attrgetter("idx"))


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` ("" when end <= start), without building the Span when the
    bounds lie inside the Doc."""
    if end <= start:
        return ""
    if start < 0 or end > len(doc):
        return doc[start:end].text  # spaCy's slice semantics (negative or clipped bounds)
    starts = token_starts(doc)
    return doc_text(doc)[starts[start]:starts[end - 1] + len(token_texts(doc)[end - 1])]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    facts = _facts(doc)
    bounds = facts.get("sents")
    if bounds is None:
        bounds = facts["sents"] = [(s.start, s.end) for s in doc.sents]
    return bounds
