"""Who is speaking: noun phrases around a reporting cue, over the Doc's tokens.

No parser is available, so a speaker is read off the surface: the proper-name run right
before the cue (appositives and parentheticals between commas skipped, titles stripped),
a pronoun, an unnamed-source description ("senior State Department officials", "Officials
from the White House"), or the owner of a possessive ("PC World's analysis concluded").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from generator.extract.doc_facts import span_text as _doc_span_text
from generator.extract.claims.lexicon import (
    ANAPHOR_CLASS, ADVERBS, CHANNEL_NOUNS, CLAUSE_STOP, DAYS, DETERMINERS, FUNCTION_CAPS, ORG_WORDS, PREPOSITIONS,
    PRONOUNS, SOURCE_NOUNS, STUDY_NOUNS, SUBORDINATORS, TITLES,
)

CONNECT = frozenset("of for de del della da di du al el la le van von der den bin ibn y dos das".split())
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass
class Ref:
    kind: str  # name | desc | pron | title | nominal ("the company", resolved to an actor)
    text: str
    start: int  # token span of the phrase in the doc
    end: int
    person: bool = False


def span_text(doc: Doc, s: int, e: int) -> str:
    return _doc_span_text(doc, s, e)


def is_cap(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and (t.lower() not in FUNCTION_CAPS)


def _attached(doc: Doc, k: int) -> bool:
    """Token k is a hyphen glued to both neighbours ("al-Amr", "Jong-un")."""
    return doc[k].text in ("-", "–") and not doc[k].whitespace_ and k > 0 and not doc[k - 1].whitespace_


def run_back(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """The capitalised name run that ends at token hi-1."""
    j = hi - 1
    if j < lo or not is_cap(doc[j]):
        return None
    s = j
    k = j - 1
    while k >= lo:
        t = doc[k]
        if is_cap(t):
            s = k
        elif _attached(doc, k) or (t.lower_ in CONNECT and k > lo and (is_cap(doc[k - 1]) or doc[k - 1].lower_ in CONNECT)):
            pass
        elif t.lower_ in CONNECT and t.lower_ in ("al", "el", "de", "van", "von", "bin", "ibn", "da", "di"):
            pass
        else:
            break
        k -= 1
    # a lower-case particle glued to the run's first capital ("al-Amr") stays; leading "of" does not
    while s > lo and doc[s - 1].lower_ in ("al", "el", "de", "van", "von", "bin", "ibn") and is_cap(doc[s]) and s - 2 >= lo and is_cap(doc[s - 2]):
        s -= 1
    return s, hi


def run_fwd(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """The capitalised name run that starts at token lo."""
    k = lo
    if k < hi and doc[k].lower_ == "the":
        k += 1
    if k >= hi or not is_cap(doc[k]):
        return None
    s, e = k, k + 1
    k += 1
    while k < hi:
        t = doc[k]
        if is_cap(t):
            e = k + 1
        elif _attached(doc, k) or t.lower_ in CONNECT:
            pass
        else:
            break
        k += 1
    return s, e


def _title_word(tok) -> bool:
    return tok.text.rstrip(".").lower() in TITLES


def strip_titles(doc: Doc, s: int, e: int) -> tuple[int, int, bool]:
    """Drop leading titles ("National Security Advisor Jake Sullivan" -> "Jake Sullivan")."""
    last_title = None
    for k in range(s, e):
        if _title_word(doc[k]) or (doc[k].text in ("-",) and last_title == k - 1):
            last_title = k
    if last_title is None or last_title >= e - 1:
        return s, e, False
    k = last_title + 1
    caps = [i for i in range(k, e) if doc[i].text[:1].isupper()]
    if doc[k].lower_ in ("of", "for") and len(caps) > 2:  # "Minister of Education Stefania Giannini"
        k = caps[-2]
    while k < e and (doc[k].lower_ in CONNECT or doc[k].text in ("-", ".")):
        k += 1
    if k >= e:
        return s, e, False
    return k, e, True


def looks_person(doc: Doc, s: int, e: int, had_title: bool) -> bool:
    words = [doc[k].text for k in range(s, e) if doc[k].text[:1].isalpha()]
    if any(w.lower() in ORG_WORDS for w in words):
        return False
    if any(w.isupper() and len(w) > 1 for w in words):  # acronyms: KCNA, NATO
        return False
    return had_title or 2 <= len(words) <= 4


def name_ref(doc: Doc, s: int, e: int) -> Ref:
    s2, e2, titled = strip_titles(doc, s, e)
    return Ref("name", span_text(doc, s2, e2), s2, e2, looks_person(doc, s2, e2, titled))


def _desc_back(doc: Doc, lo: int, j: int) -> int:
    """Start of the description noun phrase that ends at token j-1."""
    k = j - 1
    while k - 1 >= lo and j - k < 8:
        t = doc[k - 1]
        if not (t.is_alpha or t.text.isalnum() or _attached(doc, k - 1) or t.text in _POSSESSIVE) or t.lower_ in CLAUSE_STOP \
                or t.lower_ in SUBORDINATORS or (t.lower_ in PREPOSITIONS and t.lower_ not in ("of", "from", "at")):
            break
        k -= 1
        if t.lower_ in DETERMINERS:
            break
    while k < j and doc[k].lower_ in ("the", "a", "an"):
        k += 1 if doc[k].lower_ == "the" else 0
        break
    return k


def _skip_tail(doc: Doc, lo: int, j: int) -> int:
    """Drop auxiliaries, adverbs and a time phrase before the cue ("has also", "on Tuesday")."""
    while j > lo:
        t = doc[j - 1]
        if t.lower_ in ADVERBS or t.lower_ in DAYS or t.is_space:
            if t.lower_ in DAYS and j - 2 >= lo and doc[j - 2].lower_ in ("on", "last", "this"):
                j -= 1
            j -= 1
            continue
        break
    return j


def find_subject(doc: Doc, lo: int, hi: int) -> Ref | None:
    """The speaker phrase before the cue at token hi, looking no further back than lo."""
    j = _skip_tail(doc, lo, hi)
    for _ in range(4):  # peel appositives / parentheticals between commas
        if j > lo and doc[j - 1].text == ",":
            k = j - 2
            while k >= lo and doc[k].text not in (",", ";", ":", "(", "—", "–"):
                k -= 1
            seg_start = k + 1
            if seg_start >= j - 1:
                j -= 1
                continue
            first = doc[seg_start]
            starts_lower = not first.text[:1].isupper() or first.lower_ in PREPOSITIONS or first.lower_ in DETERMINERS
            if starts_lower and k >= lo and first.lower_ not in PRONOUNS:
                j = k + 1  # drop ", a spokesman for X," and look at the segment before (", 54,")
                continue
            j -= 1
        break
    if j <= lo:
        return None
    last = doc[j - 1]
    if last.lower_ in PRONOUNS and (j - 2 < lo or doc[j - 2].lower_ not in PREPOSITIONS):
        return Ref("pron", last.lower_, j - 1, j)
    if last.text == ")":  # "CEI (Italian Episcopal Conference)"
        k = j - 1
        while k > lo and doc[k].text != "(":
            k -= 1
        if k > lo:
            j = k
            last = doc[j - 1]
    if last.lower_ in SOURCE_NOUNS or (last.is_lower and last.is_alpha):
        k = _desc_back(doc, lo, j)
        # "a spokesman for the ministry": extend over the preposition to the source noun
        b = k - 1 if k - 1 >= lo and doc[k - 1].lower_ in DETERMINERS else k
        k2 = _source_noun_before(doc, lo, b, ("for", "of", "from", "at", "with"))
        if k2 is not None:
            return _document_owner(doc, k2, j) or Ref("desc", span_text(doc, k2, j), k2, j)
        if last.lower_ in ANAPHOR_CLASS and k - 1 >= lo and doc[k - 1].lower_ in ("the", "this"):
            return Ref("nominal", span_text(doc, k, j), k, j)
        if last.lower_ in SOURCE_NOUNS:
            owner = _document_owner(doc, k, j)
            return owner or Ref("desc", span_text(doc, k, j), k, j)
        fam = _familiar(doc, lo, j)
        if fam is not None:
            return fam
    run = run_back(doc, lo, j)
    if run:
        s, e = run
        # "Officials from the White House"
        b = s - 1 if s - 1 >= lo and doc[s - 1].lower_ == "the" else s
        k = _source_noun_before(doc, lo, b, ("from", "of", "at", "for"))
        if k is not None:
            return Ref("desc", span_text(doc, k, e), k, e)
        return name_ref(doc, s, e)
    # a lower-case noun phrase: a name inside it ("the M5S party"), "the president", or a possessor
    k = _desc_back(doc, lo, j)
    for i in range(k, j):
        if is_cap(doc[i]) and based_compound(doc, i):  # "the London-based think tank"
            return Ref("desc", span_text(doc, k, j), k, j)
        if is_cap(doc[i]):
            r = run_fwd(doc, i, j)
            if r:
                return name_ref(doc, *r)
    if j - 2 >= lo and doc[j - 2].lower_ == "the" and _title_word(last):
        return Ref("title", last.lower_, j - 1, j)
    for i in range(j - 1, lo, -1):  # "PC World's recent analysis ... concluded"
        if doc[i].text in _POSSESSIVE and i > lo:
            if doc[i - 1].lower_ in PRONOUNS or doc[i - 1].lower_ in ("his", "her", "its", "their"):
                continue
            run = run_back(doc, lo, i)
            if run:
                return name_ref(doc, *run)
        if doc[i].text in (",", ";", ":"):
            break
    return None


def _source_noun_before(doc: Doc, lo: int, b: int, prepositions: tuple[str, ...]) -> int | None:
    """Start of the description when a source noun and a preposition stand right before token b
    ("a spokesman for | the ministry", "officials from | the White House"), else None."""
    if b - 2 >= lo and doc[b - 1].lower_ in prepositions and doc[b - 2].lower_ in SOURCE_NOUNS:
        return _desc_back(doc, lo, b - 1)
    return None


def based_compound(doc: Doc, i: int) -> bool:
    """Token i opens a "<Place>-based" style modifier ("Gothenburg-based", "Paris-headquartered")."""
    return i + 2 < len(doc) and _attached(doc, i + 1) and doc[i + 2].is_lower and doc[i + 2].is_alpha


def _familiar(doc: Doc, lo: int, j: int) -> Ref | None:
    """"two people familiar with the matter", "sources close to the talks": an unnamed source."""
    for k in range(j - 2, max(lo, j - 9) - 1, -1):
        w = doc[k].lower_
        if doc[k].text in (",", ";", ":") or w in CLAUSE_STOP:
            return None
        if (w == "familiar" and doc[k + 1].lower_ == "with") or (w == "close" and doc[k + 1].lower_ == "to"):
            h = k - 1
            if h >= lo and doc[h].lower_ in ("people", "person", "persons", "sources", "source", "officials", "insiders"):
                s = h
                while s - 1 >= lo and (doc[s - 1].like_num or doc[s - 1].lower_ in ("several", "some", "many",
                                                                                    "two", "three", "other", "senior")):
                    s -= 1
                return Ref("desc", span_text(doc, s, j), s, j)
            return None
    return None


def np_forward(doc: Doc, lo: int, hi: int) -> Ref | None:
    """The speaker phrase that starts at token lo ("said KCNA", "according to US intelligence")."""
    while lo < hi and doc[lo].is_space:
        lo += 1
    if lo >= hi:
        return None
    t = doc[lo]
    if t.lower_ in PRONOUNS:
        return Ref("pron", t.lower_, lo, lo + 1)
    e = lo
    while e < hi and doc[e].text not in (",", ";", ":", ".", "!", "?", '"', "“", "”", "(") and e - lo < 12:
        if e > lo and doc[e].lower_ in CLAUSE_STOP:
            break
        e += 1
    if e <= lo:
        return None
    words = [doc[k] for k in range(lo, e)]
    if doc[lo].lower_ == "the" and e - lo >= 2 and doc[e - 1].lower_ in ANAPHOR_CLASS:  # ", said the company"
        return Ref("nominal", span_text(doc, lo + 1, e), lo + 1, e)
    if any(w.lower_ in SOURCE_NOUNS for w in words) and not is_cap(doc[e - 1]):
        return Ref("desc", span_text(doc, lo, e), lo, e)
    named = _name_after_role(doc, lo, e)
    if named is not None:
        return named
    run = run_fwd(doc, lo, e)
    if run:
        s, r_end = run
        if r_end < e and doc[e - 1].is_alpha and doc[e - 1].text.islower() and doc[r_end].text not in _POSSESSIVE:
            s2 = lo + 1 if doc[lo].lower_ == "the" else lo  # "US intelligence", "Yonhap news agency"
            return Ref("desc", span_text(doc, s2, e), s2, e)
        return name_ref(doc, s, r_end)
    if any(is_cap(w) for w in words):
        s2 = lo + 1 if doc[lo].lower_ == "the" else lo
        return Ref("desc", span_text(doc, s2, e), s2, e)
    if doc[lo].lower_ == "the" and e - lo == 2 and _title_word(doc[lo + 1]):
        return Ref("title", doc[lo + 1].lower_, lo + 1, e)
    return None


def sentence_subject(doc: Doc, lo: int, hi: int) -> Ref | None:
    """The subject of the sentence's main clause: its first name, pronoun or source phrase."""
    k = lo
    for _ in range(4):
        while k < hi and (doc[k].is_space or doc[k].is_punct):
            k += 1
        if k >= hi:
            return None
        w = doc[k].lower_
        if w in SUBORDINATORS or w in PREPOSITIONS or w in ("meanwhile", "however", "yesterday", "today", "also",
                                                            "according", "per", "earlier", "later", "last") or w in DAYS:
            c = k
            while c < hi and doc[c].text != ",":
                c += 1
            if c >= hi:
                return None
            k = c + 1
            continue
        break
    if k >= hi:
        return None
    if doc[k].lower_ in PRONOUNS:
        return Ref("pron", doc[k].lower_, k, k + 1)
    run = run_fwd(doc, k, hi)
    if run:
        s, e = run
        m = e
        while m < hi and m - e < 6 and (doc[m].text == "&" or (is_cap(doc[m]) and doc[m - 1].text == "&")):
            m += 1  # "Procter & Gamble"
        e0 = m
        while m < hi and m - e0 < 3 and doc[m].is_lower and (_title_word(doc[m]) or doc[m].lower_ in SOURCE_NOUNS):
            m += 1
        if m > e0 and m < hi and is_cap(doc[m]):  # "Acme spokeswoman Jane Roe": the person named after the role
            r2 = run_fwd(doc, m, hi)
            if r2:
                return name_ref(doc, *r2)
        if e < hi and doc[e].text in _POSSESSIVE:
            # "Saudi Arabia's Civil Defense Authority": the owner's organisation
            r2 = run_fwd(doc, e + 1, hi)
            if r2:
                return name_ref(doc, *r2)
        if e < hi and doc[e].lower_ in SOURCE_NOUNS:
            return Ref("desc", span_text(doc, k, e + 1), k, e + 1)
        return name_ref(doc, s, e)
    return np_forward(doc, k, hi)


def _document_owner(doc: Doc, k: int, j: int) -> Ref | None:
    """"PC World's recent analysis of its traffic", "the ministry's report": a document speaks for
    its named owner. Descriptions of people ("the union's members") stay descriptions."""
    if not any(doc[m].lower_ in STUDY_NOUNS or doc[m].lower_ in CHANNEL_NOUNS for m in range(k, j)):
        return None
    for m in range(k + 1, j):
        if doc[m].text in _POSSESSIVE[:2]:
            r = run_back(doc, k, m)
            return name_ref(doc, *r) if r else None
    return None


def _name_after_role(doc: Doc, lo: int, e: int) -> Ref | None:
    """"union leader Mia Holm", "American president Ola Berg": a name closing a phrase of role
    words (capitalised or not, no determiner or preposition) is the speaker, not the role."""
    r = run_back(doc, lo, e)
    if not r or r[0] <= lo:
        return None
    role = False
    for k in range(lo, r[0]):
        t = doc[k]
        if t.lower_ in PREPOSITIONS or (t.lower_ in DETERMINERS and t.lower_ != "the") or not (t.is_alpha or t.text == "-"):
            return None
        role = role or (t.is_lower and t.is_alpha)
    return name_ref(doc, *r) if role else None


def speaker_after(doc: Doc, lo: int, hi: int) -> Ref | None:
    """The speaker right after an inverted cue ('"…," said X'): a name run, a name after its role
    words ("said union leader Mia Holm"), else the noun phrase there."""
    e = lo
    while e < hi and doc[e].text not in (",", ";", ":", ".", "!", "?", '"', "“", "”", "(") and e - lo < 12:
        if e > lo and doc[e].lower_ in CLAUSE_STOP:
            break
        e += 1
    named = _name_after_role(doc, lo, e) if e > lo else None
    if named is not None:
        return named
    r = run_fwd(doc, lo, hi)
    return name_ref(doc, *r) if r else np_forward(doc, lo, hi)
