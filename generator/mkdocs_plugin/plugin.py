"""The ``briefings`` MkDocs plugin.

- ``on_files``: reads every briefing's front matter (validated by the ``Briefing`` model;
  a broken edit fails the build naming file, line and field), builds the site-wide
  ``Corpus`` and adds generated pages (home, archives, actors, topics) without writing
  into ``docs_dir``.
- ``on_page_markdown``: picks the template for each page kind.
- ``on_page_context``: hands templates the data they render. No markup here.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from pydantic import ValidationError

from generator.check import check_briefing
from generator.errors import FrontMatterError
from generator.taxonomy import load_taxonomy
from generator.mkdocs_plugin.config import BriefingsConfig
from generator.mkdocs_plugin.corpus import Corpus, Entry
from generator.model import Briefing
from generator.store import load_front_matter
from generator.writer import split_front_matter



def _generated(kind: str, title: str, **ids: object) -> str:
    """Markdown of a generated page: just front matter naming its template and data."""
    lines = ["---", f"template: {kind}.html", f"briefings_page: {kind}", f"title: {title!r}"]
    lines += [f"{k}: {v!r}" for k, v in ids.items()]
    return "\n".join(lines + ["---", ""])


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.facet_actors: frozenset[str] = frozenset()
        self.taxonomy: dict[str, dict] = {}

    @event_priority(-50)  # after other plugins added their files
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        prefix = self.config.briefings_dir.strip("/") + "/"
        entries, problems = [], []
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            if not file.src_uri.startswith(prefix):
                continue
            briefing = _load_briefing(Path(file.abs_src_path))
            if briefing is None:  # slow path only for broken files: precise file:line: field messages
                problems.extend(str(e) for e in check_briefing(Path(file.abs_src_path), f"{config.docs_dir}/{file.src_uri}"))
                continue
            entries.append(Entry(briefing, file.url))
        if problems:
            raise PluginError("invalid briefings (fix them or run `briefings check`):\n  " + "\n  ".join(problems))
        self.corpus = corpus = Corpus(entries, self.config.actor_min_briefings, self.config.actor_claims_max)
        self.facet_actors = corpus.facet_actors(self.config.search_actor_facets)
        self.taxonomy = _taxonomy()

        def add(src_uri: str, content: str, in_nav: bool = False) -> None:
            if files.get_file_from_path(src_uri) is None:
                level = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, src_uri, content=content, inclusion=level))

        def add_listing(base: str, title: str, count: int, **ids: object) -> None:
            """A list of briefings split into pages: base/, base/page/2/, …"""
            size = max(1, self.config.archive_page_size)
            pages = max(1, -(-count // size))
            for n in range(1, pages + 1):
                label = title if n == 1 else f"{title} (page {n})"
                add(f"{base}{f'page/{n}/' if n > 1 else ''}index.md",
                    _generated("listing", label, page_number=n, page_count=pages, listing_base=base, **ids))

        add("index.md", _generated("home", config.site_name), in_nav=True)
        add("archive/index.md", _generated("archive", "Archive"), in_nav=True)
        for month, month_entries in corpus.months.items():
            add_listing(f"archive/{month.replace('-', '/')}/", _month_title(month), len(month_entries), month=month)
        add("actors/index.md", _generated("actors", "Actors"), in_nav=True)
        for slug, actor in corpus.actors.items():
            add(f"actors/{slug}/index.md", _generated("actor", actor.name, actor=slug))
        add("topics/index.md", _generated("topics", "Topics"), in_nav=True)
        for topic, topic_entries in corpus.topics.items():
            add_listing(f"topics/{topic}/", self._topic_label(topic), len(topic_entries), topic=topic)
        add("search/index.md", _generated("search", "Search"), in_nav=True)
        return files

    def _topic_label(self, topic: str) -> str:
        return self.taxonomy.get(topic, {}).get("label", topic)

    def on_page_read_source(self, *, page, config) -> str | None:
        """Hand MkDocs a briefing's body only: its front matter was parsed and validated in
        on_files, and MkDocs' own (pure-Python) YAML parse of it would double the cost."""
        if not (self.config.enabled and self.corpus) or page.file.url not in self.corpus.by_url:
            return None
        return split_front_matter(Path(page.file.abs_src_path).read_text(encoding="utf-8"))[1]

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        entry = self.corpus.by_url.get(page.file.url) if self.config.enabled and self.corpus else None
        if entry is not None:
            page.meta = {"template": "briefing.html", "title": entry.briefing.title}
        return markdown

    def on_page_context(self, context: dict, *, page, config, nav) -> dict:
        if not self.config.enabled or self.corpus is None:
            return context
        corpus = self.corpus
        context["corpus"] = corpus
        context["taxonomy"] = self.taxonomy
        context["actor_url"] = lambda name: (f"actors/{corpus.actor_slug(name)}/" if corpus.actor_slug(name) else None)
        context["topic_label"] = self._topic_label
        # The facet value for an actor: its site-wide canonical name, when it is a facet at all.
        context["actor_facet"] = lambda name: (n if (n := corpus.canonical_name(name)) in self.facet_actors else None)
        entry = corpus.by_url.get(page.file.url)
        if entry is not None:
            context["briefing"] = entry.briefing
            context["claims_by_speaker"] = _claims_by_speaker(entry.briefing)
            return context
        kind = page.meta.get("briefings_page")
        if kind == "home":
            context["latest"] = corpus.entries[: self.config.home_latest]
        elif kind == "listing":
            size = max(1, self.config.archive_page_size)
            n = int(page.meta["page_number"])
            if "month" in page.meta:
                entries = corpus.months.get(page.meta["month"], [])
                context["listing_search"] = None
            else:
                entries = corpus.topics.get(page.meta["topic"], [])
                context["listing_search"] = {"topic": self._topic_label(page.meta["topic"])}
            context["listing_entries"] = entries[(n - 1) * size : n * size]
            context["listing_total"] = len(entries)
        elif kind == "actors":
            context["actors_by_type"] = corpus.actors_by_type(self.config.actors_index_max)
        elif kind == "actor":
            actor = corpus.actors[page.meta["actor"]]
            context["actor"] = actor
            context["actor_entries"] = actor.entries[: self.config.actor_briefings_max]
            context["actor_chart"] = actor.chart()
        return context


    def on_post_build(self, *, config) -> None:
        """Index the built pages with Pagefind: a search that downloads only the index
        chunks a query needs, with facets (actor, topic, year) from data-pagefind-filter."""
        if not (self.config.enabled and self.config.search_index):
            return
        cmd = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise PluginError(f"search indexing (pagefind) failed: {detail[-1] if detail else result.returncode}")


def _load_briefing(path: Path) -> Briefing | None:
    """The briefing a file holds, or None when anything about it is invalid."""
    try:
        return Briefing.model_validate(load_front_matter(path))
    except (OSError, UnicodeDecodeError, FrontMatterError, ValidationError):
        return None


def _claims_by_speaker(briefing: Briefing) -> list[tuple[str | None, list]]:
    """Claims grouped by speaker, groups in order of first appearance, unattributed last."""
    groups: dict[str | None, list] = {}
    for claim in briefing.claims:
        groups.setdefault(claim.speaker, []).append(claim)
    return sorted(groups.items(), key=lambda kv: kv[0] is None)


def _month_title(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def _taxonomy() -> dict[str, dict]:
    return {t["id"]: t for t in load_taxonomy()}
