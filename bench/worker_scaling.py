"""1 vs 2 workers: how near-linearly ``dyadwatch ingest`` scales, on the local pool and on Dask.

Each run is a fresh ``dyadwatch ingest --engine E --workers W`` process into a new store, timed
wall-clock from start to exit (model loads, worker and cluster start-up included). Efficiency is
``T(1 worker) / (2 x T(2 workers))``: 1.0 is perfectly linear.

Start-up (loading the model in each worker, starting a Dask cluster) is a fixed cost that a short
run cannot amortise, so each configuration also runs on twice as many articles: the *marginal*
efficiency compares only the extra time the second half took (``T(2N) - T(N)``), which is what a
long-running ingest sees.

    .venv/bin/python bench/worker_scaling.py                   # 200 and 400 news texts, both engines
    .venv/bin/python bench/worker_scaling.py --n 100 --engine local
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def run_ingest(files: list[Path], engine: str, workers: int, work: Path) -> float:
    """Seconds one ``dyadwatch ingest`` takes over ``files`` into a new store."""
    folder = Path(tempfile.mkdtemp(dir=work))
    for path in files:
        shutil.copy(path, folder / path.name)
    db = folder / "store.duckdb"
    exe = Path(sys.executable).with_name("dyadwatch")
    cmd = [
        str(exe),
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--engine",
        engine,
        "--workers",
        str(workers),
        "-q",
    ]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some inputs rejected (reported), still a full run
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    shutil.rmtree(folder, ignore_errors=True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--n", type=int, default=200, help="articles in the short run (the long run: 2N)")
    parser.add_argument("--engine", choices=["local", "dask", "both"], default="both")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if len(files) < 2 * args.n:
        raise SystemExit(f"need {2 * args.n} .txt files in {args.corpus}, found {len(files)}")
    step = len(files) / (2 * args.n)
    chosen = [files[int(i * step)] for i in range(2 * args.n)]
    engines = ["local", "dask"] if args.engine == "both" else [args.engine]
    print(f"{args.n} and {2 * args.n} articles from {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for engine in engines:
            t: dict[tuple[int, int], float] = {}
            for workers in (1, 2):
                for n in (args.n, 2 * args.n):
                    # The short run takes every other file of the long one: the same mix of
                    # sources and lengths (sorted names group by source: GLOCON, then the
                    # Guardian), so the marginal figure compares like with like.
                    subset = chosen[::2] if n == args.n else chosen
                    t[workers, n] = run_ingest(subset, engine, workers, work)
                    print(
                        f"  {engine:5s} workers={workers} articles={n:4d}: {t[workers, n]:6.1f} s", flush=True
                    )
            short = t[1, args.n] / (2 * t[2, args.n])
            long = t[1, 2 * args.n] / (2 * t[2, 2 * args.n])
            marginal = (t[1, 2 * args.n] - t[1, args.n]) / (2 * (t[2, 2 * args.n] - t[2, args.n]))
            print(
                f"{engine}: efficiency {short:.2f} ({args.n} articles), {long:.2f} ({2 * args.n}), "
                f"marginal {marginal:.2f} (start-up excluded); goal >= 0.85"
            )


if __name__ == "__main__":
    main()
