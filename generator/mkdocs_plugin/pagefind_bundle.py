"""Pagefind bundles made byte-identical for the same pages.

Pagefind 1.5.2 (the newest release) keeps a bundle's filters in hash maps whose iteration
order changes from run to run, so two runs over the same pages write:

- ``filter/<lang>_<hash>.pf_filter``: one filter's values in a different order (so different
  bytes and a different content-hash name);
- ``pagefind.<lang>_<hash>.pf_meta``: the list of filters (name -> filter file) in a different
  order, and the changed filter file names (so a different name of its own);
- ``pagefind-entry.json``: the meta file's hash.

Fragments, word index chunks and the scripts are already stable. Pagefind's own fix (sort the
filters and their values before encoding, upstream commit 0b56369, "completion of
deterministic output") is not in a release yet; ``canonicalise`` does the same after the run:
it sorts the filters by name and each filter's values by value, re-encodes the files the way
Pagefind writes them (the ``pagefind_dcd`` signature, then CBOR, gzipped) and names them by
content hash as Pagefind does (hex of the SHA-1, its bytes without zero padding; a short
prefix, longer on a collision), then updates every reference. The search script takes file
names from the meta and entry files and never checks a hash, so the bundle loads as before.
Once a Pagefind release sorts on its own, this finds everything in order and changes nothing
but the gzip stream of the filter and meta files.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# Positions in the CBOR arrays (Pagefind's index_metadata.rs / index_filter.rs field numbers).
META_FILTERS, META_SORTS = 3, 4
FILTER_VALUES = 1


class BundleFormatError(Exception):
    """A bundle file is not in the format this Pagefind writes (the message names it)."""


def full_hash(data: bytes) -> str:
    """Pagefind's content hash: the SHA-1's bytes in hex, each without a leading zero."""
    return "".join(format(b, "x") for b in hashlib.sha1(data).digest())


def _read(path: Path):
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as err:
        raise BundleFormatError(f"{path}: not a gzipped Pagefind file ({err})") from None
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: no Pagefind signature")
    try:
        return cbor2.loads(data[len(SIGNATURE):])
    except (cbor2.CBORDecodeError, ValueError) as err:
        raise BundleFormatError(f"{path}: not CBOR ({err})") from None


def _encode(obj) -> bytes:
    return cbor2.dumps(obj)


def _write(path: Path, payload: bytes) -> None:
    """A Pagefind file: signature + CBOR, gzipped with a fixed header (no time stamp)."""
    path.write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))


def canonicalise(bundle: Path) -> None:
    """Rewrite ``bundle``'s filter, meta and entry files in a canonical order (see the module
    docstring). Every one is written again, in order or not, so that the bytes never depend on
    the order Pagefind happened to write; the files replaced are removed. ``bundle`` is a
    folder Pagefind has just written, not yet in use (it is put in place whole afterwards)."""
    bundle = Path(bundle)
    entry_path = bundle / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BundleFormatError(f"{entry_path}: not a Pagefind entry file ({err})") from None
    for language in sorted(languages):
        info = languages[language]
        info["hash"] = _canonical_language(bundle, language, info["hash"])
    entry["languages"] = {language: languages[language] for language in sorted(languages)}
    # Pagefind's own layout of this file (serde_json: compact, non-ASCII as is).
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _canonical_language(bundle: Path, language: str, meta_hash: str) -> str:
    """One language's filters and meta file made canonical; returns the meta file's new hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    if not isinstance(meta, list) or len(meta) <= META_SORTS:
        raise BundleFormatError(f"{meta_path}: not a Pagefind meta index")
    short = len(language) + 8  # "<lang>_" + 7 hex digits, as Pagefind names a filter file
    read = []  # (name, old file, decoded index): all read before any is written
    for name, old_hash in sorted(meta[META_FILTERS], key=lambda f: f[0]):
        path = bundle / "filter" / f"{old_hash}.pf_filter"
        read.append((name, path, _read(path)))
    for _, path, _ in read:
        path.unlink()
    taken: set[str] = set()
    filters = []
    for name, _, index in read:
        index[FILTER_VALUES] = sorted(index[FILTER_VALUES], key=lambda value: value[0])
        payload = _encode(index)
        full = f"{language}_{full_hash(payload)}"
        new_hash = full[:short]
        while new_hash in taken and len(new_hash) < len(full):  # Pagefind's collision rule:
            new_hash = full[:len(new_hash) + 2]  # its slice end is inclusive, so two more
        taken.add(new_hash)
        _write(bundle / "filter" / f"{new_hash}.pf_filter", payload)
        filters.append([name, new_hash])
    meta[META_FILTERS] = filters
    meta[META_SORTS] = sorted(meta[META_SORTS], key=lambda s: s[0])
    payload = _encode(meta)
    meta_path.unlink()
    new_meta_hash = f"{language}_{full_hash(payload)[:len(language) + 8]}"
    _write(bundle / f"pagefind.{new_meta_hash}.pf_meta", payload)
    return new_meta_hash
