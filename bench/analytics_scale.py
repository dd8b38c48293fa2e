"""Analytics at scale: a synthetic store of 10 M events, and how fast the dyad queries answer.

The synthetic rows are generated from the real records of a source store (default: the bundled
example articles, analysed now): each real event and stance is copied many times with its
article moved to another month and its dyad rotated through real country pairs. This is for load
only — the numbers mean nothing. Then the two queries behind ``dyadwatch report`` and the web's
dyad overview (``dyad_index_months`` and ``dyad_issue_months``) are timed, medians of repeats.

    .venv/bin/python bench/analytics_scale.py --events 10000000 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dyadwatch.storage import queries
from dyadwatch.storage.store import Store, connect

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["USA", "CHN", "RUS", "JPN", "KOR", "TWN", "IND", "AUS", "GBR", "FRA", "DEU", "UKR", "IRN", "PRK"]


def seed_store(db: Path) -> None:
    """The real records the synthetic ones are copied from."""
    from dyadwatch.runners.local import ingest

    with Store(db) as store:
        ingest([str(ROOT / "examples" / "articles")], store)


def synthesize(db: Path, n_events: int, events_per_article: int = 20) -> dict[str, int]:
    """Grow the store to ``n_events`` events (and proportional articles and stances)."""
    con = connect(db)
    real_events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    n_articles = max(1, n_events // events_per_article)
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    t0 = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    # articles: short texts (the spans of copied records point into the real article's text length
    # only for the evidence lookups, which take the first characters — fine for load)
    con.execute(f"""
        INSERT INTO articles (id, title, published, published_precision, published_inferred, language, kind,
                              text, record)
        SELECT 'syn' || i::VARCHAR, 'synthetic ' || i::VARCHAR,
               strftime(DATE '2015-01-01' + INTERVAL (i % 3650) DAY, '%Y-%m-%d'), 'day', false, 'en', 'news',
               repeat('x', 400), '{{}}'
        FROM range({n_articles}) t(i)""")
    con.execute(f"""
        INSERT INTO events
        SELECT 'syn' || (i % {n_articles})::VARCHAR, i,
               e.source, e.target,
               {countries}[1 + (i % {len(COUNTRIES)})], {countries}[1 + ((i // 7 + 1 + i % {len(COUNTRIES)}) % {len(COUNTRIES)})],
               e.type, e.cameo, e.goldstein, e.quad_class, 'asserted',
               strftime(DATE '2015-01-01' + INTERVAL ((i % {n_articles}) % 3650) DAY, '%Y-%m'), 'month',
               e.location, e.issues, e.reported_by, e.trigger_start, e.trigger_end,
               json_object('sentence_span', e.record->'sentence_span')
        FROM range({n_events - real_events}) t(i)
        JOIN (SELECT *, row_number() OVER () - 1 AS k FROM events) e ON e.k = i % {real_events}""")
    real_stances = con.execute("SELECT count(*) FROM issue_stances").fetchall()[0][0]
    n_stances = n_events // 5
    con.execute(f"""
        INSERT INTO issue_stances
        SELECT 'syn' || (i % {n_articles})::VARCHAR, i,
               s.issue, CASE WHEN i % 3 = 0 THEN 'CHN-USA' ELSE s.dyad END, s.stance, s.score, s.voices,
               json_object('evidence', s.record->'evidence')
        FROM range({n_stances}) t(i)
        JOIN (SELECT *, row_number() OVER () - 1 AS k FROM issue_stances) s ON s.k = i % {real_stances}""")
    con.execute("COMMIT")
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t in ("articles", "events", "issue_stances")
    }
    con.close()
    print(f"synthesised in {time.perf_counter() - t0:.1f} s: {counts}")
    return counts


def timed(func, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(func())
        times.append(time.perf_counter() - t)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="keep the synthetic store here (default: a temp file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "scale.duckdb"
        if not db.exists():
            seed_store(db)
            synthesize(db, args.events)
        con = connect(db, read_only=True)
        for name, func in [
            ("dyad x month cooperation-conflict index (CHN-USA)", lambda: queries.dyad_index_months(con, "CHN-USA")),
            ("dyad x issue x month stances (CHN-USA)", lambda: queries.dyad_issue_months(con, "CHN-USA")),
            ("dyad summary: both, one issue, 2020-2022", lambda: queries.dyad_issue_months(
                con, "CHN-USA", issue="taiwan", start="2020-01", end="2022-12") + queries.dyad_index_months(
                con, "CHN-USA", start="2020-01", end="2022-12")),
        ]:  # fmt: skip
            median, rows = timed(func, args.repeat)
            print(f"{name:52} median {median * 1000:8.1f} ms over {args.repeat} runs ({rows} rows)")
        con.close()


if __name__ == "__main__":
    main()
