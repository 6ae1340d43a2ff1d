"""Saved web pages: the article's paragraphs and metadata, nothing of the page around them."""
from __future__ import annotations

import difflib
import socket

import pytest

from generator.errors import ReaderError
from generator.readers import reader_for
from generator.readers.html import parse_html_article
from tests.conftest import ROOT

PAGES = ROOT / "samples" / "pages"
EXPECTED = ROOT / "samples" / "expected"
SAMPLE_PAGES = sorted(p.stem for p in EXPECTED.glob("*.txt"))

METADATA = {
    "kestrelby-ferry-strike": dict(
        headline="Ferry strike strands thousands as Harrow Islands sailings halt", date="2025-09-18",
        url="https://www.kestrelbytribune.example/news/2025/09/18/ferry-crews-strike/",
        authors=("Ilse Marwick", "Tomas Brenner"), outlet="Kestrelby Tribune", language="en"),
    "kestrelby-water-limits": dict(
        headline="Ostervale households face daily water limit as reservoir runs low", date="2024-08-06",
        url="https://www.kestrelbytribune.example/news/2024/08/06/ostervale-water-limit/",
        authors=("Ilse Marwick",), outlet="Kestrelby Tribune", language="en"),
    "grenholm-library-reopens": dict(
        headline="Library reopens 14 months after flood", date="2023-04-03",
        url="https://grenholmpost.example/local/library-reopens-after-flood-repairs",
        authors=("Maja Lindgren",), outlet="Grenholm Post", language="en"),
}


def read_page(stem: str):
    path = PAGES / f"{stem}.html"
    return parse_html_article(path.read_bytes(), path.name)


def written(stem: str) -> list[tuple[str, bool]]:
    """The text as written: paragraphs split by blank lines, crossheads marked '## '."""
    blocks = (EXPECTED / f"{stem}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    return [(b[3:], True) if b.startswith("## ") else (b, False) for b in blocks]


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta property="article:published_time" content="2024-05-02T10:00:00+02:00">{head}</head>'
            f"<body>{body}</body></html>").encode("utf-8")


LEAD = ("<p>The city council of Invented Town agreed on Tuesday to rebuild the old stone bridge over the river, "
        "which has been closed to traffic since a flood damaged its central pier two winters ago.</p>")
MORE = ("<p>Engineers said the work would take about eighteen months and cost the town roughly four million euros, "
        "most of it paid from a regional fund for flood repairs that was set up last year.</p>")


def test_every_sample_page_is_covered_by_the_metadata_table():
    assert SAMPLE_PAGES and sorted(METADATA) == SAMPLE_PAGES


@pytest.mark.parametrize("stem", SAMPLE_PAGES)
def test_a_sample_pages_text_is_the_article_as_written_paragraph_for_paragraph(stem):
    article = read_page(stem)
    assert [(p.text, p.heading) for p in article.paragraphs] == written(stem)


@pytest.mark.parametrize("stem", SAMPLE_PAGES)
def test_a_sample_pages_extracted_text_is_at_least_98_percent_similar_to_the_written_text(stem):
    got = read_page(stem).text
    expected = "\n\n".join(text for text, _ in written(stem))
    assert difflib.SequenceMatcher(None, got, expected, autojunk=False).ratio() >= 0.98


@pytest.mark.parametrize("stem", SAMPLE_PAGES)
def test_navigation_ads_related_links_and_cookie_banners_do_not_leak_into_the_text(stem):
    text = read_page(stem).text.casefold()
    for leak in ("cookie", "related", "most read", "advertisement", "subscribe", "newsletter", "sign up",
                 "all rights reserved", "photo:", "share", "read more", "tags:", "log in"):
        assert leak not in text, leak


@pytest.mark.parametrize("stem", SAMPLE_PAGES)
def test_a_sample_pages_metadata_is_read_exactly(stem):
    article = read_page(stem)
    got = dict(headline=article.headline, date=article.date.isoformat(), url=article.url,
               authors=article.authors, outlet=article.outlet, language=article.language)
    assert got == METADATA[stem]


def test_a_page_in_another_language_is_detected_as_that_language():
    path = PAGES / "vellmar-rundschau-faehrstreik.html"
    assert parse_html_article(path.read_bytes(), path.name).language == "de"


def test_subheadings_become_crossheads_and_the_headline_above_the_text_is_not_repeated():
    html = page(f"<article><h1>Old bridge to be rebuilt</h1>{LEAD}<h2>Cost and timing</h2>{MORE}</article>",
                head='<meta property="og:title" content="Old bridge to be rebuilt">')
    article = parse_html_article(html, "bridge.html")
    assert article.headline == "Old bridge to be rebuilt"
    assert [p.heading for p in article.paragraphs] == [False, True, False]
    assert article.paragraphs[1].text == "Cost and timing"


def test_a_byline_in_the_page_metadata_becomes_one_author_per_name():
    html = page(f"<article>{LEAD}{MORE}</article>", head='<meta name="author" content="By Ana Lopes and Ben Ortiz">')
    assert parse_html_article(html, "bridge.html").authors == ("Ana Lopes", "Ben Ortiz")


def test_a_truncated_page_is_one_error_naming_the_file():
    html = page(f"<article>{LEAD}{MORE}</article>")
    with pytest.raises(ReaderError, match=r"^cut\.html: truncated page"):
        parse_html_article(html[: len(html) // 2], "cut.html")


def test_a_page_with_no_article_is_one_error_naming_the_file():
    html = page('<nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="cookie">We use cookies.</div>')
    with pytest.raises(ReaderError, match=r"^empty\.html: no article text found"):
        parse_html_article(html, "empty.html")


def test_a_page_without_a_publication_date_is_one_error_naming_the_file():
    html = f"<!DOCTYPE html><html><head><title>x</title></head><body><article>{LEAD}{MORE}</article></body></html>"
    with pytest.raises(ReaderError, match=r"^undated\.html: no publication date"):
        parse_html_article(html.encode(), "undated.html")


def test_reading_a_page_never_opens_a_network_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = page(f"<article>{LEAD}{MORE}</article>", head='<link rel="canonical" href="https://invented.example/a">')
    assert parse_html_article(html, "bridge.html").url == "https://invented.example/a"


def test_html_and_htm_files_are_read_as_pages():
    assert type(reader_for(PAGES / "a.html")).__name__ == "HtmlReader"
    assert type(reader_for(PAGES / "a.HTM")).__name__ == "HtmlReader"


def test_a_read_also_link_and_a_pull_quote_inside_the_article_are_handled_like_in_text_articles():
    html = page(f"<article>{LEAD}<p>Read also: Flood barriers tested on the river front</p>"
                "<blockquote><p>We have waited two winters for this bridge.</p></blockquote>"
                f"{MORE}</article>")
    texts = [p.text for p in parse_html_article(html, "bridge.html").paragraphs]
    assert not any(t.startswith("Read also") for t in texts)
    assert "We have waited two winters for this bridge." in texts


def test_a_page_saved_by_a_browser_without_a_canonical_link_keeps_the_address_it_was_saved_from():
    html = b"<!-- saved from url=(0029)https://invented.example/b -->\n" + page(f"<article>{LEAD}{MORE}</article>")
    assert parse_html_article(html, "saved.html").url == "https://invented.example/b"
    assert parse_html_article(page(f"<article>{LEAD}{MORE}</article>"), "plain.html").url is None
