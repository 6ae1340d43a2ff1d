"""Alias merging inside one article: every surface form of an actor joins one cluster.

Links (union-find over distinct surface forms): same normalised text or the same gazetteer
place; "Name (ACR)" and acronym initials; a person's surname or honorific form; a shorter
organisation form inside a longer one ("Supreme Court", "the Court"); "North" for "North
Korea"; spelling variants by fuzzy ratio guarded by type ("Zelensky"/"Zelenskiy").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc

from generator.extract.actors.candidates import Mention, is_acronym
from generator.extract.actors.lexicon import lexicon, norm_key, zipf

_SKIP_INITIALS = {"of", "the", "and", "for", "de", "di", "del", "da", "du", "&", "-", "'s", "’s", "in", "on", "at"}
_TYPE_ORDER = ("person", "org", "place", "group", "product", "event")


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    type: str = "org"
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    score: float = 0.0
    extra_mentions: int = 0
    key: bool = False
    share: float = 0.0


class _UF:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, a: int) -> int:
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text.replace("’", "'")) if w]


def initials(text: str) -> str:
    out = []
    for w in _words(text):
        w2 = re.sub(r"'s$", "", w)
        if w2.lower() in _SKIP_INITIALS or not w2:
            continue
        out.append(w2[0].upper())
    return "".join(out)


_STRONG_VOTE, _WEAK_VOTE = 3.0, 1.0  # a head word or gazetteer hit outweighs two cue-word guesses


def form_type(ms: list[Mention]) -> str | None:
    """Weighted vote of the mentions' hints: strong evidence counts three, a weak guess one;
    ties go to the earlier type of _TYPE_ORDER."""
    votes: dict[str, float] = {}
    acts = 0.0  # mentions that act as a clause's subject: some actor, of no particular type
    for m in ms:
        if m.hint in _TYPE_ORDER:
            votes[m.hint] = votes.get(m.hint, 0.0) + (_STRONG_VOTE if m.strong else _WEAK_VOTE)
        elif m.hint == "actor":
            acts += _WEAK_VOTE
    if not votes:
        return None
    best = max(votes, key=lambda t: (votes[t], -_TYPE_ORDER.index(t)))
    if best in ("product", "event") and acts >= votes[best]:
        actors = [t for t in _TYPE_ORDER[:4] if t in votes]
        return max(actors, key=lambda t: votes[t]) if actors else None
    return best


def _country_prefix(letters: str) -> bool:
    place = lexicon().place(letters) if len(letters) >= 2 else None
    return place is not None and place.kind == "country"


def cluster_mentions(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    lex = lexicon()
    keys: list[str] = []
    index: dict[str, int] = {}
    by_form: list[list[Mention]] = []
    for m in mentions:
        key = f"place:{m.place.pid}" if m.place is not None and m.hint == "place" else norm_key(m.text)
        if key not in index:
            index[key] = len(keys)
            keys.append(key)
            by_form.append([])
        by_form[index[key]].append(m)
    n = len(keys)
    uf = _UF(n)
    text_of = [fm[0].text for fm in by_form]
    types = [form_type(fm) for fm in by_form]
    form_of = {id(m): index[f"place:{m.place.pid}" if m.place is not None and m.hint == "place" else norm_key(m.text)]
               for m in mentions}
    # "Name (ACR)" / "ACR (Name)" / "Name [ACR]"
    starts = {m.start: m for m in mentions}
    for m in mentions:
        if m.end + 1 < len(doc) and doc[m.end].text in ("(", "["):
            inner = starts.get(m.end + 1)
            if inner is not None and inner.end < len(doc) and doc[inner.end].text in (")", "]"):
                uf.union(form_of[id(m)], form_of[id(inner)])
    # acronyms by initials
    multi = [i for i in range(n) if len(_words(text_of[i])) >= 2]
    for i in range(n):
        t = text_of[i]
        if not is_acronym(t.replace(".", "")) and not is_acronym(t):
            continue
        acr = t.replace(".", "").replace("&", "")
        for j in multi:
            if types[j] in ("person",) or i == j:
                continue
            ini = initials(text_of[j])
            if ini == acr or (len(acr) >= 3 and ini.endswith(acr) and len(ini) - len(acr) <= 1):
                uf.union(i, j)
            # a country's letters before the initials: "USAF" for "the Air Force"
            elif len(ini) >= 2 and acr.endswith(ini) and _country_prefix(acr[:-len(ini)]):
                uf.union(i, j)
    # persons: surname / first-name-less forms
    persons = [i for i in range(n) if types[i] == "person" and len(_words(text_of[i])) >= 2]
    untyped = [i for i in range(n) if types[i] is None and 2 <= len(_words(text_of[i])) <= 3
               and all(w[:1].isupper() for w in _words(text_of[i]))]
    for i in range(n):
        words = _words(text_of[i])
        if len(words) != 1 or types[i] == "group":
            continue
        w = words[0].lower()
        cands = [j for j in persons if j != i and _words(text_of[j])[-1].lower() == w]
        if not cands and types[i] in (None, "org") and not is_acronym(text_of[i]):
            # an untyped two-word name later shortened to its last word ("Mozilla Firefox" /
            # "Firefox"): one actor, whatever it turns out to be
            cands = [j for j in untyped if j != i and _words(text_of[j])[-1].lower() == w]
        if types[i] == "place":
            # a surname that is also a town ("Karin Lund" ... "Lund told reporters"): the
            # person named in full here outweighs the gazetteer; countries and regions stay
            place = by_form[i][0].place
            if not cands or len({uf.find(j) for j in cands}) != 1 or (place is not None and place.kind != "city"):
                continue
            for m in by_form[i]:
                m.hint, m.strong, m.place = "person", False, None
            types[i] = "person"
            uf.union(i, cands[0])
            continue
        if not cands:
            cands = [j for j in persons if j != i and len(w) >= 5 and fuzz.ratio(_words(text_of[j])[-1].lower(), w) >= 88
                     and _words(text_of[j])[-1][0].lower() == w[0]]
        if len({uf.find(j) for j in cands}) == 1:
            uf.union(i, cands[0])
    # two-word person forms sharing the surname with a longer one ("John Key" / "Prime Minister ...")
    for i in persons:
        for j in persons:
            wi, wj = _words(text_of[i]), _words(text_of[j])
            if i < j and wi[-1].lower() == wj[-1].lower() and (wi[0].lower() == wj[0].lower()):
                uf.union(i, j)
    # organisations: a shorter form inside a longer one, sharing its head ("Supreme Court")
    orgs = [i for i in range(n) if types[i] in ("org", None)]
    for i in orgs:
        wi = [w.lower() for w in _words(text_of[i])]
        if is_acronym(text_of[i]):
            # "CBC" / "CBC News": the acronym followed only by organisation heads
            longer = [j for j in orgs if j != i and _words(text_of[j])[0] == text_of[i] and len(_words(text_of[j])) > 1
                      and all(lex.has("org_heads", w) for w in _words(text_of[j])[1:])]
            if len(longer) == 1:
                uf.union(i, longer[0])
            continue
        best = None
        for j in orgs:
            wj = [w.lower() for w in _words(text_of[j])]
            if len(wj) <= len(wi) or i == j:
                continue
            for k in range(len(wj) - len(wi) + 1):
                if wj[k:k + len(wi)] == wi and (lex.has("org_heads", wi[-1]) or (k == 0 and len(wi) == 1 and zipf(wi[0]) < 4.0)):
                    best = j if best is None or len(wj) > len(_words(text_of[best])) else best
        if best is not None:
            uf.union(i, best)
    # "North" / "South" for the place that starts with it
    places = [i for i in range(n) if types[i] == "place"]
    for i in range(n):
        w = text_of[i]
        if lex.has("directions", w) and " " not in w:
            cands = [j for j in places if text_of[j].split()[0] == w and j != i]
            if len(cands) == 1:
                uf.union(i, cands[0])
                types[i] = "place"
    # "Korea" for the one "South Korea" / "North Korea" of the article (both: left apart)
    for i in places:
        w = text_of[i]
        if " " in w:
            continue
        cands = [j for j in places if j != i and len(_words(text_of[j])) == 2 and _words(text_of[j])[1] == w
                 and lex.has("directions", _words(text_of[j])[0])]
        if len(cands) == 1:
            uf.union(i, cands[0])
    # spelling variants among places/orgs ("Kyiv"/"Kiev" are already one gazetteer place)
    for i in range(n):
        for j in range(i + 1, n):
            if types[i] != types[j] or types[i] not in ("place", "org", "person"):
                continue
            a, b = text_of[i], text_of[j]
            pa, pb = by_form[i][0].place, by_form[j][0].place
            if pa is not None and pb is not None and pa.pid != pb.pid:
                continue
            if len(a) >= 5 and len(b) >= 5 and a[0] == b[0] and fuzz.ratio(a.lower(), b.lower()) >= 88:
                uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    clusters = []
    for forms in groups.values():
        c = Cluster(mentions=sorted((m for f in forms for m in by_form[f]), key=lambda m: m.start))
        clusters.append(c)
    return clusters


def _untyped_cluster_type(c: Cluster) -> str:
    """No mention says what it is: a multiword name re-used by its last word alone is a
    person's ("Ana Costa" ... "Costa"); by its first word, or never, an organisation's."""
    multi = [_words(m.text) for m in c.mentions if len(_words(m.text)) >= 2]
    singles = {m.text.lower() for m in c.mentions if len(_words(m.text)) == 1}
    if any(w[-1].lower() in singles and zipf(w[0]) < 4.0 for w in multi) \
            and not any(w[0].lower() in singles for w in multi):
        return "person"
    return "org"


def finish_cluster(c: Cluster) -> None:
    """Type, canonical name (fullest form) and verbatim aliases of a cluster."""
    c.type = form_type(c.mentions) or _untyped_cluster_type(c)
    counts: dict[str, int] = {}
    for m in c.mentions:
        if not m.pronoun:
            counts[m.text] = counts.get(m.text, 0) + 1

    def fullness(text: str) -> tuple:
        words = _words(text)
        demonym = norm_key(words[0]) in lexicon().demonym_adj and len(words) > 1
        return (not is_acronym(text), len(words) - demonym, counts[text], -text.count("'"))

    c.name = max(counts, key=fullness) if counts else c.mentions[0].text
    places = [m.place for m in c.mentions if m.place is not None and m.place.kind == "country"]
    if c.type == "place" and places and (len(_words(c.name)) < len(_words(places[0].name)) or is_acronym(c.name)):
        c.name = places[0].name  # "US" / "America" -> "United States"
    seen: list[str] = []
    for m in c.mentions:
        if m.pronoun:
            continue
        for form in (m.text, m.full_text):
            if form and form not in seen:
                seen.append(form)
    c.aliases = seen
    for m in c.mentions:
        if m.role and not c.role:
            c.role = m.role
    if not c.role:
        for m in c.mentions:
            if m.title:
                c.role = m.title
                break
