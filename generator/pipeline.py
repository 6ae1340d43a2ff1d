"""One generate run: find articles → read → parse → extract → merge with what editors changed → write.

The library API behind ``briefings generate``. Each article is handled on its own: a bad
article is reported and the others are still written.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Literal

import yaml

from generator import __version__
from generator.errors import BriefingsError, FrontMatterError
from generator.merge import Conflict, merge_briefing
from generator.model import Briefing, Source
from generator.nlp import load_nlp, parse
from generator.readers import RawArticle, find_articles, reader_for
from generator.writer import atomic_write, markdown_body, render_briefing, slugify, split_front_matter

BRIEFINGS_DIR = "briefings"
MACHINE_DIR = ".machine"  # what the generator last wrote, per briefing; MkDocs skips dot folders
GENERATOR = f"briefings {__version__}"

Status = Literal["written", "unchanged", "failed"]


@dataclass
class ArticleResult:
    source: str
    status: Status
    path: str | None = None
    message: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class RunReport:
    results: list[ArticleResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def briefing_from_doc(doc) -> Briefing:
    article: RawArticle = doc._.article
    return Briefing(
        title=doc._.title,
        date=article.date,
        source=Source(path=article.source_path, sha256=article.sha256, outlet=article.outlet),
        summary=doc._.summary or "",
        topics=doc._.topics or [],
        topic_evidence=doc._.topic_evidence or [],
        actors=doc._.actors or [],
        claims=doc._.claims or [],
        figures=doc._.figures or [],
        timeline=doc._.timeline or [],
        periods=doc._.periods or [],
        generator=GENERATOR,
    )


def build_briefing(article: RawArticle) -> Briefing:
    return briefing_from_doc(parse(article, load_nlp()))


class BriefingStore:
    """The briefings under ``out/briefings`` and the machine record beside each one."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self._by_source: dict[str, Path] | None = None
        self._taken: set[Path] = set()

    def machine_path(self, rel: Path) -> Path:
        return self.out_dir / MACHINE_DIR / rel

    def _index(self) -> dict[str, Path]:
        """source.path -> briefing path relative to out_dir, from the machine records."""
        if self._by_source is None:
            self._by_source = {}
            root = self.out_dir / MACHINE_DIR / BRIEFINGS_DIR
            for record in sorted(root.rglob("*.md")) if root.is_dir() else []:
                data = _load_front_matter(record)
                src = (data or {}).get("source") or {}
                if isinstance(src, dict) and src.get("path"):
                    self._by_source.setdefault(src["path"], record.relative_to(self.out_dir / MACHINE_DIR))
            self._taken = set(self._by_source.values())
        return self._by_source

    def target_for(self, briefing: Briefing) -> Path:
        """Stable path: the one this source already has, else a fresh slug (suffixed on collision)."""
        index = self._index()
        if briefing.source.path in index:
            return index[briefing.source.path]
        folder = Path(BRIEFINGS_DIR) / f"{briefing.date.year:04d}" / f"{briefing.date.month:02d}"
        slug = slugify(briefing.title)
        rel = folder / f"{slug}.md"
        if rel in self._taken or (self.out_dir / rel).exists():
            suffix = hashlib.sha1(briefing.source.path.encode()).hexdigest()[:6]
            rel = folder / f"{slug}-{suffix}.md"
        index[briefing.source.path] = rel
        self._taken.add(rel)
        return rel

    def existing(self, source_path: str) -> Path | None:
        return self._index().get(source_path)


def _load_front_matter(path: Path) -> dict | None:
    """Front matter of a briefing on disk; FrontMatterError (with line) when it is not valid YAML."""
    text = path.read_text(encoding="utf-8")
    yaml_text, _ = split_front_matter(text)
    if yaml_text is None:
        return None
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening ---
        raise FrontMatterError(str(path), line, None, f"invalid YAML: {getattr(err, 'problem', err)}") from None
    return data if isinstance(data, dict) else None


def generate_one(path: Path, root: Path, store: BriefingStore, force: bool = False) -> ArticleResult:
    reader = reader_for(path)
    shown = path.as_posix()
    if reader is None:
        return ArticleResult(shown, "failed", message=f"{shown}: not an article format this tool reads (.txt)")
    try:
        article = reader.read(path, root)
        existing = store.existing(article.source_path)
        old_machine = on_disk = None
        if existing is not None:
            old_machine = _load_front_matter(store.machine_path(existing))
            target = store.out_dir / existing
            on_disk = _load_front_matter(target) if target.exists() else None
            unchanged = (
                old_machine
                and (old_machine.get("source") or {}).get("sha256") == article.sha256
                and old_machine.get("generator") == GENERATOR
            )
            if unchanged and not force and target.exists():
                return ArticleResult(article.source_path, "unchanged", existing.as_posix())
            if on_disk is not None and on_disk.get("locked"):
                return ArticleResult(article.source_path, "unchanged", existing.as_posix(), "locked by an editor")
        briefing = build_briefing(article)
        rel = store.target_for(briefing)
        new_machine = briefing.front_matter()
        merged = merge_briefing(old_machine, on_disk, new_machine)
        body = markdown_body(article.paragraphs)
        atomic_write(store.machine_path(rel), render_briefing(new_machine, body))
        changed = atomic_write(store.out_dir / rel, render_briefing(merged.front_matter, body))
        status: Status = "written" if changed else "unchanged"
        return ArticleResult(article.source_path, status, rel.as_posix(), conflicts=merged.conflicts)
    except BriefingsError as err:
        return ArticleResult(shown, "failed", message=str(err))
    except (UnicodeDecodeError, OSError) as err:
        return ArticleResult(shown, "failed", message=f"{shown}: {err}")


def generate(
    inputs: Iterable[Path],
    out_dir: Path,
    force: bool = False,
    on_article: Callable[[ArticleResult], None] | None = None,
) -> RunReport:
    """Generate a briefing per article found in ``inputs`` into ``out_dir``."""
    report = RunReport()
    inputs = list(inputs)

    def record(result: ArticleResult) -> None:
        report.results.append(result)
        if on_article:
            on_article(result)

    for item in inputs:
        if not item.exists():
            record(ArticleResult(str(item), "failed", message=f"{item}: no such file or folder"))
        elif item.is_dir() and not find_articles([item]):
            record(ArticleResult(str(item), "failed", message=f"{item}: folder holds no articles (*.txt)"))
    store = BriefingStore(out_dir)
    for path, root in find_articles([i for i in inputs if i.exists()]):
        record(generate_one(path, root, store, force=force))
    return report
