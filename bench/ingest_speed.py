"""Ingest speed: end-to-end into a fresh DuckDB against spaCy's ``nlp.pipe`` alone.

On the real news texts of ``../shared/corpus/news`` (or ``--corpus DIR``), the first ``--n``
files (sorted by name) are timed ``--repeat`` times each way, and the medians printed:

(a) ``dyadwatch.runners.local.ingest``: read, decode, clean, metadata, NLP, every extraction
    stage and the DuckDB writes, into a new temporary database each repeat;
(b) the same articles' cleaned texts (exactly what the pipeline parses) through
    ``load_nlp().pipe`` with the pipeline's batch size, and nothing else.

The model is loaded and warmed up before any timing, so both figures are steady-state. Peak
memory is the process's maximum resident set size (``resource.getrusage``), read after (b)
and again after (a): (a) runs second, so its figure includes (b)'s high-water mark.

Example (about 2-3 minutes on 2 cores)::

    .venv/bin/python bench/ingest_speed.py --n 100 --repeat 3
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.documents import prepare_article
from dyadwatch.ingest.sources import Rejection, read_path
from dyadwatch.nlp.loader import load_nlp
from dyadwatch.pipeline import BATCH_SIZE
from dyadwatch.runners.local import ingest
from dyadwatch.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news"


def peak_mib() -> float:
    """Maximum resident set size of this process so far, in MiB (Linux reports KiB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def cleaned_texts(files: list[Path]) -> list[str]:
    """The stored text of each file's article, as the pipeline would parse it."""
    texts = []
    for path in files:
        for raw in read_path(path):
            if isinstance(raw, Rejection):
                continue
            try:
                texts.append(prepare_article(raw).text)
            except InputRejected:
                continue
    return texts


def time_nlp(texts: list[str]) -> float:
    nlp = load_nlp()
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start


def time_ingest(files: list[Path]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        try:
            start = time.perf_counter()
            report = ingest([str(f) for f in files], store)
            elapsed = time.perf_counter() - start
        finally:
            store.close()
    return elapsed, len(report.new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt news articles")
    parser.add_argument("--n", type=int, default=100, help="number of files (first N by name)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each kind; medians are printed")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())[: args.n]
    if not files:
        print(f"error: no files in {args.corpus}", file=sys.stderr)
        return 2
    texts = cleaned_texts(files)
    words = sum(len(t.split()) for t in texts)
    list(load_nlp().pipe(texts[:8], batch_size=BATCH_SIZE))  # warm-up: lazy init, caches
    print(
        f"corpus {args.corpus}: {len(files)} files, {len(texts)} articles, {words} words ({words / len(texts):.0f}/article)"
    )

    nlp_times = [time_nlp(texts) for _ in range(args.repeat)]
    nlp_peak = peak_mib()
    runs = [time_ingest(files) for _ in range(args.repeat)]
    ingest_times = [t for t, _new in runs]
    stored = runs[-1][1]
    total_peak = peak_mib()

    t_nlp, t_ingest = statistics.median(nlp_times), statistics.median(ingest_times)
    print(
        f"(b) spaCy nlp.pipe alone : {len(texts) / t_nlp:7.1f} articles/s  {words / t_nlp:8.0f} words/s  (median of {args.repeat}: {t_nlp:.2f} s)  peak RSS {nlp_peak:.0f} MiB"
    )
    print(
        f"(a) ingest end-to-end    : {stored / t_ingest:7.1f} articles/s  {words / t_ingest:8.0f} words/s  (median of {args.repeat}: {t_ingest:.2f} s)  peak RSS {total_peak:.0f} MiB"
    )
    print(
        f"ratio ingest / nlp.pipe  : {t_nlp / t_ingest:.2f} (end-to-end runs at this fraction of the bare model's speed)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
