"""Hostile input: article text never becomes markup, topics never leave the site folder, actor
slugs stay distinct in any script, and front matter loads in bounded time and memory.
(The browser side of the first: tests/browser/test_hostile_content.py.)"""
from __future__ import annotations

import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import safe_yaml
from generator.check import check_briefing
from generator.errors import FrontMatterError
from generator.mkdocs_plugin.body import body_markdown
from generator.mkdocs_plugin.corpus import ActorRef, Corpus, Entry, assign_actor_slugs
from generator.mkdocs_plugin.pages import PageSpec, SiteWriter, UnsafePathError, add_script_hashes, render_pages
from generator.pipeline import generate
from generator.readers.article import Paragraph
from generator.store import parse_front_matter
from generator.writer import dump_front_matter, markdown_body, slugify
from tests.conftest import ROOT, write_article
from tests.test_site_pages import build_in_process, make_project

SITE_EXTENSIONS = ["attr_list", "toc"]  # what mkdocs.yml enables
ON_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)

HOSTILE_ARTICLE = """date 2024-05-02 The harbour board of Port Callow approved a new ferry timetable on Thursday after months of complaints from island residents.

The board's chair, Anna Berg, said the changes would add two crossings on weekdays.

Officials respond {: onmouseover="alert(1)" }

"We listened," Berg said. Residents had written <img src=x onerror=alert(2)> in a petition and [a link](javascript:alert(3)).

Critics push back {#top .evil onclick="alert(4)"}

The opposition said the timetable still left the island cut off on Sundays.
"""


def nine_level_bomb(key: str) -> str:
    """A YAML "billion laughs": 9 levels of nine aliases each, under ``key``."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\n{key}: [*l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8]\n"


def briefing_text(front_matter: str, body: str = "Text.") -> str:
    return f"---\n{front_matter}---\n\n{body}\n"


VALID_FRONT_MATTER = """title: Ferry timetable approved
date: 2024-05-02
source:
  path: ferry.txt
  sha256: ''
summary: The board approved a timetable.
topics:
- economy
"""


# -- 1. article text is text ----------------------------------------------------------------

def test_an_attribute_block_in_a_crosshead_stays_text():
    body = markdown_body([Paragraph('Officials respond {: onmouseover="alert(1)" }', heading=True)])
    html = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert not ON_ATTRIBUTE.search(html)
    assert "Officials respond {: onmouseover=&quot;alert(1)&quot; }" in html or \
        'Officials respond {: onmouseover="alert(1)" }' in html


@pytest.mark.parametrize("text", [
    "Critics push back {#top .evil onclick=\"alert(1)\"}",
    "A petition said <img src=x onerror=alert(1)> in capitals",
    "See [the report](javascript:alert(1)) and ![a chart](javascript:alert(2))",
    "[ref]: javascript:alert(1)",
    "<script>alert(1)</script>",
    "# Not a heading\n{: onclick=alert(1) }",
])
def test_nothing_in_a_paragraph_becomes_markup_or_an_attribute(text):
    html = markdown.markdown(markdown_body([Paragraph(text)]), extensions=SITE_EXTENSIONS)
    assert not ON_ATTRIBUTE.search(html)
    assert "<script" not in html and "<img" not in html and "javascript:" not in re.sub(r">[^<]*<", "><", html)
    assert "<h1" not in html and "<a " not in html


def test_article_text_renders_as_written():
    text = "1. Rank #1 for *AT&T* at 5_000 [sic] & &lt;b&gt; - done \\ ok"
    html = markdown.markdown(markdown_body([Paragraph(text)]), extensions=SITE_EXTENSIONS)
    shown = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert shown == text


def test_a_hand_written_hostile_body_renders_without_attributes_or_scripts():
    # A body older than the escaping, or typed by an editor: the render-time wall.
    md = body_markdown(SITE_EXTENSIONS, {"toc": {"permalink": False}})
    html = md.reset().convert(
        '### Officials respond {: onmouseover="alert(1)" }\n\n<div onclick="alert(2)">x</div>\n\n'
        "Text <img src=x onerror=alert(3)> [a](javascript:alert(4)) [b](JaVa\tScRiPt:alert(5)) "
        "[ok](https://example.org/)\n\n[r]: javascript:alert(6)\n[see][r]\n")
    assert not ON_ATTRIBUTE.search(html)
    assert "<div" not in html and "<img" not in html and 'href="javascript' not in html.lower()
    assert 'href="https://example.org/"' in html


def test_hostile_article_text_gives_no_event_handler_in_the_built_site(tmp_path):
    project = make_project(tmp_path / "project")
    write_article(tmp_path / "in", "ferry.txt", HOSTILE_ARTICLE)
    assert generate([tmp_path / "in"], project / "content").ok
    # An old briefing (written before the escaping) with the same crosshead unescaped.
    old = next((project / "content" / "briefings").rglob("*.md"))
    legacy = old.with_name("legacy.md")
    legacy.write_text(old.read_text(encoding="utf-8").replace("path: ferry.txt", "path: legacy.txt")
                      + '\n### Raw {: onmouseover="alert(1)" }\n\n<b onclick="alert(2)">x</b>\n', encoding="utf-8")
    build_in_process(project)
    pages = list((project / "site" / "briefings").rglob("index.html"))
    assert len(pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Officials respond" in html
        assert not ON_ATTRIBUTE.search(html), page


def test_every_page_carries_a_policy_that_allows_only_its_own_inline_scripts(tmp_path):
    project = make_project(tmp_path / "project")
    write_article(tmp_path / "in", "ferry.txt", HOSTILE_ARTICLE)
    generate([tmp_path / "in"], project / "content")
    build_in_process(project)
    for page in [project / "site" / "index.html", project / "site" / "404.html",
                 *(project / "site" / "briefings").rglob("index.html")]:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, page
        script_src = re.search(r"script-src ([^;]+)", policy.group(1)).group(1)
        assert "'unsafe-inline'" not in script_src and "BRIEFINGS_INLINE_SCRIPTS" not in script_src
        inline = re.findall(r"<script>(.*?)</script>", html, re.S)
        assert inline and len(re.findall(r"'sha256-", script_src)) == len(set(inline))
        assert html.index("Content-Security-Policy") < html.index("<script")


def test_script_hashes_cover_inline_code_but_not_data_blocks_or_files():
    page = ('<head><meta content="script-src \'self\' BRIEFINGS_INLINE_SCRIPTS"></head>'
            '<script>a()</script><script type="application/json">{}</script><script src="x.js"></script>')
    out = add_script_hashes(page)
    # sha256("a()") in base64
    assert "'sha256-" in out and out.count("'sha256-") == 1
    import base64
    import hashlib
    assert base64.b64encode(hashlib.sha256(b"a()").digest()).decode() in out


# -- 2. topics and paths ----------------------------------------------------------------------

def test_check_reports_a_topic_outside_the_taxonomy_with_its_line(tmp_path):
    path = tmp_path / "b.md"
    path.write_text(briefing_text(VALID_FRONT_MATTER + "- ../../ESCAPED\n"), encoding="utf-8")
    errors = [str(e) for e in check_briefing(path, "b.md")]
    assert errors == [f"b.md:10: topics[1]: '../../ESCAPED' is not a topic of the taxonomy "
                      f"(one of {errors[0].split('(one of ')[1]}"]
    assert "economy" in errors[0]


def test_build_leaves_an_unknown_topic_out_and_writes_nothing_outside_the_site(tmp_path, caplog):
    project = make_project(tmp_path / "work" / "project")
    write_article(tmp_path / "in", "ferry.txt", HOSTILE_ARTICLE)
    generate([tmp_path / "in"], project / "content")
    md = next((project / "content" / "briefings").rglob("*.md"))
    text = md.read_text(encoding="utf-8")
    md.write_text(re.sub(r"^topics:\n", "topics:\n- ../../ESCAPED\n", text, count=1, flags=re.M)
                  if "\ntopics:\n" in text else text.replace("\ntopics: []\n", "\ntopics:\n- ../../ESCAPED\n"),
                  encoding="utf-8")
    assert "../../ESCAPED" in md.read_text(encoding="utf-8")
    with pytest.raises(Abort, match="in strict mode"):  # the project's mkdocs.yml: the report stops the build
        build_in_process(project)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.briefings"):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=False))
    assert not list(tmp_path.rglob("ESCAPED"))
    page = next((project / "site" / "briefings").rglob("index.html")).read_text(encoding="utf-8")
    assert "ESCAPED" not in page  # no link to it either
    lines = [r.getMessage() for r in caplog.records if "ESCAPED" in r.getMessage()]
    assert len(lines) == 1 and md.name in lines[0] and "left out of the site" in lines[0]
    assert (project / "site" / "briefings").is_dir()


def test_a_page_path_that_leaves_the_site_folder_is_refused(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    SiteWriter(site).write("topics/economy/index.html", "<p>page</p>")
    assert (site / "topics/economy/index.html").read_text(encoding="utf-8") == "<p>page</p>"
    for rel in ("../../ESCAPED/index.html", "topics/../../ESCAPED/index.html", "/etc/ESCAPED"):
        with pytest.raises(UnsafePathError, match="leaves the site folder"):
            SiteWriter(site).write(rel, "<p>escaped</p>")
    written, failures, _ = render_pages([PageSpec("../../ESCAPED/", "x", "t"), PageSpec("ok/", "y", "t")],
                                        lambda spec: "<p>page</p>", site, 1)
    assert written == 1 and len(failures) == 1 and "../../ESCAPED" in failures[0]
    assert not list(tmp_path.rglob("ESCAPED")) and (site / "ok" / "index.html").exists()



def test_a_page_is_never_written_through_a_link_out_of_the_site_folder(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "outside"
    site.mkdir()
    outside.mkdir()
    (site / "actors").symlink_to(outside, target_is_directory=True)  # a folder that leads out
    (site / "topics").mkdir()
    (outside / "secret.txt").write_text("kept", encoding="utf-8")
    (site / "topics" / "index.html").symlink_to(outside / "secret.txt")  # a page file that leads out
    (site / "inner").mkdir()
    (site / "archive").symlink_to(site / "inner", target_is_directory=True)  # a link that stays inside
    specs = [PageSpec("actors/x/", "x", "t"), PageSpec("topics/", "t", "t"), PageSpec("archive/2024/", "a", "t")]
    written, failures, _ = render_pages(specs, lambda spec: "<p>page</p>", site, 1)
    assert written == 1 and len(failures) == 2
    assert all("leaves the site folder" in line for line in failures)
    assert not (outside / "x").exists() and (outside / "secret.txt").read_text(encoding="utf-8") == "kept"
    assert (site / "inner" / "2024" / "index.html").read_text(encoding="utf-8") == "<p>page</p>"


# -- 3. slugs ---------------------------------------------------------------------------------

def test_names_in_any_script_get_distinct_readable_slugs():
    slugs = [slugify(n) for n in ("北京", "上海", "東京", "Москва", "Ελλάδα")]
    assert slugs == ["beijing", "shanghai", "dongjing", "moskva", "ellada"]
    assert slugify("Straße") == "strasse"


def test_text_with_nothing_to_transliterate_gets_a_stable_hashed_slug():
    assert slugify("★★") == slugify("★★") != slugify("→→")
    assert re.fullmatch(r"briefing-[0-9a-f]{6}", slugify("★★")) and slugify("") == "briefing"


def test_colliding_actor_names_get_distinct_slugs_whatever_the_input_order():
    keys = {("person", "zoé"): "Zoé", ("person", "zoë"): "Zoë", ("place", "zoe"): "Zoe",
            ("place", "北京"): "北京"}
    forward = assign_actor_slugs(keys)
    backward = assign_actor_slugs(dict(reversed(list(keys.items()))))
    assert forward == backward
    assert len(set(forward.values())) == 4
    assert forward[("place", "zoe")] == "zoe"  # first in sorted order keeps the plain slug
    assert all(re.fullmatch(r"zoe-[0-9a-f]{6}", forward[k]) for k in (("person", "zoé"), ("person", "zoë")))


def test_every_actor_page_of_a_site_is_its_own_actor():
    import datetime as dt
    names = ["北京", "上海", "東京", "Zoé", "Zoë"]
    entries = [Entry(url=f"briefings/2024/05/b{i}/", path=f"b{i}.md", title=f"B{i}", date=dt.date(2024, 5, 1 + i),
                     outlet=None, topics=[], summary="", claims=[],
                     actors=[ActorRef(n, "place" if i < 3 else "person", None, [], True, 1)
                             for i, n in enumerate(names)])
               for i in range(2)]
    corpus = Corpus(entries)
    assert sorted(a.name for a in corpus.actors.values()) == sorted(names)
    for name in names:
        slug = corpus.actor_slug(name)
        assert corpus.actors[slug].name == name
    assert len({a.url for a in corpus.actors.values()}) == 5


# -- 4. bounded front matter --------------------------------------------------------------------

def test_an_alias_bomb_is_one_line_naming_the_file_in_no_time():
    text = briefing_text(VALID_FRONT_MATTER.replace("topics:\n- economy\n", "") + nine_level_bomb("topics"))
    started = time.perf_counter()
    with pytest.raises(FrontMatterError) as err:
        parse_front_matter(text, Path("content/briefings/2024/05/bomb.md"))
    assert time.perf_counter() - started < 1
    assert str(err.value).startswith("content/briefings/2024/05/bomb.md:")
    assert "aliases" in str(err.value) and "\n" not in str(err.value)


def test_check_reports_an_alias_bomb_in_an_unknown_field_in_one_line(tmp_path):
    path = tmp_path / "b.md"
    path.write_text(briefing_text(VALID_FRONT_MATTER + nine_level_bomb("extra")), encoding="utf-8")
    started = time.perf_counter()
    errors = check_briefing(path, "b.md")
    assert time.perf_counter() - started < 1
    assert len(errors) == 1 and "aliases (*name) are not allowed" in str(errors[0]) and errors[0].line


def test_generate_reports_a_bomb_in_an_edited_briefing_and_writes_the_rest(tmp_path):
    write_article(tmp_path / "in", "ferry.txt", HOSTILE_ARTICLE)
    write_article(tmp_path / "in", "other.txt", HOSTILE_ARTICLE.replace("Port Callow", "Norrvik")
                  .replace("Anna Berg", "Lars Dahl").replace("Berg", "Dahl"))
    out = tmp_path / "content"
    assert generate([tmp_path / "in"], out).ok
    target = next(p for p in (out / "briefings").rglob("*.md") if "ferry.txt" in p.read_text(encoding="utf-8"))
    fm, body = target.read_text(encoding="utf-8").split("---\n", 2)[1:]
    fm = re.sub(r"^topics:.*?(?=^\S)", "", fm, flags=re.M | re.S) + nine_level_bomb("topics")
    target.write_text(f"---\n{fm}---\n{body}", encoding="utf-8")
    results = []
    report = generate([tmp_path / "in"], out, force=True, on_article=results.append)
    failed = [r for r in results if r.status == "failed"]
    assert len(failed) == 1 and target.name in failed[0].message and "aliases" in failed[0].message
    assert "\n" not in failed[0].message and not report.ok
    assert any(r.status != "failed" for r in results)


def test_a_duplicate_key_is_an_error_in_generate_check_and_build(tmp_path):
    dup = VALID_FRONT_MATTER.replace("summary: The board", "title: Another title\nsummary: The board")
    with pytest.raises(FrontMatterError, match=r"x\.md:7: title: field appears twice"):
        parse_front_matter(briefing_text(dup), Path("x.md"))
    path = tmp_path / "b.md"
    path.write_text(briefing_text(dup), encoding="utf-8")
    assert [str(e) for e in check_briefing(path, "b.md")] == [
        "b.md:7: title: field appears twice (only the last one counts)"]
    nested = VALID_FRONT_MATTER.replace("  sha256: ''\n", "  sha256: ''\n  path: other.txt\n")
    with pytest.raises(FrontMatterError, match=r"x\.md:7: path: field appears twice"):
        parse_front_matter(briefing_text(nested), Path("x.md"))


def test_build_fails_on_a_duplicate_key_naming_file_and_line(tmp_path, caplog):
    project = make_project(tmp_path / "project")
    write_article(tmp_path / "in", "ferry.txt", HOSTILE_ARTICLE)
    generate([tmp_path / "in"], project / "content")
    md = next((project / "content" / "briefings").rglob("*.md"))
    md.write_text(md.read_text(encoding="utf-8").replace("\ndate:", "\ntitle: Edited\ndate:", 1), encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(project)
    assert re.search(rf"{re.escape(md.name)}:3: title: field appears twice", caplog.text)


def test_deep_flow_nesting_is_refused_without_crashing_the_interpreter():
    code = ("from pathlib import Path; from generator.store import parse_front_matter; "
            "from generator.errors import FrontMatterError\n"
            "try:\n parse_front_matter('---\\nx: ' + '[' * 200000 + ']' * 200000 + '\\n---\\n', Path('d.md'))\n"
            "except FrontMatterError as e:\n print(e)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("d.md:2: invalid YAML: [ ] and { } nested deeper than 64 levels")


def test_front_matter_over_the_size_limit_is_refused():
    with pytest.raises(FrontMatterError, match=r"big\.md: invalid YAML: front matter is 1,000,0\d\d characters"):
        parse_front_matter(briefing_text("x: " + "y" * safe_yaml.MAX_CHARS + "\n"), Path("big.md"))


def test_an_anchor_without_alias_and_ordinary_front_matter_load_as_before():
    assert safe_yaml.load("a: &x 1\nb: [1, {c: 2}]\n") == {"a": 1, "b": [1, {"c": 2}]}
    assert safe_yaml.load(VALID_FRONT_MATTER) == yaml.safe_load(VALID_FRONT_MATTER)


def test_the_writer_never_writes_an_alias_the_loader_would_refuse():
    shared = ["economy", "politics"]
    text = dump_front_matter({"topics": shared, "also": shared})
    assert "&" not in text and "*" not in text
    assert safe_yaml.load(text) == {"topics": shared, "also": shared}
