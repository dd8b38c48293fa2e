"""``dyadwatch forecasts``: the forecast ledger, each with its evidence sentence.

Example: dyadwatch forecasts --dyad US-China --due-before 2026-01-01 --as-of 2025-06-01
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors

STATUS_STYLE = {"open": "cyan", "due": "yellow", "past": "dim"}


def register(app: typer.Typer) -> None:
    """Add the ``forecasts`` command to the ``dyadwatch`` app."""

    @app.command("forecasts")
    def forecasts(
        dyad: Annotated[str | None, typer.Option("--dyad", help='only this dyad, e.g. "US-China"')] = None,
        due_before: Annotated[
            str | None, typer.Option("--due-before", help="only horizons ending before this date")
        ] = None,
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="date for open/due/past (default $DYADWATCH_AS_OF or today)"),
        ] = None,
        limit: Annotated[int, typer.Option(help="show at most this many")] = 200,
        db: Annotated[Path | None, typer.Option("--db", help=DB_HELP)] = None,
    ) -> None:
        """List stored forecasts: speaker, subject, horizon, likelihood, polarity, status, evidence.

        Example: dyadwatch forecasts --dyad CHN-USA --due-before 2026
        """
        from dyadwatch.analysis.dyads import parse_dyad
        from dyadwatch.errors import DyadwatchError
        from dyadwatch.nlp.horizons import default_as_of
        from dyadwatch.storage.queries import list_forecasts
        from dyadwatch.storage.store import connect

        with known_errors():
            key = parse_dyad(dyad) if dyad else None
            for label, value in (("--due-before", due_before), ("--as-of", as_of)):
                try:
                    default_as_of(value) if value else None
                except ValueError as exc:
                    raise DyadwatchError(f"{label} '{value}' is not a date", hint="e.g. 2025-06-01") from exc
            con = connect(db_path(db), read_only=True)
            try:
                rows = list_forecasts(con, dyad=key, due_before=due_before, as_of=as_of)
            finally:
                con.close()
        table = Table(show_lines=True, expand=True)
        table.add_column("horizon", no_wrap=True)
        table.add_column("speaker", ratio=1)
        table.add_column("about", ratio=1)
        table.add_column("outlook", ratio=1)
        table.add_column("evidence", ratio=4)
        for row in rows[:limit]:
            style = STATUS_STYLE.get(row["status"], "")
            sentence = (row["sentence"] or "").strip()
            table.add_row(
                f"{row['horizon'] or '—'}\n[{style}]{row['status']}[/{style}]",
                row["speaker_name"] or row["speaker"] or "(author)",
                f"{row['subject'] or '—'}\n{row['dyad'] or ''}",
                f"{row['likelihood']}\n{row['polarity']}",
                f"{sentence}\n[dim]{row['title'] or ''}[/dim]",
            )
        console.print(table)
        console.print(f"{len(rows)} forecast(s)" + (f", first {limit} shown" if len(rows) > limit else ""))
