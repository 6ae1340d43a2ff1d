"""Evidence from a trained pipeline's entities (``briefings generate --model NAME``).

With the default blank English there are no ``doc.ents`` and nothing here changes a
mention. When a trained pipeline ran first, its entities are extra evidence, never the
only word:

* candidates: an actor-like entity that no capitalised run found ("eBay", a name the
  tokenizer split oddly) becomes a weak mention;
* boundaries: a run holding two actor entities of two words or more is two names ("the
  United States Hamid Karzai said" -> "United States" + "Hamid Karzai");
* types: an entity's label types a mention the article's own words left untyped (a PERSON
  label also beats a weak guess); a product, event, work or law label drops an untyped one.
"""
from __future__ import annotations

from spacy.tokens import Doc

from generator.extract.actors.candidates import Mention

LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
NON_ACTOR_LABELS = {"PRODUCT": "product", "EVENT": "event", "WORK_OF_ART": "product", "LAW": "product",
                    "LANGUAGE": "drop"}


def trained_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the trained pipeline's entities; [] with the blank pipeline."""
    if not doc.has_annotation("ENT_IOB"):
        return []
    return [(e.start, e.end, e.label_) for e in doc.ents]


def split_at_entities(mentions: list[Mention], ents: list[tuple[int, int, str]]) -> list[Mention]:
    """A mention that holds two or more actor entities of two words or more each becomes one
    mention per entity (one-word pieces are too often a name's own parts: "Redmoor" + "United")."""
    if not ents:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        inside = [(s, e, lab) for s, e, lab in ents if lab in LABEL_TYPES and m.start <= s and e <= m.end]
        if any(e - s < 2 for s, e, _ in inside):
            inside = []
        if len(inside) < 2:
            out.append(m)
            continue
        for k, (s, e, lab) in enumerate(inside):
            part = Mention(s, e, m.full_start if k == 0 else s, title=m.title if k == 0 else None,
                           hint=LABEL_TYPES[lab], strong=False, initial=m.initial and s == m.start,
                           heading=m.heading)
            out.append(part)
    return out


def fill_text(doc: Doc, mentions: list[Mention]) -> None:
    """Surface texts of mentions made here (their spans are set, their texts not yet)."""
    for m in mentions:
        if not m.text:
            m.text = doc[m.start:m.end].text
        if not m.full_text:
            m.full_text = doc[m.full_start:m.end].text


def add_entity_candidates(doc: Doc, mentions: list[Mention], ents: list[tuple[int, int, str]]) -> list[Mention]:
    """Weak mentions for actor entities that overlap no candidate and hold a capital letter."""
    taken = set()
    for m in mentions:
        taken.update(range(m.full_start, m.end))
    extra = []
    for s, e, lab in ents:
        if lab not in LABEL_TYPES or lab == "NORP" or any(i in taken for i in range(s, e)):
            continue  # (named groups come from the lexicon; a NORP guess is mostly an adjective)
        while s < e and doc[s].lower_ == "the":
            s += 1
        if s >= e or not any(c.isupper() for c in doc[s:e].text):
            continue
        m = Mention(s, e, s, hint=LABEL_TYPES[lab], strong=False)
        extra.append(m)
    fill_text(doc, extra)
    return mentions + extra


def type_from_entities(mentions: list[Mention], ents: list[tuple[int, int, str]]) -> None:
    """Type a mention an entity covers exactly when the article's own words left it untyped;
    a PERSON label also overrides a weak guess (the model's person evidence is better than a
    cue word's). Strong evidence (a head word, the gazetteer, an index or a product noun) stands."""
    if not ents:
        return
    by_span = {(s, e): lab for s, e, lab in ents}
    # a word that opens a longer name of the article is that name's short form ("Northline"
    # for "Northline Rail"): the merge decides it, not a label given to the lone word
    openers = {m.text.split()[0] for m in mentions if m.end - m.start > 1 and m.text}
    for m in mentions:
        lab = by_span.get((m.start, m.end)) or by_span.get((m.full_start, m.end))
        if lab is None or m.strong or (m.end - m.start == 1 and m.text in openers):
            continue
        untyped = m.hint in (None, "actor")
        if lab in LABEL_TYPES and (untyped or (lab == "PERSON" and m.hint in ("org", "place"))):
            if lab == "NORP" and not m.text.endswith("s"):
                continue  # "Ukrainian": a people only in the plural ("Ukrainians")
            m.hint = LABEL_TYPES[lab]
        elif lab in NON_ACTOR_LABELS and untyped:
            m.hint = NON_ACTOR_LABELS[lab]
