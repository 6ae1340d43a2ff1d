"""Surface string -> actor, through indexes built once per document.

``resolve_actor`` is asked about every quoted speaker and claim source; scanning every actor's
name and aliases for each question made the claims stage quadratic in article length. The
index holds, for each way a string can name an actor, the positions of the actors it names
(in actor order), so a question costs the length of the string, not the number of actors.
"""
from __future__ import annotations

from generator.extract.actors.lexicon import Lexicon, lexicon, norm_key
from generator.extract.actors.merge import initials
from generator.model import Actor

_MIN_SUFFIX_NAME = 4  # a name shorter than this never matches by word-sequence overlap


class ActorIndex:
    """Positions of the actors a key names, one dict per matching rule of ``resolve``."""

    def __init__(self, actors: list[Actor], lex: Lexicon):
        self.actors = actors
        self.lex = lex
        self.by_form: dict[str, list[int]] = {}  # norm_key of name or alias
        self.by_surname: dict[str, list[int]] = {}  # last word of a person's name key
        self.by_initials: dict[str, list[int]] = {}  # initials of a non-person's name, lowercase
        self.by_place: dict[int, list[int]] = {}  # id of a gazetteer place an alias of a place names
        self.by_name_key: dict[str, list[int]] = {}  # norm_key of the name, if long enough
        self.by_name_suffix: dict[str, list[int]] = {}  # every ending of such a name key
        for i, a in enumerate(actors):
            name_key = norm_key(a.name)
            for form in {name_key, *(norm_key(x) for x in a.aliases)}:
                self.by_form.setdefault(form, []).append(i)
            if a.type == "person":
                parts = name_key.split()
                if parts:
                    self.by_surname.setdefault(parts[-1], []).append(i)
            else:
                self.by_initials.setdefault(initials(a.name).lower(), []).append(i)
            if a.type == "place":
                for pid in {id(p) for p in (lex.place(x) for x in a.aliases) if p is not None}:
                    self.by_place.setdefault(pid, []).append(i)
            if len(name_key) >= _MIN_SUFFIX_NAME:
                self.by_name_key.setdefault(name_key, []).append(i)
                for k in range(len(name_key)):
                    self.by_name_suffix.setdefault(name_key[k:], []).append(i)

    def _one(self, hits: list[int]) -> Actor | None:
        """The first hit if every hit bears the same name, else None (ambiguous or none)."""
        if not hits:
            return None
        found = [self.actors[i] for i in sorted(set(hits))]
        return found[0] if len({a.name for a in found}) == 1 else None

    def resolve(self, text: str) -> Actor | None:
        key = norm_key(text)
        if not key:
            return None
        first = self.by_form.get(key)
        if first:
            return self.actors[first[0]]
        words = key.split()
        # drop a leading title or demonym ("President Biden", "Ukrainian President Zelensky")
        lex = self.lex
        while len(words) > 1 and (lex.has("titles", words[0]) or words[0] in lex.demonym_adj):
            words = words[1:]
        short = " ".join(words)
        hits = self.by_form.get(short, [])
        if not hits and len(words) == 1:
            hits = self.by_surname.get(short, [])
            if not hits:
                hits = self.by_initials.get(short, [])
        if not hits:
            place = lex.place(text)
            if place is not None:
                hits = self.by_place.get(id(place), [])
        if not hits and len(words) > 1:
            # a name that ends the string or that the string ends ("the Foreign Ministry")
            hits = list(self.by_name_suffix.get(short, []))
            for k in range(len(short) - _MIN_SUFFIX_NAME + 1):
                hits += self.by_name_key.get(short[k:], [])
        return self._one(hits)


_CACHE: list = []  # [(actors list, its length, index)]: the one document being extracted


def resolve_actor_in(actors: list[Actor], text: str) -> Actor | None:
    """``resolve`` over an index kept while the same actor list is asked about."""
    if not _CACHE or _CACHE[0][0] is not actors or _CACHE[0][1] != len(actors):
        _CACHE[:] = [(actors, len(actors), ActorIndex(actors, lexicon()))]
    return _CACHE[0][2].resolve(text)
