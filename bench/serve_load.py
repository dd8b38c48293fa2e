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


def _copy_expr(table: str, col: str, key: str, k: int) -> str:
    quoted = f'"{col}"'
    if col == key:
        return f"sha256({quoted} || '#copy{k}')"
    if col in DATE_COLUMNS.get(table, []):
        shifted = f"CAST(CAST(left({quoted}, 4) AS INTEGER) - {2 * k} AS VARCHAR) || substr({quoted}, 5)"
        return f"CASE WHEN {quoted} ~ '^[0-9]{{4}}.*' THEN {shifted} ELSE {quoted} END"
    if table == "articles" and col == "record":
        return f"json_merge_patch({quoted}, json_object('id', sha256(id || '#copy{k}')))"
    if table == "sources" and col == "source":
        return f"{quoted} || '#copy{k}'"
    return quoted


def synthesize(source: Path, target: Path, copies: int) -> int:
    """Copy ``source`` to ``target`` and add ``copies`` renamed copies of every article's rows."""
    shutil.copyfile(source, target)
    con = duckdb.connect(str(target))
    con.execute("CREATE TEMP TABLE _base AS SELECT id FROM articles")
    for k in range(1, copies + 1):
        con.execute("BEGIN TRANSACTION")
        for table in TABLES:
            key = "id" if table == "articles" else "article_id"
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            exprs = ", ".join(_copy_expr(table, col, key, k) for col in columns)
            con.execute(
                f"INSERT INTO {table} SELECT {exprs} FROM {table} WHERE {key} IN (SELECT id FROM _base)"
            )
        con.execute("COMMIT")
    con.execute("CHECKPOINT")
    n = int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    con.close()
    return n


def request_mix(db: Path, seed: int = 7) -> list[tuple[str, str]]:
    """(route label, URL path) pairs drawn from the store, weighted like a browsing session."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = [r[0] for r in con.execute("SELECT id FROM articles USING SAMPLE 200 ROWS").fetchall()]
        actors = [r[0] for r in con.execute(
            "SELECT actor_id FROM actors GROUP BY 1 ORDER BY sum(n_mentions) DESC LIMIT 60").fetchall()]  # fmt: skip
        events = con.execute(
            """SELECT CASE WHEN source_country < target_country THEN source_country || '-' || target_country
                      ELSE target_country || '-' || source_country END AS d, count(*) FROM events
               WHERE source_country IS NOT NULL AND target_country IS NOT NULL
                 AND source_country <> target_country GROUP BY d ORDER BY 2 DESC LIMIT 15"""
        ).fetchall()
    finally:
        con.close()
    dyads = [r[0] for r in events] or ["CHN-USA"]
    rng = random.Random(seed)
    words = ["Taiwan", "sanctions", "talks", "minister", "trade", "summit", "missile", "climate", "Ukraine"]
    mix: list[tuple[str, str]] = []
    for _ in range(400):
        a, actor, dyad, word = rng.choice(articles), rng.choice(actors), rng.choice(dyads), rng.choice(words)
        mix += [
            ("api/articles", "/api/articles?limit=20"),
            ("api/articles?q", f"/api/articles?q={word}&limit=20"),
            ("api/articles/{id}", f"/api/articles/{a}"),
            ("api/events?dyad", f"/api/events?dyad={dyad}&limit=50"),
            ("api/events?type", f"/api/events?type=ACCUSE&from=2022&limit=50&offset={rng.randrange(0, 200)}"),
            ("api/dyads/summary", f"/api/dyads/{dyad}/summary"),
            ("api/quotes?speaker", f"/api/quotes?speaker={actor}&limit=20"),
            ("api/actors", "/api/actors?limit=50"),
            ("api/search", f"/api/search?q={word}"),
            ("page /", "/"),
            ("page dyad", f"/dyads/{dyad}"),
            ("page article", f"/articles/{a}"),
            ("page actor", f"/actors/{actor}"),
        ]
    rng.shuffle(mix)
    return mix


async def client(http: httpx.AsyncClient, mix: list[tuple[str, str]], stop: float, think: float,
                 seed: int, out: dict[str, list[float]], errors: dict[str, int]) -> None:  # fmt: skip
    rng = random.Random(seed)
    while time.monotonic() < stop:
        label, path = rng.choice(mix)
        started = time.perf_counter()
        try:
            response = await http.get(path)
            failed = f"{response.status_code} {response.text[:120]}" if response.status_code >= 400 else ""
        except httpx.HTTPError as exc:
            failed = f"{type(exc).__name__}: {exc}"[:160]
        out[label].append(time.perf_counter() - started)
        if failed:
            errors[label] += 1
            errors["why: " + failed] += 1
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def drive(base: str, mix: list[tuple[str, str]], clients: int, duration: float,
                think: float) -> tuple[dict[str, list[float]], dict[str, int], float]:  # fmt: skip
    out: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as http:
        started = time.monotonic()
        stop = started + duration
        await asyncio.gather(*(client(http, mix, stop, think, i, out, errors) for i in range(clients)))
        elapsed = time.monotonic() - started
    return out, errors, elapsed


def pct(values: list[float], q: float) -> float:
    """The q-quantile in milliseconds."""
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DYADWATCH_SERVE_DB": str(db.resolve())}
    cmd = [sys.executable, "-m", "uvicorn", "dyadwatch.web.app:app_from_env", "--factory", "--host", HOST,
           "--port", str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log",
           "--timeout-keep-alive", "75"]  # fmt: skip
    return subprocess.Popen(cmd, env=env)


def wait_ready(base: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/status", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


def report(
    out: dict[str, list[float]], errors: dict[str, int], elapsed: float, n_articles: int, args: Any
) -> None:
    every = [v for values in out.values() for v in values]
    n_errors = sum(n for label, n in errors.items() if not label.startswith("why: "))
    print(f"store: {n_articles} articles; {args.clients} clients x {args.duration:g} s, think {args.think:g} s, "
          f"{args.workers} server worker(s), loopback {HOST}")  # fmt: skip
    print(f"requests: {len(every)} in {elapsed:.1f} s = {len(every) / elapsed:.0f}/s; errors: {n_errors}")
    print(f"latency ms: p50 {pct(every, 50):.1f}  p95 {pct(every, 95):.1f}  p99 {pct(every, 99):.1f}  "
          f"max {max(every) * 1000:.1f}")  # fmt: skip
    print(f"{'route':22} {'n':>6} {'p50':>7} {'p95':>7} {'errors':>6}")
    for label in sorted(out):
        values = out[label]
        print(f"{label:22} {len(values):6d} {pct(values, 50):7.1f} {pct(values, 95):7.1f} {errors[label]:6d}")
    for why in sorted(w for w in errors if w.startswith("why: ")):
        print(f"error x{errors[why]}: {why[5:]}")
    verdict = "PASS" if pct(every, 95) < 150 and n_errors == 0 else "MISS"
    print(f"goal p95 < 150 ms and 0 errors: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, required=True, help="store to serve (written first with --synthesize)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (at most 600)")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a client's requests, s")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--synthesize", type=Path, help="real store to copy from")
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    args.duration = min(args.duration, 600.0)
    if args.synthesize:
        print(f"synthesized {synthesize(args.synthesize, args.db, args.copies)} articles into {args.db}")
    con = duckdb.connect(str(args.db), read_only=True)
    n_articles = int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    con.close()
    mix = request_mix(args.db)
    base = f"http://{HOST}:{args.port}"
    server = start_server(args.db, args.port, args.workers)
    try:
        wait_ready(base)
        out, errors, elapsed = asyncio.run(drive(base, mix, args.clients, args.duration, args.think))
    finally:
        server.terminate()
        server.wait(timeout=20)
    report(out, errors, elapsed, n_articles, args)


if __name__ == "__main__":
    main()
