"""``dyadwatch ingest``: files, directories and globs into the store, with a progress bar."""

from __future__ import annotations

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


def run_ingest(
    inputs: list[str], db: str, max_size: int = DEFAULT_MAX_BYTES, quiet: bool = False, workers: int = 1
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

        report = ingest(inputs, store, max_bytes=max_size, on_item=on_item, workers=workers)
    for rejection in report.rejected:
        err_console.print(
            f"[red]rejected[/red] {rejection.label}: {rejection.reason}", highlight=False, soft_wrap=True
        )
    console.print(report.summary, highlight=False)
    return 1 if report.rejected else 0


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        inputs: list[str] = typer.Argument(..., help="files, directories (recursive) or glob patterns"),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        max_size: int = typer.Option(
            DEFAULT_MAX_BYTES,
            "--max-size",
            envvar="DYADWATCH_MAX_SIZE",
            help="largest accepted file, in bytes",
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="analysis processes (one model each)"),
    ) -> None:
        """Read articles (.txt, .html, .json, .jsonl) and store their actors and records.

        Exit code 0 only when no input was rejected; every rejected input is named with its reason.

        Example: dyadwatch ingest examples/articles --db my.duckdb
        """
        with known_errors():
            code = run_ingest(inputs, db_path(db), max_size, quiet, workers)
        raise typer.Exit(code)
