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


def _reader(row: dict[str, object]) -> str:
    """ "rules", or "tagger 0.84" with the tagger's confidence: how far to trust the attribution."""
    if row["found_by"] == "tagger" and isinstance(row["confidence"], float):
        return f"tagger {row['confidence']:.2f}"
    return str(row["found_by"] or "rules")


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
        found_by: Annotated[
            str | None,
            typer.Option(
                "--found-by",
                help="only the quotes the cue rules found ('rules') or the learned tagger ('tagger')",
            ),
        ] = None,
        limit: Annotated[int, typer.Option(help="show at most this many quotes")] = 200,
    ) -> None:
        """List stored quotes with their speakers.

        Example: dyadwatch quotes --speaker Swaine --issue taiwan
        """
        import duckdb

        from dyadwatch.storage.queries import list_quotes
        from dyadwatch.storage.schema import QUOTE_READERS

        if found_by is not None and found_by not in QUOTE_READERS:
            typer.echo(
                f"error: --found-by {found_by!r}: expected one of {', '.join(QUOTE_READERS)}", err=True
            )
            raise typer.Exit(2)

        path = _db_path(db)
        if not path.exists():
            typer.echo(f"error: no database at {path} (run `dyadwatch ingest` first or pass --db)", err=True)
            raise typer.Exit(2)
        con = duckdb.connect(str(path), read_only=True)
        try:
            rows = list_quotes(con, speaker=speaker, issue=issue, found_by=found_by)
        finally:
            con.close()
        table = Table(show_lines=False)
        for col in ("article", "speaker", "cue", "quote", "issues", "found by"):
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
                _reader(row),
            )
        Console().print(table)
        typer.echo(f"{len(rows)} quote(s)" + (f", first {limit} shown" if len(rows) > limit else ""))
