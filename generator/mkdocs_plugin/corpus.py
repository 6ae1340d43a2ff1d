"""The whole-site view of the briefings: archives by month, actors reconciled across
briefings, topics. Pure data built once per build; the plugin turns it into pages and
templates render it."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import Briefing
from generator.writer import slugify


@dataclass
class Entry:
    """One briefing as the index pages see it."""

    briefing: Briefing
    url: str  # site-relative, e.g. briefings/2021/12/slug/

    @property
    def month(self) -> str:
        return self.briefing.date.strftime("%Y-%m")


@dataclass
class ActorPage:
    slug: str
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # newest first
    mentions_by_month: list[tuple[str, int]] = field(default_factory=list)
    claims: list[tuple[Entry, object]] = field(default_factory=list)
    key_in: int = 0

    @property
    def url(self) -> str:
        return f"actors/{self.slug}/"

    def chart(self, max_bars: int = 24) -> list[tuple[str, int]]:
        """Mentions over time as (label, count) bars, empty months and years included so the
        gaps show: per month, or per year when the span has more months than fit."""
        counts = dict(self.mentions_by_month)
        first, last = min(counts), max(counts)
        y0, m0, y1, m1 = int(first[:4]), int(first[5:]), int(last[:4]), int(last[5:])
        span = (y1 - y0) * 12 + (m1 - m0) + 1
        if span <= max_bars:
            months = [f"{y0 + (m0 - 1 + i) // 12:04d}-{(m0 - 1 + i) % 12 + 1:02d}" for i in range(span)]
            return [(f"{m[5:]}/{m[2:4]}", counts.get(m, 0)) for m in months]
        years = {f"{y:04d}": 0 for y in range(y0, y1 + 1)}
        for month, count in counts.items():
            years[month[:4]] += count
        return list(years.items())


def _norm(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"^(the)\s+", "", name)
    name = re.sub(r"'s$", "", name)
    return " ".join(re.sub(r"[^\w ]+", " ", name).split())


def sort_newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.briefing.date, e.briefing.title, e.url), reverse=True)


class Corpus:
    def __init__(self, entries: list[Entry], min_briefings: int = 2, claims_max: int = 50):
        self.entries = sort_newest_first(entries)
        self.by_url = {e.url: e for e in self.entries}
        self.actors = self._reconcile_actors(min_briefings, claims_max)
        self.months = self._months()
        self.topics = self._topics()

    # -- archives -----------------------------------------------------------
    def _months(self) -> dict[str, list[Entry]]:
        months: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            months[e.month].append(e)
        return dict(sorted(months.items(), reverse=True))

    # -- topics -------------------------------------------------------------
    def _topics(self) -> dict[str, list[Entry]]:
        topics: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            for t in e.briefing.topics:
                topics[t].append(e)
        return dict(sorted(topics.items()))

    # -- actors -------------------------------------------------------------
    def _reconcile_actors(self, min_briefings: int, claims_max: int) -> dict[str, ActorPage]:
        """One page per real-world actor: an actor whose canonical name is another's alias
        (same type) joins it, so "Biden" in one briefing and "Joe Biden" in another meet."""
        groups: dict[tuple[str, str], dict] = {}
        alias_owner: dict[tuple[str, str], tuple[str, str]] = {}
        # Fullest names first so short forms find the group a full name already made.
        mentions = [(e, a) for e in self.entries for a in e.briefing.actors]
        mentions.sort(key=lambda ea: (-len(ea[1].name), ea[1].name, ea[0].url))
        speakers = {e.url: {_norm(c.speaker) for c in e.briefing.claims if c.speaker} for e in self.entries}
        for entry, actor in mentions:
            key = (actor.type, _norm(actor.name))
            target = key if key in groups else alias_owner.get(key, key)
            group = groups.setdefault(target, {"name": actor.name, "type": actor.type, "roles": [], "aliases": [],
                                               "entries": {}, "key": 0, "speaks": False,
                                               "mentions": defaultdict(int)})
            if actor.role and actor.role not in group["roles"]:
                group["roles"].append(actor.role)
            for alias in [actor.name, *actor.aliases]:
                if alias not in group["aliases"]:
                    group["aliases"].append(alias)
                alias_owner.setdefault((actor.type, _norm(alias)), target)
            group["entries"][entry.url] = entry
            group["key"] += actor.key
            group["speaks"] |= any(_norm(n) in speakers[entry.url] for n in [actor.name, *actor.aliases])
            group["mentions"][entry.month] += actor.mentions
        pages: dict[str, ActorPage] = {}
        names_to_slug: dict[str, str] = {}
        for (atype, norm), g in sorted(groups.items()):
            # A page for every actor a reader may follow: central somewhere, recurring, or quoted
            # (so each claim's speaker links to the speaker's page).
            if len(g["entries"]) < min_briefings and not g["key"] and not g["speaks"]:
                continue
            slug = slugify(g["name"])
            if slug in pages:
                slug = f"{slug}-{atype}"
            page = ActorPage(slug=slug, name=g["name"], type=atype, roles=g["roles"],
                             aliases=sorted(set(g["aliases"]) - {g["name"]}),
                             entries=sort_newest_first(list(g["entries"].values())),
                             mentions_by_month=sorted(g["mentions"].items()), key_in=g["key"])
            pages[slug] = page
            for alias in g["aliases"]:
                names_to_slug.setdefault(_norm(alias), slug)
        self._names_to_slug = names_to_slug
        for page in pages.values():
            names = {_norm(n) for n in [page.name, *page.aliases]}
            for e in page.entries:
                for claim in e.briefing.claims:
                    if claim.speaker and _norm(claim.speaker) in names and len(page.claims) < claims_max:
                        page.claims.append((e, claim))
        return dict(sorted(pages.items(), key=lambda kv: (-len(kv[1].entries), kv[1].name)))

    def actors_by_type(self, limit: int) -> list[tuple[str, list[ActorPage], int]]:
        """(type, the ``limit`` actors in most briefings, how many there are) per actor type."""
        result = []
        for atype in ("person", "org", "place", "group"):
            of_type = [a for a in self.actors.values() if a.type == atype]
            if of_type:
                result.append((atype, of_type[:limit], len(of_type)))
        return result

    def facet_actors(self, limit: int) -> frozenset[str]:
        """Canonical names of the actors worth a search facet: key somewhere and in more than
        one briefing (a value that selects one briefing is noise), at most ``limit`` of them,
        those in most briefings first. Every value adds to the filter data each search
        downloads, so the facet stays bounded however large the archive grows."""
        recurring = [a for a in self.actors.values() if a.key_in and len(a.entries) > 1]
        return frozenset(a.name for a in recurring[:limit])  # self.actors is sorted by briefings

    def canonical_name(self, name: str) -> str | None:
        slug = self.actor_slug(name)
        return self.actors[slug].name if slug else None

    def actor_slug(self, name: str | None) -> str | None:
        """Slug of the actor page for a name or alias, when the site has one."""
        return self._names_to_slug.get(_norm(name)) if name else None
