"""One ``generate`` at a time per output folder, and the leftovers of a killed run.

The lock is ``fcntl.flock`` on ``OUT/.generate.lock``, held for the whole run. A second run
on the same folder does not wait: it fails at once with one line naming the run that holds
the lock (pid, host, start time), so that two runs can never interleave their briefings or
their index. The kernel releases a flock when its process dies, so a killed run never leaves
a lock that blocks the next one (its file stays, and the next run takes it over). A run that
ends removes the file while still holding the lock, so the output folder holds the same files
after every run; a run that locked a file just removed checks that the file it locked is
still the one at the path, and otherwise tries again.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import re
import socket
from pathlib import Path

from generator.errors import BriefingsError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX (Windows): runs are not locked there
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".generate.lock"
# The temporary files ``writer.atomic_write`` makes (``.<name>.<8 random chars>.tmp``, from
# ``tempfile.mkstemp``); nothing else in the output folder has this shape.
TEMP_FILE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
TEMP_DIRS = ("briefings", ".machine")


class RunLockedError(BriefingsError):
    """Another generate run holds the output folder."""


class RunLock:
    """The output folder's lock: ``acquire()`` or a one-line error, ``release()`` when done
    (see the module docstring)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self.out_dir / LOCK_FILE

    def acquire(self) -> "RunLock":
        for _ in range(100):  # a retry only follows another run removing the file: never many
            fd = self._lock_once()
            if fd is not None:
                break
        else:
            raise BriefingsError(f"{self.path}: cannot lock: the file keeps being replaced")
        started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        note = f"pid {os.getpid()} on {socket.gethostname()}, started {started}\n".encode()
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, note, 0)
        except OSError:
            pass  # the note is only for the message of a second run; the lock holds without it
        self._fd = fd
        return self

    def _lock_once(self) -> int | None:
        """A descriptor holding the lock on the file now at ``self.path``; None to try again."""
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as err:
            raise BriefingsError(f"{self.out_dir}: cannot write here: {err.strerror or err}") from None
        if fcntl is None:
            return fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            holder = _holder(fd)
            os.close(fd)
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise BriefingsError(f"{self.path}: cannot lock: {err.strerror or err}") from None
            raise RunLockedError(f"{self.out_dir}: another `briefings generate` is writing here ({holder}); "
                                 f"wait for it to finish, then run again") from None
        try:
            on_path = os.stat(self.path)
        except FileNotFoundError:
            on_path = None
        held = os.fstat(fd)
        if on_path is None or (on_path.st_dev, on_path.st_ino) != (held.st_dev, held.st_ino):
            os.close(fd)  # locked a file the previous holder had just removed
            return None
        return fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                self.path.unlink()  # while still locked: see the module docstring
            except OSError:
                pass  # left behind: the next run takes it over
            os.close(self._fd)  # releases the flock
            self._fd = None


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 512, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "it has not said who it is yet"


def remove_stale_temp_files(out_dir: Path) -> list[Path]:
    """Delete the temporary files a killed run left behind (only our own, by name; call it
    while holding the lock, so no other run is writing them)."""
    removed = []
    for sub in TEMP_DIRS:
        folder = out_dir / sub
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if TEMP_FILE.match(name):
                    path = Path(root) / name
                    try:
                        path.unlink()
                        removed.append(path)
                    except OSError:
                        pass  # cannot remove: harmless, it is retried next run
    return sorted(removed)
