"""A generate run end to end: files in, briefings out, bad input reported, nothing torn."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from generator.pipeline import generate
from generator.writer import split_front_matter
from tests.conftest import ROOT, SAMPLES, write_article

GOOD = "date 2021-12-09 President Joe Biden spoke with Ukrainian President Volodymyr Zelensky on Thursday.\n\n" \
       "\"We will not send troops,\" Biden told reporters.\n"


def briefings(out: Path) -> list[Path]:
    return sorted((out / "briefings").rglob("*.md"))


def front_matter(path: Path) -> dict:
    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0])


def test_generate_writes_one_briefing_per_article_under_year_and_month(tmp_path):
    report = generate([SAMPLES], tmp_path / "content")
    assert report.ok
    files = briefings(tmp_path / "content")
    assert len(files) == len(list(SAMPLES.glob("*.txt"))) >= 8
    for f in files:
        fm = front_matter(f)
        assert f.parent.name == f"{fm['date'].month:02d}" and f.parent.parent.name == str(fm["date"].year)
        assert fm["source"]["path"].startswith("articles/") and not os.path.isabs(fm["source"]["path"])


def test_generate_twice_gives_byte_identical_briefings(tmp_path):
    generate([SAMPLES], tmp_path / "a")
    generate([SAMPLES], tmp_path / "b")
    a, b = briefings(tmp_path / "a"), briefings(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))


def test_generate_skips_unchanged_input_and_force_rewrites_nothing_new(tmp_path):
    out = tmp_path / "content"
    first = generate([SAMPLES], out)
    second = generate([SAMPLES], out)
    assert second.count("unchanged") == first.count("written") and second.count("written") == 0
    forced = generate([SAMPLES], out, force=True)
    assert forced.count("written") == 0 and forced.count("unchanged") == first.count("written")


def test_generate_reports_every_bad_article_and_still_writes_the_good_ones(tmp_path):
    src = tmp_path / "in"
    write_article(src, "good.txt", GOOD)
    write_article(src, "empty.txt", "")
    write_article(src, "nodate.txt", "Biden spoke on Thursday.")
    write_article(src, "baddate.txt", "date 2021-13-45 Biden spoke.")
    write_article(src, "latin1.txt", "date 2021-01-01 Caf\xe9 owners said so.".encode("latin-1"))
    write_article(src, "binary.txt", bytes(range(256)))
    messages = []
    report = generate([src], tmp_path / "content", on_article=lambda r: messages.append(r.message))
    assert report.count("written") == 1 and report.count("failed") == 5
    failed = sorted(m for m in messages if m)
    assert all("\n" not in m and "Traceback" not in m for m in failed)
    assert any(m.startswith("in/baddate.txt:1: impossible date '2021-13-45'") for m in failed)
    assert any(m.startswith("in/empty.txt: empty file") for m in failed)
    assert any(m.startswith("in/nodate.txt:1: no dateline") for m in failed)
    assert any(m.startswith("in/latin1.txt:1: not UTF-8") for m in failed)
    assert any(m.startswith("in/binary.txt: binary file") for m in failed)


def test_generate_reports_a_folder_without_articles(tmp_path):
    (tmp_path / "empty").mkdir()
    report = generate([tmp_path / "empty"], tmp_path / "content")
    assert not report.ok
    assert report.results[0].message.endswith("folder holds no articles (*.txt, *.html, *.htm, *.xml, *.rss, *.atom, *.jsonl, *.jsonl.gz)")


def test_generate_reports_an_output_folder_that_cannot_be_written(tmp_path):
    write_article(tmp_path / "in", "good.txt", GOOD)
    blocker = tmp_path / "content"
    blocker.write_text("a file where the output folder should be")
    report = generate([tmp_path / "in"], blocker)
    assert report.count("failed") == 1
    assert "cannot write" in report.results[0].message and "\n" not in report.results[0].message


def test_generate_gives_colliding_titles_distinct_stable_slugs(tmp_path):
    write_article(tmp_path / "in", "a.txt", GOOD)
    write_article(tmp_path / "in", "b.txt", GOOD.replace("Thursday", "Friday"))
    generate([tmp_path / "in"], tmp_path / "one")
    generate([tmp_path / "in"], tmp_path / "two")
    names = [p.name for p in briefings(tmp_path / "one")]
    assert len(set(names)) == 2
    assert names == [p.name for p in briefings(tmp_path / "two")]


def test_generate_keeps_a_briefings_path_when_its_title_changes(tmp_path):
    src = write_article(tmp_path / "in", "a.txt", GOOD)
    generate([tmp_path / "in"], tmp_path / "content")
    [before] = briefings(tmp_path / "content")
    src.write_text(GOOD.replace("President Joe Biden spoke", "Joe Biden talked"), encoding="utf-8")
    generate([tmp_path / "in"], tmp_path / "content")
    assert briefings(tmp_path / "content") == [before]


def test_interrupted_run_leaves_every_briefing_old_or_new_never_torn(tmp_path):
    """kill -9 half way through a run over many articles: each file is whole (old or new)."""
    src = tmp_path / "in"
    src.mkdir()
    texts = sorted(SAMPLES.glob("*.txt"))
    for i in range(60):
        shutil.copy(texts[i % len(texts)], src / f"a{i:03d}.txt")
    out = tmp_path / "content"
    generate([src], out)
    old = {p: p.read_bytes() for p in briefings(out)}
    for f in src.glob("*.txt"):
        f.write_text(f.read_text(encoding="utf-8") + "\n\nA closing paragraph added later.\n", encoding="utf-8")
    code = f"from pathlib import Path; from generator.pipeline import generate; generate([Path({str(src)!r})], Path({str(out)!r}))"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline and sum(p.read_bytes() != old.get(p) for p in briefings(out)) < 5:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    changed = 0
    for path in briefings(out):
        data = path.read_bytes()
        fm = front_matter(path)  # parses: not torn
        assert fm["source"]["path"].startswith("in/")
        if data != old[path]:
            changed += 1
            assert data.rstrip().endswith(b"A closing paragraph added later.")
    assert 0 < changed < len(old), "the kill should land half way through the run"


def test_generate_on_two_workers_gives_the_same_bytes_as_on_one(tmp_path, monkeypatch):
    import generator.pipeline as pipeline

    monkeypatch.setattr(pipeline, "POOL_MIN_JOBS_PER_WORKER", 2)  # make sure the pool really runs
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(sorted(SAMPLES.glob("*.txt")) * 2):
        shutil.copy(text, src / f"a{i:02d}.txt")
    generate([src], tmp_path / "one", workers=1)
    generate([src], tmp_path / "two", workers=2)
    one, two = briefings(tmp_path / "one"), briefings(tmp_path / "two")
    assert [p.relative_to(tmp_path / "one") for p in one] == [p.relative_to(tmp_path / "two") for p in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))


def test_an_extractor_crash_fails_only_that_article(tmp_path, monkeypatch):
    import generator.pipeline as pipeline

    real = pipeline.build_briefing

    def flaky(article, *args):
        if "boom" in article.source_path:
            raise RuntimeError("extractor bug")
        return real(article, *args)

    monkeypatch.setattr(pipeline, "build_briefing", flaky)
    write_article(tmp_path / "in", "boom.txt", GOOD)
    write_article(tmp_path / "in", "fine.txt", GOOD)
    report = generate([tmp_path / "in"], tmp_path / "content")
    assert report.count("written") == 1 and report.count("failed") == 1
    failed = next(r for r in report.results if r.status == "failed")
    assert failed.message == "in/boom.txt: internal error while extracting: RuntimeError: extractor bug"


def test_a_generator_code_change_makes_the_next_run_regenerate(tmp_path, monkeypatch):
    import generator.pipeline as pipeline

    write_article(tmp_path / "in", "a.txt", GOOD)
    generate([tmp_path / "in"], tmp_path / "content")
    assert generate([tmp_path / "in"], tmp_path / "content").count("unchanged") == 1
    monkeypatch.setattr(pipeline, "GENERATOR", pipeline.GENERATOR + "-changed")
    again = generate([tmp_path / "in"], tmp_path / "content")
    assert again.count("written") == 1
    assert "generator: " + pipeline.GENERATOR in briefings(tmp_path / "content")[0].read_text(encoding="utf-8")


def test_a_lost_or_damaged_run_index_is_rebuilt_from_the_machine_records(tmp_path):
    out = tmp_path / "content"
    first = generate([SAMPLES], out)
    index = out / ".machine" / "index.json"
    saved = index.read_bytes()
    index.unlink()
    assert generate([SAMPLES], out).count("unchanged") == first.count("written")
    assert index.read_bytes() == saved
    index.write_text("{ not json", encoding="utf-8")
    assert generate([SAMPLES], out).count("unchanged") == first.count("written")
    assert index.read_bytes() == saved


def test_a_briefing_whose_machine_record_was_lost_is_merged_into_not_duplicated(tmp_path):
    write_article(tmp_path / "in", "a.txt", GOOD)
    out = tmp_path / "content"
    generate([tmp_path / "in"], out)
    shutil.rmtree(out / ".machine")
    report = generate([tmp_path / "in"], out)
    assert report.ok and len(briefings(out)) == 1


def test_a_run_with_few_due_articles_stays_in_one_process(tmp_path, monkeypatch):
    import generator.pipeline as pipeline

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a handful of articles")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", no_pool)
    write_article(tmp_path / "in", "a.txt", GOOD)
    assert generate([tmp_path / "in"], tmp_path / "content", workers=2).count("written") == 1


def test_an_unchanged_input_is_skipped_on_its_hash_without_being_parsed(tmp_path, monkeypatch):
    from generator.readers.text import TextReader

    inputs = tmp_path / "in"
    write_article(inputs, "a.txt", "date 2024-03-01 The council met on Tuesday.\n")
    write_article(inputs, "b.txt", "date 2024-03-02 The mayor spoke on Monday.\n")
    assert generate([inputs], tmp_path / "out").ok
    write_article(inputs, "b.txt", "date 2024-03-02 The mayor spoke again on Monday.\n")
    parsed = []
    original = TextReader.read
    monkeypatch.setattr(TextReader, "read", lambda self, path, root: parsed.append(path.name) or original(self, path, root))
    result = generate([inputs], tmp_path / "out")
    assert parsed == ["b.txt"]
    assert {r.source: r.status for r in result.results} == {"in/a.txt": "unchanged", "in/b.txt": "written"}
