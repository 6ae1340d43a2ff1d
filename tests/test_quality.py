"""Extraction quality stays above the issues' targets: the dev gold set (../shared/eval-dev)
and the held-out annotations of the samples (samples/gold), scored by the set's own score.py."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import ROOT, SAMPLES, SHARED

SCORER = SHARED / "eval-dev" / "score.py"
# The targets of the extractor issues (#4, #5, #6) on the dev set; actors and key actors: a floor
# a little under what issue 14 measured (0.880, 0.889).
DEV_TARGETS = {"actors": 0.86, "key_actors": 0.85, "claims": 0.80, "speakers": 0.70, "figures": 0.80, "dates": 0.80}
# Held-out samples: a floor a little under what was measured, so a real regression fails.
HELD_OUT_FLOORS = {"actors": 0.96, "key_actors": 0.80, "claims": 0.88, "speakers": 0.86, "figures": 0.80, "dates": 0.90}


def _scorer():
    if not SCORER.exists():
        pytest.skip("../shared/eval-dev is not beside the repository")
    spec = importlib.util.spec_from_file_location("briefings_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scores(tmp_path: Path, articles: Path, gold: Path) -> dict[str, float]:
    assert generate([articles], tmp_path / "out").ok
    result = _scorer().score(tmp_path / "out" / "briefings", gold)
    assert not result.pop("missing")
    return {field: f1 for field, (_, _, f1) in result.items()}


def test_dev_set_scores_meet_the_extractor_targets(tmp_path):
    scorer_dir = SCORER.parent
    scores = _scores(tmp_path, scorer_dir / "articles", scorer_dir / "gold")
    low = {k: round(v, 3) for k, v in scores.items() if v < DEV_TARGETS[k]}
    assert not low, f"below target on the dev set: {low} (all: {scores})"


def test_held_out_sample_scores_stay_above_their_floors(tmp_path):
    gold = ROOT / "samples" / "gold"
    scores = _scores(tmp_path, SAMPLES, gold)
    low = {k: round(v, 3) for k, v in scores.items() if v < HELD_OUT_FLOORS[k]}
    assert not low, f"below floor on the held-out samples: {low} (all: {scores})"
