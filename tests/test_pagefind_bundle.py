"""Pagefind bundles in canonical order (generator/mkdocs_plugin/pagefind_bundle.py), on bundles
Pagefind writes for hand-made pages: names by Pagefind's content hash, filters sorted, every
reference updated, and a damaged file named in one line."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from generator.mkdocs_plugin.pagefind_bundle import SIGNATURE, BundleFormatError, canonicalise, full_hash
from generator.mkdocs_plugin.search_index import SearchIndexError, build_search_index

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<article data-pagefind-body><h1>{title}</h1><p>{text}</p>{filters}</article></body></html>"""
TOPICS = ["tides", "bridges", "orchards", "elections", "rail", "libraries"]


def pagefind_bundle(tmp_path: Path) -> Path:
    """A bundle straight from Pagefind (not canonicalised) of four pages with two filters."""
    site = tmp_path / "site"
    for n, slug in enumerate(("quay", "mill", "ferry", "kiln")):
        filters = "".join(f'<span data-pagefind-filter="topic">{t}</span>' for t in TOPICS[n:n + 3])
        filters += f'<span data-pagefind-filter="region">{("north", "south")[n % 2]}</span>'
        path = site / "news" / slug / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=f"The {slug}", text=f"Notes on the {slug}.", filters=filters), encoding="utf-8")
    out = tmp_path / "bundle"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent"],
                   check=True)
    return out


def decoded(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE)
    return cbor2.loads(data[len(SIGNATURE):])


def test_content_hashes_are_computed_as_pagefind_names_its_files(tmp_path):
    bundle = pagefind_bundle(tmp_path)
    fragments = sorted(bundle.glob("fragment/*.pf_fragment"))
    assert len(fragments) == 4
    for fragment in fragments:  # Pagefind names a fragment by the hash of its JSON
        text = gzip.decompress(fragment.read_bytes())[len(SIGNATURE):]
        assert fragment.stem == "en_" + full_hash(text)[:7]


def test_canonical_bundle_has_sorted_filters_under_their_own_hashes(tmp_path):
    bundle = pagefind_bundle(tmp_path)
    untouched = {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*")
                 if p.is_file() and p.suffix not in (".pf_filter", ".pf_meta", ".json")}
    canonicalise(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_hash = entry["languages"]["en"]["hash"]
    [meta_file] = bundle.glob("*.pf_meta")
    assert meta_file.name == f"pagefind.{meta_hash}.pf_meta"
    payload = gzip.decompress(meta_file.read_bytes())[len(SIGNATURE):]
    assert meta_hash == "en_" + full_hash(payload)[:10]
    meta = decoded(meta_file)
    assert [name for name, _ in meta[3]] == ["region", "topic"]
    assert sorted(p.stem for p in bundle.glob("filter/*.pf_filter")) == sorted(h for _, h in meta[3])
    for name, file_hash in meta[3]:
        index = decoded(bundle / "filter" / f"{file_hash}.pf_filter")
        assert index[0] == name
        values = [value for value, _ in index[1]]
        assert values == sorted(values)
    topics = dict(decoded(bundle / "filter" / f"{dict(meta[3])['topic']}.pf_filter")[1])
    assert set(topics) == set(TOPICS) and len(topics["orchards"]) == 3
    # Fragments, word index and scripts are left as Pagefind wrote them.
    assert {p: (bundle / p).read_bytes() for p in untouched} == untouched


def test_a_damaged_filter_file_is_named_in_one_line(tmp_path):
    bundle = pagefind_bundle(tmp_path)
    damaged = sorted(bundle.glob("filter/*.pf_filter"))[0]
    damaged.write_bytes(b"not gzip")
    with pytest.raises(BundleFormatError, match=rf"{damaged.name}: not a gzipped Pagefind file"):
        canonicalise(bundle)


def test_a_bundle_that_cannot_be_read_fails_the_shard_with_its_name(tmp_path, monkeypatch):
    import generator.mkdocs_plugin.search_index as search_index

    site = tmp_path / "site"
    path = site / "briefings" / "2020" / "01" / "quay" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_text(PAGE.format(title="Quay", text="Notes.", filters=""), encoding="utf-8")

    def garbled(bundle):
        (bundle / "pagefind-entry.json").write_text("{", encoding="utf-8")
        return canonicalise(bundle)

    monkeypatch.setattr(search_index, "canonicalise", garbled)
    with pytest.raises(SearchIndexError, match=r"of 2020 failed: .*pagefind-entry.json: not a Pagefind entry file"):
        build_search_index(site, "briefings", tmp_path / "cache", [])
    assert not (tmp_path / "cache" / "2020" / "bundle.new").exists()
