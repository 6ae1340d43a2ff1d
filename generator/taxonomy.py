"""The topic taxonomy (top level of the IPTC Media Topics), read once from
``generator/resources/topics_iptc.yaml``. Kept free of spaCy so the site can read topic
labels without loading the NLP stack."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

TAXONOMY_FILE = "topics_iptc.yaml"


@lru_cache(maxsize=1)
def taxonomy_terms() -> tuple[dict, ...]:
    text = resources.files("generator.resources").joinpath(TAXONOMY_FILE).read_text("utf-8")
    topics = yaml.safe_load(text)["topics"]
    return tuple(
        {"id": t["id"], "label": t["label"], "iptc": t["iptc"],
         "terms": tuple(str(term).strip().lower() for term in t["terms"])}
        for t in topics
    )


def load_taxonomy() -> list[dict]:
    """The topics (id, label, iptc) in taxonomy order, for the site; the file is read once."""
    return [{"id": t["id"], "label": t["label"], "iptc": t["iptc"]} for t in taxonomy_terms()]


@lru_cache(maxsize=1)
def topic_ids() -> frozenset[str]:
    """The ids a briefing's ``topics`` may hold (``briefings check`` and the site enforce it:
    a topic names a folder of the site, so only these ever do)."""
    return frozenset(t["id"] for t in taxonomy_terms())


def unknown_topic_message(topic: object) -> str:
    shown = repr(topic if not isinstance(topic, str) or len(topic) <= 40 else topic[:39] + "…")
    return f"{shown} is not a topic of the taxonomy (one of {', '.join(sorted(topic_ids()))})"
