"""Candidate name spans from the text itself.

A candidate is a run of capitalised tokens joined by the connectors names use ("of",
"de", "al-", "bin", "&", hyphens, "People's"), split at possessives ("Saudi Arabia's Civil
Defense Authority" -> "Saudi Arabia" + "Civil Defense Authority"), with a leading "The"
and a sentence-initial common word ("Officials", "Yesterday") dropped, and a leading
title block split off ("US President Joe Biden" -> title "US President" + name "Joe Biden").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from generator.extract.actors.lexicon import Place, lexicon, norm_key, zipf
from generator.extract.doc_facts import sentence_bounds, span_text, token_lowers, token_texts

_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]*[A-Z0-9]$")
_ALNUM = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9\-]+$")
_VERSION = re.compile(r"^(?:\d+(?:\.\d+)*|[IVX]{1,4}|XP|NT|ME|SE|HD|Pro|Max|Plus|Mini)$")
_OPEN = {'"', "“", "‘", "'", "(", "[", "«"}
_CLOSE = {'"', "”", "’", "'", ")", "]", "»"}
_QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}
_CONNECT = {"of", "for", "&", "and", "the", "de", "du", "da", "di", "del", "della", "dei", "van", "von",
            "der", "den", "la", "le", "al", "el", "bin", "ibn", "bint", "abu"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_BARE_HONORIFICS = {"mr", "mrs", "ms", "miss", "mme", "herr", "dr", "m"}
_LOWER_NOUN_SKIP = {"the", "a", "an", "its", "their", "his", "her"}


@dataclass
class Mention:
    start: int  # name tokens [start, end)
    end: int
    full_start: int  # start of the surface form with its title ("President Joe Biden")
    title: str | None = None  # title text inside the run ("US President")
    hint: str | None = None  # person | org | place | group | product | event | None
    strong: bool = False  # hint from a head word / gazetteer rather than a guess
    initial: bool = False  # starts a sentence (capitalisation is no evidence)
    heading: bool = False
    place: Place | None = None
    role: str | None = None
    pronoun: bool = False
    text: str = ""
    full_text: str = ""


def is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text))


def is_acronym(text: str) -> bool:
    return len(text) >= 2 and bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def is_title_word(text: str) -> bool:
    return lexicon().has("titles", text) or lexicon().has("titles", text.rstrip("."))


class DocInfo:
    """Per-doc facts the rules share: sentence-initial positions, lowercase vocabulary."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.initial: set[int] = set()
        self.heading_tokens: set[int] = set()
        for s, e, heading in doc._.paragraphs or [(0, len(doc), False)]:
            if heading:
                words = [t for t in doc[s:e] if t.is_alpha and len(t) > 3]
                if words and sum(is_cap(t.text) for t in words) >= 0.6 * len(words):
                    self.heading_tokens.update(range(s, e))
        for start, end in sentence_bounds(doc):
            self._mark_initial(start, end)
        texts = token_texts(doc)
        for i, text in enumerate(texts[:-1]):
            if text in _QUOTES or text == ":" or text in ("(", "["):
                self.initial.add(i + 1)
        self.lower_words = {w for w in texts if w.islower() and w.isalpha()}
        self.caps = caps = [is_cap(w) for w in texts]  # per token
        self.cap_words = {w for w, cap in zip(texts, caps) if cap}
        self.before_lower = {w for w, cap, nxt in zip(texts, caps, texts[1:]) if cap and nxt.isalpha() and nxt.islower()}
        self.demonym_stems: set[str] | None = None  # kinds._demonym_stems, on first use
        self.cap_mid = {w for i, (w, cap) in enumerate(zip(texts, caps)) if cap and i not in self.initial}
        lex = lexicon()
        self._subjects = {texts[i] for i in self.initial if i + 1 < len(texts)
                          and (texts[i + 1].islower() and lex.has("subject_verbs", texts[i + 1])
                               or texts[i + 1] in ("'s", "’s"))}

    def subject_at(self, text: str) -> bool:
        """The word opens a sentence as the subject of a verb or with a possessive."""
        return text in self._subjects

    def _mark_initial(self, start: int, end: int) -> None:
        for i in range(start, end):
            t = self.doc[i]
            if t.is_space or t.text in _OPEN or t.is_punct:
                continue
            self.initial.add(i)
            break


def _common_initial(info: DocInfo, text: str, alone: bool) -> bool:
    """A sentence-initial capitalised word that is an ordinary English word."""
    lex = lexicon()
    if is_acronym(text) or is_title_word(text) or text in info.cap_mid:
        return False
    low = text.lower()
    if lex.has("non_actors", low):
        return True
    if lex.place(text) is not None and (lex.place(text).kind != "city" or lex.place(text).population > 1_000_000):
        return False
    if norm_key(text) in lex.demonym_noun or lex.has("groups", low):
        return False
    if low in info.lower_words:
        return True
    z = zipf(text)
    if alone:
        # proper-noun evidence from the article: a rarer word never written lowercase here
        # that is the subject of a clause ("Chrysler was hardest hit") names something
        if z < 4.2 and info.subject_at(text) and not (low.endswith("s") and zipf(low[:-1]) >= 3.5):
            return False  # ("Investigators said": the plural of a common noun is no name)
        return z >= 2.0
    if z >= 5.6:
        return True
    if z >= 4.0:
        if low.endswith("s") and zipf(low[:-1]) >= 3.8:
            return True
        if low.endswith(("ly", "ing", "ed", "al", "ic", "ous", "ive", "ful", "less", "est", "ever", "ther")):
            return True
    return False


def _dropped_opener(doc: Doc, s: int, e: int, info: DocInfo) -> bool:
    """"Although Gallois": a common opener before a name the article uses without it."""
    t = doc[s]
    return t.is_stop and not is_acronym(t.text) and t.text not in info.cap_mid


def _run_end(doc: Doc, i: int, lex) -> int:
    """End of the capitalised run starting at token i."""
    n = len(doc)
    j = i + 1
    has_of = False
    while j < n:
        prev, u = doc[j - 1], doc[j]
        if "\n" in prev.whitespace_ or u.is_space or u.is_sent_start:
            break
        if is_cap(u.text) and u.text not in _QUOTES:
            j += 1
            continue
        nxt = doc[j + 1] if j + 1 < n else None
        if u.text in ("-", "–") and not prev.whitespace_ and not u.whitespace_ and nxt is not None and nxt.is_alpha:
            if is_cap(nxt.text) or (len(nxt) <= 3 and not nxt.is_stop and nxt.text not in ("led", "run", "era", "old")):
                j += 2
                continue
            break
        if u.text in _POSSESSIVE and nxt is not None and is_cap(nxt.text) and lex.has("possessive_joiners", prev.text):
            j += 2
            continue
        if u.like_num and nxt is not None and is_cap(nxt.text) and not nxt.text in ("In", "On"):
            j += 2
            continue
        low = u.lower_
        if low in _CONNECT and nxt is not None:
            k = j + 1
            if low == "of" and doc[k].lower_ == "the" and k + 1 < n:
                k += 1
            if not is_cap(doc[k].text) or doc[k].text in _QUOTES:
                if low in ("al", "el") and doc[k].text == "-" and k + 1 < n and is_cap(doc[k + 1].text):
                    j = k + 2
                    continue
                break
            if low == "and" and not has_of and norm_key(doc[i:k + 1].text) not in lex.places:
                break
            if low == "the" and doc[j - 1].lower_ != "of":
                break
            if low in ("of", "for"):
                head = doc[j - 1].lower_
                if not (lex.has("org_heads", head) or lex.has("place_heads", head) or lex.has("titles", head)
                        or lex.has("event_heads", head) or is_acronym(doc[j - 1].text)):
                    break
                has_of = True
            j = k + 1
            continue
        break
    return j


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def split_adjacent(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """Two names written next to each other are two mentions: a corporate suffix ends a name
    ("Apple Inc. Steve Jobs"), a known place before a given name and surname ("the United
    States Hamid Karzai"), and a weekday after a name is a date ("Asia Monday")."""
    lex = lexicon()
    parts, cur = [], s
    for k in range(s + 1, e):
        prev, t = doc[k - 1], doc[k]
        if not is_cap(t.text):
            continue
        cut = lex.has("corporate_suffixes", prev.text) and k - cur >= 2
        if not cut and k - cur >= 1 and e - k >= 2 and lex.is_given_name(t.text) and not is_title_word(t.text):
            place = lex.place(doc[cur:k].text)
            cut = place is not None and place.kind in ("country", "region", "continent") \
                and all(is_cap(x.text) and x.is_alpha for x in doc[k:e])
        if not cut and t.lower_ in _WEEKDAYS:
            cut = True
        if cut:
            parts.append((cur, k))
            cur = k
    parts.append((cur, e))
    return [(a, b) for a, b in parts if not (b - a == 1 and doc[a].lower_ in _WEEKDAYS)]


def find_runs(doc: Doc, caps: list[bool] | None = None) -> list[tuple[int, int]]:
    """Capitalised runs; ``caps``: ``is_cap`` of every token, when the caller has it."""
    lex = lexicon()
    texts, lowers = token_texts(doc), token_lowers(doc)
    caps = caps if caps is not None else [is_cap(w) for w in texts]
    runs = []
    n = len(doc)
    i = 0
    while i < n:
        text = texts[i]
        startable = caps[i] and text not in _QUOTES
        if not startable and lowers[i] in ("al", "el") and i + 2 < n and texts[i + 1] == "-" \
                and not doc[i].whitespace_ and is_cap(texts[i + 2]):
            startable = True
        if not startable:
            i += 1
            continue
        # "anti-Pyongyang", "pro-Russian": a prefix glued to the name; not a mention
        if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ \
                and doc[i - 2].text.islower() and not lex.has("name_particles", doc[i - 2].text) \
                and not doc[i - 2].is_stop and not lex.has("directions", doc[i - 2].text):
            # ("Asia-to-Europe", "northern-Europe": a function word or direction is no prefix)
            j = _run_end(doc, i, lex)
            i = j
            continue
        j = _run_end(doc, i, lex)
        runs.extend(split_adjacent(doc, i, j))
        i = j
    return runs


def _split_possessive(doc: Doc, s: int, e: int, lex) -> list[tuple[int, int]]:
    parts, cur = [], s
    for k in range(s, e):
        if doc[k].text in _POSSESSIVE and not lex.has("possessive_joiners", doc[k - 1].text):
            if k > cur:
                parts.append((cur, k))
            cur = k + 1
    if cur < e:
        parts.append((cur, e))
    return parts


def _trim(doc: Doc, s: int, e: int, info: DocInfo) -> tuple[int, int]:
    lex = lexicon()
    while s < e and (doc[s].lower_ == "the" or doc[s].text in ("-", "&")) and s + 1 < e:
        s += 1
    while s < e and s in info.initial and e - s >= 1 and (
            _common_initial(info, doc[s].text, e - s == 1) or _dropped_opener(doc, s, e, info)):
        s += 1
        while s < e and (doc[s].lower_ in _CONNECT or doc[s].text in ("-",)):
            s += 1
    while e > s and (doc[e - 1].lower_ in _CONNECT or doc[e - 1].text in ("-", "&") or doc[e - 1].text in _POSSESSIVE):
        e -= 1
    if e - s == 1 and lex.has("non_actors", doc[s].text):
        return s, s
    return s, e


def _title_split(doc: Doc, s: int, e: int, lex) -> tuple[int, int, int]:
    """(first title token, first name token, ok) for a run that opens with a title block."""
    first = None
    for k in range(s, e):
        if is_title_word(doc[k].text):
            first = k
            break
    if first is None:
        return -1, -1, 0
    # "manager Dean Whitlock": after a lowercase role, a title word that is also a given
    # name opens the name
    if first == s and s > 0 and doc[s - 1].text.islower() and is_title_word(doc[s - 1].text) \
            and lex.is_given_name(doc[s].text):
        return -1, -1, 0
    m = first
    while m < e:
        w = doc[m]
        if is_title_word(w.text) or w.text in ("-",) or (
                lex.has("title_modifiers", w.lower_) and m + 1 < e and is_title_word(doc[m + 1].text)):
            m += 1
            continue
        if w.lower_ in ("of", "for") and m + 1 < e:
            m2 = m + 1
            while m2 < e - 1 and (doc[m2].lower_ in ("the", "and", "&") or zipf(doc[m2].text) >= 4.0
                                  or is_acronym(doc[m2].text)) and not lex.has("honorifics", doc[m2].text):
                m2 += 1
            m = m2
            continue
        break
    name_len = e - m
    if name_len < 1 or name_len > 4:
        return first, m, 0
    last = doc[e - 1].lower_
    if lex.has("org_heads", last) or lex.has("place_heads", last) or lex.has("event_heads", last):
        return first, m, 0
    if not all(is_cap(t.text) or t.text == "-" or lex.has("name_particles", t.text) or t.is_lower and len(t) <= 3
               for t in doc[m:e]):
        return first, m, 0
    if lex.place(doc[m:e].text) is not None and name_len > 1:
        return first, m, 0
    return first, m, 1


def _initial_role(doc: Doc, s: int, e: int, info: DocInfo, lex) -> int:
    """End of a sentence-initial role noun before a two- to three-word name ("Striker Ana
    Costa", "Veteran defender Tom Hale" is lower-case and never reaches here): an ordinary
    English word (frequency evidence) from the role-noun list, followed by capitalised words
    that are not themselves common words or organisation heads. Returns s when there is none."""
    if s not in info.initial or e - s < 3 or e - s > 4:
        return s
    w = doc[s]
    if not lex.has("role_nouns", w.lower_) or zipf(w.text) < 3.0 or w.text in info.cap_mid:
        return s
    name = doc[s + 1:e]
    if not all(is_cap(t.text) and t.is_alpha for t in name):
        return s
    last = name[-1].lower_
    if lex.has("org_heads", last) or lex.has("place_heads", last) or lex.has("event_heads", last):
        return s
    if lex.place(name.text) is not None or any(zipf(t.text) >= 5.0 for t in name):
        return s
    return s + 1


def _span_text(doc: Doc, s: int, e: int) -> str:
    return span_text(doc, s, e)


def _pre_title_mention(doc: Doc, s: int, e: int, info: DocInfo, lex) -> Mention | None:
    """The organisation or country before a title ("NATO Secretary-General", "US President")."""
    text = _span_text(doc, s, e)
    if not text:
        return None
    key = norm_key(text)
    if key in lex.demonym_adj and lex.place(text) is None:
        return None
    if lex.place(text) is not None:
        return Mention(s, e, s, hint="place", strong=True, place=lex.place(text))
    if key in lex.demonym_adj:
        return None
    if is_acronym(text) or lex.has("org_heads", doc[e - 1].text) or (e - s == 1 and zipf(text) < 4.0):
        return Mention(s, e, s, hint="org", strong=is_acronym(text) or lex.has("org_heads", doc[e - 1].text))
    return None


def extract_mentions(doc: Doc, info: DocInfo | None = None) -> list[Mention]:
    """Every candidate name mention, with hints from its own words (typing comes later)."""
    lex = lexicon()
    info = info or DocInfo(doc)
    out: list[Mention] = []
    for rs, re_ in find_runs(doc, info.caps):
        for ps, pe in _split_possessive(doc, rs, re_, lex):
            s, e = _trim(doc, ps, pe, info)
            if e <= s:
                continue
            initial = s in info.initial
            role_end = _initial_role(doc, s, e, info, lex)
            if role_end > s:  # "Substitute Jonah Achterberg": the role noun is no part of the name
                out.append(Mention(role_end, e, s, title=_span_text(doc, s, role_end), hint="person",
                                   strong=True, initial=False))
                continue
            first, name_start, ok = _title_split(doc, s, e, lex)
            if first >= 0 and ok:
                pre = _pre_title_mention(doc, s, first, info, lex) if first > s else None
                if pre is not None:
                    pre.initial = initial
                    out.append(pre)
                title_words = [t for t in doc[s:name_start] if t.text != "-"]
                only_honorific = all(lex.has("honorifics", t.text) for t in title_words)
                role_end = name_start
                while role_end > s and doc[role_end - 1].lower_.rstrip(".") in _BARE_HONORIFICS:
                    role_end -= 1
                role = None if only_honorific else _span_text(doc, s, role_end)
                out.append(Mention(name_start, e, s, title=role, hint="person", strong=True, initial=False))
                continue
            if first >= 0 and not ok and e - name_start == 0:
                continue  # a bare title ("President", "Prime Minister")
            out.append(Mention(s, e, s, initial=initial))
    for m in out:
        m.heading = m.start in info.heading_tokens
        m.text = _span_text(doc, m.start, m.end)
        m.full_text = _span_text(doc, m.full_start, m.end)
    return out
