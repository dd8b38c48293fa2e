"""``dyadwatch eval extraction [GOLD]``: main text and metadata from HTML, ours against trafilatura."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.evaluation.gate import default_gold, summary_line

_FIELDS = ("p", "r", "f1", "title", "date", "author")


def register(eval_app: typer.Typer) -> None:
    """Add the ``extraction`` subcommand to ``dyadwatch eval``."""

    @eval_app.command("extraction")
    def extraction(
        gold: Path | None = typer.Argument(
            None, help="folder with evaldata.json and html/*.html.gz; default: shared dev data"
        ),
        limit: int | None = typer.Option(None, "--limit", help="score only the first N pages"),
    ) -> None:
        """Snippet P/R/F1 of the stored main text, and title/date/author accuracy, on every page
        and on the English ones, for dyadwatch and for plain trafilatura.

        Example: dyadwatch eval extraction ../shared/eval/extraction/trafilatura_en
        """
        from dyadwatch.evaluation.extraction import evaluate

        path = gold if gold is not None else default_gold("extraction")
        if not (path / "evaldata.json").is_file():
            typer.echo(f"error: {path} holds no evaldata.json", err=True)
            raise typer.Exit(2)
        figures = evaluate(path, limit=limit)
        typer.echo(
            f"pages {int(figures['pages'])} ({int(figures['en_pages'])} English); gold for "
            f"title {int(figures['n_title'])}, date {int(figures['n_date'])}, author {int(figures['n_author'])}"
        )
        typer.echo(f"{'':<26}" + "".join(f"{k:>9}" for k in (*_FIELDS, "rejected")))
        for label, prefix in (
            ("dyadwatch, all pages", ""),
            ("trafilatura, all pages", "traf_"),
            ("dyadwatch, English", "en_"),
            ("trafilatura, English", "traf_en_"),
        ):
            row = "".join(f"{figures[prefix + k]:>9.3f}" for k in _FIELDS)
            typer.echo(f"{label:<26}{row}{int(figures[prefix + 'rejected']):>9}")
        keys = ("f1", "traf_f1", "en_f1", "traf_en_f1", "en_title", "en_date", "en_author")
        typer.echo(summary_line("extraction", {k: figures[k] for k in keys}))
