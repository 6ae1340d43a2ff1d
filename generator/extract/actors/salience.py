"""Salience: a small additive model of how much a story is about each actor, and ``key``.

Score of an actor = the sum of these terms (weights in ``WEIGHTS``, each term explained):

* ``mention``: ``mention * log2(1 + n)`` for n mentions (a named mention counts 1, a
  modifier "US officials" or a resolved pronoun one half): what the story keeps coming
  back to, with diminishing returns, so that the tenth mention of the protagonist does not
  outweigh being the other party named in the lead;
* ``lead``: the lead sentence says what the story is about. An actor named there earns the
  most as the subject (named before the lead's first verb), or in apposition to it; less as
  any other argument of its main clause; less in a clause after the main one (", despite
  the White House's denial that ..."); little as a member of a list of three or more names ("Germany, Poland
  and Romania") or as a modifier of a noun ("US officials", "Ukraine's borders");
  ``first_paragraph`` for the rest of the opening paragraph, ``heading`` for a crosshead;
* ``spread``: the share of the body's paragraphs that name it (a story about X names X
  throughout; an aside stays in one paragraph);
* being quoted earns nothing of its own: officials who comment on a story are seldom what
  it is about (a speaker term lowered key-actor F1 on the dev and sample golds), and a
  protagonist who speaks is already counted by the mentions;
* relaying sources (outlets, "according to X", names in the attribution phrases a lead
  opens with) keep half their score and earn no lead term: they carry the story.

Key actors follow the score's own shape, not a constant: every actor whose score reaches
``KEY_SHARE`` of the best and ``KEY_MIN`` in absolute terms (two sides of a match or a
dispute both pass; a long tail of one-mention names does not), at most ``KEY_MAX``.
"""
from __future__ import annotations

import bisect
import math

from spacy.tokens import Doc

from generator.extract.actors.candidates import Mention
from generator.extract.actors.lexicon import lexicon
from generator.extract.actors.merge import Cluster
from generator.extract.doc_facts import sentence_bounds, token_lowers, token_texts

WEIGHTS = {
    "mention": 3.0,
    "pronoun": 0.5,
    "modifier": 0.5,
    "lead_subject": 6.0,
    "lead_argument": 4.0,
    "lead_aside": 1.5,
    "lead_list": 0.75,
    "lead_modifier": 1.0,
    "first_paragraph": 1.0,
    "heading": 1.5,
    "spread": 3.0,
}
RELAY_FACTOR = 0.5
KEY_SHARE = 0.6
KEY_MIN = 6.0
KEY_MAX = 6

SPEECH = {"said", "says", "say", "added", "told", "stated", "announced", "reported", "explained", "warned",
          "claimed", "claims", "noted", "insisted", "argued", "asked", "wrote", "confirmed", "denied",
          "urged", "concluded", "assured", "threatened", "stressed", "promised", "vowed"}


def _attributed(doc: Doc, m: Mention) -> bool:
    """The mention is a source the story is relayed through ("according to X", "quoting X")."""
    lex = lexicon()
    return any(lex.has("attribution_cues", w) for w in token_lowers(doc)[max(0, m.full_start - 6):m.full_start])


def _is_modifier(doc: Doc, m: Mention) -> bool:
    """The name qualifies a noun rather than acting: "US officials", "Ukraine's borders"."""
    if m.end >= len(doc):
        return False
    texts = token_texts(doc)
    nxt = texts[m.end]
    if nxt in ("'s", "’s"):  # "Ukraine's borders", "Russia's Vladimir Putin"
        return m.end + 1 < len(doc) and texts[m.end + 1].isalpha()
    return nxt.isalpha() and nxt.islower() and token_lowers(doc)[m.end] not in SPEECH and not doc[m.end].is_stop \
        and not lexicon().has("subject_verbs", nxt)


def _list_members(doc: Doc, mentions: list[Mention]) -> set[int]:
    """Starts of mentions in a list of three or more names joined by commas and a final
    "and"/"or" ("Germany, Poland and Romania")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    members: set[int] = set()
    run = [ordered[0]] if ordered else []
    for prev, cur in zip(ordered, ordered[1:]):
        between = [t.lower_ for t in doc[prev.end:cur.full_start]]
        if between in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
            run.append(cur)
            continue
        if len(run) >= 3:
            members.update(m.start for m in run)
        run = [cur]
    if len(run) >= 3:
        members.update(m.start for m in run)
    return members


def _first_verb(doc: Doc, start: int, end: int) -> int:
    """Index of the lead's first lowercase verb-like word (a speech verb, an auxiliary or a
    word ending in -ed/-s after a name) - where the subject ends. ``end`` when none."""
    lex = lexicon()
    for t in doc[start:end]:
        w = t.text
        if not (t.is_alpha and w.islower()):
            continue
        if w in SPEECH or lex.has("subject_verbs", w) or w in ("spoke", "met", "made", "took", "gave", "began"):
            return t.i
        if w.endswith("ed") and len(w) > 4:
            return t.i
    return end


def _attribution_frame_end(doc: Doc, start: int, end: int) -> int:
    """End of the attribution phrases a lead opens with ("According to X, quoting Y, ..."):
    names there relay the story. ``start`` when the lead opens otherwise."""
    lex = lexicon()
    i = start
    while i < end and lex.has("attribution_cues", doc[i].lower_):
        j = i
        while j < end and doc[j].text != ",":
            j += 1
        if j >= end:
            return start
        i = j + 1
    return i


def _main_clause_end(doc: Doc, verb: int, end: int) -> int:
    """Where the lead's main clause ends: the first comma, dash or semicolon after its verb."""
    for t in doc[verb:end]:
        if t.text in (",", ";", "—", "–", "("):
            return t.i
    return end


def salience(doc: Doc, clusters: list[Cluster]) -> None:
    """Fill ``score`` and ``key`` of every cluster (see the module docstring)."""
    lex = lexicon()
    body = [(s, e) for s, e, heading in (doc._.paragraphs or []) if not heading] or [(0, len(doc))]
    first_par = body[0]
    sents = [(s, e) for s, e in sentence_bounds(doc) if s >= first_par[0]]
    lead = sents[0] if sents else first_par
    frame_end = _attribution_frame_end(doc, lead[0], lead[1])
    subject_end = _first_verb(doc, frame_end, lead[1])
    main_end = _main_clause_end(doc, subject_end, lead[1])
    par_starts = [s for s, _ in body]
    in_lead = [m for c in clusters for m in c.mentions if not m.pronoun and lead[0] <= m.start < lead[1]]
    listed = _list_members(doc, in_lead) if in_lead else set()
    w = WEIGHTS
    for c in clusters:
        named = [m for m in c.mentions if not m.pronoun]
        n = sum(w["modifier"] if _is_modifier(doc, m) else 1.0 for m in named) \
            + w["pronoun"] * (len(c.mentions) - len(named))
        score = w["mention"] * math.log2(1 + n)
        lead_terms = []
        for m in named:
            if not (frame_end <= m.start < lead[1]) or _attributed(doc, m):
                continue
            if m.start in listed:
                lead_terms.append(w["lead_list"])
            elif _is_modifier(doc, m):
                lead_terms.append(w["lead_modifier"])
            elif m.start < subject_end:
                lead_terms.append(w["lead_subject"])
            elif m.start < main_end:
                lead_terms.append(w["lead_argument"])
            else:
                lead_terms.append(w["lead_aside"])
        if lead_terms:
            score += max(lead_terms)
        elif any(first_par[0] <= m.start < first_par[1] for m in named):
            score += w["first_paragraph"]
        if any(m.heading for m in named):
            score += w["heading"]
        paragraphs = {bisect.bisect_right(par_starts, m.start) - 1 for m in named}
        if len(body) > 1:
            score += w["spread"] * len(paragraphs) / len(body)
        relays = (c.type == "org" and lex.has("media_heads", c.name.split()[-1])) \
            or (named and all(_attributed(doc, m) or lead[0] <= m.start < frame_end for m in named))
        if relays:
            score *= RELAY_FACTOR
        c.score = score
    ranked = sorted(clusters, key=lambda c: -c.score)
    top = ranked[0] if ranked else None
    # the person who speaks for or heads the central organisation ("the Airbus chief executive")
    for c in clusters:
        if top is not None and c is not top and c.type == "person" and c.role and top.type != "person" \
                and any(a in c.role for a in top.aliases):
            c.score += w["lead_argument"]
    ranked = sorted(clusters, key=lambda c: (-c.score, c.mentions[0].start))
    best = ranked[0].score if ranked else 0.0
    for n, c in enumerate(ranked):
        c.key = n < KEY_MAX and c.score >= KEY_SHARE * best and c.score >= KEY_MIN
