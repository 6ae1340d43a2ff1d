"""Alias merging inside one article: every surface form of an actor joins one cluster.

Links (union-find over distinct surface forms): same normalised text or the same gazetteer
place; "Name (ACR)" and acronym initials; a person's surname or honorific form; a shorter
organisation form inside a longer one ("Supreme Court", "the Court"); "North" for "North
Korea"; spelling variants by fuzzy ratio guarded by type ("Zelensky"/"Zelenskiy").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from generator.extract.actors.candidates import Mention, is_acronym
from generator.extract.actors.lexicon import Lexicon, lexicon, norm_key, zipf

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


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """The words of a name, split at spaces and hyphens (cached: asked for every form often)."""
    return tuple(w for w in re.split(r"[\s\-]+", text.replace("’", "'")) if w)


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


def _form_key(m: Mention) -> str:
    return f"place:{m.place.pid}" if m.place is not None and m.hint == "place" else norm_key(m.text)


def _add(index: dict, key, value: int) -> None:
    index.setdefault(key, []).append(value)


def _fuzzy_equal(a: str, b: str) -> bool:
    """Spelling variants: a fuzzy ratio of 88 or more between the lowercased strings."""
    return fuzz.ratio(a.lower(), b.lower()) >= 88


# fuzz.ratio >= 88 needs the longer string to be at most 2 / 0.88 - 1 times the shorter one:
# spelling variants are compared only within one type, first letter and band of lengths, and
# each comparison runs in C (rapidfuzz.process); the rest of the link rules use exact indexes
_FUZZY_LENGTH_RATIO = 2 / 0.88 - 1


def _fuzzy_matches(query: str, choices: list[str], ids: list[int]) -> list[int]:
    """The ids whose choice is a spelling variant of query (a C-speed prefilter, then the rule)."""
    if not choices:
        return []
    found = process.extract(query.lower(), choices, scorer=fuzz.ratio, score_cutoff=87, limit=None)
    return sorted(ids[k] for _, _, k in found if _fuzzy_equal(query, choices[k]))


@dataclass
class _Forms:
    """The distinct surface forms of an article (by normalised text or gazetteer place), with
    their words and type, and the union-find that links forms of one actor."""
    by_form: list[list[Mention]]
    text_of: list[str]
    words_of: list[tuple[str, ...]]
    low_of: list[tuple[str, ...]]
    types: list[str | None]
    uf: _UF

    @property
    def n(self) -> int:
        return len(self.by_form)


def _link_acronyms(f: _Forms) -> None:
    """An acronym joins the multiword forms whose initials it spells."""
    n, uf, text_of, words_of, types = f.n, f.uf, f.text_of, f.words_of, f.types
    # acronyms by initials: the same initials, one more initial in front ("ACLU"/"CLU" needs
    # three letters), or a country's letters before them ("USAF" for "the Air Force")
    by_initials: dict[str, list[int]] = {}
    by_initials_tail: dict[str, list[int]] = {}
    for j in range(n):
        if len(words_of[j]) >= 2 and types[j] != "person":
            ini = initials(text_of[j])
            _add(by_initials, ini, j)
            if ini:
                _add(by_initials_tail, ini[1:], j)
    for i in range(n):
        t = text_of[i]
        if not is_acronym(t.replace(".", "")) and not is_acronym(t):
            continue
        acr = t.replace(".", "").replace("&", "")
        cands = list(by_initials.get(acr, ()))
        if len(acr) >= 3:
            cands += by_initials_tail.get(acr, ())
        for k in range(2, len(acr) - 1):
            if _country_prefix(acr[:k]):
                cands += by_initials.get(acr[k:], ())
        for j in cands:
            if j != i:
                uf.union(i, j)


def _link_surnames(f: _Forms) -> None:
    """A surname alone joins the one person named in full; full names with the same ends join."""
    n, uf, text_of, words_of, low_of, types, by_form = f.n, f.uf, f.text_of, f.words_of, f.low_of, f.types, f.by_form
    # persons: surname / first-name-less forms
    persons = [i for i in range(n) if types[i] == "person" and len(words_of[i]) >= 2]
    untyped = [i for i in range(n) if types[i] is None and 2 <= len(words_of[i]) <= 3
               and all(w[:1].isupper() for w in words_of[i])]
    persons_by_last: dict[str, list[int]] = {}
    persons_by_letter: dict[str, tuple[list[str], list[int]]] = {}  # surname's first letter
    for j in persons:
        _add(persons_by_last, low_of[j][-1], j)
        choices, ids = persons_by_letter.setdefault(words_of[j][-1][0].lower(), ([], []))
        choices.append(words_of[j][-1].lower())
        ids.append(j)
    untyped_by_last: dict[str, list[int]] = {}
    for j in untyped:
        _add(untyped_by_last, low_of[j][-1], j)
    for i in range(n):
        words = words_of[i]
        if len(words) != 1 or types[i] == "group":
            continue
        w = words[0].lower()
        cands = [j for j in persons_by_last.get(w, ()) if j != i]
        if not cands and types[i] in (None, "org") and not is_acronym(text_of[i]):
            # an untyped two-word name later shortened to its last word ("Mozilla Firefox" /
            # "Firefox"): one actor, whatever it turns out to be
            cands = [j for j in untyped_by_last.get(w, ()) if j != i]
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
        if not cands and len(w) >= 5:
            choices, ids = persons_by_letter.get(w[0], ([], []))
            cands = [j for j in _fuzzy_matches(w, choices, ids) if j != i]
        if len({uf.find(j) for j in cands}) == 1:
            uf.union(i, cands[0])
    # two-word person forms sharing the surname with a longer one ("John Key" / "Prime Minister ...")
    same_ends: dict[tuple[str, str], int] = {}
    for i in persons:
        uf.union(same_ends.setdefault((low_of[i][0], low_of[i][-1]), i), i)


def _link_org_subnames(f: _Forms, lex: Lexicon) -> None:
    """A shorter organisation form joins the longest form that contains it."""
    n, uf, text_of, words_of, low_of, types = f.n, f.uf, f.text_of, f.words_of, f.low_of, f.types
    # organisations: a shorter form inside a longer one, sharing its head ("Supreme Court")
    orgs = [i for i in range(n) if types[i] in ("org", None)]
    by_first: dict[str, list[int]] = {}  # verbatim first word of a multiword form
    by_low_first: dict[str, list[int]] = {}
    by_headed_run: dict[tuple[str, ...], list[int]] = {}  # word runs ending in an org head
    for j in orgs:
        wj = low_of[j]
        if not wj:
            continue
        _add(by_low_first, wj[0], j)
        if len(wj) > 1:
            _add(by_first, words_of[j][0], j)
        runs = {wj[k:e] for e in range(1, len(wj) + 1) if lex.has("org_heads", wj[e - 1]) for k in range(e)}
        for run in runs:
            _add(by_headed_run, run, j)
    for i in orgs:
        if is_acronym(text_of[i]):
            # "CBC" / "CBC News": the acronym followed only by organisation heads
            longer = [j for j in by_first.get(text_of[i], ()) if j != i
                      and all(lex.has("org_heads", w) for w in words_of[j][1:])]
            if len(longer) == 1:
                uf.union(i, longer[0])
            continue
        wi = low_of[i]
        if not wi:
            continue
        if lex.has("org_heads", wi[-1]):
            cands = by_headed_run.get(wi, [])
        elif len(wi) == 1 and zipf(wi[0]) < 4.0:
            cands = by_low_first.get(wi[0], [])
        else:
            continue
        best = None
        for j in cands:
            if j != i and len(low_of[j]) > len(wi) and (best is None or len(low_of[j]) > len(low_of[best])):
                best = j
        if best is not None:
            uf.union(i, best)


def _link_directional_places(f: _Forms, lex: Lexicon) -> None:
    """A direction ("North") or a last word ("Korea") alone joins the one place it is part of."""
    n, uf, text_of, words_of, types = f.n, f.uf, f.text_of, f.words_of, f.types
    # "North" / "South" for the place that starts with it
    places = [i for i in range(n) if types[i] == "place"]
    places_by_first: dict[str, list[int]] = {}
    places_by_directed: dict[str, list[int]] = {}  # "Korea" for "South Korea"
    for j in places:
        parts = text_of[j].split()
        if parts:
            _add(places_by_first, parts[0], j)
        if len(words_of[j]) == 2 and lex.has("directions", words_of[j][0]):
            _add(places_by_directed, words_of[j][1], j)
    for i in range(n):
        w = text_of[i]
        if lex.has("directions", w) and " " not in w:
            cands = [j for j in places_by_first.get(w, ()) if j != i]
            if len(cands) == 1:
                uf.union(i, cands[0])
                types[i] = "place"
    # "Korea" for the one "South Korea" / "North Korea" of the article (both: left apart)
    for i in places:
        w = text_of[i]
        if " " in w:
            continue
        cands = [j for j in places_by_directed.get(w, ()) if j != i]
        if len(cands) == 1:
            uf.union(i, cands[0])


def _link_spelling_variants(f: _Forms) -> None:
    """Forms of one type spelled almost alike join ("Zelensky" / "Zelenskiy")."""
    n, uf, text_of, types, by_form = f.n, f.uf, f.text_of, f.types, f.by_form
    # spelling variants among places/orgs ("Kyiv"/"Kiev" are already one gazetteer place):
    # compared only within one type and first letter, and with strings of compatible length
    buckets: dict[tuple[str, str], list[int]] = {}
    for i in range(n):
        if types[i] in ("place", "org", "person") and len(text_of[i]) >= 5:
            _add(buckets, (types[i], text_of[i][0]), i)
    for forms in buckets.values():
        forms.sort(key=lambda k: (len(text_of[k]), k))
        lengths = [len(text_of[k]) for k in forms]
        for pos, i in enumerate(forms):
            stop = bisect_right(lengths, lengths[pos] * _FUZZY_LENGTH_RATIO + 2)
            later = forms[pos + 1:stop]
            pa = by_form[i][0].place
            for j in _fuzzy_matches(text_of[i], [text_of[j].lower() for j in later], later):
                pb = by_form[j][0].place
                if pa is not None and pb is not None and pa.pid != pb.pid:
                    continue
                uf.union(i, j)


def cluster_mentions(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Clusters of mentions that name one actor. Each link rule looks its partners up in an
    index (initials, last word, first word, word run), so the work grows with the number of
    surface forms, not with its square; spelling variants are compared within small buckets."""
    lex = lexicon()
    keys: list[str] = []
    index: dict[str, int] = {}
    by_form: list[list[Mention]] = []
    form_of: dict[int, int] = {}
    for m in mentions:
        key = _form_key(m)
        if key not in index:
            index[key] = len(keys)
            keys.append(key)
            by_form.append([])
        by_form[index[key]].append(m)
        form_of[id(m)] = index[key]
    words_of = [_words(fm[0].text) for fm in by_form]
    f = _Forms(by_form, [fm[0].text for fm in by_form], words_of, [tuple(w.lower() for w in ws) for ws in words_of],
               [form_type(fm) for fm in by_form], _UF(len(keys)))
    uf = f.uf
    # "Name (ACR)" / "ACR (Name)" / "Name [ACR]"
    starts = {m.start: m for m in mentions}
    for m in mentions:
        if m.end + 1 < len(doc) and doc[m.end].text in ("(", "["):
            inner = starts.get(m.end + 1)
            if inner is not None and inner.end < len(doc) and doc[inner.end].text in (")", "]"):
                uf.union(form_of[id(m)], form_of[id(inner)])
    _link_acronyms(f)
    _link_surnames(f)
    _link_org_subnames(f, lex)
    _link_directional_places(f, lex)
    _link_spelling_variants(f)
    groups: dict[int, list[int]] = {}
    for i in range(f.n):
        groups.setdefault(uf.find(i), []).append(i)
    clusters = []
    for forms in groups.values():
        c = Cluster(mentions=sorted((m for k in forms for m in by_form[k]), key=lambda m: m.start))
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
