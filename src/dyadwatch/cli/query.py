"""``dyadwatch query``: DuckDB SQL over the store, printed as a table."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors


def register(app: typer.Typer) -> None:
    @app.command("query")
    def query(
        sql: str = typer.Argument(..., help='SQL, e.g. "SELECT country, count(*) FROM actors GROUP BY 1"'),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        limit: int = typer.Option(100, "--limit", help="print at most this many rows"),
        parquet: Path | None = typer.Option(
            None, "--parquet", help="query Parquet shards in this folder instead"
        ),
    ) -> None:
        """Run DuckDB SQL over the tables (articles, actors, mentions, quotes, events, ...).

        The store is opened read-only: queries cannot change it.

        Example: dyadwatch query "SELECT actor_id, sum(n_mentions) n FROM actors GROUP BY 1 ORDER BY n DESC"
        """
        from rich.table import Table

        from dyadwatch.storage import queries
        from dyadwatch.storage.store import connect

        with known_errors():
            if parquet is not None:
                import duckdb

                from dyadwatch.storage.shards import register_shard_views

                con = duckdb.connect()
                try:
                    register_shard_views(con, parquet)
                except FileNotFoundError as exc:
                    console.print(f"error: {exc}")
                    raise typer.Exit(2) from exc
            else:
                con = connect(db_path(db), read_only=True)
            try:
                columns, rows = queries.run_sql(con, sql)
            finally:
                con.close()
        table = Table(*columns, show_lines=False)
        for row in rows[:limit]:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        more = f" (first {limit} shown)" if len(rows) > limit else ""
        console.print(f"{len(rows)} row(s){more}", highlight=False)
