"""``dyadwatch watch`` against the local fixture site: cycles, restarts and a clean Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from test_fetch_server import Site, news_site  # noqa: E402 (the shared fixture site lives with the ingest tests)

from dyadwatch.cli.main import app  # noqa: E402
from dyadwatch.ingest.watch import parse_interval  # noqa: E402

runner = CliRunner()
DYADWATCH = Path(sys.executable).parent / "dyadwatch"
PAGES = ("/news/talks.html", "/news/blinken.html", "/copy/talks.html", "/go/blinken")


@pytest.fixture
def site() -> Iterator[Site]:
    with news_site() as running:
        yield running


@pytest.fixture
def feeds(site: Site, tmp_path: Path) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text(f"# watched feeds\n{site.url('/feed.xml')}\n{site.url('/atom.xml')}\n", encoding="utf-8")
    return path


def watch_env() -> dict[str, str]:
    return {**os.environ, "DYADWATCH_HOST_INTERVAL": "0", "DYADWATCH_FETCH_TIMEOUT": "2", "COLUMNS": "200"}


def test_watch_second_cycle_and_new_process_ingest_nothing_new(
    site: Site, feeds: Path, tmp_path: Path
) -> None:
    db = tmp_path / "watch.duckdb"
    args = ["watch", str(feeds), "--db", str(db), "--host-interval", "0", "--timeout", "2"]
    first = runner.invoke(app, [*args, "--once"])
    assert first.exit_code == 0, first.output
    assert "cycle 1: 2 new, 1 already stored, 1 rejected" in first.output
    assert "World Desk: Asia" in first.output and "disallowed by" in first.output
    fetched = sum(site.hits[p] for p in PAGES)

    # A new process over the same store: the RSS feed is a 304, every entry is known.
    second = subprocess.run(
        [str(DYADWATCH), *args, "--once"], capture_output=True, text=True, env=watch_env(), timeout=120
    )
    assert second.returncode == 0, second.stderr
    assert "cycle 1: 0 new, 3 already stored, 0 rejected" in second.stdout
    assert "not modified" in second.stdout
    assert sum(site.hits[p] for p in PAGES) == fetched and site.hits["/feed.xml"] == 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(2,)]
        polled = dict(con.execute("SELECT url, last_status FROM watch_feeds").fetchall())
        assert polled == {site.url("/feed.xml"): "not modified", site.url("/atom.xml"): "ok"}
        assert con.execute("SELECT count(*) FROM feed_entries").fetchall() == [(4,)]
    finally:
        con.close()


def test_watch_cycles_on_schedule_from_stored_feeds(site: Site, feeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "sched.duckdb"
    site.routes["/atom.xml"] = site.routes["/feed.xml"]  # two feeds, same entries: no NLP needed twice
    first = runner.invoke(app, ["watch", str(feeds), "--db", str(db), "--once", "-q", "--host-interval", "0"])
    assert "cycle 1: 2 new" in first.output, first.output
    started = time.monotonic()
    # No feed list: the feeds the store already watches, two cycles 0.3 s apart.
    again = runner.invoke(app, ["watch", "--db", str(db), "--cycles", "2", "--every", "0.3s", "-q"])
    assert again.exit_code == 0, again.output
    assert again.output.count("0 new") == 2 and "cycle 2:" in again.output
    assert time.monotonic() - started >= 0.3


def test_watch_ctrl_c_stops_cleanly(site: Site, feeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "sig.duckdb"
    site.routes["/feed.xml"] = site.routes["/gone.html"]
    site.routes["/atom.xml"] = site.routes["/gone.html"]
    proc = subprocess.Popen(
        [str(DYADWATCH), "watch", str(feeds), "--db", str(db), "--every", "1h", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=watch_env(),
    )  # fmt: skip
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:  # wait for the first cycle, then interrupt the wait for the second
        lines.append(line)
        if line.startswith("cycle 1:"):
            break
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "0 new, 0 already stored, 2 rejected" in "".join(lines)
    assert "stopped after 1 cycle(s); state saved" in out and "SIGINT" in err


def test_watch_bad_interval_and_missing_list(tmp_path: Path) -> None:
    assert parse_interval("1d") == 86400.0
    result = runner.invoke(app, ["watch", "--db", str(tmp_path / "x.duckdb"), "--every", "soon", "--once"])
    assert result.exit_code == 2 and "cannot read the interval 'soon'" in result.output
    empty = runner.invoke(app, ["watch", "--db", str(tmp_path / "y.duckdb"), "--once"])
    assert empty.exit_code == 2 and "no feeds to watch" in empty.output
