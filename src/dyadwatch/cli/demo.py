"""``dyadwatch demo``: ingest the bundled example articles and summarise each one."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "articles"


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        examples: Path = typer.Option(EXAMPLES, "--examples", help="folder of example articles"),
    ) -> None:
        """Ingest the example articles into the store and print a summary per article.

        Example: dyadwatch demo --db demo.duckdb
        """
        from dyadwatch.cli.ingest import run_ingest
        from dyadwatch.report.summary import article_panel
        from dyadwatch.storage import queries
        from dyadwatch.storage.store import connect

        path = db_path(db)
        with known_errors():
            if not examples.is_dir():
                typer.echo(f"error: no example articles at {examples}", err=True)
                raise typer.Exit(2)
            console.print(f"[bold]dyadwatch demo[/bold]: {examples} -> {path}")
            code = run_ingest([str(examples)], path)
            con = connect(path)
            try:
                ids = [r[0] for r in con.execute(
                    "SELECT DISTINCT article_id FROM sources WHERE starts_with(source, ?)", [str(examples)]
                ).fetchall()]  # fmt: skip
                for summary in queries.article_summaries(con, ids):
                    counts = queries.record_counts(con, summary["id"])
                    console.print(article_panel(summary, queries.actors_of(con, summary["id"]), counts))
            finally:
                con.close()
        raise typer.Exit(code)
