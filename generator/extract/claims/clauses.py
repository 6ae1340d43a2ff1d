"""Clause-level pieces of attribution, without a parser: where a cue's clause ends, whose
clause it is ("with X stating", "X, who told …", "X said … and added …"), what a stance verb
takes ("rejected claims that P"), who owns a nominal cue ("his claim that") or a document
("issued a statement saying")."""
from __future__ import annotations

from spacy.tokens import Doc

from generator.extract.claims.lexicon import (
    ADVERBS, CUE_CLASS, DETERMINERS, OBJECT_VERBS, PROPOSITION_NOUNS, SOURCE_NOUNS,
)
from generator.extract.claims.speakers import (
    Ref, find_subject, name_ref, run_back, sentence_subject, span_text,
)

_END_PUNCT = {".", ",", ";", ":", "!", "?", "…", "-", "—", "–"}
def _coordinated_cue(doc: Doc, k: int, se: int) -> bool:
    """A reporting verb right after "and"/"but" (adverbs allowed: "and also warned that")."""
    while k < se and doc[k].lower_ in ADVERBS:
        k += 1
    if k >= se:
        return False
    cls = CUE_CLASS.get(doc[k].lower_)
    nxt = doc[k + 1].lower_ if k + 1 < se else ""
    if cls in ("study", "that", "stance") and nxt != "that" and not (cls == "stance" and nxt in PROPOSITION_NOUNS):
        return False  # "checked the goal and found no infringement", "uncertainty and fear": one clause
    if cls == "to" and nxt not in ("to", "on", "upon") and doc[k].lower_ not in OBJECT_VERBS:
        return False
    if cls == "quote":
        return False
    return bool(cls) and not doc[k].lower_.endswith("ing") and not doc[k].text[:1].isupper()


def _with_subject(doc: Doc, ss: int, prev: int) -> Ref | None:
    """", with X stating: ..." / "with officials saying ...": the participle's own subject."""
    if prev < ss:
        return None
    r = run_back(doc, ss, prev + 1)
    if r:
        s = r[0] - 1 if r[0] - 1 >= ss and doc[r[0] - 1].lower_ == "the" else r[0]
        if s - 1 >= ss and doc[s - 1].lower_ == "with":
            return name_ref(doc, *r)
        return None
    k = prev
    while k > ss and k > prev - 5 and doc[k].is_alpha and doc[k].lower_ != "with":
        k -= 1
    if doc[k].lower_ == "with" and k < prev and doc[prev].lower_ in SOURCE_NOUNS:
        return Ref("desc", span_text(doc, k + 1, prev + 1), k + 1, prev + 1)
    return None


def _proposition(doc: Doc, p: int, se: int, stance: str | None) -> int | None:
    """Start of the proposition after a stance verb: "denied that P", "questioned whether P",
    "rejected (the) claims that P", "dismissed as false reports that P". None if there is none."""
    if p < se and doc[p].lower_ in ("whether", "if") and stance == "disputed":
        return p + 1
    for k in range(p, min(se - 1, p + 7)):
        t = doc[k]
        if t.text in _END_PUNCT and t.text != "-":
            return None
        if t.lower_ in PROPOSITION_NOUNS and doc[k + 1].lower_ == "that":
            return k + 2
    return None


_POSS_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}


def _owner(doc: Doc, ss: int, i: int) -> Ref | None:
    """The owner of a nominal cue at token i: "X's denial that", "his claim that"."""
    k = i - 1
    while k > ss and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in _POSS_PRONOUNS and i - k < 3:
        k -= 1  # "her repeated claims that", "X's earlier denial that"
    if doc[k].lower_ in _POSS_PRONOUNS:
        return Ref("pron", _POSS_PRONOUNS[doc[k].lower_], k, k + 1)
    if doc[k].text in ("'s", "’s") and k - 1 >= ss:
        r = run_back(doc, ss, k)
        if r:
            return name_ref(doc, *r)
        j = k  # "the company's denial that": the described owner
        while j - 1 >= ss and doc[j - 1].is_alpha and doc[j - 1].is_lower and doc[j - 1].lower_ not in DETERMINERS and k - j < 4:
            j -= 1
        if j < k and j - 1 >= ss and doc[j - 1].lower_ in ("the", "this"):
            return Ref("nominal", span_text(doc, j, k), j, k)
    return None


def _issuer(doc: Doc, ss: int, noun: int) -> Ref | None:
    """Who issued the document at token ``noun`` ("The company released a statement saying"):
    the subject before the verb that governs "a statement"."""
    k = noun - 1
    while k > ss and noun - k <= 3 and doc[k].lower_ not in DETERMINERS:
        k -= 1
    if k > ss and doc[k].lower_ in DETERMINERS and doc[k - 1].is_alpha:
        ref = find_subject(doc, ss, k - 1)
        if ref is not None:
            return ref
    return sentence_subject(doc, ss, noun)
