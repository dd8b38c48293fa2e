"""Scale out on Dask: the same per-partition function on every worker, Parquet shards out.

Inputs are split into partitions of files; ``process_partition`` reads, cleans, analyses (the
model loads once per worker process: ``load_nlp`` is cached) and writes one shard atomically.
With no scheduler address a ``LocalCluster`` of processes is started; with one, the existing
cluster is used (dask-kubernetes, dask-jobqueue, ``dask scheduler`` + ``dask worker``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import DEFAULT_MAX_BYTES
from dyadwatch.ingest.documents import prepare_article
from dyadwatch.ingest.sources import Rejection, expand_inputs, read_path
from dyadwatch.model import Article
from dyadwatch.runners.pool import analyze_batch
from dyadwatch.storage.shards import write_shard


@dataclass
class PartitionResult:
    shard: str
    articles: int
    duplicates: int
    rejected: list[tuple[str, str]] = field(default_factory=list)


def partition_inputs(inputs: Iterable[str], size: int) -> tuple[list[list[str]], list[Rejection]]:
    """Files in stable order, cut into partitions of ``size`` files; missing inputs rejected."""
    files: list[str] = []
    rejected: list[Rejection] = []
    for item in expand_inputs(inputs):
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            files.append(str(item))
    return [files[i : i + size] for i in range(0, len(files), size)], rejected


def process_partition(
    paths: list[str], out_dir: str, name: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> PartitionResult:
    """Read, clean and analyse one partition's files and write its shard (runs on a worker)."""
    articles: list[Article] = []
    seen: set[str] = set()
    rejected: list[tuple[str, str]] = []
    duplicates = 0
    for path in paths:
        for raw in read_path(Path(path), max_bytes):
            if isinstance(raw, Rejection):
                rejected.append((raw.label, raw.reason))
                continue
            try:
                article = prepare_article(raw)
            except InputRejected as exc:
                rejected.append((raw.label, exc.message))
                continue
            if article.id in seen:
                duplicates += 1
                continue
            seen.add(article.id)
            articles.append(article)
    analyses = analyze_batch(articles) if articles else []
    for failed in (a for a in analyses if a.error):
        rejected.append((failed.article.source_path or failed.article.id, str(failed.error)))
    analyses = [a for a in analyses if not a.error]
    shard = write_shard(analyses, Path(out_dir), name, skipped=rejected)
    return PartitionResult(str(shard), len(analyses), duplicates, rejected)


def run_dask(
    inputs: Iterable[str],
    shards_dir: Path,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 64,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_partition: Callable[[PartitionResult], None] | None = None,
) -> tuple[list[PartitionResult], list[Rejection]]:
    """Map ``process_partition`` over a Dask cluster; return per-partition results in order."""
    from dask.distributed import Client, LocalCluster, as_completed

    partitions, rejected = partition_inputs(inputs, partition_size)
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
    client = Client(scheduler or cluster)
    try:
        names = [f"part-{i:05d}" for i in range(len(partitions))]
        futures = client.map(
            process_partition, partitions, [str(shards_dir.resolve())] * len(partitions), names,
            max_bytes=max_bytes, pure=False,
        )  # fmt: skip
        by_future = {f.key: i for i, f in enumerate(futures)}
        results: list[PartitionResult | None] = [None] * len(futures)
        for future in as_completed(futures):
            result: PartitionResult = future.result()
            results[by_future[future.key]] = result
            if on_partition:
                on_partition(result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return [r for r in results if r is not None], rejected
