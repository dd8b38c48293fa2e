"""``dyadwatch eval quotes [GOLD]``: quote attribution scored on PolNeAR; summary line last."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyadwatch.evaluation.gate import default_gold, summary_line

_LABELS = {
    "exact": "content, exact span",
    "overlap": "content, token overlap",
    "token": "content tokens",
}


def register(eval_app: typer.Typer) -> None:
    """Add the ``quotes`` subcommand to ``dyadwatch eval``."""

    @eval_app.command("quotes")
    def quotes(
        gold: Annotated[
            Path | None,
            typer.Argument(
                help="PolNeAR split folder (text/ + attributions/); default: the shared dev split"
            ),
        ] = None,
        limit: Annotated[
            int | None, typer.Option("--limit", "-n", help="score only the first N texts")
        ] = None,
        agreement: Annotated[
            bool,
            typer.Option(
                "--agreement",
                help="score annotator against annotator on the texts two or more annotated "
                "(the ceiling), next to the pipeline on the same texts",
            ),
        ] = False,
    ) -> None:
        """Score quote contents (exact and token overlap P/R/F1) and speaker accuracy.

        Example: dyadwatch eval quotes ../shared/eval/quotes/polnear/dev --limit 20
        """
        from dyadwatch.evaluation.quotes import evaluate

        path = gold if gold is not None else default_gold("quotes")
        if not (path / "attributions").is_dir() or not (path / "text").is_dir():
            typer.echo(f"error: {path} is not a PolNeAR split (needs text/ and attributions/)", err=True)
            raise typer.Exit(2)
        if agreement:
            _print_agreement(path, limit)
            return
        figures = evaluate(path, limit=limit)
        for key, label in _LABELS.items():
            typer.echo(
                f"{label:<24} P={figures[f'{key}_p']:.3f}  R={figures[f'{key}_r']:.3f}  F1={figures[f'{key}_f1']:.3f}"
            )
        typer.echo(f"{'speaker accuracy':<24} {figures['speaker_acc']:.3f} (on overlap-matched contents)")
        typer.echo(f"{'attributions':<24} gold={figures['n_gold']}  predicted={figures['n_pred']}")
        typer.echo(summary_line("quotes", _headline(figures)))


def _headline(figures: dict[str, float]) -> dict[str, float]:
    return {k: figures[k] for k in ("overlap_f1", "exact_f1", "speaker_acc", "overlap_p", "overlap_r")}


def _print_agreement(path: Path, limit: int | None) -> None:
    from dyadwatch.evaluation.quotes import agreement

    human, system, n_texts = agreement(path, limit=limit)
    if n_texts == 0:
        typer.echo(f"error: no text in {path} has two annotators' files", err=True)
        raise typer.Exit(2)
    typer.echo(f"{n_texts} texts with two or more annotators; first annotator scored against the others")
    keys = ("exact_f1", "overlap_f1", "token_f1", "speaker_acc")
    typer.echo(f"{'':<24} {'annotators':>10} {'pipeline':>10}")
    for key in keys:
        typer.echo(f"{key:<24} {human[key]:>10.3f} {system[key]:>10.3f}")
    line = {f"annotators_{k}": human[k] for k in keys[:2]} | {f"pipeline_{k}": system[k] for k in keys[:2]}
    typer.echo(summary_line("quotes agreement", line))
