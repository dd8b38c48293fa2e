"""Load test of ``dyadwatch serve``: N concurrent clients for T seconds against loopback.

Starts uvicorn on 127.0.0.1 over a store, drives a mix of API and page requests drawn from the
store (article, actor and dyad ids), stops by itself and prints p50/p95/p99 latency, throughput
and errors (any status >= 400 or failed request), overall and per route.

    python bench/serve_load.py --db big.duckdb                  # 50 clients x 60 s
    python bench/serve_load.py --db big.duckdb --clients 10 --duration 10

``--synthesize FROM --copies K`` first writes ``--db`` as FROM plus K copies of every article
under new ids (dates moved back 2 years per copy): a way to reach a >= 5,000-article store from
a smaller real one. The goal on a 2-core machine: p95 < 150 ms and 0 errors at 50 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import httpx

HOST = "127.0.0.1"
TABLES = ["articles", "sources", "actors", "mentions", "quotes", "events", "issue_stances", "forecasts"]
DATE_COLUMNS = {"articles": ["published"], "events": ["date"], "forecasts": ["horizon"]}


def synthesize(source: Path, target: Path, copies: int) -> int:
    """Copy ``source`` to ``target`` and add ``copies`` renamed copies of every article's rows."""
    shutil.copyfile(source, target)
    con = duckdb.connect(str(target))
    for k in range(1, copies + 1):
        con.execute("BEGIN TRANSACTION")
        for table in TABLES:
            key = "id" if table == "articles" else "article_id"
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            exprs = []
            for col in columns:
                quoted = f'"{col}"'
                if col == key:
                    exprs.append(f"sha256({quoted} || '#copy{k}')")
                elif col in DATE_COLUMNS.get(table, []):
                    exprs.append(
                        f"CASE WHEN {quoted} ~ '^[0-9]{{4}}' THEN "
                        f"CAST(CAST(left({quoted}, 4) AS INTEGER) - {2 * k} AS VARCHAR) || substr({quoted}, 5) "
                        f"ELSE {quoted} END"
                    )
                elif table == "articles" and col == "record":
                    exprs.append(f"json_merge_patch({quoted}, json_object('id', sha256(id || '#copy{k}')))")
                elif table == "articles" and col == "text":
                    exprs.append(f"{quoted} || ' '")  # a distinct text for a distinct id
                elif table == "sources" and col == "source":
                    exprs.append(f"{quoted} || '#copy{k}'")
                else:
                    exprs.append(quoted)
            original = f"NOT ends_with(coalesce((SELECT s.source FROM sources s WHERE s.article_id = t.{key} LIMIT 1), ''), '')"
            del original
            con.execute(
                f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM {table} t "
                f"WHERE t.{key} IN (SELECT id FROM articles WHERE NOT contains(source_path_tag(id), '#'))"
                if False
                else f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM {table} t WHERE t.{key} IN "
                f"(SELECT id FROM base_ids)"
                if False
                else f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM base_{table}"
                if False
                else f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM {table} WHERE {key} IN "
                f"(SELECT id FROM _base)",
            )
        con.execute("COMMIT")
    n = int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    con.execute("CHECKPOINT")
    con.close()
    return n
