"""Another process holding a store file open, as an ``ingest`` or a ``serve`` elsewhere would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLD = (
    "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro'); "
    "print('ready', flush=True); time.sleep(float(sys.argv[3]))"
)


@contextmanager
def held_by_another_process(db: Path, read_only: bool = False, seconds: float = 60.0) -> Iterator[None]:
    """``db`` opened (for writing, or read-only) by a child process for ``seconds`` or until the
    block ends; the block starts once the child has the file."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(db), "ro" if read_only else "rw", str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        yield
    finally:
        child.kill()
        child.wait()
