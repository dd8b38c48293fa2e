"""A self-contained HTML report for one dyad: issue x month heat map, cooperation-conflict line,
and the evidence sentence behind every number.

The charts are Vega-Lite specs drawn by Vega; the vendored libraries (``web/static/vendor``, BSD-3,
their licences kept in the page) are inlined, so the file opens offline from ``file://`` and
loads nothing. Vega evaluates expressions with its interpreter (no ``eval``), as in the web app.
Every cell and point carries a reference ``ev-N``: its tooltip shows the evidence sentence, a
click jumps to it, and the tables under the charts repeat each number with a link to its sentence
(so the page reads fine without script too). Text from articles is HTML-escaped, and the chart
data is JSON inside a ``<script type="application/json">`` with ``<`` escaped.

>>> html = render_dyad_report("CHN-USA", [{"issue": "taiwan", "month": "2023-01", "score": -0.9,
...     "stance": "contention", "n_records": 1, "evidence": "Taiwan ...", "title": "T"}], [])
>>> "vegaEmbed" in html and 'id="ev-1"' in html and "http" not in html.split("<script")[0]
True
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor"
SCRIPTS = (
    ("vega.min.js", "LICENSE.vega"),
    ("vega-lite.min.js", "LICENSE.vega-lite"),
    ("vega-embed.min.js", "LICENSE.vega-embed"),
    ("vega-interpreter.js", "LICENSE.vega-interpreter"),
)
STANCE_COLOURS = {"contention": "#c92a2a", "mixed": "#e8a200", "cooperation": "#2b8a3e"}
TIP_CHARS = 240

STYLE = """body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:4px 8px;font-size:.88em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.chart{width:100%;min-height:60px}
tr:target{background:#fff3bf}.muted{color:#666;font-size:.9em}a{color:#1c5d99}"""


@cache
def _vendor_scripts() -> str:
    """The four vendored libraries as inline scripts, each after its licence."""
    parts = []
    for name, licence in SCRIPTS:
        code = (VENDOR / name).read_text(encoding="utf-8")
        notice = (VENDOR / licence).read_text(encoding="utf-8").replace("*/", "* /")
        if "</script" in code.lower() or "<!--" in code:
            raise ValueError(f"{name} cannot be inlined as it is (contains </script or <!--)")
        parts.append(
            f"<script>/*! {name} (vendored, see web/static/vendor/README.md)\n{notice}*/\n{code}\n</script>"
        )
    return "\n".join(parts)


def _colour_scale() -> dict[str, Any]:
    return {"domain": [-1, 0, 1], "range": list(STANCE_COLOURS.values())}


def heat_spec(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Vega-Lite spec: issues down, months across, cells coloured by mean stance score."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": rows},
        "width": {"step": 74},
        "height": {"step": 28},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "sort": "ascending", "title": "month",
                  "axis": {"labelAngle": 0, "orient": "top"}},
            "y": {"field": "issue", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "issue"}, {"field": "month"}, {"field": "stance"},
                {"field": "score", "format": "+.2f"}, {"field": "n_records", "title": "records"},
                {"field": "ref", "title": "evidence"}, {"field": "tip", "title": "sentence"},
            ],
        },
        "layer": [
            {"mark": {"type": "rect", "cursor": "pointer", "stroke": "#fff", "strokeWidth": 2},
             "encoding": {"color": {"field": "score", "type": "quantitative", "title": "stance score",
                                    "scale": _colour_scale()}}},
            {"mark": {"type": "text", "fontSize": 11, "color": "#fff", "cursor": "pointer"},
             "encoding": {"text": {"field": "score", "type": "quantitative", "format": "+.2f"}}},
        ],
    }  # fmt: skip


def index_spec(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Vega-Lite spec: the cooperation-conflict index by month, points sized by event count."""
    x = {"field": "date", "type": "temporal", "timeUnit": "utcyearmonth", "title": "month",
         "axis": {"format": "%Y-%m", "formatType": "utc"}}  # fmt: skip
    y = {"field": "index", "type": "quantitative", "scale": {"domain": [-1, 1]},
         "title": "cooperation − conflict"}  # fmt: skip
    tooltip = [
        {"field": "month"}, {"field": "index", "format": "+.2f"}, {"field": "n_events", "title": "events"},
        {"field": "n_reports", "title": "reports"}, {"field": "mean_goldstein", "title": "mean Goldstein"},
        {"field": "ref", "title": "evidence"}, {"field": "tip", "title": "most conflictual event"},
    ]  # fmt: skip
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": rows},
        "width": "container",
        "height": 220,
        "layer": [
            {"mark": {"type": "rule", "color": "#999", "strokeDash": [4, 4]}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "line", "color": "#1c7ed6"}, "encoding": {"x": x, "y": y}},
            {"mark": {"type": "circle", "color": "#1c7ed6", "opacity": 0.9, "cursor": "pointer"},
             "encoding": {"x": x, "y": y, "tooltip": tooltip,
                          "size": {"field": "n_events", "type": "quantitative", "title": "events"}}},
        ],
    }  # fmt: skip


class _Evidence:
    """Numbers the evidence sentences in the order the page first cites them."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []

    def cite(self, label: str, text: str | None, source: str | None) -> str:
        self.items.append((label, (text or "(no evidence text stored)").strip(), source or ""))
        return f"ev-{len(self.items)}"


def _tip(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TIP_CHARS else text[: TIP_CHARS - 1] + "…"


def _source(row: dict[str, Any]) -> str:
    return " · ".join(str(x) for x in (row.get("title"), row.get("published")) if x)


def _num(value: Any, fmt: str = "") -> str:
    if value is None:
        return ""
    return format(value, fmt) if fmt else str(value)


def _heat_rows(cells: list[dict[str, Any]], ev: _Evidence) -> list[dict[str, Any]]:
    rows = []
    for c in sorted(cells, key=lambda c: (c["issue"], c["month"])):
        label = f"{c['issue']}, {c['month']}: {c['stance']} {c['score']:+.2f}"
        ref = ev.cite(label, c.get("evidence"), _source(c))
        rows.append({"issue": c["issue"], "month": c["month"], "stance": c["stance"], "score": c["score"],
                     "n_records": c.get("n_records"), "ref": ref, "tip": _tip(c.get("evidence"))})  # fmt: skip
    return rows


def _index_rows(points: list[dict[str, Any]], ev: _Evidence) -> list[dict[str, Any]]:
    rows = []
    for p in sorted(points, key=lambda p: p["month"]):
        label = f"index {p['month']}: {p['coop_index']:+.2f} over {p['n_events']} event(s)"
        ref = ev.cite(label, p.get("evidence"), _source(p))
        rows.append({
            "month": p["month"], "date": f"{p['month']}-01", "index": p["coop_index"],
            "n_events": p["n_events"], "n_reports": p.get("n_reports", p["n_events"]),
            "mean_goldstein": p.get("mean_goldstein"), "ref": ref, "tip": _tip(p.get("evidence")),
            "counts": [p.get(k) for k in ("verbal_cooperation", "material_cooperation",
                                          "verbal_conflict", "material_conflict")],
        })  # fmt: skip
    return rows


def _link(ref: str, text: str) -> str:
    return f'<a href="#{ref}">{escape(text)}</a>'


def _heat_table(rows: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("issue", "month", "stance", "score", "records", "evidence"))
    body = "".join(
        f"<tr><td>{escape(r['issue'])}</td><td>{escape(r['month'])}</td><td>{escape(r['stance'])}</td>"
        f'<td class="n">{_link(r["ref"], _num(r["score"], "+.2f"))}</td><td class="n">{_num(r["n_records"])}</td>'
        f"<td>{_link(r['ref'], '[' + r['ref'][3:] + '] ' + r['tip'])}</td></tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _index_table(rows: list[dict[str, Any]]) -> str:
    heads = ("month", "events", "reports", "verbal coop.", "material coop.", "verbal conflict",
             "material conflict", "mean Goldstein", "index")  # fmt: skip
    body = []
    for r in rows:
        values = [r["n_events"], r["n_reports"], *r["counts"]]
        tds = "".join(f'<td class="n">{_link(r["ref"], _num(v))}</td>' for v in values)
        body.append(
            f"<tr><td>{escape(r['month'])}</td>{tds}"
            f'<td class="n">{_link(r["ref"], _num(r["mean_goldstein"], "+.2f"))}</td>'
            f'<td class="n">{_link(r["ref"], _num(r["index"], "+.2f"))}</td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in heads)
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _evidence_table(ev: _Evidence) -> str:
    body = "".join(
        f'<tr id="ev-{i}"><td class="n">[{i}]</td><td>{escape(label)}</td><td>{escape(text)}</td>'
        f'<td class="muted">{escape(source)}</td></tr>'
        for i, (label, text, source) in enumerate(ev.items, start=1)
    )
    head = "<tr><th>ref</th><th>number</th><th>evidence sentence</th><th>article</th></tr>"
    return f"<table>{head}{body}</table>"


BOOT = """(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dyad-data").textContent);
  var options = {actions: false, renderer: "svg", ast: true, tooltip: true,
                 expr: window.vegaInterpreter.expressionInterpreter};
  function draw(id, spec) {
    var el = document.getElementById(id);
    if (!el || !spec) { return; }
    window.vegaEmbed(el, spec, options).then(function (result) {
      result.view.addEventListener("click", function (event, item) {
        var ref = item && item.datum && item.datum.ref;
        if (ref) { window.location.hash = ref; }
      });
      el.setAttribute("data-rendered", "chart");
    }).catch(function (error) {
      el.textContent = "Chart unavailable: " + error.message;
      el.setAttribute("data-rendered", "error");
    });
  }
  draw("heatmap", data.heatmap);
  draw("index", data.index);
}());"""


def render_dyad_report(
    dyad: str, cells: list[dict[str, Any]], index: list[dict[str, Any]], title: str | None = None
) -> str:
    """The whole page for a dyad from ``dyad_issue_months`` cells and ``dyad_index_months`` points."""
    ev = _Evidence()
    heat_rows = _heat_rows(cells, ev)
    index_rows = _index_rows(index, ev)
    specs = {
        "heatmap": heat_spec(heat_rows) if heat_rows else None,
        "index": index_spec(index_rows) if index_rows else None,
    }
    payload = json.dumps(specs, ensure_ascii=False).replace("<", "\\u003c")
    heading = escape(title or f"dyadwatch report: {dyad}")
    legend = ", ".join(
        f'<span style="color:{c}">&#9632; {escape(k)}</span>' for k, c in STANCE_COLOURS.items()
    )
    heat = '<div id="heatmap" class="chart"></div>' if heat_rows else "<p>No issue stances for this dyad.</p>"
    line = (
        '<div id="index" class="chart"></div>'
        if index_rows
        else "<p>No events with both countries of this dyad.</p>"
    )
    tables = (_heat_table(heat_rows) if heat_rows else "") + (
        "<h3>Cooperation-conflict index</h3>" + _index_table(index_rows) if index_rows else ""
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{heading}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>'
        f"<body><h1>{heading}</h1><noscript><p>Charts need JavaScript; every number is in the tables."
        f"</p></noscript><h2>Issue stance by month</h2><p>{legend}. Mean stance score from -1 "
        f"(contention) to +1 (cooperation); hover a cell for its sentence, click it to jump there.</p>{heat}"
        f"<h2>Cooperation-conflict index</h2><p>(cooperative - conflictual asserted events) / events, by "
        f"month; reports of one real-world event (linked across articles) count once.</p>{line}"
        f"<h2>Numbers</h2><p>Every number links to the evidence sentence behind it.</p>{tables}"
        f"<h2>Evidence</h2>{_evidence_table(ev)}"
        f'<script type="application/json" id="dyad-data">{payload}</script>'
        f"{_vendor_scripts()}<script>{BOOT}</script></body></html>"
    )
