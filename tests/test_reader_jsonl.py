"""JSON Lines from news crawlers: one article per line; a bad line is reported, the rest read."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from generator.errors import ReaderError
from generator.readers import reader_for
from generator.readers.article import RawArticle
from generator.readers.jsonl import JsonLinesReader
from tests.conftest import ROOT, write_article

SAMPLE = ROOT / "samples" / "jsonl" / "crawl-2025.jsonl"
EXPECTED = ROOT / "samples" / "expected"

TEXT = ("The invented village of Lowmere opened its first school in forty years on Monday, with places for "
        "sixty children.\nMayor Ida Fenn said the village had raised half of the cost itself.")


def read(path: Path) -> list:
    return list(JsonLinesReader().read_all(path, path.parent))


def line(**fields) -> str:
    record = {"title": "Lowmere opens a school", "maintext": TEXT, "date_publish": "2025-01-13 08:00:00",
              "url": "https://lowmere.example/school", "authors": ["Ida Fenn"], "source_domain": "www.lowmere.example"}
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not None}) + "\n"


def test_the_sample_file_gives_one_article_per_line_with_exact_metadata():
    articles = read(SAMPLE)
    assert all(isinstance(a, RawArticle) for a in articles) and len(articles) == 3
    ferry, battery, airline = articles
    assert (ferry.headline, ferry.date, ferry.url, ferry.authors, ferry.outlet, ferry.language) == (
        "Ferry strike strands thousands as Harrow Islands sailings halt", dt.date(2025, 9, 18),
        "https://www.kestrelbytribune.example/news/2025/09/18/ferry-crews-strike/",
        ("Ilse Marwick", "Tomas Brenner"), "kestrelbytribune.example", "en")
    # CC-News field names: text, date, domain; no authors
    assert (battery.headline, battery.date, battery.url, battery.authors, battery.outlet) == (
        "Northbridge University opens €46m battery research centre", dt.date(2025, 3, 11),
        "https://northbridgeherald.example/science/battery-centre-opens", (), "northbridgeherald.example")
    assert airline.date == dt.date(2025, 10, 24) and airline.authors == ("Dana Pryce",)


def test_a_crawlers_maintext_gives_the_articles_paragraphs_and_crossheads():
    ferry = read(SAMPLE)[0]
    blocks = (EXPECTED / "kestrelby-ferry-strike.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert [(p.text, p.heading) for p in ferry.paragraphs] == [
        (b[3:], True) if b.startswith("## ") else (b, False) for b in blocks]


def test_a_broken_line_in_the_middle_is_reported_with_its_line_and_the_others_are_read(tmp_path):
    path = write_article(tmp_path, "c.jsonl", line(url="https://lowmere.example/1") + '{"title": "cut off", "maintext": "Half\n'
                         + line(url="https://lowmere.example/3"))
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "ReaderError", "RawArticle"]
    assert str(items[1]).startswith(f"{tmp_path.name}/c.jsonl:2: not a JSON object")


def test_a_line_without_a_date_is_one_error_with_file_and_line(tmp_path):
    path = write_article(tmp_path, "c.jsonl", line() + line(date_publish=None, url="https://lowmere.example/2"))
    items = read(path)
    assert isinstance(items[0], RawArticle)
    assert str(items[1]) == f"{tmp_path.name}/c.jsonl:2: no date (date_publish or date)"


def test_a_line_that_is_not_an_object_or_has_no_text_is_reported(tmp_path):
    path = write_article(tmp_path, "c.jsonl", '["a list"]\n' + line(maintext=None))
    errors = [str(e) for e in read(path)]
    assert errors == [f"{tmp_path.name}/c.jsonl:1: not a JSON object but a list",
                      f"{tmp_path.name}/c.jsonl:2: no article text (maintext or text)"]


def test_unknown_fields_are_ignored(tmp_path):
    path = write_article(tmp_path, "c.jsonl", line(image_url="https://x.example/i.jpg", localpath=None, extra={"a": 1}))
    (article,) = read(path)
    assert article.headline == "Lowmere opens a school"


def test_a_gzipped_file_reads_the_same_as_the_plain_one(tmp_path):
    plain = write_article(tmp_path / "a", "c.jsonl", line())
    packed = tmp_path / "a" / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert isinstance(reader_for(packed), JsonLinesReader)
    (one,), (two,) = read(plain), read(packed)
    assert (one.paragraphs, one.headline, one.sha256) == (two.paragraphs, two.headline, two.sha256)


def test_a_cut_off_gzip_file_is_one_error_after_the_lines_it_could_read(tmp_path):
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress((line() * 40).encode())[:-30])
    with pytest.raises(ReaderError, match=rf"^{tmp_path.name}/c\.jsonl\.gz: cannot read after line \d+"):
        list(read(packed))


def test_an_articles_source_path_is_keyed_by_its_url_not_its_line_number(tmp_path):
    one = read(write_article(tmp_path / "a", "c.jsonl", line(url="https://lowmere.example/x")))
    two = read(write_article(tmp_path / "b", "c.jsonl", line(url="https://lowmere.example/y") + line(url="https://lowmere.example/x")))
    assert one[0].source_path.split("#")[1] == two[1].source_path.split("#")[1] != two[0].source_path.split("#")[1]
