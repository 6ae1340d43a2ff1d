"""The archive at size: generation, site build, search in yearly shards, incremental rebuild.

    python benchmarks/bench_archive.py [--size 100000] [--workers 2] [--skip-dask] [--reuse DIR] [--keep DIR]

A benchmark, never a test (``--size 2000`` is a quick run). On a synthetic corpus
(benchmarks/corpus.py, dates spread over 2015-2025):

1. generation: words/s on the local pool and on Dask (a LocalCluster of ``--workers``
   single-threaded processes), each in a fresh interpreter, and whether both output trees are
   byte-identical (bench_dask.py's runs and bench_generate.py's tree comparison);
2. site build without search (``mkdocs build --strict``): time and peak RSS, against the
   Markdown floor (bench_site.py's);
3. search indexing, one Pagefind run per year as the plugin does it: time and peak RSS of each
   year's run and in total;
4. search download in Chromium (bench_site.py's browser): per query on a first visit and for a
   later query typed into the same page, for a recent-year query (the default: the newest
   year), an older year's, and an all-years query (every bundle merged);
5. incremental rebuild: a full build with search (no cache), then the newest 1% of the briefings
   (by date: edits to recent stories) get their body rewritten, and the build runs again with
   the search and page caches: its time against the full build's, which years were indexed
   again and how many pages were rendered again (the rest reused from the page cache).

``--skip-dask`` generates on the local pool only; ``--reuse DIR`` reruns steps 2-5 on the
project a ``--keep DIR`` run left (DIR/project/content), generating nothing;
``--generation-only`` stops after step 1 (with ``--keep``, for a later ``--reuse``).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_dask import run as run_generation  # noqa: E402
from benchmarks.bench_generate import compare_trees, machine_line, verdict  # noqa: E402
from benchmarks.bench_site import (CHROMIUM, QUERY_PART, dir_size, index_search, kb, make_project,  # noqa: E402
                                   markdown_floor, measure, pick_queries, search_visits, settle_io)
from benchmarks.corpus import count_words, make_corpus  # noqa: E402

ONE_YEAR_BUDGET = 500 * 1024  # bytes a one-year query may download on a first visit


def generation(size: int, work: Path, workers: int, batch: int, seed: int, dask: bool) -> Path:
    """Generate the corpus on the local pool (and on Dask); returns the local run's content folder."""
    corpus = work / "corpus"
    paths = make_corpus(size, corpus, seed)
    words = count_words(paths)
    print(f"corpus: {size:,} articles, {words:,} words")
    local = run_generation("local", corpus, work / "out-local", workers, batch)
    print(f"generation, local pool ({workers} processes): {local['seconds']:8.1f}s  {words / local['seconds']:9,.0f} words/s"
          f"  ({local['written']:,} written, {local['failed']} failed)")
    if dask:
        on_dask = run_generation("dask", corpus, work / "out-dask", workers, batch)
        print(f"generation, Dask (LocalCluster of {workers}): {on_dask['seconds']:8.1f}s  {words / on_dask['seconds']:9,.0f} words/s"
              f"  ({words / on_dask['run_seconds']:,.0f} with the cluster up; start-up {on_dask['startup_seconds']:.1f}s)"
              f"  = {local['seconds'] / on_dask['seconds']:.2f}x the local pool")
        identical, line = compare_trees(work / "out-local", work / "out-dask")
        print(f"same output on both: {line}  {verdict(identical)}")
        shutil.rmtree(work / "out-dask", ignore_errors=True)
    return work / "out-local"


def search_config(project: Path) -> Path:
    """``mkdocs-search.yml``: the project's config with search on, its cache and the page cache in the project."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("search_index: false", "search_index: true\n      search_cache: .search-cache\n"
                                                "      page_cache: .site-cache")
    path = project / "mkdocs-search.yml"
    path.write_text(text, encoding="utf-8")
    return path


def rewrite_newest(content: Path, share: float = 0.01) -> list[Path]:
    """Rewrite the body of the newest ``share`` of the briefings (paths are briefings/YYYY/MM/…,
    so the newest sort last): the article's first paragraph gets a sentence, as an editor's
    update to a recent story. Returns the files changed."""
    files = sorted((content / "briefings").rglob("*.md"))
    newest = files[-max(1, round(len(files) * share)):]
    for path in newest:
        front, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
        body = re.sub(r"\n\n", "\n\nUpdated: the figures were revised on Monday after a recount.\n\n", body, count=1)
        path.write_text(front + sep + body, encoding="utf-8")
    return newest


def years_of(files: list[Path], content: Path) -> list[str]:
    return sorted({f.relative_to(content / "briefings").parts[0] for f in files})


def search_download(site: Path, content: Path) -> list[dict]:
    """First-visit and later-query downloads for the newest year, the oldest and all years."""
    years = json.loads((site / "pagefind" / "years.json").read_text(encoding="utf-8"))["years"]
    queries = dict(pick_queries(content))
    first, later = queries.get("common name"), queries.get("topic word")
    visits = [("recent year", f"search/?q={first}&year={years[0]['year']}", [later]),
              (f"older year ({years[-1]['year']})", f"search/?q={first}&year={years[-1]['year']}", [later]),
              ("all years", f"search/?q={first}&year=all", [later])]
    print(f"search download (Chromium; first visit = fresh browser; later = '{later}' typed into the same page):")
    results = search_visits(site, visits)
    for r in results:
        fixed = sum(v for k, v in r["bytes"].items() if k not in QUERY_PART)
        query = sum(v for k, v in r["bytes"].items() if k in QUERY_PART)
        budget = ""
        if "first visit" in r["label"] and "all years" not in r["label"]:
            budget = f"  (one-year budget {kb(ONE_YEAR_BUDGET)}: {'MET' if fixed + query <= ONE_YEAR_BUDGET else 'MISSED'})"
        print(f"  {r['label']:<32} {r['word']!r:<38} {kb(fixed + query):>10} = fixed {kb(fixed)} + query {kb(query)}"
              f"  [{r['requests']} requests, {r['seconds']:.1f}s] {r['message']!r}{budget}")
    return results


def site_part(project: Path, work: Path, browser: bool) -> dict:
    content, site = project / "content", project / "site"
    briefings = len(list((content / "briefings").rglob("*.md")))
    print(f"\n== site: {briefings:,} briefings ==")
    print(f"I/O before each timed step: {settle_io(content)}")
    build = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"], project)
    settle_io(content)
    floor, pages, _ = markdown_floor(project)
    print(f"site build (no search):  {build['seconds']:8.1f}s  peak RSS {build['rss_mb']:6.0f} MB   "
          f"Markdown floor {floor:.1f}s: {build['seconds'] / floor:.1f}x")

    settle_io()
    index = index_search(site, work / "bench-search-cache")
    shutil.rmtree(work / "bench-search-cache", ignore_errors=True)
    print(f"search indexing, {len(index['shards'])} bundles one after the other: {index['seconds']:.1f}s, "
          f"largest peak RSS {index['rss_mb']:.0f} MB, bundles {dir_size(site / 'pagefind') / 1024 / 1024:.1f} MB")
    for s in index["shards"]:
        print(f"  {s.shard:<10} {s.pages:6,} briefings  {s.seconds:6.1f}s  peak RSS {s.peak_rss_mb:6.0f} MB  "
              f"bundle {dir_size(site / 'pagefind' / s.shard) / 1024 / 1024:5.1f} MB")
    figures = {"briefings": briefings, "build_s": build["seconds"], "build_rss_mb": build["rss_mb"], "floor_s": floor,
               "index_s": index["seconds"], "index_rss_mb": index["rss_mb"],
               "shards": [vars(s) for s in index["shards"]]}
    if browser and CHROMIUM.exists():
        figures["search"] = search_download(site, content)
    elif browser:
        print(f"search download: skipped ({CHROMIUM} missing)")

    # Incremental rebuild: a full build with search (no cache yet), 1% edited, the same build again.
    config = search_config(project)
    shutil.rmtree(project / ".search-cache", ignore_errors=True)
    shutil.rmtree(project / ".site-cache", ignore_errors=True)  # the page cache (made by the builds above)
    settle_io(content)
    full = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config.name], project)
    changed = rewrite_newest(content)
    settle_io(content)
    again = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config.name], project)
    full_index, _ = search_log(full["log"])
    again_index, reindexed = search_log(again["log"])
    print(f"incremental rebuild: the newest 1% of the briefings ({len(changed):,}, in {', '.join(years_of(changed, content))})"
          f" had their body rewritten")
    print(f"  full build with search, no cache: {full['seconds']:8.1f}s  (CPU {full['cpu_s']:6.1f}s; search index {full_index:6.1f}s)  peak RSS {full['rss_mb']:6.0f} MB")
    print(f"  rebuild after the edit, cache:    {again['seconds']:8.1f}s  (CPU {again['cpu_s']:6.1f}s; search index {again_index:6.1f}s)  peak RSS {again['rss_mb']:6.0f} MB")
    full_pages, again_pages = pages_log(full["log"]), pages_log(again["log"])
    print(f"  rebuild / full: {again['seconds'] / full['seconds']:.2f}x the build ({again['cpu_s'] / full['cpu_s']:.2f}x its CPU), "
          f"{again_index / max(full_index, 1e-9):.2f}x the search index ({reindexed}); pages rendered / reused "
          f"from the page cache: full build {full_pages[0]:,} / {full_pages[1]:,}, rebuild {again_pages[0]:,} / {again_pages[1]:,}")
    figures.update(full_s=full["seconds"], incremental_s=again["seconds"], full_index_s=full_index,
                   incremental_index_s=again_index, reindexed=reindexed, full_cpu_s=full["cpu_s"],
                   incremental_cpu_s=again["cpu_s"],
                   full_pages_rendered=full_pages[0], incremental_pages_rendered=again_pages[0],
                   incremental_pages_reused=again_pages[1])
    return figures


def pages_log(log: str) -> tuple[int, int]:
    """(pages rendered, pages reused from the page cache) from the plugin's "rendered …" line."""
    m = re.search(r"rendered (\d+) pages .*?reused (\d+) from the page cache", log)
    return (int(m.group(1)), int(m.group(2))) if m else (-1, -1)


def search_log(log: str) -> tuple[float, str]:
    """(seconds, what was indexed) from the plugin's "search index: …" line of a build's log."""
    for line in log.splitlines():
        if "search index:" in line:
            text = line.split("search index:", 1)[1].strip()
            seconds = re.search(r" in ([\d.]+) s$", text)
            return (float(seconds.group(1)) if seconds else float("nan")), text.rsplit(" in ", 1)[0]
    return float("nan"), "?"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="articles in the corpus (default 100000)")
    parser.add_argument("--workers", type=int, default=2, help="local processes and Dask workers (default 2)")
    parser.add_argument("--batch", type=int, default=200, help="articles per Dask task (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-dask", action="store_true", help="generate on the local pool only")
    parser.add_argument("--no-browser", action="store_true", help="skip the search download (Chromium)")
    parser.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temp folder")
    parser.add_argument("--reuse", type=Path, help="a --keep folder of an earlier run: site part only")
    parser.add_argument("--generation-only", action="store_true",
                        help="stop after step 1 (with --keep: the site part runs later with --reuse)")
    args = parser.parse_args(argv)
    work = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="briefings-bench-archive-"))
    work.mkdir(parents=True, exist_ok=True)
    project = work / "project"
    started = time.perf_counter()
    try:
        print(f"== archive benchmark: {'reusing ' + str(work) if args.reuse else f'{args.size:,} synthetic articles'} ==")
        print(machine_line())
        if args.reuse:
            if not (project / "content" / "briefings").is_dir():
                raise SystemExit(f"--reuse {work}: no project/content/briefings there (make one with --keep)")
            shutil.rmtree(project / "site", ignore_errors=True)
        else:
            out = generation(args.size, work, args.workers, args.batch, args.seed, not args.skip_dask)
            shutil.rmtree(project, ignore_errors=True)
            make_project(project)
            out.rename(project / "content")
            if args.generation_only:
                print(f"\n(generation only; benchmark wall time {time.perf_counter() - started:.0f}s)")
                return {}
        make_project(project)
        figures = site_part(project, work, not args.no_browser)
        print(f"\n(benchmark wall time {time.perf_counter() - started:.0f}s)")
        return figures
    finally:
        if not (args.keep or args.reuse):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
