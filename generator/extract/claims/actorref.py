"""Speakers linked to the article's actors, in time linear in the article.

The actors component gives ``doc._.actors`` and ``doc._.actor_mentions``. Claims ask two
things of them, once per speaker phrase: which actor a token span was tagged as, and which
actor a surface string names. Both are answered from indexes built once per Doc (token ->
actor, normalised name or alias -> actor), so a long article costs no more per claim than a
short one. ``resolve_actor`` (the actors package's own, fuller lookup) is asked only when
the index has no answer, once per distinct string, and not at all on articles with very
many actors, where each of its calls would scan them all.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

# Beyond this many actors the fuller lookup (a scan of all actors per call) is skipped.
FULL_LOOKUP_MAX_ACTORS = 300

_THE = re.compile(r"^the\s+")
_POSS = re.compile(r"['’]s?$")


def norm(text: str) -> str:
    """Lookup key: lower case, straight quotes, no leading "the" or trailing possessive,
    hyphens and full stops dropped ("The U.S.-based" -> "us based")."""
    text = text.replace("’", "'").lower().strip()
    text = _POSS.sub("", _THE.sub("", text))
    return " ".join(text.replace("-", " ").replace(".", "").split())


def _resolve_fn():
    try:
        from generator.extract.actors import resolve_actor  # type: ignore[attr-defined]
        return resolve_actor
    except Exception:  # the actors component may not offer it (yet)
        return None


class ActorIndex:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.actors = list(getattr(doc._, "actors", None) or [])
        self.mentions = list(getattr(doc._, "actor_mentions", None) or []) if self.actors else []
        self.tok_actor: dict[int, int] = {}
        for s, e, idx in self.mentions:
            if 0 <= idx < len(self.actors):
                for k in range(s, e):
                    self.tok_actor.setdefault(k, idx)
        self.by_name: dict[str, object] = {}
        self._ambiguous: set[str] = set()
        for a in self.actors:
            for form in (a.name, *a.aliases):
                key = norm(form)
                if key and self.by_name.setdefault(key, a) is not a and self.by_name[key].name != a.name:
                    self._ambiguous.add(key)
        for key in self._ambiguous:
            del self.by_name[key]
        fn = _resolve_fn() if self.actors else None
        self._resolve = fn if len(self.actors) <= FULL_LOOKUP_MAX_ACTORS else None
        self._memo: dict[str, object] = {}

    def at(self, start: int, end: int):
        """The actor most of the tokens [start, end) were tagged as, or None."""
        counts: dict[int, int] = {}
        for k in range(start, end):
            idx = self.tok_actor.get(k)
            if idx is not None:
                counts[idx] = counts.get(idx, 0) + 1
        if not counts:
            return None
        best = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
        return self.actors[best]

    def named(self, text: str | None):
        """The actor a surface string names ("Biden", "the White House"), or None."""
        if not text or not self.actors:
            return None
        key = norm(text)
        if key in self.by_name:
            return self.by_name[key]
        if self._resolve is None:
            return None
        if key not in self._memo:
            try:
                self._memo[key] = self._resolve(self.doc, text)
            except Exception:
                self._memo[key] = None
        return self._memo[key]
