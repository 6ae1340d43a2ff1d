"""Every speed benchmark, one command; prints every figure and each target's verdict.

    python benchmarks/run_all.py            # quick: generation on 1,000 articles (local and Dask), site at 100 and 1,000
    python benchmarks/run_all.py --full     # the issue's sizes: generation on 10,000 (local and Dask), site at 1,000 and 10,000
    python benchmarks/run_all.py --profile  # also a cProfile of generation (top functions)

Every mode ends with article length (bench_length.py): 100k and 400k characters (quick), and
1.6M too with --full.

Options after the mode are passed through: --no-browser skips the search payload measurement.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import bench_dask, bench_generate, bench_length, bench_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="1,000 and 10,000 (takes tens of minutes on 2 cores)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of generation")
    parser.add_argument("--no-browser", action="store_true", help="skip the search payload (Chromium) measurement")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    gen_args = ["--n", "10000" if args.full else "1000", "--seed", str(args.seed)] + (["--profile"] if args.profile else [])
    site_args = ["--sizes", *(["1000", "10000"] if args.full else ["100", "1000"]), "--seed", str(args.seed)]
    if args.no_browser:
        site_args.append("--no-browser")
    bench_generate.main(gen_args)
    try:
        import distributed  # noqa: F401 - the Dask comparison needs the optional extra
    except ImportError:
        print("\n(generation on Dask skipped: pip install 'briefings[dask]')")
    else:
        print()
        bench_dask.main(["--size", "10000" if args.full else "1000", "--seed", str(args.seed)])
    bench_site.main(site_args)
    bench_length.main(["--sizes", *(["100000", "400000", "1600000"] if args.full else ["100000", "400000"])])
    print(f"\nall benchmarks: {time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
