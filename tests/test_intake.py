"""A run over pages, feeds and JSON Lines: one briefing per story, English only, every input accounted for."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.pipeline import generate
from generator.readers.intake import canonical_url
from generator.writer import split_front_matter
from tests.conftest import ROOT, write_article
from tests.test_pipeline import briefings, front_matter

SAMPLES = ROOT / "samples"
FERRY_PAGE = SAMPLES / "pages" / "kestrelby-ferry-strike.html"
FEED = SAMPLES / "feeds" / "kestrelby-tribune.xml"
JSONL = SAMPLES / "jsonl" / "crawl-2025.jsonl"
FERRY_HEADLINE = "Ferry strike strands thousands as Harrow Islands sailings halt"
runner = CliRunner()

LEAD = ("The invented town of Eastholm opened a new footbridge over the river on Saturday, two years after "
        "the old one was washed away in a spring flood.")
MORE = "Mayor Lise Brandt said the bridge had cost about three million euros and would carry 4,000 people a day."


def story_page(url: str, text: str = f"<p>{LEAD}</p><p>{MORE}</p>", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><link rel="canonical" href="{url}">'
            '<meta property="og:title" content="Eastholm footbridge opens">'
            '<meta property="article:published_time" content="2025-05-10T09:00:00+02:00"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article>{text}</article></body></html>")


def copy_inputs(tmp_path: Path, *paths: Path) -> list[Path]:
    copies = []
    for path in paths:
        target = tmp_path / "in" / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        copies.append(Path(shutil.copy(path, target)))
    return copies


def messages(report, status: str) -> list[str]:
    return [r.message for r in report.results if r.status == status]


def test_the_same_story_as_page_feed_and_json_line_gives_one_briefing_and_names_the_input_kept(tmp_path):
    report = generate([FERRY_PAGE, FEED, JSONL], tmp_path / "c")
    ferry = [p for p in briefings(tmp_path / "c") if front_matter(p).get("headline") == FERRY_HEADLINE]
    assert len(ferry) == 1
    assert front_matter(ferry[0])["source"]["path"] == "pages/kestrelby-ferry-strike.html"
    duplicates = [m for m in messages(report, "skipped") if "same story" in m]
    assert len(duplicates) == 2
    assert all(m.endswith("kept pages/kestrelby-ferry-strike.html") for m in duplicates)
    assert report.ok


def test_the_page_feed_and_json_line_versions_of_a_story_give_briefings_identical_but_for_source(tmp_path):
    texts = []
    for name, path in (("page", FERRY_PAGE), ("feed", FEED), ("jsonl", JSONL)):
        generate([path], tmp_path / name)
        (found,) = [p for p in briefings(tmp_path / name) if front_matter(p).get("headline") == FERRY_HEADLINE]
        data = front_matter(found)
        assert data.pop("source")["path"].split("#")[0].endswith(path.name)
        texts.append((data, split_front_matter(found.read_text(encoding="utf-8"))[1]))
    assert texts[0] == texts[1] == texts[2]


def test_the_same_text_under_another_url_is_the_same_story(tmp_path):
    write_article(tmp_path / "in", "a.html", story_page("https://eastholm.example/a"))
    write_article(tmp_path / "in", "b.html", story_page("https://mirror.example/b", f"<p>{LEAD}</p>\n\n<p>  {MORE}</p>"))
    report = generate([tmp_path / "in"], tmp_path / "c")
    assert len(briefings(tmp_path / "c")) == 1
    assert messages(report, "skipped") == ["in/b.html: same story as in/a.html (same text); kept in/a.html"]


LONG_LEAD = ("The invented harbour town of Saltby reopened its fish market on Friday after a fire in January "
             "destroyed the old hall, and more than 200 traders and shoppers queued before dawn to see the new "
             "building, which the town council paid for with an insurance settlement and a regional grant.")


def test_a_copy_that_lacks_the_last_paragraph_is_the_same_story(tmp_path):
    write_article(tmp_path / "in", "a.html", story_page("https://saltby.example/a", f"<p>{LONG_LEAD}</p><p>{MORE}</p>"))
    write_article(tmp_path / "in", "b.html", story_page("https://copy.example/b", f"<p>{LONG_LEAD}</p>"))
    report = generate([tmp_path / "in"], tmp_path / "c")
    assert messages(report, "skipped") == ["in/b.html: same story as in/a.html (same first 50 words); kept in/a.html"]


def test_stories_that_share_only_a_short_opening_are_different_stories(tmp_path):
    opening = "The invented town of Eastholm said on Monday that"
    write_article(tmp_path / "in", "a.html", story_page("https://eastholm.example/a",
                  f"<p>{opening} its new footbridge would open in May, two years after a flood.</p><p>{MORE}</p>"))
    write_article(tmp_path / "in", "b.html", story_page("https://eastholm.example/b",
                  f"<p>{opening} it would raise parking fees by a fifth to pay for more buses.</p><p>{MORE}</p>"))
    report = generate([tmp_path / "in"], tmp_path / "c")
    assert messages(report, "skipped") == [] and len(briefings(tmp_path / "c")) == 2


def test_a_page_in_another_language_is_skipped_naming_the_file_and_the_language(tmp_path):
    report = generate([SAMPLES / "pages" / "vellmar-rundschau-faehrstreik.html"], tmp_path / "c")
    assert briefings(tmp_path / "c") == []
    (message,) = messages(report, "skipped")
    assert message.startswith("pages/vellmar-rundschau-faehrstreik.html: written in German (de), not English")
    assert report.ok


def test_a_summary_only_entry_is_read_from_its_saved_page_or_reported_once(tmp_path):
    report = generate([FEED, SAMPLES / "pages" / "kestrelby-water-limits.html"], tmp_path / "c")
    assert sorted(messages(report, "skipped")) == [
        "feeds/kestrelby-tribune.xml: entry 'Harbour festival programme announced' has only a summary; "
        "save the page and pass it too",
        "feeds/kestrelby-tribune.xml: entry 'Ostervale households face daily water limit as reservoir runs low' "
        "has only a summary; the story is read from pages/kestrelby-water-limits.html",
    ]
    headlines = {front_matter(p).get("headline") for p in briefings(tmp_path / "c")}
    assert "Ostervale households face daily water limit as reservoir runs low" in headlines


def test_all_samples_generate_without_failure_and_a_second_run_changes_nothing(tmp_path):
    inputs = [SAMPLES / "pages", SAMPLES / "feeds", SAMPLES / "jsonl"]
    first = generate(inputs, tmp_path / "c")
    assert first.ok and first.count("written") == 6
    before = {p: p.read_bytes() for p in briefings(tmp_path / "c")}
    second = generate(inputs, tmp_path / "c")
    assert second.count("written") == 0 and second.count("unchanged") == 6
    assert {p: p.read_bytes() for p in briefings(tmp_path / "c")} == before


def test_a_briefing_records_the_sources_headline_url_authors_and_language(tmp_path):
    generate([FERRY_PAGE], tmp_path / "c")
    (path,) = briefings(tmp_path / "c")
    data = front_matter(path)
    assert data["headline"] == FERRY_HEADLINE and data["language"] == "en"
    assert data["source"]["url"] == "https://www.kestrelbytribune.example/news/2025/09/18/ferry-crews-strike/"
    assert data["source"]["authors"] == ["Ilse Marwick", "Tomas Brenner"]
    assert data["title"] != data["headline"]  # the generated title stays; the site shows the headline


BAD_INPUTS = {
    "cut.html": story_page("https://eastholm.example/cut")[:300],
    "nav-only.html": "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>",
    "feed.xml": "Not XML, just a line of text",
    "crawl.jsonl": '{"title": "No date", "maintext": "Text.", "url": "https://e.example/x"}\n',
}


def test_bad_input_of_each_kind_is_one_line_naming_the_file_the_rest_is_written_and_the_run_exits_1(tmp_path):
    for name, text in BAD_INPUTS.items():
        write_article(tmp_path / "in", name, text)
    write_article(tmp_path / "in", "good.html", story_page("https://eastholm.example/good"))
    write_article(tmp_path / "in", "good.txt", "date 2025-05-11 The invented town of Westholm elected a new mayor on Sunday.")
    result = runner.invoke(app, ["generate", str(tmp_path / "in"), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert sorted(errors) == sorted([
        "error in/crawl.jsonl:1: no date (date_publish or date)",
        "error in/cut.html: truncated page: it ends before </html> (save the page again)",
        "error in/feed.xml: not an RSS or Atom feed: syntax error",
        "error in/nav-only.html: no article text found on the page (only navigation or boilerplate)",
    ])
    assert "2 written, 0 unchanged, 4 failed" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("url, same", [
    ("https://www.Eastholm.example/news/bridge/?utm_source=rss#top", "http://eastholm.example/news/bridge"),
    ("https://eastholm.example/a?b=2&a=1", "https://eastholm.example/a?a=1&b=2"),
])
def test_links_to_one_page_share_a_canonical_url(url, same):
    assert canonical_url(url) == canonical_url(same)


def test_different_pages_or_queries_keep_different_canonical_urls():
    assert canonical_url("https://eastholm.example/a") != canonical_url("https://eastholm.example/b")
    assert canonical_url("https://eastholm.example/a?id=1") != canonical_url("https://eastholm.example/a?id=2")
