"""Briefing bodies converted ahead of time, on a core the build would leave idle.

The plugin renders its pages at the end of a build, on every core. Before that, for seconds
(about a fifth of a build at 10,000 briefings), one core works alone: MkDocs lists the files,
the plugin reads every briefing's site data and builds the corpus, MkDocs copies the theme.
A briefing's body (its Markdown) needs nothing from the corpus, so during that time one
forked process converts bodies with the same converter the pages use, into a temporary file.
When the pages' rendering starts it is told to stop; what it finished is looked up by the
digest of the body's text, and the rest is converted by the page workers as before. A page is
byte for byte the same either way: only which process ran the converter changes.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
from typing import Callable

import markdown

from generator.writer import split_front_matter

STOP_WAIT_SECONDS = 10.0  # a body takes milliseconds: a process that does not answer is stopped


def body_digest(body: str) -> bytes:
    return hashlib.sha1(body.encode("utf-8")).digest()


def _convert(paths: list[str], make_markdown: Callable[[], markdown.Markdown], out_path: str,
             stop, conn) -> None:
    """The converting process: bodies of ``paths`` in order until ``stop`` is set; sends
    {digest: (offset, length)} of what it wrote to ``out_path``."""
    index: dict[bytes, tuple[int, int]] = {}
    try:
        converter = make_markdown()
        with open(out_path, "wb") as out:
            for path in paths:
                if stop.is_set():
                    break
                try:
                    with open(path, encoding="utf-8") as fh:
                        body = split_front_matter(fh.read())[1]
                except (OSError, UnicodeDecodeError):
                    continue  # the page reports it when it reads the file itself
                digest = body_digest(body)
                if digest in index:
                    continue
                html = converter.reset().convert(body).encode("utf-8")
                index[digest] = (out.tell(), len(html))
                out.write(html)
    except Exception:  # noqa: BLE001 - whatever went wrong, the pages convert their bodies themselves
        index = {}  # and report what is wrong with one, as they always did
    conn.send(index)
    conn.close()


class BodiesAhead:
    """Bodies of briefing files converted by a background process while the build does other
    work: ``start`` it, ``finish`` it when the pages are rendered, ``html(body)`` in any
    process forked after that, ``close`` at the end."""

    def __init__(self, paths: list[str], make_markdown: Callable[[], markdown.Markdown]):
        self._paths, self._make_markdown = paths, make_markdown
        self._process = self._conn = self._stop = None
        self._index: dict[bytes, tuple[int, int]] = {}
        self._fd: int | None = None
        handle, self._out_path = tempfile.mkstemp(prefix="briefings-bodies-", suffix=".html")
        os.close(handle)

    def start(self) -> None:
        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._conn, child_end = context.Pipe(duplex=False)
        self._process = context.Process(target=_convert, daemon=True, name="briefings-bodies",
                                        args=(self._paths, self._make_markdown, self._out_path, self._stop, child_end))
        self._process.start()
        child_end.close()

    def finish(self) -> int:
        """Stop converting; returns how many bodies are ready. A process that failed or does
        not answer leaves none ready (the pages convert their bodies themselves)."""
        if self._process is None:
            return 0
        self._stop.set()
        try:
            if self._conn.poll(STOP_WAIT_SECONDS):
                self._index = self._conn.recv()
        except (EOFError, OSError):
            self._index = {}
        self._process.join(STOP_WAIT_SECONDS)
        if self._process.is_alive():
            self._process.terminate()
            self._index = {}
        self._process = None
        return len(self._index)

    def html(self, body: str) -> str | None:
        """The body's HTML when the background process converted it, else None."""
        if not self._index:
            return None
        where = self._index.get(body_digest(body))
        if where is None:
            return None
        if self._fd is None:  # opened once per process that reads
            self._fd = os.open(self._out_path, os.O_RDONLY)
        offset, length = where
        return os.pread(self._fd, length, offset).decode("utf-8")

    def close(self) -> None:
        if self._process is not None:
            self._stop.set()
            self._process.terminate()
            self._process = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._index = {}
        try:
            os.unlink(self._out_path)
        except OSError:
            pass
