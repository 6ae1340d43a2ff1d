"""Time and memory against article length: one article of 100k, 400k and 1.6M characters.

    python benchmarks/bench_length.py [--sizes 100000 400000 1600000] [--profile SIZE] [--seed 0]

Each article is made by concatenating varied paragraphs of the synthetic corpus
(benchmarks/corpus.py: different names, numbers, quotes and dates in every paragraph) up to
the size, then parsed and extracted once (``build_briefing``) in a fresh interpreter after a
warm-up. Printed per size: CPU seconds (the process's own, so that other load on a shared
machine does not count), CPU seconds per 100k characters, wall seconds and peak RSS; then
the 400k/100k ratio of the CPU time (linear time gives 4; the target is <= 5).
``--profile SIZE`` prints the top functions of a cProfile at that size.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import _pools, make_article  # noqa: E402

TARGET_RATIO = 5.0
SIZES = (100_000, 400_000, 1_600_000)


def make_long_article(chars: int, seed: int = 0) -> str:
    """One article of about ``chars`` characters: the paragraphs of many synthetic articles."""
    rng = random.Random(seed)
    pools = _pools(random.Random(f"pools-{seed}"))
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        body = make_article(rng, pools).split(" ", 2)[2]  # drop "date YYYY-MM-DD"
        for p in body.strip().split("\n\n"):
            paragraphs.append(p)
            size += len(p) + 2
            if size >= chars:
                break
    return "date 2021-12-09 " + "\n\n".join(paragraphs) + "\n"


def _child(path: str, profile: bool) -> None:
    import cProfile
    import io
    import pstats
    import resource
    import time

    from generator.pipeline import build_briefing, warm_up
    from generator.readers.text import TextReader

    warm_up()
    p = Path(path)
    article = TextReader().read(p, p.parent)
    profiler = cProfile.Profile() if profile else None
    start, cpu_start = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    build_briefing(article)
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(25)
        print(buf.getvalue(), file=sys.stderr)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_mb, "chars": len(article.text)}))


def measure(path: Path, profile: bool = False) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", str(path)] + (["--profile-child"] if profile else []),
                          capture_output=True, text=True, check=True, cwd=ROOT)
    if profile:
        print(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--profile", type=int, default=None, help="also print a cProfile at this size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.profile_child)
        return {}
    print("\n== article length (one article, parse + extract) ==")
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"long-{size}.txt"
            path.write_text(make_long_article(size, args.seed), encoding="utf-8")
            r = measure(path, profile=args.profile == size)
            results[size] = r
            print(f"{size:>10,} chars: {r['cpu']:7.2f} CPU s  {r['cpu'] / (r['chars'] / 100_000):6.2f} CPU s per 100k chars  "
                  f"(wall {r['seconds']:.2f}s)  peak RSS {r['rss_mb']:.0f} MB", flush=True)
    if 100_000 in results and 400_000 in results:
        ratio = results[400_000]["cpu"] / results[100_000]["cpu"]
        verdict = "MET" if ratio <= TARGET_RATIO else "MISSED"
        print(f"CPU time 400k / 100k: {ratio:.2f}x (linear: 4; target <= {TARGET_RATIO:g}) {verdict}")
    return results


if __name__ == "__main__":
    main()
