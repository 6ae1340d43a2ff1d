"""The site-wide view a reader moves through: actor pages (who gets one, roles with dates,
actors seen together, timelines), previous/next and related briefings, Atom feeds, the
ProperDocs build path and the command line's errors. Corpus tests use invented briefings."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator.mkdocs_plugin.corpus import Corpus, Entry, date_text
from generator.mkdocs_plugin.feeds import atom_feed
from generator.pipeline import generate
from tests.conftest import ROOT, SAMPLES


def entry(slug: str, date: str, actors: list[tuple], claims: list[dict] = (), timeline: list[dict] = ()) -> Entry:
    """An invented briefing: actors as (name, type, key) or (name, type, key, role)."""
    data = {"title": f"Story {slug}", "date": date, "source": {"outlet": "Wire"}, "topics": ["politics"],
            "summary": f"Summary of {slug}.", "claims": list(claims), "timeline": list(timeline),
            "actors": [{"name": a[0], "type": a[1], "key": a[2], **({"role": a[3]} if len(a) > 3 else {})} for a in actors]}
    return Entry.from_front_matter(data, f"briefings/{date[:4]}/{date[5:7]}/{slug}/", f"{slug}.md")


def test_an_actor_that_only_speaks_in_one_briefing_gets_a_page():
    corpus = Corpus([entry("a", "2022-03-01", [("Port Authority", "org", False), ("Mara Quint", "person", True)],
                           claims=[{"speaker": "officials of the Port Authority", "speaker_actor": "Port Authority",
                                    "text": "fees would rise", "kind": "attribution", "cue": "said"}])])
    assert corpus.actor_slug("Port Authority") == "port-authority"
    [(e, claim)] = corpus.actors["port-authority"].claims
    assert claim.speaker_actor == "Port Authority"


def test_a_one_off_minor_actor_gets_no_page():
    corpus = Corpus([entry("a", "2022-03-01", [("Mara Quint", "person", True), ("Lake Orr", "place", False)])])
    assert corpus.actor_slug("Lake Orr") is None and corpus.actor_slug("Mara Quint") == "mara-quint"


def test_roles_carry_the_dates_they_were_seen():
    corpus = Corpus([entry("a", "2020-01-05", [("Mara Quint", "person", True, "Mayor")]),
                     entry("b", "2021-06-09", [("Mara Quint", "person", True, "Mayor")]),
                     entry("c", "2023-02-01", [("Mara Quint", "person", True, "Governor")])])
    roles = corpus.actors["mara-quint"].roles
    assert [(r.role, r.count, r.first, r.last) for r in roles] == [
        ("Mayor", 2, dt.date(2020, 1, 5), dt.date(2021, 6, 9)), ("Governor", 1, dt.date(2023, 2, 1), dt.date(2023, 2, 1))]


def test_previous_and_next_follow_the_dates():
    entries = [entry(s, d, [("Mara Quint", "person", True)]) for s, d in (("b", "2021-05-02"), ("a", "2021-05-01"), ("c", "2021-05-03"))]
    corpus = Corpus(entries)
    older, newer = corpus.neighbours(corpus.by_url["briefings/2021/05/b/"])
    assert (older.title, newer.title) == ("Story a", "Story c")
    assert corpus.neighbours(corpus.by_url["briefings/2021/05/a/"])[0] is None
    assert corpus.neighbours(corpus.by_url["briefings/2021/05/c/"])[1] is None


def test_related_briefings_share_key_actors_most_shared_first_and_are_bounded():
    both = [("Mara Quint", "person", True), ("Harbour Board", "org", True)]
    entries = [entry("x", "2021-05-10", both), entry("y", "2021-05-11", both[:1]), entry("z", "2021-01-01", both),
               entry("w", "2021-05-12", [("Other Person", "person", True)])]
    entries += [entry(f"m{i}", f"2020-0{1 + i % 9}-0{1 + i % 9}", both[:1]) for i in range(30)]
    corpus = Corpus(entries)
    related = corpus.related(corpus.by_url["briefings/2021/05/x/"], limit=5)
    assert [e.title for e in related[:2]] == ["Story z", "Story y"]  # z shares both key actors; y one, nearest in time
    assert len(related) == 5 and "Story w" not in [e.title for e in related]
    assert related == corpus.related(corpus.by_url["briefings/2021/05/x/"], limit=5)  # deterministic


def test_actors_seen_together_are_counted_over_shared_briefings():
    pair = [("Mara Quint", "person", True), ("Harbour Board", "org", True), ("Ivo Brandt", "person", False)]
    corpus = Corpus([entry("a", "2021-01-01", pair), entry("b", "2021-02-01", pair[:2]), entry("c", "2021-03-01", pair[::2])])
    assert corpus.actors["mara-quint"].cooccurring(50, 10) == [("harbour-board", 2), ("ivo-brandt", 2)]
    once = Corpus([entry("a", "2021-01-01", pair), entry("b", "2021-02-01", pair[:1] + [("Lone Ranger", "person", True)])])
    assert once.actors["mara-quint"].cooccurring(50, 10) == []  # each seen beside it once: its briefings show them


def test_an_actor_timeline_holds_the_dated_events_that_name_it_oldest_first():
    corpus = Corpus([
        entry("c", "2021-04-01", [("Mara Quint", "person", True)],
              timeline=[{"text": "1999", "date": "1999", "event": "Mara Quint was born"}]),
        entry("a", "2021-03-01", [("Mara Quint", "person", True)],
              timeline=[{"text": "Monday", "date": "2021-02-27", "event": "Quint opened the bridge"},
                        {"text": "May", "date": "2021-05", "event": "The river flooded"}]),
        entry("b", "2021-01-01", [("Mara Quint", "person", True, None)]),
    ])
    corpus.actors["mara-quint"].aliases.append("Quint")
    timeline = corpus.actors["mara-quint"].timeline(50)
    assert [(date, event, e.title) for date, event, e in timeline] == [
        ("1999", "Mara Quint was born", "Story c"), ("2021-02-27", "Quint opened the bridge", "Story a")]


def test_dates_of_every_precision_read_the_same_way():
    assert (date_text("2021-12-09"), date_text("2021-12"), date_text("2021")) == ("9 December 2021", "December 2021", "2021")


def test_a_feed_is_valid_atom_with_each_briefing_once_newest_first():
    corpus = Corpus([entry("a", "2021-03-01", [("Mara Quint", "person", True)]),
                     entry("b", "2021-04-01", [("Mara Quint", "person", True)])])
    text = atom_feed("Briefings: Mara Quint", "actors/mara-quint/", corpus.actors["mara-quint"].entries, "Briefings")
    feed = feedparser.parse(text)
    assert not feed.bozo and feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Story b", "Story a"]
    assert feed.entries[0].link == "../../briefings/2021/04/b/" and feed.feed.updated == "2021-04-01T00:00:00Z"
    assert len({e.id for e in feed.entries}) == 2
    with_url = feedparser.parse(atom_feed("B", "", corpus.entries, "Briefings", "https://news.example.org/site/"))
    assert with_url.entries[0].link == "https://news.example.org/site/briefings/2021/04/b/"



def test_feeds_sharing_briefings_read_the_same_whether_entries_are_reused_or_not():
    corpus = Corpus([entry("a", "2021-03-01", [("Mara Quint", "person", True)]),
                     entry("b", "2021-04-01", [("Mara Quint", "person", True), ("Lake Orr", "place", True)])])
    cache: dict = {}
    for feed_dir, entries in (("actors/mara-quint/", corpus.actors["mara-quint"].entries), ("", corpus.entries),
                              ("topics/politics/", corpus.topics["politics"]), ("actors/lake-orr/", corpus.actors["lake-orr"].entries)):
        fresh = atom_feed("T", feed_dir, entries, "Briefings")
        assert atom_feed("T", feed_dir, entries, "Briefings", entry_cache=cache) == fresh
        assert not feedparser.parse(fresh).bozo
    assert feedparser.parse(atom_feed("T", "", corpus.entries, "Briefings", entry_cache=cache)).entries[0].link == "briefings/2021/04/b/"


# -- the built site -----------------------------------------------------------------------------

def _project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", folder / "site_templates")
    return folder


def _build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml"), *args],
                          capture_output=True, text=True, cwd=project)


@pytest.fixture(scope="module")
def samples_project(tmp_path_factory) -> Path:
    project = _project(tmp_path_factory.mktemp("story"))
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - briefings ", "  - briefings:\n      search_index: false\n     ", 1),
                                        encoding="utf-8")
    assert generate([SAMPLES], project / "content").ok
    return project


def test_properdocs_builds_the_same_pages_as_mkdocs(samples_project):
    for engine, folder in (("mkdocs", "site-mkdocs"), ("properdocs", "site-properdocs")):
        result = _build(samples_project, "--engine", engine, "--site-dir", str(samples_project / folder))
        assert result.returncode == 0, result.stdout + result.stderr
    generator_tag = re.compile(r'<meta name="generator" content="[^"]*">')
    pages = {}
    for folder in ("site-mkdocs", "site-properdocs"):
        root = samples_project / folder
        pages[folder] = {p.relative_to(root).as_posix(): generator_tag.sub("", p.read_text(encoding="utf-8"))
                         for p in sorted(root.rglob("*")) if p.suffix in (".html", ".xml") and "sitemap" not in p.name}
    assert len(pages["site-mkdocs"]) > 40 and "feed.xml" in pages["site-mkdocs"]
    assert pages["site-mkdocs"].keys() == pages["site-properdocs"].keys()
    differing = [p for p in pages["site-mkdocs"] if pages["site-mkdocs"][p] != pages["site-properdocs"][p]]
    assert not differing, f"pages differ between the engines: {differing[:5]}"
    assert "mkdocs-ProperDocs" in (samples_project / "site-properdocs" / "index.html").read_text(encoding="utf-8")


def test_every_actor_and_topic_page_advertises_a_feed_that_exists(samples_project):
    site = samples_project / "site-mkdocs"
    if not site.exists():
        assert _build(samples_project, "--site-dir", str(site)).returncode == 0
    for page in [*site.glob("actors/*/index.html"), *site.glob("topics/*/index.html")]:
        html = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', html)
        assert hrefs[1:] == ["feed.xml"], page
        feed = feedparser.parse((page.parent / "feed.xml").read_bytes())
        assert not feed.bozo and feed.entries, page.parent


def test_briefing_page_size_does_not_grow_with_the_archive(tmp_path):
    """Related briefings and story links are bounded: a briefing's page is the same size
    whether its key actor has 3 or 30 other briefings."""
    sizes = {}
    for copies in (3, 30):
        project = _project(tmp_path / f"c{copies}")
        articles = project / "articles"
        articles.mkdir()
        base = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
        for i in range(copies):
            (articles / f"a{i:03d}.txt").write_text(re.sub(r"date (\d{4})-\d{2}-\d{2}", f"date 2020-01-{1 + i % 28:02d}", base,
                                                            count=1) + f"\n\nUpdate {i}.\n", encoding="utf-8")
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(text.replace("  - briefings ", "  - briefings:\n      search_index: false\n     ", 1),
                                            encoding="utf-8")
        assert generate([articles], project / "content").ok
        assert _build(project).returncode == 0
        html = next((project / "site" / "briefings").rglob("index.html")).read_text(encoding="utf-8")
        sizes[copies] = (html.count('class="bx-list__item"'), len(html))
    assert sizes[30][0] == sizes[3][0] or sizes[30][0] <= 5
    assert sizes[30][1] < sizes[3][1] * 1.1


def test_build_without_content_says_to_generate_first(tmp_path):
    project = _project(tmp_path)
    result = _build(project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "run `briefings generate" in lines[0] and "content" in lines[0]


def test_check_on_a_missing_folder_exits_1_with_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(tmp_path / "nowhere")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "nowhere: no such folder" in result.stderr
    assert "0 briefings checked" not in result.stdout
