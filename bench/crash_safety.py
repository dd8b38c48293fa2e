"""Crash safety of ``dyadwatch ingest``: kill -9 at random moments, re-run, lose nothing.

A reference run ingests the texts into a fresh database and records how many rows each
article has in every per-article table. Then each trial (seeded) starts the ingest on a fresh
database, kills it with SIGKILL at a random moment, and checks the interrupted database:

- DuckDB opens it (replaying its write-ahead log);
- every stored article is stored once (count == distinct ids);
- no partial article: each stored article has exactly the reference's rows in actors, mentions,
  quotes, events, issue_stances and forecasts, and no row points at a missing article.

It then re-runs the ingest to completion and checks the same plus: every expected article is
there. Usage (about 5 minutes on 2 cores):

    .venv/bin/python bench/crash_safety.py --texts 60 --trials 20 --seed 9
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
DYADWATCH = ROOT / ".venv" / "bin" / "dyadwatch"
CHILD_TABLES = ("actors", "mentions", "quotes", "events", "issue_stances", "forecasts")


def pick_texts(dest: Path, n: int, seed: int, corpus: Path = CORPUS) -> list[Path]:
    """Copy ``n`` corpus texts (a seeded sample) into ``dest``."""
    files = sorted(corpus.glob("*.txt"))
    chosen = random.Random(seed).sample(files, min(n, len(files)))
    dest.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(f, dest / f.name)) for f in chosen]


def start_ingest(inputs: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(DYADWATCH), "ingest", str(inputs), "--db", str(db), "--quiet", "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches only it
    )


def run_ingest(inputs: Path, db: Path) -> float:
    started = time.perf_counter()
    proc = start_ingest(inputs, db)
    code = proc.wait()
    if code not in (0, 1):  # 1: some input rejected (non-English, too short): expected
        raise RuntimeError(f"ingest exited with {code}")
    return time.perf_counter() - started


def article_rows(db: Path) -> dict[str, tuple[int, ...]]:
    """Per stored article, its row count in each child table (opens the file: WAL replay)."""
    con = duckdb.connect(str(db))
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
        if len(ids) != len(set(ids)):
            raise AssertionError(f"{len(ids) - len(set(ids))} articles stored twice")
        counts = {i: [0] * len(CHILD_TABLES) for i in ids}
        for k, table in enumerate(CHILD_TABLES):
            for article_id, n in con.execute(
                f"SELECT article_id, count(*) FROM {table} GROUP BY 1"
            ).fetchall():
                if article_id not in counts:
                    raise AssertionError(f"{n} orphan rows in {table} for missing article {article_id[:12]}")
                counts[article_id][k] = n
        return {i: tuple(c) for i, c in counts.items()}
    finally:
        con.close()


def check_against(reference: dict[str, tuple[int, ...]], found: dict[str, tuple[int, ...]]) -> list[str]:
    """Problems of ``found`` (a subset of the reference articles, each whole)."""
    problems = [f"unexpected article {i[:12]}" for i in found if i not in reference]
    for article_id, counts in found.items():
        if article_id in reference and counts != reference[article_id]:
            problems.append(f"partial article {article_id[:12]}: rows {counts} != {reference[article_id]}")
    return problems


@dataclass
class Report:
    texts: int
    expected: int
    reference_s: float
    trials: list[dict[str, Any]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [p for t in self.trials for p in t["problems"]]


def crash_trials(texts: int, trials: int, seed: int, workdir: Path, log: bool = True) -> Report:
    inputs = workdir / "texts"
    pick_texts(inputs, texts, seed)
    ref_db = workdir / "reference.duckdb"
    reference_s = run_ingest(inputs, ref_db)
    reference = article_rows(ref_db)
    report = Report(texts=texts, expected=len(reference), reference_s=reference_s)
    if log:
        print(f"reference: {texts} texts -> {len(reference)} articles in {reference_s:.1f} s", flush=True)
    rng = random.Random(seed)
    for trial in range(trials):
        db = workdir / f"trial{trial}.duckdb"
        kill_at = rng.uniform(0.3, reference_s)
        proc = start_ingest(inputs, db)
        try:
            proc.wait(timeout=kill_at)
            finished_first = True
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            finished_first = False
        problems: list[str] = []
        stored_after_kill = 0
        wal = db.with_name(db.name + ".wal").exists()
        if db.exists():
            try:
                after_kill = article_rows(db)
            except Exception as exc:  # a database that does not open is the worst failure
                problems.append(f"after kill: {type(exc).__name__}: {exc}")
                after_kill = {}
            stored_after_kill = len(after_kill)
            problems += [f"after kill: {p}" for p in check_against(reference, after_kill)]
        rerun_s = run_ingest(inputs, db)
        final = article_rows(db)
        problems += [f"after re-run: {p}" for p in check_against(reference, final)]
        if set(final) != set(reference):
            problems.append(f"after re-run: {len(final)} articles, expected {len(reference)}")
        row: dict[str, Any] = {
            "trial": trial,
            "kill_at_s": round(kill_at, 2),
            "finished_before_kill": finished_first,
            "wal_left": wal,
            "stored_at_kill": stored_after_kill,
            "final": len(final),
            "rerun_s": round(rerun_s, 1),
            "problems": problems,
        }
        report.trials.append(row)
        if log:
            print(
                f"trial {trial:2d}: kill at {kill_at:5.2f} s, {stored_after_kill:3d} stored at kill"
                f"{' (WAL left)' if wal else ''}, re-run {rerun_s:4.1f} s -> {len(final)}/{len(reference)}"
                f"{'  PROBLEMS: ' + '; '.join(problems) if problems else '  ok'}",
                flush=True,
            )
        for path in (db, db.with_name(db.name + ".wal")):
            path.unlink(missing_ok=True)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=60)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dyadwatch-crash-") as tmp:
        report = crash_trials(args.texts, args.trials, args.seed, Path(tmp))
    killed = sum(1 for t in report.trials if not t["finished_before_kill"])
    partial = [t["stored_at_kill"] for t in report.trials if not t["finished_before_kill"]]
    print(
        f"{len(report.trials)} trials ({killed} killed mid-run, stored at kill: "
        f"{min(partial, default=0)}..{max(partial, default=0)} of {report.expected}); "
        f"problems: {len(report.problems)}; total {time.perf_counter() - started:.0f} s"
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
