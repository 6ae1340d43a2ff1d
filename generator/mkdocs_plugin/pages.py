"""The pages the plugin renders itself: one per briefing, per actor and per listing page.

An archive has thousands of these, and all of them share the same surroundings (Material's
header, tabs, navigation, footer, scripts). MkDocs would render that whole theme template
for every page; here it is rendered once per URL depth into a ``PageShell`` (the theme's
``shell.html`` with placeholders for content, title and URL), and each page renders only
its own content template (``site_templates/content/*.html``) and drops it in. The result is
the same page the theme would make (a test compares them), at a fraction of the cost, and
the pages are spread over every core (forked workers, each writing its share).
"""
from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import multiprocessing
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from markupsafe import escape

from generator.errors import BriefingsError

# Placeholders: private-use characters for text (no filter changes them), ASCII for the URL
# (URLs get percent-quoted on their way into a page).
CONTENT = "\ue000bx-content\ue000"
TITLE = "\ue000bx-title\ue000"
URL_SEGMENT = "bx-shell-url-"
POOL_MIN_PAGES_PER_WORKER = 200  # below this a forked worker costs more than it saves


# -- a page's Content-Security-Policy (site_templates/main.html) --------------------------------

SCRIPT_HASHES = "BRIEFINGS_INLINE_SCRIPTS"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script\s*>", re.S | re.I)
_DATA_TYPE = re.compile(r"\stype\s*=\s*[\"']?(?!(?:text|application)/(?:java|ecma)script|module)[^\s\"'>]", re.I)


def add_script_hashes(html: str) -> str:
    """The page with its policy's placeholder replaced by the sha256 of each inline script of
    the page (the theme's few lines of setup; the same on every page of a URL depth). A data
    block (``type="application/json"``) never runs and needs none. Only scripts that are in
    the page when this runs are allowed: anything added later is blocked."""
    if SCRIPT_HASHES not in html:
        return html
    hashes = []
    for m in _INLINE_SCRIPT.finditer(html):
        if re.search(r"\ssrc\s*=", m["attrs"], re.I) or _DATA_TYPE.search(m["attrs"]):
            continue
        digest = base64.b64encode(hashlib.sha256(m["code"].encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return html.replace(SCRIPT_HASHES, " ".join(hashes), 1)


# -- the pages ----------------------------------------------------------------------------------

class UnsafePathError(BriefingsError):
    """A page would be written outside the site folder."""


def _leaves(rel: str, site_dir: Path) -> UnsafePathError:
    return UnsafePathError(f"{rel!r}: page path leaves the site folder {site_dir}; not written")


def _checked(rel: str, site_dir: Path) -> list[str]:
    """The segments of a page path, refused when it could name anything outside the site
    folder by its letters alone: absolute, "..", a backslash or NUL (``.`` and empty
    segments are dropped)."""
    if rel.startswith("/") or "\\" in rel or "\0" in rel or ".." in rel.split("/"):
        raise _leaves(rel, site_dir)
    return [part for part in rel.split("/") if part not in ("", ".")]


def _inside(root: str, real: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
# A hard link cannot be made here (another file system, or one without links): copy instead.
_NO_HARD_LINK = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP)


class SiteWriter:
    """Writes pages under ``site_dir`` and nowhere else (every page path comes from a slug; this
    is the check that it stayed inside): a path is checked by its letters, and each folder is
    made and resolved once (a folder that is a link is followed only when it stays inside the
    site folder), not every component of every page's path. A page file that is itself a
    link is written through only when it points inside the site folder too."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.root = os.path.realpath(site_dir)
        self._folders: dict[str, str] = {"": self.root}  # site-relative folder -> its real path, made

    def _folder(self, rel: str, parts: list[str]) -> str:
        real = self._folders.get("/".join(parts))
        if real is not None:
            return real
        parent = self._folder(rel, parts[:-1])
        path = os.path.join(parent, parts[-1])
        try:
            os.mkdir(path)
        except FileExistsError:
            pass
        real = path if stat.S_ISDIR(os.lstat(path).st_mode) else os.path.realpath(path)  # a link: where it leads
        if not _inside(self.root, real):
            raise _leaves(rel, self.site_dir)
        self._folders["/".join(parts)] = real
        return real

    def write(self, rel: str, text: str) -> None:
        path = self._target(rel)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags | _NO_FOLLOW, 0o666)
        except OSError as err:
            if err.errno != errno.ELOOP:
                raise
            real = os.path.realpath(path)  # the page file is a link
            if not _inside(self.root, real):
                raise _leaves(rel, self.site_dir) from None
            fd = os.open(real, flags, 0o666)
        with open(fd, "wb", closefd=True) as fh:
            fh.write(text.encode("utf-8"))

    def _target(self, rel: str) -> str:
        """The real path of the page file at ``rel``, its folders made (refused outside the site)."""
        parts = _checked(rel, self.site_dir)
        if not parts:
            raise UnsafePathError(f"{rel!r}: not a file inside the site folder {self.site_dir}; not written")
        return os.path.join(self._folder(rel, parts[:-1]), parts[-1])

    def replace(self, rel: str, text: str) -> str:
        """Write a page atomically (a new file renamed over the old one: a reader, or a hard
        link made earlier, never sees a half-written page); returns its path."""
        path = self._target(rel)
        tmp = f"{path}.{os.getpid()}.tmp"  # beside it; page folders are slugs, never ".tmp" names
        try:
            with open(tmp, "wb") as fh:
                fh.write(text.encode("utf-8"))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return path

    def link(self, rel: str, source: str) -> None:
        """Put the file ``source`` (outside this folder: a page cache) at ``rel``: a hard link,
        or a copy where links cannot be made (another file system). FileNotFoundError when
        ``source`` is gone."""
        path = self._target(rel)
        try:
            os.link(source, path)
            return
        except FileExistsError:  # a site folder MkDocs did not clean (--dirty): replace it atomically
            tmp = f"{path}.{os.getpid()}.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            try:
                os.link(source, tmp)
            except OSError as err:
                if err.errno not in _NO_HARD_LINK:
                    raise
                shutil.copyfile(source, tmp)
            os.replace(tmp, path)
        except OSError as err:
            if err.errno not in _NO_HARD_LINK:
                raise
            shutil.copyfile(source, path)


@dataclass(slots=True)
class PageSpec:
    """One page to render: where it goes, its title, its content template and its data."""

    url: str  # site-relative, ending in "/" (written to <url>index.html)
    title: str
    template: str  # a content template, e.g. "content/actor.html"
    data: dict = field(default_factory=dict)  # what the template renders, besides the site-wide context
    source: str | None = None  # a briefing page: the briefing file, read when the page is rendered
    file: str = "index.html"  # the file written in the page's folder (a feed: feed.xml)


@dataclass(slots=True)
class PageStub:
    """What content templates (and MkDocs' ``url`` filter) read of ``page``."""

    url: str
    title: str
    meta: dict
    content: str = ""


class PageShell:
    """The theme's page around a piece of content, rendered once per *shape* of URL.

    A page's relative links (to assets, to the navigation pages) depend on its depth and on
    how much of its path it shares with the files they point to: ``actors/x/`` links to the
    actors index as ``../``, ``briefings/2021/12/x/`` as ``../../../../actors/``. So the shape
    of ``actors/x/`` is (2, "actors"), of every briefing (4, none), and a shell rendered for
    ``actors/<placeholder>/`` serves every actor page byte for byte."""

    def __init__(self, render_shell: Callable[[str], str], site_dirs: set[str]):
        self._render_shell = render_shell  # a URL -> the full page there, with placeholders
        self._site_dirs = site_dirs  # every folder holding a file of the site, "a/", "a/b/", …
        self._parts: dict[tuple[int, str], tuple[str, str, str]] = {}
        self._cut: dict[tuple[int, str], tuple[list[str], list[str | None]]] = {}

    def shape(self, url: str) -> tuple[int, str]:
        segments = url.rstrip("/").split("/")
        shared = ""
        for segment in segments[:-1]:
            if shared + segment + "/" not in self._site_dirs:
                break
            shared += segment + "/"
        return len(segments), shared

    def parts(self, url: str) -> tuple[str, str, str]:
        key = self.shape(url)
        if key not in self._parts:
            depth, shared = key
            placeholder = shared + "".join(f"{URL_SEGMENT}{i}/" for i in range(shared.count("/"), depth))
            html = self._render_shell(placeholder)
            if html.count(CONTENT) != 1:
                raise ValueError(f"the theme's shell.html must show page.content exactly once (found {html.count(CONTENT)})")
            before, after = html.split(CONTENT)
            if URL_SEGMENT in before.replace(placeholder, "") + after.replace(placeholder, ""):
                raise ValueError("the theme's shell.html uses the page URL in a form the plugin cannot fill in")
            self._parts[key] = (before, after, placeholder)
        return self._parts[key]

    def _pieces(self, url: str) -> tuple[list[str], list[str | None]]:
        """The shell of ``url``'s shape cut at its placeholders, once per shape: (fixed text,
        what goes between: TITLE, None for the URL, CONTENT), so that a page is one join."""
        key = self.shape(url)
        pieces = self._cut.get(key)
        if pieces is None:
            before, after, placeholder = self.parts(url)
            whole = before + CONTENT + after
            texts, slots, at = [], [], 0
            for m in re.finditer("|".join(re.escape(p) for p in (TITLE, placeholder, CONTENT)), whole):
                texts.append(whole[at:m.start()])
                slots.append(None if m.group() == placeholder else m.group())
                at = m.end()
            texts.append(whole[at:])
            pieces = self._cut[key] = (texts, slots)
        return pieces

    def all_parts(self) -> list[tuple[tuple[int, str], tuple[str, str, str]]]:
        """Every shell rendered so far, by shape (what the page cache's keys take of the theme)."""
        return sorted(self._parts.items())

    def wrap(self, url: str, title: str, content: str) -> str:
        texts, slots = self._pieces(url)
        fill = {TITLE: str(escape(title)), None: url, CONTENT: content}
        out = [texts[0]]
        for slot, text in zip(slots, texts[1:]):
            out.append(fill[slot])
            out.append(text)
        return "".join(out)


# -- rendering on every core --------------------------------------------------------------

# The job of a build, set before workers fork so that they inherit it (nothing is pickled).
_JOB: tuple[list[PageSpec], Callable[[PageSpec], str | tuple[str, object]], Path, Path | None] | None = None
_WRITER: SiteWriter | None = None  # this process's writer (it remembers the folders it made)
_CACHE_WRITER: SiteWriter | None = None  # the same for the page cache, when there is one
# Pages cost from a few microseconds (a feed) to milliseconds (a briefing), so fixed shares
# leave one worker idle while another still renders its slower kind of page. Workers take
# the next task whenever one is done: a group of pages that share cached pieces (all actor
# pages; all feeds) goes to one worker whole, so that no piece is made in every worker; the
# other pages come in runs of this many and fill the gaps.
BATCH_PAGES = 250


def _render_batch(indexes: Sequence[int]) -> tuple[int, list[tuple[int, str]], list[tuple[int, object]]]:
    """Render and write the pages at these positions; (pages written, (position, line) per
    failure, (position, what ``render`` returned besides the page) per page)."""
    global _WRITER, _CACHE_WRITER
    specs, render, site_dir, cache_dir = _JOB
    if _WRITER is None or _WRITER.site_dir != site_dir:
        _WRITER = SiteWriter(site_dir)
    if cache_dir is not None and (_CACHE_WRITER is None or _CACHE_WRITER.site_dir != cache_dir):
        _CACHE_WRITER = SiteWriter(cache_dir)
    writer = _WRITER
    written, failures, extras = 0, [], []
    for i in indexes:
        spec = specs[i]
        try:
            rel = f"{spec.url}{spec.file}"
            _checked(rel, site_dir)  # before the work of rendering it
            page = render(spec)
            if isinstance(page, tuple):
                page, extra = page
                extras.append((i, extra))
            if cache_dir is None:
                writer.write(rel, page)
            else:  # into the cache (atomically), and from there into the site
                writer.link(rel, _CACHE_WRITER.replace(rel, page))
            written += 1
        except Exception as err:  # noqa: BLE001 - reported as one line naming the page
            failures.append((i, f"{spec.source or spec.url}: {type(err).__name__}: {err}"))
    return written, failures, extras


def _tasks(specs: list[PageSpec], group: Callable[[PageSpec], str | None]) -> list[Sequence[int]]:
    """The work split into tasks, largest first: each group of pages whole, the rest in runs."""
    groups: dict[str, list[int]] = {}
    rest: list[int] = []
    for i, spec in enumerate(specs):
        key = group(spec)
        (rest if key is None else groups.setdefault(key, [])).append(i)
    tasks = sorted(groups.values(), key=len, reverse=True)
    return tasks + [rest[start:start + BATCH_PAGES] for start in range(0, len(rest), BATCH_PAGES)]


def render_pages(specs: list[PageSpec], render: Callable[[PageSpec], str | tuple[str, object]], site_dir: Path,
                 workers: int, group: Callable[[PageSpec], str | None] = lambda spec: None,
                 cache_dir: Path | None = None, extras: dict[int, object] | None = None,
                 ) -> tuple[int, list[str], int]:
    """Render every spec into ``site_dir``, on ``workers`` processes when there are enough
    pages to pay for them (``group``: pages with the same key are rendered by one worker,
    None: by any). Output does not depend on the number of workers. With ``cache_dir`` each
    page is written there and hard-linked into ``site_dir`` (a page cache, incremental.py).
    ``render`` may return (page, extra): ``extras`` then gets position -> extra.
    Returns (pages written, one line per page that failed, in page order; processes used)."""
    global _JOB, _WRITER, _CACHE_WRITER
    workers = max(1, min(workers, len(specs) // POOL_MIN_PAGES_PER_WORKER))
    if "fork" not in multiprocessing.get_all_start_methods():  # Windows: workers could not inherit the job
        workers = 1
    _JOB, _WRITER, _CACHE_WRITER = (specs, render, site_dir, cache_dir), None, None
    try:
        if workers == 1:
            shares = [_render_batch(range(len(specs)))]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                shares = list(pool.imap(_render_batch, _tasks(specs, group)))
        failures = sorted(failure for _, lines, _ in shares for failure in lines)
        if extras is not None:
            extras.update(pair for _, _, pairs in shares for pair in pairs)
        return sum(n for n, _, _ in shares), [line for _, line in failures], workers
    finally:
        _JOB = _WRITER = _CACHE_WRITER = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
