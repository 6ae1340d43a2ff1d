"""Which language an article is written in, from its text alone.

py3langid ships its (small) model inside the wheel: nothing is downloaded. Its guess is
reliable on a few sentences; the first ``SAMPLE_CHARS`` characters of body text (five or
six sentences) are enough for a news article and keep the cost independent of its length
(the detector's time is linear in the text it is given: at 2,000 characters it was about
half of the time to read a saved page).
"""
from __future__ import annotations

import py3langid

from generator.readers.article import Paragraph

SAMPLE_CHARS = 1000
PIPELINE_LANGUAGE = "en"  # the extractors' rules and word lists are English-only


def detect_language(paragraphs: list[Paragraph]) -> str:
    """ISO 639-1 code of the body text (headings left out: they are short and often names)."""
    sample, size = [], 0
    for p in paragraphs:
        if p.heading:
            continue
        sample.append(p.text)
        size += len(p.text) + 1
        if size >= SAMPLE_CHARS:
            break
    code, _ = py3langid.classify(" ".join(sample)[:SAMPLE_CHARS])
    return code


def language_name(code: str) -> str:
    """'de' -> 'German' for messages (the code itself when unknown)."""
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code)
    except (ImportError, KeyError, LookupError):
        found = None
    return found.name if found is not None else code
