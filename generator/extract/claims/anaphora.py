"""Descriptions and pronouns that refer back to a named organisation, place or outlet.

"The company said", "the Gothenburg-based carmaker announced", "it said", "according to the
newspaper": the speaker is the actor the phrase points back to, found in this order:

1. an actor whose own name carries the head noun ("the agency" -> "National Safety Agency"),
   the most recently mentioned one if several do;
2. a description with descriptive words of its own ("the regional grid operator") introduces
   someone new and stays a description;
3. the most recent actor of the right class mentioned as a subject (not inside a
   prepositional phrase: "a filing with the agency") in this or the previous two paragraphs;
4. the most central key actor of that class.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

from generator.extract.claims.lexicon import ANAPHOR_CLASS, ANAPHOR_MODS, is_outlet
from generator.extract.doc_facts import sentence_bounds

_OPENERS = {",", ";", ":", "—", "–", "(", '"', "“", "‘", "'"}
_CLAUSE_WORDS = {"and", "but", "that", "while", "as", "when", "after", "before", "because", "since", "although",
                 "though", "whereas", "meanwhile", "however"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_KIN = {"city": ("city", "municipality", "council"), "town": ("town", "municipality", "council"),
        "council": ("council", "municipality")}
_TYPES = {"org": ("org",), "place": ("place", "org"), "outlet": ("org",)}


class Anaphora:
    def __init__(self, doc: Doc, actors: list, mentions: list[tuple[int, int, int]]):
        self.doc = doc
        self.actors = actors
        self.mentions = sorted(mentions)
        self.starts = [m[0] for m in self.mentions]
        paras = [(s, e) for s, e, h in (doc._.paragraphs or []) if not h] or [(0, len(doc))]
        self.para_starts = [s for s, _ in paras]
        self.sent_starts = [start for start, _ in sentence_bounds(doc)]
        self._gender: dict[str, str] | None = None
        self._outlet = [is_outlet(a.name) or any(is_outlet(x) for x in a.aliases) for a in actors]
        self._by_word: dict[str, set[int]] = {}  # a word of an actor's name or alias -> actors
        self._words: list[set[str]] = []
        for idx, a in enumerate(actors):
            words = {w.lower() for x in [a.name, *a.aliases] for w in x.split()}
            self._words.append(words)
            for w in words:
                self._by_word.setdefault(w, set()).add(idx)
        self._key_memo: dict[str, int | None] = {}
        self._orgs = {a.name for a in actors if a.type == "org"}

    def para_of(self, tok: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, tok) - 1)

    def _fits(self, idx: int, cls: str) -> bool:
        a = self.actors[idx]
        if a.type not in _TYPES[cls]:
            return False
        return self._outlet[idx] if cls == "outlet" else not self._outlet[idx]

    def _subject_like(self, s: int) -> bool:
        """The mention opens a sentence or clause ("Nordvik said", ", and the NVSA"), rather than
        sitting inside a phrase ("a filing with the agency", "electric SUVs")."""
        doc = self.doc
        k = s - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 0 or doc[k + 1].is_sent_start:
            return True
        return doc[k].text in _OPENERS or doc[k].lower_ in _CLAUSE_WORDS

    def _recent(self, cls: str, pos_tok: int, window: int, want=None) -> int | None:
        """The last fitting actor mentioned before pos_tok, within ``window`` paragraphs."""
        lo_para = self.para_of(pos_tok) - window
        n = bisect.bisect_left(self.starts, pos_tok)
        for m in range(n - 1, -1, -1):
            s, _e, idx = self.mentions[m]
            if self.para_of(s) < lo_para:
                break
            if not (0 <= idx < len(self.actors)) or not self._fits(idx, cls):
                continue
            if want is not None and idx not in want:
                continue
            if cls == "outlet" or want is not None or self._subject_like(s):
                return idx
        return None

    def _key(self, cls: str) -> int | None:
        if cls not in self._key_memo:
            self._key_memo[cls] = next((idx for idx, a in enumerate(self.actors) if a.key and self._fits(idx, cls)), None)
        return self._key_memo[cls]

    def nominal(self, start: int, end: int, pos_tok: int) -> tuple[object | None, bool]:
        """(actor, fresh): the actor a description [start, end) refers to; fresh when the
        description has words of its own and names someone not yet introduced."""
        doc = self.doc
        head = doc[end - 1].lower_
        mods = []
        for k in range(start, end - 1):
            t = doc[k]
            if not t.is_alpha or t.text[:1].isupper() or t.lower_ in ANAPHOR_MODS:
                continue
            if k - 1 >= start and doc[k - 1].text in ("-", "–") and not doc[k - 1].whitespace_:
                continue  # "Gothenburg-based", "state-owned"
            mods.append(t.lower_)
        for cls in ANAPHOR_CLASS.get(head, ()):
            kin = _KIN.get(head, (head,))
            named = set()
            for h in kin:
                for idx in self._by_word.get(h, ()):
                    if self._fits(idx, cls) and all(m in self._words[idx] for m in mods):
                        named.add(idx)
            if named:
                idx = self._recent(cls, pos_tok, 99, want=named)
                return self.actors[idx if idx is not None else min(named)], False
            if mods:
                return None, True
            if cls == "place":  # "the city": only an actor that names itself so
                continue
            idx = self._recent(cls, pos_tok, 2)
            if idx is None and cls != "outlet":
                idx = self._key(cls)
            if idx is not None:
                return self.actors[idx], False
        return None, bool(mods)

    def pronoun_it(self, pos_tok: int) -> object | None:
        idx = self._recent("org", pos_tok, 1)
        if idx is None:
            idx = self._key("org")
        return self.actors[idx] if idx is not None else None

    # ---- he / she
    def gender(self, name: str | None) -> str | None:
        """"m" / "f" from the pronouns the actors component attached to the person, else None."""
        if self._gender is None:
            self._gender = {}
            counts: dict[int, list[int]] = {}
            for s, e, idx in self.mentions:
                w = self.doc[s].lower_ if e - s == 1 else ""
                g = 0 if w in _MALE else 1 if w in _FEMALE else None
                if g is not None and 0 <= idx < len(self.actors):
                    counts.setdefault(idx, [0, 0])[g] += 1
            for idx, (m, f) in counts.items():
                if m != f:
                    self._gender[self.actors[idx].name] = "m" if m > f else "f"
        return self._gender.get(name)

    def agrees(self, name: str | None, pron: str) -> bool:
        g = self.gender(name)
        return g is None or g == ("m" if pron == "he" else "f" if pron == "she" else g)

    def sentence_subject_person(self, pos_tok: int, pron: str) -> str | None:
        """A person named at the start of the previous sentence ("Voss, who …, is the third …
        She said …"), or of this one before the pronoun, agreeing with it."""
        doc = self.doc
        n = bisect.bisect_right(self.sent_starts, pos_tok) - 1
        for k in (n, n - 1):
            if k < 0:
                continue
            ss = self.sent_starts[k]
            i = bisect.bisect_left(self.starts, ss)
            while i < len(self.mentions) and self.mentions[i][0] <= ss + 1 and self.mentions[i][0] < pos_tok:
                s, e, idx = self.mentions[i]
                a = self.actors[idx] if 0 <= idx < len(self.actors) else None
                if a is not None and a.type == "person" and e - s >= 1 and doc[s].lower_ not in _MALE | _FEMALE \
                        and self.agrees(a.name, pron):
                    return a.name
                i += 1
        return None

    def is_org(self, name: str | None) -> bool:
        return name in self._orgs
