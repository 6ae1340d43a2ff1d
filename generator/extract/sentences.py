"""Sentence boundaries: punctuation rules inside a paragraph, and a hard break at every
paragraph and crosshead so a heading is never glued into a sentence."""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

_sentencizer = Sentencizer()
_OPENING_QUOTES = {'"', "“", "‘", "'"}


@Language.component("briefings_sentences", assigns=["token.is_sent_start"])
def sentences_component(doc: Doc) -> Doc:
    _sentencizer(doc)
    starts = {start for start, _, _ in doc._.paragraphs or []}
    for token in doc:
        if token.i in starts:
            token.is_sent_start = True
        elif token.i and token.is_space and "\n" in token.text:
            token.is_sent_start = False
        elif token.i and token.is_sent_start and token.text in _OPENING_QUOTES and token.i + 1 < len(doc):
            # Sentencizer can start a sentence on a closing quote mark ('… war."'): keep a
            # closing mark (followed by space or end) with the sentence it closes.
            if token.whitespace_ or token.i + 1 == len(doc) or doc[token.i + 1].is_space:
                token.is_sent_start = False
                doc[token.i + 1].is_sent_start = True
    return doc
