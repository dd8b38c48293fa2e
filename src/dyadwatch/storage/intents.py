"""Notices that a process is waiting for the store file, so that the one holding it lets go.

DuckDB lets one process write a file, or any number of processes read it, never both at once.
A web server under steady load always has a read connection open, so without a signal an
``ingest`` would wait for the file forever; and a writer that reopened the file for every batch
whether or not anyone waits would spend a tenth of its time opening and checkpointing.

While a writer waits it keeps ``<db>.write-intent`` (holding its pid); readers that see it finish
the queries they are running, close the file and hold new requests back until it is gone. While
a reader waits it keeps ``<db>.read-intent``; the writer then lets go after the batch it is
writing. Each waiter removes its notice once it has the file. A notice left by a process that
died is ignored: its pid is gone, or it is older than ``STALE_S``.

>>> import tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "x.duckdb")
>>> pending(db)
False
>>> announce(db); pending(db), pending(db, READ)
(True, False)
>>> withdraw(db); pending(db)
False
"""

from __future__ import annotations

import os
import time
from pathlib import Path

WRITE = "write"
READ = "read"
# A notice this old is from a writer that gave up or hung: readers stop honouring it.
STALE_S = 60.0


def intent_path(db: str | Path, kind: str = WRITE) -> Path:
    return Path(f"{db}.{kind}-intent")


def announce(db: str | Path, kind: str = WRITE) -> None:
    """Tell whoever holds ``db`` that this process waits to ``kind`` (refreshes the notice)."""
    path = intent_path(db, kind)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(str(os.getpid()), encoding="ascii")
        os.replace(tmp, path)  # atomic: nobody reads half a pid
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only directory: no notice, the waiter just waits


def withdraw(db: str | Path, kind: str = WRITE) -> None:
    """Remove this process's notice (another process's notice is left alone)."""
    path = intent_path(db, kind)
    try:
        if path.read_text(encoding="ascii").strip() == str(os.getpid()):
            path.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def pending(db: str | Path, kind: str = WRITE) -> bool:
    """Whether a live process waits to ``kind`` ``db``."""
    path = intent_path(db, kind)
    try:
        stat = path.stat()
        pid = int(path.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return False
    if time.time() - stat.st_mtime > STALE_S or pid <= 0:
        return False
    return _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
