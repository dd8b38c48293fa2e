"""``dyadwatch link``: link reports of the same real-world event across stored articles.

``ingest`` does this at its end; run it by hand after ``load`` (Parquet shards) or to relink.
Example: dyadwatch link --db us-china.duckdb
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors


def register(app: typer.Typer) -> None:
    """Add the ``link`` command to the ``dyadwatch`` app."""

    @app.command("link")
    def link(
        window: Annotated[
            int, typer.Option("--window", min=0, help="days two day-dated reports may differ by")
        ] = 3,
        db: Annotated[Path | None, typer.Option("--db", help=DB_HELP)] = None,
    ) -> None:
        """Cluster stored events (same type, dyad, date window and place) so the index counts each once.

        Example: dyadwatch link --window 3
        """
        from dyadwatch.analysis.event_links import link_events
        from dyadwatch.storage.store import Store

        with known_errors(), Store(db_path(db)) as store:
            counts = link_events(store.con, window=window)
        console.print(
            f"{counts['events']} event(s) in {counts['clusters']} cluster(s); "
            f"{counts['linked']} event(s) share a cluster with another report"
        )
