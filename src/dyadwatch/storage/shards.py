"""Parquet shards: one folder per partition with one Parquet file per table.

A shard is written into a temporary folder and renamed into place, so a reader (or ``load``)
never sees half a shard. DuckDB queries shards directly (``register_shard_views``) and ``load``
merges them into the store, skipping articles it already has: loading twice changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch.model import Analysis
from dyadwatch.storage.rows import COLUMNS, analysis_rows

LIST_COLUMNS = {"authors", "issues", "voices"}
INT_COLUMNS = {"start", "end", "idx", "n_mentions", "trigger_start", "trigger_end"}
FLOAT_COLUMNS = {"goldstein", "score"}
BOOL_COLUMNS = {"published_inferred", "in_caption", "direct"}
SKIPPED = "skipped"


def _arrow_type(column: str) -> pa.DataType:
    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


def schema(table: str) -> pa.Schema:
    return pa.schema([(c, _arrow_type(c)) for c in COLUMNS[table]])


def write_shard(
    analyses: Iterable[Analysis], out_dir: Path, name: str, skipped: list[tuple[str, str]] | None = None
) -> Path:
    """Write one partition's records as ``out_dir/name/<table>.parquet``, atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / name
    tmp = out_dir / f".{name}.{uuid.uuid4().hex}.tmp"
    tmp.mkdir()
    columns: dict[str, list[list[Any]]] = {table: [] for table in COLUMNS}
    for analysis in analyses:
        for table, rows in analysis_rows(analysis).items():
            columns[table].extend(rows)
    for table, rows in columns.items():
        data = {c: [row[i] for row in rows] for i, c in enumerate(COLUMNS[table])}
        pq.write_table(pa.table(data, schema=schema(table)), tmp / f"{table}.parquet")
    skipped_rows = skipped or []
    pq.write_table(
        pa.table({"input": [s[0] for s in skipped_rows], "reason": [s[1] for s in skipped_rows]}),
        tmp / f"{SKIPPED}.parquet",
    )
    if final.exists():  # a re-run of the same partition replaces its shard whole
        shutil.rmtree(final)
    os.replace(tmp, final)
    return final


def shard_dirs(paths: Iterable[str | Path]) -> list[Path]:
    """Shard folders among ``paths`` (shard folders, or folders holding shard folders)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if (p / "articles.parquet").exists():
            found.append(p)
        elif p.is_dir():
            found.extend(
                sorted(
                    d for d in p.iterdir() if (d / "articles.parquet").exists() and not d.name.startswith(".")
                )
            )
    return found


def register_shard_views(con: duckdb.DuckDBPyConnection, root: str | Path) -> list[str]:
    """Views named like the store's tables over every shard under ``root``."""
    dirs = shard_dirs([root])
    if not dirs:
        raise FileNotFoundError(f"no Parquet shards under {root}")
    names = []
    for table in [*COLUMNS, SKIPPED]:
        files = [str(d / f"{table}.parquet") for d in dirs]
        con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet({json.dumps(files)})")
        names.append(table)
    return names


def load_shards(con: duckdb.DuckDBPyConnection, paths: Iterable[str | Path]) -> tuple[int, int]:
    """Merge shards into the store in one transaction; return (articles added, already stored)."""
    dirs = shard_dirs(paths)
    added = already = 0
    con.execute("BEGIN TRANSACTION")
    try:
        for shard in dirs:
            ids = [
                r[0]
                for r in con.execute(
                    f"SELECT id FROM read_parquet('{shard / 'articles.parquet'}')"
                ).fetchall()
            ]
            known = {
                r[0]
                for r in con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
            }
            new = [i for i in dict.fromkeys(ids) if i not in known]
            already += len(ids) - len(new)
            if new:
                # the runner de-duplicates within a partition; across partitions ``known`` does
                for table, cols in COLUMNS.items():
                    key = "id" if table == "articles" else "article_id"
                    col_list = ", ".join(f'"{c}"' for c in cols)
                    con.execute(
                        f"INSERT INTO {table} ({col_list}) SELECT {col_list} FROM read_parquet(?) "
                        f"WHERE list_contains(?, {key})",
                        [str(shard / f"{table}.parquet"), new],
                    )
                con.execute(
                    "INSERT INTO sources (article_id, source) SELECT id, source_path FROM read_parquet(?) "
                    "WHERE source_path IS NOT NULL ON CONFLICT DO NOTHING",
                    [str(shard / "articles.parquet")],
                )
                added += len(new)
            con.execute(
                "INSERT INTO skipped (input, reason) SELECT input, reason FROM read_parquet(?)",
                [str(shard / f"{SKIPPED}.parquet")],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return added, already
