"""Load test of ``dyadwatch serve``: N concurrent clients for T seconds against loopback.

Starts uvicorn on 127.0.0.1 over a store, drives a mix of API and page requests drawn from the
store (article, actor and dyad ids), stops by itself and prints p50/p95/p99 latency, throughput
and errors (any status >= 400 or failed request) and the load average over the run.

The load comes from ``wrk`` (Debian: ``apt-get install wrk``) when it is installed: a C client
that leaves the machine's cores to the server; a generated Lua script draws each request from the
mix. ``--client httpx`` uses an asyncio httpx client instead (more CPU per request, but it also
reports p50/p95 per route).

    python bench/serve_load.py --db big.duckdb                  # 50 clients x 60 s
    python bench/serve_load.py --db big.duckdb --clients 10 --duration 10 --client httpx

``--ingest INPUT`` runs ``dyadwatch ingest INPUT`` into the same store during the load (serving
while a writer adds articles: 0 errors expected, the new articles visible as each batch lands)
and reports how it went; ``--duration 300`` makes it the 5-minute soak.

    python bench/serve_load.py --db big.duckdb --duration 300 --ingest ../shared/corpus/news

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
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import httpx

from dyadwatch.storage import dyads as dyad_queries

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
        articles = [
            r[0]
            for r in con.execute(
                "SELECT id FROM articles USING SAMPLE reservoir(200 ROWS) REPEATABLE (7)"
            ).fetchall()
        ]
        actors = [r[0] for r in con.execute(
            "SELECT actor_id FROM actors GROUP BY 1 ORDER BY sum(n_mentions) DESC LIMIT 60").fetchall()]  # fmt: skip
        # the dyads the app lists (busiest first), through the same query module as the home page
        dyads = [item["dyad"] for item in dyad_queries.list_dyads(con, limit=15)["items"]] or ["CHN-USA"]
    finally:
        con.close()
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


def start_server(db: Path, port: int, workers: int, response_cache: bool) -> subprocess.Popen[bytes]:
    """``dyadwatch serve`` as a subprocess (the same uvicorn settings as the CLI)."""
    cmd = [sys.executable, "-c", "from dyadwatch.cli.main import app; app()", "serve", "--db", str(db.resolve()), "--host", HOST,
           "--port", str(port), "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    if not response_cache:
        cmd.append("--no-response-cache")
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL)


LUA = """-- generated by bench/serve_load.py: draw each request from the route mix
local paths = {%s}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(seed * 7919)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
%s
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%%d duration_us=%%d connect=%%d read=%%d write=%%d status=%%d timeout=%%d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("RESULT p50_us=%%d p95_us=%%d p99_us=%%d max_us=%%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def lua_script(mix: list[tuple[str, str]], think: float) -> str:
    """The wrk script: uniform draws from the mix; ``think`` adds a random pause (mean, s)."""
    quoted = ",".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for _, path in mix)
    delay = f"function delay()\n  return math.random(0, {int(2000 * think)})\nend" if think else ""
    return LUA % (quoted, delay)


def drive_wrk(base: str, mix: list[tuple[str, str]], clients: int, duration: float, think: float,
              threads: int) -> dict[str, float]:  # fmt: skip
    """Run wrk over the mix and parse the figures its ``done`` hook prints."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(lua_script(mix, think))
        script = handle.name
    try:
        cmd = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{int(duration)}s", "--timeout", "30s",
               "--latency", "-s", script, base]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=True)
    finally:
        os.unlink(script)
    figures: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            for item in line.split()[1:]:
                name, value = item.split("=")
                figures[name] = float(value)
    if "requests" not in figures:
        raise SystemExit("wrk printed no result:\n" + done.stdout + done.stderr)
    print("\n".join(line for line in done.stdout.splitlines() if not line.startswith("RESULT ")))
    return figures


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


def header(n_articles: int, args: Any) -> None:
    print(f"store: {n_articles} articles; {args.clients} clients x {args.duration:g} s, think {args.think:g} s, "
          f"{args.workers} server worker(s), response cache {'on' if args.response_cache else 'off'}, "
          f"client {args.client}, loopback {HOST}")  # fmt: skip


def report_wrk(figures: dict[str, float]) -> bool:
    """Print wrk's figures; True when the goal is met."""
    seconds = figures["duration_us"] / 1e6
    kinds = ["connect", "read", "write", "status", "timeout"]
    n_errors = int(sum(figures[k] for k in kinds))
    print(f"requests: {figures['requests']:.0f} in {seconds:.1f} s = {figures['requests'] / seconds:.0f}/s; "
          f"errors: {n_errors} ({', '.join(f'{k} {figures[k]:.0f}' for k in kinds)})")  # fmt: skip
    # wrk adds samples for the requests a slow answer held back (coordinated-omission correction):
    # stricter than per-request percentiles, and dominated by the slowest answers.
    print(f"latency ms (wrk, corrected for coordinated omission): p50 {figures['p50_us'] / 1000:.1f}  "
          f"p95 {figures['p95_us'] / 1000:.1f}  p99 {figures['p99_us'] / 1000:.1f}  max {figures['max_us'] / 1000:.1f}")  # fmt: skip
    return figures["p95_us"] < 150_000 and n_errors == 0


def report(out: dict[str, list[float]], errors: dict[str, int], elapsed: float) -> bool:
    """Print the httpx client's figures, overall and per route; True when the goal is met."""
    every = [v for values in out.values() for v in values]
    n_errors = sum(n for label, n in errors.items() if not label.startswith("why: "))
    print(f"requests: {len(every)} in {elapsed:.1f} s = {len(every) / elapsed:.0f}/s; errors: {n_errors}")
    print(f"latency ms (per request): p50 {pct(every, 50):.1f}  p95 {pct(every, 95):.1f}  p99 {pct(every, 99):.1f}  "
          f"max {max(every) * 1000:.1f}")  # fmt: skip
    print(f"{'route':22} {'n':>6} {'p50':>7} {'p95':>7} {'errors':>6}")
    for label in sorted(out):
        values = out[label]
        print(f"{label:22} {len(values):6d} {pct(values, 50):7.1f} {pct(values, 95):7.1f} {errors[label]:6d}")
    for why in sorted(w for w in errors if w.startswith("why: ")):
        print(f"error x{errors[why]}: {why[5:]}")
    return pct(every, 95) < 150 and n_errors == 0


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (zeros where the platform has none)."""
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


def warm_up(base: str, mix: list[tuple[str, str]]) -> None:
    """Ask for each distinct URL of the mix once (fills the caches, as a running server would be)."""
    with httpx.Client(base_url=base, timeout=30.0) as http:
        for path in sorted({path for _, path in mix}):
            http.get(path)


def start_ingest(db: Path, inputs: list[str], batch: int) -> tuple[subprocess.Popen[str], float]:
    """``dyadwatch ingest`` into the served store, in the background (the single writer)."""
    exe = Path(sys.executable).with_name("dyadwatch")
    cmd = [str(exe), "ingest", *inputs, "--db", str(db), "--batch-size", str(batch), "-q"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), time.monotonic()


def finish_ingest(writer: tuple[subprocess.Popen[str], float], base: str, n_before: int) -> str:
    """Stop the ingest if it still runs; the articles it added as the server sees them."""
    proc, started = writer
    running = proc.poll() is None
    if running:
        proc.terminate()  # mid-run: whatever it committed stays, nothing half-written
    out, err = proc.communicate(timeout=60)
    took = time.monotonic() - started
    with httpx.Client(base_url=base, timeout=30.0) as http:
        seen = http.get("/api/status").json()["counts"]["articles"]
    status = "stopped at the end of the load" if running else f"finished, exit code {proc.returncode}"
    summary = (out.strip().splitlines() or [""])[-1]
    lock_errors = sum("lock" in line.lower() for line in err.splitlines())
    return (
        f"ingest during the load: {status} after {took:.0f} s; {summary or 'no summary'}; server now sees "
        f"{seen} articles (+{seen - n_before}); lock errors in its output: {lock_errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, required=True, help="store to serve (written first with --synthesize)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (at most 600)")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a client's requests, s")
    # One process (the ``serve`` default): its threads share one query and response cache, while two
    # processes each compute every first answer again (cold p95 0.50 s with 2 workers, 0.30 s with 1).
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--client", choices=["wrk", "httpx"], default="wrk" if shutil.which("wrk") else "httpx",
                        help="load generator (wrk when installed)")  # fmt: skip
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--no-response-cache", dest="response_cache", action="store_false",
                        help="serve without the response cache (every request runs its handler)")  # fmt: skip
    parser.add_argument("--warm", action="store_true", help="request every distinct URL once before the run")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--synthesize", type=Path, help="real store to copy from")
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--ingest", nargs="+", help="inputs to ingest into --db while the load runs")
    parser.add_argument("--ingest-batch", type=int, default=8, help="--batch-size of that ingest")
    args = parser.parse_args()
    args.duration = min(args.duration, 600.0)
    if args.synthesize:
        print(f"synthesized {synthesize(args.synthesize, args.db, args.copies)} articles into {args.db}")
    con = duckdb.connect(str(args.db), read_only=True)
    n_articles = int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    con.close()
    mix = request_mix(args.db)
    base = f"http://{HOST}:{args.port}"
    server = start_server(args.db, args.port, args.workers, args.response_cache)
    try:
        wait_ready(base)
        if args.warm:
            warm_up(base, mix)
        before = load_average()
        writer = start_ingest(args.db, args.ingest, args.ingest_batch) if args.ingest else None
        if args.client == "wrk":
            figures = drive_wrk(base, mix, args.clients, args.duration, args.think, args.wrk_threads)
        else:
            out, errors, elapsed = asyncio.run(drive(base, mix, args.clients, args.duration, args.think))
        after = load_average()
        ingest_line = finish_ingest(writer, base, n_articles) if writer else None
    finally:
        server.terminate()
        server.wait(timeout=20)
    header(n_articles, args)
    met = report_wrk(figures) if args.client == "wrk" else report(out, errors, elapsed)
    if ingest_line:
        print(ingest_line)
    print(
        f"distinct URLs in the mix: {len({path for _, path in mix})}; warmed first: {'yes' if args.warm else 'no'}"
    )
    print(f"load average (1 min) before {before[0]:.2f}, at the end {after[0]:.2f} on {os.cpu_count()} cores")
    print(f"goal p95 < 150 ms and 0 errors: {'PASS' if met else 'MISS'}")


if __name__ == "__main__":
    main()
