"""The disk cache of slow-to-build resources: built once, reused, rebuilt when its sources change."""
from __future__ import annotations

import importlib

from generator import cache

actors_lexicon = importlib.import_module("generator.extract.actors.lexicon")


def test_a_value_is_built_once_then_read_back_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_CACHE_DIR", str(tmp_path))
    builds = []
    first = cache.cached("thing", "k1", lambda: builds.append(1) or {"a": [1, 2]})
    second = cache.cached("thing", "k1", lambda: builds.append(1) or {"a": "stale"})
    assert first == second == {"a": [1, 2]} and builds == [1]


def test_a_new_key_rebuilds_and_replaces_the_old_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_CACHE_DIR", str(tmp_path))
    cache.cached("thing", "k1", lambda: 1)
    assert cache.cached("thing", "k2", lambda: 2) == 2
    assert [p.name for p in tmp_path.glob("thing-*.pickle")] == ["thing-k2.pickle"]


def test_a_damaged_entry_is_rebuilt_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k1.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", "k1", lambda: "fresh") == "fresh"
    assert cache.cached("thing", "k1", lambda: "again") == "fresh"


def test_an_empty_cache_dir_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_CACHE_DIR", "")
    assert cache.cache_dir() is None
    assert cache.cached("thing", "k1", lambda: 1) == 1
    assert cache.cached("thing", "k1", lambda: 2) == 2


def test_the_key_changes_with_the_files_that_shape_the_value(tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("a\n")
    before = cache.cache_key(packages=["pyyaml"], files=[source])
    source.write_text("b\n")
    assert cache.cache_key(packages=["pyyaml"], files=[source]) != before


def test_the_cached_lexicon_is_the_lexicon_built_from_scratch(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFINGS_CACHE_DIR", str(tmp_path))
    actors_lexicon.lexicon.cache_clear()
    try:
        actors_lexicon.lexicon()  # builds and stores
        actors_lexicon.lexicon.cache_clear()
        from_disk = actors_lexicon.lexicon()
        assert list(tmp_path.glob("actors-lexicon-*.pickle"))
        fresh = actors_lexicon._build_lexicon()
        assert from_disk == fresh
        kyiv = from_disk.place("Kiev")
        assert kyiv is from_disk.place("Kyiv")  # shared places stay shared through the pickle
    finally:
        actors_lexicon.lexicon.cache_clear()
