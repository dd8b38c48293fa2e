"""``dyadwatch report``: where a dyad stands issue by issue and month by month.

Example: dyadwatch report --dyad US-China --from 2021-01 --to 2023-12 --html us-china.html
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dyadwatch.cli.common import DB_HELP, console, db_path, known_errors

STANCE_STYLE = {"cooperation": "green", "contention": "red", "mixed": "yellow"}


def _issue_table(cells: list[dict[str, Any]]) -> Table:
    table = Table(title="Issue stance by month", show_lines=False)
    months = sorted({c["month"] for c in cells})
    table.add_column("issue")
    for month in months:
        table.add_column(month, justify="right")
    table.add_column("trend")
    table.add_column("strongest evidence", overflow="fold", max_width=60)
    for issue in sorted({c["issue"] for c in cells}):
        row = {c["month"]: c for c in cells if c["issue"] == issue}
        shown = []
        for month in months:
            cell = row.get(month)
            style = STANCE_STYLE.get(cell["stance"], "") if cell else ""
            shown.append(f"[{style}]{cell['stance'][:5]} {cell['score']:+.2f}[/{style}]" if cell else "")
        scores = [row[m]["score"] for m in months if m in row]
        trend = (
            "—"
            if len(scores) < 2
            else ("↑" if scores[-1] > scores[0] else "↓" if scores[-1] < scores[0] else "→")
        )
        strongest = max(row.values(), key=lambda c: abs(c["score"] or 0))
        table.add_row(issue, *shown, trend, (strongest.get("evidence") or "").strip())
    return table


def _index_table(points: list[dict[str, Any]]) -> Table:
    table = Table(title="Cooperation-conflict index (asserted events; reports of one event count once)")
    for col in ("month", "events", "reports", "v.coop", "m.coop", "v.confl", "m.confl", "Goldstein", "index"):
        table.add_column(col, justify="right")
    for p in points:
        table.add_row(
            p["month"], str(p["n_events"]), str(p.get("n_reports", p["n_events"])), str(p["verbal_cooperation"]), str(p["material_cooperation"]),
            str(p["verbal_conflict"]), str(p["material_conflict"]), f"{p['mean_goldstein']:+.2f}",
            f"{p['coop_index']:+.2f}",
        )  # fmt: skip
    return table


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the ``dyadwatch`` app."""

    @app.command("report")
    def report(
        dyad: Annotated[
            str, typer.Option("--dyad", help='two countries in any spelling: "US-China", CHN-USA')
        ],
        issue: Annotated[str | None, typer.Option("--issue", help="only this issue key, e.g. taiwan")] = None,
        date_from: Annotated[str | None, typer.Option("--from", help="first month, e.g. 2021-01")] = None,
        date_to: Annotated[str | None, typer.Option("--to", help="last month, e.g. 2023-12")] = None,
        html: Annotated[
            Path | None, typer.Option("--html", help="also write a self-contained HTML page")
        ] = None,
        db: Annotated[Path | None, typer.Option("--db", help=DB_HELP)] = None,
    ) -> None:
        """Issue x month stances and the cooperation-conflict index of a dyad.

        Example: dyadwatch report --dyad US-China --issue taiwan --html taiwan.html
        """
        from dyadwatch.analysis.dyads import parse_dyad
        from dyadwatch.report.dyad_html import render_dyad_report
        from dyadwatch.storage.queries import dyad_index_months, dyad_issue_months
        from dyadwatch.storage.store import connect

        with known_errors():
            key = parse_dyad(dyad)
            con = connect(db_path(db), read_only=True)
            try:
                cells = dyad_issue_months(con, key, issue=issue, start=date_from, end=date_to)
                points = dyad_index_months(con, key, start=date_from, end=date_to)
            finally:
                con.close()
        console.print(
            f"[bold]{key}[/bold]: {len(cells)} issue-month cell(s), {len(points)} month(s) of events"
        )
        if cells:
            console.print(_issue_table(cells))
        if points:
            console.print(_index_table(points))
        if not cells and not points:
            console.print("nothing stored for this dyad yet (ingest articles about it first)")
        if html is not None:
            html.write_text(render_dyad_report(key, cells, points), encoding="utf-8")
            console.print(f"wrote {html}")
