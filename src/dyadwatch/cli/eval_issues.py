"""``dyadwatch eval issues [GOLD]``: issue tagging and stance on our labelled dev sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyadwatch.evaluation.gate import default_gold, summary_line


def register(eval_app: typer.Typer) -> None:
    """Add the ``issues`` subcommand to ``dyadwatch eval``."""

    @eval_app.command("issues")
    def issues(
        gold: Annotated[
            Path | None,
            typer.Argument(help="JSONL of labelled sentences; default: eval/issues_dev.jsonl in the repo"),
        ] = None,
        limit: Annotated[
            int | None, typer.Option("--limit", "-n", help="score only the first N sentences")
        ] = None,
    ) -> None:
        """Score issue tags (micro P/R/F1) and stance toward the labelled dyad (accuracy).

        Example: dyadwatch eval issues eval/issues_dev.jsonl --limit 50
        """
        from dyadwatch.evaluation.issues import STANCES, predict, read_gold, score

        path = gold if gold is not None else default_gold("issues")
        if not path.is_file():
            typer.echo(f"error: {path} is not a file of labelled sentences (JSONL)", err=True)
            raise typer.Exit(2)
        try:
            records = read_gold(path, limit)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        figures = score(records, predict(records))
        typer.echo(f"{'issue':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
        for issue, (p, r, f, support) in figures["per_issue"].items():
            typer.echo(f"{issue:<18} {p:6.3f} {r:6.3f} {f:6.3f} {support:5d}")
        typer.echo("stance confusion (rows gold, columns predicted): " + " ".join(s[:5] for s in STANCES))
        for g in STANCES:
            row = " ".join(f"{figures['confusion'].get((g, s), 0):5d}" for s in STANCES)
            typer.echo(f"  {g:<12} {row}")
        typer.echo(
            f"issue tags  P={figures['issues_p']:.3f}  R={figures['issues_r']:.3f}  F1={figures['issues_f1']:.3f}"
            f"  (micro, {figures['n']} sentences)"
        )
        typer.echo(
            f"stance      accuracy={figures['stance_acc']:.3f}  on polar gold={figures['stance_acc_polar']:.3f}"
        )
        headline = {
            k: figures[k] for k in ("issues_f1", "issues_p", "issues_r", "stance_acc", "stance_acc_polar")
        }
        typer.echo(summary_line("issues", headline))
