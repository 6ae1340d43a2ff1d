"""resolve_actor answers from indexes: the same answers as reading every actor, rule by rule."""
from __future__ import annotations

import random

from generator.extract.actors.lexicon import lexicon, norm_key
from generator.extract.actors.lookup import resolve_actor_in
from generator.extract.actors.merge import initials
from generator.model import Actor


def _scan(actors: list[Actor], text: str) -> Actor | None:
    """The rules of resolve_actor applied by reading every actor for every question."""
    lex = lexicon()
    key = norm_key(text)
    if not key:
        return None
    for a in actors:
        if key == norm_key(a.name) or any(key == norm_key(x) for x in a.aliases):
            return a
    words = key.split()
    while len(words) > 1 and (lex.has("titles", words[0]) or words[0] in lex.demonym_adj):
        words = words[1:]
    short = " ".join(words)
    hits = [a for a in actors if any(short == norm_key(x) for x in [a.name, *a.aliases])]
    if not hits and len(words) == 1:
        hits = [a for a in actors if a.type == "person" and norm_key(a.name).split()[-1] == short]
        if not hits:
            hits = [a for a in actors if a.type != "person" and initials(a.name).lower() == short]
    if not hits:
        place = lex.place(text)
        if place is not None:
            hits = [a for a in actors if a.type == "place" and any(lex.place(x) is place for x in a.aliases)]
    if not hits and len(words) > 1:
        hits = [a for a in actors if norm_key(a.name).endswith(short) or short.endswith(norm_key(a.name))]
        hits = [a for a in hits if len(norm_key(a.name)) >= 4]
    return hits[0] if len({a.name for a in hits}) == 1 else None


def _actors() -> list[Actor]:
    return [
        Actor(name="Mara Velden", type="person", aliases=["Mara Velden", "Minister Velden", "Velden"], mentions=3),
        Actor(name="Tomas Velden", type="person", aliases=["Tomas Velden"], mentions=1),
        Actor(name="Orin Castell", type="person", aliases=["Orin Castell"], mentions=2),
        Actor(name="Harbour Safety Board", type="org", aliases=["Harbour Safety Board"], mentions=2),
        Actor(name="Foreign Ministry", type="org", aliases=["Foreign Ministry"], mentions=1),
        Actor(name="Germany", type="place", aliases=["Germany"], mentions=2),
        Actor(name="Kyiv", type="place", aliases=["Kyiv"], mentions=2),
    ]


def test_a_surname_or_a_titled_form_finds_its_person():
    actors = _actors()
    assert resolve_actor_in(actors, "Castell").name == "Orin Castell"
    # "Velden" is an alias of Mara Velden: the first rule answers before surnames are compared
    assert resolve_actor_in(actors, "Velden").name == "Mara Velden"
    assert resolve_actor_in(actors, "Minister Velden").name == "Mara Velden"
    assert resolve_actor_in(actors, "Tomas") is None  # a first name alone names nobody


def test_initials_a_place_and_a_longer_phrase_find_their_actor():
    actors = _actors()
    assert resolve_actor_in(actors, "HSB").name == "Harbour Safety Board"
    assert resolve_actor_in(actors, "the German Foreign Ministry").name == "Foreign Ministry"
    assert resolve_actor_in(actors, "Kiev").name == "Kyiv"  # one gazetteer place, two spellings


def test_a_new_actor_list_is_indexed_anew():
    actors = _actors()
    assert resolve_actor_in(actors, "Castell").name == "Orin Castell"
    others = [Actor(name="Lia Castell", type="person", aliases=["Lia Castell"], mentions=1)]
    assert resolve_actor_in(others, "Castell").name == "Lia Castell"
    assert resolve_actor_in(actors + others, "Castell") is None  # two people, one surname


def test_the_index_answers_what_reading_every_actor_answers():
    rng = random.Random(3)
    words = ["Velden", "Castell", "Harbour", "Board", "Ministry", "Foreign", "Safety", "Mara", "Orin",
             "Germany", "France", "Paris", "Kiev", "Kyiv", "Minister", "President", "German", "North"]
    for _ in range(40):
        actors = []
        for _ in range(rng.randint(1, 12)):
            name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            aliases = [name] + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 2)))
                                for _ in range(rng.randint(0, 2))]
            actors.append(Actor(name=name, type=rng.choice(["person", "org", "place", "group"]),
                                aliases=aliases, mentions=1))
        queries = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(30)]
        queries += ["the " + q for q in queries[:10]] + ["HSB", "FM", "MV"]
        for q in queries:
            assert resolve_actor_in(actors, q) is _scan(actors, q), q
