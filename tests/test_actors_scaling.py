"""The actors stage grows linearly with the number of distinct names in an article.

Alias merging used to compare every surface form with every other, and ``resolve_actor``
scanned every actor for each question; an article with four times the names took about
sixteen times as long. Measured in CPU time (other load on the machine does not count),
best of three, with a generous bound.
"""
from __future__ import annotations

from tests.conftest import best_cpu_seconds


_SYLLABLES = ["ka", "lo", "mer", "vin", "tas", "du", "ren", "ol", "bri", "san", "te", "gor", "pha", "lim", "zu"]


def _invented_word(i: int, role: int) -> str:
    """A made-up capitalised word, different for every i < 12,000 and role < 4."""
    k = (i * 4 + role) * 7919 % len(_SYLLABLES) ** 4  # 7919 is coprime with 15**4: no repeats
    out = ""
    for _ in range(4):
        k, digit = divmod(k, len(_SYLLABLES))
        out += _SYLLABLES[digit]
    return out.capitalize()


def _paragraphs(n: int) -> str:
    """n paragraphs, each with a new person (full name, then surname), a new organisation
    (full name, then its acronym) and a new town: the number of forms grows with n."""
    out = []
    for i in range(n):
        first, last, org, town = (_invented_word(i, role) for role in range(4))
        acronym = f"{org[0]}{last[0]}A"
        out.append(f"{first} {last}, who leads the {org} {last} Agency ({acronym}), "
                   f"visited {town} on Monday. \"We need {i + 3} more buses,\" {last} said. "
                   f"The {acronym} plan for {town} costs {i * 7 % 90 + 10} million dollars.")
    return "\n\n".join(out)


def test_finding_and_resolving_actors_takes_time_linear_in_the_number_of_names():
    from generator.extract.actors import resolve_actor
    from generator.nlp import load_nlp, parse
    from generator.readers.text import parse_text_article

    nlp = load_nlp(components=("briefings_sentences", "briefings_actors"))

    def seconds(n: int) -> tuple[float, int]:
        article = parse_text_article(f"date 2021-03-04 {_paragraphs(n)}".encode(), "long.txt")
        docs = []

        def run() -> None:
            doc = parse(article, nlp)
            for actor in doc._.actors:
                resolve_actor(doc, actor.name.split()[-1])
            docs.append(doc)

        return best_cpu_seconds(run), len(docs[-1]._.actors)

    (small, small_actors), (large, large_actors) = seconds(300), seconds(1200)
    assert large_actors > 3 * small_actors  # the names really are new in every paragraph
    assert large / small < 8, f"4x the names took {large / small:.1f}x the time"
