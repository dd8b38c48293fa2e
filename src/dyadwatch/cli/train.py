"""``dyadwatch train quotes|bounds [GOLD]``: fit the quote stage's learned models on brat-annotated texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyadwatch.cli.common import console, err_console

# The arguments both commands take.
GoldSplit = Annotated[
    Path | None,
    typer.Argument(help="brat split folder (text/ + attributions/); default: the shared PolNeAR train split"),
]
ModelOut = Annotated[
    Path, typer.Option("--out", "-o", help="model file to write (its provenance goes next to it as .json)")
]
L2Weight = Annotated[float, typer.Option(help="L2 regularisation weight")]
Limit = Annotated[int | None, typer.Option("--limit", "-n", help="train on the first N texts only")]

train_app = typer.Typer(help="Train dyadwatch's learned components on annotated data.", no_args_is_help=True)


@train_app.command("quotes")
def quotes(
    gold: GoldSplit = None,
    out: ModelOut = Path("quote_tagger.crfsuite"),
    c1: Annotated[float, typer.Option(help="L1 regularisation weight")] = 2.0,
    c2: L2Weight = 0.01,
    iterations: Annotated[int, typer.Option(help="most L-BFGS iterations")] = 250,
    limit: Limit = None,
) -> None:
    """Fit the quote attribution tagger; use it with DYADWATCH_QUOTE_TAGGER=OUT.

    Example: dyadwatch train quotes ../shared/eval/quotes/polnear/train --out my_tagger.crfsuite
    """
    from dyadwatch.learn.quote_tagger_training import TrainingSettings, train_tagger

    path, n_texts = _brat_split(gold)
    settings = TrainingSettings(c1=c1, c2=c2, max_iterations=iterations)
    info = _fit_with_progress(
        min(n_texts, limit or n_texts),
        iterations,
        lambda on_text, on_iteration: train_tagger(
            path, out, settings, limit=limit, on_text=on_text, on_iteration=on_iteration
        ),
    )
    console.print(
        f"wrote {out} ({info['texts']} texts, {info['sentences']} sentences, {info['seconds']} s)",
        highlight=False,
        soft_wrap=True,
    )


@train_app.command("bounds")
def bounds(
    gold: GoldSplit = None,
    out: ModelOut = Path("quote_bounds.crfsuite"),
    c1: Annotated[float, typer.Option(help="L1 regularisation weight")] = 0.5,
    c2: L2Weight = 0.01,
    iterations: Annotated[int, typer.Option(help="most L-BFGS iterations")] = 150,
    limit: Limit = None,
) -> None:
    """Fit the model that sets where reported statements start and end; use it with
    DYADWATCH_QUOTE_BOUNDS=OUT.

    Example: dyadwatch train bounds ../shared/eval/quotes/polnear/train --out my_bounds.crfsuite
    """
    from dyadwatch.learn.quote_bounds_training import BoundsSettings, train_bounds

    path, n_texts = _brat_split(gold)
    settings = BoundsSettings(c1=c1, c2=c2, max_iterations=iterations)
    try:
        info = _fit_with_progress(
            min(n_texts, limit or n_texts),
            iterations,
            lambda on_text, on_iteration: train_bounds(
                path, out, settings, limit=limit, on_text=on_text, on_iteration=on_iteration
            ),
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    console.print(
        f"wrote {out} ({info['texts']} texts, {info['candidates']} candidate bounds, "
        f"{info['annotated_bounds']} annotated, {info['seconds']} s)",
        highlight=False,
        soft_wrap=True,
    )


def _brat_split(gold: Path | None) -> tuple[Path, int]:
    """The split to train on (default: the shared PolNeAR train split) and its number of texts;
    exits with a message when it is not a brat split."""
    from dyadwatch.evaluation.gate import default_gold

    path = gold if gold is not None else default_gold("quotes").parent / "train"
    n_texts = len({p.name.rsplit("_", 1)[0] for p in (path / "attributions").glob("*.ann")})
    if not (path / "text").is_dir() or n_texts == 0:
        typer.echo(f"error: {path} is not a brat split (needs text/ and attributions/*.ann)", err=True)
        raise typer.Exit(2)
    return path, n_texts


Fit = Callable[[Callable[[], None], Callable[[int, float], None]], dict[str, Any]]


def _fit_with_progress(n_texts: int, iterations: int, fit: Fit) -> dict[str, Any]:
    """Run ``fit`` (given a per-text and a per-iteration callback) under two progress bars."""
    with Progress(
        TextColumn("[bold]{task.description}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        parse = progress.add_task("parse", total=n_texts, note="")
        fitting = progress.add_task("fit", total=iterations, note="", visible=False)

        def on_iteration(n: int, loss: float) -> None:
            progress.update(fitting, completed=n, visible=True, note=f"loss {loss:,.0f}")

        return fit(lambda: progress.advance(parse), on_iteration)


def register(app: typer.Typer) -> None:
    """Add ``dyadwatch train``."""
    app.add_typer(train_app, name="train")
