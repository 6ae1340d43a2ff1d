"""Site-build benchmarks on synthetic corpora (benchmarks/corpus.py); prints its figures.

    python benchmarks/bench_site.py [--sizes 100 1000] [--no-browser]

For each corpus size N: generate N briefings (all cores), copy mkdocs.yml + site_templates
into a temporary project, then

- site build: ``mkdocs build --strict`` with the plugin's ``search_index: false`` (time and
  peak RSS of the build process);
- search indexing: the plugin's per-year Pagefind runs (``search_index.build_search_index``)
  on their own (time, and the largest peak RSS of one year's run);
- the floor: Python-Markdown alone rendering the same briefings' bodies (read file, split
  front matter, one ``markdown.markdown(body)`` per page with the site's extensions), in this
  process; before each timed step, I/O is settled (``settle_io``);
- HTML per page: mean / median / max bytes of every briefing page, and of the other page
  kinds (home, month archives, actors, topics), which must not grow with N either;
- search payload per query: a real query in Chromium (Playwright, Debian's /usr/bin/chromium)
  on /search/?q=WORD against a local HTTP server (the default years searched: the newest,
  all years when it has no match); the bytes of every response under /pagefind/, split
  into the fixed part (UI, JS, WebAssembly, entry, filters) and the query's part (index
  chunks, metadata, result fragments). Three queries: the most frequent
  person, a topic word, and the rarest name (in a single briefing when there is one).
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_generate import run_generate  # noqa: E402
from benchmarks.corpus import make_corpus  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
TARGET_BUILD_OVER_FLOOR = 2.0


# -- a command's time and peak RSS -----------------------------------------------------------

def _measure_child(cmd: list[str]) -> None:
    """Run ``cmd``; print its wall time and the peak RSS of it and its descendants."""
    import resource

    start = time.perf_counter()
    code = subprocess.call(cmd)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every process it waited for
    print(json.dumps({"code": code, "seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime,
                      "rss_mb": usage.ru_maxrss / 1024}))


def measure(cmd: list[str], cwd: Path) -> dict:
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--measure", "--", *cmd]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(wrapper, capture_output=True, text=True, cwd=cwd, env=env)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["code"]:
        raise SystemExit(f"{' '.join(cmd)} failed ({data['code']}):\n{result.stdout}\n{result.stderr}")
    data["log"] = result.stderr
    return data


def index_search(site: Path, cache: Path) -> dict:
    """The site's search index as the plugin builds it (one Pagefind run per year, reusing the
    years ``cache`` holds unchanged): seconds, the largest per-year peak RSS (years are indexed
    one after the other) and each year's figures."""
    from generator.mkdocs_plugin.search_index import build_search_index

    start = time.perf_counter()
    shards = build_search_index(site, "briefings", cache, [])
    return {"seconds": time.perf_counter() - start, "rss_mb": max((s.peak_rss_mb for s in shards), default=0.0),
            "shards": shards}


def settle_io(*folders: Path) -> str:
    """Start a timed step from the same state every time: write back what earlier steps left
    dirty, drop the page cache (when allowed: root), then read ``folders`` once so inputs come
    from memory, as they do right after `briefings generate`. Without this, one build can be
    slowed 2-3x by the kernel writing back the previous step's 700 MB of pages."""
    os.sync()
    dropped = False
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        dropped = True
    except OSError:
        pass
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                path.read_bytes()
    return "synced, page cache dropped, inputs re-read" if dropped else "synced (page cache not dropped: not root), inputs read"


# -- project, floor, sizes -------------------------------------------------------------------

def make_project(project: Path) -> None:
    """mkdocs.yml (search indexing off: it is timed on its own) + site_templates."""
    project.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"^(\s*)- briefings\b.*$", r"\1- briefings:\n\1    search_index: false", config, flags=re.M)
    if count != 1:
        raise SystemExit("mkdocs.yml: could not find the '- briefings' plugin line to switch search_index off")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "site_templates", project / "site_templates", dirs_exist_ok=True)


def markdown_floor(project: Path) -> tuple[float, int, float]:
    """Seconds Python-Markdown alone takes to read and render every briefing body, with the
    extensions the site renders them with (mkdocs.yml's plus MkDocs' built-in toc, tables,
    fenced_code), one ``markdown.markdown`` call per page; (wall seconds, pages, CPU seconds)."""
    import markdown
    from mkdocs.config import load_config

    from generator.writer import split_front_matter

    config = load_config(str(project / "mkdocs.yml"))
    extensions, configs = config.markdown_extensions, config.mdx_configs
    files = sorted((project / "content" / "briefings").rglob("*.md"))
    markdown.markdown("warm *up*", extensions=extensions, extension_configs=configs)  # imports are not rendering
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        markdown.markdown(body, extensions=extensions, extension_configs=configs)
    return time.perf_counter() - start, len(files), time.process_time() - cpu


def page_kind(rel: str) -> str:
    first = rel.split("/")[0]
    if rel == "index.html":
        return "home"
    if first in ("briefings", "actors", "topics", "search"):
        return {"briefings": "briefing", "actors": "actor", "topics": "topic", "search": "search"}[first] if rel.count("/") > 1 or first == "search" else first + " index"
    if first == "archive":
        return "archive index" if rel == "archive/index.html" else "month archive"
    return "other"


def html_sizes(site: Path) -> dict[str, list[int]]:
    sizes: dict[str, list[int]] = collections.defaultdict(list)
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        sizes[page_kind(rel)].append(path.stat().st_size)
    return dict(sorted(sizes.items()))


def dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- search payload ---------------------------------------------------------------------------

def pick_queries(content: Path) -> list[tuple[str, str]]:
    """(label, word): the most frequent person's surname, the commonest topic's word, and the
    rarest capitalised word (in a single briefing when there is one)."""
    people: collections.Counter = collections.Counter()
    topics: collections.Counter = collections.Counter()
    doc_freq: collections.Counter = collections.Counter()
    from generator.writer import split_front_matter

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((content / "briefings").rglob("*.md")):
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        meta = yaml.load(front or "", Loader=loader) or {}
        for actor in meta.get("actors") or []:
            if actor.get("type") == "person" and " " in actor["name"]:
                people[actor["name"].split()[-1]] += 1
        topics.update(meta.get("topics") or [])
        doc_freq.update(set(re.findall(r"\b[A-Z][a-z]{5,}\b", body)))
    from generator.extract.topics import load_taxonomy

    labels = {t["id"]: t.get("label", t["id"]) for t in load_taxonomy()}
    queries = []
    if people:
        queries.append(("common name", people.most_common(1)[0][0]))
    if topics:
        label = labels.get(topics.most_common(1)[0][0], topics.most_common(1)[0][0])
        queries.append(("topic word", re.findall(r"[a-z]+", label.lower())[0]))
    if doc_freq:  # the rarest capitalised word (a large corpus may have none in a single briefing)
        fewest = min(doc_freq.values())
        rare = sorted(w for w, c in doc_freq.items() if c == fewest)
        queries.append(("rare word", rare[len(rare) // 2]))
    return queries


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


def _category(url: str) -> str:
    name = re.sub(r"^\d{4}(-\d{2}){0,2}/", "", url.split("/pagefind/", 1)[1].split("?")[0])  # pagefind/YYYY[-MM[-MM]]/
    if name.startswith("index/"):
        return "index chunks"
    if name.startswith("fragment/"):
        return "fragments"
    if name.startswith("filter/"):
        return "filters"
    if name.endswith(".pf_meta"):
        return "meta"
    if name.startswith("wasm"):
        return "wasm"
    return "js/css/entry"


QUERY_PART = ("index chunks", "meta", "fragments")
LISTING_KINDS = ("month archive", "topic")  # paginated: archive_page_size briefings a page


@contextlib.contextmanager
def _served(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _wait_for_results(page) -> None:
    page.wait_for_selector(".pagefind-ui__result, .pagefind-ui__message", timeout=60_000)
    # until the results are shown ("N results for …"), not while "Searching for …"
    page.wait_for_function("() => { const m = document.querySelector('.pagefind-ui__message');"
                           " return m && !m.textContent.startsWith('Searching'); }", timeout=60_000)
    page.wait_for_load_state("networkidle")


def _bytes_by_category(responses) -> collections.Counter:
    by_cat: collections.Counter = collections.Counter()
    for r in responses:
        try:
            by_cat[_category(r.url)] += len(r.body())
        except Exception:  # noqa: BLE001 - a response without a body (redirect, abort, 304)
            pass
    return by_cat


def search_visits(site: Path, visits: list[tuple[str, str, list[str]]]) -> list[dict]:
    """For each (label, search page URL, later words): a first visit in a fresh browser (nothing
    cached) to the URL, then each later word typed into the same page's field, as a reader's
    next query. One dict per query: label, url or word, seconds, the message shown, requests
    and bytes by category (every /pagefind/ response; a response the browser cache answered
    with 304 counts 0)."""
    from playwright.sync_api import sync_playwright

    results = []
    with _served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for label, url, later in visits:
                context = browser.new_context(base_url=base)  # fresh: nothing cached
                responses = []
                context.on("response", lambda r: "/pagefind/" in r.url and responses.append(r))
                page = context.new_page()
                def record(name: str, what: str, started: float) -> None:
                    results.append({"label": name, "word": what, "seconds": time.perf_counter() - started,
                                    "requests": len(responses), "bytes": dict(_bytes_by_category(responses)),
                                    "message": page.locator(".pagefind-ui__message").first.inner_text()})
                    responses.clear()

                start = time.perf_counter()
                page.goto(url)
                _wait_for_results(page)
                record(f"{label}, first visit" if later else label, url, start)
                for word in later:
                    start = time.perf_counter()
                    page.fill(".pagefind-ui__search-input", word)
                    page.wait_for_function("(w) => { const m = document.querySelector('.pagefind-ui__message');"
                                           " return m && m.textContent.includes(w) && !m.textContent.startsWith('Searching'); }",
                                           arg=word, timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    record(f"{label}, later query", word, start)
                context.close()
        finally:
            browser.close()
    return results


def search_payloads(site: Path, queries: list[tuple[str, str]]) -> list[dict]:
    """One fresh browser per query (label, word): /search/?q=WORD, the default years searched
    (the newest; all years when it has no match). The bytes of every /pagefind/ response."""
    visits = search_visits(site, [(label, f"search/?{urlencode({'q': word})}", []) for label, word in queries])
    return [{**v, "label": label, "word": word} for v, (label, word) in zip(visits, queries)]


# -- main ------------------------------------------------------------------------------------

def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def bench_size(n: int, work: Path, workers: int, seed: int, browser: bool) -> dict:
    print(f"\n== site: {n:,} briefings ==")
    corpus = work / f"corpus-{n}"
    project = work / f"project-{n}"
    make_corpus(n, corpus, seed)
    make_project(project)
    gen = run_generate(corpus, project / "content", workers)
    print(f"generated {gen['written']:,} briefings in {gen['seconds']:.1f}s ({workers} processes; "
          f"peak RSS {gen['rss_self_mb']:.0f} MB main, {gen['rss_workers_mb']:.0f} MB largest worker)")

    print(f"I/O before each timed step: {settle_io(project / 'content')}")
    build = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"], project)
    settle_io(project / "content")
    floor, pages, floor_cpu = markdown_floor(project)
    ratio = build["seconds"] / floor
    site = project / "site"
    print(f"site build (no search index): {build['seconds']:7.2f}s  CPU {build['cpu_s']:7.2f}s  peak RSS {build['rss_mb']:6.0f} MB  "
          f"({1000 * build['seconds'] / pages:.1f} ms per briefing)")
    for line in build["log"].splitlines():
        if "briefings:" in line:
            print("  " + line.split("briefings:", 1)[1].strip())
    print(f"Markdown floor ({pages:,} bodies):   {floor:7.2f}s  CPU {floor_cpu:7.2f}s  ({1000 * floor / pages:.1f} ms per briefing)")
    print(f"build / floor: {ratio:.1f}x   target <= {TARGET_BUILD_OVER_FLOOR:.0f}x: {'MET' if ratio <= TARGET_BUILD_OVER_FLOOR else 'MISSED'}"
          f"   (CPU: {build['cpu_s'] / floor_cpu:.1f}x; the build runs on every core, the floor on one)")

    settle_io()
    index = index_search(site, work / f"search-cache-{n}")
    bundle = site / "pagefind"
    print(f"search indexing (pagefind, {len(index['shards'])} bundles): {index['seconds']:7.2f}s  "
          f"largest peak RSS {index['rss_mb']:6.0f} MB  bundles {dir_size(bundle) / 1024 / 1024:.1f} MB, "
          f"{len(list(bundle.glob('*/index/*')))} index chunks, {len(list(bundle.glob('*/fragment/*')))} fragments")

    sizes = html_sizes(site)
    print(f"HTML per page (bytes; {sum(len(v) for v in sizes.values()):,} pages, site without search {(dir_size(site) - dir_size(bundle)) / 1024 / 1024:.1f} MB):")
    print(f"  {'kind':<15} {'pages':>6} {'mean':>9} {'median':>9} {'max':>9}")
    for kind, values in sizes.items():
        print(f"  {kind:<15} {len(values):6,} {statistics.mean(values):9,.0f} {statistics.median(values):9,.0f} {max(values):9,}")
    figures = {"n": n, "build_s": build["seconds"], "build_cpu_s": build["cpu_s"], "build_rss_mb": build["rss_mb"],
               "floor_s": floor, "floor_cpu_s": floor_cpu, "build_over_floor": ratio,
               "index_s": index["seconds"], "index_rss_mb": index["rss_mb"],
               "html": {k: (statistics.median(v), max(v)) for k, v in sizes.items()}}

    if browser:
        if not CHROMIUM.exists():
            print(f"search payload: skipped ({CHROMIUM} missing)")
        else:
            queries = pick_queries(project / "content")
            payloads = search_payloads(site, queries)
            print("search payload per query (fresh browser, bytes of every /pagefind/ response):")
            for r in payloads:
                fixed = sum(v for k, v in r["bytes"].items() if k not in QUERY_PART)
                query = sum(v for k, v in r["bytes"].items() if k in QUERY_PART)
                parts = ", ".join(f"{k} {kb(v)}" for k, v in sorted(r["bytes"].items()))
                print(f"  {r['label']:<12} {r['word']!r:<14} total {kb(fixed + query):>10} = fixed {kb(fixed)} + query {kb(query)}"
                      f"  [{r['requests']} requests: {parts}]  {r['message']!r}")
            figures["search"] = payloads
    return figures


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes (default 100 1000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes to generate on")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-browser", action="store_true", help="skip the search payload (Chromium) measurement")
    parser.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temp folder")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("cmd", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        _measure_child(args.cmd)
        return []
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefings-bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    all_figures = []
    try:
        for n in args.sizes:
            all_figures.append(bench_size(n, work, args.workers, args.seed, not args.no_browser))
        if len(all_figures) > 1:
            print("\n== site: across sizes ==")
            first, last = all_figures[0], all_figures[-1]
            scale = last["n"] / first["n"]
            print(f"{first['n']:,} -> {last['n']:,} briefings ({scale:.0f}x):")
            print(f"  build time {last['build_s'] / first['build_s']:.1f}x, floor {last['floor_s'] / first['floor_s']:.1f}x, "
                  f"build peak RSS {last['build_rss_mb'] / first['build_rss_mb']:.2f}x, "
                  f"indexing time {last['index_s'] / first['index_s']:.1f}x, indexing RSS {last['index_rss_mb'] / first['index_rss_mb']:.2f}x")
            # A listing page holds at most archive_page_size briefings: a month of a small
            # archive is not full yet, a topic page already is. Full, they weigh the same.
            full_listing = max(first["html"].get(k, (0, 0))[1] for k in LISTING_KINDS)
            for kind in last["html"]:
                if kind in first["html"]:
                    (m0, x0), (m1, x1) = first["html"][kind], last["html"][kind]
                    # a larger sample has a larger largest article: the median decides, the max is shown
                    flag = "constant" if m1 <= 1.1 * m0 and x1 <= 1.5 * x0 else "GROWS"
                    if flag == "GROWS" and kind in LISTING_KINDS and x1 <= 1.1 * full_listing:
                        flag = f"bounded (a full page of {full_listing:,} bytes at {first['n']:,})"
                    print(f"  HTML {kind:<15} median {m0:9,.0f} -> {m1:9,.0f} ({m1 / m0:.2f}x), max {x0:9,} -> {x1:9,} ({x1 / x0:.2f}x)  {flag}")
            if "search" in first and "search" in last:
                for a, b in zip(first["search"], last["search"]):
                    qa = sum(v for k, v in a["bytes"].items() if k in QUERY_PART)
                    qb = sum(v for k, v in b["bytes"].items() if k in QUERY_PART)
                    print(f"  search {a['label']:<12} query bytes {kb(qa)} -> {kb(qb)} ({qb / max(qa, 1):.1f}x)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return all_figures


if __name__ == "__main__":
    main()
