"""``dyadwatch train quotes [GOLD]``: fit the attribution tagger on brat-annotated texts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyadwatch.cli.common import console, err_console

train_app = typer.Typer(help="Train dyadwatch's learned components on annotated data.", no_args_is_help=True)


@train_app.command("quotes")
def quotes(
    gold: Annotated[
        Path | None,
        typer.Argument(
            help="brat split folder (text/ + attributions/); default: the shared PolNeAR train split"
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="model file to write (its provenance goes next to it as .json)"),
    ] = Path("quote_tagger.crfsuite"),
    c1: Annotated[float, typer.Option(help="L1 regularisation weight")] = 2.0,
    c2: Annotated[float, typer.Option(help="L2 regularisation weight")] = 0.01,
    iterations: Annotated[int, typer.Option(help="most L-BFGS iterations")] = 250,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="train on the first N texts only")
    ] = None,
) -> None:
    """Fit the quote attribution tagger; use it with DYADWATCH_QUOTE_TAGGER=OUT.

    Example: dyadwatch train quotes ../shared/eval/quotes/polnear/train --out my_tagger.crfsuite
    """
    from dyadwatch.evaluation.gate import default_gold
    from dyadwatch.learn.quote_tagger_training import TrainingSettings, train_tagger

    path = gold if gold is not None else default_gold("quotes").parent / "train"
    n_texts = len({p.name.rsplit("_", 1)[0] for p in (path / "attributions").glob("*.ann")})
    if not (path / "text").is_dir() or n_texts == 0:
        typer.echo(f"error: {path} is not a brat split (needs text/ and attributions/*.ann)", err=True)
        raise typer.Exit(2)
    settings = TrainingSettings(c1=c1, c2=c2, max_iterations=iterations)
    with Progress(
        TextColumn("[bold]{task.description}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        parse = progress.add_task("parse", total=min(n_texts, limit or n_texts), note="")
        fit = progress.add_task("fit", total=iterations, note="", visible=False)

        def on_iteration(n: int, loss: float) -> None:
            progress.update(fit, completed=n, visible=True, note=f"loss {loss:,.0f}")

        info = train_tagger(
            path,
            out,
            settings,
            limit=limit,
            on_text=lambda: progress.advance(parse),
            on_iteration=on_iteration,
        )
    console.print(
        f"wrote {out} ({info['texts']} texts, {info['sentences']} sentences, {info['seconds']} s)",
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``dyadwatch train``."""
    app.add_typer(train_app, name="train")
