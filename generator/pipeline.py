"""One generate run: find articles → read → parse → extract → merge with what editors changed → write.

The library API behind ``briefings generate``. Each article is handled on its own: a bad
article is reported and the others are still written.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import time
from collections import deque
from itertools import chain, islice
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from pydantic import ValidationError

from generator import __version__
from generator.errors import BriefingsError, FrontMatterError
from generator.merge import Conflict, merge_body, merge_briefing
from generator.model import Briefing, Source
from generator.nlp import load_nlp, parse
from generator.readers import FORMATS, Paragraph, RawArticle, find_articles, reader_for
from generator.readers.files import check_regular
from generator.readers.intake import Notice, intake
from generator.runlock import RunLock, remove_stale_temp_files
from generator.store import BriefingStore, is_locked, parse_front_matter, site_data_text
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

Status = Literal["written", "unchanged", "failed", "skipped"]  # skipped: left out by rule (language, duplicate)
POOL_MIN_JOBS_PER_WORKER = 16  # a worker costs ~1 s to start: below this many due articles each, stay serial
LOCAL_BATCH = 8  # articles per task on the local pool: amortises the hand-over, keeps both cores busy to the end
CHECKPOINT_SECONDS = 60.0  # at most this often, the run index is saved during a run (see _Checkpoint)


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
        headline=article.headline,
        language=article.language,
        source=Source(path=article.source_path, sha256=article.sha256, outlet=article.outlet,
                      url=article.url, authors=list(article.authors)),
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
    old_body: str | None = None  # the body of the machine record (None: no record)
    disk_body: str | None = None  # the body of the briefing as editors left it
    model: str | None = None  # the spaCy pipeline giving extra evidence (None: blank English)


def prepare(path: Path, root: Path, store: BriefingStore, force: bool = False,
            source: str | None = None, model: str | None = None) -> _Job | ArticleResult:
    """Read an article and decide whether it needs generating (cheap; runs in the main process).
    ``source`` overrides the reader's source path (see ``distinct_sources``)."""
    reader = reader_for(path)
    shown = path.as_posix()
    if reader is None:
        return ArticleResult(shown, "failed", message=f"{shown}: not an article format this tool reads ({FORMATS})")
    try:
        check_regular(path, shown)  # a FIFO is never opened for reading (it would hang the run)
        source = source or reader.source_path(path, root)
        entry = store.lookup(source)
        if _is_current(entry, store, force, model) \
                and hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256:  # unchanged: not even parsed
            return ArticleResult(source, "unchanged", entry.path)
        article = reader.read(path, root)
        if article.source_path != source:
            article = dataclasses.replace(article, source_path=source)
        return _job_for(article, store, entry, model)
    except BriefingsError as err:
        return ArticleResult(shown, "failed", message=str(err))
    except OSError as err:
        return ArticleResult(shown, "failed", message=f"{shown}: {err}")


def prepare_read(article: RawArticle, store: BriefingStore, force: bool = False,
                 model: str | None = None) -> _Job | ArticleResult:
    """``prepare`` for an article already read (a page, feed entry or JSON line: these are
    read every run, to find duplicates); unchanged when its own hash and the generator are."""
    source = article.source_path
    try:
        entry = store.lookup(source)
        if _is_current(entry, store, force, model) and entry.sha256 == article.sha256:
            return ArticleResult(source, "unchanged", entry.path)
        return _job_for(article, store, entry, model)
    except BriefingsError as err:
        return ArticleResult(source, "failed", message=str(err))
    except OSError as err:
        return ArticleResult(source, "failed", message=f"{source}: {err}")


def _is_current(entry, store: BriefingStore, force: bool, model: str | None) -> bool:
    """The index holds a briefing for this source, written by this generator (and model) and
    still on disk: the article may be skipped if its bytes are those the entry records."""
    return entry is not None and not force and entry.generator == generator_id(model) \
        and (store.out_dir / entry.path).exists()


def _job_for(article: RawArticle, store: BriefingStore, entry, model: str | None = None) -> _Job | ArticleResult:
    """The job for an article that is due, with what is on disk for it (raises on a broken briefing)."""
    job = _Job(article, model=model)
    target = store.out_dir / entry.path if entry is not None else None
    if target is None:
        return job
    target_text = target.read_text(encoding="utf-8") if target.exists() else None
    if target_text is not None:
        job.on_disk = parse_front_matter(target_text, target)
        if job.on_disk is None:  # an editor broke the '---' fences: never overwrite it
            raise FrontMatterError(target.as_posix(), 1, None,
                                   "no front matter: fix it (see `briefings check`) or delete the file to regenerate it")
        if is_locked(job.on_disk, target):
            return ArticleResult(article.source_path, "unchanged", entry.path, "locked by an editor")
        job.disk_body = split_front_matter(target_text)[1]
    record = store.machine_path(entry.path)
    if record.exists():
        record_text = record.read_text(encoding="utf-8")
        job.old_machine = parse_front_matter(record_text, record)
        job.old_body = split_front_matter(record_text)[1]
    return job


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
    except BriefingsError as err:
        return ArticleResult(article.source_path, "failed", message=str(err))
    except OverflowError as err:  # a date counted from the dateline fell outside the calendar
        return ArticleResult(article.source_path, "failed",
                             message=f"{article.source_path}: a date in the article falls outside years 1-9999 ({err})")
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
    merged_body, body_conflicts = merge_body(job.old_body, job.disk_body, body)
    # Most briefings carry no edits: the merged text is then the machine text, rendered once.
    if merged.front_matter == new_machine and merged_body == body:
        merged_text, valid = machine_text, True
    else:
        merged_text, valid = render_briefing(merged.front_matter, merged_body), _validates(merged.front_matter)
    site_data = site_data_text(merged_text, merged.front_matter) if valid else None
    return _Rendered(briefing, machine_text, merged_text, merged.conflicts + body_conflicts, site_data)


def _validates(front_matter: dict) -> bool:
    try:
        Briefing.model_validate(front_matter)
        return True
    except ValidationError:
        return False


def finish(job: _Job, rendered: _Rendered, store: BriefingStore) -> ArticleResult:
    """Write the briefing, then its site data, then its machine record, each atomically, and
    only then record it in the index (main process).

    The order is the invariant of docs/editors.md ("When a run fails"): the machine record
    (the merge base) is written last, so it is never newer than the briefing, and a record
    that is there means everything before it is too (a lost index is rebuilt from the
    records). A run stopped after the briefing leaves the old record: the briefing then holds
    machine values the base does not, which the next run, producing the same values again,
    takes as agreed, never as edits. A run stopped before the briefing leaves all as it was."""
    source = job.article.source_path
    try:
        rel = store.target_for(rendered.briefing)
        changed = atomic_write(store.out_dir / rel, rendered.merged_text)
        site_data = store.site_data_path(rel)
        if rendered.site_data is not None:  # a cache of the briefing: if lost in a crash, the site reads the briefing
            atomic_write(site_data, rendered.site_data, durable=False)
        else:
            site_data.unlink(missing_ok=True)  # the site reads the briefing itself (and reports it)
        atomic_write(store.machine_path(rel), rendered.machine_text)
        store.record(source, rel, job.article.sha256, generator_id(job.model))
    except BriefingsError as err:
        return ArticleResult(source, "failed", message=str(err))
    except OSError as err:  # the stale site data could not be removed
        return ArticleResult(source, "failed", message=f"{source}: {err}")
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


def extract_batch(jobs: list[_Job]) -> list[_Rendered | ArticleResult]:
    """The one task every executor runs (the local pool and Dask alike): extract a batch of
    jobs, results in the batch's order. Workers compute only; they touch no file."""
    return [extract(job) for job in jobs]


def _batches(jobs: Iterable[_Job], size: int) -> Iterator[list[_Job]]:
    it = iter(jobs)
    while batch := list(islice(it, size)):
        yield batch


def extract_in_order(jobs: Iterable[_Job], executor: Executor, batch_size: int,
                     window: int) -> Iterator[tuple[_Job, _Rendered | ArticleResult]]:
    """Submit ``jobs`` in batches of ``batch_size`` to ``executor`` (anything with
    ``concurrent.futures``' ``submit``: a process pool, Dask's ``Client.get_executor()``) and
    yield (job, result) in input order. At most ``window`` batches are in flight, so memory
    stays flat however large the corpus, and the order (hence slugs and bytes) does not
    depend on which worker finishes first."""
    pending: deque = deque()
    for batch in _batches(jobs, batch_size):
        pending.append((batch, executor.submit(extract_batch, batch)))
        if len(pending) >= max(1, window):
            done, future = pending.popleft()
            yield from zip(done, future.result())
    while pending:
        done, future = pending.popleft()
        yield from zip(done, future.result())


def _extract_locally(jobs: Iterator[_Job], workers: int) -> Iterator[tuple[_Job, _Rendered | ArticleResult]]:
    """Extract jobs on ``workers`` local processes, in input order.

    The pool starts only once enough articles are due to pay for it (an incremental run that
    touches a handful stays in this process)."""
    first = list(islice(jobs, workers * POOL_MIN_JOBS_PER_WORKER)) if workers > 1 else []
    if workers <= 1 or len(first) < workers * POOL_MIN_JOBS_PER_WORKER:
        for job in chain(first, jobs):
            yield job, extract(job)
        return
    warm_up(first[0].model)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        yield from extract_in_order(chain(first, jobs), pool, LOCAL_BATCH, window=workers * 4)


class _Checkpoint:
    """Saves the run index now and then during a run, so that a run killed outright (no
    ``finally``) resumes by skipping what it had written. Saves are spaced by at least
    CHECKPOINT_SECONDS and by ten times the last save's cost: they never take more than
    ~10% of the run, whatever the index's size."""

    def __init__(self, store: BriefingStore):
        self.store, self.last, self.cost = store, time.monotonic(), 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if now - self.last >= max(CHECKPOINT_SECONDS, 10 * self.cost):
            self.store.save()
            self.last = time.monotonic()
            self.cost = self.last - now


def _prepare_inputs(pairs: list[tuple[Path, Path]], sources: dict[tuple[Path, Path], str | None],
                    store: BriefingStore, force: bool, model: str | None = None) -> Iterator[_Job | ArticleResult]:
    """Each input's articles, read and settled by ``intake`` (language, duplicates), as jobs
    due or results (unchanged, failed, skipped); ``sources`` names each ``.txt`` input
    (``distinct_sources``)."""
    for item in intake(pairs):
        if isinstance(item, Notice):
            yield ArticleResult(item.source, "failed" if item.failed else "skipped", message=item.message)
        elif isinstance(item, RawArticle):
            yield prepare_read(item, store, force=force, model=model)
        else:
            yield prepare(*item, store, force=force, source=sources.get(item), model=model)


def generate(
    inputs: Iterable[Path],
    out_dir: Path,
    force: bool = False,
    on_article: Callable[[ArticleResult], None] | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    batch_size: int = 200,
    window: int = 4,
    model: str | None = None,
) -> RunReport:
    """Generate a briefing per article found in ``inputs`` into ``out_dir``.

    ``workers`` > 1 extracts on that many local processes. With ``executor`` (e.g. Dask's
    ``Client.get_executor()``, see ``generator.dask_runner``) extraction runs there instead, in
    batches of ``batch_size`` articles, ``window`` batches in flight. Reading and writing stay
    in this process; the briefings are byte-identical whichever way they were extracted.
    ``model`` names an installed spaCy pipeline whose entities are extra evidence for the
    extractors (None: blank English, no model)."""
    report = RunReport()
    inputs = list(inputs)
    # Each briefing is written on a helper thread while the next article is extracted (the
    # writes wait on the disk, fsync above all, not on the CPU). One write at most is in
    # flight, and it is settled before anything else is reported: results, their order, the
    # files and the order they are written in are those of a run that writes in turn, and a
    # write that fails or stops the run stops it before the next write begins.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefings-writer")
    in_flight: list[Future] = []

    def settle() -> None:
        while in_flight:
            result = in_flight.pop().result()
            report.results.append(result)
            if on_article:
                on_article(result)
            checkpoint.tick()

    def record(result: ArticleResult) -> None:
        settle()
        report.results.append(result)
        if on_article:
            on_article(result)

    usable = []
    for item in inputs:
        try:
            exists, is_dir = item.exists(), item.is_dir()
        except OSError as err:  # e.g. a folder on the way cannot be searched
            record(ArticleResult(str(item), "failed", message=f"{item}: cannot read: {err.strerror or err}"))
            continue
        if not exists:
            record(ArticleResult(str(item), "failed", message=f"{item}: no such file or folder"))
        elif is_dir and not find_articles([item]):
            record(ArticleResult(str(item), "failed", message=f"{item}: folder holds no articles ({FORMATS})"))
        else:
            usable.append(item)
    store = BriefingStore(out_dir)

    def due() -> Iterator[_Job]:
        found = find_articles(usable)
        seen_files: set[Path] = set()
        seen_sources: dict[str, Path] = {}
        pairs: list[tuple[Path, Path]] = []
        sources: dict[tuple[Path, Path], str | None] = {}
        for (path, root), source in zip(found, distinct_sources(found)):
            real = path.resolve()
            if real in seen_files:  # one file named twice (a link, a folder and a file in it): one article
                continue
            seen_files.add(real)
            if source is not None and source in seen_sources:  # never two articles in one briefing
                record(ArticleResult(path.as_posix(), "failed", message=f"{path.as_posix()}: its source path "
                                     f"'{source}' is already that of {seen_sources[source].as_posix()}; skipped"))
                continue
            if source is not None:
                seen_sources[source] = path
            pairs.append((path, root))
            sources[(path, root)] = source
        for prepared in _prepare_inputs(pairs, sources, store, force, model):
            if isinstance(prepared, ArticleResult):
                record(prepared)
            else:
                yield prepared

    try:  # one run at a time per output folder: a second one fails at once, naming the first
        lock = RunLock(out_dir).acquire()
    except BriefingsError as err:
        record(ArticleResult(str(out_dir), "failed", message=str(err)))
        return report
    extracted = (extract_in_order(due(), executor, batch_size, window) if executor is not None
                 else _extract_locally(due(), workers))
    checkpoint = _Checkpoint(store)
    try:
        remove_stale_temp_files(out_dir)
        try:
            for job, outcome in extracted:
                if isinstance(outcome, ArticleResult):
                    record(outcome)
                    checkpoint.tick()
                else:
                    settle()
                    in_flight.append(writer.submit(finish, job, outcome, store))
        finally:
            settle()  # the write in flight is reported even when extraction stopped the run
    finally:
        writer.shutdown(wait=True)  # a write in flight (the run was stopped) completes before the index is saved
        try:
            store.save()
        except BriefingsError as err:  # the output folder cannot be written: say so once more only if nothing did
            if report.ok:
                record(ArticleResult(str(out_dir), "failed", message=str(err)))
        finally:
            lock.release()
    return report


def distinct_sources(found: list[tuple[Path, Path]]) -> list[str | None]:
    """The source path of each (article, root) pair, distinct for distinct files.

    A reader names an article relative to its input root (``p/a`` and ``q/a`` both give
    ``a/story.txt``). Files that would share a name are named instead relative to the
    deepest folder holding them all (``p/a/story.txt``, ``q/a/story.txt``). None for a
    pair whose reader is unknown (``prepare`` reports it)."""
    names: list[str | None] = []
    for path, root in found:
        reader = reader_for(path)
        names.append(reader.source_path(path, root) if reader else None)
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        if name is not None:
            groups.setdefault(name, []).append(i)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        files = [found[i][0].resolve() for i in indexes]
        common = Path(os.path.commonpath([f.parent for f in files]))
        for i, f in zip(indexes, files):
            names[i] = f.relative_to(common).as_posix()
    return names
