from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_26b014acf4a540e6.txt"
SAMPLES = ROOT / "samples" / "articles"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEED


def write_article(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    """A copy of the project's site config and templates, with an empty content folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    (tmp_path / "content").mkdir()
    return tmp_path


def best_cpu_seconds(run, repeats: int = 3) -> float:
    """The least CPU time ``run()`` takes over ``repeats`` calls, with the garbage collector off:
    for tests of how cost grows with input size (other load on the machine does not count, and a
    collection's cost depends on what else the test session holds)."""
    import gc
    import time

    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best
