"""Browser tests: Playwright driving Debian's Chromium against a live server on loopback.

Skipped (with the reason shown by ``-ra``) where ``/usr/bin/chromium`` or Playwright is absent;
``.ci/run`` installs Chromium. Each page loads without script errors or CSP violations; a
heat-map cell opens the article with the evidence marked; the hostile article stays inert.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser_support import CHROMIUM, CHROMIUM_ARGS, live_server  # noqa: E402

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need playwright (pip install .[dev])"
)

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def base_url(web_db: Path) -> Iterator[str]:
    with live_server(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every console error, page error, CSP violation and dialog recorded."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.page.close()


PAGES = ["/", "/articles", "/actors", "/forecasts", "/search?q=Blinken", "/dyads/CHN-USA/issues/taiwan",
         "/actors/person:antony-blinken"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_web_browser_page_loads_cleanly(watched: Watched, base_url: str, path: str) -> None:
    response = watched.page.goto(base_url + path)
    assert response is not None and response.status == 200
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.locator("main h1").count() == 1
    assert watched.problems == [] and watched.dialogs == []


def test_web_browser_heatmap_cell_opens_marked_evidence(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/dyads/CHN-USA")
    page.wait_for_selector("#heatmap[data-rendered='chart']")
    page.wait_for_selector("#index-chart[data-rendered='chart']")
    cell = page.locator("#heatmap g.mark-rect path").first
    cell.click()
    page.wait_for_url("**/articles/*#issue-*")
    marked = page.locator("#text .seg.marked")
    assert marked.count() >= 1
    assert marked.first.is_visible()
    token = page.evaluate("document.body.getAttribute('data-marked')")
    assert token.startswith("issue-") and page.locator(f"#rec-{token}.marked").count() == 1
    assert watched.problems == []


def test_web_browser_record_and_span_clicks(watched: Watched, base_url: str, hostile_id: str) -> None:
    page = watched.page
    page.goto(f"{base_url}/articles/{hostile_id}")
    page.locator("li.rec.quote").first.click()
    assert page.locator("#text .seg.quote.marked").count() >= 1
    page.locator("#text .seg.actor").first.click()
    info = page.locator("#seg-info")
    assert info.is_visible() and info.locator("button.seg-rec.actor").count() >= 1
    assert watched.problems == []


def test_web_browser_hostile_article_stays_inert(watched: Watched, base_url: str, hostile_id: str) -> None:
    page = watched.page
    for path in [f"/articles/{hostile_id}", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/dyads/CHN-USA",
                 "/forecasts", "/articles?q=clash"]:  # fmt: skip
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(f"{base_url}/articles/{hostile_id}")
    title = page.locator("h1.article-title").inner_text()
    assert title.startswith("<script>alert('title')</script>")
    assert "onerror=alert('img')" in page.locator("#text").inner_text()
    assert page.locator("#text script, #text img, #text a, h1 img, h1 script").count() == 0
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.locator("#text .seg").last.click()
    assert watched.dialogs == [] and watched.problems == []
