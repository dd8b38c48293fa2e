"""A self-contained HTML report for one dyad: cooperation-conflict line, issue x month heat map,
and the evidence sentence behind every number.

Charts are inline SVG so the file opens anywhere, offline, with no script. Every cell and point
links (``#ev-N``) to its evidence sentence listed at the end of the page and carries it as a
tooltip; all text from articles is HTML-escaped.

>>> html = render_dyad_report("CHN-USA", [{"issue": "taiwan", "month": "2023-01", "score": -0.9,
...     "stance": "contention", "n_records": 1, "evidence": "Taiwan ...", "title": "T"}], [])
>>> "<svg" in html and "ev-1" in html
True
"""

from __future__ import annotations

from html import escape
from typing import Any

STANCE_COLOURS = {"cooperation": "#2b8a3e", "contention": "#c92a2a", "mixed": "#e8a200"}
CELL_W, CELL_H, LABEL_W, HEAD_H = 74, 26, 140, 28
LINE_W, LINE_H, PAD = 640, 220, 40

STYLE = """body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:4px 8px;font-size:.9em;text-align:left}
.ev{font-size:.9em;margin:.4em 0}.ev b{font-family:monospace}svg text{font-size:11px}
a{color:inherit}"""


def _colour(score: float | None) -> str:
    """Red (contention) through amber to green (cooperation) for a score in [-1, 1]."""
    s = max(-1.0, min(1.0, float(score or 0.0)))
    if s < 0:
        r, g, b = 201, int(42 + (1 + s) * 160), 42
    else:
        r, g, b = int(201 - s * 158), int(202 - s * 64), 62
    return f"#{r:02x}{g:02x}{b:02x}"


class _Evidence:
    """Numbers the evidence sentences in the order the page first cites them."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def cite(self, text: str | None, source: str | None) -> str:
        self.items.append((text or "(no evidence text stored)", source or ""))
        return f"ev-{len(self.items)}"


def _heatmap(cells: list[dict[str, Any]], ev: _Evidence) -> str:
    issues = sorted({c["issue"] for c in cells})
    months = sorted({c["month"] for c in cells})
    width = LABEL_W + CELL_W * max(1, len(months))
    height = HEAD_H + CELL_H * max(1, len(issues))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             'aria-label="issue by month stance heat map">']  # fmt: skip
    for j, month in enumerate(months):
        parts.append(f'<text x="{LABEL_W + j * CELL_W + 6}" y="18">{escape(month)}</text>')
    for i, issue in enumerate(issues):
        y = HEAD_H + i * CELL_H
        parts.append(f'<text x="4" y="{y + 17}">{escape(issue)}</text>')
        for j, month in enumerate(months):
            cell = next((c for c in cells if c["issue"] == issue and c["month"] == month), None)
            if cell is None:
                continue
            ref = ev.cite(cell.get("evidence"), cell.get("title"))
            x = LABEL_W + j * CELL_W
            tip = escape(
                f"{issue} {month}: {cell['stance']} {cell['score']:+.2f} - {cell.get('evidence') or ''}"
            )
            parts.append(
                f'<a href="#{ref}"><rect x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'fill="{_colour(cell["score"])}"><title>{tip}</title></rect>'
                f'<text x="{x + 8}" y="{y + 17}" fill="#fff">{cell["score"]:+.2f}</text></a>'
            )
    return "".join(parts) + "</svg>"


def _line(points: list[dict[str, Any]], ev: _Evidence) -> str:
    if not points:
        return "<p>No events with both countries of this dyad.</p>"
    n = len(points)
    step = (LINE_W - 2 * PAD) / max(1, n - 1)

    def y_of(v: float) -> float:
        return PAD + (1 - (v + 1) / 2) * (LINE_H - 2 * PAD)

    xs = [PAD + i * step if n > 1 else LINE_W / 2 for i in range(n)]
    coords = " ".join(f"{x:.1f},{y_of(p['coop_index']):.1f}" for x, p in zip(xs, points, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LINE_W}" height="{LINE_H}" role="img" '
        'aria-label="cooperation-conflict index by month">',
        f'<line x1="{PAD}" x2="{LINE_W - PAD}" y1="{y_of(0)}" y2="{y_of(0)}" stroke="#aaa" stroke-dasharray="4"/>',
        f'<text x="2" y="{y_of(1) + 4}">+1</text><text x="2" y="{y_of(0) + 4}">0</text>'
        f'<text x="2" y="{y_of(-1) + 4}">-1</text>',
        f'<polyline points="{coords}" fill="none" stroke="#1c7ed6" stroke-width="2"/>',
    ]
    for x, p in zip(xs, points, strict=True):
        ref = ev.cite(p.get("evidence"), p.get("title"))
        tip = escape(
            f"{p['month']}: index {p['coop_index']:+.2f}, {p['n_events']} events - {p.get('evidence') or ''}"
        )
        parts.append(
            f'<a href="#{ref}"><circle cx="{x:.1f}" cy="{y_of(p["coop_index"]):.1f}" r="5" fill="#1c7ed6">'
            f"<title>{tip}</title></circle></a>"
            f'<text x="{x - 18:.1f}" y="{LINE_H - 8}">{escape(p["month"])}</text>'
        )
    return "".join(parts) + "</svg>"


def _index_table(points: list[dict[str, Any]], ev: _Evidence) -> str:
    rows = []
    for p in points:
        ref = ev.cite(p.get("evidence"), p.get("title"))
        cells = [p["month"], p["n_events"], p["verbal_cooperation"], p["material_cooperation"],
                 p["verbal_conflict"], p["material_conflict"], p["mean_goldstein"]]  # fmt: skip
        tds = "".join(f'<td><a href="#{ref}">{escape(str(c))}</a></td>' for c in cells)
        rows.append(f'<tr>{tds}<td><a href="#{ref}">{p["coop_index"]:+.2f}</a></td></tr>')
    head = "".join(
        f"<th>{h}</th>"
        for h in ("month", "events", "verbal coop.", "material coop.", "verbal conflict", "material conflict",
                  "mean Goldstein", "index")
    )  # fmt: skip
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def render_dyad_report(
    dyad: str, cells: list[dict[str, Any]], index: list[dict[str, Any]], title: str | None = None
) -> str:
    """The whole page for a dyad from ``dyad_issue_months`` cells and ``dyad_index_months`` points."""
    ev = _Evidence()
    heat = _heatmap(cells, ev) if cells else "<p>No issue stances for this dyad.</p>"
    line = _line(index, ev)
    table = _index_table(index, ev) if index else ""
    legend = " ".join(
        f'<span style="color:{c}">&#9632; {escape(k)}</span>' for k, c in STANCE_COLOURS.items()
    )
    evidence = "".join(
        f'<p class="ev" id="ev-{i}"><b>[{i}]</b> {escape(text)} <i>{escape(src)}</i></p>'
        for i, (text, src) in enumerate(ev.items, start=1)
    )
    heading = escape(title or f"dyadwatch report: {dyad}")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{heading}</title>'
        f"<style>{STYLE}</style></head><body><h1>{heading}</h1>"
        f"<h2>Issue stance by month</h2><p>{legend}. Score from -1 (contention) to +1 (cooperation); "
        f"click a cell for its evidence.</p>{heat}"
        f"<h2>Cooperation-conflict index</h2><p>(cooperative - conflictual asserted events) / events, "
        f"by month.</p>{line}{table}<h2>Evidence</h2>{evidence}</body></html>"
    )
