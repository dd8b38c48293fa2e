"""``dyadwatch export``: the stored records as JSON, JSONL, CSV or Parquet (and event formats)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from dyadwatch.cli.common import DB_HELP, db_path, err_console, known_errors

FORMATS = ("json", "jsonl", "csv", "parquet", "gdelt", "plover")


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        fmt: str = typer.Option(
            "json", "--format", "-f", help="json | jsonl | csv | parquet | gdelt | plover"
        ),
        out: Path | None = typer.Option(
            None, "--out", "-o", help="file (json/jsonl/csv) or folder (parquet, csv tables)"
        ),
        table: str = typer.Option(
            "articles", "--table", help="csv to stdout or a file: which table to write"
        ),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Export every stored article with its records (DESIGN §2 contract).

        JSON goes to stdout unless --out is given. gdelt: GDELT 2.0 event columns (tab-separated,
        one row per event, our fields after them); plover: PLOVER JSONL, one event per line. Parquet (and csv with --out FOLDER) writes one
        file per table: articles, actors, mentions, quotes, events, issues, forecasts.

        Example: dyadwatch export --format jsonl --out articles.jsonl
        """
        from dyadwatch.export import formats
        from dyadwatch.storage import queries
        from dyadwatch.storage.store import connect

        if fmt not in FORMATS:
            err_console.print(f"error: unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
            raise typer.Exit(2)
        if fmt == "parquet" and out is None:
            err_console.print("error: --format parquet needs --out FOLDER")
            raise typer.Exit(2)
        if table not in formats.TABLES:
            err_console.print(f"error: unknown table '{table}' (choose from {', '.join(formats.TABLES)})")
            raise typer.Exit(2)
        with known_errors():
            con = connect(db_path(db), read_only=True)
            try:
                records = queries.iter_analyses(con)
                if fmt == "parquet" or (fmt == "csv" and out is not None and out.suffix == ""):
                    assert out is not None
                    counts = formats.write_tables(list(records), out, fmt)
                    err_console.print(", ".join(f"{n} {t}" for t, n in counts.items()) + f" -> {out}/")
                    return
                handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
                try:
                    if fmt == "json":
                        n = formats.write_json(records, handle)
                    elif fmt == "gdelt":
                        from dyadwatch.export.gdelt import write_gdelt

                        n = write_gdelt(records, handle)
                    elif fmt == "plover":
                        from dyadwatch.export.plover import write_plover

                        n = write_plover(records, handle)
                    elif fmt == "jsonl":
                        n = formats.write_jsonl(records, handle)
                    else:
                        n = formats.write_csv(records, table, handle)
                finally:
                    if out:
                        handle.close()
                if out:
                    unit = "articles" if fmt in ("json", "jsonl") else "rows"
                    err_console.print(f"{n} {unit} -> {out}")
            finally:
                con.close()
