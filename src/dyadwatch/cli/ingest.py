"""``dyadwatch ingest``: files, directories and globs into the store, with a progress bar."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dyadwatch.cli.common import DB_HELP, console, db_path, err_console, known_errors
from dyadwatch.ingest.decode import DEFAULT_MAX_BYTES
from dyadwatch.ontology.tabari import dictionary_env

BATCH = 32  # = runners.local.BATCH, kept here so that --help does not import the pipeline


def run_ingest(
    inputs: list[str],
    db: str,
    max_size: int = DEFAULT_MAX_BYTES,
    quiet: bool = False,
    workers: int = 1,
    batch_size: int = BATCH,
) -> int:
    """Ingest and print per-input rejections and the summary line; return the exit code."""
    from dyadwatch.runners.local import ingest
    from dyadwatch.storage.store import Store

    with (
        Store(db) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=quiet,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None, last="")

        def on_item(label: str, outcome: str) -> None:
            progress.update(task, advance=1, last=f"{outcome}: {Path(label).name[:40]}")

        report = ingest(
            inputs, store, max_bytes=max_size, on_item=on_item, workers=workers, batch_size=batch_size
        )
    for rejection in report.rejected:
        err_console.print(
            f"[red]rejected[/red] {rejection.label}: {rejection.reason}", highlight=False, soft_wrap=True
        )
    console.print(report.summary, highlight=False)
    return 1 if report.rejected else 0


def run_dask_ingest(
    inputs: list[str],
    db: str,
    shards: Path,
    scheduler: str | None,
    workers: int,
    partition_size: int,
    max_size: int,
) -> int:
    """Analyse on Dask into Parquet shards, then merge the shards into the store."""
    from dyadwatch.runners.dask_runner import run_dask
    from dyadwatch.storage.shards import load_shards
    from dyadwatch.storage.store import Store

    def on_partition(result: object) -> None:
        err_console.print(f"shard {getattr(result, 'shard', '')}: {getattr(result, 'articles', 0)} articles")

    results, missing = run_dask(inputs, shards, scheduler, workers, partition_size, max_size, on_partition)
    rejected = [(r.label, r.reason) for r in missing] + [x for r in results for x in r.rejected]
    with Store(db) as store:
        added, already = load_shards(store.con, [r.shard for r in results])
        for label, reason in [(r.label, r.reason) for r in missing]:
            store.record_rejection(label, reason)
    duplicates = sum(r.duplicates for r in results)
    for label, reason in rejected:
        err_console.print(f"[red]rejected[/red] {label}: {reason}", highlight=False, soft_wrap=True)
    console.print(
        f"{added} new, {already + duplicates} already stored, {len(rejected)} rejected", highlight=False
    )
    return 1 if rejected else 0


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        inputs: list[str] = typer.Argument(
            ..., help="files, directories (recursive), globs, article or feed URLs, OPML, URL lists, WARC"
        ),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        max_size: int = typer.Option(
            DEFAULT_MAX_BYTES,
            "--max-size",
            envvar="DYADWATCH_MAX_SIZE",
            help="largest accepted file, in bytes",
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="analysis processes (one model each)"),
        batch_size: int = typer.Option(
            BATCH,
            "--batch-size",
            min=1,
            help="articles analysed and written per transaction (smaller: new articles show sooner)",
        ),
        engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster)"),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 (default: a LocalCluster)"
        ),
        shards: Path | None = typer.Option(
            None, "--shards", help="dask: folder for Parquet shards (default DB.shards)"
        ),
        partition_size: int = typer.Option(64, "--partition-size", min=1, help="dask: files per partition"),
        actors: list[Path] = typer.Option(  # noqa: B008 - typer reads its defaults this way
            [],
            "--actors",
            help="extra actor dictionary (our YAML, or TABARI/PETRARCH actors/agents/verbs .txt); repeatable",
        ),
    ) -> None:
        """Read articles and store their actors and records.

        Inputs: .txt, .html/.htm, .json/.jsonl files; http(s) URLs of articles or RSS/Atom feeds;
        .opml subscription lists; .txt files listing URLs (one per line); .warc/.warc.gz archives.

        Exit code 0 only when no input was rejected; every rejected input is named with its reason.

        Example: dyadwatch ingest examples/articles --db my.duckdb
        """
        with known_errors(), tempfile.TemporaryDirectory() as tmp:
            if actors:
                # Before the model loads: the actor ruler and the event stage read these variables.
                os.environ.update(dictionary_env(actors, Path(tmp)))
            if engine == "dask":
                target = shards or Path(db_path(db) + ".shards")
                code = run_dask_ingest(
                    inputs, db_path(db), target, scheduler, workers, partition_size, max_size
                )
            elif engine == "local":
                code = run_ingest(inputs, db_path(db), max_size, quiet, workers, batch_size)
            else:
                err_console.print(f"error: unknown engine '{engine}' (local or dask)")
                code = 2
        raise typer.Exit(code)
