"""``dyadwatch eval entities [GOLD]``: actor-mention detection scored on CoNLL-2003 entities."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.evaluation.gate import default_gold, summary_line


def register(eval_app: typer.Typer) -> None:
    """Add the ``entities`` subcommand to ``dyadwatch eval``."""

    @eval_app.command("entities")
    def entities(
        gold: Path | None = typer.Argument(
            None, help="CoNLL-2003 file (eng.testa); default: shared dev data"
        ),
        limit: int | None = typer.Option(None, "--limit", help="score only the first N documents"),
    ) -> None:
        """Type-agnostic exact-span P/R/F1 of our PERSON/ORG/GPE/LOC/FAC mentions against PER/ORG/LOC.

        Gold MISC entities are neither expected nor counted as false positives.

        Example: dyadwatch eval entities ../shared/eval/entities/conll2003/eng.testa
        """
        from dyadwatch.evaluation.entities import evaluate

        path = gold if gold is not None else default_gold("entities")
        if not path.is_file():
            typer.echo(f"error: {path} is not a CoNLL-2003 file", err=True)
            raise typer.Exit(2)
        figures = evaluate(path, limit=limit)
        typer.echo(
            f"documents {int(figures['docs'])}: tp={int(figures['tp'])} fp={int(figures['fp'])} fn={int(figures['fn'])}"
        )
        typer.echo(f"{'mentions':<22} P={figures['p']:.3f}  R={figures['r']:.3f}  F1={figures['f1']:.3f}")
        for typ in ("per", "org", "loc"):
            typer.echo(f"{'recall of ' + typ.upper():<22} {figures[f'r_{typ}']:.3f}")
        typer.echo(summary_line("entities", {k: figures[k] for k in ("p", "r", "f1")}))
