"""What the three-way merge costs per briefing (prints milliseconds per merge_briefing call).

    python benchmarks/bench_merge.py
"""
from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.merge import merge_briefing  # noqa: E402
from tests.test_merge import big_briefing  # noqa: E402


def per_call(old: dict, edited: dict, new: dict, repeat: int = 200) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        merge_briefing(old, edited, new)
    return (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    old = big_briefing()  # 30 actors, 20 claims, 20 figures, 15 timeline entries
    edited = copy.deepcopy(old)
    edited["actors"][3]["role"] = "edited"
    del edited["claims"][5]
    edited["figures"].append({"text": "edited figure", "value": 1})
    new = copy.deepcopy(old)
    for actor in new["actors"]:
        actor["mentions"] += 1
    new["claims"][2]["cue"] = "noted"
    reordered = copy.deepcopy(edited)
    reordered["actors"].reverse()
    print(f"untouched editor file   {per_call(old, copy.deepcopy(old), new):.2f} ms/briefing")
    print(f"editor edits + new run  {per_call(old, edited, new):.2f} ms/briefing")
    print(f"same, actors reordered  {per_call(old, reordered, new):.2f} ms/briefing")
    print(f"no machine record       {per_call(None, edited, new):.2f} ms/briefing")


if __name__ == "__main__":
    main()
