"""``serve`` stays up and consistent while ``ingest`` writes to the same store.

DuckDB lets one process write a file or many read it, never both: the writer holds the file only
while it writes a batch and announces when it waits for it; the web pool lets go between
requests (see ``web/db.py``). Here a real ``dyadwatch ingest`` runs in another process, in small
batches, while threads in this process read the API without pause.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from dyadwatch.storage import intents
from dyadwatch.storage.store import Store, open_retrying
from dyadwatch.web.app import create_app
from file_holders import held_by_another_process

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
BATCH = 3


def _articles(target: Path) -> int:
    """Distinct short articles cut from the two example articles (a few paragraphs each)."""
    count = 0
    for path in sorted(EXAMPLES.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 25]
        for i in range(0, len(paragraphs) - 2, 3):
            (target / f"{path.stem}_{i:02d}.txt").write_text(
                "\n\n".join(paragraphs[i : i + 3]), encoding="utf-8"
            )
            count += 1
    return count


@pytest.mark.slow
def test_serve_reads_whole_batches_while_ingest_writes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    expected = _articles(inputs)
    assert expected >= 2 * BATCH
    db = tmp_path / "live.duckdb"
    Store(db).close()  # an empty store, so that the server starts before the first batch

    # articles -> (actors, quotes, events) counts seen with that many articles
    seen: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    errors: list[str] = []
    stop = threading.Event()

    with TestClient(create_app(db, lock_wait_s=60, response_cache_bytes=0)) as client:

        def read() -> None:
            while not stop.is_set():
                try:
                    response = client.get("/api/status")
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {response.text[:200]}")
                        continue
                    counts = response.json()["counts"]
                    seen[counts["articles"]].add((counts["actors"], counts["quotes"], counts["events"]))
                    listing = client.get("/api/articles", params={"limit": 5})
                    if listing.status_code != 200:
                        errors.append(f"{listing.status_code} {listing.text[:200]}")
                except Exception as exc:  # reported below, not lost in a thread
                    errors.append(repr(exc))

        readers = [threading.Thread(target=read) for _ in range(4)]
        for thread in readers:
            thread.start()
        env = dict(os.environ, DYADWATCH_DB=str(db))
        ingest = subprocess.run(
            [str(Path(sys.executable).with_name("dyadwatch")), "ingest", str(inputs), "--batch-size", str(BATCH), "-q"],
            capture_output=True, text=True, env=env, timeout=600,
        )  # fmt: skip
        finished = time.monotonic()
        final = 0
        while time.monotonic() - finished < 10 and final < expected:  # visible within seconds
            final = client.get("/api/status").json()["counts"]["articles"]
            time.sleep(0.05)
        visible_after = time.monotonic() - finished
        stop.set()
        for thread in readers:
            thread.join()

    assert ingest.returncode == 0, ingest.stderr[-2000:]
    assert f"{expected} new" in ingest.stdout
    assert errors == []
    assert final == expected and visible_after < 5
    # Readers saw the store only between batches: article counts are whole batches, and each
    # count always came with the same number of mentions (never a batch half-written).
    assert all(n % BATCH == 0 or n == expected for n in seen), sorted(seen)
    assert all(len(mentions) == 1 for mentions in seen.values()), dict(seen)
    print(
        "counts seen:",
        sorted((n, sorted(v)) for n, v in seen.items()),
        f"visible after {visible_after:.2f} s",
    )
    assert len(seen) >= 3  # the readers did run during the ingest, not only before and after


def test_writer_waiting_for_the_file_announces_itself(tmp_path: Path) -> None:
    """A writer blocked by a reader in another process leaves a notice while it waits."""
    db = tmp_path / "held.duckdb"
    Store(db).close()
    noticed: list[bool] = []
    with held_by_another_process(db, read_only=True, seconds=1.5):  # the reader lets go after 1.5 s

        def look() -> None:
            time.sleep(0.5)
            noticed.append(intents.pending(db))

        watcher = threading.Thread(target=look)
        watcher.start()
        started = time.monotonic()
        con = open_retrying(str(db), wait_s=20)  # waits until the reader exits
        waited = time.monotonic() - started
        watcher.join()
        con.close()
    assert noticed == [True] and waited > 0.5
    assert not intents.pending(db)  # withdrawn once the writer had the file


def test_writer_gives_up_with_the_lock_error_after_its_wait(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    Store(db).close()
    with held_by_another_process(db), pytest.raises(duckdb.Error, match="lock"):
        open_retrying(str(db), wait_s=0.5)
    assert not intents.pending(db)


def test_store_keeps_the_file_unless_a_reader_waits(tmp_path: Path, example_analyses: dict) -> None:
    """The writer keeps the file between batches while nobody waits (reopening costs), lets go
    after a batch once a reader has left its notice, and after ``release_after_s`` unused."""
    db = tmp_path / "store.duckdb"
    probe = [
        sys.executable,
        "-c",
        "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True).close()",
        str(db),
    ]
    first, second = list(example_analyses.values())[:2]
    with Store(db, release_after_s=1.0) as store:
        assert store.write_batch([first]) == 1
        assert subprocess.run(probe, capture_output=True).returncode != 0  # still held
        intents.announce(db, intents.READ)  # as a waiting web request does
        try:
            assert store.write_batch([second]) == 1
            assert subprocess.run(probe, capture_output=True).returncode == 0  # let go at once
        finally:
            intents.withdraw(db, intents.READ)
        assert store.has_article(first.article.id)  # reopens
        time.sleep(1.5)  # unused for longer than release_after_s
        assert subprocess.run(probe, capture_output=True).returncode == 0
