"""Phrases that name where a statement came from: "according to X", "per X" (the noun
phrase after them) and a channel before the reported clause ("in a statement", "to LA Weekly")."""
from __future__ import annotations

from spacy.tokens import Doc

from generator.extract.claims.lexicon import ANAPHOR_CLASS, is_outlet
from generator.extract.claims.speakers import Ref, name_ref, np_forward, run_back, run_fwd, span_text

_MARKS = {'"', "“", "”", "„", "«", "»", "‘", "’", "'"}
_CHANNEL = {"statement", "interview", "speech", "address", "post", "tweet", "letter", "briefing",
            "conference", "release", "email", "message", "note", "remarks", "broadcast", "video", "op-ed",
            "column", "report", "filing", "appearance"}


def _channel_pp(doc: Doc, p: int, se: int) -> tuple[int, str | None] | None:
    """A prepositional phrase before the clause: "in a statement", "to LA Weekly", "in an interview
    with the BBC". Returns the position after it and an outlet it names, or None."""
    if p >= se or doc[p].lower_ not in ("in", "at", "during", "on", "via", "to", "with", "through"):
        return None
    k = p + 1
    while k < se and k - p <= 10 and doc[k].lower_ != "that" and doc[k].text not in (",", ";", ":", ".") \
            and doc[k].text not in _MARKS:
        k += 1
    phrase = [doc[i] for i in range(p, k)]
    channel = any(w.lower_ in _CHANNEL for w in phrase) or doc[p].lower_ in ("to", "via")
    outlet = None
    for i in range(p + 1, k):
        if doc[i].text[:1].isupper():
            r = run_fwd(doc, i, k)
            if r and is_outlet(span_text(doc, *r) + (" " + doc[r[1]].text if r[1] < k else "")):
                outlet = span_text(doc, *r)
            break
    if k < se and doc[k].lower_ == "that" and (channel or outlet):
        return k, outlet
    if k < se and doc[k].text == "," and (channel or outlet):
        return k + 1, outlet
    if doc[p].lower_ in ("to",) and outlet and k < se:
        return k, outlet
    return None


def _np_ref(doc: Doc, lo: int, hi: int) -> tuple[Ref | None, int]:
    """Noun phrase after "according to" / "per" / "quoting": up to a comma outside brackets."""
    k, depth = lo, 0
    while k < hi:
        t = doc[k].text
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (t in (",", ";", ".", ":") or doc[k].lower_ == "quoting"):
            break
        k += 1
    end = k
    j = end
    while j > lo and doc[j - 1].text in (")", "."):  # drop "(KCNA)"
        if doc[j - 1].text == ")":
            while j > lo and doc[j - 1].text != "(":
                j -= 1
        j -= 1
    if j <= lo:
        return None, end
    s0 = lo + 1 if doc[lo].lower_ == "the" else lo
    if s0 > lo and j - s0 <= 3 and doc[j - 1].lower_ in ANAPHOR_CLASS and all(doc[k].is_lower for k in range(s0, j)):
        return Ref("nominal", span_text(doc, s0, j), s0, j), end  # "according to the newspaper"
    if doc[j - 1].text[:1].isupper():
        r = run_back(doc, lo, j)
        if r:
            return name_ref(doc, *r), end
    return np_forward(doc, s0, j) or Ref("desc", span_text(doc, s0, j), s0, j), end
