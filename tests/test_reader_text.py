"""The .txt article reader on the reference format and its bad inputs."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import ReaderError
from generator.readers.text import parse_text_article


def read(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_text_article(data, "in/article.txt")


def test_reader_takes_dateline_and_first_paragraph_from_first_line():
    a = read("  date 2021-12-09 President Joe Biden spoke on Thursday.\n\nSecond paragraph here.")
    assert a.date == dt.date(2021, 12, 9)
    assert [p.text for p in a.paragraphs] == ["President Joe Biden spoke on Thursday.", "Second paragraph here."]


def test_reader_accepts_crlf_and_utf8_bom():
    a = read(b"\xef\xbb\xbfdate 2020-01-02 First line\r\ncontinues here.\r\n\r\nNext one.\r\n")
    assert a.date == dt.date(2020, 1, 2)
    assert [p.text for p in a.paragraphs] == ["First line continues here.", "Next one."]


def test_reader_keeps_crosshead_as_heading_not_glued_to_sentence():
    a = read("date 2021-12-09 Lead sentence.\n\nBiden assures Ukraine's Zelenskiy of US support\n\nThousands gathered.")
    assert [(p.text, p.heading) for p in a.paragraphs] == [
        ("Lead sentence.", False),
        ("Biden assures Ukraine's Zelenskiy of US support", True),
        ("Thousands gathered.", False),
    ]


def test_reader_splits_crosshead_on_its_own_line_above_text():
    a = read("date 2021-12-09 Lead sentence.\n\nJoe Biden warns Putin\nBiden said on Wednesday it would cost.")
    assert a.paragraphs[1].heading and a.paragraphs[1].text == "Joe Biden warns Putin"
    assert a.paragraphs[2].text == "Biden said on Wednesday it would cost."


def test_reader_drops_boilerplate_and_records_outlet_from_copyright_line():
    a = read(
        "date 2021-12-09 Lead sentence.\n\nRead Also: Something else entirely\n\nBody text.\n\n"
        "Related Article: Another link\n\n@ 2021 HNGN, All rights reserved. Do not reproduce without permission."
    )
    assert [p.text for p in a.paragraphs] == ["Lead sentence.", "Body text."]
    assert a.outlet == "HNGN"


def test_reader_drops_sources_trailer_and_everything_after():
    a = read("date 2022-05-12 Lead sentence.\n\nBody.\n\nSources\n\nSome Journal, 2022\n\nCategories: Health")
    assert [p.text for p in a.paragraphs] == ["Lead sentence.", "Body."]


def test_reader_reads_outlet_from_copyright_sign():
    a = read("date 2024-10-17 Lead.\n\n© 2024 Harbor Daily News, All rights reserved.")
    assert a.outlet == "Harbor Daily News"


def test_reader_records_sha256_of_input_bytes():
    import hashlib

    data = b"date 2021-01-01 Text."
    assert read(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"President Biden spoke.", ":1: no dateline"),
        (b"date 2021-13-45 Text.", ":1: impossible date '2021-13-45'"),
        (b"date yesterday Text.", "not a date in the form YYYY-MM-DD"),
        (b"date 2021-01-01 caf\xe9 text", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"date 2021-01-01", "no article text"),
    ],
)
def test_reader_rejects_bad_input_with_one_line_naming_the_file(data, message):
    with pytest.raises(ReaderError) as info:
        read(data)
    text = str(info.value)
    assert text.startswith("in/article.txt")
    assert message in text
    assert "\n" not in text
