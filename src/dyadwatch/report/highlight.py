"""Article text with its records highlighted for the terminal (rich markup, no SQL here)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

SECTOR_STYLES = {
    None: "bold yellow",
    "GOV": "bold cyan",
    "MIL": "bold red",
    "LEG": "bold magenta",
    "EDU": "bold green",
    "JRN": "bold blue",
}
QUOTE_STYLE = "italic on grey19"


def highlighted_text(record: dict[str, Any]) -> Text:
    """The stored text with quotes shaded and actor mentions coloured by sector, each mention
    followed by a dim ``[actor id]`` tag so a reader can see how it was resolved."""
    article = record["article"]
    text = article["text"]
    out = Text(text)
    for quote in record.get("quotes", []):
        start, end = quote["span"]
        out.stylize(QUOTE_STYLE, start, end)
    tags: list[tuple[int, str]] = []
    for actor in record.get("actors", []):
        style = SECTOR_STYLES.get(actor.get("sector"), "bold")
        if actor.get("kind") == "state":
            style = "bold yellow"
        elif actor.get("kind") == "person":
            style = "bold white on dark_blue"
        for start, end in actor["mentions"]:
            out.stylize(style, start, end)
            tags.append((end, actor["id"]))
    # insert tags from the end so earlier offsets stay valid
    for end, actor_id in sorted(tags, reverse=True):
        out = out[:end] + Text(f"[{actor_id}]", style="dim") + out[end:]
    return out


def legend() -> Text:
    legend = Text("legend: ")
    legend.append("person", style="bold white on dark_blue")
    legend.append("  ")
    legend.append("state", style="bold yellow")
    legend.append("  ")
    legend.append("government", style="bold cyan")
    legend.append("  ")
    legend.append("military", style="bold red")
    legend.append("  ")
    legend.append("legislature", style="bold magenta")
    legend.append("  ")
    legend.append("academia", style="bold green")
    legend.append("  ")
    legend.append("media", style="bold blue")
    legend.append("  ")
    legend.append("quote", style=QUOTE_STYLE)
    return legend
