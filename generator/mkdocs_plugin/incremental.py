"""The page cache: a rebuild renders only the pages whose inputs changed.

Every page the plugin renders gets a *key*, a digest of everything its output is made from:
the build's fingerprint (the theme's shells, the content templates' sources, the settings,
the taxonomy, the generator's own code and the libraries that render) and the page's own
data (the values its content template is given, walked down to every field; a briefing's page
also the bytes of its file and site data). What a template asks about names at render time
(is this name an actor with a page? which facet is it?) cannot be listed before rendering,
so it is recorded while the page renders: the names asked about are stored with the page,
and the page counts as changed when any of them now answers differently.

The cache lives beside mkdocs.yml (``page_cache``, default ``.site-cache``), outside the site
folder that MkDocs empties at the start of a build: ``pages/<url>/index.html`` (feeds:
``feed.xml``) and ``manifest.json`` (page -> key and names; name -> answer). A page whose key
matches and whose cached file is there is hard-linked into the site (copied across file
systems); the others are rendered, written to the cache and linked. A missing or damaged
manifest means every page is rendered; the manifest is removed before the cache changes and
written again, atomically, when the build is done, so an interrupted build leaves no
manifest that names pages it did not finish. No MkDocs here: the plugin feeds it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import jinja2.meta
from typing import Callable, Iterable

from generator.mkdocs_plugin.pages import UnsafePathError, _checked
from generator.writer import atomic_write

CACHE_FORMAT = 1  # bumped when the layout of the cache changes
MANIFEST = "manifest.json"
PAGES = "pages"
_PLAIN = (str, int, float, bool, type(None), dt.date)
_PRIMITIVES = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})  # exact types: repr is their text


class Digests:
    """Digests of page data: primitives by ``repr``; lists, tuples, named tuples and dicts
    element by element, in order (the order a template iterates in); dataclass objects field
    by field, once each (an Entry is on many pages). ``plain`` types (dataclasses, named
    tuples) hold only primitives and containers of them, so their own ``repr`` (every field)
    is their text,
    made in one call (without ``folder``: the content folder of the paths they hold). Anything else is taken by type and ``repr``: a ``repr`` that shows an
    address differs each build, so such a page is always rendered again (never stale)."""

    def __init__(self, plain: tuple[type, ...] = (), folder: str = ""):
        self._plain = frozenset(plain)
        self._folder = folder  # left out of plain objects' text: a project moved elsewhere keeps its keys
        self._objects: dict[int, tuple[object, str]] = {}  # id -> (the object, kept alive; its digest)

    def of(self, value) -> str:
        parts: list[str] = []
        self._walk(value, parts)
        return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _object(self, value) -> str:
        known = self._objects.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if type(value) in self._plain:
            text = repr(value).replace(self._folder, "") if self._folder else repr(value)
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        else:
            digest = self.of((type(value).__qualname__,
                              *[(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)
                                if not f.name.startswith("_")]))  # "_": a memo made on first use
        self._objects[id(value)] = (value, digest)
        return digest

    def _walk(self, value, parts: list[str]) -> None:
        kind = type(value)
        if kind in _PRIMITIVES:
            parts.append(repr(value))
        elif kind in self._plain or hasattr(kind, "__dataclass_fields__"):
            parts.append("@" + self._object(value))
        elif isinstance(value, (list, tuple)):
            if all(type(item) in _PRIMITIVES for item in value):  # the common leaf: one repr
                parts.append(repr(value))
                return
            parts.append(f"{kind.__name__}({len(value)}")
            objects = self._objects
            for item in value:  # mostly briefings already seen: their digest without a call
                known = objects.get(id(item))
                if known is not None and known[0] is item:
                    parts.append("@" + known[1])
                else:
                    self._walk(item, parts)
            parts.append(")")
        elif isinstance(value, dict):
            parts.append(f"dict({len(value)}")
            for key, item in value.items():
                self._walk(key, parts)
                self._walk(item, parts)
            parts.append(")")
        elif isinstance(value, _PLAIN):  # subclasses (an enum of str, Markup)
            parts.append(f"{kind.__qualname__}:{value!r}")
        elif isinstance(value, (set, frozenset)):
            parts.append(f"set({','.join(sorted(self.of(item) for item in value))})")
        elif callable(value):
            parts.append(f"fn:{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}")
        else:
            parts.append(f"{kind.__module__}.{kind.__qualname__}:{value!r}")


def file_digest(path: str | os.PathLike) -> str:
    """The digest of a file's bytes ("" when it cannot be read: its page then fails to render
    and says why)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha1").hexdigest()
    except OSError:
        return ""


_CODE: dict[tuple, str] = {}  # the code does not change while a process runs: hashed once (serve rebuilds)


def code_fingerprint(package_dir: Path, distributions: Iterable[str]) -> str:
    """The generator's own code (every .py under its package) and the versions of the
    libraries that render pages: a new version may render the same data differently."""
    from importlib import metadata

    key = (str(package_dir), tuple(distributions))
    if key in _CODE:
        return _CODE[key]
    parts = []
    for path in sorted(package_dir.rglob("*.py")):
        parts.append(f"{path.relative_to(package_dir).as_posix()}:{file_digest(path)}")
    for name in distributions:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}: none")
    _CODE[key] = Digests().of(parts)
    return _CODE[key]


def template_sources(env, names: list[str]) -> list[tuple[str, str]]:
    """(name, source) of these templates and of every template they include, import or extend,
    found in their syntax; a reference computed at render time cannot be followed, so then
    every template the loader has is included."""
    seen: dict[str, str] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        source = env.loader.get_source(env, name)[0]
        seen[name] = source
        for ref in jinja2.meta.find_referenced_templates(env.parse(source)):
            if ref is None:
                return [(n, env.loader.get_source(env, n)[0]) for n in sorted(env.loader.list_templates())]
            todo.append(ref)
    return sorted(seen.items())


class PageCache:
    """The pages of the last build and what each was made from (see the module's text)."""

    def __init__(self, root: Path, lookup: Callable[[str], object]):
        self.root = root
        self.pages_dir = root / PAGES
        self._pages_prefix = str(self.pages_dir) + os.sep
        self._lookup = lookup  # a name -> what templates are told about it this build (JSON-able)
        self._pages: dict[str, tuple[str, list[str]]] = {}  # page -> (key, names it asked about)
        self._changed_names: set[str] = set()
        self.problem: str | None = None  # why the previous pages cannot be used, when they cannot
        self._load()

    def _load(self) -> None:
        path = self.root / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                raise ValueError(f"format {data.get('format')!r}, not {CACHE_FORMAT}")
            names = data["names"]
            answers = {name: answer for name, answer in names}
            self._pages = {page: (key, [names[i][0] for i in refs]) for page, (key, refs) in data["pages"].items()}
        except FileNotFoundError:
            self.problem = "no page cache yet" if not self.pages_dir.exists() else "no manifest"
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError) as err:
            self.problem = f"{path}: unreadable ({type(err).__name__}: {err}); every page rendered"
        else:
            # JSON has no tuples: compare answers in their JSON form.
            self._changed_names = {name for name, answer in answers.items()
                                   if json.loads(json.dumps(self._lookup(name))) != answer}
            return
        self._pages = {}

    def unchanged(self, page: str, key: str) -> bool:
        """Whether the cached ``page`` was made from this key and its names answer as they did."""
        known = self._pages.get(page)
        return known is not None and known[0] == key and not self._changed_names.intersection(known[1])

    def cached_file(self, page: str) -> str:
        return self._pages_prefix + page  # a page path that passed the site writer's check

    def begin_changes(self) -> None:
        """Before the cache's pages change: no manifest until the new one is complete. A
        manifest that failed to load leaves pages of unknown origin: they go."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.root / MANIFEST)
        if self.problem is not None and self.pages_dir.exists():
            shutil.rmtree(self.pages_dir, ignore_errors=True)
        self.pages_dir.mkdir(parents=True, exist_ok=True)

    def finish(self, pages: dict[str, tuple[str, Iterable[str]]]) -> int:
        """Record this build's pages (page -> (key, names asked about)); the cached files of
        pages no longer in the site go. Returns how many went."""
        removed = 0
        for page in self._pages.keys() - pages.keys():
            with contextlib.suppress(OSError, UnsafePathError):
                os.unlink(os.path.join(self.pages_dir, *_checked(page, self.pages_dir)))  # never outside the cache
                removed += 1
        index: dict[str, int] = {}
        names: list[list] = []
        records = {}
        for page, (key, asked) in sorted(pages.items()):
            refs = []
            for name in sorted(set(asked)):
                if name not in index:
                    index[name] = len(names)
                    names.append([name, self._lookup(name)])
                refs.append(index[name])
            records[page] = [key, refs]
        atomic_write(self.root / MANIFEST, json.dumps({"format": CACHE_FORMAT, "names": names, "pages": records},
                                                      ensure_ascii=False, separators=(",", ":")), durable=False)
        return removed

    def known(self, page: str) -> tuple[str, list[str]] | None:
        return self._pages.get(page)
