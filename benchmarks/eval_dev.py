"""Score the generator on the dev gold set: generate briefings for ../shared/eval-dev/articles
into a temporary folder and run the set's own score.py on them.

    python benchmarks/eval_dev.py [--per-article] [--keep DIR]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pipeline import generate  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-article", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the briefings here instead of a temp folder")
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="briefings-eval-"))
    start = time.perf_counter()
    report = generate([args.eval_dir / "articles"], out, force=True)
    elapsed = time.perf_counter() - start
    for r in report.results:
        if r.status == "failed":
            print(f"failed: {r.message}")
    print(f"generated {report.count('written') + report.count('unchanged')} briefings in {elapsed:.2f}s -> {out}")
    cmd = [sys.executable, str(args.eval_dir / "score.py"), str(out / "briefings")]
    if args.per_article:
        cmd.append("--per-article")
    subprocess.run(cmd, check=False)


if __name__ == "__main__":
    main()
