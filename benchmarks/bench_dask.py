"""Generation on the local process pool and on Dask, side by side (synthetic corpus).

    python benchmarks/bench_dask.py [--size 1000] [--workers 2] [--batch 200] [--keep DIR]

Both runs get the same corpus and the same number of workers (local: ``generate(workers=N)``;
Dask: a ``LocalCluster`` of N single-threaded worker processes, via ``generate_on_dask``),
each in a fresh interpreter, and print:

- words/s of each and their ratio (Dask / local), with and without the cluster's start-up
  (starting N worker processes and building the pipeline in each);
- whether the two output trees (briefings, machine records, site data, run index) are
  byte-identical;
- per-article costs for a projection to larger archives (docs/scale.md): CPU seconds per
  article in the client (reading, skipping, merging with the index, writing: the part that
  does not spread over workers) and in the workers, and peak RSS of each.

``--size 100000`` is the issue's archive-size run (about an hour on 2 cores); it is a
benchmark, never a test.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_generate import compare_trees, machine_line, verdict  # noqa: E402
from benchmarks.corpus import count_words, make_corpus  # noqa: E402


# -- child process: one timed run ------------------------------------------------------------

class _WaitTimed:
    """Wraps an executor; adds up the time the client spends blocked on results, so that the
    rest of the run's wall time is what the client itself is busy with (its ceiling)."""

    def __init__(self, inner):
        self.inner, self.waited = inner, 0.0

    def submit(self, fn, *args):
        future, timer = self.inner.submit(fn, *args), self

        class Timed:
            def result(self):
                start = time.perf_counter()
                try:
                    return future.result()
                finally:
                    timer.waited += time.perf_counter() - start

        return Timed()


def _worker_usage() -> dict:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": own.ru_utime + own.ru_stime, "rss_mb": own.ru_maxrss / 1024}


def _child(mode: str, inputs: str, out: str, workers: int, batch: int) -> None:
    import resource

    def own_cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime

    figures: dict = {}
    cpu0, start = own_cpu(), time.perf_counter()
    if mode == "local":
        from generator.pipeline import generate

        report = generate([Path(inputs)], Path(out), workers=workers)
        figures["run_seconds"] = time.perf_counter() - start
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures["worker_cpu"] = kids.ru_utime + kids.ru_stime
        figures["worker_rss_mb"] = kids.ru_maxrss / 1024
    else:
        from generator.dask_runner import dask_client
        from generator.pipeline import generate

        with dask_client("local", local_workers=workers) as client:
            figures["startup_seconds"] = time.perf_counter() - start
            before = client.run(_worker_usage)
            cpu1, run_start = own_cpu(), time.perf_counter()
            slots = sum(client.nthreads().values())
            executor = _WaitTimed(client.get_executor(pure=False))
            report = generate([Path(inputs)], Path(out), executor=executor, batch_size=batch, window=2 * slots)
            figures["run_seconds"] = time.perf_counter() - run_start
            figures["client_busy"] = figures["run_seconds"] - executor.waited
            figures["client_run_cpu"] = own_cpu() - cpu1
            after = client.run(_worker_usage)
        figures["worker_cpu"] = sum(after[w]["cpu"] - before[w]["cpu"] for w in after)
        figures["worker_rss_mb"] = max(u["rss_mb"] for u in after.values())
    figures["seconds"] = time.perf_counter() - start
    figures["client_cpu"] = own_cpu() - cpu0
    figures["client_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # with a LocalCluster: scheduler included
    figures.update(written=report.count("written"), failed=report.count("failed"))
    print(json.dumps(figures))


def run(mode: str, inputs: Path, out: Path, workers: int, batch: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(inputs), str(out), str(workers), str(batch)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise SystemExit(f"{mode} child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- main ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="articles in the corpus (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="local processes and Dask workers (default 2)")
    parser.add_argument("--batch", type=int, default=200, help="articles per Dask task (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temp folder")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, inputs, out, workers, batch = args.child
        _child(mode, inputs, out, int(workers), int(batch))
        return {}

    work = args.keep or Path(tempfile.mkdtemp(prefix="briefings-bench-dask-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"== generation, local pool vs Dask: {args.size:,} synthetic articles, {args.workers} workers, "
              f"Dask batches of {args.batch} ==")
        print(machine_line())
        corpus = work / "corpus"
        paths = make_corpus(args.size, corpus, args.seed)
        words = count_words(paths)
        print(f"corpus: {args.size:,} articles, {words:,} words")
        local = run("local", corpus, work / "out-local", args.workers, args.batch)
        dask = run("dask", corpus, work / "out-dask", args.workers, args.batch)
        wl, wd, wd_run = words / local["seconds"], words / dask["seconds"], words / dask["run_seconds"]
        print(f"\n{'':28}{'local pool':>14}{'Dask':>14}{'Dask / local':>14}")
        print(f"{'wall time (s)':28}{local['seconds']:14.1f}{dask['seconds']:14.1f}")
        print(f"{'words/s':28}{wl:14,.0f}{wd:14,.0f}{wd / wl:13.2f}x")
        print(f"{'words/s, cluster already up':28}{'':14}{wd_run:14,.0f}{wd_run / wl:13.2f}x"
              f"   (cluster start-up {dask['startup_seconds']:.1f}s)")
        print(f"{'written / failed':28}{local['written']:>8,} / {local['failed']:<3}{dask['written']:>8,} / {dask['failed']:<3}")
        identical, line = compare_trees(work / "out-local", work / "out-dask")
        print(f"output identical: {line}")
        n = max(1, dask["written"])
        client_ms, worker_ms = 1000 * dask["client_run_cpu"] / n, 1000 * dask["worker_cpu"] / n
        busy_ms = 1000 * dask["client_busy"] / n
        print("\nper-article costs on Dask (for docs/scale.md's projection):")
        print(f"  client (find, read, skip check, submit, index, atomic writes): {client_ms:6.2f} CPU-ms, {busy_ms:6.2f} wall-ms"
              f" busy per article; peak RSS {dask['client_rss_mb']:.0f} MB (the LocalCluster's scheduler runs in this process)")
        print(f"  workers (parse, extract, merge, render):                       {worker_ms:6.2f} CPU-ms per article;"
              f" peak RSS {dask['worker_rss_mb']:.0f} MB per worker")
        print(f"  one client keeps ~{worker_ms / client_ms:.1f} worker cores busy by CPU ({1000 / client_ms:,.0f} articles/s),"
              f" ~{worker_ms / busy_ms:.1f} by its busy wall time here ({1000 / busy_ms:,.0f} articles/s;"
              " includes fsync and, on a loaded machine, waiting for a core)")
        print(f"  local pool for comparison: client {1000 * local['client_cpu'] / max(1, local['written']):.2f} CPU-ms/article"
              f" (reads and writes, and its own start-up), peak RSS {local['client_rss_mb']:.0f} MB main,"
              f" {local['worker_rss_mb']:.0f} MB largest worker")
        print(f"  same output: {verdict(identical)}")
        return {"size": args.size, "words": words, "local": local, "dask": dask, "identical": identical,
                "client_ms": client_ms, "worker_ms": worker_ms}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
