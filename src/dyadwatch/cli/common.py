"""Options and error handling shared by the thin command modules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console

from dyadwatch.errors import DyadwatchError
from dyadwatch.storage.store import default_db_path

T = TypeVar("T")

DB_HELP = "DuckDB file (default: $DYADWATCH_DB, else ./dyadwatch.duckdb)"
console = Console()
err_console = Console(stderr=True)


def db_option() -> Path | None:
    return typer.Option(None, "--db", help=DB_HELP)  # type: ignore[no-any-return]


def db_path(db: Path | None) -> str:
    return str(db) if db else default_db_path()


@contextmanager
def known_errors() -> Iterator[None]:
    """Turn dyadwatch's own exceptions into one clear line and exit code 2."""
    try:
        yield
    except DyadwatchError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
        raise typer.Exit(2) from exc


def guarded(func: Callable[[], T]) -> T:
    with known_errors():
        return func()
