"""Analytics views and queries over the two founding articles stored in DuckDB."""

from __future__ import annotations

from pathlib import Path

from dyadwatch.model import Analysis
from dyadwatch.storage.queries import actor_activity, dyad_index_months, dyad_issue_months, list_forecasts
from dyadwatch.storage.schema import MIGRATIONS
from dyadwatch.storage.store import Store, connect


def _store(db_file: Path, analyses: dict[str, Analysis]) -> None:
    with Store(db_file) as store:
        store.write_batch(analyses.values())


def test_views_are_a_migration() -> None:
    assert any("v_issue_stance_months" in name for _, name, _ in MIGRATIONS)


def test_issue_months_with_evidence(db_file: Path, example_analyses: dict[str, Analysis]) -> None:
    _store(db_file, example_analyses)
    con = connect(db_file, read_only=True)
    cells = dyad_issue_months(con, "CHN-USA")
    by_key = {(c["issue"], c["month"]): c for c in cells}
    assert by_key[("taiwan", "2023-01")]["stance"] == "contention"
    assert by_key[("climate", "2021-03")]["stance"] == "cooperation"
    assert by_key[("maritime", "2021-03")]["stance"] == "mixed"
    assert all(c["evidence"] and c["evidence"].strip() for c in cells)
    assert dyad_issue_months(con, "CHN-USA", issue="taiwan", start="2023-01", end="2023-12") == [
        by_key[("taiwan", "2023-01")]
    ]
    con.close()


def test_index_and_actor_activity(db_file: Path, example_analyses: dict[str, Analysis]) -> None:
    _store(db_file, example_analyses)
    con = connect(db_file, read_only=True)
    points = dyad_index_months(con, "CHN-USA")
    assert points and all(-1 <= p["coop_index"] <= 1 for p in points)
    for p in points:
        quads = (
            p["verbal_cooperation"]
            + p["material_cooperation"]
            + p["verbal_conflict"]
            + p["material_conflict"]
        )
        assert quads == p["n_events"]
    actors = {a["actor_id"]: a for a in actor_activity(con, limit=500)}
    assert actors["person:michael-swaine"]["n_quotes"] >= 3
    con.close()


def test_forecast_ledger(db_file: Path, example_analyses: dict[str, Analysis]) -> None:
    _store(db_file, example_analyses)
    con = connect(db_file, read_only=True)
    rows = list_forecasts(con, dyad="CHN-USA", as_of="2024-06-01")
    minihan = next(r for r in rows if "at war in two years" in r["text"])
    assert (minihan["horizon"], minihan["status"]) == ("2025", "open")
    assert "Minihan predicted" in minihan["sentence"]
    due = list_forecasts(con, dyad="CHN-USA", due_before="2025-01-01", as_of="2024-06-01")
    assert due and all(r["horizon"] < "2025" for r in due)
    assert minihan["text"] not in {r["text"] for r in due}
    assert list_forecasts(con, as_of="2030-01-01")[0]["status"] == "past"
    con.close()


def test_views_dyad_index_query_equals_view(tmp_path: Path, example_analyses: dict[str, Analysis]) -> None:
    """The per-dyad index query (filter first, for speed) gives the view's rows exactly."""

    with Store(tmp_path / "v.duckdb") as store:
        store.write_batch(example_analyses.values())
        rows = dyad_index_months(store.con, "CHN-USA")
        view = store.con.execute(
            "SELECT * FROM v_dyad_index_months WHERE dyad = 'CHN-USA' ORDER BY month"
        ).fetchall()
        names = [d[0] for d in store.con.description]
    assert rows and len(rows) == len(view)
    for row, expected in zip(rows, view, strict=True):
        assert {k: row[k] for k in names} == dict(zip(names, expected, strict=True))
