"""headline, language, source.url and source.authors: written only when known, validated,
and merged with editors' edits like every other field."""
from __future__ import annotations

import copy
import datetime as dt

import pytest
from pydantic import ValidationError

from generator.merge import merge_briefing
from generator.model import Briefing, Source


def briefing(**fields) -> Briefing:
    values = dict(title="Bridge reopens", date=dt.date(2025, 5, 10),
                  source=Source(path="in/a.html", sha256="0" * 64))
    values.update(fields)
    return Briefing(**values)


def machine() -> dict:
    return briefing(headline="Eastholm footbridge opens", language="en",
                    source=Source(path="in/a.html", sha256="0" * 64, outlet="Eastholm Echo",
                                  url="https://eastholm.example/bridge", authors=["Lise Brandt"])).front_matter()


def test_a_briefing_without_source_metadata_writes_none_of_the_new_keys():
    data = briefing().front_matter()
    assert "headline" not in data and "language" not in data
    assert set(data["source"]) == {"path", "sha256"}


def test_known_source_metadata_is_written_in_a_stable_key_order():
    data = machine()
    assert list(data)[:5] == ["title", "headline", "date", "language", "source"]
    assert list(data["source"]) == ["path", "sha256", "outlet", "url", "authors"]


def test_a_language_that_is_not_a_two_letter_code_is_rejected():
    with pytest.raises(ValidationError, match="language"):
        briefing(language="English")


def test_an_editors_headline_is_kept_when_the_machine_headline_changes_and_the_conflict_is_reported():
    base = machine()
    editor = copy.deepcopy(base)
    editor["headline"] = "Footbridge opens in Eastholm"
    new = copy.deepcopy(base)
    new["headline"] = "Eastholm's new footbridge opens"
    result = merge_briefing(base, editor, new)
    assert result.front_matter["headline"] == "Footbridge opens in Eastholm"
    assert [c.field for c in result.conflicts] == ["headline"]


def test_an_untouched_headline_and_url_follow_the_machine():
    base = machine()
    new = copy.deepcopy(base)
    new["headline"] = "Eastholm's new footbridge opens"
    new["source"]["url"] = "https://eastholm.example/bridge-opens"
    result = merge_briefing(base, copy.deepcopy(base), new)
    assert result.front_matter["headline"] == "Eastholm's new footbridge opens"
    assert result.front_matter["source"]["url"] == "https://eastholm.example/bridge-opens"
    assert result.conflicts == []


def test_an_author_an_editor_added_stays_and_one_the_machine_adds_comes_in():
    base = machine()
    editor = copy.deepcopy(base)
    editor["source"]["authors"].append("Ana Lopes")
    new = copy.deepcopy(base)
    new["source"]["authors"].append("Ben Ortiz")
    merged = merge_briefing(base, editor, new).front_matter
    assert sorted(merged["source"]["authors"]) == ["Ana Lopes", "Ben Ortiz", "Lise Brandt"]


def test_a_url_or_language_an_editor_deleted_stays_deleted():
    base = machine()
    editor = copy.deepcopy(base)
    del editor["source"]["url"]
    del editor["language"]
    merged = merge_briefing(base, editor, copy.deepcopy(base)).front_matter
    assert "url" not in merged["source"] and "language" not in merged
    Briefing.model_validate(merged)
