"""``dyadwatch eval gate``: run every evaluation that has floors in eval/baseline.json."""

from __future__ import annotations

import typer

from dyadwatch.cli.common import console, err_console


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("gate")
    def gate(
        only: list[str] = typer.Option([], "--only", help="run only these evaluations"),
    ) -> None:
        """Score each evaluation on its default gold data and fail if a figure is under its floor.

        Example: dyadwatch eval gate --only entities
        """
        from dyadwatch.evaluation import gate as g

        failures: list[str] = []
        for name, floors in g.load_baseline().items():
            if only and name not in only:
                continue
            gold = g.default_gold(name)
            if not gold.exists():
                err_console.print(f"skipped {name}: no gold data at {gold}")
                continue
            metrics = g.evaluation_module(name).evaluate(gold)
            failures += g.check(name, metrics, floors)
            console.print(g.summary_line(name, metrics), highlight=False)
        for failure in failures:
            err_console.print(f"[red]below floor[/red] {failure}")
        console.print(
            f"eval gate: {'FAIL' if failures else 'ok'} ({len(failures)} figure(s) under their floor)"
        )
        raise typer.Exit(1 if failures else 0)
