"""Where briefings live on disk, and what the generator last wrote for each of them.

    content/briefings/YYYY/MM/<slug>.md            what editors edit and the site renders
    content/.machine/briefings/YYYY/MM/<slug>.md   the machine version last written (the merge base)
    content/.machine/index.json                    source path -> briefing path, input sha256,
                                                   generator: skips unchanged input without
                                                   opening a single briefing

MkDocs ignores dot folders, so ``.machine`` never reaches the site; it travels with the
repository so that the next run, on any machine, can merge instead of overwrite.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from generator import safe_yaml
from generator.errors import FrontMatterError
from generator.model import Briefing
from generator.writer import atomic_write, slugify, split_front_matter

BRIEFINGS_DIR = "briefings"
MACHINE_DIR = ".machine"
INDEX_FILE = "index.json"

# The writer's own layout of a machine record: enough to rebuild a lost index without YAML.
_RECORD_FIELDS = {
    "path": re.compile(r"^source:\n  path: (.+)$", re.M),
    "sha256": re.compile(r"^  sha256: ([0-9a-f]{64})$", re.M),
    "generator": re.compile(r"^generator: (.+)$", re.M),
}
SITE_DATA_SUFFIX = ".json"


def site_data_text(briefing_text: str, front_matter: dict) -> str:
    """The site data of a briefing the generator wrote: the sha1 of its bytes on line 1, its
    (valid) front matter as JSON on line 2. The site build reads this instead of parsing the
    YAML again (~10x faster) while the briefing file still has exactly those bytes; an
    editor's later edit changes the hash, and the site then reads the briefing itself."""
    digest = hashlib.sha1(briefing_text.encode("utf-8")).hexdigest()
    return f"{digest}\n{json.dumps(front_matter, ensure_ascii=False, default=_json_scalar, separators=(',', ':'))}\n"


def _json_scalar(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def read_briefing_for_site(path: Path, site_data: Path) -> tuple[str, str | None]:
    """(the briefing's text, its front matter as JSON when the site data matches it, else None)."""
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    try:
        digest, front_matter_json = site_data.read_text(encoding="utf-8").split("\n", 1)
    except (OSError, UnicodeDecodeError, ValueError):
        return text, None
    return text, (front_matter_json if digest == hashlib.sha1(raw).hexdigest() else None)


@dataclass
class IndexEntry:
    path: str  # briefing path relative to the content folder
    sha256: str = ""  # of the input the machine version was made from ("" when unknown)
    generator: str = ""


def _record_fields(text: str) -> dict[str, str]:
    found = {}
    for name, pattern in _RECORD_FIELDS.items():
        m = pattern.search(text)
        if m:
            found[name] = str(yaml.safe_load(m.group(1)))  # the scalar may be quoted
    return found


def load_front_matter(path: Path) -> dict | None:
    """Front matter of a briefing on disk; FrontMatterError (with line) when it cannot be read."""
    return parse_front_matter(path.read_text(encoding="utf-8"), path)


def parse_front_matter(text: str, path: Path) -> dict | None:
    """Front matter of a briefing's text (``path`` names it in errors); None when it has none."""
    yaml_text, _ = split_front_matter(text)
    if yaml_text is None:
        return None
    try:
        data = safe_yaml.load(yaml_text)  # bounded: no aliases, no duplicate keys, size cap
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening ---
        field = getattr(err, "field", None)
        problem = getattr(err, "problem", None) or err
        raise FrontMatterError(str(path), line, field, problem if field else f"invalid YAML: {problem}") from None
    except ValueError as err:  # e.g. an impossible date an editor typed
        raise FrontMatterError(str(path), None, None, f"invalid value: {err} (run `briefings check`)") from None
    return data if isinstance(data, dict) else None


def is_locked(front_matter: dict, path: Path) -> bool:
    """An editor's ``locked``: a YAML boolean (``true``, ``yes``, ``on`` ... any case, with or
    without a comment or a quoted key); anything else (``"true"``, ``1``) is refused in one
    line rather than guessed, as ``briefings check`` refuses it."""
    value = front_matter.get("locked", False)
    if value is None or isinstance(value, bool):
        return bool(value)
    raise FrontMatterError(str(path), None, "locked", f"must be true or false (unquoted), not {value!r}")


def site_data_path(content_dir: Path, rel: Path | str) -> Path:
    """Where the site data of the briefing at ``rel`` (relative to the content folder) lives."""
    return (content_dir / MACHINE_DIR / rel).with_suffix(SITE_DATA_SUFFIX)


# A generated title is at most 80 characters (extract/summary TITLE_CHARS): a slug that long
# holds the whole title, so it never stops mid-phrase ("…-for-more-than-an"). An editor's
# longer title is cut at a word boundary.
SLUG_CHARS = 80


class BriefingStore:
    """The briefings under ``out/briefings``, their machine records and the run index."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self._entries: dict[str, IndexEntry] | None = None
        self._taken: set[str] = set()

    def machine_path(self, rel: Path | str) -> Path:
        return self.out_dir / MACHINE_DIR / rel

    def site_data_path(self, rel: Path | str) -> Path:
        return site_data_path(self.out_dir, rel)

    @property
    def index_path(self) -> Path:
        return self.out_dir / MACHINE_DIR / INDEX_FILE

    def _index(self) -> dict[str, IndexEntry]:
        if self._entries is None:
            self._entries = self._read_index() or self._rebuild_index()
            self._taken = {e.path for e in self._entries.values()}
            self._adopt_orphans()
        return self._entries

    def _read_index(self) -> dict[str, IndexEntry] | None:
        try:
            raw = json.loads(self.index_path.read_text(encoding="utf-8"))
            return {source: IndexEntry(**fields) for source, fields in raw.items()}
        except (OSError, ValueError, TypeError):
            return None  # missing or damaged: rebuilt from the records

    def _rebuild_index(self) -> dict[str, IndexEntry]:
        entries: dict[str, IndexEntry] = {}
        root = self.out_dir / MACHINE_DIR / BRIEFINGS_DIR
        for record in sorted(root.rglob("*.md")) if root.is_dir() else []:
            fields = _record_fields(record.read_text(encoding="utf-8"))
            if fields.get("path"):
                rel = record.relative_to(self.out_dir / MACHINE_DIR).as_posix()
                entries.setdefault(fields["path"], IndexEntry(rel, fields.get("sha256", ""), fields.get("generator", "")))
        return entries

    def _adopt_orphans(self) -> None:
        """Briefings on disk that lost their record are merged into, never duplicated."""
        folder = self.out_dir / BRIEFINGS_DIR
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            rel = path.relative_to(self.out_dir).as_posix()
            if rel in self._taken:
                continue
            try:
                src = (load_front_matter(path) or {}).get("source") or {}
            except FrontMatterError:
                continue
            if isinstance(src, dict) and isinstance(src.get("path"), str) and src["path"] not in self._entries:
                self._entries[src["path"]] = IndexEntry(rel)
                self._taken.add(rel)

    def lookup(self, source_path: str) -> IndexEntry | None:
        return self._index().get(source_path)

    def target_for(self, briefing: Briefing) -> Path:
        """Stable path: the one this source already has, else a fresh slug (suffixed on collision)."""
        entry = self.lookup(briefing.source.path)
        if entry is not None:
            return Path(entry.path)
        folder = Path(BRIEFINGS_DIR) / f"{briefing.date.year:04d}" / f"{briefing.date.month:02d}"
        slug = slugify(briefing.title, max_length=SLUG_CHARS)
        rel = folder / f"{slug}.md"
        if rel.as_posix() in self._taken or (self.out_dir / rel).exists():
            suffix = hashlib.sha1(briefing.source.path.encode()).hexdigest()[:6]
            rel = folder / f"{slug}-{suffix}.md"
        self._taken.add(rel.as_posix())  # reserved; in the index only once written (``record``)
        return rel

    def record(self, source_path: str, rel: Path, sha256: str, generator: str) -> None:
        self._index()[source_path] = IndexEntry(rel.as_posix(), sha256, generator)

    def save(self) -> None:
        """Write the index (sorted, no timestamps: same runs, same bytes). It lists only
        briefings that are on disk: one that could not be written, or that an editor deleted,
        is written afresh by the next run."""
        if self._entries is None:
            return
        data = {source: asdict(entry) for source, entry in sorted(self._entries.items())
                if (self.out_dir / entry.path).is_file()}
        atomic_write(self.index_path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
