"""Sentence boundaries: punctuation rules inside a paragraph, and a hard break at every
paragraph and crosshead so a heading is never glued into a sentence."""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from generator.extract.doc_facts import token_texts

_sentencizer = Sentencizer()
_OPENING_QUOTES = {'"', "“", "‘", "'"}


@Language.component("briefings_sentences", assigns=["token.is_sent_start"])
def sentences_component(doc: Doc) -> Doc:
    # The boundaries are edited as one array and set once: spaCy's ``token.is_sent_start``
    # setter scans the whole Doc on every call, which made this pass quadratic in length.
    _sentencizer(doc)
    starts = {start for start, _, _ in doc._.paragraphs or []}
    flags = doc.to_array([SENT_START]).astype("int64")  # 1 starts a sentence, -1 does not, 0 unknown
    last = len(doc) - 1
    texts = token_texts(doc)  # plain strings: a Token object per token costs more than the test
    for i, text in enumerate(texts):
        if i in starts:
            flags[i] = 1
        elif i and "\n" in text and text.isspace():
            flags[i] = -1
        elif i and flags[i] == 1 and i < last and text in _OPENING_QUOTES:
            # Sentencizer can start a sentence on a closing quote mark ('… war."'): keep a
            # closing mark (followed by space or end) with the sentence it closes.
            if doc[i].whitespace_ or texts[i + 1].isspace():
                flags[i] = -1
                flags[i + 1] = 1
        elif i > 1 and flags[i] == 1 and texts[i - 1] in _OPENING_QUOTES and not doc[i - 1].whitespace_ \
                and (doc[i - 2].whitespace_ or texts[i - 2].isspace()) and flags[i - 1] != 1:
            # ... and it can end a sentence on the opening quote mark of the next one
            # ('… on Monday. "We will …'): a mark with space before it and none after opens
            # the sentence that follows.
            flags[i - 1] = 1
            flags[i] = -1
    if len(doc):
        doc.from_array([SENT_START], flags.astype("uint64"))
    return doc
