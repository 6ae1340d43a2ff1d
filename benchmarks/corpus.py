"""A synthetic, deterministic corpus of articles in the reference ``.txt`` format.

Recombines the paragraphs (hence the sentence shapes: quotes, attributions, figures, dates,
crossheads) of the bundled samples and of the seed article (when ``../shared/seeds`` is
beside the repository), with every name and number replaced by seeded substitutes:

- capitalised words that are not ordinary English (not seen in lower case in the sources,
  not a weekday, month or title) are names; within one article the same source name always
  gets the same substitute, so "Clara Voss ... Voss said" still co-refer;
- substitutes come from invented pools (first names, surnames, places, organisations) with
  a skewed choice, so a few actors recur across many articles, as in a real archive;
- digits are replaced digit by digit (years stay plausible years);
- datelines are spread over 2015-2025, so the archive has ~130 months.

Each article has 5-12 paragraphs and ~300-600 words: the lead of one source article, then
its other paragraphs mixed with paragraphs borrowed from the others.

    python benchmarks/corpus.py 1000 /tmp/corpus [--seed 0]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "articles"
SEEDS = ROOT.parent / "shared" / "seeds"

_DATELINE = re.compile(r"^\s*date\s+\S+\s*", re.I)
_BOILERPLATE = re.compile(r"^(read also|also read|read more|related|see also|sources?|categories|tags)\b", re.I)
# A token: a capitalised word (letters, inner apostrophes/hyphens), a digit run, or anything else.
_TOKEN = re.compile(r"(?P<cap>[A-Z][a-zA-Z\u00C0-\u017F]+(?:[-'’][A-Za-z\u00C0-\u017F]+)*)|(?P<num>\d+)|(?P<other>[^A-Z\d]+|.)")

KEEP = set("""
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December President Minister Prime Foreign Finance Secretary General
Secretary-General Chief Mr Mrs Ms Dr Sir Lord The A An In On At Of For And But Or If When While After
Before As It He She They We I You His Her Their Its This That These Those There Here What Who Why How
Under Over Two Three Four Five Six Seven Eight Nine Ten One According Meanwhile Per Union League
Commission Alliance Agency Group Council Ministry Department Party Court Bank Foods Freight Airlines
Motors Institute University Hospital Press Times Post News Daily Herald Courier Agency Association
Federation Committee Office Board Authority Service Police Army Navy National Security Advisor State
Europe European Eastern Western Northern Southern US UK EU UN NATO Street North South East West Cup Open
""".split())

FIRST = """Anna Ben Clara Dmitri Elena Farid Greta Hugo Ines Jonas Kira Luca Maja Nils Olga Pavel Rosa
Sami Tara Ulf Vera Wim Yara Zoe Aiden Bianca Cyrus Dalia Emil Freya Goran Hana Ivo Jana Karim Lena
Marek Nora Oskar Petra Rafael Sofia Tomas Una Viktor Wanda Xavier Yusuf Zara Alma Bruno Celia Dario
Edith Felix Gaia Henrik Ilse Jakob Kaia Leon Mira Noel Odile Piet Quinn Runa Stefan Tilde Uwe Valeria
Anders Beatrix Caspar Dana Eero Fiona Gustav Helga Ingrid Jorge Kristof Liv Magnus Nadia Orla Pia
Ray Signe Teodor Ursula Vidar Wilma""".split()
_SYL_A = "Al Ber Cor Dal El Fen Gar Hal Ist Jor Kal Lind Mar Nor Ost Per Quar Ros Sal Tor Ul Val Wes Yr Zan Brek Strom Vel Hav Krist".split()
_SYL_B = "berg strand vik holm dahl mark gren stad lund wick sen ton field ford ley mont rath worth by ness haven dorf vale croft mere stead".split()
_ORG_TAIL = "Holdings|Group|Energy|Logistics|Foods|Motors|Bank|Pharma|Telecom|Airlines|Mining|Insurance".split("|")
_PLACE_TAIL = ["ia", "a", "ora", "en", "mark", "port"]


def _pools(rng: random.Random) -> dict[str, list[str]]:
    """Invented names, made once per seed; order matters (skewed choice favours the front)."""
    surnames = sorted({a + b for a in _SYL_A for b in _SYL_B})
    rng.shuffle(surnames)
    places = sorted({a + b[:3].rstrip("aeiouy") + t for a in _SYL_A for b in _SYL_B for t in _PLACE_TAIL} - set(surnames))
    rng.shuffle(places)
    first = FIRST[:]
    rng.shuffle(first)
    return {"first": first, "surname": surnames, "place": places[:600]}


def _skewed(rng: random.Random, pool: list[str]) -> str:
    """Mostly the front of the pool (a few recurring names), with a long tail."""
    return pool[int(len(pool) * rng.random() ** 2.5)]


@lru_cache(maxsize=None)
def _sources() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """Paragraphs of every source article (dateline and boilerplate removed) and the set of
    words seen in lower case anywhere (ordinary words, not names)."""
    files = sorted(SAMPLES.glob("*.txt")) + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
    articles, lower = [], set()
    for path in files:
        text = _DATELINE.sub("", path.read_text(encoding="utf-8").lstrip(), count=1)
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
        paragraphs = [p for p in paragraphs if not _BOILERPLATE.match(p) and "©" not in p and "rights reserved" not in p.lower()]
        articles.append(tuple(paragraphs))
        lower.update(w for w in re.findall(r"[a-z][a-z'’-]+", text))
    return tuple(articles), frozenset(lower)


@lru_cache(maxsize=None)
def _template(paragraph: str) -> tuple[tuple[str, str], ...]:
    """A paragraph as (kind, text) segments: 'lit' kept, 'name' / 'num' replaced."""
    _, lower = _sources()
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(paragraph):
        if m.group("cap"):
            word = m.group("cap")
            base = re.sub(r"['’]s$", "", word)
            if word in KEEP or base.lower() in lower or len(base) < 3 or base.isupper():
                out.append(("lit", word))
            else:
                out.append(("name", word))
        elif m.group("num"):
            out.append(("num", m.group("num")))
        else:
            out.append(("lit", m.group(0)))
    merged: list[tuple[str, str]] = []
    for kind, text in out:  # fewer, longer literal segments: faster joins
        if kind == "lit" and merged and merged[-1][0] == "lit":
            merged[-1] = ("lit", merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return tuple(merged)


class _Namer:
    """Consistent substitutes within one article."""

    def __init__(self, rng: random.Random, pools: dict[str, list[str]]):
        self.rng, self.pools, self.map = rng, pools, {}

    def name(self, word: str, prev: str, nxt: str) -> str:
        suffix = ""
        m = re.search(r"['’]s$", word)
        if m:
            word, suffix = word[: m.start()], m.group(0)
        if word not in self.map:
            rng, pools = self.rng, self.pools
            if word in FIRST or (nxt == "name" and prev != "name"):
                self.map[word] = _skewed(rng, pools["first"])  # first word of a multi-word name
            elif prev == "name":
                self.map[word] = _skewed(rng, pools["surname"])
            else:
                self.map[word] = _skewed(rng, pools["place" if rng.random() < 0.5 else "surname"])
        return self.map[word] + suffix

    def number(self, digits: str) -> str:
        rng = self.rng
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return str(rng.randint(1990, 2025))
        first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def _render(template: tuple[tuple[str, str], ...], namer: _Namer) -> str:
    parts = []
    kinds = [k for k, _ in template]
    for i, (kind, text) in enumerate(template):
        if kind == "lit":
            parts.append(text)
        elif kind == "num":
            parts.append(namer.number(text))
        else:
            # neighbouring name segments separated by a single space form one multi-word name
            prev = kinds[i - 2] if i >= 2 and template[i - 1] == ("lit", " ") else ""
            nxt = kinds[i + 2] if i + 2 < len(kinds) and template[i + 1] == ("lit", " ") else ""
            parts.append(namer.name(text, prev, nxt))
    return "".join(parts)


def make_article(rng: random.Random, pools: dict[str, list[str]]) -> str:
    """One article in the reference format: ``date YYYY-MM-DD`` + lead, then paragraphs."""
    articles, _ = _sources()
    base = articles[rng.randrange(len(articles))]
    lead, rest = base[0], list(base[1:])
    others = [p for a in articles if a is not base for p in a[1:]]
    target_paragraphs = rng.randint(5, 12)
    target_words = rng.randint(300, 600)
    chosen = [lead]
    words = len(lead.split())
    pool = rest + rng.sample(others, min(len(others), 40))
    rng.shuffle(pool)
    for p in pool:
        if len(chosen) >= target_paragraphs and words >= 300:
            break
        if words + len(p.split()) > target_words and len(chosen) >= 5:
            continue
        chosen.append(p)
        words += len(p.split())
    while chosen[-1].split() and len(chosen[-1].split()) <= 14 and not chosen[-1].endswith((".", '"', "”", "?", "!")):
        chosen.pop()  # never end on a crosshead
    namer = _Namer(rng, pools)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange((dt.date(2025, 12, 31) - dt.date(2015, 1, 1)).days + 1))
    body = "\n\n".join(_render(_template(p), namer) for p in chosen)
    return f"date {date.isoformat()} {body}\n"


def make_corpus(n: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` articles ``00000.txt`` ... into ``out_dir``; same seed, same bytes."""
    rng = random.Random(seed)
    pools = _pools(random.Random(f"pools-{seed}"))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    width = max(5, len(str(n - 1)))
    for i in range(n):
        path = out_dir / f"{i:0{width}d}.txt"
        path.write_text(make_article(rng, pools), encoding="utf-8")
        paths.append(path)
    return paths


def count_words(paths: list[Path]) -> int:
    """Words of article text the pipeline reads (whitespace-separated, dateline token excluded)."""
    return sum(len(p.read_text(encoding="utf-8").split()) - 2 for p in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    paths = make_corpus(args.n, args.out, args.seed)
    print(f"{len(paths)} articles, {count_words(paths):,} words in {time.perf_counter() - start:.2f}s -> {args.out}")


if __name__ == "__main__":
    sys.exit(main())
