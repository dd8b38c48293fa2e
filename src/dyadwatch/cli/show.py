"""``dyadwatch show``: one stored article with its actor mentions (and quotes) highlighted."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors


def register(app: typer.Typer) -> None:
    @app.command("show")
    def show(
        article: str = typer.Argument(..., help="article id (or a prefix of it), source path or URL"),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        plain: bool = typer.Option(False, "--plain", help="no actor-id tags after mentions"),
    ) -> None:
        """Print an article's text with actor mentions highlighted and tagged with their actor id.

        Example: dyadwatch show 3f2a9c  (or: dyadwatch show examples/articles/000_3726996d2c31f0b6.txt)
        """
        from rich.text import Text

        from dyadwatch.report.highlight import highlighted_text, legend
        from dyadwatch.report.summary import article_panel
        from dyadwatch.storage import queries
        from dyadwatch.storage.store import connect

        with known_errors():
            con = connect(db_path(db), read_only=True)
            try:
                aid = queries.resolve_article_id(con, article)
                record = queries.analysis_dict(con, aid)
                summary = queries.article_summaries(con, [aid])[0]
                console.print(
                    article_panel(summary, queries.actors_of(con, aid), queries.record_counts(con, aid))
                )
            finally:
                con.close()
            body = Text(record["article"]["text"]) if plain else highlighted_text(record)
            console.print(legend())
            console.print(body)
