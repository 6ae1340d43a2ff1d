"""A claim as a reader's sentence: speaker + reporting verb + what was said, in the stance
the claim carries ("White House denied that …", "Biden said that …", "… , according to
NY Post"). Pure text work on the claim's fields; templates link the speaker and escape.

A sentence is a list of parts, ``("text", str)`` or ``("speaker", str)``, so a template can
turn the speaker into a link without this module knowing about markup.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from markupsafe import Markup, escape

# Irregular reporting verbs: any form as written -> simple past.
_IRREGULAR = {
    "say": "said", "says": "said", "saying": "said", "said": "said",
    "tell": "told", "tells": "told", "telling": "told", "told": "told",
    "write": "wrote", "writes": "wrote", "writing": "wrote", "wrote": "wrote",
    "think": "thought", "thinks": "thought", "thinking": "thought",
    "speak": "spoke", "speaks": "spoke", "speaking": "spoke",
    "tweet": "tweeted", "tweets": "tweeted", "tweeting": "tweeted",
}
# Reporting nouns ("in a denial", "a statement") -> the verb a sentence uses.
_NOUN_VERBS = {
    "denial": "denied", "statement": "stated", "announcement": "announced", "claim": "claimed",
    "warning": "warned", "assertion": "asserted", "accusation": "accused", "admission": "admitted",
    "insistence": "insisted", "promise": "promised", "pledge": "pledged", "report": "reported",
    "estimate": "estimated", "confirmation": "confirmed", "suggestion": "suggested",
    "prediction": "predicted", "remark": "remarked", "comment": "commented", "assurance": "assured",
    "allegation": "alleged", "explanation": "explained", "threat": "threatened",
}
# Verbs that need a listener ("told reporters that"): bare, they read as "said".
_NEEDS_OBJECT = {"told", "informed", "reminded"}
# Cues that name the speaker as a source rather than a speaker: "According to X, …".
_SOURCE_CUES = {"according to", "per", "as per", "citing", "cited by", "reportedly"}
_DENIAL_VERBS = {"denied", "rejected", "dismissed", "refuted", "rebuffed", "disputed", "contested", "repudiated"}


class Part(NamedTuple):
    kind: str  # "text" or "speaker"
    value: str


def past_tense(word: str) -> str:
    """Simple past of a reporting verb as written ("stressing" -> "stressed", "warns" ->
    "warned", "denies" -> "denied"); a reporting noun gives its verb ("denial" -> "denied")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _NOUN_VERBS:
        return _NOUN_VERBS[w]
    if w.endswith("ed"):
        return w
    if w.endswith("ing") and len(w) > 5:
        base = w[:-3]
    elif w.endswith("s") and not w.endswith("ss"):
        base = w[:-1]
    else:
        base = w
    if base.endswith("e"):
        return base + "d"
    if len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _verb(cue: str | None) -> str:
    """The verb phrase of a sentence from a claim's cue: its first word in the past, the rest
    kept ("told reporters")."""
    words = (cue or "said").split()
    verb = past_tense(words[0])
    if len(words) == 1 and verb in _NEEDS_OBJECT:
        return "said"
    return " ".join([verb, *words[1:]])


_TRAILING_PUNCTUATION = re.compile(r"[,;:]+(?=[\"”’']?$)")
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?$")


def _tidy(text: str) -> tuple[str, str]:
    """(the claim's text as the body of a sentence, the full stop it still needs): trailing
    commas dropped (also one left just inside a closing quote mark); no full stop when the
    text ends a sentence already."""
    text = _TRAILING_PUNCTUATION.sub("", text.strip()).rstrip(",;: ")
    return text, "" if _SENTENCE_END.search(text) else "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def claim_sentence(speaker: str | None, text: str, kind: str = "attribution", cue: str | None = None,
                   via: str | None = None, stance: str = "asserted") -> list[Part]:
    """The claim as one sentence of parts (see the module docstring)."""
    said, stop = _tidy(text)
    if kind == "quote":
        said = f"“{said.strip(chr(34) + '“”')}”"  # the quote's own closing punctuation stays inside
    elif said.lower().startswith("that "):
        said = said[5:]
    cue_text = (cue or "").strip()
    relay = via if via and via != speaker else None
    end = Part("text", f", according to {relay}." if relay else stop)
    if speaker is None and via and not relay:
        speaker, cue_text = via, "according to"  # relayed by an outlet, no one else named
    if speaker is None:
        return [Part("text", f"Unattributed: {said}"), end]
    if cue_text.lower() in _SOURCE_CUES and stance == "asserted":
        if relay:  # "According to X, …, according to Y" reads badly: say who relayed it first
            return [Part("text", f"According to {relay}, citing "), Part("speaker", speaker),
                    Part("text", f", {said}{stop}")]
        return [Part("text", "According to "), Part("speaker", speaker), Part("text", f", {said}"), end]
    who = Part("speaker", _capital(speaker))
    if stance == "denied":
        verb = _verb(cue_text)
        verb = verb if verb.split()[0] in _DENIAL_VERBS else "denied"
        return [who, Part("text", f" {verb} that {said}"), end]
    if stance == "disputed":
        return [who, Part("text", f" disputed that {said}"), end]
    verb = _verb(cue_text)
    if kind == "quote":
        return [who, Part("text", f" {verb}: {said}"), end]
    return [who, Part("text", f" {verb} that {said}"), end]


# -- as HTML -----------------------------------------------------------------------------------
# Called for every actor name and claim on tens of thousands of pages: a Jinja macro imported
# with its context costs ~0.3 ms per page just to import, so these two pieces are made here.

def actor_link_html(name: str, href: str | None) -> Markup:
    """An actor's name, as a link to its page when it has one."""
    return Markup(f'<a href="{escape(href)}">{escape(name)}</a>') if href else escape(name)


def claim_html(claim, link) -> Markup:
    """A claim as an HTML sentence; ``link(name, lookup)`` gives an actor's name as HTML,
    linked to the page of ``lookup`` (else of ``name``) when there is one (``actor_link_html``)."""
    parts = claim_sentence(claim.speaker, claim.text, claim.kind, claim.cue, claim.via, claim.stance or "asserted")
    html = []
    for part in parts:
        if part.kind == "speaker":
            # The claim's own speaker, described ("a White House spokesperson"), links to the
            # actor it belongs to; any other name shown (a relaying outlet) to its own page.
            own = claim.speaker and part.value.lower() == claim.speaker.lower()
            html.append(f'<span class="bx-speaker">{link(part.value, claim.speaker_actor if own else None)}</span>')
        else:
            html.append(str(escape(part.value)))
    return Markup("".join(html))
