"""``dyadwatch eval ...``: score against gold data; the last line printed is the summary."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Score dyadwatch against gold data (one summary line last).", no_args_is_help=True)

# Each evaluation registers its subcommand from its own module (one line each).
from dyadwatch.cli import eval_events  # noqa: E402
from dyadwatch.cli import eval_gate  # noqa: E402
from dyadwatch.cli import eval_quotes  # noqa: E402

eval_gate.register(eval_app)
eval_quotes.register(eval_app)
eval_events.register(eval_app)
