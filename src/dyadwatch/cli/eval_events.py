"""``dyadwatch eval events [GOLD]``: event coding scored on the PLOVER GSR and PETRARCH unit tests."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.evaluation.gate import default_gold, summary_line

_ROWS = [
    ("PLOVER GSR: source country", "gsr_source"),
    ("PLOVER GSR: target country", "gsr_target"),
    ("PLOVER GSR: PLOVER type", "gsr_type"),
    ("PETRARCH: exact triple set", "petrarch_exact"),
    ("PETRARCH: CAMEO root F1", "petrarch_root_f1"),
]


def register(eval_app: typer.Typer) -> None:
    """Add the ``events`` subcommand to ``dyadwatch eval``."""

    @eval_app.command("events")
    def events(
        gold: Path | None = typer.Argument(  # noqa: B008 - typer reads its defaults this way
            None,
            help="folder with plover_gsr_dev.json and/or petrarch_unittest_records.jsonl; default: shared dev data",
        ),
        actors: list[Path] = typer.Option(  # noqa: B008
            [],
            "--actors",
            help="extra dictionary for the PLOVER GSR run (YAML or TABARI/PETRARCH .txt); repeatable",
        ),
    ) -> None:
        """Score (source country, target country, type) triples and per-field agreement.

        The PETRARCH suite always runs with its own actor, agent and verb dictionaries, loaded the
        way ``--actors FILE`` loads a user's.

        Example: dyadwatch eval events ../shared/eval/events
        """
        from dyadwatch.evaluation.events import evaluate

        path = gold if gold is not None else default_gold("events")
        if (
            not (path / "plover_gsr_dev.json").is_file()
            and not (path / "petrarch_unittest_records.jsonl").is_file()
        ):
            typer.echo(
                f"error: {path} holds neither plover_gsr_dev.json nor petrarch_unittest_records.jsonl",
                err=True,
            )
            raise typer.Exit(2)
        figures = evaluate(path, extra_dictionaries=actors)
        for label, key in _ROWS:
            if key in figures:
                typer.echo(f"{label:<30} {figures[key]:.3f}")
        for suite in ("gsr", "petrarch"):
            if f"{suite}_f1" in figures:
                typer.echo(
                    f"{suite.upper() + ': triples':<30} P={figures[f'{suite}_p']:.3f}  "
                    f"R={figures[f'{suite}_r']:.3f}  F1={figures[f'{suite}_f1']:.3f}"
                )
        headline: dict[str, float] = {
            k: figures[k]
            for k in ("gsr_f1", "gsr_type", "gsr_source", "petrarch_f1", "petrarch_exact")
            if k in figures
        }
        typer.echo(summary_line("events", headline))
