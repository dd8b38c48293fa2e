"""Analyse batches in N worker processes, each loading the model once.

Only the parent writes: workers return ``Analysis`` records (plain dataclasses, cheap to pickle)
and the parent stores each batch in one transaction, so DuckDB sees a single writer and no lock
errors. Batches come back in submission order, so results do not depend on the worker count.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from dyadwatch.model import Analysis, Article


def _init_worker() -> None:
    # Load the model and every stage's data once per process, before the first batch arrives.
    from dyadwatch.pipeline import warm_up

    warm_up()


def analyze_batch(articles: list[Article]) -> list[Analysis]:
    """The per-batch function every engine runs (in-process, worker pool or Dask)."""
    from dyadwatch.pipeline import analyze_articles, warm_up

    warm_up()  # once per process (cached): the same start on every engine
    try:
        return list(analyze_articles(articles))
    except Exception:
        # An error inside the model's batch (stage errors are caught per article already) ends
        # the whole nlp.pipe stream: analyse the batch again one article at a time, so that only
        # the article at fault is rejected and the rest of the batch is stored.
        return [_analyze_alone(article) for article in articles]


def _analyze_alone(article: Article) -> Analysis:
    from dyadwatch.pipeline import analyze_articles

    try:
        return next(analyze_articles([article]))
    except Exception as exc:
        return Analysis(article=article, error=f"internal error in analysis: {type(exc).__name__}: {exc}")


class BatchAnalyzer:
    """Submit batches and get their analyses back in order, with bounded work in flight."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[Future[list[Analysis]]] = deque()
        if workers > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_init_worker
            )

    def submit(self, batch: list[Article], on_done: Callable[[list[Analysis]], object]) -> None:
        """Queue a batch; when too much is in flight, wait for the oldest and hand it on."""
        if self._pool is None:
            on_done(analyze_batch(batch))
            return
        self._pending.append(self._pool.submit(analyze_batch, list(batch)))
        while len(self._pending) > 2 * self.workers:
            on_done(self._pending.popleft().result())

    def drain(self) -> Iterator[list[Analysis]]:
        while self._pending:
            yield self._pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
