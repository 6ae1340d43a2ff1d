"""Generation with extraction on a Dask cluster: ``briefings generate … --dask SCHEDULER``.

The run is the pipeline's own (``generator.pipeline.generate``): this process finds and reads
the articles, skips unchanged ones, merges with editors' edits and writes every file
atomically, in input order; only the costly part (parse, extract, merge, render: the
pipeline's ``extract_batch``) goes to the cluster's workers, as batches of articles through
``Client.get_executor()``. Workers therefore need the same ``briefings`` installed, but no
access to the input or output folders (see docs/scale.md).

Dask is an optional extra (``pip install briefings[dask]``); without it, ``--dask`` fails
with one line.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator.errors import BriefingsError
from generator.pipeline import ArticleResult, RunReport, generate

DASK_BATCH = 200  # articles per task: ~3 s of work on one core, well above Dask's ~1 ms per-task overhead
BATCHES_PER_SLOT = 2  # batches in flight per worker thread: one running, one queued, so no worker idles
CONNECT_SECONDS = 30  # to reach the scheduler and see a first worker


class DaskError(BriefingsError):
    """Dask is missing, the cluster cannot be reached, or it lost work mid-run."""


def _require_distributed():
    try:
        import distributed
    except ImportError:
        raise DaskError("--dask needs Dask's distributed scheduler: pip install 'briefings[dask]'") from None
    return distributed


def _warm_worker() -> str:
    """Runs once on every worker: builds the pipeline before the first batch arrives and says
    which generator (version + code fingerprint) the worker runs."""
    from generator.pipeline import GENERATOR, warm_up

    warm_up()
    return GENERATOR


@contextmanager
def dask_client(scheduler: str, local_workers: int = 2) -> Iterator[object]:
    """A ``distributed.Client`` on ``scheduler``: a ``tcp://`` (or other Dask) address, or
    ``local`` for a LocalCluster of ``local_workers`` single-threaded processes on this
    machine. Checks that every worker runs the same generator as this process: otherwise
    the briefings would say one version and the run index another."""
    distributed = _require_distributed()
    from generator.pipeline import GENERATOR

    cluster = None
    try:
        try:
            if scheduler == "local":
                cluster = distributed.LocalCluster(n_workers=local_workers, threads_per_worker=1,
                                                   processes=True, dashboard_address=":0")  # a free port: 8787 may be taken
                client = distributed.Client(cluster)
            else:
                client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as err:
            raise DaskError(f"--dask {scheduler}: cannot reach the scheduler: {err}") from None
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            versions = client.run(_warm_worker)
        except (OSError, TimeoutError) as err:
            client.close()
            raise DaskError(f"--dask {scheduler}: no worker answered within {CONNECT_SECONDS} s: {err}") from None
        except Exception as err:  # noqa: BLE001 - e.g. a worker cannot import generator
            client.close()
            raise DaskError(f"--dask {scheduler}: a worker cannot run briefings ({type(err).__name__}: {err}); "
                            "install the same briefings on every worker") from None
        wrong = sorted(f"{worker} runs {version}" for worker, version in versions.items() if version != GENERATOR)
        if wrong:
            client.close()
            raise DaskError(f"--dask {scheduler}: this machine runs {GENERATOR} but {wrong[0]}"
                            + (f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else "")
                            + "; install the same briefings on every worker")
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def generate_on_dask(
    inputs: Iterable[Path],
    out_dir: Path,
    scheduler: str,
    force: bool = False,
    on_article: Callable[[ArticleResult], None] | None = None,
    batch_size: int = DASK_BATCH,
    local_workers: int = 2,
    model: str | None = None,
) -> RunReport:
    """``generate`` with extraction on the Dask cluster at ``scheduler`` (or ``local``).

    A cluster that fails mid-run (a worker lost too often, the scheduler gone) raises one
    DaskError; what was written stays written and is recorded in the run index, so the same
    command run again resumes by skipping it."""
    with dask_client(scheduler, local_workers) as client:
        slots = sum(client.nthreads().values()) or 1
        try:
            return generate(inputs, out_dir, force=force, on_article=on_article,
                            executor=client.get_executor(pure=False), batch_size=batch_size,
                            window=slots * BATCHES_PER_SLOT, model=model)
        except BriefingsError:
            raise
        except Exception as err:  # noqa: BLE001 - the cluster failed, not an article: one line, rerun resumes
            raise DaskError(f"--dask {scheduler}: the cluster failed mid-run ({type(err).__name__}: {err}); "
                            "what was written is kept: run the same command again to resume") from None
