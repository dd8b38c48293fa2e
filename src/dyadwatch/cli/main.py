"""The ``dyadwatch`` command. Each command lives in its own thin module and registers itself."""

from __future__ import annotations

import typer

from dyadwatch.cli import (
    demo,
    eval_cmd,
    export,
    forecasts,
    ingest,
    link,
    load,
    query,
    quotes,
    report,
    serve,
    show,
    train,
    watch,
)

app = typer.Typer(
    help="dyadwatch: evidence-linked international-relations data from news text.",
    no_args_is_help=True,
    add_completion=False,
)

for module in (ingest, demo, show, export, query, quotes, load, watch, serve, forecasts, report, link, train):
    module.register(app)
app.add_typer(eval_cmd.eval_app, name="eval")


if __name__ == "__main__":  # python -m dyadwatch.cli.main
    app()
