"""RSS and Atom feeds: each full-content entry is an article; a summary alone is not."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import ReaderError
from generator.readers import reader_for, sniff_reader
from generator.readers.article import RawArticle
from generator.readers.feed import FeedReader, SummaryOnly
from tests.conftest import ROOT, write_article

FEEDS = ROOT / "samples" / "feeds"
EXPECTED = ROOT / "samples" / "expected"

BODY = ("<p>The harbour board of Invented Bay said on Monday that it would dredge the northern channel this winter, "
        "so that larger cargo ships can dock without waiting for high tide.</p>"
        "<h2>Work starts in November</h2>"
        "<p>The board said the dredging would cost about two million euros and take eleven weeks, and that "
        "fishing boats would keep using the southern channel while the work goes on.</p>")


def read(path: Path) -> list:
    return list(FeedReader().read_all(path, path.parent))


def rss(*items: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel><title>Invented Bay News</title><link>https://bay.example/</link>{"".join(items)}</channel></rss>')


def item(guid: str, title: str, date: str | None = "Mon, 03 Nov 2025 01:30:00 +0200", content: str | None = BODY,
         summary: str = "<p>A short teaser.</p>") -> str:
    parts = [f"<title>{title}</title>", f"<link>https://bay.example/{guid}/</link>", f"<guid isPermaLink=\"false\">{guid}</guid>",
             f"<description><![CDATA[{summary}]]></description>"]
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return f"<item>{''.join(parts)}</item>"


def test_the_sample_feeds_full_content_entries_are_articles_with_exact_metadata():
    items = read(FEEDS / "kestrelby-tribune.xml")
    articles = [i for i in items if isinstance(i, RawArticle)]
    assert [a.headline for a in articles] == [
        "Ferry strike strands thousands as Harrow Islands sailings halt",
        "Council approves €118m tram extension to Greyfield hospital",
    ]
    ferry = articles[0]
    assert ferry.date == dt.date(2025, 9, 18)
    assert ferry.url == "https://www.kestrelbytribune.example/news/2025/09/18/ferry-crews-strike/"  # tracking dropped
    assert ferry.authors == ("Ilse Marwick", "Tomas Brenner")
    assert ferry.outlet == "Kestrelby Tribune" and ferry.language == "en"
    assert ferry.source_path.startswith("feeds/kestrelby-tribune.xml#")


def test_a_full_content_entrys_text_is_the_article_without_the_feeds_own_trailer():
    ferry = next(i for i in read(FEEDS / "kestrelby-tribune.xml") if isinstance(i, RawArticle))
    blocks = (EXPECTED / "kestrelby-ferry-strike.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert [(p.text, p.heading) for p in ferry.paragraphs] == [
        (b[3:], True) if b.startswith("## ") else (b, False) for b in blocks]
    assert "appeared first on" not in ferry.text


def test_the_sample_feeds_summary_only_entries_are_not_articles():
    summaries = [i for i in read(FEEDS / "kestrelby-tribune.xml") if isinstance(i, SummaryOnly)]
    assert [s.title for s in summaries] == ["Harbour festival programme announced",
                                            "Ostervale households face daily water limit as reservoir runs low"]
    assert summaries[1].url == "https://www.kestrelbytribune.example/news/2024/08/06/ostervale-water-limit/"


def test_a_long_description_with_several_paragraphs_counts_as_full_text(tmp_path):
    long = "".join(f"<p>{'Paragraph number %d of the invented story says something new. ' % n * 5}</p>" for n in range(4))
    path = write_article(tmp_path, "f.xml", rss(item("a", "Long one", content=None, summary=long),
                                                 item("b", "Teaser only", content=None)))
    kinds = [type(i).__name__ for i in read(path)]
    assert kinds == ["RawArticle", "SummaryOnly"]


def test_an_entrys_date_is_the_local_date_it_was_published_on(tmp_path):
    path = write_article(tmp_path, "f.xml", rss(item("a", "Dredging")))  # 01:30 +0200 is the day before in UTC
    assert read(path)[0].date == dt.date(2025, 11, 3)


def test_an_entrys_source_path_stays_the_same_when_entries_are_reordered_or_added(tmp_path):
    one = write_article(tmp_path, "one.xml", rss(item("a", "First"), item("b", "Second")))
    two = write_article(tmp_path, "two.xml", rss(item("c", "New"), item("b", "Second"), item("a", "First")))
    keys = lambda p: {a.headline: a.source_path.split("#")[1] for a in read(p)}  # noqa: E731
    first, second = keys(one), keys(two)
    assert first["First"] == second["First"] and first["Second"] == second["Second"]
    assert len(set(second.values())) == 3


def test_an_entry_without_a_date_is_one_error_naming_the_entry_and_the_others_are_read(tmp_path):
    path = write_article(tmp_path, "f.xml", rss(item("a", "Undated", date=None), item("b", "Dated")))
    items = read(path)
    assert isinstance(items[0], ReaderError)
    assert str(items[0]) == f"{tmp_path.name}/f.xml: entry 'Undated': no date (pubDate, published or updated)"
    assert isinstance(items[1], RawArticle) and items[1].headline == "Dated"


def test_an_atom_feed_with_content_is_read_like_rss(tmp_path):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bay Wire</title>'
            '<id>urn:bay</id><updated>2025-11-03T10:00:00Z</updated><entry><title>Dredging plan</title>'
            '<id>urn:bay:1</id><link href="https://bay.example/dredging"/><published>2025-11-03T09:00:00+01:00</published>'
            '<updated>2025-11-03T09:00:00+01:00</updated><author><name>Rui Sato</name></author>'
            f'<content type="html"><![CDATA[{BODY}]]></content></entry></feed>')
    path = write_article(tmp_path, "bay.atom", atom)
    (article,) = read(path)
    assert (article.headline, article.url, article.authors, article.outlet) == (
        "Dredging plan", "https://bay.example/dredging", ("Rui Sato",), "Bay Wire")
    assert [p.heading for p in article.paragraphs] == [False, True, False]


def test_a_file_that_is_not_xml_is_one_error_naming_the_file(tmp_path):
    path = write_article(tmp_path, "broken.xml", "this is not a feed at all {}")
    with pytest.raises(ReaderError, match=rf"^{tmp_path.name}/broken\.xml: not an RSS or Atom feed"):
        read(path)


def test_a_feed_without_a_known_ending_is_recognised_by_its_content(tmp_path):
    path = write_article(tmp_path, "latest", rss(item("a", "Dredging")))
    assert reader_for(path) is None
    assert isinstance(sniff_reader(path), FeedReader)
    assert sniff_reader(write_article(tmp_path, "notes", "plain words")) is None
