"""``dyadwatch watch``: poll feeds on a schedule and ingest what is new; Ctrl-C stops cleanly.

The first Ctrl-C (or SIGTERM) asks the current cycle to stop after the article in hand: the
pending batch is written and the state saved before the command exits. A second one stops at
once (the unwritten batch is fetched again on the next run).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from dyadwatch.cli.common import DB_HELP, console, db_path, err_console, known_errors

if TYPE_CHECKING:
    from dyadwatch.ingest.watch import CycleReport

STATUS_STYLE = {
    "ok": "green",
    "not modified": "dim",
    "failed": "red",
    "waiting": "yellow",
    "stopped": "yellow",
}


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT/SIGTERM set ``stop``; a second signal raises KeyboardInterrupt."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        err_console.print(
            f"[yellow]{signal.Signals(signum).name}: finishing the article in hand and saving; "
            "press Ctrl-C again to stop at once[/yellow]"
        )

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def cycle_table(report: CycleReport) -> Table:
    """One row per feed: what its poll found."""
    table = Table(title=f"cycle {report.number} · {report.started:%Y-%m-%d %H:%M:%S}", title_justify="left")
    for column in ("feed", "status", "entries", "new entries", "note"):
        table.add_column(column, justify="right" if "entries" in column else "left", overflow="fold")
    for feed in report.feeds:
        style = STATUS_STYLE.get(feed.status, "")
        name = feed.title or feed.url
        table.add_row(
            name, f"[{style}]{feed.status}[/{style}]" if style else feed.status, str(feed.entries),
            str(feed.fresh), feed.error or ""
        )  # fmt: skip
    return table


def run_watch(
    feed_files: list[Path],
    db: str,
    every: str,
    cycles: int | None,
    quiet: bool,
    workers: int,
    timeout: float | None,
    host_interval: float | None,
) -> int:
    """Watch until stopped or ``cycles`` ran; print each cycle; return the exit code."""
    from dyadwatch.ingest.fetch import FetchConfig
    from dyadwatch.ingest.watch import Watcher, parse_interval
    from dyadwatch.storage.store import Store

    interval = parse_interval(every)
    config = FetchConfig.from_env(timeout_s=timeout, host_interval_s=host_interval)
    stop = threading.Event()

    def on_cycle(report: CycleReport) -> None:
        if not quiet:
            console.print(cycle_table(report))
        for rejection in report.rejected:
            err_console.print(
                f"[red]rejected[/red] {rejection.label}: {rejection.reason}", highlight=False, soft_wrap=True
            )
        line = f"cycle {report.number}: {report.summary} in {report.seconds:.1f} s"
        if report.stopped:
            line += "; stopped, state saved"
        elif cycles is None or report.number < cycles:
            line += f"; next cycle at {report.started + timedelta(seconds=interval):%H:%M:%S}"
        console.print(line, highlight=False)

    with Store(db) as store, stop_on_signals(stop):
        watcher = Watcher(store, feed_files, interval, config, stop, workers)
        try:
            if not watcher.feeds():
                err_console.print("error: no feeds to watch: name a feed list (URL list or OPML)")
                return 2
            console.print(
                f"[bold]dyadwatch watch[/bold]: {len(watcher.feeds())} feeds every {every} -> {db} "
                f"(started {datetime.now():%H:%M:%S})",
                highlight=False,
            )
            ran = watcher.run(on_cycle, cycles)
            if stop.is_set():
                console.print(f"stopped after {ran} cycle(s); state saved in {db}", highlight=False)
        finally:
            watcher.close()
    return 0


def register(app: typer.Typer) -> None:
    @app.command("watch")
    def watch_cmd(
        feeds: list[Path] = typer.Argument(
            None, help="feed lists: text files of feed URLs (one a line) or OPML; none: the stored feeds"
        ),
        every: str = typer.Option("15m", "--every", help="time between cycles: 30s, 15m, 1h30m, 1d"),
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        once: bool = typer.Option(False, "--once", help="run one cycle and exit"),
        cycles: int | None = typer.Option(None, "--cycles", min=1, help="run this many cycles and exit"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="one summary line per cycle, no table"),
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="analysis processes (one model each)"),
        timeout: float | None = typer.Option(
            None,
            "--timeout",
            min=0.01,
            help="seconds to wait for a server (default 20, $DYADWATCH_FETCH_TIMEOUT)",
        ),
        host_interval: float | None = typer.Option(
            None, "--host-interval", min=0, help="least seconds between requests to one host (default 1)"
        ),
    ) -> None:
        """Poll RSS/Atom feeds on a schedule and ingest only what is new.

        State (feeds, entries seen, ETags, failures and their next retry) lives in the store, so a restarted watch goes on where it stopped. Ctrl-C stops cleanly after the article in hand; the pending batch is written first.

        Example: dyadwatch watch feeds.txt --every 15m --db news.duckdb
        """
        with known_errors():
            count = 1 if once else cycles
            code = run_watch(
                list(feeds or []), db_path(db), every, count, quiet, workers, timeout, host_interval
            )
        raise typer.Exit(code)
