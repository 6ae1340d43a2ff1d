"""Generation on Dask (generator.dask_runner): same bytes as the local pool, resumes after a
failure, one line when Dask is missing. One LocalCluster of 2 single-threaded worker
processes serves the module, reached by its tcp:// address as a real cluster would be."""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

import generator.pipeline as pipeline
from generator.pipeline import extract_in_order, generate
from tests.conftest import ROOT, SAMPLES

distributed = pytest.importorskip("distributed")

from generator.dask_runner import DaskError, generate_on_dask  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:  # any free port: never 8787
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The samples twice over (20 articles), so that several batches reach both workers."""
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(sorted(SAMPLES.glob("*.txt")) * 2):
        shutil.copy(text, src / f"a{i:02d}.txt")
    return src


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (briefings, machine records, site data, run index)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def local_tree(corpus: Path, tmp_path: Path, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setattr(pipeline, "POOL_MIN_JOBS_PER_WORKER", 2)  # the pool really runs on 20 articles
    assert generate([corpus], tmp_path / "local", workers=2).count("written") == 20
    return tree(tmp_path / "local")


def count_extractions(monkeypatch) -> list[str]:
    """Articles extracted in this process from now on (a one-process run extracts here)."""
    seen: list[str] = []
    real = pipeline.extract

    def counting(job):
        seen.append(job.article.source_path)
        return real(job)

    monkeypatch.setattr(pipeline, "extract", counting)
    return seen


def test_dask_output_is_byte_identical_to_the_local_pool(scheduler, corpus, local_tree, tmp_path):
    report = generate_on_dask([corpus], tmp_path / "dask", scheduler, batch_size=3)
    assert report.count("written") == 20 and report.ok
    assert tree(tmp_path / "dask") == local_tree


def test_the_cli_generates_on_a_scheduler_address(scheduler, corpus, local_tree, tmp_path):
    run = subprocess.run([sys.executable, "-m", "generator.cli", "generate", str(corpus), "--out", str(tmp_path / "cli"),
                          "--dask", scheduler, "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "20 written, 0 unchanged, 0 failed" in run.stdout
    assert tree(tmp_path / "cli") == local_tree


class FailingAfter:
    """An executor that hands ``good`` batches to ``inner``, then fails every later batch as
    a cluster does when it loses the scheduler."""

    def __init__(self, inner, good: int):
        self.inner, self.good = inner, good

    def submit(self, fn, *args):
        if self.good > 0:
            self.good -= 1
            return self.inner.submit(fn, *args)
        failed: Future = Future()
        failed.set_exception(OSError("connection to the scheduler closed"))
        return failed


def test_a_cluster_failing_half_way_resumes_and_finishes_with_identical_output(
        scheduler, corpus, local_tree, tmp_path, monkeypatch):
    real = distributed.Client.get_executor
    monkeypatch.setattr(distributed.Client, "get_executor", lambda self, **kw: FailingAfter(real(self, **kw), good=3))
    done: list[str] = []
    with pytest.raises(DaskError, match="run the same command again to resume"):
        generate_on_dask([corpus], tmp_path / "out", scheduler, batch_size=3,
                         on_article=lambda r: done.append(r.source))
    assert len(done) == 9  # three batches of three were written before the failure
    monkeypatch.undo()
    extracted = count_extractions(monkeypatch)
    report = generate([corpus], tmp_path / "out", workers=1)  # the rerun skips what was written
    assert sorted(extracted) == sorted(set(r.source for r in report.results) - set(done))
    assert tree(tmp_path / "out") == local_tree


def test_a_killed_run_resumes_from_its_last_checkpoint_with_identical_output(
        scheduler, corpus, local_tree, tmp_path, monkeypatch):
    out = tmp_path / "out"
    code = (
        "import os, signal; from pathlib import Path\n"
        "import generator.pipeline as p; p.CHECKPOINT_SECONDS = 0\n"
        "from generator.dask_runner import generate_on_dask\n"
        "seen = []\n"
        "def die(result):\n"
        "    seen.append(result)\n"
        "    if len(seen) == 8: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"generate_on_dask([Path({str(corpus)!r})], Path({str(out)!r}), {scheduler!r}, batch_size=2, on_article=die)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == -9, run.stderr
    extracted = count_extractions(monkeypatch)
    report = generate([corpus], out, workers=1)
    assert report.ok and len(report.results) == 20
    # killed while reporting the 8th article: the index saved before then (at least after the
    # first article, at most after the 7th) lets the rerun skip those
    assert 13 <= len(extracted) < 20
    assert tree(out) == local_tree


def test_the_dask_flag_without_dask_installed_fails_on_one_line(corpus, tmp_path):
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from generator.cli import app\n"
            f"app(['generate', {str(corpus)!r}, '--out', {str(tmp_path / 'out')!r}, '--dask', 'local'])\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == ["error --dask needs Dask's distributed scheduler: pip install 'briefings[dask]'"]
    assert not (tmp_path / "out").exists()


def test_workers_running_another_generator_are_refused(scheduler, corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "GENERATOR", pipeline.GENERATOR + "-edited")
    with pytest.raises(DaskError, match=r"install the same briefings on every worker") as failure:
        generate_on_dask([corpus], tmp_path / "out", scheduler)
    assert "\n" not in str(failure.value)
    assert not (tmp_path / "out").exists()


class SlowInReverse:
    """An executor whose tasks finish in reverse order of submission; the task's result is
    its batch itself, so the test sees which batch each result belongs to."""

    def __init__(self):
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()

    def submit(self, fn, batch):
        future: Future = Future()
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

        def finish():
            time.sleep(0.05 - 0.004 * batch[0])
            with self.lock:
                self.in_flight -= 1
            future.set_result(list(batch))

        threading.Thread(target=finish).start()
        return future


def test_batches_come_back_in_input_order_with_a_bounded_number_in_flight():
    executor = SlowInReverse()
    pairs = list(extract_in_order(iter(range(10)), executor, batch_size=3, window=2))
    assert [job for job, _ in pairs] == list(range(10))
    assert all(job == result for job, result in pairs)
    assert executor.most_in_flight <= 2
