"""The ``briefings`` command: a thin skin over the library (pipeline, check, site).

Each command parses its options, calls one library function and reports; expected
failures (``BriefingsError``) become one line on stderr and a non-zero exit, never a
traceback.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from generator.readers import find_articles

app = typer.Typer(
    help="Turn news articles into structured briefings and a searchable static site.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

PROGRESS_MIN_ARTICLES = 20  # below this a progress bar only flickers

# Characters that would act on the terminal rather than print (newlines, escape sequences,
# other C0/C1 controls, bidirectional overrides): file names may hold any of them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """``text`` safe for one terminal line: unprintable characters as Python escapes
    (``\\n``, ``\\x1b``), Rich markup escaped."""
    return escape(_UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text)))


@app.command()
def generate(
    inputs: list[Path] = typer.Argument(..., help="Article files and folders: *.txt, saved pages (*.html), feeds (*.xml, *.rss, *.atom), JSON Lines (*.jsonl, *.jsonl.gz)."),
    out_dir: Path = typer.Option(Path("content"), "--out", "-o", help="Site content folder; briefings go to OUT/briefings/YYYY/MM/."),
    force: bool = typer.Option(False, "--force", help="Regenerate unchanged articles too (editor edits are still kept)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only print errors and the summary line."),
    workers: int = typer.Option(0, "--workers", "-j", help="Processes to extract on; 0 = one per core (runs with few due articles stay in one)."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER",
                                       help="Extract on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' "
                                            "for a LocalCluster here (--workers processes). Needs briefings[dask]; see docs/scale.md."),
    model: str = typer.Option(None, "--model", help="An installed spaCy pipeline (e.g. en_core_web_sm) whose entities are extra evidence for actors; default: none."),
) -> None:
    """Generate one briefing per article.

    Unchanged articles are skipped; a bad article is reported on one line and the others
    are still written. Exit status 1 when any article failed, or when another generate run
    is writing to the same --out folder (one run at a time per folder). An article in another
    language, the same story met twice, or a feed entry with only a summary is left out
    with one line saying why.

    [bold]Examples[/bold]

      briefings generate samples/articles

      briefings generate ../shared/seeds/000_26b014acf4a540e6.txt --out content

      briefings generate archive/2021 archive/2022 --force --workers 2

      briefings generate archive --dask tcp://scheduler:8786
    """
    from generator.pipeline import generate as run_generate

    if model:
        from generator.nlp import model_problem

        problem = model_problem(model)
        if problem:
            err.print(f"[red]error[/red] --model {shown(model)}: {shown(problem)}", highlight=False, soft_wrap=True)
            raise typer.Exit(2)
    total = len(find_articles([p for p in inputs if _exists(p)]))
    if workers <= 0:
        workers = os.cpu_count() or 1  # the pipeline stays in one process when few articles are due
    show_bar = total >= PROGRESS_MIN_ARTICLES and not quiet and err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=not show_bar) as progress:
        task = progress.add_task("generating", total=total)

        def on_article(result) -> None:
            progress.advance(task)
            if result.status == "failed":
                err.print(f"[red]error[/red] {shown(result.message or '')}", highlight=False, soft_wrap=True)
            elif result.status == "skipped" and not quiet:
                err.print(f"[yellow]skipped[/yellow] {shown(result.message or '')}", highlight=False, soft_wrap=True)
            elif result.status == "written" and not quiet and not show_bar:
                out.print(f"wrote {shown(out_dir / result.path)}", highlight=False, soft_wrap=True)
            for c in result.conflicts:
                err.print(f"[yellow]conflict[/yellow] {shown(out_dir / (result.path or ''))}: {shown(c)}",
                          highlight=False, soft_wrap=True)

        if dask:
            from generator.dask_runner import generate_on_dask
            from generator.errors import BriefingsError

            try:
                report = generate_on_dask(inputs, out_dir, dask, force=force, on_article=on_article,
                                          local_workers=workers, model=model)
            except BriefingsError as failure:
                progress.stop()
                err.print(f"[red]error[/red] {shown(str(failure))}", highlight=False, soft_wrap=True)
                raise typer.Exit(1) from None
        else:
            report = run_generate(inputs, out_dir, force=force, on_article=on_article, workers=workers, model=model)
    skipped = f", {report.count('skipped')} skipped" if report.count("skipped") else ""
    out.print(f"{report.count('written')} written, {report.count('unchanged')} unchanged, "
              f"{report.count('failed')} failed{skipped}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # cannot be searched: the run reports it on its own line
        return False


@app.command()
def check(
    content: Path = typer.Argument(Path("content"), help="Site content folder holding briefings/."),
) -> None:
    """Validate every briefing's front matter against the model.

    Prints one line per problem as [italic]path:line: field: message[/italic] and exits 1 when
    there is any, so CI stops before building.

    [bold]Examples[/bold]

      briefings check

      briefings check content && briefings build
    """
    from generator.check import check_tree

    if not content.is_dir():
        err.print(f"[red]error[/red] {escape(str(content))}: no such folder (the content folder `briefings generate` writes)",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    problems = check_tree(content)
    for problem in problems:
        err.print(shown(problem), highlight=False, soft_wrap=True)
    count = len(list((content / "briefings").rglob("*.md"))) if (content / "briefings").is_dir() else 0
    out.print(f"{count} briefings checked, {len(problems)} problems", highlight=False)
    if problems:
        raise typer.Exit(1)


ENGINES = ("mkdocs", "properdocs")  # ProperDocs: the maintained continuation of MkDocs 1.x, same config


def _mkdocs(args: list[str], config: Path, engine: str = "mkdocs") -> int:
    if engine not in ENGINES:
        err.print(f"[red]error[/red] --engine {escape(engine)}: must be one of {', '.join(ENGINES)}", highlight=False)
        raise typer.Exit(2)
    if not config.is_file():
        err.print(f"[red]error[/red] {config}: no MkDocs configuration here", highlight=False)
        raise typer.Exit(1)
    docs_dir = _docs_dir(config)
    if docs_dir is not None and not docs_dir.is_dir():
        err.print(f"[red]error[/red] {escape(str(docs_dir))}: no content yet; run `briefings generate ARTICLES` first",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    # Material prints an end-of-life banner on every build unless told not to.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([sys.executable, "-m", engine, *args, "-f", str(config)], env=env)


def _docs_dir(config: Path) -> Optional[Path]:
    """The content folder a site configuration names (``docs_dir``), or None when the file
    cannot be read here (MkDocs then reports it itself)."""
    import yaml

    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_tolerant_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    docs_dir = data.get("docs_dir", "docs") if isinstance(data, dict) else None
    return (config.parent / str(docs_dir)) if docs_dir else None


def _tolerant_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """Reads a MkDocs configuration's keys, leaving its custom tags (!ENV, !!python/name:) as text."""

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return Loader


@app.command()
def build(
    config: Path = typer.Option(Path("mkdocs.yml"), "--config", "-f", help="MkDocs configuration."),
    site_dir: Optional[Path] = typer.Option(None, "--site-dir", "-d", help="Where to write the site (default: site/)."),
    strict: bool = typer.Option(True, "--strict/--no-strict", help="Fail on any MkDocs warning."),
    engine: str = typer.Option("mkdocs", "--engine", help="mkdocs, or properdocs (the maintained MkDocs 1.x continuation)."),
) -> None:
    """Build the static site from the briefings' front matter.

    [bold]Examples[/bold]

      briefings build

      briefings build --site-dir public

      briefings build --engine properdocs
    """
    args = ["build", "--quiet"] + (["--strict"] if strict else [])
    if site_dir:
        args += ["--site-dir", str(site_dir)]
    code = _mkdocs(args, config, engine)
    if code:
        raise typer.Exit(code)
    where = (site_dir or config.resolve().parent / "site").resolve()
    out.print(f"site built: {where / 'index.html'}", highlight=False)


@app.command()
def serve(
    config: Path = typer.Option(Path("mkdocs.yml"), "--config", "-f", help="MkDocs configuration."),
    address: str = typer.Option("127.0.0.1:8000", "--address", "-a", help="Host and port to serve on."),
    engine: str = typer.Option("mkdocs", "--engine", help="mkdocs, or properdocs (the maintained MkDocs 1.x continuation)."),
) -> None:
    """Serve the site locally and rebuild when a briefing changes.

    [bold]Examples[/bold]

      briefings serve

      briefings serve --address 127.0.0.1:8080
    """
    raise typer.Exit(_mkdocs(["serve", "--dev-addr", address], config, engine))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # python -m generator.cli
    app()
