"""The HTML dyad report: Vega-Lite charts inlined (offline), every number linked to its sentence."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dyadwatch.report.dyad_html import heat_spec, index_spec, render_dyad_report

CELLS = [
    {"issue": "taiwan", "month": "2023-01", "score": -0.9, "stance": "contention", "n_records": 2,
     "evidence": "Differences over Taiwan present the sharpest areas of disagreement.", "title": "Blinken visit",
     "published": "2023-01-31"},
    {"issue": "climate", "month": "2021-03", "score": 0.83, "stance": "cooperation", "n_records": 1,
     "evidence": "An area where the US and China can put on a show of consensus </script><b>x</b>",
     "title": "Alaska talks"},
]  # fmt: skip
INDEX = [
    {"month": "2022-11", "n_events": 1, "n_reports": 3, "verbal_cooperation": 1, "material_cooperation": 0,
     "verbal_conflict": 0, "material_conflict": 0, "mean_goldstein": 1.0, "coop_index": 1.0,
     "evidence": "US President Joe Biden met Chinese President Xi Jinping in Bali on Monday.", "title": "Bali"},
]  # fmt: skip


def _payload(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="dyad-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def test_report_is_self_contained_vega_lite() -> None:
    html = render_dyad_report("CHN-USA", CELLS, INDEX)
    assert "<svg" not in html.split("<script")[0]  # drawn by Vega in the browser, not by hand
    assert html.count("<script") == 6  # data, vega, vega-lite, vega-embed, interpreter, boot
    assert not re.search(r"<script[^>]*\ssrc=", html)  # nothing loaded from elsewhere
    assert "<link" not in html.split("<script")[0]
    assert "Copyright (c)" in html and "University of Washington" in html  # licences kept
    data = _payload(html)
    assert data["heatmap"]["$schema"].endswith("vega-lite/v6.json")
    assert data["heatmap"]["layer"][0]["mark"]["type"] == "rect"
    assert {r["issue"] for r in data["heatmap"]["data"]["values"]} == {"taiwan", "climate"}
    assert data["index"]["data"]["values"][0]["n_reports"] == 3


def test_every_number_links_to_its_sentence_and_text_is_escaped() -> None:
    html = render_dyad_report("CHN-USA", CELLS, INDEX)
    data = _payload(html)
    refs = [r["ref"] for r in data["heatmap"]["data"]["values"] + data["index"]["data"]["values"]]
    assert len(refs) == len(set(refs)) == 3
    for ref in refs:
        assert f'id="{ref}"' in html and f'href="#{ref}"' in html
    assert "Biden met Chinese President Xi Jinping in Bali" in html
    assert "<b>x</b>" not in html and "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in html
    assert "</script><b>" not in html.split('id="dyad-data">')[1].split("</script>")[0]


def test_empty_report_says_so() -> None:
    html = render_dyad_report("FRA-DEU", [], [])
    assert "No issue stances" in html and "No events" in html
    assert _payload(html) == {"heatmap": None, "index": None}


def test_specs_are_plain_vega_lite() -> None:
    assert (
        heat_spec([])["encoding"]["color"]
        if False
        else heat_spec([])["layer"][0]["encoding"]["color"]["scale"]
    )
    assert index_spec([])["layer"][1]["mark"]["type"] == "line"


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.slow
def test_charts_render_in_headless_chromium(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not installed")
    page = tmp_path / "report.html"
    page.write_text(render_dyad_report("CHN-USA", CELLS, INDEX), encoding="utf-8")
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--virtual-time-budget=5000", "--dump-dom", page.as_uri()]  # fmt: skip
    dom = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False).stdout
    assert dom.count('data-rendered="chart"') == 2, dom[-2000:]
    assert dom.count('role="graphics-document"') >= 2 and 'data-rendered="error"' not in dom
