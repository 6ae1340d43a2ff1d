"""Speaker resolution: phrases found around cues become the names a reader recognises.

Actors from ``doc._.actors`` (when the actors component ran) give canonical names; otherwise
a short name takes the one fuller name in the document that ends with it ("Biden" ->
"Joe Biden"). Pronouns and "the president" take the person they refer to; a quotation with
no cue of its own continues the speaker before it.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

from generator.extract.claims.actorref import ActorIndex, norm
from generator.extract.claims.anaphora import Anaphora
from generator.extract.claims.attrib import Draft
from generator.extract.claims.lexicon import ORG_WORDS, SOURCE_NOUNS, is_outlet, stance_of
from generator.extract.doc_facts import doc_text
from generator.extract.claims.speakers import (
    Ref, based_compound, is_cap, looks_person, run_fwd, span_text, strip_titles,
)
from generator.model import Claim

_POSS = ("'s", "’s")


class Resolver:
    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text = doc_text(doc) if text is None else text
        self.index = ActorIndex(doc)
        self.actors = self.index.actors
        self.mentions = self.index.mentions
        self._mentions_sorted = sorted(self.mentions, key=lambda m: m[0])
        self._mention_starts = [m[0] for m in self._mentions_sorted]
        self._names: list[tuple[int, str, bool, str | None]] | None = None  # (start_tok, name, person, title)
        self._name_starts: list[int] = []
        self._by_last: dict[str, dict[str, bool]] = {}
        self._by_title: dict[str, tuple[list[int], list[str]]] = {}
        self.history: list[tuple[str, bool, int]] = []  # (speaker, person, paragraph)
        self.person_of: dict[str, bool] = {}
        self.anaphora = Anaphora(doc, self.actors, self.mentions) if self.actors else None
        self._role_memo: dict[str, str | None] = {}

    # ---- names found in the document (fallback when no actors)
    def names(self) -> list[tuple[int, str, bool, str | None]]:
        if self._names is None:
            doc, out, k = self.doc, [], 0
            n = len(doc)
            while k < n:
                if is_cap(doc[k]) and not (k and (is_cap(doc[k - 1]) and not doc[k - 1].is_sent_start)):
                    r = run_fwd(doc, k, min(n, k + 12))
                    if r:
                        s, e, titled = strip_titles(doc, *r)
                        title = doc[r[0]].text.rstrip(".").lower() if titled else None
                        if s > r[0]:
                            title = doc[s - 1].text.rstrip(".").lower()
                            for i in range(r[0], s):
                                if doc[i].text[:1].isupper():
                                    title = doc[i].text.rstrip(".").lower()
                                    break
                        out.append((s, span_text(doc, s, e), looks_person(doc, s, e, titled), title))
                        k = r[1]
                        continue
                k += 1
            self._names = out
            self._name_starts = [n[0] for n in out]
            for _, full, person, title in out:
                fw = full.split()
                if len(fw) >= 2 and not any(w.lower() in ORG_WORDS for w in fw):
                    self._by_last.setdefault(fw[-1], {})[full] = person
            by_title: dict[str, list[tuple[int, str]]] = {}
            for s, full, _p, title in out:
                if title:
                    by_title.setdefault(title, []).append((s, full))
            self._by_title = {t: ([s for s, _ in v], [n for _, n in v]) for t, v in by_title.items()}
        return self._names

    def _expand(self, name: str) -> tuple[str, bool | None]:
        words = name.split()
        if len(words) != 1:
            return name, None
        self.names()
        cands = self._by_last.get(words[0], {})
        if len(cands) == 1:
            full, person = next(iter(cands.items()))
            return full, True if len(full.split()) <= 4 else person
        return name, None

    def _actor_for(self, ref: Ref):
        return self.index.at(ref.start, ref.end) or self.index.named(ref.text)

    def name_of(self, ref: Ref | None, pos_tok: int, para: int) -> tuple[str | None, bool]:
        if ref is None:
            return None, False
        if ref.kind == "name":
            actor = self._actor_for(ref)
            if actor is not None:
                return actor.name, actor.type == "person"
            text = ref.text
            if text.lower().startswith("the "):
                text = text[4:]
            full, person = self._expand(text)
            return full, ref.person if person is None else person
        if ref.kind == "desc":
            if any(c.isupper() for c in ref.text):
                actor = self.index.named(ref.text)
                forms = {f.lower() for f in [actor.name, *actor.aliases]} if actor is not None else set()
                desc = ref.text.lower()
                if actor is not None and (desc in forms or desc.removeprefix("the ") in forms):
                    return actor.name, actor.type == "person"
            return ref.text, False
        if ref.kind == "nominal":
            return self._nominal(ref, pos_tok)
        if ref.kind == "pron":
            return self._antecedent(ref.text, pos_tok, para)
        if ref.kind == "title":
            return self._titled(ref.text, pos_tok)
        return None, False

    def speaker_actor(self, ref: Ref | None, speaker: str | None) -> str | None:
        """The actor a described speaker belongs to: "Officials from the White House" -> White
        House, "senior State Department officials" -> State Department, "the company's
        spokesman" -> the company referred to. None when the speaker is an actor's own name."""
        if ref is None or not speaker or not self.actors or ref.kind not in ("desc", "nominal"):
            return None
        if any(speaker == a.name for a in self._actor_named(speaker)):
            return None
        doc = self.doc
        k = ref.start
        while k < ref.end:
            if is_cap(doc[k]) and not based_compound(doc, k):
                r = run_fwd(doc, k, ref.end)
                if r:
                    actor = self.index.at(*r) or self.index.named(span_text(doc, *r))
                    if actor is not None and actor.type in ("org", "group") and actor.name != speaker:
                        return actor.name
                    k = r[1]
                    continue
            if doc[k].text in _POSS and k - 1 >= ref.start and self.anaphora is not None:
                actor, _ = self.anaphora.nominal(ref.start, k, k)  # "the company's spokesman"
                if actor is not None and actor.name != speaker:
                    return actor.name
            k += 1
        return None

    def _actor_named(self, name: str) -> list:
        actor = self.index.named(name)
        return [actor] if actor is not None else []

    def _nominal(self, ref: Ref, pos_tok: int) -> tuple[str | None, bool]:
        """"the company", "the Gothenburg-based carmaker": the actor referred back to; a fresh
        description ("the regional grid operator") or an unnamed source stays as written."""
        doc, fresh = self.doc, True
        for i in range(ref.start, ref.end - 1):  # "the M5S party": the name inside it
            if is_cap(doc[i]) and not based_compound(doc, i):
                r = run_fwd(doc, i, ref.end - 1)
                actor = self._actor_for(Ref("name", span_text(doc, *r), *r)) if r else None
                if actor is not None and actor.type != "place":
                    return actor.name, actor.type == "person"
                name = span_text(doc, *r) if r else ""
                if actor is None and name and not _place_word(name):
                    return name, False
                break
        if self.anaphora is not None:
            actor, fresh = self.anaphora.nominal(ref.start, ref.end, pos_tok)
            if actor is not None:
                return actor.name, actor.type == "person"
        head = ref.text.split()[-1].lower() if ref.text else ""
        if fresh or head in SOURCE_NOUNS or is_outlet(ref.text):
            return ref.text, False
        return None, False

    def _antecedent(self, pron: str, pos_tok: int, para: int) -> tuple[str | None, bool]:
        want_person = pron in ("he", "she", "i")
        if pron == "it" and self.anaphora is not None:
            for speaker, person, p in reversed(self.history):
                if para - p > 1:
                    break
                if self.anaphora.is_org(speaker):
                    return speaker, False
            actor = self.anaphora.pronoun_it(pos_tok)
            return (actor.name, False) if actor is not None else (None, False)
        if pron in ("he", "she") and self.anaphora is not None:
            subj = self.anaphora.sentence_subject_person(pos_tok, pron)
            if subj is not None:
                return subj, True
        for speaker, person, p in reversed(self.history):
            if para - p > 3:
                break
            if person == want_person and (self.anaphora is None or self.anaphora.agrees(speaker, pron)):
                return speaker, person
        if want_person:
            if self.mentions:
                n = bisect.bisect_left(self._mention_starts, pos_tok)
                for k in range(n - 1, -1, -1):
                    s, e, idx = self._mentions_sorted[k]
                    if 0 <= idx < len(self.actors) and self.actors[idx].type == "person":
                        return self.actors[idx].name, True
            names = self.names()
            for k in range(bisect.bisect_left(self._name_starts, pos_tok) - 1, -1, -1):
                if names[k][2]:
                    full, _ = self._expand(names[k][1])
                    return full, True
        return None, False

    def _titled(self, title: str, pos_tok: int) -> tuple[str | None, bool]:
        if title not in self._role_memo:
            self._role_memo[title] = next((a.name for a in self.actors
                                           if a.role and title in a.role.lower() and a.type == "person"), None)
        if self._role_memo[title] is not None:
            return self._role_memo[title], True
        self.names()
        starts, names = self._by_title.get(title, ((), ()))
        k = bisect.bisect_left(starts, pos_tok) - 1
        if k >= 0:
            return self._expand(names[k])[0], True
        return None, False

    # ---- all drafts, in text order
    def resolve(self, drafts: list[Draft]) -> list[Claim]:
        doc = self.doc
        claims: list[Claim] = []
        last_by_para: dict[int, str | None] = {}
        prev: Draft | None = None
        prev_speaker: str | None = None
        for d in drafts:
            pos_tok = d.extra.get("tok", (0, 0))[0] if "tok" in d.extra else _tok_of(doc, d.pos)
            speaker, person = self.name_of(d.ref, pos_tok, d.para)
            if d.inherit:
                q = d.quote
                if d.extra.get("ahead_ref") is not None:  # attributed later in the paragraph or quotation
                    speaker, _ = self.name_of(d.extra["ahead_ref"], d.extra["ahead_pos"], d.para)
                elif prev is not None and prev.para == d.para:
                    speaker = prev_speaker
                elif q is not None and getattr(q, "cont_prev", False):
                    speaker = prev_speaker
                elif d.para - 1 in last_by_para and _para_opens_with_quote(self.text, d):
                    speaker = last_by_para[d.para - 1]
                person = self.person_of.get(speaker, False)
            if speaker:
                self.history.append((speaker, person, d.para))
                self.person_of.setdefault(speaker, person)
            via = d.via
            if via and ((d.ref is None and not d.inherit) or norm(via) == norm(speaker or "")
                        or (d.ref.text == via and is_outlet(speaker))):
                # the outlet is the only source: its own reporting, so the speaker and no via
                # ("Per Daily Mail, …", "according to the newspaper", "…, the Courier reported")
                speaker, via = (speaker if speaker and is_outlet(speaker) else via), None
            text = self.text[d.start:d.end]
            if not text.strip():
                continue
            claims.append(Claim(speaker=speaker, text=text, kind=d.kind, cue=d.cue, via=via,
                                stance=stance_of(d.cue), speaker_actor=self.speaker_actor(d.ref, speaker)))
            last_by_para[d.para] = speaker
            prev, prev_speaker = d, speaker
        return claims


def _tok_of(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _para_opens_with_quote(text: str, d: Draft) -> bool:
    q = d.quote
    if q is None:
        return False
    k = q.open - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


def _place_word(text: str) -> bool:
    """"German", "Swedish", "Paris": a place or demonym modifying a description, not its name."""
    from generator.extract.actors.lexicon import lexicon, norm_key

    lex = lexicon()
    return lex.place(text) is not None or norm_key(text) in lex.demonym_adj
