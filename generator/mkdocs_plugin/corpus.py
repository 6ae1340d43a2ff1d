"""The whole-site view of the briefings: archives by month, actors reconciled across
briefings, topics. Pure data built once per build; the plugin turns it into pages and
templates render it."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from itertools import chain
from collections import Counter, defaultdict
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
    stance: str = "asserted"  # asserted | denied | disputed
    speaker_actor: str | None = None  # the actor a described speaker belongs to


def date_label(date: dt.date) -> str:
    """The one way the site writes a date: "9 December 2021"."""
    return f"{date.day} {_month_label(date.year, date.month)}"


@functools.lru_cache(maxsize=4096)  # every briefing of a month shares its label: format it once
def _month_label(year: int, month: int) -> str:
    return f"{dt.date(year, month, 1):%B %Y}"


def date_text(value: str) -> str:
    """A front-matter date of any precision as the site writes dates: "2021-12-09" ->
    "9 December 2021", "2021-12" -> "December 2021", "2021" -> "2021" (anything else as given)."""
    try:
        if len(value) == 10:
            return date_label(dt.date.fromisoformat(value))
        if len(value) == 7:
            return f"{dt.date.fromisoformat(value + '-01'):%B %Y}"
    except ValueError:
        pass
    return value


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
    timeline: list[tuple[str, str]] = field(default_factory=list)  # (YYYY[-MM[-DD]], what happened)
    slugs: list[str] = field(default_factory=list)  # actor pages of its actors (key first), set by Corpus
    key_slugs: list[str] = field(default_factory=list)  # actor pages of its key actors, set by Corpus

    @classmethod
    def from_front_matter(cls, data: dict, url: str, path: str) -> "Entry":
        date = dt.date.fromisoformat(str(data["date"]))
        return cls(
            url=url, path=path, title=data.get("headline") or data["title"], date=date, date_label=date_label(date),
            month=f"{date.year:04d}-{date.month:02d}",
            outlet=(data.get("source") or {}).get("outlet"), topics=data.get("topics") or [],
            summary=data.get("summary") or "",
            actors=[ActorRef(a["name"], a["type"], a.get("role"), a.get("aliases") or [], bool(a.get("key")),
                             a.get("mentions", 1)) for a in data.get("actors") or []],
            claims=[ClaimRef(c.get("speaker"), c["kind"], c["text"], c.get("cue"), c.get("via"),
                             c.get("stance") or "asserted", c.get("speaker_actor"))
                    for c in data.get("claims") or []],
            timeline=[(str(t["date"]), t.get("event") or t["text"]) for t in data.get("timeline") or []],
        )


@functools.lru_cache(maxsize=12)  # a chart bar per month of every actor: format each month once
def _month_abbreviation(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%b")


class RoleSeen(NamedTuple):
    """A role an actor was given, how often, and the dates of the first and last briefing giving it."""

    role: str
    count: int
    first: dt.date
    last: dt.date


@dataclass
class ActorPage:
    slug: str
    name: str
    type: str
    roles: list[RoleSeen] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # newest first
    mentions_by_month: list[tuple[str, int]] = field(default_factory=list)
    claims: list[tuple[Entry, object]] = field(default_factory=list)
    key_in: int = 0
    speaker: bool = False  # speaks in a claim somewhere
    _positions: dict[str, int] | None = None  # entry url -> index in entries, made on first use

    @property
    def url(self) -> str:
        return f"actors/{self.slug}/"

    def position(self, url: str) -> int | None:
        """Index of a briefing in this actor's list (newest first), None when it is not there."""
        if self._positions is None:
            self._positions = {e.url: i for i, e in enumerate(self.entries)}
        return self._positions.get(url)

    def chart(self, max_bars: int = 24) -> list[tuple[str, int, str]]:
        """Mentions over time as (label, count, year label) bars, empty months and years
        included so the gaps show: per month ("Dec", with the year under the first bar and
        every January), or per year when the span has more months than fit."""
        counts = dict(self.mentions_by_month)
        first, last = min(counts), max(counts)
        y0, m0, y1, m1 = int(first[:4]), int(first[5:]), int(last[:4]), int(last[5:])
        span = (y1 - y0) * 12 + (m1 - m0) + 1
        if span <= max_bars:
            bars = []
            for i in range(span):
                year, month = y0 + (m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1
                bars.append((_month_abbreviation(month), counts.get(f"{year:04d}-{month:02d}", 0), str(year) if i == 0 or month == 1 else ""))
            return bars
        years = {f"{y:04d}": 0 for y in range(y0, y1 + 1)}
        for month, count in counts.items():
            years[month[:4]] += count
        return [(year, count, "") for year, count in years.items()]

    def cooccurring(self, entries_max: int, limit: int) -> list[tuple[str, int]]:
        """(slug, shared briefings) of the actors with pages seen beside this one in two or more
        of its newest ``entries_max`` briefings (once is what its briefing's page shows), at
        most ``limit``, most shared first then by slug."""
        if len(self.entries) < 2:
            return []
        counts = Counter(chain.from_iterable(entry.slugs for entry in self.entries[:entries_max]))
        counts.pop(self.slug, None)
        return sorted(((s, n) for s, n in counts.items() if n > 1), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def timeline(self, entries_max: int) -> list[tuple[str, str, Entry]]:
        """This actor's dated events across its newest ``entries_max`` briefings, oldest first:
        (date, what happened, the briefing telling it) for each timeline event that names the
        actor by any of its names."""
        names = [self.name, *self.aliases]
        events = []
        for entry in self.entries[:entries_max]:
            for date, event in entry.timeline:
                for name in names:
                    if name in event:
                        events.append((date, event, entry))
                        break
        return sorted(events, key=lambda ev: (ev[0], ev[2].url, ev[1]))


_LEADING_THE = re.compile(r"^(the)\s+")
_POSSESSIVE = re.compile(r"'s$")
_NOT_WORD = re.compile(r"[^\w ]+")


def _normalise(name: str) -> str:
    """The form names are matched in: case, a leading "the", a possessive and punctuation do
    not tell two names apart ("The Harbour Board's" meets "harbour board")."""
    name = name.lower()
    if not name.startswith("the") and not _NOT_WORD.search(name):  # most names: words and spaces only
        return " ".join(name.split())
    name = name.replace("’", "'")
    name = _LEADING_THE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    return " ".join(_NOT_WORD.sub(" ", name).split())


# Lookups by name while pages render: the same few names (a page's actors, claim speakers) recur.
_norm = functools.lru_cache(maxsize=1 << 16)(_normalise)


def _normalised_names(entries: list[Entry]) -> dict[str, str]:
    """Every actor name, alias and claim speaker of the briefings -> its normalised form. The
    same names recur in thousands of briefings: each is normalised once and then looked up."""
    names = set()
    for entry in entries:
        for actor in entry.actors:
            names.add(actor.name)
            names.update(actor.aliases)
        for claim in entry.claims:
            names.add(claim.speaker)
            names.add(claim.speaker_actor)
    names.discard(None)
    return {name: _normalise(name) for name in names}


def _speakers(entry: Entry, norms: dict[str, str]) -> set[str]:
    """Names of the briefing's actors that speak in one of its claims (by name, alias, or as
    the actor a described speaker belongs to); ``norms`` holds every name's normalised form."""
    said = {norms[n] for c in entry.claims for n in (c.speaker, c.speaker_actor) if n}
    if not said:
        return set()
    return {a.name for a in entry.actors if norms[a.name] in said or any(norms[al] in said for al in a.aliases)}


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

    __slots__ = ("name", "type", "roles", "aliases", "entries", "key", "mentions", "speaker")

    def __init__(self, name: str, atype: str):
        self.name, self.type, self.key, self.speaker = name, atype, 0, False
        self.roles: dict[str, list] = {}  # role -> [count, first date, last date]
        self.aliases: dict[str, None] = {}
        self.entries: set[int] = set()  # positions of its briefings in the corpus, newest first
        self.mentions: dict[str, int] = defaultdict(int)


ROLES_SHOWN = 5  # an actor's most frequent roles; a head of state has been given dozens


class Corpus:
    def __init__(self, entries: list[Entry], min_briefings: int = 2, claims_max: int = 50):
        self.entries = sort_newest_first(entries)
        self.by_url = {e.url: e for e in self.entries}
        self._position = {e.url: i for i, e in enumerate(self.entries)}  # newest first
        self._names_to_slug: dict[str, str] = {}
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
        norms = _normalised_names(self.entries)
        groups = self._group_mentions(norms)
        # A page for every actor a reader may follow across briefings: recurring, central to a
        # story, or speaking in one (a reader meets its name as the source of a claim). A one-off
        # minor actor's page would repeat its one briefing (and, in a large archive, outnumber
        # the briefings themselves).
        paged = {k: groups[k] for k in sorted(k for k, g in groups.items()
                                              if len(g.entries) >= min_briefings or g.key or g.speaker)}
        slugs = assign_actor_slugs({key: g.name for key, g in paged.items()})
        pages: dict[str, ActorPage] = {}
        names_to_slug: dict[str, str] = {}
        in_page: dict[str, set[int]] = {}  # slug -> positions of the actor's briefings
        for key, g in paged.items():
            slug = slugs[key]
            roles = [RoleSeen(role, *g.roles[role])  # most given first
                     for role in sorted(g.roles, key=lambda r: (-g.roles[r][0], r))[:ROLES_SHOWN]]
            pages[slug] = ActorPage(slug=slug, name=g.name, type=g.type, roles=roles,
                                    aliases=sorted(set(g.aliases) - {g.name}),
                                    entries=[self.entries[i] for i in sorted(g.entries)],  # newest first
                                    mentions_by_month=sorted(g.mentions.items()), key_in=g.key, speaker=g.speaker)
            in_page[slug] = g.entries
            for alias in g.aliases:
                names_to_slug.setdefault(norms[alias], slug)
        self._names_to_slug = names_to_slug
        slug_of = {name: names_to_slug.get(norm) for name, norm in norms.items()}  # None: no page
        for i, e in enumerate(self.entries):
            # Each claim joins the page of its speaker (newest first), when that actor is in its
            # briefing: the actor a described speaker belongs to, else the speaker's own name.
            for claim in e.claims:
                slug = (claim.speaker_actor and slug_of[claim.speaker_actor]) or (claim.speaker and slug_of[claim.speaker])
                if slug and len(pages[slug].claims) < claims_max and i in in_page[slug]:
                    pages[slug].claims.append((e, claim))
            # Actor pages of the briefing's actors, key actors first: links, facets, related
            # briefings. An ordered set: a page met twice (two names of one actor) counts once.
            key_slugs = dict.fromkeys(slug_of[a.name] for a in e.actors if a.key)
            slugs = dict.fromkeys([*key_slugs, *(slug_of[a.name] for a in e.actors if not a.key)])
            key_slugs.pop(None, None)
            slugs.pop(None, None)
            e.slugs, e.key_slugs = list(slugs), list(key_slugs)
        return dict(sorted(pages.items(), key=lambda kv: (-len(kv[1].entries), kv[1].name)))

    def _group_mentions(self, norms: dict[str, str]) -> dict[tuple[str, str], _Group]:
        """Every actor mention of every briefing joined into groups keyed (type, normalised
        name). Fullest names are taken first, so a short form finds the group a full name (with
        the short form among its aliases) already made. Groups never mix types, and all
        mentions of one name as one type join the same group, so each (name, type) finds its
        group once and then adds its mentions."""
        mentions: dict[tuple[str, str], list[tuple[int, ActorRef, bool]]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            speakers = _speakers(entry, norms)
            for actor in entry.actors:
                mentions[(actor.name, actor.type)].append((i, actor, actor.name in speakers))
        groups: dict[tuple[str, str], _Group] = {}
        alias_owner: dict[tuple[str, str], tuple[str, str]] = {}
        entries = self.entries
        by_length = sorted(mentions)  # then longest first: a stable sort keeps names in order within a length
        by_length.sort(key=lambda name_type: len(name_type[0]), reverse=True)
        for name, atype in by_length:
            key = (atype, norms[name])
            target = key if key in groups else alias_owner.get(key, key)
            group = groups.get(target)
            if group is None:
                group = groups[target] = _Group(name, atype)
            aliases, roles, months, positions = group.aliases, group.roles, group.mentions, group.entries
            if name not in aliases:
                aliases[name] = None  # an ordered set
                alias_owner.setdefault(key, target)
            for i, actor, speaks in mentions[(name, atype)]:
                entry = entries[i]
                if actor.role:
                    seen = roles.get(actor.role)
                    if seen is None:
                        roles[actor.role] = [1, entry.date, entry.date]
                    else:
                        seen[0] += 1
                        if entry.date < seen[1]:
                            seen[1] = entry.date
                        elif entry.date > seen[2]:
                            seen[2] = entry.date
                if speaks:
                    group.speaker = True
                for alias in actor.aliases:
                    if alias not in aliases:
                        aliases[alias] = None
                        alias_owner.setdefault((atype, norms[alias]), target)
                positions.add(i)
                group.key += actor.key
                months[entry.month] += actor.mentions
        return groups

    # -- story navigation ---------------------------------------------------------------
    def neighbours(self, entry: Entry) -> tuple[Entry | None, Entry | None]:
        """(the briefing before this one in time, the one after it)."""
        i = self._position[entry.url]
        return (self.entries[i + 1] if i + 1 < len(self.entries) else None, self.entries[i - 1] if i else None)

    def related(self, entry: Entry, limit: int, window: int = 8) -> list[Entry]:
        """At most ``limit`` other briefings sharing key actors with this one: those sharing
        most, then nearest in time, then by URL. Candidates are the ``window`` briefings on each
        side of it in each key actor's own list, so the cost per briefing stays bounded however
        many briefings an actor has."""
        shared: dict[str, int] = defaultdict(int)
        for slug in entry.key_slugs:
            actor = self.actors[slug]
            i = actor.position(entry.url)
            if i is None:  # the name led to another actor's page (a shared alias): not this briefing's actor
                continue
            for other in actor.entries[max(0, i - window): i + window + 1]:
                if other.url != entry.url:
                    shared[other.url] += 1
        own = entry.date.toordinal()
        ranked = sorted(shared, key=lambda url: (-shared[url], abs(self.by_url[url].date.toordinal() - own), url))
        return [self.by_url[url] for url in ranked[:limit]]

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
