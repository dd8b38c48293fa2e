"""``dyadwatch load``: merge Parquet shards (from ``ingest --engine dask``) into the store."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors


def register(app: typer.Typer) -> None:
    @app.command("load")
    def load(
        shards: list[Path] = typer.Argument(..., help="shard folders, or folders holding shard folders"),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Merge shards into the DuckDB store in one transaction; known articles are skipped.

        Example: dyadwatch load dyadwatch.duckdb.shards/
        """
        from dyadwatch.storage.shards import load_shards, shard_dirs
        from dyadwatch.storage.store import Store

        with known_errors():
            found = shard_dirs(shards)
            if not found:
                console.print(f"error: no Parquet shards in {', '.join(map(str, shards))}")
                raise typer.Exit(2)
            with Store(db_path(db)) as store:
                added, already = load_shards(store.con, found)
        console.print(f"{len(found)} shard(s): {added} new, {already} already stored", highlight=False)
