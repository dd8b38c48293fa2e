"""``dyadwatch quotes``: list quotes across the store, by speaker or issue."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def _db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("DYADWATCH_DB") or "dyadwatch.duckdb")


def register(app: typer.Typer) -> None:
    """Add the ``quotes`` command to the ``dyadwatch`` app."""

    @app.command("quotes")
    def quotes(
        db: Annotated[
            Path | None,
            typer.Option("--db", help="DuckDB file (default $DYADWATCH_DB or ./dyadwatch.duckdb)"),
        ] = None,
        speaker: Annotated[str | None, typer.Option(help="actor id or part of the speaker's name")] = None,
        issue: Annotated[str | None, typer.Option(help="issue key, e.g. taiwan")] = None,
        limit: Annotated[int, typer.Option(help="show at most this many quotes")] = 200,
    ) -> None:
        """List stored quotes with their speakers.

        Example: dyadwatch quotes --speaker Swaine --issue taiwan
        """
        import duckdb

        from dyadwatch.storage.queries import list_quotes

        path = _db_path(db)
        if not path.exists():
            typer.echo(f"error: no database at {path} (run `dyadwatch ingest` first or pass --db)", err=True)
            raise typer.Exit(2)
        con = duckdb.connect(str(path), read_only=True)
        try:
            rows = list_quotes(con, speaker=speaker, issue=issue)
        finally:
            con.close()
        table = Table(show_lines=False)
        for col in ("article", "speaker", "cue", "quote", "issues"):
            table.add_column(col, overflow="fold")
        for row in rows[:limit]:
            mark = "“”" if row["direct"] else ""
            table.add_row(
                str(row["article_id"])[:12],
                row["speaker_name"] or row["speaker"] or "(author)",
                row["cue"] or "",
                f"{mark[:1]}{row['text']}{mark[1:]}"
                if mark and not row["text"].startswith(("“", '"'))
                else row["text"],
                ", ".join(row["issues"] or []),
            )
        Console().print(table)
        typer.echo(f"{len(rows)} quote(s)" + (f", first {limit} shown" if len(rows) > limit else ""))
