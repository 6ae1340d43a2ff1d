"""``--model NAME``: a trained pipeline's entities are extra evidence for actors.

The trained pipeline here is a tiny NER trained inside the test on invented sentences (a few
seconds); the default stays blank English and reads no entities."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from spacy.training import Example
from typer.testing import CliRunner

from generator.cli import app
from generator.nlp import load_nlp, parse_text

# a lowercase-initial company name ("eBay"-like) the capitalised-run finder cannot see, and people
_TRAIN = [
    ("Shares of eZentrix rose on Monday.", [(10, 18, "ORG")]),
    ("Analysts said eZentrix will grow.", [(14, 22, "ORG")]),
    ("The results of eZentrix beat forecasts.", [(15, 23, "ORG")]),
    ("Investors bought eZentrix after the report.", [(17, 25, "ORG")]),
    ("Zorvan Quell spoke on Tuesday.", [(0, 12, "PERSON")]),
    ("Officials met Zorvan Quell in the morning.", [(14, 26, "PERSON")]),
    ("The report by Zorvan Quell was published.", [(14, 26, "PERSON")]),
    ("Later Zorvan Quell left the meeting.", [(6, 18, "PERSON")]),
    ("The Tessaly Works plant reopened.", [(4, 17, "ORG")]),
    ("Workers at Tessaly Works went on strike.", [(11, 24, "ORG")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> str:
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for _, ents in _TRAIN:
        for _, _, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": ents}) for text, ents in _TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(30):
        rng.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1)
    path = tmp_path_factory.mktemp("tiny-ner") / "model"
    nlp.to_disk(path)
    return str(path)


def _names(doc) -> set[str]:
    return {a.name for a in doc._.actors}


TEXT = "Shares of eZentrix rose on Monday, and Zorvan Quell said eZentrix will grow."


def test_the_default_pipeline_reads_no_entities():
    doc = parse_text(TEXT)
    assert "eZentrix" not in _names(doc)


def test_a_trained_entity_adds_a_candidate_the_capitals_missed(tiny_model):
    nlp = load_nlp(tiny_model)
    doc = parse_text(TEXT, nlp=nlp)
    assert {e.text for e in doc.ents} >= {"eZentrix"}  # the tiny model learned its lesson
    company = [a for a in doc._.actors if a.name == "eZentrix"]
    assert company and company[0].type == "org" and company[0].mentions == 2
    assert any(a.name == "Zorvan Quell" and a.type == "person" for a in doc._.actors)


def test_a_trained_label_types_a_name_the_words_left_untyped(tiny_model):
    text = "Officials met Zorvan Quell in the morning."
    # blank English: no title, no known given name, no surname re-used: an organisation by default
    assert [a.type for a in parse_text(text)._.actors if a.name == "Zorvan Quell"] == ["org"]
    doc = parse_text(text, nlp=load_nlp(tiny_model))
    assert [a.type for a in doc._.actors if a.name == "Zorvan Quell"] == ["person"]


def test_two_trained_entities_in_one_capitalised_run_are_two_actors(tiny_model):
    from generator.extract.actors.candidates import Mention
    from generator.extract.actors.ents import split_at_entities

    m = Mention(2, 6, 2, hint=None)
    parts = split_at_entities([m], [(2, 4, "GPE"), (4, 6, "PERSON")])
    assert [(p.start, p.end, p.hint) for p in parts] == [(2, 4, "place"), (4, 6, "person")]
    assert split_at_entities([m], [(2, 6, "PERSON")]) == [m]


def test_generate_with_a_model_stamps_it_and_an_unknown_model_is_one_line(tiny_model, tmp_path):
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("date 2021-12-09 " + TEXT, encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["generate", str(article.parent), "--out", str(tmp_path / "out"), "--model", tiny_model,
                             "-j", "1"])
    assert ok.exit_code == 0, ok.output
    text = next((tmp_path / "out" / "briefings").rglob("*.md")).read_text(encoding="utf-8")
    assert "name: eZentrix" in text and Path(tiny_model).name in text.split("generator:")[1].splitlines()[0]
    bad = runner.invoke(app, ["generate", str(article.parent), "--out", str(tmp_path / "out2"), "--model",
                              "no_such_pipeline_xyz"])
    assert bad.exit_code == 2
    lines = [line for line in bad.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no_such_pipeline_xyz" in lines[0] and "Traceback" not in bad.output
