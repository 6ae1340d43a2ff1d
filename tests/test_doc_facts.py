"""The shared per-Doc views give exactly what spaCy's own Token and Span objects give."""
from __future__ import annotations

from generator.extract.doc_facts import (
    doc_text, sentence_bounds, span_text, token_lowers, token_starts, token_texts)
from generator.nlp import load_nlp, parse_text

TEXT = ('The Harbour Board\'s chair, Dr. Ana Costa, said: "We will act."  Then   she left.\n\n'
        "ZOLL Medical’s shares rose 4.5% on Friday.")


def test_token_views_match_the_tokens():
    doc = parse_text(TEXT)
    assert token_texts(doc) == [t.text for t in doc]
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert token_starts(doc) == [t.idx for t in doc]
    assert doc_text(doc) == doc.text


def test_span_text_matches_the_span_for_every_pair_of_bounds():
    doc = parse_text(TEXT)
    n = len(doc)
    for start in range(-2, n + 2):
        for end in range(-2, n + 3):
            expected = doc[start:end].text if end > start else ""
            assert span_text(doc, start, end) == expected, (start, end)


def test_sentence_bounds_are_the_sentences_the_splitter_set():
    doc = parse_text(TEXT)
    assert sentence_bounds(doc) == [(s.start, s.end) for s in doc.sents]
    assert len(sentence_bounds(doc)) >= 3


def test_a_doc_without_an_article_reads_its_own_text():
    doc = load_nlp().make_doc("Officials met in Oslo on Tuesday.")
    assert doc_text(doc) == "Officials met in Oslo on Tuesday."
    assert span_text(doc, 2, 4) == "in Oslo"
