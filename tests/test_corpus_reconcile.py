"""How the corpus joins actor mentions across briefings into actor pages: shared aliases,
one name as two types, "The X" and "X", possessives and curly apostrophes, described speakers,
roles with their dates, and the slugs each briefing links to. Invented briefings only."""
from __future__ import annotations

import datetime as dt

from generator.mkdocs_plugin.corpus import Corpus, Entry


def entry(slug: str, date: str, actors: list[dict], claims: list[dict] = ()) -> Entry:
    data = {"title": f"Story {slug}", "date": date, "topics": ["politics"], "summary": "",
            "actors": actors, "claims": list(claims)}
    return Entry.from_front_matter(data, f"briefings/{date[:4]}/{date[5:7]}/{slug}/", f"{slug}.md")


def actor(name: str, atype: str = "person", key: bool = True, **more) -> dict:
    return {"name": name, "type": atype, "key": key, **more}


def claim(speaker: str, **more) -> dict:
    return {"speaker": speaker, "kind": "attribution", "text": "rates would fall", "cue": "said", **more}


def test_a_short_name_joins_the_full_name_that_lists_it_as_an_alias_whatever_the_order():
    full = actor("Mara Quint", aliases=["Quint"])
    for order in ([full, actor("Quint")], [actor("Quint"), full]):
        corpus = Corpus([entry("a", "2022-01-01", [order[0]]), entry("b", "2022-02-01", [order[1]])])
        [page] = corpus.actors.values()
        assert (page.name, page.aliases, [e.url for e in page.entries]) == (
            "Mara Quint", ["Quint"], ["briefings/2022/02/b/", "briefings/2022/01/a/"])


def test_an_alias_shared_by_two_actors_leads_to_the_first_fullest_name_only():
    corpus = Corpus([entry("a", "2022-01-01", [actor("Mara Quint", aliases=["Quint"])]),
                     entry("b", "2022-02-01", [actor("Olaf Quint", aliases=["Quint"])]),
                     entry("c", "2022-03-01", [actor("Quint")])])
    assert sorted(corpus.actors) == ["mara-quint", "olaf-quint"]
    assert corpus.actor_slug("Quint") == "mara-quint"  # sorted first among the names of one length
    assert [e.url for e in corpus.actors["mara-quint"].entries] == ["briefings/2022/03/c/", "briefings/2022/01/a/"]
    assert corpus.by_url["briefings/2022/03/c/"].slugs == ["mara-quint"]


def test_one_name_as_a_person_and_as_a_place_gets_two_pages_with_distinct_slugs():
    corpus = Corpus([entry("a", "2022-01-01", [actor("Jordan"), actor("Jordan", "place")]),
                     entry("b", "2022-02-01", [actor("Jordan", "place")])])
    pages = {(a.type, a.slug) for a in corpus.actors.values()}
    assert len(pages) == 2 and {t for t, _ in pages} == {"person", "place"}
    assert len({s for _, s in pages}) == 2
    place = next(a for a in corpus.actors.values() if a.type == "place")
    assert len(place.entries) == 2 and place.key_in == 2


def test_the_x_its_possessive_and_a_curly_apostrophe_meet_x():
    corpus = Corpus([entry("a", "2022-01-01", [actor("The Harbour Board", "org")]),
                     entry("b", "2022-02-01", [actor("Harbour Board’s", "org")]),
                     entry("c", "2022-03-01", [actor("harbour board", "org")])])
    [page] = corpus.actors.values()
    assert page.name == "The Harbour Board"  # the fullest name is taken first
    assert page.aliases == ["Harbour Board’s", "harbour board"] and len(page.entries) == 3
    assert corpus.actor_slug("Harbour Board's") == page.slug


def test_a_described_speaker_files_its_claim_under_the_actor_it_belongs_to():
    said = claim("a spokeswoman for the Port Authority", speaker_actor="Port Authority")
    corpus = Corpus([entry("a", "2022-01-01", [actor("Port Authority", "org", key=False)], [said]),
                     entry("b", "2022-02-01", [actor("Mara Quint")], [said])])  # not among b's actors
    page = corpus.actors["port-authority"]
    assert page.speaker and [(e.url, c.speaker) for e, c in page.claims] == [
        ("briefings/2022/01/a/", "a spokeswoman for the Port Authority")]


def test_a_speaker_named_by_an_alias_makes_a_one_off_minor_actor_a_page():
    corpus = Corpus([entry("a", "2022-01-01", [actor("Ivo Brandt", key=False, aliases=["Brandt"])], [claim("Brandt")]),
                     entry("b", "2022-02-01", [actor("Lena Ruiz", key=False)], [claim("someone else")])])
    assert list(corpus.actors) == ["ivo-brandt"] and corpus.actors["ivo-brandt"].speaker


def test_roles_count_across_names_and_keep_first_and_last_dates():
    corpus = Corpus([entry("a", "2020-03-01", [actor("Mara Quint", role="Mayor", aliases=["Quint"])]),
                     entry("b", "2019-05-01", [actor("Quint", role="Mayor")]),
                     entry("c", "2021-07-01", [actor("Quint", role="Mayor")]),
                     entry("d", "2022-01-01", [actor("Mara Quint", role="Governor")])])
    roles = [(r.role, r.count, r.first, r.last) for r in corpus.actors["mara-quint"].roles]
    assert roles == [("Mayor", 3, dt.date(2019, 5, 1), dt.date(2021, 7, 1)),
                     ("Governor", 1, dt.date(2022, 1, 1), dt.date(2022, 1, 1))]


def test_a_briefing_links_key_actors_first_and_each_page_once():
    corpus = Corpus([entry("a", "2022-01-01", [actor("Lena Ruiz", key=False), actor("Mara Quint", aliases=["Quint"]),
                                               actor("Quint", key=False), actor("Harbour Board", "org")]),
                     entry("b", "2022-02-01", [actor("Lena Ruiz"), actor("Harbour Board", "org")])])
    a = corpus.by_url["briefings/2022/01/a/"]
    assert a.slugs == ["mara-quint", "harbour-board", "lena-ruiz"]
    assert a.key_slugs == ["mara-quint", "harbour-board"]


def test_mentions_add_up_per_month_and_key_counts_every_key_mention():
    corpus = Corpus([entry("a", "2022-01-03", [actor("Mara Quint", mentions=3)]),
                     entry("b", "2022-01-20", [actor("Quint", key=False, mentions=2), actor("Mara Quint", aliases=["Quint"])]),
                     entry("c", "2022-03-01", [actor("Mara Quint", key=False)])])
    page = corpus.actors["mara-quint"]
    assert page.mentions_by_month == [("2022-01", 6), ("2022-03", 1)] and page.key_in == 2
    assert [b[:2] for b in page.chart()] == [("Jan", 6), ("Feb", 0), ("Mar", 1)]


def test_a_date_label_reads_day_month_and_year_for_every_briefing_of_a_month():
    entries = [entry(f"s{day}", f"2021-12-{day:02d}", [actor("Mara Quint")]) for day in (1, 9, 31)]
    assert [e.date_label for e in entries] == ["1 December 2021", "9 December 2021", "31 December 2021"]
