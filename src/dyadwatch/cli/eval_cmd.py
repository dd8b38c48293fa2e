"""``dyadwatch eval ...``: score against gold data; the last line printed is the summary."""

from __future__ import annotations

import typer

from dyadwatch.cli import eval_entities, eval_events, eval_extraction, eval_gate, eval_issues, eval_quotes

eval_app = typer.Typer(
    help="Score dyadwatch against gold data (one summary line last).", no_args_is_help=True
)

# Each evaluation registers its subcommand from its own module: add it to this tuple.
for _module in (eval_gate, eval_quotes, eval_events, eval_entities, eval_extraction, eval_issues):
    _module.register(eval_app)
