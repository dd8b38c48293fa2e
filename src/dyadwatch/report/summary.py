"""Readable per-article summaries for the terminal: metadata and actors by country and sector."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text


def _date(summary: dict[str, Any]) -> str:
    if not summary.get("published"):
        return "undated"
    precision = summary.get("published_precision") or "day"
    return f"{summary['published']} ({precision})"


def article_panel(
    summary: dict[str, Any], actors: list[dict[str, Any]], counts: dict[str, int] | None = None
) -> Panel:
    """A panel: title, date, authors, outlet, kind, then actors grouped by country and sector."""
    meta = Table.grid(padding=(0, 1))
    meta.add_column(style="bold cyan")
    meta.add_column()
    meta.add_row("date", _date(summary))
    meta.add_row("authors", ", ".join(summary.get("authors") or []) or "-")
    meta.add_row("outlet", summary.get("outlet") or "-")
    meta.add_row("kind", summary.get("kind") or "-")
    if summary.get("dateline"):
        meta.add_row("dateline", summary["dateline"])
    meta.add_row("id", summary["id"][:16])
    if counts:
        meta.add_row("records", ", ".join(f"{n} {k}" for k, n in counts.items()))
    groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for actor in actors:
        groups[actor.get("country") or "-"][actor.get("sector") or "-"].append(actor)
    table = Table(title="actors by country and sector", title_justify="left", expand=False, show_lines=False)
    table.add_column("country", style="bold")
    table.add_column("sector")
    table.add_column("actors (mentions)")
    for country in sorted(groups, key=lambda c: (c == "-", c)):
        for sector in sorted(groups[country], key=lambda s: (s == "-", s)):
            names = []
            for a in sorted(groups[country][sector], key=lambda a: -int(a.get("n_mentions") or 0)):
                label = a["name"]
                if a.get("role"):
                    label += f", {a['role']}"
                if a.get("affiliation"):
                    label += f" ({a['affiliation']})"
                names.append(f"{label} ×{a.get('n_mentions', 0)}")
            table.add_row(country, sector, "; ".join(names))
    title = Text(summary.get("title") or "(untitled)", style="bold")
    body: list[RenderableType] = [meta, table]
    return Panel(Group(*body), title=title, title_align="left")
