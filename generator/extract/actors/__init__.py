"""Actors: every named person, organisation, place and group, once, under its fullest name.

Pipeline over spaCy's blank English tokens (no trained model):

1. candidates (candidates.py): capitalised runs with name connectors, possessives split,
   sentence-initial common words dropped, title blocks split off;
2. typing (kinds.py): head words, gazetteer, demonyms, cue nouns; products, events and
   bare adjectives are dropped;
3. merging (merge.py): surname, acronym, sub-name, gazetteer and fuzzy links;
4. roles (roles.py) from title blocks and appositions; pronouns;
5. salience (salience.py): an additive score (mentions, role in the lead, speaking, spread
   over the article); ``key`` for the actors near the top score, as many as the story has.

``doc._.actors`` (most central first) and ``doc._.actor_mentions`` are the outputs;
``resolve_actor(doc, text)`` maps a surface string to one of the actors.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from generator.extract.actors.boundaries import camel_case_mentions, split_coordinated_heads
from generator.extract.actors.candidates import DocInfo, Mention, extract_mentions, is_acronym
from generator.extract.actors.ents import (
    add_entity_candidates, fill_text, split_at_entities, trained_entities, type_from_entities)
from generator.extract.actors.lexicon import lexicon, zipf
from generator.extract.actors.lookup import resolve_actor_in
from generator.extract.actors.merge import Cluster, cluster_mentions, finish_cluster
from generator.extract.actors.roles import add_roles, resolve_pronouns
from generator.extract.actors.salience import salience
from generator.extract.actors.kinds import type_mention
from generator.model import Actor

_KEEP_TYPES = ("person", "org", "place", "group")


def _government_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the New Zealand government": the country's government is an organisation of its own."""
    extra = []
    for m in mentions:
        if m.hint == "place" and m.place is not None and m.place.kind == "country" and m.end < len(doc) \
                and doc[m.end].lower_ == "government" and doc[m.end].text.islower():
            g = Mention(m.start, m.end + 1, m.start, hint="org", strong=True, initial=m.initial)
            g.text = g.full_text = doc[m.start:m.end + 1].text
            extra.append(g)
        # "IE6 users": a product is no actor, the people who use it are a group
        elif m.hint == "product" and m.end < len(doc) and doc[m.end].text.islower() \
                and lexicon().has("group_nouns", doc[m.end].text):
            g = Mention(m.start, m.end + 1, m.start, hint="group", strong=True, initial=m.initial)
            g.text = g.full_text = doc[m.start:m.end + 1].text
            extra.append(g)
    return extra


def match_actors(doc: Doc) -> tuple[list[Cluster], list[tuple[int, int, int]]]:
    """Pure: clusters (ordered most central first) and (start, end, cluster index) mentions."""
    info = DocInfo(doc)
    ents = trained_entities(doc)
    mentions = extract_mentions(doc, info)
    if ents:
        mentions = add_entity_candidates(doc, split_at_entities(mentions, ents), ents)
        fill_text(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
    mentions = camel_case_mentions(doc, mentions)
    for m in mentions:
        type_mention(doc, m, info)
    type_from_entities(mentions, ents)
    mentions = split_coordinated_heads(doc, mentions)
    mentions = [m for m in mentions if m.hint not in ("drop", "event")]
    mentions += _government_mentions(doc, mentions)
    group_end: dict[int, int] = {}  # start -> furthest end of a group mention starting there
    for g in mentions:
        if g.hint == "group":
            group_end[g.start] = max(g.end, group_end.get(g.start, g.end))
    mentions = [m for m in mentions if not (m.hint == "product" and group_end.get(m.start, m.end) > m.end)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    clusters = cluster_mentions(doc, mentions)
    kept: list[Cluster] = []
    for c in clusters:
        finish_cluster(c)
        if c.type not in _KEEP_TYPES:
            continue
        body = [m for m in c.mentions if not m.heading]
        if not body:
            continue
        if all(_weak_single(m) for m in c.mentions) and len({m.text for m in c.mentions}) == 1:
            continue
        kept.append(c)
    add_roles(doc, kept)
    resolve_pronouns(doc, kept)
    salience(doc, kept)
    kept.sort(key=lambda c: (-c.score, c.mentions[0].start))
    spans = []
    for idx, c in enumerate(kept):
        for m in c.mentions:
            spans.append((m.start, m.end, idx))
    spans.sort()
    return kept, spans


def _weak_single(m: Mention) -> bool:
    """A lone capitalised common word ("the State", "Government") that names nothing found."""
    if m.end - m.start != 1 or " " in m.text or is_acronym(m.text) or (m.strong and m.hint in ("place", "group")):
        return False
    return zipf(m.text) >= 4.6


def to_actor(c: Cluster) -> Actor:
    return Actor(name=c.name, type=c.type, role=c.role, aliases=list(c.aliases),
                 mentions=sum(1 for _ in c.mentions), key=c.key)


def resolve_actor(doc: Doc, text: str | None) -> Actor | None:
    """The actor a surface string names ("Biden", "the Civil Defense Authority", "KCNA"), or None.

    In order: a name or alias with the same key (the first such actor); the same without a
    leading title or demonym; a person's surname; a non-person's initials; the same gazetteer
    place; a name of four or more characters that ends the string or that the string ends.
    Past the first rule, the answer is kept only if all the actors it finds share one name."""
    if not text:
        return None
    return resolve_actor_in(doc._.actors or [], text)


@Language.component("briefings_actors", assigns=["doc._.actors", "doc._.actor_mentions"])
def actors_component(doc: Doc) -> Doc:
    clusters, spans = match_actors(doc)
    doc._.actors = [to_actor(c) for c in clusters]
    doc._.actor_mentions = spans
    return doc
