"""Word lists of the claims extractor, read once from generator/resources/claims_*.txt."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def _lines(name: str) -> list[str]:
    out = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for line in _lines(name) for w in line.split())


CUE_CLASS: dict[str, str] = {}
for _line in _lines("claims_cues.txt"):
    _cls, *_forms = _line.split()
    for _f in _forms:
        CUE_CLASS.setdefault(_f.lower(), _cls)

NOMINAL = _words("claims_nominal.txt")
TITLES = _words("claims_titles.txt")
SOURCE_NOUNS = _words("claims_sources.txt") | _words("claims_study.txt")  # documents speak too
STUDY_NOUNS = _words("claims_study.txt")

# Stance of a cue word ("denied", "denial" -> denied; "disputed" -> disputed), and the nouns
# naming a proposition a stance verb takes ("rejected claims that ...").
STANCE: dict[str, str] = {}
PROPOSITION_NOUNS: set[str] = set()
for _line in _lines("claims_stance.txt"):
    _key, _, _rest = _line.partition(":")
    for _w in _rest.split():
        if _key == "props":
            PROPOSITION_NOUNS.add(_w.lower())
        else:
            STANCE.setdefault(_w.lower(), _key)


def stance_of(cue: str | None) -> str:
    """"denied" / "disputed" when the cue's last word denies or questions, else "asserted"."""
    if not cue:
        return "asserted"
    words = cue.lower().split()
    return STANCE.get(words[-1], "asserted") if words else "asserted"


# Cues whose reported content may be a wh-clause ("noted how …", "explained why …").
WH_CUES = frozenset(
    "note notes noted explain explains explained describe describes described detail details detailed "
    "reveal reveals revealed recount recounts recounted recall recalls recalled outline outlines outlined".split())

# Words that negate a reporting verb before it ("did not say", "never confirmed").
NEGATORS = frozenset("not n't never no nor neither".split())
# Documents and channels a statement is made in ("a statement saying", "issued a statement.").
CHANNEL_NOUNS = frozenset(
    "statement statements letter letters message note release post tweet email e-mail memo communique "
    "communiqué notice filing report remarks interview speech address briefing television radio "
    "broadcast podcast blog website".split())

OUTLET_WORDS: set[str] = set()
OUTLET_NAMES: set[str] = set()
OUTLET_LOWER: list[str] = []
for _line in _lines("claims_outlets.txt"):
    _key, _, _rest = _line.partition(":")
    if _key == "words":
        OUTLET_WORDS.update(_rest.split())
    elif _key == "names":
        OUTLET_NAMES.update(n.strip().lower() for n in _rest.split("|") if n.strip())
    elif _key == "lower":
        OUTLET_LOWER.extend(n.strip() for n in _rest.split("|") if n.strip())
_OUTLET_LOWER_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, OUTLET_LOWER)) + r")\b", re.I)

# Verbs taking a listener before the reported clause ("told reporters that ...").
OBJECT_VERBS = frozenset(
    "tell tells told assure assures assured reassure reassured warn warns warned inform informs informed "
    "remind reminds reminded promise promises promised ask asks asked urge urges urged".split())
PASSIVE_AUX = frozenset("is was were are be been being am".split())
SUBORDINATORS = frozenset(
    "although though while whilst when whenever if because as since after before once unless until whereas "
    "even".split())
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "group", "we": "group", "i": "person"}
DETERMINERS = frozenset("the a an this that these those its his her their our my your some several many".split())
PREPOSITIONS = frozenset(
    "in on at by for from with about over under to of into during after before since through across against "
    "among amid between despite per via like near without within upon toward towards".split())
# Capitalised words that never start a name: sentence-initial function words.
FUNCTION_CAPS = frozenset(
    "the a an in on at by for from with about after before when while although though but and or if as "
    "since because meanwhile however also yesterday today tonight this that these those it he she they we "
    "i his her their its our both some many several other last earlier later per according speaking asked "
    "of to so then still yet even now there here what which who where how why all each every no not one "
    "monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr".split()) - {"mr", "mrs", "ms", "dr"}
ADVERBS = frozenset(
    "also later earlier previously then again further reportedly repeatedly recently once publicly privately "
    "separately first initially subsequently already yesterday today tonight too has have had would will "
    "could did does do 'd 'll just only still however meanwhile now".split())
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
CLAUSE_STOP = frozenset(
    "that which who whom whose where when while because although though if but and or as said says told "
    "than so".split())
ORG_WORDS = frozenset(
    "agency ministry department party authority association government council company corporation corp "
    "inc ltd group news post times union university court commission committee army forces force bank "
    "office house movement project conference church organization organisation institute foundation society "
    "league federation assembly parliament congress senate police service board bureau center centre club "
    "team airlines airways motors media network television radio press herald gazette journal world "
    "administration embassy navy military command fund programme program council".split())


@lru_cache(maxsize=1 << 14)  # asked for every actor name and alias of every article, and for each source phrase
def is_outlet(name: str | None) -> bool:
    """Does ``name`` look like a news outlet (NY Post, Daily Mail, al-Ikhbariya television)?"""
    if not name:
        return False
    low = name.lower().strip()
    if low.startswith("the "):
        low = low[4:]
    if low in OUTLET_NAMES or ("the " + low) in OUTLET_NAMES:
        return True
    words = re.findall(r"[\w\-]+", name)
    if any(w in OUTLET_WORDS for w in words):
        return True
    return bool(_OUTLET_LOWER_RE.search(name))


# Definite descriptions that refer back to a named actor: head noun -> class(es).
ANAPHOR_CLASS: dict[str, tuple[str, ...]] = {}
ANAPHOR_MODS: set[str] = set()
for _line in _lines("claims_anaphora.txt"):
    _key, _, _rest = _line.partition(":")
    for _w in _rest.split():
        if _key == "mods":
            ANAPHOR_MODS.add(_w.lower())
        else:
            ANAPHOR_CLASS[_w.lower()] = ANAPHOR_CLASS.get(_w.lower(), ()) + (_key,)
