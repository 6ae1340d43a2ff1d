"""The whole-site view of the briefings: archives by month, actors reconciled across
briefings, topics. Pure data built once per build; the plugin turns it into pages and
templates render it."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.writer import slugify


class ActorRef(NamedTuple):
    name: str
    type: str
    role: str | None
    aliases: list[str]
    key: bool
    mentions: int


class ClaimRef(NamedTuple):
    speaker: str | None
    kind: str
    text: str
    cue: str | None
    via: str | None


@dataclass(slots=True)
class Entry:
    """One briefing as the site-wide pages see it: what lists, archives and actor pages show.
    Built from a briefing's (valid) front matter in its JSON form; the briefing's own page
    reads the full ``Briefing`` from ``path`` when it is rendered."""

    url: str  # site-relative, e.g. briefings/2021/12/slug/
    path: str  # the briefing file
    title: str
    date: dt.date
    outlet: str | None
    topics: list[str]
    summary: str
    actors: list[ActorRef]
    claims: list[ClaimRef]
    date_label: str = ""  # "7 December 2021", as lists show it
    month: str = ""  # "2021-12"

    @classmethod
    def from_front_matter(cls, data: dict, url: str, path: str) -> "Entry":
        date = dt.date.fromisoformat(str(data["date"]))
        return cls(
            url=url, path=path, title=data["title"], date=date, date_label=f"{date.day} {date:%B %Y}",
            month=f"{date.year:04d}-{date.month:02d}",
            outlet=(data.get("source") or {}).get("outlet"), topics=data.get("topics") or [],
            summary=data.get("summary") or "",
            actors=[ActorRef(a["name"], a["type"], a.get("role"), a.get("aliases") or [], bool(a.get("key")),
                             a.get("mentions", 1)) for a in data.get("actors") or []],
            claims=[ClaimRef(c.get("speaker"), c["kind"], c["text"], c.get("cue"), c.get("via"))
                    for c in data.get("claims") or []],
        )


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


@functools.lru_cache(maxsize=1 << 16)  # names recur across briefings: normalise each once
def _norm(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"^(the)\s+", "", name)
    name = re.sub(r"'s$", "", name)
    return " ".join(re.sub(r"[^\w ]+", " ", name).split())


def sort_newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.date, e.title, e.url), reverse=True)


def assign_actor_slugs(names: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """A distinct slug for every actor page (key: (type, normalised name) -> its name).
    Names in any script are transliterated (``slugify``); names that meet on one slug (Zoé and
    Zoë, or one name as a person and as a place) are taken in sorted (name, key) order: the
    first keeps the plain slug, each other one gets a short hash of its type and name, which
    does not depend on the rest of the archive."""
    by_slug: dict[str, list[tuple[str, tuple[str, str]]]] = defaultdict(list)
    for key, name in names.items():
        by_slug[slugify(name, fallback="actor")].append((name, key))
    result: dict[tuple[str, str], str] = {}
    taken = set(by_slug)
    for slug, members in sorted(by_slug.items()):
        members.sort()
        result[members[0][1]] = slug
        for name, key in members[1:]:
            digest = hashlib.sha1(f"{key[0]}\0{name}".encode("utf-8")).hexdigest()
            size = 6
            while f"{slug}-{digest[:size]}" in taken:  # a real name that reads like slug-hash
                size += 2
            result[key] = f"{slug}-{digest[:size]}"
            taken.add(result[key])
    return result


class _Group:
    """An actor being reconciled: every mention of it across briefings."""

    __slots__ = ("name", "type", "roles", "aliases", "entries", "key", "mentions")

    def __init__(self, name: str, atype: str):
        self.name, self.type, self.key = name, atype, 0
        self.roles: dict[str, int] = defaultdict(int)
        self.aliases: dict[str, None] = {}
        self.entries: dict[str, Entry] = {}
        self.mentions: dict[str, int] = defaultdict(int)


ROLES_SHOWN = 5  # an actor's most frequent roles; a head of state has been given dozens


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
            for t in e.topics:
                topics[t].append(e)
        return dict(sorted(topics.items()))

    # -- actors -------------------------------------------------------------
    def _reconcile_actors(self, min_briefings: int, claims_max: int) -> dict[str, ActorPage]:
        """One page per real-world actor: an actor whose canonical name is another's alias
        (same type) joins it, so "Biden" in one briefing and "Joe Biden" in another meet."""
        groups: dict[tuple[str, str], _Group] = {}
        alias_owner: dict[tuple[str, str], tuple[str, str]] = {}
        by_name: dict[str, list[tuple[Entry, ActorRef]]] = defaultdict(list)
        for entry in self.entries:
            for actor in entry.actors:
                by_name[actor.name].append((entry, actor))
        # Fullest names first so short forms find the group a full name already made.
        for name in sorted(by_name, key=lambda n: (-len(n), n)):
            norm = _norm(name)
            for entry, actor in by_name[name]:
                key = (actor.type, norm)
                target = key if key in groups else alias_owner.get(key, key)
                group = groups.get(target)
                if group is None:
                    group = groups[target] = _Group(name, actor.type)
                if actor.role:
                    group.roles[actor.role] += 1
                aliases = group.aliases
                for alias in (name, *actor.aliases):
                    if alias not in aliases:
                        aliases[alias] = None  # an ordered set
                        alias_owner.setdefault((actor.type, _norm(alias)), target)
                group.entries[entry.url] = entry
                group.key += actor.key
                group.mentions[entry.month] += actor.mentions
        pages: dict[str, ActorPage] = {}
        names_to_slug: dict[str, str] = {}
        position = {e.url: i for i, e in enumerate(self.entries)}  # newest first
        in_page: dict[str, dict[str, Entry]] = {}
        # A page for every actor a reader may follow across briefings: recurring, or central
        # to a story. A one-off minor actor's page would repeat its one briefing (and, in a
        # large archive, outnumber the briefings themselves).
        paged = {k: g for k, g in sorted(groups.items()) if len(g.entries) >= min_briefings or g.key}
        slugs = assign_actor_slugs({key: g.name for key, g in paged.items()})
        for (atype, norm), g in paged.items():
            slug = slugs[(atype, norm)]
            roles = sorted(g.roles, key=lambda r: -g.roles[r])[:ROLES_SHOWN]  # most given first
            page = ActorPage(slug=slug, name=g.name, type=atype, roles=roles,
                             aliases=sorted(set(g.aliases) - {g.name}),
                             entries=sorted(g.entries.values(), key=lambda e: position[e.url]),
                             mentions_by_month=sorted(g.mentions.items()), key_in=g.key)
            pages[slug] = page
            in_page[slug] = g.entries
            for alias in g.aliases:
                names_to_slug.setdefault(_norm(alias), slug)
        self._names_to_slug = names_to_slug
        # Each claim joins the page of its speaker (newest first), when that actor is in its briefing.
        for e in self.entries:
            for claim in e.claims:
                slug = names_to_slug.get(_norm(claim.speaker)) if claim.speaker else None
                if slug and len(pages[slug].claims) < claims_max and e.url in in_page[slug]:
                    pages[slug].claims.append((e, claim))
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
