"""Over every briefing of the samples, the dev set and the seed: no timeline event ends inside a
quotation or a name, and every title is a headline (<= 90 characters, ending at a whole word)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.pipeline import generate
from tests.conftest import SAMPLES, SEED, SHARED

DEV = SHARED / "eval-dev" / "articles"
_ENDS_NO_TITLE = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "at", "by", "from"}


@pytest.fixture(scope="module")
def briefings(tmp_path_factory) -> list[tuple[dict, str]]:
    inputs = [SAMPLES] + [p for p in (DEV, SEED.parent) if p.exists()]
    out = tmp_path_factory.mktemp("quality")
    assert generate(inputs, out).ok
    found = []
    for path in sorted((out / "briefings").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        source = front["source"]["path"] if isinstance(front["source"], dict) else front["source"]
        article = next(Path(p) for p in [Path(source), *(d / Path(source).name for d in inputs)] if Path(p).exists())
        found.append((front, article.read_text(encoding="utf-8")))
    assert len(found) >= 10
    return found


def _ends_inside_a_name(event: str, article: str) -> bool:
    words = event.split()
    if not words[-1][:1].isupper() or not words[-1][-1].isalnum():
        return False
    tail = r"\s+".join(re.escape(w) for w in words[-3:])
    for m in re.finditer(tail + r"\s+(\S+)", article):
        if m.group(1)[:1].isupper():
            return True
    return False


def test_no_event_ends_inside_a_quotation_or_a_name(briefings):
    bad = []
    for front, article in briefings:
        for item in (front.get("timeline") or []) + (front.get("periods") or []):
            event = item.get("event")
            if not event:
                continue
            if (event.count('"') + event.count("“") + event.count("”")) % 2 or _ends_inside_a_name(event, article):
                bad.append(event)
    assert not bad, bad


def test_every_title_is_a_headline_ending_at_a_whole_word(briefings):
    bad = []
    for front, article in briefings:
        title = front["title"]
        last = title.split()[-1].strip("\"'“”’,.")
        whole = re.search(rf"(?<!\w){re.escape(last)}(?!\w)", article)
        if len(title) > 90 or title.endswith("…") or last.lower() in _ENDS_NO_TITLE or not whole:
            bad.append(title)
    assert not bad, bad


# "once before," / "never before," are adverbs, not a date's leftover preposition.
_DANGLING = re.compile(r"(?<!once )(?<!ever )(?<!never )\b(?:before|after|by|on|in|at|since|until|from|during|within|"
                       r"ahead of)(?:,|$)", re.I)


def test_no_event_keeps_the_preposition_of_the_date_taken_out_of_it(briefings):
    """The date phrase is the entry's own ``text``: its preposition goes with it ("could come
    before the end of the year" -> "could come", not "could come before,")."""
    dangling = [entry["event"] for front, _ in briefings for entry in front.get("timeline") or []
                if _DANGLING.search(entry.get("event") or "")]
    assert dangling == []
