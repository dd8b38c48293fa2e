"""How many threads numpy's BLAS (OpenBLAS) may use in this process.

The model's matrix products run through numpy's OpenBLAS (see ``loader.py``), which by default
starts one thread per core. dyadwatch scales with processes (``--workers N``, Dask workers), so
each process gets one BLAS thread unless ``$DYADWATCH_BLAS_THREADS`` says otherwise: N workers
then use N cores instead of each spinning threads on all of them. ``$OPENBLAS_NUM_THREADS`` set
by the user is respected as well.

OpenBLAS reads its thread count when it is loaded, which happens with ``import numpy``, long
before the model; so the count is set afterwards through OpenBLAS's own
``openblas_set_num_threads`` (found with ``ctypes`` in the library numpy ships). Where that
library is not found (another numpy build) nothing happens.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

ENV_VAR = "DYADWATCH_BLAS_THREADS"
_SYMBOLS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def wanted_threads() -> int | None:
    """The thread count to set: ``$DYADWATCH_BLAS_THREADS``, else 1 unless the user set OpenBLAS's own."""
    raw = os.environ.get(ENV_VAR)
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            return None
    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return None
    return 1


def set_blas_threads(n: int | None = None) -> bool:
    """Set numpy's OpenBLAS thread count for this process; True when it was set."""
    n = wanted_threads() if n is None else n
    if n is None:
        return False
    import numpy

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for lib in sorted(libs.glob("lib*openblas*.so*")) if libs.is_dir() else []:
        try:
            handle = ctypes.CDLL(str(lib))  # already loaded by numpy: the same handle
        except OSError:
            continue
        for symbol in _SYMBOLS:
            func = getattr(handle, symbol, None)
            if func is not None:
                func.argtypes = [ctypes.c_int]
                func(n)
                return True
    return False
