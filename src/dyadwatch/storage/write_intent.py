"""A writer's notice that it is waiting for the store file, so that readers let go of it.

DuckDB lets one process write a file, or any number of processes read it, never both at once.
A web server under steady load always has a read connection open, so without a signal an
``ingest`` would wait for the file forever. While a writer waits it keeps ``<db>.write-intent``
(holding its pid); readers that see the notice finish the queries they are running, close the
file and hold new requests back until the notice is gone. The writer removes it as soon as it
has the file. A notice left by a writer that died is ignored: its pid is gone, or it is older
than ``STALE_S``.

>>> import tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "x.duckdb")
>>> pending(db)
False
>>> announce(db); pending(db)
True
>>> withdraw(db); pending(db)
False
"""

from __future__ import annotations

import os
import time
from pathlib import Path

SUFFIX = ".write-intent"
# A notice this old is from a writer that gave up or hung: readers stop honouring it.
STALE_S = 60.0


def intent_path(db: str | Path) -> Path:
    return Path(f"{db}{SUFFIX}")


def announce(db: str | Path) -> None:
    """Tell readers of ``db`` that this process waits to write (refreshes an existing notice)."""
    path = intent_path(db)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(str(os.getpid()), encoding="ascii")
        os.replace(tmp, path)  # atomic: a reader never reads half a pid
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only directory: readers then simply get no notice


def withdraw(db: str | Path) -> None:
    """Remove this process's notice (another writer's notice is left alone)."""
    path = intent_path(db)
    try:
        if path.read_text(encoding="ascii").strip() == str(os.getpid()):
            path.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def pending(db: str | Path) -> bool:
    """Whether a live writer waits for ``db``."""
    path = intent_path(db)
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
