"""The site's search index: one Pagefind bundle per year of briefings, kept between builds.

``build_search_index`` runs after every page is written:

- each year of briefings (``site/<briefings_dir>/YYYY/``) is indexed by the Pagefind binary on
  its own (``--glob`` over that year's pages only), into ``site/pagefind/YYYY/``: Pagefind's
  memory follows the pages of one shard, not the archive, and a search downloads the chunks
  of the years it searches. A year of more than ``max_pages`` briefings is split into parts
  of whole consecutive months (``pagefind/YYYY-MM-MM/``) of at most ``max_pages``, and a
  month larger than that into parts of it (``pagefind/YYYY-MM.1/``, ...): Pagefind holds
  ~0.28 MB per page it indexes (measured), so no shard needs more than ``max_pages`` of it;
- every fresh bundle is made byte-identical for the same pages (``pagefind_bundle.py``:
  Pagefind 1.5.2 writes its filter files in an arbitrary order);
- a shard whose pages did not change since the last build is not indexed again: its bundle
  and a manifest (the sha256 of every page it indexed, Pagefind's version and arguments) are
  kept in a cache folder outside the site (MkDocs empties ``site_dir`` on every build), and
  the cached bundle is hard-linked (or copied) back into the site;
- ``pagefind/years.json`` lists the years, newest first, with their briefing counts and
  bundles (the search page's year choice reads it; a year's parts are merged in the
  browser), ``pagefind/names.json`` the actors a reader can go to by name (header field and
  search page), and Pagefind's UI script and stylesheet are copied to ``pagefind/`` from the
  newest bundle.

Only briefing pages are indexed: actor and listing pages are reached by navigation.
Nothing here imports MkDocs; the plugin passes paths and the name records.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.mkdocs_plugin.pagefind_bundle import BundleFormatError, canonicalise
from generator.writer import atomic_write

BUNDLE = "pagefind"  # the site folder holding every bundle and the search page's data
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
MANIFEST = "manifest.json"
CANONICAL = 1  # in every manifest: a bundle cached before canonical ordering is indexed again
_YEAR = re.compile(r"^\d{4}$")
_SHARD = re.compile(r"^\d{4}(-\d{2}){0,2}(\.\d+)?$")  # a shard's cache folder: YYYY, YYYY-MM, YYYY-MM-MM, YYYY-MM.N


class SearchIndexError(Exception):
    """Pagefind failed on a year's pages (the message says which and why)."""


@dataclass
class ShardResult:
    """What happened to one year's bundle in this build."""

    shard: str  # the bundle's folder under pagefind/: the year, or YYYY-MM-MM for a part of one
    year: str
    pages: int
    reindexed: bool
    changed_pages: int  # pages added, removed or changed since the cached bundle (all, when none was cached)
    seconds: float
    peak_rss_mb: float  # Pagefind's peak resident memory (0 when the cached bundle was reused)


def pagefind_version() -> str:
    """The pinned Pagefind's version (part of every manifest: a new Pagefind reindexes all)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


def year_pages(site_dir: Path, briefings_dir: str) -> dict[str, list[Path]]:
    """The built briefing pages of each year (``briefings/YYYY/**/*.html``), newest year
    first, each year's pages in path order."""
    root = site_dir / briefings_dir.strip("/")
    years = sorted((d.name for d in root.iterdir() if d.is_dir() and _YEAR.match(d.name)), reverse=True) \
        if root.is_dir() else []
    return {year: sorted((root / year).rglob("*.html")) for year in years}


def page_hashes(site_dir: Path, pages: list[Path]) -> dict[str, str]:
    """site-relative path -> sha256 of the page's bytes."""
    return {p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in pages}


@dataclass
class Shard:
    """One Pagefind bundle: a year's briefings, the briefings of some consecutive months of it,
    or one part of a month too large for one bundle (``part`` > 0)."""

    id: str
    year: str
    months: list[str]  # empty: the whole year
    pages: list[Path]
    part: int = 0  # 1, 2, ...: the month's pages in folder-name order, cut in parts; 0: whole months


def year_shards(year: str, pages: list[Path], max_pages: int) -> list[Shard]:
    """A year as one shard, or, past ``max_pages`` briefings, as parts of whole consecutive
    months, newest first, each as full as ``max_pages`` allows; a month larger than that is
    cut into the fewest parts of at most ``max_pages`` pages (``YYYY-MM.1``, ``YYYY-MM.2``, ...,
    of even size, by page folder name)."""
    if len(pages) <= max_pages:
        return [Shard(year, year, [], pages)]
    by_month: dict[str, list[Path]] = {}
    for page in pages:  # briefings/YYYY/MM/slug/index.html
        by_month.setdefault(page.parent.parent.name, []).append(page)
    if not all(re.fullmatch(r"\d{2}", month) for month in by_month):  # not the YYYY/MM/ layout
        return [Shard(year, year, [], pages)]
    shards: list[Shard] = []
    months: list[str] = []  # the whole months of the part being filled, newest first

    def close() -> None:
        if months:
            first, last = months[-1], months[0]
            name = f"{year}-{first}" + (f"-{last}" if last != first else "")
            shards.append(Shard(name, year, sorted(months), [p for m in sorted(months) for p in by_month[m]]))
            months.clear()

    for month in sorted(by_month, reverse=True):  # newest part first, as the years
        size = len(by_month[month])
        if size > max_pages:
            close()
            shards.extend(month_parts(year, month, by_month[month], max_pages))
            continue
        if months and sum(len(by_month[m]) for m in months) + size > max_pages:
            close()
        months.append(month)
    close()
    return shards


def month_parts(year: str, month: str, pages: list[Path], max_pages: int) -> list[Shard]:
    """A month of more than ``max_pages`` pages in the fewest parts of at most ``max_pages``,
    of even size, cut in the order of the pages' folder names: the same pages always give the
    same parts, and a part whose pages did not change is reused from the cache."""
    pages = sorted(pages, key=lambda page: page.parent.name)
    count = -(-len(pages) // max_pages)
    return [Shard(f"{year}-{month}.{n + 1}", year, [month],
                  pages[n * len(pages) // count:(n + 1) * len(pages) // count], n + 1)
            for n in range(count)]


def _pagefind_args(briefings_dir: str, shard: Shard) -> list[str]:
    months = shard.months
    within = "" if not months else (f"{months[0]}/" if len(months) == 1 else "{" + ",".join(months) + "}/")
    return ["--glob", f"{briefings_dir.strip('/')}/{shard.year}/{within}**/*.html", "--silent"]


def _stage_pages(site_dir: Path, pages: list[Path], staging: Path) -> None:
    """``staging`` becomes a site of ``pages`` only, at their paths in ``site_dir`` (hard
    links, or copies across file systems): Pagefind indexes a part of a month from it with
    the month's glob, and the pages keep their URLs. (A glob naming a few thousand page
    folders would pass the kernel's limit on the length of one argument.)"""
    shutil.rmtree(staging, ignore_errors=True)
    for page in pages:
        target = staging / page.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, target)
        except OSError:
            shutil.copy2(page, target)


def _run_pagefind(site_dir: Path, args: list[str], output: Path) -> float:
    """Run the Pagefind binary (through the ``pagefind`` package, which execs it); returns its
    peak RSS in MB. Raises SearchIndexError with Pagefind's first error line on failure."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), *args]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=err, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this one child: per-shard peak memory
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            lines = [line.strip() for line in err.read().decode("utf-8", "replace").splitlines() if line.strip()]
            errors = [line for line in lines if "error" in line.lower()]  # not its closing "try --help"
            raise SearchIndexError((errors or lines or [f"exit code {proc.returncode}"])[0])
    return usage.ru_maxrss / 1024


def _read_manifest(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data) -> None:
    """Written atomically (no fsync: a cache, or a file of a site rebuilt from its inputs), keys
    sorted: the same data gives the same bytes."""
    atomic_write(path, json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), durable=False)


def _link_tree(src: Path, dst: Path) -> None:
    """``dst`` becomes a copy of ``src``, by hard links where the file system allows (no bytes
    copied; nothing writes into a built bundle's files, they are only replaced whole). What
    ``dst`` held before (a site folder not emptied since the last build) goes first."""
    shutil.rmtree(dst, ignore_errors=True)
    for path in sorted(src.rglob("*")):
        target = dst / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def index_shard(site_dir: Path, briefings_dir: str, shard: Shard, cache: Path) -> ShardResult:
    """One shard's bundle in the site: the cached one when the manifest matches the pages now
    built, else a fresh one from Pagefind (stored in the cache, then linked into the site)."""
    started = time.perf_counter()
    hashes = page_hashes(site_dir, shard.pages)
    args = _pagefind_args(briefings_dir, shard)
    manifest = {"pagefind": pagefind_version(), "args": args, "pages": hashes, "canonical": CANONICAL}
    cached = cache / shard.id
    old = _read_manifest(cached / MANIFEST)
    bundle = cached / "bundle"
    peak = 0.0
    reuse = old == manifest and bundle.is_dir()
    if not reuse:
        fresh = cached / "bundle.new"
        shutil.rmtree(fresh, ignore_errors=True)
        cached.mkdir(parents=True, exist_ok=True)
        staging = cached / "pages"
        try:
            if shard.part:
                _stage_pages(site_dir, shard.pages, staging)
            peak = _run_pagefind(staging if shard.part else site_dir, args, fresh)
            canonicalise(fresh)  # the same pages give the same bytes (pagefind_bundle.py)
        except (SearchIndexError, BundleFormatError) as err:
            shutil.rmtree(fresh, ignore_errors=True)
            raise SearchIndexError(f"search indexing (pagefind) of {shard.id} failed: {err}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        (cached / MANIFEST).unlink(missing_ok=True)  # no manifest names a bundle being replaced
        shutil.rmtree(bundle, ignore_errors=True)
        os.replace(fresh, bundle)
        _write_json(cached / MANIFEST, manifest)
    _link_tree(bundle, site_dir / BUNDLE / shard.id)
    before = (old or {}).get("pages") or {}
    changed = sum(before.get(p) != h for p, h in hashes.items()) + sum(p not in hashes for p in before)
    return ShardResult(shard.id, shard.year, len(shard.pages), not reuse, changed, time.perf_counter() - started, peak)


def build_search_index(site_dir: Path, briefings_dir: str, cache: Path, names: list[list],
                       max_pages: int = 4000) -> list[ShardResult]:
    """Index every year of briefings (reusing unchanged shards' bundles from ``cache``; a year
    of more than ``max_pages`` briefings in parts), then write ``pagefind/years.json``,
    ``pagefind/names.json`` and the UI files. Shards no build makes any more leave the cache."""
    site_dir = Path(site_dir)
    shards = [shard for year, pages in year_pages(site_dir, briefings_dir).items()
              for shard in year_shards(year, pages, max(1, max_pages))]
    results = [index_shard(site_dir, briefings_dir, shard, cache) for shard in shards]
    if cache.is_dir():
        current = {shard.id for shard in shards}
        for stale in cache.iterdir():
            if stale.is_dir() and _SHARD.match(stale.name) and stale.name not in current:
                shutil.rmtree(stale, ignore_errors=True)
    out = site_dir / BUNDLE
    out.mkdir(parents=True, exist_ok=True)
    if results:  # the UI is the same in every bundle of one Pagefind: take the newest shard's
        for name in UI_FILES:
            shutil.copy2(out / results[0].shard / name, out / name)
    _write_json(out / "years.json", years_data(results))
    _write_json(out / "names.json", names)
    return results


def years_data(results: list[ShardResult]) -> dict:
    """What the search page needs to offer every year: newest first, briefings per year and
    the year's bundle folders (relative to ``pagefind/``; more than one for a year in parts)."""
    years: dict[str, dict] = {}
    for r in results:
        year = years.setdefault(r.year, {"year": r.year, "count": 0, "bundles": []})
        year["count"] += r.pages
        year["bundles"].append(f"{r.shard}/")
    return {"years": list(years.values())}


def name_records(actors, limit: int) -> list[list]:
    """The name index: ``[name, [aliases], url, type, briefings]`` for the ``limit`` actors in
    most briefings (``actors`` in that order already), so its size is bounded however large
    the archive grows."""
    return [[a.name, sorted(set(a.aliases) - {a.name}), a.url, a.type, len(a.entries)] for a in list(actors)[:limit]]
