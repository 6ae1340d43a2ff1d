"""Sentence boundaries around quotation marks: a sentence owns both of its quote marks."""
import pytest

from generator.nlp import parse_text


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in parse_text(text).sents if s.text.strip()]


@pytest.mark.parametrize("text, expected", [
    ('The mayor spoke on Monday. "We will rebuild the bridge," she said. Work begins soon.',
     ["The mayor spoke on Monday.", '"We will rebuild the bridge," she said.', "Work begins soon."]),
    ("Officials were cautious. “Nobody knows yet.” The inquiry continues.",
     ["Officials were cautious.", "“Nobody knows yet.”", "The inquiry continues."]),
    ('He left the room. "It is over." Then he smiled.',
     ["He left the room.", '"It is over."', "Then he smiled."]),
])
def test_an_opening_quote_mark_starts_the_sentence_it_opens(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('She answered: "No." He agreed.', ['She answered: "No."', "He agreed."]),
    ('"Yes," he said. "No," she said.', ['"Yes," he said.', '"No," she said.']),
])
def test_a_closing_quote_mark_stays_with_the_sentence_it_closes(text, expected):
    assert sentences(text) == expected
