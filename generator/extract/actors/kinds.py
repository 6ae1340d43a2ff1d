"""Typing a candidate mention: person | org | place | group, or a non-actor (product, event, word).

Evidence, strongest first: the mention's own head word (org/place/event heads, a title
block), the gazetteer (countries, subdivisions, cities with alternate names), demonyms and
named groups, a version number or quotation marks (products and works), then the cue nouns
around it ("the town of X", "X news agency", "X browser", "X, the annual pilgrimage").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from generator.extract.actors.candidates import (
    _ALNUM, _CLOSE, _OPEN, _VERSION, DocInfo, Mention, is_acronym, is_cap, is_title_word)
from generator.extract.actors.lexicon import lexicon, norm_key, zipf
from generator.extract.doc_facts import token_lowers, token_texts

_MONTHS = {"may", "march", "june", "july", "august", "april"}
_DATE_PREP = {"in", "on", "since", "until", "by", "from", "early", "late", "mid", "last", "next", "of", "through"}
_APPOS_END = {",", ".", ";", ":", ")", "(", '"', "“", "”", "—", "–"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "one"}


def _set(m: Mention, hint: str, strong: bool) -> None:
    m.hint, m.strong = hint, strong


def _next_word(doc: Doc, i: int) -> str:
    if i >= len(doc):
        return ""
    text = token_texts(doc)[i]
    return token_lowers(doc)[i] if text.isalpha() and text.islower() else ""


def appositive(doc: Doc, m: Mention) -> tuple[int, int] | None:
    """Token span of ", the annual pilgrimage to Mecca," after a mention (without determiners)."""
    i = m.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    start = j
    while j < len(doc) and j - start < 14 and doc[j].text not in _APPOS_END and not doc[j].is_space:
        j += 1
    if j == start or (j < len(doc) and doc[j].text not in (",", ".", ";", "—", "–")):
        return None
    first = doc[start]
    if not (first.lower_ in _DETERMINERS or first.text.islower() or doc[start + 1:start + 2].text in ("'s", "’s")
            or (start + 1 < j and doc[start + 1].text in ("'s", "’s"))):
        return None
    if first.text.islower() and first.lower_ not in _DETERMINERS and not is_title_word(first.text) \
            and not lexicon().has("org_cues", first.text):
        return None
    return start, j


def _appositive_head(doc: Doc, span: tuple[int, int]) -> str:
    """The noun an appositive is about: the last lowercase word before "of/for/in/at/to"."""
    s, e = span
    head = ""
    for t in doc[s:e]:
        if t.lower_ in ("of", "for", "in", "at", "to", "on", "from", "with", "who", "which", "that"):
            if head:
                break
        if t.is_alpha and t.text.islower() and t.lower_ not in _DETERMINERS:
            head = t.lower_
    return head


_CAMEL = re.compile(r"^[a-z]{1,3}[A-Z][A-Za-z]+$")  # "iTunes", "iPhone", "eBay"
_INITIAL = re.compile(r"^[A-Z]\.$")  # "Michael R. Golden"
_ELIDED = re.compile(r"^[A-Z][a-z]?['’][A-Z][a-z]+$")  # "O'Leary", "D'Angelo"
_MODEL_CODE = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z]{1,3}-?\d{1,4}[A-Za-z]?$")
_POINTS = {"points", "point", "pts"}
_DEMONYM_SUFFIXES = ("i", "ian", "an", "ese", "ish", "ic", "ean")


def _is_index(doc: Doc, m: Mention) -> bool:
    """A market index: its name ends in "Average"/"Index", an index noun follows it (after an
    optional number: "the FTSE 100 index"), or it moves by points in the same clause
    ("the Nikkei fell 120 points")."""
    lex = lexicon()
    texts, lowers = token_texts(doc), token_lowers(doc)
    if m.end - m.start > 1 and lex.has("index_nouns", texts[m.end - 1]):
        return True
    if lex.place(m.text) is not None:
        return False  # "the UK index": the country whose market the index measures
    i = m.end
    if i < len(doc) and doc[i].like_num:
        i += 1
    for k in range(i, min(i + 2, len(doc))):
        if texts[k].islower() and lex.has("index_nouns", texts[k]):
            return True
        if texts[k].islower() and lowers[k] not in ("stock", "share", "market", "composite"):
            break
    for k in range(m.end, min(m.end + 10, len(doc))):
        text = texts[k]
        if text in (".", ";", ",") or (text.isalpha() and text[:1].isupper()):
            break
        if lowers[k] in _POINTS and k > 0 and doc[k - 1].like_num:
            return True
    return False


def _near_amount(doc: Doc, m: Mention) -> bool:
    """A number or currency sign within two tokens of the mention."""
    near = list(doc[max(0, m.start - 3):m.start]) + list(doc[m.end:m.end + 2])
    return any(t.like_num or t.is_currency for t in near)


def _town_of_region(doc: Doc, e: int) -> bool:
    """"Merrow, Ohio": a name followed by a comma and a known state or country is a town."""
    if e + 1 >= len(doc) or doc[e].text != ",":
        return False
    lex = lexicon()
    for k in (1, 2):  # "Ohio", "New Mexico"
        place = lex.place(doc[e + 1:e + 1 + k].text) if e + 1 + k <= len(doc) else None
        if place is not None and place.kind in ("region", "country") and all(
                is_cap(t.text) for t in doc[e + 1:e + 1 + k]):
            after = doc[e + 1 + k] if e + 1 + k < len(doc) else None
            return after is None or not is_cap(after.text)
    return False


def _demonym_stems(info: DocInfo) -> set[str]:
    """Capitalised words of the article that another one extends by a demonym ending before a
    lowercase noun ("Estmark" of "Estmarki trawlers"): places."""
    if info.demonym_stems is None:
        stems = set()
        for w in info.before_lower:  # capitalised words before a lowercase one
            for suf in _DEMONYM_SUFFIXES:
                stem = w[:-len(suf)]
                if not (w.endswith(suf) and len(stem) >= 3):
                    continue
                for place in (stem, stem + "a"):  # "Estmark"/"Estmarki", "Valdoria"/"Valdorian"
                    if place in info.cap_words:
                        stems.add(place)
        info.demonym_stems = stems
    return info.demonym_stems


def _derived_demonym(doc: Doc, m: Mention, info: DocInfo) -> bool:
    """"the Estmarki capital": a word made from another name of the article plus a demonym
    ending, used before a lowercase noun, is an adjective (the place is the other name)."""
    text = m.text
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is None or not (nxt.is_alpha and nxt.text.islower()):
        return False
    for suf in _DEMONYM_SUFFIXES:
        stem = text[:-len(suf)]
        if text.endswith(suf) and len(stem) >= 3 and (stem in info.cap_words or stem + "a" in info.cap_words):
            return True
    return False


_ADJECTIVE_ENDINGS = ("ian", "ese", "ish", "al", "ic", "ean", "an")


def _adjective_before_noun(doc: Doc, m: Mention) -> bool:
    """"the Victorian state government", "Congressional lawmakers": a capitalised adjective
    (an adjective ending, a word English knows) before the noun it describes, when that noun
    is one that a place or body qualifies (a title, a group, a place or organisation cue)."""
    lex = lexicon()
    text = m.text
    if not text.endswith(_ADJECTIVE_ENDINGS) or zipf(text) < 3.0 or m.end >= len(doc) or lex.place(text):
        return False
    nxt = doc[m.end]
    if not (nxt.is_alpha and nxt.text.islower()):
        return False
    w = nxt.lower_
    singular = w[:-1] if w.endswith("s") else w
    return any(lex.has(sec, x) for x in (w, singular)
               for sec in ("titles", "group_nouns", "org_cues", "place_cues", "role_nouns"))


def type_mention(doc: Doc, m: Mention, info: DocInfo) -> None:
    """Fill m.hint / m.strong / m.place. Non-actors get hint product | event | drop."""
    lex = lexicon()
    s, e = m.start, m.end
    text = m.text
    low = text.lower()
    toks = doc[s:e]
    last = toks[-1]
    prev = doc[s - 1] if s > 0 else None
    nxt = doc[e] if e < len(doc) else None
    if m.hint == "person" and m.strong:
        return
    if e - s == 1 and (lex.has("non_actors", low) or lex.has("non_actors", low.rstrip("."))):
        return _set(m, "drop", True)
    if low in _MONTHS and ((nxt is not None and nxt.like_num) or (prev is not None and prev.lower_ in _DATE_PREP)):
        return _set(m, "drop", True)
    if e - s == 1 and lex.has("titles", low) and not is_acronym(text):
        return _set(m, "drop", True)
    if e - s == 1 and text.isupper() and lex.is_currency(text) and _near_amount(doc, m):
        return _set(m, "drop", True)  # "$99 (USD)", "40 EUR": a currency code
    if e - s > 1 and all(t.text in ("-", "–") or lex.has("non_actors", t.lower_) for t in toks):
        return _set(m, "drop", True)  # a range of calendar words ("July-September")
    if _is_index(doc, m):
        return _set(m, "product", True)
    if e - s > 1 and lex.has("event_first", toks[0].text):
        return _set(m, "event", True)
    if e - s > 1 and lex.has("place_first", toks[0].text) and not lex.has("org_heads", last.text):
        return _set(m, "place", True)
    if e - s > 1 and (lex.has("product_heads", last.text) or _MODEL_CODE.match(last.text)) \
            and not lex.has("org_heads", last.text):
        return _set(m, "product", True)
    if e - s == 1 and (_derived_demonym(doc, m, info) or _adjective_before_noun(doc, m)):
        return _set(m, "drop", True)
    if e - s == 1 and text in _demonym_stems(info):
        return _set(m, "place", True)  # the article derives a people's adjective from it: "Estmarki"
    if lex.has("market_indices", toks[0].text.replace(".", "")) and not lex.has("org_heads", last.text):
        return _set(m, "product", True)
    # works and products: a quoted title, a version number, model codes
    if prev is not None and nxt is not None and prev.text in _OPEN and nxt.text in _CLOSE and e - s > 1 \
            and prev.text not in "([":
        return _set(m, "product", True)
    if e - s > 1 and _VERSION.match(last.text) and not last.text.isdigit() or (
            nxt is not None and nxt.like_num and not nxt.whitespace_ == "" and re.match(r"^\d{1,2}(\.\d+)?$", nxt.text)
            and m.place is None and lex.place(text) is None and not (prev is not None and prev.lower_ in ("in", "of"))):
        if not lex.has("org_heads", last.text):
            return _set(m, "product", True)
    if any(t.like_num for t in toks) and e - s > 1 and not lex.has("org_heads", last.text):
        _set(m, "org", False)
    # head words
    heads = [last.lower_]
    for t in toks:
        if t.lower_ in ("of", "for") and t.i > s:
            heads.append(doc[t.i - 1].lower_)
            break
    if e - s > 1 and any(lex.has("event_heads", h) for h in heads[:1]):
        return _set(m, "event", True)
    place = lex.place(text)
    if place is not None and place.kind == "city" and is_acronym(text) and text != place.name:
        place = None  # "GAO" is an acronym, not the town of Gao: cities are not written in capitals
    if place is not None:
        m.place = place
    elif e - s > 1 and lex.has("directions", toks[0].text) and lex.place(doc[s + 1:e].text) is not None:
        return _set(m, "place", True)
    if e - s > 1 and any(lex.has("org_heads", h) for h in heads):
        if not (place is not None and place.kind in ("country", "continent")):
            return _set(m, "org", True)
    if e - s > 1 and any(lex.has("place_heads", h) for h in heads):
        return _set(m, "place", True)
    key = norm_key(text)
    if key in lex.demonym_noun or lex.has("groups", low):
        if key not in lex.demonym_adj or text.endswith("s") or (nxt is not None and not nxt.is_alpha):
            return _set(m, "group", True)
    if key in lex.demonym_adj and place is None:
        return _set(m, "drop", True)
    if place is not None:
        m.place = place
        common = e - s == 1 and zipf(text) >= 4.5 and place.kind == "city"
        return _set(m, "place", not common)
    if e - s == 1 and _ALNUM.match(text) and not is_acronym(text.replace("-", "")):
        return _set(m, "product", False)
    if e - s == 1 and _ALNUM.match(text):
        return _set(m, "product", False)
    # cue nouns around the mention
    p1 = prev.lower_ if prev is not None and prev.text.islower() else ""
    p2 = doc[s - 2].lower_ if s >= 2 and doc[s - 2].text.islower() else ""
    n1, n2 = _next_word(doc, e), _next_word(doc, e + 1)
    if not n1 and nxt is not None and nxt.like_num and n2 and (
            lex.has("product_cues", n2) or lex.has("product_cues", n2.rstrip("s"))):
        return _set(m, "product", True)  # a model number between name and kind: "Trent 900 engines"
    if prev is not None and _CAMEL.match(prev.text) and not lex.has("org_heads", last.text):
        return _set(m, "product", False)  # "iTunes Music Store": the rest of a camel-case product name
    if n1 and lex.has("product_cues", n1):
        # "the Firefox browser" names the product; "Boeing models", "Toyota cars" (a plural)
        # more often name the maker's products: weak evidence, outvoted by other mentions
        return _set(m, "product", not (n1.endswith("s") and lex.has("product_cues", n1[:-1])))
    if p1 and lex.has("product_cues", p1) and p1 not in ("site", "page"):
        return _set(m, "product", False)
    span = appositive(doc, m)
    if span is not None:
        head = _appositive_head(doc, span)
        if lex.has("product_cues", head) or lex.has("event_heads", head):
            return _set(m, "product", True)
        if lex.has("org_cues", head):
            return _set(m, "org", True)
        if lex.has("place_cues", head):
            return _set(m, "place", True)
        if e - s > 1 and (is_title_word(head) or lex.has("role_nouns", head)):
            return _set(m, "person", True)  # "Abena Owusu, a nurse at ...": a role in apposition
    if e - s <= 3 and _town_of_region(doc, e):
        return _set(m, "place", True)
    if prev is not None and prev.text == "," and p2 and lex.has("place_cues", p2) \
            and not (e - s > 1 and lex.is_given_name(toks[0].text)):  # ("the region, Roberto Maroni,")
        return _set(m, "place", False)  # "the Estmarki capital, Valdby,": named after its kind
    if (p1 == "of" and lex.has("place_cues", p2)) or (p1 and lex.has("place_cues", p1)) \
            or (n1 and lex.has("place_cues", n1) and n1 not in ("state", "port")):
        return _set(m, "place", False)
    if n1 == "government" and e - s == 1:
        return _set(m, "person", False)
    if (p1 and lex.has("org_cues", p1)) or (n1 and lex.has("org_cues", n1)) or (n1 == "news" and n2):
        return _set(m, "org", False)
    if p1 and is_title_word(p1) and e - s >= 1 and not is_acronym(text):
        return _set(m, "person", False)
    if n1 and is_title_word(n1) or (n1 in ("chief", "head") and n2):
        return _set(m, "org", False)
    if is_acronym(text) or low.endswith((".com", ".org", ".net")):
        return _set(m, "org", False)
    if m.hint:
        return
    if e - s == 1 and n1 and lex.has("subject_verbs", n1):
        return _set(m, "actor", False)  # "Ostervik claims ...": it acts, whatever it is (a vote against "product")
    # an untyped multiword name is a person's only when it opens with a given name; the
    # cluster decides the rest from all its mentions (see merge.finish_cluster)
    if 2 <= e - s <= 4 and lex.is_given_name(toks[0].text) and all(
            t.is_alpha or t.text in ("-", "'", "’") or _INITIAL.match(t.text) or _ELIDED.match(t.text) for t in toks):
        return _set(m, "person", False)
    m.hint = None
