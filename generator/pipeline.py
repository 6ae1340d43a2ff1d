"""One generate run: find articles → read → parse → extract → merge with what editors changed → write.

The library API behind ``briefings generate``. Each article is handled on its own: a bad
article is reported and the others are still written.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from itertools import chain, islice
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from pydantic import ValidationError

from generator import __version__
from generator.errors import BriefingsError, FrontMatterError
from generator.merge import Conflict, merge_briefing
from generator.model import Briefing, Source
from generator.nlp import load_nlp, parse
from generator.readers import Paragraph, RawArticle, find_articles, reader_for
from generator.store import LOCKED, BriefingStore, load_front_matter, parse_front_matter, site_data_text
from generator.writer import atomic_write, markdown_body, render_briefing, split_front_matter


def _code_fingerprint() -> str:
    """Hash of everything that shapes machine output (readers, extractors, their data, the
    model, the writer): a change to any of them makes the next run regenerate."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    parts = ["readers", "extract", "resources", "model.py", "nlp.py", "writer.py", "store.py"]
    for part in parts:
        target = package / part
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for f in files:
            if f.is_file() and f.suffix in {".py", ".txt", ".tsv", ".yaml", ".json"}:
                digest.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:10]


GENERATOR = f"briefings {__version__}+{_code_fingerprint()}"

Status = Literal["written", "unchanged", "failed"]
POOL_MIN_JOBS_PER_WORKER = 16  # a worker costs ~1 s to start: below this many due articles each, stay serial


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


def generator_id(model: str | None = None) -> str:
    """The generator stamp: the code's, plus the trained spaCy pipeline when one is plugged in
    (its entities change the output, so a run with another model regenerates)."""
    return f"{GENERATOR}+{model}" if model else GENERATOR


def briefing_from_doc(doc, model: str | None = None) -> Briefing:
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
        generator=generator_id(model),
    )


def build_briefing(article: RawArticle, model: str | None = None) -> Briefing:
    """``model``: an installed spaCy pipeline whose entities the extractors read, or None."""
    return briefing_from_doc(parse(article, load_nlp(model)), model)


@dataclass
class _Job:
    """An article read and due for (re)generation, with what is on disk for it."""

    article: RawArticle
    old_machine: dict | None = None
    on_disk: dict | None = None
    model: str | None = None


def prepare(path: Path, root: Path, store: BriefingStore, force: bool = False,
            model: str | None = None) -> _Job | ArticleResult:
    """Read an article and decide whether it needs generating (cheap; runs in the main process)."""
    reader = reader_for(path)
    shown = path.as_posix()
    if reader is None:
        return ArticleResult(shown, "failed", message=f"{shown}: not an article format this tool reads (.txt)")
    try:
        source = reader.source_path(path, root)
        entry = store.lookup(source)
        target = store.out_dir / entry.path if entry is not None else None
        if target is not None and not force and entry.generator == generator_id(model) and target.exists():
            if hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256:  # unchanged: not even parsed
                return ArticleResult(source, "unchanged", entry.path)
        article = reader.read(path, root)
        job = _Job(article, model=model)
        if target is None:
            return job
        target_text = target.read_text(encoding="utf-8") if target.exists() else None
        if target_text is not None and LOCKED.search(split_front_matter(target_text)[0] or ""):
            return ArticleResult(article.source_path, "unchanged", entry.path, "locked by an editor")
        record = store.machine_path(entry.path)
        job.old_machine = load_front_matter(record) if record.exists() else None
        if target_text is not None:
            job.on_disk = parse_front_matter(target_text, target)
            if job.on_disk is None:  # an editor broke the '---' fences: never overwrite it
                raise FrontMatterError(target.as_posix(), 1, None,
                                       "no front matter: fix it (see `briefings check`) or delete the file to regenerate it")
        return job
    except BriefingsError as err:
        return ArticleResult(shown, "failed", message=str(err))
    except OSError as err:
        return ArticleResult(shown, "failed", message=f"{shown}: {err}")


@dataclass
class _Rendered:
    """What a worker hands back: the briefing (for its slug) and both files' text."""

    briefing: Briefing
    machine_text: str
    merged_text: str
    conflicts: list[Conflict]
    site_data: str | None  # the merged front matter for the site build (None: it does not validate)


def extract(job: _Job) -> _Rendered | ArticleResult:
    """Parse, extract, merge with the editor's version and render (the costly part; runs in
    a worker process). Writing stays in the main process: one writer, stable slugs.

    An unexpected exception in an extractor is a bug, but it must not stop the run: it
    becomes a failed result naming the file."""
    article = job.article
    try:
        briefing = build_briefing(article, job.model)
    except Exception as err:  # noqa: BLE001 - reported on one line, the run goes on
        return ArticleResult(article.source_path, "failed",
                             message=f"{article.source_path}: internal error while extracting: {type(err).__name__}: {err}")
    return render(job, briefing)


def render(job: _Job, briefing: Briefing) -> _Rendered:
    """Merge a new machine briefing with what is on disk and render the files to write."""
    new_machine = briefing.front_matter()
    merged = merge_briefing(job.old_machine, job.on_disk, new_machine)
    body = markdown_body(job.article.paragraphs)
    machine_text = render_briefing(new_machine, body)
    # Most briefings carry no edits: the merged text is then the machine text, rendered once.
    if merged.front_matter == new_machine:
        merged_text, valid = machine_text, True
    else:
        merged_text, valid = render_briefing(merged.front_matter, body), _validates(merged.front_matter)
    site_data = site_data_text(merged_text, merged.front_matter) if valid else None
    return _Rendered(briefing, machine_text, merged_text, merged.conflicts, site_data)


def _validates(front_matter: dict) -> bool:
    try:
        Briefing.model_validate(front_matter)
        return True
    except ValidationError:
        return False


def finish(job: _Job, rendered: _Rendered, store: BriefingStore) -> ArticleResult:
    """Write the machine record and the briefing atomically (main process)."""
    source = job.article.source_path
    try:
        rel = store.target_for(rendered.briefing)
        atomic_write(store.machine_path(rel), rendered.machine_text)
        changed = atomic_write(store.out_dir / rel, rendered.merged_text)
        site_data = store.site_data_path(rel)
        if rendered.site_data is not None:  # a cache of the briefing: if lost in a crash, the site reads the briefing
            atomic_write(site_data, rendered.site_data, durable=False)
        else:
            site_data.unlink(missing_ok=True)  # the site reads the briefing itself (and reports it)
        store.record(source, rel, job.article.sha256, generator_id(job.model))
    except BriefingsError as err:
        return ArticleResult(source, "failed", message=str(err))
    status: Status = "written" if changed else "unchanged"
    return ArticleResult(source, status, rel.as_posix(), conflicts=rendered.conflicts)


def warm_up(model: str | None = None) -> None:
    """Build the pipeline and every lazily loaded resource (gazetteers, matchers) once, so
    forked workers inherit them instead of each paying the start-up cost."""
    parse_warm = parse(_WARM_UP_ARTICLE, load_nlp(model))
    briefing_from_doc(parse_warm)


_WARM_UP_ARTICLE = RawArticle(
    source_path="warm-up.txt", sha256="0" * 64, date=dt.date(2021, 12, 9),
    paragraphs=[Paragraph('President Jane Doe of Ruritania said on Tuesday that "about 40 people" were hurt, '
                          "according to the Daily Ledger. The Ministry of Health (MoH) agreed.")],
)


def _extract_in_order(jobs: Iterator[_Job], workers: int) -> Iterator[tuple[_Job, _Rendered | ArticleResult]]:
    """Extract jobs on ``workers`` processes, yielding results in input order.

    The pool starts only once enough articles are due to pay for it (an incremental run that
    touches a handful stays in this process). Submission is bounded (a window of a few tasks
    per worker), so memory stays flat however large the corpus, and output order (hence
    slugs and bytes) does not depend on timing."""
    first = list(islice(jobs, workers * POOL_MIN_JOBS_PER_WORKER)) if workers > 1 else []
    if workers <= 1 or len(first) < workers * POOL_MIN_JOBS_PER_WORKER:
        for job in chain(first, jobs):
            yield job, extract(job)
        return
    warm_up(first[0].model)
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        pending: deque = deque()
        for job in chain(first, jobs):
            pending.append((job, pool.submit(extract, job)))
            if len(pending) >= window:
                done_job, future = pending.popleft()
                yield done_job, future.result()
        while pending:
            done_job, future = pending.popleft()
            yield done_job, future.result()


def generate(
    inputs: Iterable[Path],
    out_dir: Path,
    force: bool = False,
    on_article: Callable[[ArticleResult], None] | None = None,
    workers: int = 1,
    model: str | None = None,
) -> RunReport:
    """Generate a briefing per article found in ``inputs`` into ``out_dir``.

    ``workers`` > 1 extracts on that many processes; the briefings are byte-identical
    whatever the number of workers. ``model`` names an installed spaCy pipeline whose
    entities are extra evidence for the extractors (None: blank English, no model)."""
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

    def due() -> Iterator[_Job]:
        for path, root in find_articles([i for i in inputs if i.exists()]):
            prepared = prepare(path, root, store, force=force, model=model)
            if isinstance(prepared, ArticleResult):
                record(prepared)
            else:
                yield prepared

    try:
        for job, outcome in _extract_in_order(due(), workers):
            record(outcome if isinstance(outcome, ArticleResult) else finish(job, outcome, store))
    finally:
        try:
            store.save()
        except BriefingsError as err:  # the output folder cannot be written: say so once more only if nothing did
            if report.ok:
                record(ArticleResult(str(out_dir), "failed", message=str(err)))
    return report
