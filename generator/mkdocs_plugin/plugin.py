"""The ``briefings`` MkDocs plugin.

- ``on_pre_build``: when pages are rendered on several cores, starts converting briefing
  bodies in a background process (``bodies.py``) while the steps below run on one core.
- ``on_files``: reads every briefing's front matter (a briefing the generator wrote and
  nobody edited since comes from its site data, ``content/.machine/…json``; any other is
  parsed and validated, and a broken edit fails the build naming file, line and field),
  builds the site-wide ``Corpus``, takes the briefings out of MkDocs' hands and adds the
  navigation pages (home, archive, actors, topics, search) without writing into ``docs_dir``.
- ``on_page_context``: hands those navigation pages the data they render. No markup here.
- ``on_post_build``: renders the briefing, actor and listing pages (``pages.py``: the theme's
  shell once, each page's content template, on every core), then indexes the site with
  Pagefind.
"""
from __future__ import annotations

import datetime as dt
import gc
import gzip
import itertools
import logging
import os
import time
from pathlib import Path

import markdown
from markupsafe import escape
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.check import check_briefing
from generator.mkdocs_plugin.bodies import BodiesAhead
from generator.mkdocs_plugin.briefing_data import drop_unknown_topics, front_matter_for_site, load_briefing
from generator.mkdocs_plugin.body import body_markdown
from generator.mkdocs_plugin.config import BriefingsConfig
from generator.mkdocs_plugin.corpus import ActorRef, ClaimRef, Corpus, Entry, RoleSeen
from generator.mkdocs_plugin.feeds import FEED_FILE, atom_feed
from generator.mkdocs_plugin.incremental import (CACHE_FORMAT, Digests, PageCache, code_fingerprint, file_digest,
                                                 template_sources)
from generator.mkdocs_plugin.search_index import SearchIndexError, build_search_index, name_records
from generator.mkdocs_plugin.template_context import ITEM_TEMPLATE, link_filter, template_context
from generator.mkdocs_plugin import pages as site_pages
from generator.mkdocs_plugin.pages import (CONTENT, TITLE, PageShell, PageSpec, PageStub, SiteWriter,
                                           add_script_hashes, default_workers, render_pages)
from generator.store import site_data_path
from generator.taxonomy import load_taxonomy, topic_ids

log = logging.getLogger("mkdocs.plugins.briefings")
NAV_PAGES = [("index.md", "home", None), ("archive/index.md", "archive", "Archive"),
             ("actors/index.md", "actors", "Actors"), ("topics/index.md", "topics", "Topics"),
             ("search/index.md", "search", "Search")]
FEED = "feed"  # the PageSpec template of an Atom feed (no theme around it)
# Libraries whose version may change how the same data renders (the page cache's keys).
RENDERING_LIBRARIES = ("briefings", "jinja2", "markupsafe", "markdown", "pymdown-extensions", "mkdocs",
                       "mkdocs-material", "properdocs", "pydantic", "pyyaml")
# The header tab of the pages rendered here, by the first segment of their URL (briefings: Archive).
SECTION_TABS = {"actors": "actors/", "topics": "topics/", "archive": "archive/"}


def _nav_page(kind: str, title: str) -> str:
    """Markdown of a generated navigation page: front matter naming its template."""
    return f"---\ntemplate: {kind}.html\nbriefings_page: {kind}\ntitle: {title!r}\n---\n"


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.facet_actors: frozenset[str] = frozenset()
        self.taxonomy: dict[str, dict] = {}
        self.specs: list[PageSpec] = []
        self.command = "build"
        self.site_name = "Briefings"
        self.nav = self.files = self.env = None
        self._markdown: markdown.Markdown | None = None
        self._feed_entries: dict = {}
        self._templates: dict = {}
        self._bodies: BodiesAhead | None = None
        self._names_asked: set[str] | None = None  # while rendering with a page cache

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def _workers(self) -> int:
        return self.config.render_workers or (default_workers() if self.command != "serve" else 1)

    def on_pre_build(self, *, config) -> None:
        # While one core lists files and builds the corpus, another converts briefing bodies
        # (bodies.py). Only when pages are rendered on several cores: on one, it would compete.
        self._close_bodies()
        if not self.config.enabled or self._workers() < 2:
            return
        root = Path(config.docs_dir) / self.config.briefings_dir.strip("/")
        paths = sorted(str(Path(folder) / name) for folder, dirs, names in os.walk(root)
                       for name in names if name.endswith(".md") and not name.startswith("."))
        if len(paths) < site_pages.POOL_MIN_PAGES_PER_WORKER:
            return
        self._bodies = BodiesAhead(paths, lambda: body_markdown(config.markdown_extensions, config.mdx_configs))
        self._bodies.start()

    def _close_bodies(self) -> None:
        if self._bodies is not None:
            self._bodies.close()
            self._bodies = None

    def on_build_error(self, *, error) -> None:
        self._close_bodies()

    @event_priority(-50)  # after other plugins added their files
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        started = time.perf_counter()
        prefix = self.config.briefings_dir.strip("/") + "/"
        content_dir = Path(config.docs_dir)
        entries, problems = [], []
        # ~10^6 long-lived objects are made here, none of them cyclic: collecting while they
        # grow costs 40% of this step. Once made they are frozen (read-only from here on):
        # later collections skip them and forked workers share their memory pages.
        gc.disable()
        try:
            reread = self._read_briefings(files, prefix, content_dir, config, entries, problems)
            if problems:
                raise PluginError("invalid briefings (fix them or run `briefings check`):\n  " + "\n  ".join(problems))
            self.corpus = Corpus(entries, self.config.actor_min_briefings, self.config.actor_claims_max)
            self.facet_actors = self.corpus.facet_actors(self.config.search_actor_facets)
            self.taxonomy = {t["id"]: t for t in load_taxonomy()}
            self.site_name = config.site_name
            self.specs = self._page_specs()
        finally:
            gc.freeze()
            gc.enable()
        for src_uri, kind, title in NAV_PAGES:
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=_nav_page(kind, title or config.site_name)))
        log.info("briefings: read %d briefings (%d from site data), %d actors, %d topics in %.1f s",
                 len(entries), len(entries) - reread, len(self.corpus.actors), len(self.corpus.topics),
                 time.perf_counter() - started)
        return files

    def _read_briefings(self, files: Files, prefix: str, content_dir: Path, config,
                        entries: list[Entry], problems: list[str]) -> int:
        """Take the briefings out of MkDocs' page list and read them into ``entries`` (a broken
        one adds its messages to ``problems``); returns how many were read from their file."""
        reread = 0
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            if not file.src_uri.startswith(prefix):
                continue
            files.remove(file)  # rendered by this plugin (on_post_build), not by MkDocs
            path = Path(file.abs_src_path)
            data, from_site_data = front_matter_for_site(path, site_data_path(content_dir, file.src_uri))
            reread += not from_site_data
            if data is None:  # slow path only for broken files: precise file:line: field messages
                problems.extend(str(e) for e in check_briefing(path, f"{config.docs_dir}/{file.src_uri}"))
                continue
            drop_unknown_topics(data, f"{config.docs_dir}/{file.src_uri}")
            entries.append(Entry.from_front_matter(data, file.url, str(path)))
        return reread

    def _page_specs(self) -> list[PageSpec]:
        """Every page this plugin renders itself: briefings, actors, month and topic listings,
        and the Atom feeds (the site's, each actor's, each topic's)."""
        corpus, briefings_max = self.corpus, self.config.actor_briefings_max
        specs = [PageSpec(e.url, e.title, "content/briefing.html", source=e.path) for e in corpus.entries]
        feed_max = self.config.feed_entries
        feeds = feed_max > 0
        if feeds:
            specs.append(PageSpec("", f"{self.site_name}: latest briefings", FEED,
                                  {"entries": corpus.entries[:feed_max]}, file=FEED_FILE))
        for actor in corpus.actors.values():
            specs.append(PageSpec(actor.url, actor.name, "content/actor.html", {
                "actor": actor, "actor_entries": actor.entries[:briefings_max]}))
            if feeds:
                specs.append(PageSpec(actor.url, f"{self.site_name}: {actor.name}", FEED,
                                      {"entries": actor.entries[:feed_max]}, file=FEED_FILE))
        for month, month_entries in corpus.months.items():
            specs += self._listing(f"archive/{month.replace('-', '/')}/", _month_title(month), month_entries, None)
        for topic, topic_entries in corpus.topics.items():
            label = self._topic_label(topic)
            specs += self._listing(f"topics/{topic}/", label, topic_entries, {"topic": label})
            if feeds:
                specs.append(PageSpec(f"topics/{topic}/", f"{self.site_name}: {label}", FEED,
                                      {"entries": topic_entries[:feed_max]}, file=FEED_FILE))
        return specs

    def _listing(self, base: str, title: str, entries: list[Entry], search: dict | None) -> list[PageSpec]:
        """A list of briefings split into pages: base/, base/page/2/, …"""
        size = max(1, self.config.archive_page_size)
        count = max(1, -(-len(entries) // size))
        return [PageSpec(f"{base}page/{n}/" if n > 1 else base, title if n == 1 else f"{title} (page {n})",
                         "content/listing.html",
                         {"listing_entries": entries[(n - 1) * size: n * size], "listing_total": len(entries),
                          "listing_search": search, "page_number": n, "page_count": count, "listing_base": base,
                          "listing_up": ("All months", "archive/") if search is None else ("All topics", "topics/")})
                for n in range(1, count + 1)]

    def _topic_label(self, topic: str) -> str:
        return self.taxonomy.get(topic, {}).get("label", topic)

    def _site_context(self, config) -> dict:
        """What every template of the plugin may use, whatever the page (template_context.py)."""
        return template_context(config, self.env, self.corpus, self.taxonomy, self._topic_label, self.facet_actors,
                                self.name_answer, self._names_asked)

    def name_answer(self, name: str | None, asked: set | None = None) -> tuple[str | None, str | None, bool]:
        """All templates can learn about a name: (its actor page's slug, the actor's canonical
        name, whether that is a search facet). ``asked`` records the name (the page cache)."""
        if asked is not None and name:
            asked.add(name)
        slug = self.corpus.actor_slug(name)
        canonical = self.corpus.actors[slug].name if slug else None
        return slug, canonical, canonical in self.facet_actors

    def on_shutdown(self) -> None:
        self._close_bodies()
        # The interpreter's last collection at exit would walk every object of the corpus
        # (~2 s at 10,000 briefings) only to free memory the OS takes back anyway.
        gc.freeze()

    def on_nav(self, nav, *, config, files):
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env, *, config, files):
        env.filters["link"] = link_filter
        # Every build (``serve`` too) makes a new environment, so a template cannot change
        # under it: without this, each ``{% include %}`` of each page stats the template file.
        env.auto_reload = False
        self.env = env
        return env

    def on_page_context(self, context: dict, *, page, config, nav) -> dict:
        if not self.config.enabled or self.corpus is None:
            return context
        context.update(self._site_context(config))
        kind = page.meta.get("briefings_page")
        if kind == "home":
            context["latest"] = self.corpus.entries[: self.config.home_latest]
        elif kind == "actors":
            context["actors_by_type"] = self.corpus.actors_by_type(self.config.actors_index_max)
        return context

    @event_priority(-100)  # last: the hashes are of the page as it will be written
    def on_post_page(self, output: str, *, page, config) -> str:
        return add_script_hashes(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return add_script_hashes(output_content)  # 404.html and other theme pages

    # -- the pages rendered here ----------------------------------------------------------
    def render_theme_page(self, config, url: str, title: str, content: str) -> str:
        """The theme's full page (``shell.html``) at ``url`` around ``content``: with
        placeholders, the shell of every page of that URL's shape; with a real page's values,
        the page exactly as MkDocs would render it (tests compare the two)."""
        file = File.generated(config, f"{url}index.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
        page = Page(title, file, config)
        page.content = content
        # Not in the navigation, the page still belongs to a section: highlight its header tab.
        tab_url = SECTION_TABS.get(url.split("/")[0], "archive/")
        tab = next((p for p in self.nav.pages if p.url == tab_url), None)
        if tab is not None:
            tab.active = True
        try:
            context = get_context(self.nav, self.files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            html = self.env.get_template("shell.html").render(context)
        finally:
            if tab is not None:
                tab.active = False
        return config.plugins.on_post_page(html, page=page, config=config)

    def page_data(self, spec: PageSpec) -> dict:
        """What a page's content template is given besides the site-wide context: rendering
        and the page cache's keys both take it from here. Added when the page is rendered:
        a briefing page's briefing (its key has the file's bytes) and an actor's timeline
        (made from the actor alone)."""
        if spec.template == FEED:
            return spec.data
        if spec.source is not None:
            entry = self.corpus.by_url[spec.url]
            older, newer = self.corpus.neighbours(entry)
            return {"entry": entry, "older": older, "newer": newer,
                    "related": self.corpus.related(entry, self.config.related_max)}
        if "actor" in spec.data:
            actor = spec.data["actor"]
            cooccurring = actor.cooccurring(self.config.actor_briefings_max, self.config.actor_cooccurring_max)
            # The template shows these actors' names and links: part of this page's data.
            return {**spec.data, "seen_with": [(self.corpus.actors[slug], n) for slug, n in cooccurring]}
        return spec.data

    def render_content(self, spec: PageSpec, config, site: dict) -> str:
        """A page's own content: its content template over its data (a briefing's page reads
        the briefing and renders its Markdown body first)."""
        data, body_html = self.page_data(spec), ""
        if spec.template == FEED:
            return atom_feed(spec.title, spec.url, data["entries"], config.site_name, config.site_url or None,
                             self._topic_label, self._feed_entries)
        if spec.source is not None:
            briefing, body = load_briefing(Path(spec.source), Path(config.docs_dir))
            if any(t not in topic_ids() for t in briefing.topics):  # reported in on_files
                briefing = briefing.model_copy(update={"topics": [t for t in briefing.topics if t in topic_ids()]})
            body_html = self._bodies.html(body) if self._bodies is not None else None
            if body_html is None:
                if self._markdown is None:  # article text is text: see body.py
                    self._markdown = body_markdown(config.markdown_extensions, config.mdx_configs)
                body_html = self._markdown.reset().convert(body)
            data = {**data, "briefing": briefing}
        elif "actor" in data:  # made from the actor alone (already in the page's key), when rendered
            actor = data["actor"]
            data = {**data, "actor_timeline": actor.timeline(self.config.actor_briefings_max),
                    # (briefing, its claims): the page heads each briefing's claims with its title.
                    "claims_by_briefing": [(group[0][0], [claim for _, claim in group]) for group in
                                           (list(g) for _, g in itertools.groupby(actor.claims, key=lambda ec: ec[0].url))]}
        page = PageStub(spec.url, spec.title, {}, body_html)
        template = self._templates.get(spec.template)
        if template is None:
            template = self._templates[spec.template] = self.env.get_template(spec.template)
        return template.render({**site, **data, "page": page, "base_url": _base_url(spec.url)})

    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.corpus is None:
            return
        started = time.perf_counter()
        shell = PageShell(lambda url: self.render_theme_page(config, url, TITLE, CONTENT),
                          {folder for file in self.files for folder in _folders(file.url)})
        for url in {shell.shape(spec.url): spec.url for spec in self.specs if spec.template != FEED}.values():
            try:
                shell.parts(url)  # before forking: workers inherit the shells
            except ValueError as err:
                raise PluginError(str(err)) from None
        cache = None
        if self.config.page_cache and self.command != "serve":  # serve renders every page each time
            cache = PageCache(_beside_config(config, self.config.page_cache), self.name_answer)
        self._names_asked = set() if cache is not None else None
        site = self._site_context(config)
        self._feed_entries = {}  # this build's Atom entries (feeds.atom_feed)
        self._templates = {}  # content templates, looked up once per build
        workers = self._workers()
        ahead = self._bodies.finish() if self._bodies is not None else 0
        asked = self._names_asked

        def render(spec: PageSpec):
            if asked is not None:
                asked.clear()
            if spec.template == FEED:
                page = self.render_content(spec, config, site)
            else:
                page = shell.wrap(spec.url, spec.title, self.render_content(spec, config, site))
            return page if asked is None else (page, sorted(asked))

        specs, reused, keys = self.specs, 0, {}
        if cache is not None:
            specs, reused, keys = self._reuse_cached(cache, shell, config)
        extras: dict[int, object] = {}
        try:
            written, failures, used = render_pages(specs, render, Path(config.site_dir), workers, _shared_pieces,
                                                   cache_dir=cache.pages_dir if cache else None, extras=extras)
        finally:
            self._close_bodies()
            if self.command == "serve":  # the next rebuild makes a new corpus: let this one go
                gc.unfreeze()
            self._names_asked = None
        if cache is not None:
            pages = {page: (key, names) for page, (key, names) in keys.items() if names is not None}
            for i, spec in enumerate(specs):
                if i in extras:
                    page = f"{spec.url}{spec.file}"
                    pages[page] = (keys[page][0], extras[i])
            cache.finish(pages)
        if failures:
            raise PluginError("pages that could not be rendered:\n  " + "\n  ".join(failures))
        log.info("briefings: rendered %d pages (briefings, actors, listings) on %d process%s, reused %d from the "
                 "page cache in %.1f s (%d briefing bodies converted ahead)", written, used, "es" if used > 1 else "",
                 reused, time.perf_counter() - started, ahead)
        if config.site_url:
            _add_to_sitemap(Path(config.site_dir), config.site_url, [spec.url for spec in self.specs if spec.template != FEED])
        if self.config.search_index:
            _index_search(config, self.config, self.corpus)


    def _reuse_cached(self, cache: PageCache, shell: PageShell, config):
        """Link the pages whose key did not change from the cache into the site; returns (the
        specs to render, how many were reused, page -> (key, names asked: None until rendered))."""
        build = self._build_fingerprint(shell, config)
        content_dir = Path(config.docs_dir)
        digests = Digests(plain=(Entry, ActorRef, ClaimRef, RoleSeen), folder=repr(str(content_dir) + os.sep)[1:-1])
        writer = SiteWriter(Path(config.site_dir))
        keys: dict[str, tuple[str, list[str] | None]] = {}
        to_render, reused = [], 0
        for spec in self.specs:
            page = f"{spec.url}{spec.file}"
            own = (spec.url, spec.title, spec.template, spec.file, self.page_data(spec))
            if spec.source is not None:  # the briefing itself: front matter, body, site data
                own += (file_digest(spec.source),
                        file_digest(site_data_path(content_dir, Path(spec.source).relative_to(content_dir))))
            key = digests.of((build, own))
            keys[page] = (key, None)
            if cache.unchanged(page, key):
                try:
                    writer.link(page, cache.cached_file(page))
                    keys[page] = (key, cache.known(page)[1])
                    reused += 1
                    continue
                except OSError:  # the cached file is gone (or cannot be linked): render it again
                    pass
            to_render.append(spec)
        if to_render or cache.problem:
            cache.begin_changes()
        if cache.problem and cache.problem != "no page cache yet":
            log.info("briefings: page cache: %s", cache.problem)  # not a problem of the site: no warning
        return to_render, reused, keys

    def _build_fingerprint(self, shell: PageShell, config) -> str:
        """What every page the plugin renders is made from, besides its own data."""
        templates = sorted({spec.template for spec in self.specs if spec.template != FEED} | {ITEM_TEMPLATE})
        options = {k: v for k, v in self.config.items() if k not in ("render_workers", "page_cache")}
        settings = {k: config.get(k) for k in ("site_name", "site_url", "site_description", "site_author", "copyright",
                                               "repo_url", "repo_name", "markdown_extensions", "mdx_configs",
                                               "extra", "use_directory_urls")}
        config_file = file_digest(config.config_file_path) if config.config_file_path else ""
        return Digests().of((CACHE_FORMAT, shell.all_parts(), template_sources(self.env, templates), options,
                             settings, config_file, self.taxonomy,
                             code_fingerprint(Path(__file__).resolve().parents[1], RENDERING_LIBRARIES)))


def _beside_config(config, folder: str) -> Path:
    """A folder named in the plugin's options: relative ones beside mkdocs.yml (outside site_dir)."""
    path = Path(folder)
    if not path.is_absolute():
        path = Path(config.config_file_path or ".").resolve().parent / path
    return path


def _shared_pieces(spec: PageSpec) -> str | None:
    """Pages that reuse one another's pieces, best rendered by one worker: actor pages (the
    same briefings listed at one depth, the same actor links), feeds (the same entries)."""
    return spec.template if spec.template in ("content/actor.html", FEED) else None


_BASE_URLS: dict[int, str] = {}


def _base_url(url: str) -> str:
    """The way back to the site root from the page at ``url`` ("a/b/" -> "../.."): MkDocs'
    ``get_relative_url``, which depends only on the depth of a folder URL, made once per depth."""
    if url and not url.endswith("/"):
        return get_relative_url(".", url)
    depth = url.count("/")
    if depth not in _BASE_URLS:
        _BASE_URLS[depth] = get_relative_url(".", url)
    return _BASE_URLS[depth]


def _folders(url: str) -> list[str]:
    """"a/b/c.css" -> ["a/", "a/b/"]."""
    parts = url.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _add_to_sitemap(site_dir: Path, site_url: str, urls: list[str]) -> None:
    """MkDocs' sitemap lists the pages it rendered; add the ones rendered here (its .gz too,
    with the same timestamp, so a rebuild of the same inputs gives the same bytes)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    base = site_url.rstrip("/") + "/"
    entries = "".join(f"    <url>\n         <loc>{escape(base + url)}</loc>\n    </url>\n" for url in urls)
    text = sitemap.read_text(encoding="utf-8").replace("</urlset>", entries + "</urlset>", 1)
    sitemap.write_text(text, encoding="utf-8")
    packed = sitemap.with_name("sitemap.xml.gz")
    if packed.exists():
        with gzip.open(packed, "rb") as fh:
            fh.read(1)
            mtime = fh.mtime or 0  # MkDocs stamps its build timestamp here
        with open(packed, "wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb", mtime=mtime) as fh:
            fh.write(text.encode("utf-8"))


def _index_search(config, options, corpus: Corpus) -> None:
    """Index the built briefing pages with Pagefind, one bundle per year (or per part of a
    large year), reusing the bundles whose pages did not change (``search_index.py``)."""
    cache = _beside_config(config, options.search_cache)  # beside mkdocs.yml (and content/), outside site_dir
    started = time.perf_counter()
    try:
        shards = build_search_index(Path(config.site_dir), options.briefings_dir, cache,
                                    name_records(corpus.actors.values(), options.search_names_max),
                                    options.search_shard_pages)
    except SearchIndexError as err:
        raise PluginError(str(err)) from None
    fresh = [s for s in shards if s.reindexed]
    log.info("briefings: search index: %d bundles (%d indexed again: %s; %d unchanged) in %.1f s",
             len(shards), len(fresh), ", ".join(s.shard for s in fresh) or "none", len(shards) - len(fresh),
             time.perf_counter() - started)


def _month_title(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")
